/* test-preferences-window.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-core.h"
#include "lk-fake-fal.h"

#include "likeness-preferences-window.h"
#include "likeness-settings.h"
#include "likeness-test-display.h"

/* Has the shape of a fal key; no server ever accepts it. */
#define SOME_KEY "00000000-0000-4000-8000-000000000000:00000000000000000000000000000000"

typedef struct
{
  LikenessPreferencesWindow *window;
  GSettings                 *settings;
  LkFakeFal                 *fake;     /* (nullable) Only in the "fake" fixture. */
} Fixture;

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                   LIKENESS_TYPE_PREFERENCES_WINDOW,
                                                   name);

  g_assert_nonnull (object);
  return object;
}

static LkKeySource
key_source (Fixture *fixture)
{
  LkKeySource source = LK_KEY_SOURCE_NONE;

  g_object_get (fixture->window, "key-source", &source, NULL);
  return source;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  /* The key comes from the environment, so no keyring is needed. */
  g_setenv ("FAL_KEY", SOME_KEY, TRUE);

  fixture->settings = g_settings_new (LIKENESS_SETTINGS_SCHEMA_ID);
  g_settings_reset (fixture->settings, LIKENESS_SETTINGS_PROXY_URL);

  fixture->window = g_object_ref_sink (likeness_preferences_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));

  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_busy (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_testing (fixture->window));
  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_busy (fixture->window));

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  g_clear_object (&fixture->settings);

  if (fixture->fake != NULL)
    {
      /* The key travelled only in headers to fal's own hosts. */
      g_assert_cmpuint (lk_fake_fal_get_auth_leaks (fixture->fake), ==, 0);
      g_assert_finalize_object (g_steal_pointer (&fixture->fake));
    }
}

/* The window's client is pointed at the fake through LIKENESS_FAL_URLS, the
 * one documented override, exactly as a person running fake-fal would. */
static void
fake_fixture_set_up (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;

  fixture->fake = lk_fake_fal_new ();
  lk_fake_fal_start (fixture->fake, &error);
  g_assert_no_error (error);

  urls = g_strdup_printf ("queue=%s,rest=%s",
                          lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_QUEUE),
                          lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_REST));
  g_setenv (LK_FAL_URLS_ENV, urls, TRUE);

  fixture_set_up (fixture, user_data);
}

static void
run_connection_test (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.test-connection", NULL));
  g_assert_true (likeness_preferences_window_get_testing (fixture->window));
  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_testing (fixture->window));
}

static void
test_key_source_environment (Fixture       *fixture,
                             gconstpointer  user_data)
{
  AdwActionRow *row = child (fixture, "key_source_row");

  g_assert_cmpint (key_source (fixture), ==, LK_KEY_SOURCE_ENVIRONMENT);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "FAL_KEY"));

  /* The keyring is not where the key comes from, so there is nothing the
   * Remove button could do. */
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "remove_key_button")));
}

static void
test_invalid_key (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *key_row = child (fixture, "key_row");

  gtk_editable_set_text (GTK_EDITABLE (key_row), "not a key");
  g_signal_emit_by_name (key_row, "apply");

  g_assert_true (gtk_widget_has_css_class (key_row, "error"));
  g_assert_false (likeness_preferences_window_get_busy (fixture->window));
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window),
                                           "This is not a fal.ai API key. A key looks like “key-id:key-secret”."));

  /* Editing clears the error until the next attempt. */
  gtk_editable_set_text (GTK_EDITABLE (key_row), "still not");
  g_assert_false (gtk_widget_has_css_class (key_row, "error"));

  /* Testing with a malformed key refuses before any request is made. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.test-connection", NULL));
  g_assert_true (gtk_widget_has_css_class (key_row, "error"));
  g_assert_false (likeness_preferences_window_get_testing (fixture->window));
}

static void
test_proxy_url (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *proxy_row = child (fixture, "proxy_row");
  g_autofree char *stored = NULL;

  gtk_editable_set_text (GTK_EDITABLE (proxy_row), "ftp://proxy.example");
  g_assert_true (gtk_widget_has_css_class (proxy_row, "error"));
  g_signal_emit_by_name (proxy_row, "apply");
  stored = g_settings_get_string (fixture->settings, LIKENESS_SETTINGS_PROXY_URL);
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  gtk_editable_set_text (GTK_EDITABLE (proxy_row), "http://");
  g_assert_true (gtk_widget_has_css_class (proxy_row, "error"));

  gtk_editable_set_text (GTK_EDITABLE (proxy_row), " http://127.0.0.1:8080/api/fal/proxy ");
  g_assert_false (gtk_widget_has_css_class (proxy_row, "error"));
  g_signal_emit_by_name (proxy_row, "apply");
  stored = g_settings_get_string (fixture->settings, LIKENESS_SETTINGS_PROXY_URL);
  g_assert_cmpstr (stored, ==, "http://127.0.0.1:8080/api/fal/proxy");

  /* The row follows the setting when it changes elsewhere. */
  g_settings_set_string (fixture->settings, LIKENESS_SETTINGS_PROXY_URL, "https://proxy.example");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (proxy_row)), ==, "https://proxy.example");

  /* Empty means no proxy. */
  gtk_editable_set_text (GTK_EDITABLE (proxy_row), "");
  g_assert_false (gtk_widget_has_css_class (proxy_row, "error"));
  g_signal_emit_by_name (proxy_row, "apply");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (fixture->settings, LIKENESS_SETTINGS_PROXY_URL);
  g_assert_cmpstr (stored, ==, "");
}

