/* dataset-fixtures.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test images built at test time: nothing binary is checked in.
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FIXTURE_EXIF_NONE        = 0,
  FIXTURE_EXIF_ORIENTATION = 1 << 0,
  FIXTURE_EXIF_GPS         = 1 << 1,
  FIXTURE_EXIF_MAKER_NOTE  = 1 << 2,
  FIXTURE_XMP              = 1 << 3,
  FIXTURE_COMMENT          = 1 << 4,
} FixtureMeta;

GdkPixbuf *fixture_pattern          (guint        width,
                                     guint        height,
                                     guint        seed);
GBytes    *fixture_exif_tiff        (guint        orientation,
                                     FixtureMeta  meta);
GBytes    *fixture_jpeg             (GdkPixbuf   *pixbuf,
                                     int          quality,
                                     guint        orientation,
                                     FixtureMeta  meta);
GBytes    *fixture_png              (GdkPixbuf   *pixbuf,
                                     gboolean     with_text_and_exif);
GBytes    *fixture_webp             (guint        width,
                                     guint        height,
                                     gboolean     with_metadata);
GBytes    *fixture_png_header_only  (guint        width,
                                     guint        height);
GBytes    *fixture_jpeg_header_only (guint        width,
                                     guint        height);
void       fixture_write            (const char  *dir,
                                     const char  *name,
                                     GBytes      *bytes);
char      *fixture_jpeg_segments    (const guint8 *data,
                                     gsize         length);
gboolean   fixture_iterate_until    (gboolean    *done,
                                     guint        seconds);

void       fixture_assert_finalize_eventually (gpointer object);

G_END_DECLS
