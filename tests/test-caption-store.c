/* test-caption-store.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lk-core.h"

#include "dataset-fixtures.h"

typedef struct
{
  char     *dir;
  gboolean  done;
  GError   *error;
  guint     count;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GdkPixbuf) a = fixture_pattern (600, 600, 1);
  g_autoptr(GdkPixbuf) b = fixture_pattern (600, 600, 2);
  g_autoptr(GBytes) ja = fixture_jpeg (a, 90, 1, FIXTURE_EXIF_NONE);
  g_autoptr(GBytes) jb = fixture_jpeg (b, 90, 1, FIXTURE_EXIF_NONE);
  g_autoptr(GBytes) caption = g_bytes_new_static ("an old caption\n", 15);

  f->dir = g_dir_make_tmp ("likeness-captions-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  fixture_write (f->dir, "a.jpg", ja);
  fixture_write (f->dir, "b.jpg", jb);
  fixture_write (f->dir, "a.txt", caption);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
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

static LkDataset *
scan (Fixture *f)
{
  LkDataset *dataset = lk_dataset_new ();
  g_autoptr(GFile) root = g_file_new_for_path (f->dir);

  f->done = FALSE;
  lk_dataset_add_files_async (dataset, &root, 1, NULL, added_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 30));
  g_assert_no_error (f->error);
  return dataset;
}

static LkDatasetImage *
image_named (LkDataset  *dataset,
             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (dataset)); i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (G_LIST_MODEL (dataset), i);

      if (g_str_equal (lk_dataset_image_get_display_name (image), name))
        return image;
    }
  g_assert_not_reached ();
}

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  lk_caption_store_flush_journal_finish (LK_CAPTION_STORE (object), result, &f->error);
  f->done = TRUE;
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;

  lk_caption_store_restore_finish (LK_CAPTION_STORE (object), result, &f->count, &f->error);
  f->done = TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *f = user_data;

  lk_caption_store_save_finish (LK_CAPTION_STORE (object), result, &f->count, &f->error);
  f->done = TRUE;
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static void
test_journal_survives_crash (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LkDataset) first = scan (f);
  g_autoptr(LkDataset) second = NULL;
  g_autoptr(LkCaptionStore) store = lk_caption_store_new (NULL);
  g_autoptr(LkCaptionStore) after_crash = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *on_disk = NULL;
  LkDatasetImage *a;

  a = image_named (first, "a.jpg");
  g_assert_cmpstr (lk_dataset_image_get_caption (a), ==, "an old caption");
  g_assert_false (lk_dataset_image_get_caption_modified (a));

  lk_caption_store_set_caption (store, a, "a new caption, unsaved");
  g_assert_true (lk_dataset_image_get_caption_modified (a));
  f->done = FALSE;
  lk_caption_store_flush_journal_async (store, NULL, flushed_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 10));
  g_assert_no_error (f->error);

  g_assert_true (g_str_has_prefix (g_file_peek_path (lk_caption_store_get_journal (store)),
                                   g_get_user_state_dir ()));
  g_assert_true (g_file_load_contents (lk_caption_store_get_journal (store), NULL, &journal, NULL, NULL, NULL));
  g_assert_nonnull (strstr (journal, "a new caption, unsaved"));

  /* The sidecar is untouched until saved. */
  on_disk = read_text (f->dir, "a.txt");
  g_assert_cmpstr (on_disk, ==, "an old caption\n");

  /* "Crash": a new store and a fresh scan get the edit back. */
  second = scan (f);
  after_crash = lk_caption_store_new (NULL);
  f->done = FALSE;
  lk_caption_store_restore_async (after_crash, G_LIST_MODEL (second), NULL, restored_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 10));
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->count, ==, 1);
  a = image_named (second, "a.jpg");
  g_assert_cmpstr (lk_dataset_image_get_caption (a), ==, "a new caption, unsaved");
  g_assert_true (lk_dataset_image_get_caption_modified (a));

  /* Saving writes the sidecar and empties the journal. */
  f->done = FALSE;
  lk_caption_store_save_async (after_crash, G_LIST_MODEL (second), NULL, saved_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 10));
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->count, ==, 1);
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_text (f->dir, "a.txt");
  g_assert_cmpstr (on_disk, ==, "a new caption, unsaved\n");
  g_assert_false (lk_dataset_image_get_caption_modified (a));

  f->done = FALSE;
  lk_caption_store_flush_journal_async (after_crash, NULL, flushed_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 10));
  g_clear_pointer (&journal, g_free);
  g_assert_true (g_file_load_contents (lk_caption_store_get_journal (store), NULL, &journal, NULL, NULL, NULL));
  g_assert_null (strstr (journal, "a new caption"));
}

static void
test_bulk_edits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LkDataset) dataset = scan (f);
  g_autoptr(LkCaptionStore) store = lk_caption_store_new (NULL);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *b_text = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_cmpuint (lk_caption_store_prefix_trigger (store, G_LIST_MODEL (dataset), "TOK_1a2b3c4d"), ==, 2);
  g_assert_cmpstr (lk_dataset_image_get_caption (image_named (dataset, "a.jpg")), ==,
                   "TOK_1a2b3c4d, an old caption");
  g_assert_cmpstr (lk_dataset_image_get_caption (image_named (dataset, "b.jpg")), ==, "TOK_1a2b3c4d");
  /* Already there: nothing to do. */
  g_assert_cmpuint (lk_caption_store_prefix_trigger (store, G_LIST_MODEL (dataset), "TOK_1a2b3c4d"), ==, 0);

  g_assert_cmpuint (lk_caption_store_replace (store, G_LIST_MODEL (dataset), "old", "vintage"), ==, 1);
  g_assert_cmpstr (lk_dataset_image_get_caption (image_named (dataset, "a.jpg")), ==,
                   "TOK_1a2b3c4d, an vintage caption");

  f->done = FALSE;
  lk_caption_store_save_async (store, G_LIST_MODEL (dataset), NULL, saved_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 10));
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->count, ==, 2);
  b_text = read_text (f->dir, "b.txt");
  g_assert_cmpstr (b_text, ==, "TOK_1a2b3c4d\n");

  /* Atomic writes leave no temporary files behind. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_equal (name, "a.jpg") || g_str_equal (name, "b.jpg") ||
                     g_str_equal (name, "a.txt") || g_str_equal (name, "b.txt"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 4);

  f->done = FALSE;
  lk_caption_store_flush_journal_async (store, NULL, flushed_cb, f);
  g_assert_true (fixture_iterate_until (&f->done, 10));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/caption-store/journal-survives-crash", Fixture, NULL,
              fixture_set_up, test_journal_survives_crash, fixture_tear_down);
  g_test_add ("/likeness/caption-store/bulk-edits", Fixture, NULL,
              fixture_set_up, test_bulk_edits, fixture_tear_down);

  return g_test_run ();
}
