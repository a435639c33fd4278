/* test-cli.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * likeness-cli without fal: usage, help, exit codes, the key verbs'
 * refusals and the --json writer. test-cli-fal.c runs it against the fake.
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <pty.h>
#include <string.h>
#include <unistd.h>

#include "cli-runner.h"
#include "likeness-cli-common.h"

#define VALID_KEY "5a1c2e3f-0000-4000-8000-1234567890ab:0123456789abcdef0123456789abcdef"

static void
test_unknown_verb (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, NULL, ARGV ("frobnicate"));
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (run.signalled);
  g_assert_nonnull (strstr (run.err, "Unknown command “frobnicate”"));
  g_assert_cmpstr (run.out, ==, "");

  cli_run_clear (&run);
  cli_run (&run, NULL, NULL, ARGV ("--help"));
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < 8; i++)
    {
      const char *verb = (const char *[]) { "key", "upload", "submit", "status", "logs",
                                             "result", "cancel", "download" }[i];
      g_autofree char *line = g_strdup_printf ("\n  %s ", verb);

      g_assert_nonnull (strstr (run.out, line));
    }
}

static void
test_verb_help (void)
{
  const char *verbs[][2] = {
    { "upload", NULL }, { "submit", NULL }, { "status", NULL }, { "logs", NULL },
    { "result", NULL }, { "cancel", NULL }, { "download", NULL },
    { "key", "set" }, { "key", "clear" }, { "key", "status" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_auto(CliRun) run = { 0 };

      if (verbs[i][1] != NULL)
        cli_run (&run, NULL, NULL, ARGV (verbs[i][0], verbs[i][1], "--help"));
      else
        cli_run (&run, NULL, NULL, ARGV (verbs[i][0], "--help"));

      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      g_assert_nonnull (strstr (run.out, "likeness-cli "));
      g_assert_nonnull (strstr (run.out, "--json"));
      g_assert_nonnull (strstr (run.out, "Exit status:"));
      g_assert_nonnull (strstr (run.out, "130"));
    }
}

static void
test_usage_errors (void)
{
  struct {
    const char * const *argv;
    const char         *message;
  } cases[] = {
    { ARGV ("upload"), "exactly one FILE" },
    { ARGV ("upload", "a", "b"), "exactly one FILE" },
    { ARGV ("upload", "--proxy", "ftp://example.org", "x"), "proxy must be" },
    { ARGV ("submit", "fal-ai/flux-lora"), "--input FILE.json" },
    { ARGV ("submit", "fal-ai/flux-lora", "--input", "x.json", "--webhook", "nope"), "webhook" },
    { ARGV ("status", "abc"), "--endpoint" },
    { ARGV ("logs", "--endpoint", "fal-ai/flux-lora"), "request ID" },
    { ARGV ("result", "--endpoint", "fal-ai/flux-lora", "../../x"), "not a request id" },
    { ARGV ("cancel", "--endpoint", "fal-ai/flux-lora", "a?b"), "not a request id" },
    { ARGV ("download", "http://127.0.0.1:9/x"), "-o FILE" },
    { ARGV ("download", "file:///etc/passwd", "-o", "x"), "http://" },
    { ARGV ("status", "--bogus"), "Unknown option --bogus" },
    { ARGV ("key"), "key set" },
    { ARGV ("key", "status", "extra"), "takes no arguments" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };

      cli_run (&run, ENV ("FAL_KEY=" VALID_KEY), NULL, cases[i].argv);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      g_assert_nonnull (strstr (run.err, "--help"));
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* `key set` never takes the key from argv, and never echoes what it got. */
static void
test_key_set_refuses_argv (void)
{
  const char *secret = "argvsecret-7f3a:ffffeeeeddddcccc";
  const char *option = "--argvsecret-7f3a:ffffeeeeddddcccc";
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, NULL, ARGV ("key", "set", secret));
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "never from the command line"));
  cli_assert_no_secret (&run, "argvsecret");

  cli_run_clear (&run);
  cli_run (&run, NULL, NULL, ARGV ("key", "set", option));
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_no_secret (&run, "argvsecret");

  cli_run_clear (&run);
  cli_run (&run, NULL, NULL, ARGV ("key", secret));
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_no_secret (&run, "argvsecret");
}

