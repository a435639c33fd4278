/* lk-metadata-strip.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lossless metadata removal. The result is described as a list of pieces
 * pointing into the source, so the packer can write a stripped 3 MB photo
 * without copying it. Kept: JFIF, ICC profiles and the Adobe colour
 * transform in JPEG; colour chunks in PNG; the bitstream in WebP. Removed:
 * EXIF (with GPS and maker notes), XMP, IPTC, comments, text chunks and any
 * data after the end of the image (phones append preview images there).
 * The source is untrusted and fuzzed (fuzz/fuzz-metadata-strip.c).
 */

#define G_LOG_DOMAIN "lk-metadata-strip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-error.h"
#include "lk-exif.h"
#include "lk-metadata-strip.h"

struct _LkStripPlan
{
  GArray          *pieces;    /* (element-type LkStripPiece) */
  GPtrArray       *owned;     /* (element-type guint8*): rewritten bytes */
  gsize            size;
  LkImageMetadata  stripped;
};

static void
add_piece (LkStripPlan  *plan,
           const guint8 *data,
           gsize         length)
{
  LkStripPiece piece = { data, length };

  if (length == 0)
    return;

  /* Merge with the previous slice when contiguous: fewer, larger writes. */
  if (plan->pieces->len > 0)
    {
      LkStripPiece *last = &g_array_index (plan->pieces, LkStripPiece, plan->pieces->len - 1);

      if (last->data + last->length == data)
        {
          last->length += length;
          plan->size += length;
          return;
        }
    }

  g_array_append_val (plan->pieces, piece);
  plan->size += length;
}

static void
add_owned_piece (LkStripPlan *plan,
                 guint8      *data,
                 gsize        length)
{
  g_ptr_array_add (plan->owned, data);
  add_piece (plan, data, length);
}

static LkStripPlan *
plan_new (void)
{
  LkStripPlan *plan = g_new0 (LkStripPlan, 1);

  plan->pieces = g_array_new (FALSE, FALSE, sizeof (LkStripPiece));
  plan->owned = g_ptr_array_new_with_free_func (g_free);
  return plan;
}

void
lk_strip_plan_free (LkStripPlan *plan)
{
  if (plan == NULL)
    return;
  g_array_unref (plan->pieces);
  g_ptr_array_unref (plan->owned);
  g_free (plan);
}

static gboolean
set_corrupt (GError     **error,
             const char  *format)
{
  /* Translators: %s is an image format such as JPEG. */
  g_set_error (error, LK_DATASET_ERROR, LK_DATASET_ERROR_CORRUPT,
               _("The %s file is damaged or cut short."), format);
  return FALSE;
}

static LkImageMetadata
classify_exif (const guint8 *tiff,
               gsize         length)
{
  LkImageMetadata flags = LK_IMAGE_META_EXIF;
  LkExifInfo exif;

  if (lk_exif_parse (tiff, length, &exif))
    {
      if (exif.has_gps)
        flags |= LK_IMAGE_META_GPS;
      if (exif.has_maker_note)
        flags |= LK_IMAGE_META_MAKER_NOTE;
    }
  return flags;
}

/* Decides whether a JPEG APPn/COM segment stays; sets what it held otherwise. */
static gboolean
jpeg_keep_segment (guint8           marker,
                   const guint8    *payload,
                   gsize            payload_len,
                   LkImageMetadata *stripped)
{
  if (marker == 0xfe)
    {
      *stripped |= LK_IMAGE_META_COMMENT;
      return FALSE;
    }
  if (marker < 0xe0 || marker > 0xef)
    return TRUE;

  if (marker == 0xe0 && payload_len >= 5 && memcmp (payload, "JFIF\0", 5) == 0)
    return TRUE;
  if (marker == 0xe2 && payload_len >= 12 && memcmp (payload, "ICC_PROFILE\0", 12) == 0)
    return TRUE;
  /* Adobe's APP14 says how to read the colour channels; dropping it would
   * change the colours of CMYK and some RGB files. */
  if (marker == 0xee && payload_len >= 5 && memcmp (payload, "Adobe", 5) == 0)
    return TRUE;

  if (marker == 0xe1 && payload_len >= 6 && memcmp (payload, "Exif\0", 5) == 0)
    *stripped |= classify_exif (payload + 6, payload_len - 6);
  else if (marker == 0xe1 && payload_len >= 4 && memcmp (payload, "http", 4) == 0)
    *stripped |= LK_IMAGE_META_XMP;
  else if (marker == 0xed)
    *stripped |= LK_IMAGE_META_IPTC;
  else
    *stripped |= LK_IMAGE_META_OTHER;

  return FALSE;
}

