/* test-packer.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Packs generated datasets and reads the ZIP back: with libarchive for the
 * entries, and by hand for the ZIP headers and the JPEG segments.
 */

#define _GNU_SOURCE

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-core.h"
#include "lk-pack-stream.h"

#include "dataset-fixtures.h"

#define NON_UTF8_NAME "\xff\xfe-photo.jpg"

typedef struct
{
  char           *dir;
  char           *out_dir;
  LkDataset      *dataset;
  gboolean        done;
  GError         *error;
  LkPackManifest *manifest;
} Fixture;

static void
write_jpeg (const char  *dir,
            const char  *name,
            GdkPixbuf   *pixbuf,
            guint        orientation,
            FixtureMeta  meta)
{
  g_autoptr(GBytes) bytes = fixture_jpeg (pixbuf, 92, orientation, meta);

  fixture_write (dir, name, bytes);
}

static void
populate (Fixture *f)
{
  FixtureMeta all = FIXTURE_EXIF_GPS | FIXTURE_EXIF_MAKER_NOTE | FIXTURE_XMP | FIXTURE_COMMENT;
  g_autoptr(GdkPixbuf) upright = fixture_pattern (640, 520, 40);
  g_autoptr(GdkPixbuf) stored = gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
  g_autoptr(GdkPixbuf) png_pixels = fixture_pattern (600, 600, 41);
  g_autoptr(GBytes) png = fixture_png (png_pixels, TRUE);
  g_autoptr(GBytes) webp = fixture_webp (800, 600, TRUE);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) caption = g_bytes_new_static ("TOK_0badf00d, a photo\n", 22);

  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (700, 560, i);
      g_autofree char *name = g_strdup_printf ("photo%u.jpg", i);

      write_jpeg (f->dir, name, pixbuf, 1, all | FIXTURE_EXIF_ORIENTATION);
    }
  write_jpeg (f->dir, "rotated.jpg", stored, 6, all | FIXTURE_EXIF_ORIENTATION);

  {
    g_autoptr(GdkPixbuf) a = fixture_pattern (600, 600, 50);
    g_autoptr(GdkPixbuf) b = fixture_pattern (600, 600, 51);
    g_autoptr(GdkPixbuf) c = fixture_pattern (600, 600, 52);
    g_autoptr(GdkPixbuf) d = fixture_pattern (600, 600, 53);

    write_jpeg (f->dir, "Same.jpg", a, 1, FIXTURE_EXIF_NONE);
    write_jpeg (f->dir, "same.JPG", b, 1, FIXTURE_EXIF_NONE);
    write_jpeg (f->dir, NON_UTF8_NAME, c, 1, all);
    write_jpeg (f->dir, "up..\\..\\evil.jpg", d, 1, all);
  }

  fixture_write (f->dir, "graphic.png", png);
  fixture_write (f->dir, "pic.webp", webp);
  fixture_write (f->dir, "zero.jpg", empty);
  fixture_write (f->dir, "photo1.txt", caption);
  {
    static const guint8 gif[] = {
      'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0,
      '!', 0xf9, 4, 1, 0, 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';',
    };
    g_autoptr(GBytes) bytes = g_bytes_new_static (gif, sizeof gif);

    fixture_write (f->dir, "anim.gif", bytes);
  }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("likeness-pack-in-XXXXXX", &error);
  g_assert_no_error (error);
  f->out_dir = g_dir_make_tmp ("likeness-pack-out-XXXXXX", &error);
  g_assert_no_error (error);
  f->dataset = lk_dataset_new ();
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->manifest);
  fixture_assert_finalize_eventually (g_steal_pointer (&f->dataset));
  remove_dir (f->dir);
  remove_dir (f->out_dir);
  g_free (f->dir);
  g_free (f->out_dir);
  g_clear_error (&f->error);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *f = user_data;

  lk_dataset_add_files_finish (LK_DATASET (object), result, &f->error);
  f->done = TRUE;
}

static void
scan (Fixture *f)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->dir);

  f->done = FALSE;
  lk_dataset_add_files_async (f->dataset, &root, 1, NULL, added_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 30));
  g_assert_no_error (f->error);
}

