/* likeness-image-tile.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_IMAGE_TILE (likeness_image_tile_get_type ())

G_DECLARE_FINAL_TYPE (LikenessImageTile, likeness_image_tile, LIKENESS, IMAGE_TILE, GtkWidget)

GtkWidget      *likeness_image_tile_new        (void);
void            likeness_image_tile_set_image  (LikenessImageTile *self,
                                                LkDatasetImage    *image,
                                                const char        *errors,
                                                const char        *warnings);
LkDatasetImage *likeness_image_tile_get_image  (LikenessImageTile *self);
guint           likeness_image_tile_get_n_badges (LikenessImageTile *self);

G_END_DECLS
