/* test-cli-keyring.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli key set|status|clear` against a real Secret Service. Run
 * inside `dbus-run-session` with an unlocked gnome-keyring-daemon, as
 * tests/run-all.sh does; it refuses to touch a key that is already stored.
 */

#define G_LOG_DOMAIN "test-cli-keyring"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-runner.h"
#include "lk-fake-fal.h"

static char *
status_source (int *exit_status)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  cli_run (&run, ENV ("FAL_KEY=", "FAL_KEY_ID=", "FAL_KEY_SECRET="), NULL, ARGV ("key", "status", "--json"));
  *exit_status = run.status;

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  return g_strdup (json_object_get_string_member (object, "source"));
}

static void
test_key_set_status_clear (void)
{
  const char *key = "7e57ke75-1111-4222-8333-444444444444:5ec12e75ec12e75ec12e75ec12e75ec1";
  g_autofree char *stdin_text = g_strdup_printf ("%s\n", key);
  g_autofree char *source = NULL;
  g_auto(CliRun) run = { 0 };
  int status;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("Needs a session bus with a keyring (run inside dbus-run-session)");
      return;
    }

  source = status_source (&status);
  if (g_strcmp0 (source, "keyring") == 0)
    {
      g_test_skip ("A key is already stored in this keyring; not touching it");
      return;
    }
  g_assert_cmpstr (source, ==, "none");
  g_assert_cmpint (status, ==, 3);

  /* Piped standard input: the first line is the key. */
  cli_run (&run, ENV ("FAL_KEY="), stdin_text, ARGV ("key", "set"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "stored in the keyring"));
  g_assert_null (strstr (run.out, "7e57ke75"));
  g_assert_null (strstr (run.err, "7e57ke75"));

  g_clear_pointer (&source, g_free);
  source = status_source (&status);
  g_assert_cmpstr (source, ==, "keyring");
  g_assert_cmpint (status, ==, 0);

  /* The stored key is exactly the one typed: the fake accepts it, and only
   * it, from the keyring alone. */
  {
    g_autoptr(LkFakeFal) fake = lk_fake_fal_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *config = g_strdup_printf ("{\"keys\":{\"%s\":\"ok\"}}", key);
    g_autofree char *urls = NULL;

    g_assert_true (lk_fake_fal_start (fake, &error));
    g_assert_no_error (error);
    g_assert_true (lk_fake_fal_configure (fake, config));
    urls = g_strdup_printf ("LIKENESS_FAL_URLS=queue=%s,rest=%s",
                            lk_fake_fal_get_url (fake, LK_FAKE_FAL_QUEUE),
                            lk_fake_fal_get_url (fake, LK_FAKE_FAL_REST));

    cli_run_clear (&run);
    cli_run (&run, ENV ("FAL_KEY=", "FAL_KEY_ID=", "FAL_KEY_SECRET=", urls), NULL,
             ARGV ("key", "status", "--check"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "comes from the keyring"));
    g_assert_nonnull (strstr (run.out, "fal.ai accepted the key."));
    g_assert_null (strstr (run.out, "7e57ke75"));
    g_assert_null (strstr (run.err, "7e57ke75"));
    g_assert_cmpuint (lk_fake_fal_get_url_key_leaks (fake), ==, 0);
  }

  /* The environment wins over the keyring. */
  cli_run_clear (&run);
  cli_run (&run, ENV ("FAL_KEY=0ther:key"), NULL, ARGV ("key", "status"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "FAL_KEY environment variable"));

  cli_run_clear (&run);
  cli_run (&run, ENV ("FAL_KEY="), NULL, ARGV ("key", "status"));
  g_assert_nonnull (strstr (run.out, "comes from the keyring"));
  g_assert_null (strstr (run.out, "7e57ke75"));
  g_assert_null (strstr (run.out, "5ec12e75"));

  cli_run_clear (&run);
  cli_run (&run, ENV ("FAL_KEY="), NULL, ARGV ("key", "clear", "--json"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"cleared\":true"));

  g_clear_pointer (&source, g_free);
  source = status_source (&status);
  g_assert_cmpstr (source, ==, "none");
  g_assert_cmpint (status, ==, 3);

  cli_assert_not_in_tree (g_get_home_dir (), key);
  cli_assert_not_in_tree (g_get_user_config_dir (), key);
  cli_assert_not_in_tree (g_get_user_data_dir (), key);
  cli_assert_not_in_tree (g_get_user_cache_dir (), key);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/cli/keyring/set-status-clear", test_key_set_status_clear);

  return g_test_run ();
}