/* A malformed key on stdin is refused before the keyring is touched, and
 * is not echoed either. */
static void
test_key_set_invalid (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, "stdinsecret-without-colon\n", ARGV ("key", "set"));
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "KEY_ID:KEY_SECRET"));
  cli_assert_no_secret (&run, "stdinsecret");

  cli_run_clear (&run);
  cli_run (&run, NULL, "", ARGV ("key", "set", "--json"));
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "Standard input was empty"));
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);
    JsonObject *error = json_object_get_object_member (json_node_get_object (node), "error");

    g_assert_nonnull (error);
    g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, "lk-fal-error-quark");
  }
}

static void
test_key_status_environment (void)
{
  const char *canary = "c4n4ry01-aaaa-4bbb-8ccc-dddddddddddd:0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
  g_autofree char *env = g_strdup_printf ("FAL_KEY=%s", canary);
  g_auto(CliRun) run = { 0 };

  cli_run (&run, ENV (env), NULL, ARGV ("key", "status"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "FAL_KEY environment variable"));
  cli_assert_no_secret (&run, canary);
  cli_assert_no_secret (&run, "c4n4ry01");
  cli_assert_no_secret (&run, "0f0f0f0f");

  cli_run_clear (&run);
  cli_run (&run, ENV (env), NULL, ARGV ("key", "status", "--json"));
  g_assert_cmpint (run.status, ==, 0);
  cli_assert_no_secret (&run, "c4n4ry01");
  cli_assert_no_secret (&run, "0f0f0f0f");
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);
    JsonObject *object = json_node_get_object (node);

    g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "environment");
    g_assert_true (json_object_get_boolean_member (object, "valid_format"));
  }

  /* Debug messages go to stderr: stdout stays pure JSON for scripts. */
  cli_run_clear (&run);
  cli_run (&run, ENV (env, "G_MESSAGES_DEBUG=all"), NULL, ARGV ("key", "status", "--json"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "-DEBUG: "));
  cli_assert_no_secret (&run, "c4n4ry01");
  cli_assert_no_secret (&run, "0f0f0f0f");
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "source"), ==, "environment");
  }

  /* FAL_KEY_ID and FAL_KEY_SECRET, the other documented form. */
  cli_run_clear (&run);
  cli_run (&run, ENV ("FAL_KEY=", "FAL_KEY_ID=c4n4ry01-aaaa", "FAL_KEY_SECRET=0f0f0f0f0f0f"), NULL,
           ARGV ("key", "status"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "FAL_KEY_ID and FAL_KEY_SECRET"));
  cli_assert_no_secret (&run, "c4n4ry01");
  cli_assert_no_secret (&run, "0f0f0f0f");
}

static void
test_upload_missing_file (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "no-such-file.zip", NULL);
  g_auto(CliRun) run = { 0 };

  cli_run (&run, ENV ("FAL_KEY=" VALID_KEY), NULL, ARGV ("upload", path));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "does not exist"));
  g_assert_nonnull (strstr (run.err, "no-such-file.zip"));
  g_assert_cmpstr (run.out, ==, "");

  cli_run_clear (&run);
  cli_run (&run, ENV ("FAL_KEY=" VALID_KEY), NULL,
           ARGV ("submit", "fal-ai/flux-lora", "--input", path));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "does not exist"));
}

static void
test_submit_bad_input (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "input.json", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };

  g_file_set_contents (path, "[1, 2, 3]\n", -1, &error);
  g_assert_no_error (error);

  cli_run (&run, ENV ("FAL_KEY=" VALID_KEY), NULL, ARGV ("submit", "fal-ai/flux-lora", "--input", path));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "one JSON object"));
}

/* The --json writer escapes everything JSON requires, and repairs invalid
 * UTF-8 rather than writing it through. */
