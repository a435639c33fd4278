/* test-image-probe.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "lk-core.h"
#include "lk-error.h"

#include "dataset-fixtures.h"

static void
test_probe_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (320, 200, 1);
  g_autoptr(GBytes) jpeg = fixture_jpeg (pixbuf, 90, 6, FIXTURE_EXIF_ORIENTATION | FIXTURE_EXIF_GPS |
                                         FIXTURE_EXIF_MAKER_NOTE | FIXTURE_XMP | FIXTURE_COMMENT);
  g_autoptr(GError) error = NULL;
  LkImageInfo info;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (jpeg, &length);

  g_assert_true (lk_image_probe (data, length, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.format, ==, LK_IMAGE_FORMAT_JPEG);
  g_assert_true (info.size_known);
  g_assert_cmpuint (info.width, ==, 320);
  g_assert_cmpuint (info.height, ==, 200);
  g_assert_cmpuint (info.orientation, ==, 6);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_EXIF, !=, 0);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_GPS, !=, 0);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_MAKER_NOTE, !=, 0);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_XMP, !=, 0);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_COMMENT, !=, 0);
}

static void
test_probe_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (64, 48, 2);
  g_autoptr(GBytes) png = fixture_png (pixbuf, TRUE);
  LkImageInfo info;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (png, &length);

  g_assert_true (lk_image_probe (data, length, &info, NULL));
  g_assert_cmpint (info.format, ==, LK_IMAGE_FORMAT_PNG);
  g_assert_cmpuint (info.width, ==, 64);
  g_assert_cmpuint (info.height, ==, 48);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_TEXT, !=, 0);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_GPS, !=, 0);
}

static void
test_probe_webp (void)
{
  g_autoptr(GBytes) webp = fixture_webp (1000, 700, TRUE);
  LkImageInfo info;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (webp, &length);

  g_assert_true (lk_image_probe (data, length, &info, NULL));
  g_assert_cmpint (info.format, ==, LK_IMAGE_FORMAT_WEBP);
  g_assert_cmpuint (info.width, ==, 1000);
  g_assert_cmpuint (info.height, ==, 700);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_XMP, !=, 0);
  g_assert_cmpuint (info.metadata & LK_IMAGE_META_GPS, !=, 0);
}

static void
test_probe_bomb_header (void)
{
  g_autoptr(GBytes) png = fixture_png_header_only (20000, 20000);
  g_autoptr(GBytes) jpeg = fixture_jpeg_header_only (20000, 20000);
  LkImageInfo info;
  gsize length = 0;
  const guint8 *data;

  data = g_bytes_get_data (png, &length);
  g_assert_true (lk_image_probe (data, length, &info, NULL));
  g_assert_cmpuint ((guint64) info.width * info.height, ==, 400000000);

  data = g_bytes_get_data (jpeg, &length);
  g_assert_true (lk_image_probe (data, length, &info, NULL));
  g_assert_cmpuint (info.width, ==, 20000);
  g_assert_cmpuint (info.height, ==, 20000);
}

static void
test_probe_bad_input (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (64, 48, 3);
  g_autoptr(GBytes) jpeg = fixture_jpeg (pixbuf, 80, 1, FIXTURE_EXIF_GPS);
  g_autoptr(GError) error = NULL;
  LkImageInfo info;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (jpeg, &length);

  g_assert_false (lk_image_probe ((const guint8 *) "", 0, &info, &error));
  g_assert_error (error, LK_DATASET_ERROR, LK_DATASET_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (lk_image_probe ((const guint8 *) "hello, world", 12, &info, &error));
  g_assert_error (error, LK_DATASET_ERROR, LK_DATASET_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* Every prefix of a JPEG: a clean answer, never a crash. */
  for (gsize n = 1; n < MIN (length, 400); n++)
    {
      if (!lk_image_probe (data, n, &info, &error))
        {
          g_assert_nonnull (error);
          g_clear_error (&error);
        }
    }
}