static void
test_connection_cancel (Fixture       *fixture,
                        gconstpointer  user_data)
{
  AdwActionRow *test_row = child (fixture, "test_row");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.test-connection", NULL));
  g_assert_true (likeness_preferences_window_get_testing (fixture->window));
  g_assert_true (gtk_widget_get_visible (child (fixture, "test_spinner")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.cancel-test", NULL));
  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_testing (fixture->window));

  g_assert_cmpstr (adw_action_row_get_subtitle (test_row), ==, "The test was cancelled.");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (test_row), "error"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "test_spinner")));
}

static void
test_connection_success (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AdwActionRow *test_row = child (fixture, "test_row");

  g_setenv ("FAL_KEY", LK_FAKE_FAL_KEY, TRUE);
  run_connection_test (fixture);

  g_assert_cmpstr (adw_action_row_get_subtitle (test_row), ==, "Connected to fal.ai. The key works.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (test_row), "success"));
  g_assert_cmpuint (lk_fake_fal_get_n_requests (fixture->fake), >=, 1);
}

static void
test_connection_unauthorized (Fixture       *fixture,
                              gconstpointer  user_data)
{
  AdwActionRow *test_row = child (fixture, "test_row");

  g_setenv ("FAL_KEY", "wrong-key-id:wrong-key-secret", TRUE);
  run_connection_test (fixture);

  /* The message is the core's, shown as it is. */
  g_assert_cmpstr (adw_action_row_get_subtitle (test_row), ==,
                   "fal.ai refused the API key. Check the key in Preferences "
                   "or create a new one at fal.ai/dashboard/keys.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (test_row), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (test_row), "success"));
}

static void
test_connection_entered_key (Fixture       *fixture,
                             gconstpointer  user_data)
{
  AdwActionRow *test_row = child (fixture, "test_row");

  /* A key typed but not saved yet wins over the one in use. */
  g_setenv ("FAL_KEY", "wrong-key-id:wrong-key-secret", TRUE);
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "key_row")), "  " LK_FAKE_FAL_KEY "\n");
  run_connection_test (fixture);

  g_assert_cmpstr (adw_action_row_get_subtitle (test_row), ==, "Connected to fal.ai. The key works.");
}

static void
test_connection_proxy (Fixture       *fixture,
                       gconstpointer  user_data)
{
  AdwActionRow *test_row = child (fixture, "test_row");
  g_autofree char *proxy = NULL;
  g_autofree char *requests = NULL;

  /* fal's own hosts, on a port where nothing listens: only the proxy can
   * answer, and it sees the real target in x-fal-target-url. */
  g_setenv (LK_FAL_URLS_ENV, "queue=http://queue.fal.run:9,rest=http://rest.fal.ai:9", TRUE);
  proxy = g_strconcat (lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_QUEUE), "/api/fal/proxy", NULL);
  g_settings_set_string (fixture->settings, LIKENESS_SETTINGS_PROXY_URL, proxy);

  g_setenv ("FAL_KEY", LK_FAKE_FAL_KEY, TRUE);
  run_connection_test (fixture);

  g_assert_cmpstr (adw_action_row_get_subtitle (test_row), ==, "Connected to fal.ai. The key works.");
  requests = lk_fake_fal_dup_requests_json (fixture->fake);
  g_assert_nonnull (strstr (requests, "\"proxy_target\""));
  g_assert_nonnull (strstr (requests, "/storage/upload/initiate"));

  g_settings_reset (fixture->settings, LIKENESS_SETTINGS_PROXY_URL);
}

static void
test_connection_close (void)
{
  LikenessPreferencesWindow *window;

  g_setenv ("FAL_KEY", SOME_KEY, TRUE);
  window = g_object_ref_sink (likeness_preferences_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  LIKENESS_TEST_WAIT_WHILE (likeness_preferences_window_get_busy (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.test-connection", NULL));
  g_assert_true (likeness_preferences_window_get_testing (window));

  /* Closing cancels the request, and the window is freed once it ends. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_unref (window);
  LIKENESS_TEST_WAIT_WHILE (window != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = likeness_test_display_init (&argc, &argv);
  int status;

  g_test_add ("/likeness/preferences/key-source/environment", Fixture, NULL,
              fixture_set_up, test_key_source_environment, fixture_tear_down);
  g_test_add ("/likeness/preferences/key/invalid", Fixture, NULL,
              fixture_set_up, test_invalid_key, fixture_tear_down);
  g_test_add ("/likeness/preferences/proxy-url", Fixture, NULL,
              fixture_set_up, test_proxy_url, fixture_tear_down);
  g_test_add ("/likeness/preferences/test-connection/cancel", Fixture, NULL,
              fixture_set_up, test_connection_cancel, fixture_tear_down);
  g_test_add_func ("/likeness/preferences/test-connection/close", test_connection_close);
  g_test_add ("/likeness/preferences/test-connection/success", Fixture, NULL,
              fake_fixture_set_up, test_connection_success, fixture_tear_down);
  g_test_add ("/likeness/preferences/test-connection/unauthorized", Fixture, NULL,
              fake_fixture_set_up, test_connection_unauthorized, fixture_tear_down);
  g_test_add ("/likeness/preferences/test-connection/entered-key", Fixture, NULL,
              fake_fixture_set_up, test_connection_entered_key, fixture_tear_down);
  g_test_add ("/likeness/preferences/test-connection/proxy", Fixture, NULL,
              fake_fixture_set_up, test_connection_proxy, fixture_tear_down);

  status = g_test_run ();
  likeness_test_display_shutdown (g_steal_pointer (&home));

  return status;
}
