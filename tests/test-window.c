/* test-window.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "likeness-test-display.h"
#include "likeness-window.h"

/* Just enough of each format for GIO to recognise it by content. */
static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00,
};
static const guint8 jpeg_bytes[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01,
};
static const guint8 webp_bytes[] = {
  'R', 'I', 'F', 'F', 0x1a, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L',
};

typedef struct
{
  char           *dir;        /* A temporary folder the fixture removes. */
  LikenessWindow *window;
  guint           n_notify_count;
} Fixture;

static GFile *
write_file (const char   *dir,
            const char   *name,
            const guint8 *bytes,
            gsize         size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) bytes, size, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
notify_count_cb (Fixture *fixture)
{
  fixture->n_notify_count++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("likeness-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (likeness_window_new (NULL));
  g_signal_connect_swapped (fixture->window, "notify::photo-count",
                            G_CALLBACK (notify_count_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->window));

  likeness_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* What GTK does when files are let go over the window. */
static gboolean
drop_files (LikenessWindow *window,
            GFile         **files,
            guint           n_files)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *list = NULL;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_assert_cmpint (gtk_drop_target_get_actions (target), ==, GDK_ACTION_COPY);

  for (guint i = n_files; i > 0; i--)
    list = g_slist_prepend (list, files[i - 1]);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);

  return accepted;
}

static const char *
visible_page (LikenessWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              LIKENESS_TYPE_WINDOW,
                                                              "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static void
test_window_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_cmpstr (visible_page (fixture->window), ==, "empty");
  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 0);
  g_assert_false (likeness_window_get_busy (fixture->window));
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window), "Drop Photos Here"));
}

static void
test_window_drop_folder (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "more", NULL);
  g_autofree char *loose_dir = g_build_filename (fixture->dir, "loose", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) loose = NULL;
  GFile *drop[2];

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (loose_dir, 0700), ==, 0);

  g_object_unref (write_file (fixture->dir, "a.png", png_bytes, sizeof png_bytes));
  g_object_unref (write_file (fixture->dir, "b.jpg", jpeg_bytes, sizeof jpeg_bytes));
  g_object_unref (write_file (fixture->dir, "c.webp", webp_bytes, sizeof webp_bytes));
  /* A caption belongs to the dataset but is not a photo; a hidden file and
   * a PDF are not part of it. */
  g_object_unref (write_file (fixture->dir, "a.txt", (const guint8 *) "a photo of TOK", 14));
  g_object_unref (write_file (fixture->dir, ".hidden.png", png_bytes, sizeof png_bytes));
  g_object_unref (write_file (fixture->dir, "notes.pdf", (const guint8 *) "%PDF-1.4\n", 9));
  g_object_unref (write_file (sub, "d.jpeg", jpeg_bytes, sizeof jpeg_bytes));
  loose = write_file (loose_dir, "e.png", png_bytes, sizeof png_bytes);

  /* The folder holds "loose" too, so dropping both checks that a photo
   * found twice is counted once. */
  drop[0] = folder;
  drop[1] = loose;
  g_assert_true (drop_files (fixture->window, drop, 2));

  /* The handler returns at once and the search runs in the background. */
  g_assert_true (likeness_window_get_busy (fixture->window));
  g_assert_cmpstr (visible_page (fixture->window), ==, "scanning");

  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));

  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 5);
  g_assert_cmpuint (fixture->n_notify_count, ==, 1);
  g_assert_cmpstr (visible_page (fixture->window), ==, "photos");
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window), "5 Photos"));
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window),
                                           "1 file is not a photo and was skipped."));

  /* Dropping the same photo again adds nothing. */
  g_assert_true (drop_files (fixture->window, &drop[1], 1));
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));
  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 5);
  g_assert_cmpuint (fixture->n_notify_count, ==, 1);
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window),
                                           "These photos were already added."));

  /* "Start Over" goes back to the empty state. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-photos", NULL));
  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 0);
  g_assert_cmpuint (fixture->n_notify_count, ==, 2);
  g_assert_cmpstr (visible_page (fixture->window), ==, "empty");
}

static void
test_window_drop_unsupported (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GFile) pdf = write_file (fixture->dir, "scan.pdf", (const guint8 *) "%PDF-1.4\n", 9);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "gone.jpg", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);

  g_assert_true (drop_files (fixture->window, &pdf, 1));
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));

  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 0);
  g_assert_cmpstr (visible_page (fixture->window), ==, "empty");
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window),
                                           "No photos found. Likeness reads JPEG, PNG and WebP images."));

  /* A file that vanished between the drag and the drop. */
  g_assert_true (drop_files (fixture->window, &missing, 1));
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));
  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 0);
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window), "1 item could not be read."));
}

static void
test_window_clear_while_scanning (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GFile) photo = write_file (fixture->dir, "a.png", png_bytes, sizeof png_bytes);

  g_assert_true (drop_files (fixture->window, &photo, 1));
  g_assert_true (likeness_window_get_busy (fixture->window));

  /* Cancelling the search leaves nothing behind and shows no error. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-photos", NULL));
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));

  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 0);
  g_assert_cmpstr (visible_page (fixture->window), ==, "empty");
}

static void
test_window_close_while_scanning (void)
{
  g_autofree char *dir = g_dir_make_tmp ("likeness-test-window-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  LikenessWindow *window = g_object_ref_sink (likeness_window_new (NULL));
  GFile *drop[1] = { folder };

  g_assert_nonnull (dir);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (drop_files (window, drop, 1));

  /* Closing cancels the search; the window goes away once it has ended. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_unref (window);
  LIKENESS_TEST_WAIT_WHILE (window != NULL);

  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = likeness_test_display_init (&argc, &argv);
  int status;

  g_test_add ("/likeness/window/empty", Fixture, NULL,
              fixture_set_up, test_window_empty, fixture_tear_down);
  g_test_add ("/likeness/window/drop-folder", Fixture, NULL,
              fixture_set_up, test_window_drop_folder, fixture_tear_down);
  g_test_add ("/likeness/window/drop-unsupported", Fixture, NULL,
              fixture_set_up, test_window_drop_unsupported, fixture_tear_down);
  g_test_add ("/likeness/window/clear-while-scanning", Fixture, NULL,
              fixture_set_up, test_window_clear_while_scanning, fixture_tear_down);
  g_test_add_func ("/likeness/window/close-while-scanning", test_window_close_while_scanning);

  status = g_test_run ();
  likeness_test_display_shutdown (g_steal_pointer (&home));

  return status;
}