static void
test_strip_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (200, 120, 4);
  g_autoptr(GBytes) jpeg = fixture_jpeg (pixbuf, 85, 1, FIXTURE_EXIF_ORIENTATION | FIXTURE_EXIF_GPS |
                                         FIXTURE_EXIF_MAKER_NOTE | FIXTURE_XMP | FIXTURE_COMMENT);
  g_autoptr(GBytes) stripped = NULL;
  g_autoptr(GByteArray) with_trailer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LkImageMetadata removed = 0;
  LkImageInfo info;
  gsize length = 0, out_length = 0;
  const guint8 *data = g_bytes_get_data (jpeg, &length);
  const guint8 *out;

  /* A trailer after EOI, as phones append. */
  with_trailer = g_byte_array_new ();
  g_byte_array_append (with_trailer, data, (guint) length);
  g_byte_array_append (with_trailer, (const guint8 *) "MPF-TRAILER-DATA", 16);

  stripped = lk_metadata_strip (with_trailer->data, with_trailer->len, &removed, &error);
  g_assert_no_error (error);
  out = g_bytes_get_data (stripped, &out_length);

  g_assert_cmpuint (removed & LK_IMAGE_META_EXIF, !=, 0);
  g_assert_cmpuint (removed & LK_IMAGE_META_GPS, !=, 0);
  g_assert_cmpuint (removed & LK_IMAGE_META_MAKER_NOTE, !=, 0);
  g_assert_cmpuint (removed & LK_IMAGE_META_XMP, !=, 0);
  g_assert_cmpuint (removed & LK_IMAGE_META_COMMENT, !=, 0);
  g_assert_cmpuint (removed & LK_IMAGE_META_TRAILER, !=, 0);

  before = fixture_jpeg_segments (data, length);
  after = fixture_jpeg_segments (out, out_length);
  g_assert_nonnull (strstr (before, "E1"));
  g_assert_null (strstr (after, "E1"));
  g_assert_null (strstr (after, "FE"));
  g_assert_nonnull (strstr (after, "DA"));
  g_assert_null (memmem (out, out_length, "LKMAKER", 7));
  g_assert_null (memmem (out, out_length, "MPF-TRAILER", 11));
  g_assert_cmpuint (out[out_length - 2], ==, 0xff);
  g_assert_cmpuint (out[out_length - 1], ==, 0xd9);

  g_assert_true (lk_image_probe (out, out_length, &info, NULL));
  g_assert_cmpuint (info.metadata, ==, 0);
  g_assert_cmpuint (info.width, ==, 200);

  /* Lossless: the scan data is byte for byte the same. */
  g_assert_nonnull (memmem (data, length, out + out_length - 1000, 1000));
  gdk_pixbuf_loader_write (loader, out, out_length, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (gdk_pixbuf_loader_get_pixbuf (loader)), ==, 200);
}