static void
packed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_object (&f->manifest);
  f->manifest = lk_packer_pack_finish (LK_PACKER (object), result, &f->error);
  f->done = TRUE;
}

static void
planned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_object (&f->manifest);
  f->manifest = lk_packer_plan_finish (LK_PACKER (object), result, &f->error);
  f->done = TRUE;
}

static GBytes *
pack_to_file (Fixture    *f,
              LkPacker   *packer,
              const char *name)
{
  g_autofree char *path = g_build_filename (f->out_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *contents = NULL;
  gsize length = 0;

  f->done = FALSE;
  lk_packer_pack_to_file_async (packer, file, NULL, packed_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 30));
  g_assert_no_error (f->error);
  g_assert_nonnull (f->manifest);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

typedef struct
{
  char   *name;
  GBytes *data;
} ZipEntry;

static void
zip_entry_free (ZipEntry *e)
{
  g_free (e->name);
  g_bytes_unref (e->data);
  g_free (e);
}

/* Reads every entry with libarchive, in order. */
static GPtrArray *
read_zip (GBytes *zip)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) zip_entry_free);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  gsize length = 0;
  const void *data = g_bytes_get_data (zip, &length);

  archive_read_support_format_zip (a);
  g_assert_cmpint (archive_read_open_memory (a, data, length), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      ZipEntry *e = g_new0 (ZipEntry, 1);
      GByteArray *buf = g_byte_array_new ();
      char chunk[65536];
      la_ssize_t n;

      g_assert_cmpint (archive_entry_filetype (entry), ==, AE_IFREG);
      e->name = g_strdup (archive_entry_pathname (entry));
      while ((n = archive_read_data (a, chunk, sizeof chunk)) > 0)
        g_byte_array_append (buf, (const guint8 *) chunk, (guint) n);
      g_assert_cmpint (n, ==, 0);
      e->data = g_byte_array_free_to_bytes (buf);
      g_ptr_array_add (entries, e);
    }
  archive_read_free (a);
  return entries;
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* Checks the central directory by hand: every entry is stored (method 0). */
static guint
assert_all_stored (GBytes *zip)
{
  gsize length = 0;
  const guint8 *d = g_bytes_get_data (zip, &length);
  const guint8 *eocd = NULL;
  guint32 at;
  guint n;

  for (gsize i = length - 22; i > 0 && eocd == NULL; i--)
    if (memcmp (d + i, "PK\5\6", 4) == 0)
      eocd = d + i;
  g_assert_nonnull (eocd);
  n = le16 (eocd + 10);
  at = le32 (eocd + 16);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpmem (d + at, 4, "PK\1\2", 4);
      g_assert_cmpuint (le16 (d + at + 10), ==, 0);
      at += 46 + le16 (d + at + 28) + le16 (d + at + 30) + le16 (d + at + 32);
    }
  return n;
}

static ZipEntry *
find_entry (GPtrArray  *entries,
            const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    {
      ZipEntry *e = g_ptr_array_index (entries, i);

      if (g_str_equal (e->name, name))
        return e;
    }
  return NULL;
}

