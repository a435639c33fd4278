/* test-application.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "likeness-application.h"
#include "likeness-preferences-window.h"
#include "likeness-test-display.h"
#include "likeness-window.h"

/* One registered application for the whole program: GApplication exports
 * itself on the session bus once per process. */
static LikenessApplication *app;

static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, accel);
}

static void
test_application_actions (void)
{
  GtkWindow *main_window;
  GtkWindow *window;

  g_assert_cmpstr (g_application_get_resource_base_path (G_APPLICATION (app)), ==, RESOURCE_BASE_PATH);

  assert_accel ("app.quit", "<Control>q");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("app.shortcuts", "<Control>question");

  g_application_activate (G_APPLICATION (app));
  main_window = find_window (LIKENESS_TYPE_WINDOW);
  g_assert_nonnull (main_window);
  g_assert_true (gtk_window_get_application (main_window) == GTK_APPLICATION (app));

  /* Each menu item opens its window, on top of the main one. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  window = find_window (LIKENESS_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (window);
  g_assert_true (gtk_window_get_transient_for (window) == main_window);
  g_assert_true (gtk_window_get_modal (window));
  gtk_window_destroy (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  window = find_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (window);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (window)), ==, "Likeness");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (window)), ==, PACKAGE_VERSION);
  gtk_window_destroy (window);

  /* The shortcuts window comes from resources/gtk/help-overlay.ui. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  window = find_window (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (window);
  gtk_window_destroy (window);

  /* The window's own actions are reachable from the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.clear-photos", NULL));

  /* The steps by name, as tests/screenshots.sh and a notification use them. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-step", g_variant_new_string ("trainer"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (main_window),
                                                                    LIKENESS_TYPE_WINDOW, "view_stack"))),
                   ==, "trainer");
  /* A notification about a job that is gone says so instead of failing. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-job", g_variant_new_string ("4242"));
  g_assert_true (likeness_test_find_label (GTK_WIDGET (main_window), "That job is no longer in the list."));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (find_window (LIKENESS_TYPE_WINDOW));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static void
test_application_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likeness-test-application-XXXXXX", &error);
  g_autofree char *photo_path = NULL;
  g_autoptr(GFile) photo = NULL;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };
  GtkWindow *window;

  g_assert_no_error (error);
  photo_path = g_build_filename (dir, "face.png", NULL);
  g_file_set_contents (photo_path, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
  photo = g_file_new_for_path (photo_path);

  /* "likeness FILE" behaves like a drop. */
  g_application_open (G_APPLICATION (app), &photo, 1, "");
  window = find_window (LIKENESS_TYPE_WINDOW);
  g_assert_nonnull (window);
  g_assert_true (likeness_window_get_busy (LIKENESS_WINDOW (window)));
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (LIKENESS_WINDOW (window)));
  g_assert_cmpuint (likeness_window_get_photo_count (LIKENESS_WINDOW (window)), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  likeness_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = likeness_test_display_init (&argc, &argv);
  g_autoptr(GError) error = NULL;
  int status;

  app = likeness_application_new ();
  /* No bus name: the test must not meet a running Likeness. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/likeness/application/actions", test_application_actions);
  g_test_add_func ("/likeness/application/open", test_application_open);

  status = g_test_run ();
  g_clear_object (&app);
  likeness_test_display_shutdown (g_steal_pointer (&home));

  return status;
}