static gboolean
plan_jpeg (LkStripPlan   *plan,
           const guint8  *data,
           gsize          length,
           GError       **error)
{
  gsize pos = 2;
  gboolean in_scan = FALSE;

  add_piece (plan, data, 2);

  while (pos < length)
    {
      gsize start;
      guint8 marker;
      gsize seg_len;

      if (in_scan)
        {
          /* Entropy-coded data: FF 00 is a stuffed byte and FF D0…D7 a
           * restart marker; anything else ends the scan. */
          const guint8 *p = data + pos;
          gsize scan_start = pos;

          for (;;)
            {
              p = memchr (p, 0xff, length - (gsize) (p - data));
              if (p == NULL || (gsize) (p - data) + 1 >= length)
                {
                  /* A file cut short inside the scan: keep what is there. */
                  add_piece (plan, data + scan_start, length - scan_start);
                  return TRUE;
                }
              if (p[1] == 0x00 || (p[1] >= 0xd0 && p[1] <= 0xd7) || p[1] == 0xff)
                {
                  p += 1;
                  continue;
                }
              break;
            }
          pos = (gsize) (p - data);
          add_piece (plan, data + scan_start, pos - scan_start);
          in_scan = FALSE;
        }

      start = pos;
      if (data[pos] != 0xff)
        return set_corrupt (error, "JPEG");
      while (pos < length && data[pos] == 0xff)
        pos++;
      if (pos >= length)
        break;
      marker = data[pos++];

      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          add_piece (plan, data + start, pos - start);
          continue;
        }
      if (marker == 0xd9)
        {
          add_piece (plan, data + start, pos - start);
          if (pos < length)
            plan->stripped |= LK_IMAGE_META_TRAILER;
          return TRUE;
        }

      if (length - pos < 2)
        return set_corrupt (error, "JPEG");
      seg_len = (gsize) data[pos] << 8 | data[pos + 1];
      if (seg_len < 2 || seg_len > length - pos)
        return set_corrupt (error, "JPEG");

      if (jpeg_keep_segment (marker, data + pos + 2, seg_len - 2, &plan->stripped))
        add_piece (plan, data + start, pos + seg_len - start);

      pos += seg_len;
      if (marker == 0xda)
        in_scan = TRUE;
    }

  /* No EOI: a truncated file; what we have is kept as it is. */
  return TRUE;
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static gboolean
plan_png (LkStripPlan   *plan,
          const guint8  *data,
          gsize          length,
          GError       **error)
{
  gsize pos = 8;

  add_piece (plan, data, 8);

  while (pos < length)
    {
      guint32 chunk_len;
      const guint8 *type;

      if (length - pos < 12)
        return set_corrupt (error, "PNG");
      chunk_len = be32 (data + pos);
      type = data + pos + 4;
      if (chunk_len > length - pos - 12)
        return set_corrupt (error, "PNG");

      if (memcmp (type, "eXIf", 4) == 0)
        plan->stripped |= classify_exif (data + pos + 8, chunk_len);
      else if (memcmp (type, "iTXt", 4) == 0 && chunk_len >= 18 &&
               memcmp (data + pos + 8, "XML:com.adobe.xmp", 18) == 0)
        plan->stripped |= LK_IMAGE_META_XMP;
      else if (memcmp (type, "tEXt", 4) == 0 || memcmp (type, "zTXt", 4) == 0 ||
               memcmp (type, "iTXt", 4) == 0)
        plan->stripped |= LK_IMAGE_META_TEXT;
      else if (memcmp (type, "tIME", 4) == 0)
        plan->stripped |= LK_IMAGE_META_OTHER;
      else
        add_piece (plan, data + pos, 12 + (gsize) chunk_len);

      pos += 12 + (gsize) chunk_len;
      if (memcmp (type, "IEND", 4) == 0)
        {
          if (pos < length)
            plan->stripped |= LK_IMAGE_META_TRAILER;
          return TRUE;
        }
    }

  return set_corrupt (error, "PNG");
}

