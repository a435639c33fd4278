/* test-dataset.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scans a folder of generated images, good and bad, and checks that the
 * doctor gives each the right finding.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-core.h"

#include "dataset-fixtures.h"

#define N_GOOD 12
#define NON_UTF8_NAME "\xff\xfe-photo.jpg"
#define BACKSLASH_NAME "up..\\..\\evil.jpg"

static const guint8 tiny_gif[] = {
  'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0,
  '!', 0xf9, 4, 1, 0, 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';',
};

typedef struct
{
  char      *dir;
  LkDataset *dataset;
  gboolean   done;
  GError    *error;
  guint      changes;
  guint      first_change_items;
  guint      max_added;
  guint      max_added_first_screen;
  gboolean   unreadable_is_fifo;
} Fixture;

static void
write_jpeg (const char  *dir,
            const char  *name,
            guint        width,
            guint        height,
            guint        seed,
            int          quality,
            guint        orientation,
            FixtureMeta  meta)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (width, height, seed);
  g_autoptr(GBytes) bytes = fixture_jpeg (pixbuf, quality, orientation, meta);

  fixture_write (dir, name, bytes);
}

static void
populate (Fixture *f)
{
  g_autoptr(GdkPixbuf) tiny = fixture_pattern (100, 80, 90);
  g_autoptr(GBytes) tiny_png = fixture_png (tiny, FALSE);
  g_autoptr(GBytes) bomb = fixture_png_header_only (20000, 20000);
  g_autoptr(GBytes) webp = fixture_webp (1000, 700, TRUE);
  g_autoptr(GBytes) gif = g_bytes_new_static (tiny_gif, sizeof tiny_gif);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) text = g_bytes_new_static ("this is not an image\n", 21);
  g_autoptr(GBytes) heic = g_bytes_new_static ("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic", 24);
  g_autoptr(GBytes) bad_caption = g_bytes_new_static ("\xff\xfe bad", 6);
  g_autoptr(GBytes) good_caption = g_bytes_new_static ("TOK_abcd1234, a photo\n", 22);
  g_autoptr(GBytes) other_caption = g_bytes_new_static ("a man on a bench\n", 17);
  g_autoptr(GBytes) corrupt = NULL;
  g_autofree char *copy_from = NULL;
  g_autofree char *copy_to = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *loop = NULL;
  g_autofree char *sub = NULL;
  gsize length = 0;

  for (guint i = 1; i <= N_GOOD; i++)
    {
      g_autofree char *name = g_strdup_printf ("img%02u.jpg", i);

      write_jpeg (f->dir, name, 640, 520, i, 90, 1, FIXTURE_EXIF_GPS);
    }

  copy_from = g_build_filename (f->dir, "img01.jpg", NULL);
  copy_to = g_build_filename (f->dir, "zz-copy-of-01.jpg", NULL);
  g_assert_true (g_file_get_contents (copy_from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy_to, contents, (gssize) length, NULL));

  /* The same picture, smaller and recompressed. */
  write_jpeg (f->dir, "zz-img02-small.jpg", 600, 488, 2, 70, 1, FIXTURE_EXIF_NONE);
  write_jpeg (f->dir, "rotated.jpg", 520, 640, 40, 90, 6, FIXTURE_EXIF_ORIENTATION | FIXTURE_EXIF_GPS);

  fixture_write (f->dir, "tiny.png", tiny_png);
  fixture_write (f->dir, "bomb.png", bomb);
  fixture_write (f->dir, "pic.webp", webp);
  fixture_write (f->dir, "anim.gif", gif);
  fixture_write (f->dir, "zero.jpg", empty);
  fixture_write (f->dir, "notes.jpg", text);
  fixture_write (f->dir, "phone.heic", heic);
  fixture_write (f->dir, "img03.txt", bad_caption);
  fixture_write (f->dir, "img01.txt", good_caption);
  fixture_write (f->dir, "img04.txt", other_caption);

  /* A JPEG whose header is fine and whose data is noise. */
  {
    g_autoptr(GBytes) head = fixture_jpeg_header_only (640, 520);
    GByteArray *a = g_byte_array_new ();
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);

    g_byte_array_append (a, g_bytes_get_data (head, NULL), (guint) g_bytes_get_size (head) - 2);
    g_byte_array_append (a, (const guint8 *) "\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00", 14);
    for (guint i = 0; i < 4000; i++)
      {
        guint8 b = (guint8) g_rand_int_range (rand, 0, 255);
        g_byte_array_append (a, &b, 1);
      }
    corrupt = g_byte_array_free_to_bytes (a);
    fixture_write (f->dir, "corrupt.jpg", corrupt);
  }

  write_jpeg (f->dir, NON_UTF8_NAME, 640, 520, 30, 90, 1, FIXTURE_EXIF_NONE);
  write_jpeg (f->dir, BACKSLASH_NAME, 640, 520, 31, 90, 1, FIXTURE_EXIF_NONE);

  /* A folder that links back to its parent, and an image inside it. */
  sub = g_build_filename (f->dir, "sub", NULL);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  write_jpeg (sub, "nested.jpg", 640, 520, 32, 90, 1, FIXTURE_EXIF_NONE);
  loop = g_build_filename (sub, "loop", NULL);
  g_assert_cmpint (symlink ("..", loop), ==, 0);

  /* chmod 000 stops nobody when the tests run as root, as they do in CI:
   * there a FIFO named like an image stands in for an unreadable file. */
  {
    g_autofree char *path = NULL;

    if (geteuid () == 0)
      {
        path = g_build_filename (f->dir, "pipe.jpg", NULL);
        g_assert_cmpint (mkfifo (path, 0644), ==, 0);
        f->unreadable_is_fifo = TRUE;
      }
    else
      {
        write_jpeg (f->dir, "pipe.jpg", 640, 520, 33, 90, 1, FIXTURE_EXIF_NONE);
        path = g_build_filename (f->dir, "pipe.jpg", NULL);
        g_assert_cmpint (g_chmod (path, 0), ==, 0);
      }
  }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  if (f->changes++ == 0)
    f->first_change_items = g_list_model_get_n_items (model);
  f->max_added = MAX (f->max_added, added);
  if (position < 48)
    f->max_added_first_screen = MAX (f->max_added_first_screen, added);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("likeness-dataset-XXXXXX", &error);
  g_assert_no_error (error);
  f->dataset = lk_dataset_new ();
  g_signal_connect (f->dataset, "items-changed", G_CALLBACK (items_changed_cb), f);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fixture_assert_finalize_eventually (g_steal_pointer (&f->dataset));
  remove_tree (f->dir);
  g_free (f->dir);
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
scan (Fixture      *f,
      GCancellable *cancellable)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->dir);

  f->done = FALSE;
  lk_dataset_add_files_async (f->dataset, &root, 1, cancellable, added_cb, f);
  g_assert_true (lk_dataset_get_scanning (f->dataset));
  g_assert_true (fixture_iterate_until (&f->done, 30));
}

