/* dataset-fixtures.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dataset-fixtures.h"

/* Big random blocks with a little noise: distinct seeds give distinct
 * perceptual hashes, and JPEG keeps the blocks' colours. */
GdkPixbuf *
fixture_pattern (guint width,
                 guint height,
                 guint seed)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, (int) width, (int) height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 colours[6][6][3];
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < 6; y++)
    for (int x = 0; x < 6; x++)
      for (int c = 0; c < 3; c++)
        colours[y][x][c] = (guint8) g_rand_int_range (rand, 0, 256);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + x * 3;
        const guint8 *c = colours[y * 6 / height][x * 6 / width];

        for (int i = 0; i < 3; i++)
          p[i] = (guint8) CLAMP ((int) c[i] + g_rand_int_range (rand, -6, 7), 0, 255);
      }

  return pixbuf;
}

static void
put16 (GByteArray *a,
       guint16     v)
{
  guint8 b[2] = { v & 0xff, v >> 8 };
  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };
  g_byte_array_append (a, b, 4);
}

static void
entry (GByteArray *a,
       guint16     tag,
       guint16     type,
       guint32     count,
       guint32     value)
{
  put16 (a, tag);
  put16 (a, type);
  put32 (a, count);
  put32 (a, value);
}

/* A little-endian TIFF block: IFD0 (orientation, GPS and EXIF pointers),
 * a GPS IFD with a latitude reference, an EXIF IFD with a maker note. */
GBytes *
fixture_exif_tiff (guint       orientation,
                   FixtureMeta meta)
{
  GByteArray *a = g_byte_array_new ();
  guint n0 = 1 + ((meta & FIXTURE_EXIF_GPS) ? 1 : 0) + ((meta & FIXTURE_EXIF_MAKER_NOTE) ? 1 : 0);
  guint32 ifd0_end = 8 + 2 + n0 * 12 + 4;
  guint32 gps_at = ifd0_end;
  guint32 exif_at = gps_at + ((meta & FIXTURE_EXIF_GPS) ? 2 + 2 * 12 + 4 : 0);
  guint32 note_at = exif_at + 2 + 12 + 4;

  g_byte_array_append (a, (const guint8 *) "II*\0", 4);
  put32 (a, 8);
  put16 (a, (guint16) n0);
  entry (a, 0x0112, 3, 1, orientation);
  if (meta & FIXTURE_EXIF_MAKER_NOTE)
    entry (a, 0x8769, 4, 1, exif_at);
  if (meta & FIXTURE_EXIF_GPS)
    entry (a, 0x8825, 4, 1, gps_at);
  put32 (a, 0);

  if (meta & FIXTURE_EXIF_GPS)
    {
      put16 (a, 2);
      entry (a, 0x0000, 1, 4, 0x00000202);
      entry (a, 0x0001, 2, 2, 'N');
      put32 (a, 0);
    }
  if (meta & FIXTURE_EXIF_MAKER_NOTE)
    {
      put16 (a, 1);
      entry (a, 0x927c, 7, 8, note_at);
      put32 (a, 0);
      g_byte_array_append (a, (const guint8 *) "LKMAKER", 8);
    }

  return g_byte_array_free_to_bytes (a);
}

static void
segment (GByteArray   *out,
         guint8        marker,
         const guint8 *prefix,
         gsize         prefix_len,
         const guint8 *payload,
         gsize         payload_len)
{
  gsize len = 2 + prefix_len + payload_len;
  guint8 head[4] = { 0xff, marker, (guint8) (len >> 8), (guint8) (len & 0xff) };

  g_byte_array_append (out, head, 4);
  g_byte_array_append (out, prefix, (guint) prefix_len);
  g_byte_array_append (out, payload, (guint) payload_len);
}