static void
test_strip_png_webp (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (64, 48, 5);
  g_autoptr(GBytes) png = fixture_png (pixbuf, TRUE);
  g_autoptr(GBytes) webp = fixture_webp (300, 200, TRUE);
  g_autoptr(GBytes) png_out = NULL;
  g_autoptr(GBytes) webp_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  LkImageMetadata removed = 0;
  LkImageInfo info;
  gsize length = 0;
  const guint8 *data;

  data = g_bytes_get_data (png, &length);
  png_out = lk_metadata_strip (data, length, &removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed & LK_IMAGE_META_TEXT, !=, 0);
  g_assert_cmpuint (removed & LK_IMAGE_META_GPS, !=, 0);
  data = g_bytes_get_data (png_out, &length);
  g_assert_null (memmem (data, length, "tEXt", 4));
  g_assert_null (memmem (data, length, "eXIf", 4));
  g_assert_true (gdk_pixbuf_loader_write (loader, data, length, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  g_assert_cmpint (gdk_pixbuf_get_width (gdk_pixbuf_loader_get_pixbuf (loader)), ==, 64);

  data = g_bytes_get_data (webp, &length);
  webp_out = lk_metadata_strip (data, length, &removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed & LK_IMAGE_META_XMP, !=, 0);
  g_assert_cmpuint (removed & LK_IMAGE_META_GPS, !=, 0);
  data = g_bytes_get_data (webp_out, &length);
  g_assert_null (memmem (data, length, "EXIF", 4));
  g_assert_null (memmem (data, length, "XMP ", 4));
  /* The RIFF size matches, and the VP8X flags no longer claim metadata. */
  g_assert_cmpuint ((guint32) (data[4] | data[5] << 8 | data[6] << 16 | (guint32) data[7] << 24), ==, length - 8);
  g_assert_cmpuint (data[20] & 0x0c, ==, 0);
  g_assert_true (lk_image_probe (data, length, &info, NULL));
  g_assert_cmpuint (info.width, ==, 300);
  g_assert_cmpuint (info.metadata, ==, 0);
}

static void
test_strip_truncated (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (64, 48, 6);
  g_autoptr(GBytes) png = fixture_png (pixbuf, TRUE);
  g_autoptr(GBytes) jpeg = fixture_jpeg (pixbuf, 80, 3, FIXTURE_EXIF_ORIENTATION | FIXTURE_EXIF_GPS);
  g_autoptr(GBytes) webp = fixture_webp (30, 20, TRUE);
  GBytes *inputs[] = { png, jpeg, webp };

  for (guint k = 0; k < G_N_ELEMENTS (inputs); k++)
    {
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (inputs[k], &length);

      for (gsize n = 0; n < length; n += 7)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) out = lk_metadata_strip (data, n, NULL, &error);

          g_assert_true ((out == NULL) == (error != NULL));
        }
    }
}

static void
test_trigger_lint (void)
{
  g_autofree char *suggestion = lk_trigger_suggest ();

  g_assert_cmpuint (lk_trigger_lint ("TOK_1a2b3c4d", 4, TRUE), ==, LK_TRIGGER_OK);
  g_assert_cmpuint (lk_trigger_lint ("man", 4, TRUE), ==, LK_TRIGGER_TOO_SHORT | LK_TRIGGER_COMMON_WORD);
  g_assert_cmpuint (lk_trigger_lint ("Person", 4, TRUE), ==, LK_TRIGGER_COMMON_WORD);
  g_assert_cmpuint (lk_trigger_lint ("my dog rex", 4, TRUE), ==, LK_TRIGGER_HAS_SPACES);
  g_assert_cmpuint (lk_trigger_lint ("my dog rex", 4, FALSE), ==, LK_TRIGGER_OK);
  g_assert_cmpuint (lk_trigger_lint ("12345", 4, TRUE), ==, LK_TRIGGER_DIGITS);
  g_assert_cmpuint (lk_trigger_lint ("  ", 4, TRUE), ==, LK_TRIGGER_EMPTY);

  g_assert_true (g_str_has_prefix (suggestion, "TOK_"));
  g_assert_cmpuint (strlen (suggestion), ==, 12);
  for (guint i = 4; i < 12; i++)
    g_assert_true (g_ascii_isxdigit (suggestion[i]));
  g_assert_cmpuint (lk_trigger_lint (suggestion, 4, TRUE), ==, LK_TRIGGER_OK);

  g_assert_true (lk_caption_has_trigger ("TOK_ab, a man", "TOK_ab"));
  g_assert_false (lk_caption_has_trigger ("TOK_abc, a man", "TOK_ab"));
  g_assert_false (lk_caption_has_trigger (NULL, "TOK_ab"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/image-probe/jpeg", test_probe_jpeg);
  g_test_add_func ("/likeness/image-probe/png", test_probe_png);
  g_test_add_func ("/likeness/image-probe/webp", test_probe_webp);
  g_test_add_func ("/likeness/image-probe/bomb-header", test_probe_bomb_header);
  g_test_add_func ("/likeness/image-probe/bad-input", test_probe_bad_input);
  g_test_add_func ("/likeness/metadata-strip/jpeg", test_strip_jpeg);
  g_test_add_func ("/likeness/metadata-strip/png-webp", test_strip_png_webp);
  g_test_add_func ("/likeness/metadata-strip/truncated", test_strip_truncated);
  g_test_add_func ("/likeness/trigger-lint/rules", test_trigger_lint);

  return g_test_run ();
}