static LkDatasetImage *
find_image (LkDataset  *dataset,
            const char *basename)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (dataset)); i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (G_LIST_MODEL (dataset), i);
      g_autofree char *base = g_file_get_basename (lk_dataset_image_get_file (image));

      if (g_str_equal (base, basename))
        return image;
    }
  g_error ("no image %s", basename);
  return NULL;
}

static void
assert_finding (LkDatasetReport   *report,
                LkDataset         *dataset,
                const char        *basename,
                LkFindingKind      kind,
                LkFindingSeverity  severity)
{
  LkDatasetImage *image = find_image (dataset, basename);
  LkDatasetFinding *finding = lk_dataset_report_find (report, kind, image);

  if (finding == NULL)
    g_error ("no finding of kind %d for %s", kind, basename);
  g_assert_cmpint (lk_dataset_finding_get_severity (finding), ==, severity);
  g_assert_nonnull (lk_dataset_finding_get_message (finding));
  g_assert_true (g_utf8_validate (lk_dataset_finding_get_message (finding), -1, NULL));
}

static void
test_scan_findings (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LkDatasetReport) report = NULL;
  LkTrainerConstraints constraints;
  LkDatasetImage *image;
  LkDatasetFinding *finding;
  guint64 dhash;

  populate (f);
  scan (f, NULL);
  g_assert_no_error (f->error);
  g_assert_false (lk_dataset_get_scanning (f->dataset));
  g_assert_cmpfloat (lk_dataset_get_fraction (f->dataset), ==, 1.0);
  g_assert_cmpuint (lk_dataset_get_files_done (f->dataset), ==, lk_dataset_get_files_found (f->dataset));

  /* 12 good + copy + small + rotated + tiny + bomb + webp + gif + zero +
   * notes + heic + corrupt + 2 odd names + nested + pipe; the loop adds
   * nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->dataset)), ==, N_GOOD + 15);

  image = find_image (f->dataset, "img01.jpg");
  g_assert_true (lk_dataset_image_is_usable (image));
  g_assert_cmpuint (lk_dataset_image_get_width (image), ==, 640);
  g_assert_cmpuint (strlen (lk_dataset_image_get_sha256 (image)), ==, 64);
  g_assert_true (lk_dataset_image_get_dhash (image, NULL));
  g_assert_nonnull (lk_dataset_image_get_thumbnail (image));
  g_assert_true (g_file_query_exists (lk_dataset_image_get_thumbnail (image), NULL));
  g_assert_cmpstr (lk_dataset_image_get_caption (image), ==, "TOK_abcd1234, a photo");

  image = find_image (f->dataset, "rotated.jpg");
  g_assert_cmpuint (lk_dataset_image_get_orientation (image), ==, 6);
  g_assert_cmpuint (lk_dataset_image_get_width (image), ==, 640);
  g_assert_cmpuint (lk_dataset_image_get_height (image), ==, 520);

  image = find_image (f->dataset, "pic.webp");
  g_assert_true (lk_dataset_image_is_usable (image));
  g_assert_cmpuint (lk_dataset_image_get_width (image), ==, 1000);

  image = find_image (f->dataset, NON_UTF8_NAME);
  g_assert_true (lk_dataset_image_is_usable (image));
  g_assert_true (g_utf8_validate (lk_dataset_image_get_display_name (image), -1, NULL));

  lk_trainer_constraints_init_default (&constraints);
  report = lk_dataset_check (G_LIST_MODEL (f->dataset), &constraints, "TOK_abcd1234");

  assert_finding (report, f->dataset, "zz-copy-of-01.jpg", LK_FINDING_DUPLICATE, LK_FINDING_SEVERITY_WARNING);
  assert_finding (report, f->dataset, "zz-img02-small.jpg", LK_FINDING_NEAR_DUPLICATE, LK_FINDING_SEVERITY_WARNING);
  assert_finding (report, f->dataset, "rotated.jpg", LK_FINDING_ROTATED, LK_FINDING_SEVERITY_WARNING);
  assert_finding (report, f->dataset, "tiny.png", LK_FINDING_SMALL_IMAGE, LK_FINDING_SEVERITY_WARNING);
  assert_finding (report, f->dataset, "bomb.png", LK_FINDING_TOO_MANY_PIXELS, LK_FINDING_SEVERITY_ERROR);
  assert_finding (report, f->dataset, "anim.gif", LK_FINDING_UNSUPPORTED_FORMAT, LK_FINDING_SEVERITY_ERROR);
  assert_finding (report, f->dataset, "zero.jpg", LK_FINDING_EMPTY_FILE, LK_FINDING_SEVERITY_ERROR);
  assert_finding (report, f->dataset, "notes.jpg", LK_FINDING_NOT_AN_IMAGE, LK_FINDING_SEVERITY_ERROR);
  assert_finding (report, f->dataset, "phone.heic", LK_FINDING_NO_LOADER, LK_FINDING_SEVERITY_ERROR);
  assert_finding (report, f->dataset, "corrupt.jpg", LK_FINDING_CORRUPT, LK_FINDING_SEVERITY_ERROR);
  assert_finding (report, f->dataset, "img03.jpg", LK_FINDING_CAPTION_ENCODING, LK_FINDING_SEVERITY_ERROR);
  assert_finding (report, f->dataset, "img04.jpg", LK_FINDING_CAPTION_MISSING_TRIGGER, LK_FINDING_SEVERITY_WARNING);
  assert_finding (report, f->dataset, "pipe.jpg", LK_FINDING_UNREADABLE, LK_FINDING_SEVERITY_ERROR);

  /* The HEIC message names the file. */
  finding = lk_dataset_report_find (report, LK_FINDING_NO_LOADER, NULL);
  g_assert_nonnull (strstr (lk_dataset_finding_get_message (finding), "phone.heic"));

  /* The bomb was refused from its header: no thumbnail, no hash. */
  image = find_image (f->dataset, "bomb.png");
  g_assert_false (lk_dataset_image_get_dhash (image, &dhash));
  g_assert_null (lk_dataset_image_get_thumbnail (image));

  /* Good images have no findings; the original of a duplicate neither. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (report)); i++)
    {
      g_autoptr(LkDatasetFinding) item = g_list_model_get_item (G_LIST_MODEL (report), i);
      LkDatasetImage *concerned = lk_dataset_finding_get_image (item);
      g_autofree char *base = concerned ? g_file_get_basename (lk_dataset_image_get_file (concerned)) : NULL;

      g_assert_cmpstr (base, !=, "img01.jpg");
      g_assert_cmpstr (base, !=, "img05.jpg");
      g_assert_cmpstr (base, !=, "nested.jpg");
    }

  /* Enough images: no count finding. */
  g_assert_null (lk_dataset_report_find (report, LK_FINDING_TOO_FEW_IMAGES, NULL));
  g_assert_cmpuint (lk_dataset_report_get_n_errors (report), ==, 8);

  /* The report serializes. */
  {
    g_autofree char *json = lk_dataset_report_to_json (report);

    g_assert_nonnull (strstr (json, "\"near-duplicate\""));
  }

  /* The fixes. */
  finding = lk_dataset_report_find (report, LK_FINDING_DUPLICATE, NULL);
  g_assert_cmpint (lk_dataset_finding_get_fix (finding), ==, LK_FINDING_FIX_REMOVE_IMAGE);
  g_assert_true (lk_dataset_finding_apply_fix (finding, f->dataset, NULL, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->dataset)), ==, N_GOOD + 14);

  finding = lk_dataset_report_find (report, LK_FINDING_CAPTION_MISSING_TRIGGER, NULL);
  g_assert_true (lk_dataset_finding_apply_fix (finding, f->dataset, "TOK_abcd1234", NULL, NULL));
  g_assert_cmpstr (lk_dataset_image_get_caption (lk_dataset_finding_get_image (finding)), ==,
                   "TOK_abcd1234, a man on a bench");
  g_assert_true (lk_dataset_image_get_caption_modified (lk_dataset_finding_get_image (finding)));

  finding = lk_dataset_report_find (report, LK_FINDING_ROTATED, NULL);
  g_assert_true (lk_dataset_finding_apply_fix (finding, f->dataset, NULL, NULL, NULL));
  g_assert_true (lk_dataset_image_get_bake_rotation (lk_dataset_finding_get_image (finding)));
}