GBytes *
fixture_jpeg (GdkPixbuf   *pixbuf,
              int          quality,
              guint        orientation,
              FixtureMeta  meta)
{
  g_autofree char *buffer = NULL;
  g_autofree char *q = g_strdup_printf ("%d", quality);
  gsize length = 0;
  GByteArray *out = g_byte_array_new ();

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", NULL,
                                            "quality", q, NULL));
  g_assert_cmpuint (length, >, 4);

  /* SOI, then our segments, then the rest of gdk-pixbuf's JPEG. */
  g_byte_array_append (out, (const guint8 *) buffer, 2);
  if (meta & (FIXTURE_EXIF_ORIENTATION | FIXTURE_EXIF_GPS | FIXTURE_EXIF_MAKER_NOTE))
    {
      g_autoptr(GBytes) tiff = fixture_exif_tiff (orientation, meta);
      gsize n = 0;
      const guint8 *t = g_bytes_get_data (tiff, &n);

      segment (out, 0xe1, (const guint8 *) "Exif\0", 6, t, n);
    }
  if (meta & FIXTURE_XMP)
    {
      static const char xmp[] = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><secret>Home</secret></x:xmpmeta>";

      segment (out, 0xe1, (const guint8 *) "http://ns.adobe.com/xap/1.0/", 29,
               (const guint8 *) xmp, sizeof xmp - 1);
    }
  if (meta & FIXTURE_COMMENT)
    segment (out, 0xfe, NULL, 0, (const guint8 *) "private comment", 15);
  g_byte_array_append (out, (const guint8 *) buffer + 2, (guint) length - 2);

  return g_byte_array_free_to_bytes (out);
}

static void
png_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  guint8 len[4] = { (guint8) (length >> 24), (guint8) (length >> 16), (guint8) (length >> 8), (guint8) length };
  guint8 crc[4] = { 0, 0, 0, 0 };
  guint32 c = 0xffffffff;

  g_byte_array_append (out, len, 4);
  g_byte_array_append (out, (const guint8 *) type, 4);
  g_byte_array_append (out, data, (guint) length);

  for (gsize i = 0; i < 4 + length; i++)
    {
      guint8 byte = i < 4 ? (guint8) type[i] : data[i - 4];

      c ^= byte;
      for (int k = 0; k < 8; k++)
        c = (c >> 1) ^ (0xedb88320 & (0 - (c & 1)));
    }
  c ^= 0xffffffff;
  crc[0] = c >> 24;
  crc[1] = c >> 16;
  crc[2] = c >> 8;
  crc[3] = c;
  g_byte_array_append (out, crc, 4);
}

GBytes *
fixture_png (GdkPixbuf *pixbuf,
             gboolean   with_text_and_exif)
{
  g_autofree char *buffer = NULL;
  gsize length = 0;
  GByteArray *out = g_byte_array_new ();
  gsize ihdr_end = 8 + 12 + 13;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));
  g_byte_array_append (out, (const guint8 *) buffer, (guint) ihdr_end);
  if (with_text_and_exif)
    {
      g_autoptr(GBytes) tiff = fixture_exif_tiff (1, FIXTURE_EXIF_GPS);
      gsize n = 0;
      const guint8 *t = g_bytes_get_data (tiff, &n);

      png_chunk (out, "tEXt", (const guint8 *) "Author\0Jane Doe", 15);
      png_chunk (out, "eXIf", t, n);
    }
  g_byte_array_append (out, (const guint8 *) buffer + ihdr_end, (guint) (length - ihdr_end));
  return g_byte_array_free_to_bytes (out);
}

static void
riff_chunk (GByteArray   *out,
            const char   *fourcc,
            const guint8 *data,
            gsize         length)
{
  GByteArray *tmp = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) fourcc, 4);
  put32 (tmp, (guint32) length);
  g_byte_array_append (out, tmp->data, 4);
  g_byte_array_append (out, data, (guint) length);
  if (length & 1)
    g_byte_array_append (out, (const guint8 *) "", 1);
  g_byte_array_unref (tmp);
}

/* An extended WebP: VP8X + a VP8L bitstream header + EXIF and XMP. The
 * bitstream is not a decodable image; no WebP loader is installed here,
 * and the probe and the stripper only read the container. */