static GdkPixbuf *
decode (GBytes     *bytes,
        const char *type)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type (type, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static void
assert_same_pixels (GdkPixbuf *expected,
                    GdkPixbuf *actual)
{
  int w = gdk_pixbuf_get_width (expected);
  int h = gdk_pixbuf_get_height (expected);

  g_assert_cmpint (gdk_pixbuf_get_width (actual), ==, w);
  g_assert_cmpint (gdk_pixbuf_get_height (actual), ==, h);

  /* The mean colour around the centre of each of the pattern's 6×6
   * blocks: JPEG keeps those, whatever it does to single pixels. */
  for (int by = 0; by < 6; by++)
    for (int bx = 0; bx < 6; bx++)
      {
        int cx = (2 * bx + 1) * w / 12;
        int cy = (2 * by + 1) * h / 12;

        for (int c = 0; c < 3; c++)
          {
            int se = 0, sa = 0;

            for (int y = cy - 8; y < cy + 8; y++)
              for (int x = cx - 8; x < cx + 8; x++)
                {
                  se += gdk_pixbuf_read_pixels (expected)[y * gdk_pixbuf_get_rowstride (expected) + x * 3 + c];
                  sa += gdk_pixbuf_read_pixels (actual)[y * gdk_pixbuf_get_rowstride (actual) +
                                                        x * gdk_pixbuf_get_n_channels (actual) + c];
                }
            g_assert_cmpint (ABS (se - sa) / 256, <, 12);
          }
      }
}

static void
test_pack_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LkPacker) packer = NULL;
  g_autoptr(LkPackManifest) plan = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(GBytes) zip_again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) lower = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  const LkPackEntry *rotated;
  ZipEntry *e;

  populate (f);
  scan (f);

  packer = lk_packer_new (G_LIST_MODEL (f->dataset));

  /* The plan, before anything is written. */
  f->done = FALSE;
  lk_packer_plan_async (packer, NULL, planned_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 30));
  g_assert_no_error (f->error);
  plan = g_steal_pointer (&f->manifest);
  g_assert_false (lk_pack_manifest_is_exact (plan));

  zip = pack_to_file (f, packer, "out.zip");
  g_assert_true (lk_pack_manifest_is_exact (f->manifest));
  g_assert_cmpuint (lk_pack_manifest_get_archive_size (f->manifest), ==, g_bytes_get_size (zip));
  g_assert_cmpfloat (lk_packer_get_fraction (packer), ==, 1.0);
  g_assert_cmpstr (lk_pack_manifest_get_content_key (plan), ==, lk_pack_manifest_get_content_key (f->manifest));
  g_assert_cmpuint (strlen (lk_pack_manifest_get_content_key (plan)), ==, 64);

  /* 10 images (zero.jpg and anim.gif are left out) + 1 caption. */
  g_assert_cmpuint (lk_pack_manifest_get_n_entries (f->manifest), ==, 11);
  g_assert_cmpuint (lk_pack_manifest_get_n_entries (plan), ==, 11);
  g_assert_cmpuint (lk_pack_manifest_get_n_skipped (f->manifest), ==, 2);
  g_assert_nonnull (strstr (lk_pack_manifest_get_skipped_reason (f->manifest, 0), "GIF"));
  g_assert_cmpuint (assert_all_stored (zip), ==, 11);

  entries = read_zip (zip);
  g_assert_cmpuint (entries->len, ==, 11);
  for (guint i = 0; i < entries->len; i++)
    {
      const LkPackEntry *m = lk_pack_manifest_get_entry (f->manifest, i);
      const LkPackEntry *p = lk_pack_manifest_get_entry (plan, i);

      e = g_ptr_array_index (entries, i);
      g_assert_cmpstr (e->name, ==, m->name);
      g_assert_cmpstr (p->name, ==, m->name);
      g_assert_cmpuint (g_bytes_get_size (e->data), ==, m->size);
      if (p->size_exact)
        g_assert_cmpuint (p->size, ==, m->size);

      /* Safe names: ASCII, no separators, no leading dot, unique in any case. */
      for (const char *c = e->name; *c != '\0'; c++)
        g_assert_true (g_ascii_isalnum (*c) || *c == '-' || *c == '_' || *c == '.');
      g_assert_cmpint (e->name[0], !=, '.');
      g_assert_null (strstr (e->name, ".."));
      g_assert_true (g_hash_table_add (lower, g_ascii_strdown (e->name, -1)));

      if (g_str_has_suffix (e->name, ".jpg"))
        {
          gsize length = 0;
          const guint8 *bytes = g_bytes_get_data (e->data, &length);
          g_autofree char *segments = fixture_jpeg_segments (bytes, length);
          LkImageInfo info;

          g_assert_null (strstr (segments, "E1"));
          g_assert_null (strstr (segments, "ED"));
          g_assert_null (strstr (segments, "FE"));
          g_assert_null (memmem (bytes, length, "LKMAKER", 7));
          g_assert_null (memmem (bytes, length, "Exif", 4));
          g_assert_true (lk_image_probe (bytes, length, &info, NULL));
          g_assert_cmpuint (info.metadata, ==, 0);
          g_assert_cmpuint (info.orientation, ==, 1);
        }
    }
  g_hash_table_foreach (lower, (GHFunc) (void (*) (void)) g_free, NULL);

  /* Each caption sits beside its image. */
  g_assert_nonnull (find_entry (entries, "photo1.jpg"));
  e = find_entry (entries, "photo1.txt");
  g_assert_nonnull (e);
  g_assert_cmpmem (g_bytes_get_data (e->data, NULL), g_bytes_get_size (e->data), "TOK_0badf00d, a photo", 21);
  g_assert_nonnull (find_entry (entries, "Same.jpg"));
  g_assert_nonnull (find_entry (entries, "same-2.jpg"));
  g_assert_nonnull (find_entry (entries, "up_evil.jpg"));

  /* PNG and WebP lost their metadata too. */
  e = find_entry (entries, "graphic.png");
  g_assert_null (memmem (g_bytes_get_data (e->data, NULL), g_bytes_get_size (e->data), "tEXt", 4));
  g_assert_null (memmem (g_bytes_get_data (e->data, NULL), g_bytes_get_size (e->data), "eXIf", 4));
  e = find_entry (entries, "pic.webp");
  g_assert_null (memmem (g_bytes_get_data (e->data, NULL), g_bytes_get_size (e->data), "EXIF", 4));

  /* The rotated photo arrives upright, and the manifest says why it was
   * re-encoded. */
  rotated = lk_pack_manifest_find_entry (f->manifest, "rotated.jpg");
  g_assert_nonnull (rotated);
  g_assert_cmpuint (rotated->transform & LK_PACK_TRANSFORM_ROTATED, !=, 0);
  g_assert_cmpuint (rotated->stripped & LK_IMAGE_META_GPS, !=, 0);
  g_assert_false (lk_pack_manifest_find_entry (plan, "rotated.jpg")->size_exact);
  {
    g_autoptr(GdkPixbuf) upright = fixture_pattern (640, 520, 40);
    g_autoptr(GdkPixbuf) packed = decode (find_entry (entries, "rotated.jpg")->data, "jpeg");

    assert_same_pixels (upright, packed);
  }
  g_assert_cmpuint (lk_pack_manifest_find_entry (f->manifest, "photo2.jpg")->stripped & LK_IMAGE_META_GPS, !=, 0);

  text = lk_pack_manifest_format (f->manifest);
  g_assert_nonnull (strstr (text, "rotated.jpg"));
  g_assert_nonnull (strstr (text, "GPS location"));
  g_assert_nonnull (strstr (text, "zero.jpg"));
  g_assert_nonnull (strstr (text, "empty"));

  /* The same input packs to the same bytes. */
  zip_again = pack_to_file (f, packer, "again.zip");
  g_assert_true (g_bytes_equal (zip, zip_again));
}