static void
test_count_and_trigger (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LkDatasetReport) report = NULL;
  g_autoptr(LkDatasetReport) report5 = NULL;
  LkTrainerConstraints constraints;
  LkDatasetFinding *finding;
  g_autofree char *new_trigger = NULL;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u.jpg", i);

      write_jpeg (f->dir, name, 600, 600, 100 + i, 90, 1, FIXTURE_EXIF_NONE);
    }
  scan (f, NULL);
  g_assert_no_error (f->error);

  lk_trainer_constraints_init_default (&constraints);
  report = lk_dataset_check (G_LIST_MODEL (f->dataset), &constraints, "man");

  finding = lk_dataset_report_find (report, LK_FINDING_TOO_FEW_IMAGES, NULL);
  g_assert_nonnull (finding);
  g_assert_cmpint (lk_dataset_finding_get_severity (finding), ==, LK_FINDING_SEVERITY_ERROR);
  g_assert_cmpstr (lk_dataset_finding_get_message (finding), ==,
                   "Not enough data for training (at least 10 images)");

  finding = lk_dataset_report_find (report, LK_FINDING_TRIGGER_COMMON_WORD, NULL);
  g_assert_nonnull (finding);
  g_assert_true (g_str_has_prefix (lk_dataset_finding_get_suggestion (finding), "TOK_"));
  g_assert_true (lk_dataset_finding_apply_fix (finding, f->dataset, "man", &new_trigger, NULL));
  g_assert_cmpstr (new_trigger, ==, lk_dataset_finding_get_suggestion (finding));
  g_assert_nonnull (lk_dataset_report_find (report, LK_FINDING_TRIGGER_TOO_SHORT, NULL));

  constraints.min_images = 5;
  constraints.min_images_is_error = FALSE;
  report5 = lk_dataset_check (G_LIST_MODEL (f->dataset), &constraints, "TOK_00ff00ff");
  finding = lk_dataset_report_find (report5, LK_FINDING_TOO_FEW_IMAGES, NULL);
  g_assert_cmpint (lk_dataset_finding_get_severity (finding), ==, LK_FINDING_SEVERITY_WARNING);
  g_assert_cmpstr (lk_dataset_finding_get_message (finding), ==,
                   "Not enough data for training (at least 5 images)");
  g_assert_null (lk_dataset_report_find (report5, LK_FINDING_TRIGGER_COMMON_WORD, NULL));
  g_assert_cmpuint (lk_dataset_report_get_n_errors (report5), ==, 0);

  /* Over the size limit. */
  {
    g_autoptr(LkDatasetReport) big = NULL;

    constraints.max_total_bytes = 1000;
    big = lk_dataset_check (G_LIST_MODEL (f->dataset), &constraints, NULL);
    g_assert_nonnull (lk_dataset_report_find (big, LK_FINDING_TOTAL_TOO_LARGE, NULL));
  }
}

