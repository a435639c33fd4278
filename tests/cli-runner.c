/* cli-runner.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cli-runner"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <string.h>

#include "cli-runner.h"

/* Every run finishes in well under this; a hang fails the test instead. */
#define RUN_TIMEOUT_MS 20000

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->status = -1;
  run->signalled = FALSE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

void
cli_iterate_until (gboolean *flag,
                   guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  if (!*flag)
    g_error ("Timed out after %u ms", timeout_ms);
}

/* Standard input is always a pipe, so that a verb which reads it (key
 * set) sees the given text or an immediate end of file, never the test
 * runner's own input. */
static GSubprocessLauncher *
make_launcher (const char * const *env)
{
  GSubprocessLauncher *launcher;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);

  /* English messages, whatever the machine's locale. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  /* G_TEST_OPTION_ISOLATE_DIRS hides the system's GSettings schemas, and
   * glib-networking's GNOME proxy resolver aborts without them; tests only
   * talk to 127.0.0.1 anyway. */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  /* The CLI must behave without fatal warnings and print none. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-warnings", TRUE);

  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char *eq = strchr (env[i], '=');

      if (eq == NULL)
        {
          g_subprocess_launcher_unsetenv (launcher, env[i]);
        }
      else
        {
          g_autofree char *name = g_strndup (env[i], (gsize) (eq - env[i]));

          g_subprocess_launcher_setenv (launcher, name, eq + 1, TRUE);
        }
    }

  return launcher;
}

static const char **
make_argv (const char * const *argv)
{
  GPtrArray *args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) LIKENESS_CLI_PATH);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  return (const char **) g_ptr_array_free (args, FALSE);
}

GSubprocess *
cli_spawn (const char * const *env,
           const char * const *argv,
           GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (env);
  g_autofree const char **full = make_argv (argv);

  return g_subprocess_launcher_spawnv (launcher, full, error);
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communicate;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communicate *state = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &state->out, &state->err,
                                        &state->error);
  state->done = TRUE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

static void
communicate (CliRun      *run,
             GSubprocess *subprocess,
             const char  *stdin_text)
{
  Communicate state = { 0 };
  gboolean exited = FALSE;

  g_subprocess_communicate_utf8_async (subprocess, stdin_text, NULL, communicate_cb, &state);
  cli_iterate_until (&state.done, RUN_TIMEOUT_MS);
  g_assert_no_error (state.error);

  g_subprocess_wait_async (subprocess, NULL, wait_cb, &exited);
  cli_iterate_until (&exited, RUN_TIMEOUT_MS);

  run->out = state.out != NULL ? state.out : g_strdup ("");
  run->err = state.err != NULL ? state.err : g_strdup ("");

  if (g_subprocess_get_if_exited (subprocess))
    run->status = g_subprocess_get_exit_status (subprocess);
  else
    {
      run->signalled = TRUE;
      run->status = 128 + g_subprocess_get_term_sig (subprocess);
    }

  if (g_test_verbose ())
    g_test_message ("exit %d\n--- stdout\n%s--- stderr\n%s---", run->status, run->out, run->err);
}

void
cli_wait (CliRun      *run,
          GSubprocess *subprocess)
{
  communicate (run, subprocess, NULL);
}

void
cli_run (CliRun             *run,
         const char * const *env,
         const char         *stdin_text,
         const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (env);
  g_autofree const char **full = make_argv (argv);
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;

  subprocess = g_subprocess_launcher_spawnv (launcher, full, &error);
  g_assert_no_error (error);

  /* An empty string still closes the pipe, so the CLI sees end of file. */
  communicate (run, subprocess, stdin_text != NULL ? stdin_text : "");
}

JsonNode *
cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));

  return json_node_copy (json_parser_get_root (parser));
}

void
cli_assert_no_secret (const CliRun *run,
                      const char   *secret)
{
  g_assert_null (strstr (run->out, secret));
  g_assert_null (strstr (run->err, secret));
}

static void
pty_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PtyReader *reader = user_data;
  gssize n = g_input_stream_read_finish (reader->stream, result, NULL);

  /* Linux answers EIO once the slave side is closed. */
  if (n <= 0)
    {
      reader->done = TRUE;
      return;
    }

  g_string_append_len (reader->text, reader->buffer, n);
  g_input_stream_read_async (reader->stream, reader->buffer, sizeof reader->buffer,
                             G_PRIORITY_DEFAULT, NULL, pty_read_cb, reader);
}

void
pty_reader_start (PtyReader *reader,
                  int        master)
{
  reader->stream = g_unix_input_stream_new (master, TRUE);
  reader->text = g_string_new (NULL);
  g_input_stream_read_async (reader->stream, reader->buffer, sizeof reader->buffer,
                             G_PRIORITY_DEFAULT, NULL, pty_read_cb, reader);
}

void
pty_reader_finish (PtyReader *reader)
{
  cli_iterate_until (&reader->done, 10000);
  g_clear_object (&reader->stream);
}

GSubprocessLauncher *
cli_pty_launcher (const char * const *env)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  for (guint i = 0; env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  return launcher;
}

void
cli_assert_not_in_tree (const char *path,
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
        cli_assert_not_in_tree (child, secret);
      else if (g_file_get_contents (child, &contents, &length, NULL))
        g_assert_null (g_strstr_len (contents, (gssize) length, secret));
    }
}