static void
put_le32 (guint8  *p,
          guint32  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

#define VP8X_FLAG_XMP  0x04
#define VP8X_FLAG_EXIF 0x08

static gboolean
plan_webp (LkStripPlan   *plan,
           const guint8  *data,
           gsize          length,
           GError       **error)
{
  guint8 *header;
  gsize pos = 12;
  gsize end;
  guint32 riff_size = le32 (data + 4);

  if ((gsize) riff_size + 8 > length || riff_size < 4)
    return set_corrupt (error, "WebP");
  end = (gsize) riff_size + 8;
  if (end < length)
    plan->stripped |= LK_IMAGE_META_TRAILER;

  /* The RIFF header is rewritten at the end, once the size is known. */
  header = g_memdup2 (data, 12);
  add_owned_piece (plan, header, 12);

  while (pos < end)
    {
      const guint8 *fourcc = data + pos;
      gsize chunk_len;
      gsize total;

      if (end - pos < 8)
        return set_corrupt (error, "WebP");
      chunk_len = le32 (data + pos + 4);
      if (chunk_len > end - pos - 8)
        return set_corrupt (error, "WebP");
      total = 8 + chunk_len + (chunk_len & 1);
      if (total > end - pos)
        total = end - pos;

      if (memcmp (fourcc, "EXIF", 4) == 0)
        {
          const guint8 *payload = data + pos + 8;

          if (chunk_len >= 6 && memcmp (payload, "Exif\0\0", 6) == 0)
            plan->stripped |= classify_exif (payload + 6, chunk_len - 6);
          else
            plan->stripped |= classify_exif (payload, chunk_len);
        }
      else if (memcmp (fourcc, "XMP ", 4) == 0)
        plan->stripped |= LK_IMAGE_META_XMP;
      else if (memcmp (fourcc, "VP8X", 4) == 0 && chunk_len >= 1)
        {
          guint8 *vp8x = g_memdup2 (data + pos, total);

          vp8x[8] &= (guint8) ~(VP8X_FLAG_XMP | VP8X_FLAG_EXIF);
          add_owned_piece (plan, vp8x, total);
        }
      else
        add_piece (plan, data + pos, total);

      pos += total;
    }

  put_le32 (header + 4, (guint32) (plan->size - 8));
  return TRUE;
}

/**
 * lk_strip_plan_new:
 * @data: a whole image file; must outlive the plan
 * @length: its length
 * @error: a #GError
 *
 * Plans the lossless removal of metadata from a JPEG, PNG or WebP file.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL if the format is
 *   not one of those three or the file is damaged
 */
LkStripPlan *
lk_strip_plan_new (const guint8  *data,
                   gsize          length,
                   GError       **error)
{
  g_autoptr(LkStripPlan) plan = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  plan = plan_new ();

  switch (lk_image_format_sniff (data, length))
    {
    case LK_IMAGE_FORMAT_JPEG:
      ok = plan_jpeg (plan, data, length, error);
      break;

    case LK_IMAGE_FORMAT_PNG:
      ok = plan_png (plan, data, length, error);
      break;

    case LK_IMAGE_FORMAT_WEBP:
      ok = plan_webp (plan, data, length, error);
      break;

    case LK_IMAGE_FORMAT_UNKNOWN:
    case LK_IMAGE_FORMAT_HEIF:
    case LK_IMAGE_FORMAT_AVIF:
    case LK_IMAGE_FORMAT_GIF:
    case LK_IMAGE_FORMAT_BMP:
    case LK_IMAGE_FORMAT_TIFF:
    default:
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_UNSUPPORTED,
                           _("Metadata can only be removed from JPEG, PNG and WebP files."));
      return NULL;
    }

  if (!ok)
    return NULL;

  return g_steal_pointer (&plan);
}

gsize
lk_strip_plan_get_size (LkStripPlan *plan)
{
  return plan->size;
}

LkImageMetadata
lk_strip_plan_get_stripped (LkStripPlan *plan)
{
  return plan->stripped;
}

guint
lk_strip_plan_get_n_pieces (LkStripPlan *plan)
{
  return plan->pieces->len;
}

const LkStripPiece *
lk_strip_plan_get_piece (LkStripPlan *plan,
                         guint        index)
{
  g_return_val_if_fail (index < plan->pieces->len, NULL);
  return &g_array_index (plan->pieces, LkStripPiece, index);
}

/**
 * lk_strip_plan_to_bytes:
 * @plan: a plan
 *
 * Returns: (transfer full): the stripped file as one buffer
 */
GBytes *
lk_strip_plan_to_bytes (LkStripPlan *plan)
{
  guint8 *out = g_malloc (MAX (plan->size, 1));
  gsize at = 0;

  for (guint i = 0; i < plan->pieces->len; i++)
    {
      const LkStripPiece *piece = &g_array_index (plan->pieces, LkStripPiece, i);

      memcpy (out + at, piece->data, piece->length);
      at += piece->length;
    }

  return g_bytes_new_take (out, plan->size);
}

/**
 * lk_metadata_strip:
 * @data: a whole image file
 * @length: its length
 * @stripped: (out) (optional): what was removed
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the file without its metadata
 */
GBytes *
lk_metadata_strip (const guint8     *data,
                   gsize             length,
                   LkImageMetadata  *stripped,
                   GError          **error)
{
  g_autoptr(LkStripPlan) plan = lk_strip_plan_new (data, length, error);

  if (plan == NULL)
    return NULL;
  if (stripped != NULL)
    *stripped = plan->stripped;
  return lk_strip_plan_to_bytes (plan);
}
