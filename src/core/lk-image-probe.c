/* lk-image-probe.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads an image's format, size, EXIF orientation and metadata from its
 * header only, so that a decompression bomb is refused before any decode.
 * The input is untrusted: every read is bounds-checked (fuzz/fuzz-image-probe.c).
 */

#define G_LOG_DOMAIN "lk-image-probe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-error.h"
#include "lk-exif.h"
#include "lk-image-probe.h"

static inline guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static inline guint32
le32 (const guint8 *p)
{
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static inline guint32
le24 (const guint8 *p)
{
  return (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

LkImageFormat
lk_image_format_sniff (const guint8 *data,
                       gsize         length)
{
  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return LK_IMAGE_FORMAT_JPEG;
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return LK_IMAGE_FORMAT_PNG;
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return LK_IMAGE_FORMAT_WEBP;
  if (length >= 12 && memcmp (data + 4, "ftyp", 4) == 0)
    {
      const guint8 *brand = data + 8;

      if (memcmp (brand, "avif", 4) == 0 || memcmp (brand, "avis", 4) == 0)
        return LK_IMAGE_FORMAT_AVIF;
      if (memcmp (brand, "heic", 4) == 0 || memcmp (brand, "heix", 4) == 0 ||
          memcmp (brand, "hevc", 4) == 0 || memcmp (brand, "heim", 4) == 0 ||
          memcmp (brand, "heis", 4) == 0 || memcmp (brand, "mif1", 4) == 0 ||
          memcmp (brand, "msf1", 4) == 0)
        return LK_IMAGE_FORMAT_HEIF;
    }
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return LK_IMAGE_FORMAT_GIF;
  if (length >= 2 && data[0] == 'B' && data[1] == 'M')
    return LK_IMAGE_FORMAT_BMP;
  if (length >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return LK_IMAGE_FORMAT_TIFF;

  return LK_IMAGE_FORMAT_UNKNOWN;
}

const char *
lk_image_format_get_name (LkImageFormat format)
{
  switch (format)
    {
    case LK_IMAGE_FORMAT_JPEG: return "JPEG";
    case LK_IMAGE_FORMAT_PNG:  return "PNG";
    case LK_IMAGE_FORMAT_WEBP: return "WebP";
    case LK_IMAGE_FORMAT_HEIF: return "HEIC";
    case LK_IMAGE_FORMAT_AVIF: return "AVIF";
    case LK_IMAGE_FORMAT_GIF:  return "GIF";
    case LK_IMAGE_FORMAT_BMP:  return "BMP";
    case LK_IMAGE_FORMAT_TIFF: return "TIFF";
    case LK_IMAGE_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

const char *
lk_image_format_get_extension (LkImageFormat format)
{
  switch (format)
    {
    case LK_IMAGE_FORMAT_JPEG: return "jpg";
    case LK_IMAGE_FORMAT_PNG:  return "png";
    case LK_IMAGE_FORMAT_WEBP: return "webp";
    case LK_IMAGE_FORMAT_HEIF: return "heic";
    case LK_IMAGE_FORMAT_AVIF: return "avif";
    case LK_IMAGE_FORMAT_GIF:  return "gif";
    case LK_IMAGE_FORMAT_BMP:  return "bmp";
    case LK_IMAGE_FORMAT_TIFF: return "tif";
    case LK_IMAGE_FORMAT_UNKNOWN:
    default:
      return "bin";
    }
}

static void
apply_exif (LkImageInfo  *info,
            const guint8 *tiff,
            gsize         length)
{
  LkExifInfo exif;

  info->metadata |= LK_IMAGE_META_EXIF;
  if (!lk_exif_parse (tiff, length, &exif))
    return;
  info->orientation = exif.orientation;
  if (exif.has_gps)
    info->metadata |= LK_IMAGE_META_GPS;
  if (exif.has_maker_note)
    info->metadata |= LK_IMAGE_META_MAKER_NOTE;
}

static gboolean
set_corrupt (GError     **error,
             const char  *format)
{
  /* Translators: %s is an image format such as JPEG. */
  g_set_error (error, LK_DATASET_ERROR, LK_DATASET_ERROR_CORRUPT,
               _("The %s header is damaged or cut short."), format);
  return FALSE;
}

#define XMP_JPEG_ID "http://ns.adobe.com/xap/1.0/"

static gboolean
probe_jpeg (const guint8  *data,
            gsize          length,
            LkImageInfo   *info,
            GError       **error)
{
  gsize pos = 2;

  while (pos < length)
    {
      guint8 marker;
      gsize seg_len;
      const guint8 *payload;
      gsize payload_len;

      if (data[pos] != 0xff)
        return set_corrupt (error, "JPEG");
      while (pos < length && data[pos] == 0xff)
        pos++;
      if (pos >= length)
        break;
      marker = data[pos++];

      /* Markers without a length. */
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;
      if (marker == 0xd9 || marker == 0xda)
        break;

      if (length - pos < 2)
        break;
      seg_len = (gsize) data[pos] << 8 | data[pos + 1];
      if (seg_len < 2 || seg_len > length - pos)
        break;
      payload = data + pos + 2;
      payload_len = seg_len - 2;

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (payload_len >= 5 && !info->size_known)
            {
              info->height = (guint32) payload[1] << 8 | payload[2];
              info->width = (guint32) payload[3] << 8 | payload[4];
              info->size_known = TRUE;
            }
        }
      else if (marker == 0xe1 && payload_len >= 6 && memcmp (payload, "Exif\0", 5) == 0)
        apply_exif (info, payload + 6, payload_len - 6);
      else if (marker == 0xe1 && payload_len >= sizeof XMP_JPEG_ID &&
               memcmp (payload, XMP_JPEG_ID, sizeof XMP_JPEG_ID) == 0)
        info->metadata |= LK_IMAGE_META_XMP;
      else if (marker == 0xed)
        info->metadata |= LK_IMAGE_META_IPTC;
      else if (marker == 0xfe)
        info->metadata |= LK_IMAGE_META_COMMENT;

      pos += seg_len;
    }

  if (!info->size_known)
    return set_corrupt (error, "JPEG");

  return TRUE;
}

static gboolean
probe_png (const guint8  *data,
           gsize          length,
           LkImageInfo   *info,
           GError       **error)
{
  gsize pos = 8;

  if (length < 8 + 8 + 13 || memcmp (data + 12, "IHDR", 4) != 0 || be32 (data + 8) < 13)
    return set_corrupt (error, "PNG");

  info->width = be32 (data + 16);
  info->height = be32 (data + 20);
  if (info->width == 0 || info->height == 0 || info->width > G_MAXINT32 || info->height > G_MAXINT32)
    return set_corrupt (error, "PNG");
  info->size_known = TRUE;

  while (length - pos >= 12)
    {
      guint32 chunk_len = be32 (data + pos);
      const guint8 *type = data + pos + 4;
      const guint8 *payload = data + pos + 8;

      if (chunk_len > length - pos - 12)
        break;

      if (memcmp (type, "eXIf", 4) == 0)
        apply_exif (info, payload, chunk_len);
      else if (memcmp (type, "iTXt", 4) == 0 && chunk_len >= 18 &&
               memcmp (payload, "XML:com.adobe.xmp", 18) == 0)
        info->metadata |= LK_IMAGE_META_XMP;
      else if (memcmp (type, "tEXt", 4) == 0 || memcmp (type, "zTXt", 4) == 0 ||
               memcmp (type, "iTXt", 4) == 0)
        info->metadata |= LK_IMAGE_META_TEXT;
      else if (memcmp (type, "IEND", 4) == 0)
        break;

      pos += 12 + (gsize) chunk_len;
    }

  return TRUE;
}

static gboolean
probe_webp (const guint8  *data,
            gsize          length,
            LkImageInfo   *info,
            GError       **error)
{
  gsize pos = 12;
  gsize end = length;
  guint32 riff_size = le32 (data + 4);

  /* Trust the shorter of the RIFF size and the data we have. */
  if ((gsize) riff_size + 8 < end)
    end = (gsize) riff_size + 8;

  while (end >= 8 && pos <= end - 8)
    {
      const guint8 *fourcc = data + pos;
      guint32 chunk_len = le32 (data + pos + 4);
      const guint8 *payload = data + pos + 8;
      gsize avail = end - pos - 8;

      if (memcmp (fourcc, "VP8X", 4) == 0 && avail >= 10 && chunk_len >= 10)
        {
          info->width = le24 (payload + 4) + 1;
          info->height = le24 (payload + 7) + 1;
          info->size_known = TRUE;
        }
      else if (memcmp (fourcc, "VP8 ", 4) == 0 && avail >= 10 && chunk_len >= 10 && !info->size_known)
        {
          if (payload[3] != 0x9d || payload[4] != 0x01 || payload[5] != 0x2a)
            return set_corrupt (error, "WebP");
          info->width = (guint32) (payload[6] | payload[7] << 8) & 0x3fff;
          info->height = (guint32) (payload[8] | payload[9] << 8) & 0x3fff;
          info->size_known = TRUE;
        }
      else if (memcmp (fourcc, "VP8L", 4) == 0 && avail >= 5 && chunk_len >= 5 && !info->size_known)
        {
          guint32 bits;

          if (payload[0] != 0x2f)
            return set_corrupt (error, "WebP");
          bits = le32 (payload + 1);
          info->width = (bits & 0x3fff) + 1;
          info->height = ((bits >> 14) & 0x3fff) + 1;
          info->size_known = TRUE;
        }
      else if (memcmp (fourcc, "EXIF", 4) == 0)
        {
          gsize n = MIN ((gsize) chunk_len, avail);

          /* Some writers keep the JPEG-style prefix. */
          if (n >= 6 && memcmp (payload, "Exif\0\0", 6) == 0)
            apply_exif (info, payload + 6, n - 6);
          else
            apply_exif (info, payload, n);
        }
      else if (memcmp (fourcc, "XMP ", 4) == 0)
        info->metadata |= LK_IMAGE_META_XMP;

      if (chunk_len > avail)
        break;
      pos += 8 + (gsize) chunk_len + (chunk_len & 1);
    }

  if (!info->size_known || info->width == 0 || info->height == 0)
    return set_corrupt (error, "WebP");

  return TRUE;
}

/**
 * lk_image_probe:
 * @data: the start of the file; the whole file for the metadata flags
 * @length: the length of @data
 * @info: (out caller-allocates): the result
 * @error: a #GError
 *
 * Reads the header only. For HEIF and AVIF the size is left unknown
 * (@info->size_known is %FALSE); that is not an error.
 *
 * Returns: %TRUE if @data starts like an image whose header could be read
 */
gboolean
lk_image_probe (const guint8  *data,
                gsize          length,
                LkImageInfo   *info,
                GError       **error)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (info, 0, sizeof *info);
  info->orientation = 1;

  if (length == 0)
    {
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_EMPTY,
                           _("The file is empty."));
      return FALSE;
    }

  info->format = lk_image_format_sniff (data, length);

  switch (info->format)
    {
    case LK_IMAGE_FORMAT_JPEG:
      return probe_jpeg (data, length, info, error);

    case LK_IMAGE_FORMAT_PNG:
      return probe_png (data, length, info, error);

    case LK_IMAGE_FORMAT_WEBP:
      return probe_webp (data, length, info, error);

    case LK_IMAGE_FORMAT_GIF:
      if (length < 10)
        return set_corrupt (error, "GIF");
      info->width = (guint32) (data[6] | data[7] << 8);
      info->height = (guint32) (data[8] | data[9] << 8);
      info->size_known = TRUE;
      return TRUE;

    case LK_IMAGE_FORMAT_BMP:
      if (length < 26)
        return set_corrupt (error, "BMP");
      info->width = (guint32) ABS ((gint32) le32 (data + 18));
      info->height = (guint32) ABS ((gint32) le32 (data + 22));
      info->size_known = TRUE;
      return TRUE;

    case LK_IMAGE_FORMAT_HEIF:
    case LK_IMAGE_FORMAT_AVIF:
    case LK_IMAGE_FORMAT_TIFF:
      return TRUE;

    case LK_IMAGE_FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_UNSUPPORTED,
                           _("The file is not an image in a known format."));
      return FALSE;
    }
}

/**
 * lk_image_metadata_describe:
 * @metadata: flags
 *
 * Returns: (transfer full): a translated, comma-separated list such as
 *   "EXIF, GPS location", or an empty string
 */
char *
lk_image_metadata_describe (LkImageMetadata metadata)
{
  static const struct { LkImageMetadata flag; const char *label; } labels[] = {
    { LK_IMAGE_META_EXIF,       N_("EXIF") },
    { LK_IMAGE_META_GPS,        N_("GPS location") },
    { LK_IMAGE_META_MAKER_NOTE, N_("maker notes") },
    { LK_IMAGE_META_XMP,        N_("XMP") },
    { LK_IMAGE_META_IPTC,       N_("IPTC") },
    { LK_IMAGE_META_COMMENT,    N_("comments") },
    { LK_IMAGE_META_TEXT,       N_("text chunks") },
    { LK_IMAGE_META_OTHER,      N_("other application data") },
    { LK_IMAGE_META_TRAILER,    N_("data after the image") },
  };
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if ((metadata & labels[i].flag) == 0)
        continue;
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, _(labels[i].label));
    }

  return g_string_free (str, FALSE);
}