GBytes *
fixture_webp (guint    width,
              guint    height,
              gboolean with_metadata)
{
  GByteArray *out = g_byte_array_new ();
  GByteArray *tmp = g_byte_array_new ();
  guint8 vp8x[10] = { 0 };
  guint8 vp8l[5];
  guint32 bits = (width - 1) | ((height - 1) << 14);
  guint32 riff_size;

  g_byte_array_append (out, (const guint8 *) "RIFF\0\0\0\0WEBP", 12);
  vp8x[0] = with_metadata ? (0x08 | 0x04) : 0;
  vp8x[4] = (width - 1) & 0xff;
  vp8x[5] = ((width - 1) >> 8) & 0xff;
  vp8x[6] = ((width - 1) >> 16) & 0xff;
  vp8x[7] = (height - 1) & 0xff;
  vp8x[8] = ((height - 1) >> 8) & 0xff;
  vp8x[9] = ((height - 1) >> 16) & 0xff;
  riff_chunk (out, "VP8X", vp8x, 10);
  vp8l[0] = 0x2f;
  vp8l[1] = bits & 0xff;
  vp8l[2] = (bits >> 8) & 0xff;
  vp8l[3] = (bits >> 16) & 0xff;
  vp8l[4] = (bits >> 24) & 0xff;
  riff_chunk (out, "VP8L", vp8l, 5);
  if (with_metadata)
    {
      g_autoptr(GBytes) tiff = fixture_exif_tiff (1, FIXTURE_EXIF_GPS);
      gsize n = 0;
      const guint8 *t = g_bytes_get_data (tiff, &n);

      riff_chunk (out, "EXIF", t, n);
      riff_chunk (out, "XMP ", (const guint8 *) "<x:xmpmeta/>", 12);
    }

  riff_size = out->len - 8;
  put32 (tmp, riff_size);
  memcpy (out->data + 4, tmp->data, 4);
  g_byte_array_unref (tmp);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
fixture_png_header_only (guint width,
                         guint height)
{
  GByteArray *out = g_byte_array_new ();
  guint8 ihdr[13] = {
    (guint8) (width >> 24), (guint8) (width >> 16), (guint8) (width >> 8), (guint8) width,
    (guint8) (height >> 24), (guint8) (height >> 16), (guint8) (height >> 8), (guint8) height,
    8, 2, 0, 0, 0,
  };

  g_byte_array_append (out, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  png_chunk (out, "IHDR", ihdr, 13);
  png_chunk (out, "IDAT", (const guint8 *) "\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
  png_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
fixture_jpeg_header_only (guint width,
                          guint height)
{
  static const guint8 head[] = { 0xff, 0xd8 };
  guint8 sof[] = {
    0xff, 0xc0, 0x00, 0x11, 0x08,
    (guint8) (height >> 8), (guint8) height, (guint8) (width >> 8), (guint8) width,
    0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
  };
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, head, sizeof head);
  g_byte_array_append (out, sof, sizeof sof);
  g_byte_array_append (out, (const guint8 *) "\xff\xd9", 2);
  return g_byte_array_free_to_bytes (out);
}

void
fixture_write (const char *dir,
               const char *name,
               GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  g_file_set_contents (path, data != NULL ? data : "", (gssize) length, &error);
  g_assert_no_error (error);
}

/* An independent JPEG segment lister, so the tests do not trust the code
 * they test: "E0 DB C0 C4 DA" and so on, up to the first scan. */
char *
fixture_jpeg_segments (const guint8 *data,
                       gsize         length)
{
  GString *str = g_string_new (NULL);
  gsize pos = 2;

  g_assert_cmpuint (length, >=, 4);
  g_assert_cmpuint (data[0], ==, 0xff);
  g_assert_cmpuint (data[1], ==, 0xd8);

  while (pos + 4 <= length)
    {
      guint8 marker;
      gsize len;

      g_assert_cmpuint (data[pos], ==, 0xff);
      marker = data[pos + 1];
      len = (gsize) data[pos + 2] << 8 | data[pos + 3];
      g_string_append_printf (str, "%s%02X", str->len ? " " : "", marker);
      if (marker == 0xda)
        break;
      pos += 2 + len;
    }

  return g_string_free (str, FALSE);
}

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@done, failing after a bound. */
gboolean
fixture_iterate_until (gboolean *done,
                       guint     seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, deadline_cb, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);
  return *done;
}

/* Like g_assert_finalize_object(), for objects that a finished GTask's
 * worker thread may hold for a moment after the callback ran. */
void
fixture_assert_finalize_eventually (gpointer object)
{
  gpointer weak = object;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_thread_yield ();
    }
  g_assert_null (weak);
}