static void
test_pack_options (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LkPacker) packer = NULL;
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *key_small = NULL;
  const LkPackEntry *entry;

  populate (f);
  scan (f);
  packer = lk_packer_new (G_LIST_MODEL (f->dataset));

  lk_packer_set_max_side (packer, 256);
  small = pack_to_file (f, packer, "small.zip");
  key_small = g_strdup (lk_pack_manifest_get_content_key (f->manifest));
  entry = lk_pack_manifest_find_entry (f->manifest, "photo2.jpg");
  g_assert_cmpuint (entry->transform & LK_PACK_TRANSFORM_RESIZED, !=, 0);
  g_assert_cmpuint (MAX (entry->width, entry->height), ==, 256);
  entries = read_zip (small);
  {
    g_autoptr(GdkPixbuf) pixbuf = decode (find_entry (entries, "photo2.jpg")->data, "jpeg");

    g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 256);
    g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 205);
  }
  /* WebP has no decoder here: kept at its size, losslessly. */
  entry = lk_pack_manifest_find_entry (f->manifest, "pic.webp");
  g_assert_cmpuint (entry->transform, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  lk_packer_set_max_side (packer, 0);
  lk_packer_set_keep_metadata (packer, TRUE);
  kept = pack_to_file (f, packer, "kept.zip");
  g_assert_cmpstr (key_small, !=, lk_pack_manifest_get_content_key (f->manifest));
  entries = read_zip (kept);
  {
    ZipEntry *e = find_entry (entries, "photo2.jpg");
    g_autofree char *segments = fixture_jpeg_segments (g_bytes_get_data (e->data, NULL), g_bytes_get_size (e->data));

    g_assert_nonnull (strstr (segments, "E1"));
    entry = lk_pack_manifest_find_entry (f->manifest, "photo2.jpg");
    g_assert_cmpuint (entry->kept & LK_IMAGE_META_GPS, !=, 0);
  }
  /* With metadata kept, the rotated photo stays as it was: its EXIF still
   * says how to turn it. */
  entry = lk_pack_manifest_find_entry (f->manifest, "rotated.jpg");
  g_assert_cmpuint (entry->transform, ==, 0);
}

