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

#define ARGV(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define ENV(...)  ((const char * const[]) { __VA_ARGS__, NULL })

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

/* Nothing the CLI writes under the isolated home may contain the key. */
static void
assert_not_in_tree (const char *path,
                    const char *secret)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        assert_not_in_tree (child, secret);
      else if (g_file_get_contents (child, &contents, &length, NULL))
        g_assert_null (g_strstr_len (contents, (gssize) length, secret));
    }
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

  assert_not_in_tree (g_get_home_dir (), key);
  assert_not_in_tree (g_get_user_config_dir (), key);
  assert_not_in_tree (g_get_user_data_dir (), key);
  assert_not_in_tree (g_get_user_cache_dir (), key);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/cli/keyring/set-status-clear", test_key_set_status_clear);

  return g_test_run ();
}
