/* lk-image-probe.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LK_IMAGE_FORMAT_UNKNOWN,
  LK_IMAGE_FORMAT_JPEG,
  LK_IMAGE_FORMAT_PNG,
  LK_IMAGE_FORMAT_WEBP,
  LK_IMAGE_FORMAT_HEIF,
  LK_IMAGE_FORMAT_AVIF,
  LK_IMAGE_FORMAT_GIF,
  LK_IMAGE_FORMAT_BMP,
  LK_IMAGE_FORMAT_TIFF,
} LkImageFormat;

/* What an image carries besides its pixels. Also used to say what was
 * stripped. */
typedef enum
{
  LK_IMAGE_META_NONE       = 0,
  LK_IMAGE_META_EXIF       = 1 << 0,
  LK_IMAGE_META_GPS        = 1 << 1,
  LK_IMAGE_META_XMP        = 1 << 2,
  LK_IMAGE_META_MAKER_NOTE = 1 << 3,
  LK_IMAGE_META_IPTC       = 1 << 4,
  LK_IMAGE_META_COMMENT    = 1 << 5,
  LK_IMAGE_META_TEXT       = 1 << 6,
  LK_IMAGE_META_OTHER      = 1 << 7,
  LK_IMAGE_META_TRAILER    = 1 << 8,
} LkImageMetadata;

typedef struct
{
  LkImageFormat   format;
  gboolean        size_known;
  guint32         width;        /* as stored, before the EXIF orientation */
  guint32         height;
  guint8          orientation;  /* EXIF orientation, 1…8 */
  LkImageMetadata metadata;
} LkImageInfo;

LkImageFormat  lk_image_format_sniff         (const guint8  *data,
                                              gsize          length);
const char    *lk_image_format_get_name      (LkImageFormat  format);
const char    *lk_image_format_get_extension (LkImageFormat  format);
gboolean       lk_image_probe                (const guint8  *data,
                                              gsize          length,
                                              LkImageInfo   *info,
                                              GError       **error);
char          *lk_image_metadata_describe    (LkImageMetadata metadata);

/* Orientations 5–8 swap width and height. */
#define LK_ORIENTATION_SWAPS_AXES(o) ((o) >= 5 && (o) <= 8)

G_END_DECLS
