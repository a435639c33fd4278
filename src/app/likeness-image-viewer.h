/* likeness-image-viewer.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIKENESS_TYPE_IMAGE_VIEWER (likeness_image_viewer_get_type ())

G_DECLARE_FINAL_TYPE (LikenessImageViewer, likeness_image_viewer, LIKENESS, IMAGE_VIEWER, AdwWindow)

LikenessImageViewer *likeness_image_viewer_new          (GtkWindow           *parent,
                                                         GListModel          *samples,
                                                         guint                columns);
guint                likeness_image_viewer_get_position (LikenessImageViewer *self);
void                 likeness_image_viewer_set_position (LikenessImageViewer *self,
                                                         guint                position);

G_END_DECLS
