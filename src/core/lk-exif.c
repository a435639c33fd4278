/* lk-exif.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-exif"

#include "config.h"

#include "lk-exif.h"

#define TAG_ORIENTATION 0x0112
#define TAG_EXIF_IFD    0x8769
#define TAG_GPS_IFD     0x8825
#define TAG_MAKER_NOTE  0x927c

typedef struct
{
  const guint8 *data;
  gsize         length;
  gboolean      big_endian;
} Tiff;

static gboolean
read_u16 (const Tiff *t,
          gsize       offset,
          guint16    *out)
{
  if (offset > t->length || t->length - offset < 2)
    return FALSE;
  if (t->big_endian)
    *out = (guint16) (t->data[offset] << 8 | t->data[offset + 1]);
  else
    *out = (guint16) (t->data[offset + 1] << 8 | t->data[offset]);
  return TRUE;
}

static gboolean
read_u32 (const Tiff *t,
          gsize       offset,
          guint32    *out)
{
  const guint8 *p;

  if (offset > t->length || t->length - offset < 4)
    return FALSE;
  p = t->data + offset;
  if (t->big_endian)
    *out = (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
  else
    *out = (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
  return TRUE;
}

/* Walks one IFD. @sub_ifd receives the offset of the EXIF sub-IFD, if any. */
static gboolean
walk_ifd (const Tiff *t,
          guint32     offset,
          LkExifInfo *info,
          guint32    *sub_ifd)
{
  guint16 count;

  if (!read_u16 (t, offset, &count))
    return FALSE;

  for (guint i = 0; i < count; i++)
    {
      gsize entry = (gsize) offset + 2 + (gsize) i * 12;
      guint16 tag, type;
      guint32 value;

      if (!read_u16 (t, entry, &tag) || !read_u16 (t, entry + 2, &type))
        return FALSE;

      switch (tag)
        {
        case TAG_ORIENTATION:
          {
            guint16 v = 0;

            /* SHORT (3) is the only type the standard allows. */
            if (type == 3 && read_u16 (t, entry + 8, &v) && v >= 1 && v <= 8)
              info->orientation = (guint8) v;
          }
          break;

        case TAG_GPS_IFD:
          info->has_gps = TRUE;
          break;

        case TAG_MAKER_NOTE:
          info->has_maker_note = TRUE;
          break;

        case TAG_EXIF_IFD:
          if (sub_ifd != NULL && read_u32 (t, entry + 8, &value))
            *sub_ifd = value;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/**
 * lk_exif_parse:
 * @tiff: the TIFF structure of an EXIF block (after any `Exif\0\0` prefix)
 * @length: its length
 * @info: (out caller-allocates): what was found
 *
 * Returns: %TRUE if the block had a valid TIFF header and first IFD
 */
gboolean
lk_exif_parse (const guint8 *tiff,
               gsize         length,
               LkExifInfo   *info)
{
  Tiff t = { tiff, length, FALSE };
  guint16 magic;
  guint32 ifd0;
  guint32 exif_ifd = 0;

  info->orientation = 1;
  info->has_gps = FALSE;
  info->has_maker_note = FALSE;

  if (length < 8)
    return FALSE;

  if (tiff[0] == 'I' && tiff[1] == 'I')
    t.big_endian = FALSE;
  else if (tiff[0] == 'M' && tiff[1] == 'M')
    t.big_endian = TRUE;
  else
    return FALSE;

  if (!read_u16 (&t, 2, &magic) || magic != 42 || !read_u32 (&t, 4, &ifd0))
    return FALSE;

  if (!walk_ifd (&t, ifd0, info, &exif_ifd))
    return FALSE;

  /* The sub-IFD may not point back at IFD0; a loop would only re-read it. */
  if (exif_ifd != 0 && exif_ifd != ifd0)
    walk_ifd (&t, exif_ifd, info, NULL);

  return TRUE;
}