static void
test_json_writer (void)
{
  const char *tricky = "quote \" backslash \\ newline \n tab \t bell \a del \x7f ünïcödé";
  GString *object = lk_cli_json_object_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *parsed;

  lk_cli_json_add_string (object, "tricky", tricky);
  lk_cli_json_add_string (object, "invalid", "abc\xff\xfe" "def");
  lk_cli_json_add_string (object, "null", NULL);
  lk_cli_json_add_int (object, "big", G_GINT64_CONSTANT (9007199254740993));
  lk_cli_json_add_double (object, "seconds", 842.25);
  lk_cli_json_add_bool (object, "yes", TRUE);
  lk_cli_json_add_raw (object, "list", "[1,2]");
  text = lk_cli_json_object_end (object);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  node = cli_parse_json (text);
  parsed = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (parsed, "tricky"), ==, tricky);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (parsed, "invalid"), "abc"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (parsed, "invalid"), "def"));
  g_assert_true (json_object_get_null_member (parsed, "null"));
  g_assert_cmpint (json_object_get_int_member (parsed, "big"), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpfloat (json_object_get_double_member (parsed, "seconds"), ==, 842.25);
  g_assert_true (json_object_get_boolean_member (parsed, "yes"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (parsed, "list")), ==, 2);
}

/* On a terminal, `key set` prompts with echo off: what is typed never shows. */
static void
test_key_set_prompt (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) err = NULL;
  g_autoptr(GString) prompt = g_string_new (NULL);
  PtyReader reader = { 0 };
  const char *typed = "typedsecret-no-colon\n";
  int master, slave;

  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, NULL), ==, 0);

  launcher = cli_pty_launcher (ENV ("FAL_KEY="));
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_take_stdin_fd (launcher, slave);
  subprocess = g_subprocess_launcher_spawnv (launcher, ARGV (LIKENESS_CLI_PATH, "key", "set"), &error);
  g_assert_no_error (error);
  g_object_unref (g_steal_pointer (&launcher));   /* closes our copy of the slave */

  /* Echo is off once the prompt is out; only then is the key typed. */
  err = g_object_ref (g_subprocess_get_stderr_pipe (subprocess));
  while (strstr (prompt->str, "(input is hidden): ") == NULL)
    {
      char c;
      gssize n = g_input_stream_read (err, &c, 1, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, ==, 1);
      g_string_append_c (prompt, c);
    }

  pty_reader_start (&reader, master);
  g_assert_cmpint (write (master, typed, strlen (typed)), ==, (gssize) strlen (typed));

  {
    g_auto(CliRun) run = { 0 };

    cli_wait (&run, subprocess);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "KEY_ID:KEY_SECRET"));
    g_assert_null (strstr (run.err, "typedsecret"));
    g_assert_null (strstr (run.out, "typedsecret"));
  }

  pty_reader_finish (&reader);
  /* The terminal showed the line end (ECHONL) but not the key. */
  g_assert_null (strstr (reader.text->str, "typedsecret"));
  g_assert_nonnull (strstr (reader.text->str, "\n"));
  g_string_free (reader.text, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/cli/json-writer", test_json_writer);
  g_test_add_func ("/likeness/cli/usage/unknown-verb", test_unknown_verb);
  g_test_add_func ("/likeness/cli/usage/help", test_verb_help);
  g_test_add_func ("/likeness/cli/usage/errors", test_usage_errors);
  g_test_add_func ("/likeness/cli/key/set-refuses-argv", test_key_set_refuses_argv);
  g_test_add_func ("/likeness/cli/key/set-invalid", test_key_set_invalid);
  g_test_add_func ("/likeness/cli/key/status-environment", test_key_status_environment);
  g_test_add_func ("/likeness/cli/key/set-prompt", test_key_set_prompt);
  g_test_add_func ("/likeness/cli/upload/missing-file", test_upload_missing_file);
  g_test_add_func ("/likeness/cli/submit/bad-input", test_submit_bad_input);

  return g_test_run ();
}