static void
test_streaming_and_cache (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LkDataset) again = NULL;
  g_autoptr(GFile) root = g_file_new_for_path (f->dir);
  LkDatasetImage *image;
  guint64 first_hash, second_hash;
  const guint total = 40;

  for (guint i = 0; i < total; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%02u.jpg", i);

      write_jpeg (f->dir, name, 800, 600, 200 + i, 90, 1, FIXTURE_EXIF_NONE);
    }

  scan (f, NULL);
  g_assert_no_error (f->error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->dataset)), ==, total);
  /* Results were streamed in batches: the first arrived with few images. */
  g_assert_cmpuint (f->changes, >=, 2);
  g_assert_cmpuint (f->first_change_items, <, total);
  /* A list view builds a widget per new visible item: batches are capped. */
  g_assert_cmpuint (f->max_added, <=, 32);
  g_assert_cmpuint (f->max_added_first_screen, <=, 8);

  image = find_image (f->dataset, "s00.jpg");
  g_assert_true (lk_dataset_image_get_dhash (image, &first_hash));
  {
    g_autofree char *contents = NULL;
    g_autofree char *expected = NULL;
    gsize length = 0;

    /* The content hash is a plain SHA-256 of the file. */
    g_assert_true (g_file_get_contents (g_file_peek_path (lk_dataset_image_get_file (image)),
                                        &contents, &length, NULL));
    expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
    g_assert_cmpstr (lk_dataset_image_get_sha256 (image), ==, expected);
  }
  g_assert_true (g_str_has_prefix (g_file_peek_path (lk_dataset_image_get_thumbnail (image)),
                                   g_get_user_cache_dir ()));

  /* A second scan reads the hash back from the cached thumbnail; it runs
   * in the background, as the window's do. */
  again = lk_dataset_new ();
  lk_dataset_set_background (again, TRUE);
  f->done = FALSE;
  lk_dataset_add_files_async (again, &root, 1, NULL, added_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 30));
  g_assert_no_error (f->error);
  image = find_image (again, "s00.jpg");
  g_assert_true (lk_dataset_image_get_dhash (image, &second_hash));
  g_assert_cmpuint (first_hash, ==, second_hash);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, total);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%02u.jpg", i);

      write_jpeg (f->dir, name, 640, 520, 300 + i, 90, 1, FIXTURE_EXIF_NONE);
    }

  g_cancellable_cancel (cancellable);
  scan (f, cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lk_dataset_get_scanning (f->dataset));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/dataset/scan-findings", Fixture, NULL,
              fixture_set_up, test_scan_findings, fixture_tear_down);
  g_test_add ("/likeness/dataset/count-and-trigger", Fixture, NULL,
              fixture_set_up, test_count_and_trigger, fixture_tear_down);
  g_test_add ("/likeness/dataset/streaming-and-cache", Fixture, NULL,
              fixture_set_up, test_streaming_and_cache, fixture_tear_down);
  g_test_add ("/likeness/dataset/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);

  return g_test_run ();
}
