/* test-preferences-keyring.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving and removing the key from the Preferences window, through the real
 * Secret Service. Needs a display, a session bus and an unlocked keyring:
 *
 *   dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock \
 *     --components=secrets --daemonize; xvfb-run -a meson test --suite keyring'
 */

#include "config.h"

#include "lk-core.h"

#include "likeness-preferences-window.h"
#include "likeness-test-display.h"

/* Unique to this test, so it can never be mistaken for a real key. */
#define TEST_KEY "likeness-prefs-test-id:5a1c2e3f0000400080001234567890ab"

static LkKeySource
key_source (LikenessPreferencesWindow *window)
{
  LkKeySource source = LK_KEY_SOURCE_NONE;

  g_object_get (window, "key-source", &source, NULL);
  return source;
}

static gpointer
child (LikenessPreferencesWindow *window,
       const char                *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                   LIKENESS_TYPE_PREFERENCES_WINDOW,
                                                   name);

  g_assert_nonnull (object);
  return object;
}

static void
test_save_and_remove_key (void)
{
  LikenessPreferencesWindow *window;
  GtkWidget *key_row;

  /* Only the keyring may provide the key here. */
  g_unsetenv ("FAL_KEY");
  g_unsetenv ("FAL_KEY_ID");
  g_unsetenv ("FAL_KEY_SECRET");

  window = g_object_ref_sink (likeness_preferences_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_busy (window));
  g_assert_cmpint (key_source (window), ==, LK_KEY_SOURCE_NONE);
  g_assert_false (gtk_widget_is_sensitive (child (window, "remove_key_button")));

  key_row = child (window, "key_row");
  gtk_editable_set_text (GTK_EDITABLE (key_row), TEST_KEY);
  g_signal_emit_by_name (key_row, "apply");
  g_assert_true (likeness_preferences_window_get_busy (window));
  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_busy (window));

  /* Saved: the entry no longer holds the key, and the keyring is the source. */
  g_assert_false (gtk_widget_has_css_class (key_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
  g_assert_cmpint (key_source (window), ==, LK_KEY_SOURCE_KEYRING);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (window, "key_source_row")), ==, "Saved in the keyring");
  g_assert_true (likeness_test_find_label (GTK_WIDGET (window), "The API key was saved to the keyring."));
  g_assert_true (gtk_widget_is_sensitive (child (window, "remove_key_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.remove-key", NULL));
  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_busy (window));
  g_assert_cmpint (key_source (window), ==, LK_KEY_SOURCE_NONE);
  g_assert_false (gtk_widget_is_sensitive (child (window, "remove_key_button")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = likeness_test_display_init (&argc, &argv);
  int status;

  g_test_add_func ("/likeness/preferences/keyring/save-and-remove", test_save_and_remove_key);

  status = g_test_run ();
  likeness_test_display_shutdown (g_steal_pointer (&home));

  return status;
}