static void
splice_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *spliced = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error);
  g_assert_no_error (error);
  *spliced = TRUE;
}

static void
test_pack_stream (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LkPacker) packer = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) from_file = NULL;
  g_autoptr(GBytes) from_stream = NULL;
  gboolean spliced = FALSE;

  populate (f);
  /* Enough data to fill the 4 MiB pipe a few times. */
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GdkPixbuf) big = fixture_pattern (1600, 1200, 500 + i);
      g_autoptr(GBytes) bytes = fixture_jpeg (big, 100, 1, FIXTURE_EXIF_NONE);
      g_autofree char *name = g_strdup_printf ("big%u.jpg", i);

      fixture_write (f->dir, name, bytes);
    }
  scan (f);
  packer = lk_packer_new (G_LIST_MODEL (f->dataset));
  from_file = pack_to_file (f, packer, "file.zip");
  g_assert_cmpuint (g_bytes_get_size (from_file), >, 8 * 1024 * 1024);

  f->done = FALSE;
  stream = lk_packer_pack_to_stream_async (packer, NULL, packed_cb, f);
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, splice_cb, &spliced);
  g_assert_true (fixture_iterate_until (&f->done, 30));
  g_assert_true (fixture_iterate_until (&spliced, 30));
  g_assert_no_error (f->error);

  from_stream = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  g_assert_true (g_bytes_equal (from_file, from_stream));
  /* Memory stays bounded whatever the archive size. */
  g_assert_cmpuint (_lk_pack_stream_get_peak_buffered (LK_PACK_STREAM (stream)), <=, 4 * 1024 * 1024);
}

static void
test_pack_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LkPacker) packer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->out_dir, "never.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) stream = NULL;

  populate (f);
  scan (f);
  packer = lk_packer_new (G_LIST_MODEL (f->dataset));

  g_cancellable_cancel (cancellable);
  f->done = FALSE;
  lk_packer_pack_to_file_async (packer, file, cancellable, packed_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 30));
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f->manifest);
  g_assert_false (g_file_query_exists (file, NULL));
  g_clear_error (&f->error);

  /* A reader that gives up stops the pack with an error, not a hang. */
  f->done = FALSE;
  stream = lk_packer_pack_to_stream_async (packer, NULL, packed_cb, f);
  g_input_stream_close (stream, NULL, NULL);
  g_assert_true (fixture_iterate_until (&f->done, 30));
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/packer/file", Fixture, NULL, fixture_set_up, test_pack_file, fixture_tear_down);
  g_test_add ("/likeness/packer/options", Fixture, NULL, fixture_set_up, test_pack_options, fixture_tear_down);
  g_test_add ("/likeness/packer/stream", Fixture, NULL, fixture_set_up, test_pack_stream, fixture_tear_down);
  g_test_add ("/likeness/packer/cancel", Fixture, NULL, fixture_set_up, test_pack_cancel, fixture_tear_down);

  return g_test_run ();
}
