/* lk-exif.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bounds-checked reader for the few EXIF (TIFF) tags the dataset needs.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint8   orientation;     /* 1…8, 1 when absent or invalid */
  gboolean has_gps;
  gboolean has_maker_note;
} LkExifInfo;

gboolean lk_exif_parse (const guint8 *tiff,
                        gsize         length,
                        LkExifInfo   *info);

G_END_DECLS
