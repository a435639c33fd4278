/* test-cli-job-verbs.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job verbs of likeness-cli against the standalone fake-fal: a full
 * train, refusals before anything is spent, `kill -9` of `train` in each
 * phase followed by `jobs` and `attach` (exactly one job at the fake), a
 * detach on SIGINT, and store files that are damaged or from the future.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "job-fixture.h"

static char *dataset_dir;
static char *big_dataset_dir;

typedef struct
{
  GSubprocess *fake;       /* the standalone fake-fal */
  char        *control;    /* its control URL */
  char        *urls_env;   /* LIKENESS_FAL_URLS for the CLI */
  char        *data_home;  /* XDG_DATA_HOME for the CLI */
  SoupSession *soup;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "fake.json", NULL);
  JsonObject *urls;

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_config_dir (), 0700));
  g_assert_true (g_file_set_contents (config,
                                      "{\"timing\":{\"queue_ms\":300,\"progress_ms\":1200,"
                                      "\"log_interval_ms\":40,\"keepalive_ms\":1000}}", -1, NULL));

  f->fake = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              FAKE_FAL_PATH, "--exit-on-eof", "--config", config, NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->fake));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  urls = json_node_get_object (json_parser_get_root (parser));

  f->control = g_strdup (json_object_get_string_member (urls, "control"));
  f->urls_env = g_strdup_printf ("queue=%s,rest=%s", json_object_get_string_member (urls, "queue"),
                                 json_object_get_string_member (urls, "rest"));
  f->data_home = g_build_filename (g_get_user_data_dir (), "cli", NULL);
  f->soup = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Closing its stdin ends the fake. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (f->fake), NULL, NULL);
  g_subprocess_wait (f->fake, NULL, NULL);
  g_clear_object (&f->fake);
  g_clear_object (&f->soup);
  g_free (f->control);
  g_free (f->urls_env);
  g_free (f->data_home);
}

static char *
control (Fixture    *f,
         const char *method,
         const char *path,
         const char *body)
{
  g_autofree char *url = g_strconcat (f->control, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (f->soup, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_get_status (msg), <, 300);
  return g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
}

static guint
fake_jobs (Fixture *f)
{
  g_autofree char *json = control (f, "GET", "/__fake/jobs", NULL);

  return job_fixture_count_jobs (json, NULL);
}

static guint
fake_submits (Fixture *f)
{
  g_autofree char *json = control (f, "GET", "/__fake/requests", NULL);

  return job_fixture_count_requests (json, "Q", "POST", NULL);
}

static GSubprocessLauncher *
launcher_new (Fixture *f)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDIN_PIPE);

  g_subprocess_launcher_setenv (launcher, "LIKENESS_FAL_URLS", f->urls_env, TRUE);
  g_subprocess_launcher_setenv (launcher, "FAL_KEY", "fake-key-id:fake-key-secret", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  return launcher;
}

/* Runs likeness-cli to the end; returns its exit status. */
static int
run_cli (Fixture     *f,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) LIKENESS_CLI_PATH);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "", NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static JsonObject *
last_json_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();

  for (int i = g_strv_length (lines) - 1; i >= 0; i--)
    if (lines[i][0] == '{' && json_parser_load_from_data (parser, lines[i], -1, NULL))
      return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return NULL;
}

static void
test_train (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *list = NULL;
  g_autoptr(JsonObject) done = NULL;
  int status;

  status = run_cli (f, &out, NULL, "train", dataset_dir, "--trainer", "fal-ai/flux-lora-fast-training",
                    "--yes", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  done = last_json_line (out);
  g_assert_nonnull (done);
  g_assert_cmpstr (json_object_get_string_member (done, "event"), ==, "done");
  g_assert_true (g_file_test (json_object_get_string_member (done, "folder"), G_FILE_TEST_IS_DIR));
  g_assert_nonnull (strstr (json_object_get_string_member (done, "prompt"), "TOK_"));
  g_assert_cmpuint (fake_jobs (f), ==, 1);

  status = run_cli (f, &list, NULL, "jobs", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (list, "\"phase\":\"done\""));

  /* The result again, into another folder. */
  {
    g_autofree char *dir = g_build_filename (f->data_home, "elsewhere", NULL);
    g_autofree char *lora = g_build_filename (dir, "1", "pytorch_lora_weights.safetensors", NULL);

    status = run_cli (f, NULL, NULL, "jobs", "result", "1", "-o", dir, NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (g_file_test (lora, G_FILE_TEST_IS_REGULAR));
  }

  /* `result ID` takes a job number too (a request id needs --endpoint). */
  {
    g_autofree char *dir = g_build_filename (f->data_home, "top-level", NULL);
    g_autofree char *lora = g_build_filename (dir, "1", "pytorch_lora_weights.safetensors", NULL);

    status = run_cli (f, NULL, NULL, "result", "1", "-o", dir, NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (g_file_test (lora, G_FILE_TEST_IS_REGULAR));
  }

  /* Try it, with a custom prompt: 3 images. */
  {
    g_autofree char *try_out = NULL;

    status = run_cli (f, &try_out, NULL, "try", "1", "--prompt", "riding a bicycle", "--yes", NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (try_out, "p1-s060.jpg"));
    g_assert_nonnull (strstr (try_out, "p1-s100.jpg"));
  }
}

static void
test_continue (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *jobs = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) done = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, "train", dataset_dir, "--trainer", "fal-ai/flux-lora-portrait-trainer",
                            "--preset", "portrait-fast", "--yes", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &out, NULL, "train", "--continue", "1", "--set", "steps=300", "--yes", "--json",
                            NULL), ==, 0);
  done = last_json_line (out);
  g_assert_cmpstr (json_object_get_string_member (done, "event"), ==, "done");
  g_assert_cmpint (json_object_get_int_member (done, "job"), ==, 2);

  jobs = control (f, "GET", "/__fake/jobs", NULL);
  g_assert_cmpuint (job_fixture_count_jobs (jobs, NULL), ==, 2);
  g_assert_nonnull (strstr (jobs, "resume_from_checkpoint"));

  /* The fast trainer takes no checkpoint. */
  g_assert_cmpint (run_cli (f, NULL, NULL, "train", dataset_dir, "--trainer", "fal-ai/flux-lora-fast-training",
                            "--yes", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &err, "train", "--continue", "3", "--yes", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "checkpoint"));
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *err = NULL;
  int status;

  /* No terminal to confirm on, and no --yes. */
  status = run_cli (f, NULL, &err, "train", dataset_dir, "--trainer", "fal-ai/flux-lora-fast-training", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--yes"));
  g_clear_pointer (&err, g_free);

  status = run_cli (f, NULL, &err, "train", dataset_dir, "--trainer", "fal-ai/flux-lora-fast-training",
                    "--yes", "--max-cost", "0.50", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "--max-cost"));
  g_clear_pointer (&err, g_free);

  status = run_cli (f, NULL, &err, "train", dataset_dir, "--trainer", "fal-ai/nope", "--yes", NULL);
  g_assert_cmpint (status, !=, 0);
  g_clear_pointer (&err, g_free);

  status = run_cli (f, NULL, &err, "train", dataset_dir, "--trainer", "fal-ai/flux-lora-fast-training",
                    "--set", "steps=lots", "--yes", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&err, g_free);

  status = run_cli (f, NULL, &err, "attach", "x", NULL);
  g_assert_cmpint (status, ==, 2);

  g_assert_cmpuint (fake_submits (f), ==, 0);
}

/* The window's spending cap binds the CLI too: with the cap in "block"
 * mode, a run that would pass it is refused before anything is sent. */
static void
test_spending_cap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config_home = g_build_filename (f->data_home, "config", NULL);
  g_autofree char *settings_dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile,
                                      "[io/github/likeness/Likeness]\n"
                                      "spending-cap-mode='block'\n"
                                      "spending-cap-usd=0.5\n", -1, &error));
  g_assert_no_error (error);

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, LIKENESS_CLI_PATH, "train", dataset_dir,
                                         "--trainer", "fal-ai/flux-lora-fast-training", "--yes", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "", NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "$0.50"));
  g_assert_cmpuint (fake_submits (f), ==, 0);
  g_assert_cmpuint (fake_jobs (f), ==, 0);
}

static gboolean
lk_job_phase_is_local_nick (const char *nick)
{
  return g_str_equal (nick, "preparing") || g_str_equal (nick, "packing") || g_str_equal (nick, "uploading");
}

/* kill -9 of `train` in a phase, then jobs and attach. */
static void
test_kill (Fixture       *f,
           gconstpointer  data)
{
  const char *phase = data;
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f);
  g_autoptr(GSubprocess) train = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_autofree char *out = NULL;
  g_autofree char *fault = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *wanted = g_strdup_printf ("\"phase\":\"%s\"", phase);
  gboolean seen = FALSE;
  int status;

  if (g_str_equal (phase, "downloading"))
    fault = control (f, "POST", "/__fake/faults",
                     "{\"match\":{\"listener\":\"C\"},\"times\":1,\"action\":{\"throttle_bps\":4096}}");

  train = g_subprocess_launcher_spawn (launcher, &error, LIKENESS_CLI_PATH, "train",
                                       lk_job_phase_is_local_nick (phase) ? big_dataset_dir : dataset_dir,
                                       "--trainer", "fal-ai/flux-lora-portrait-trainer",
                                       "--preset", "portrait-fast", "--yes", "--json", NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (train));

  while (!seen)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_test_message ("train: %s", line);
      seen = strstr (line, wanted) != NULL;
    }

  g_subprocess_send_signal (train, SIGKILL);
  g_subprocess_wait (train, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (train));

  status = run_cli (f, &list, NULL, "jobs", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (list, "\"id\":1"));
  g_assert_null (strstr (list, "\"phase\":\"done\""));

  status = run_cli (f, &out, NULL, "attach", "1", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  done = last_json_line (out);
  g_assert_cmpstr (json_object_get_string_member (done, "event"), ==, "done");

  /* Exactly one job at fal, submitted once. */
  g_assert_cmpuint (fake_jobs (f), ==, 1);
  g_assert_cmpuint (fake_submits (f), ==, 1);

  g_clear_pointer (&list, g_free);
  run_cli (f, &list, NULL, "jobs", "--json", NULL);
  g_assert_nonnull (strstr (list, "\"phase\":\"done\""));
}

static void
test_sigint_detaches (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f);
  g_autoptr(GSubprocess) train = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *err = NULL;
  gboolean seen = FALSE;

  train = g_subprocess_launcher_spawn (launcher, &error, LIKENESS_CLI_PATH, "train", dataset_dir,
                                       "--trainer", "fal-ai/flux-lora-fast-training", "--yes", "--json", NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (train));
  while (!seen)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

      g_assert_nonnull (line);
      seen = strstr (line, "\"phase\":\"running\"") != NULL;
    }

  /* Standard input is not a terminal: Ctrl+C detaches. */
  g_subprocess_send_signal (train, SIGINT);
  g_subprocess_communicate_utf8 (train, NULL, NULL, &rest, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (train));
  g_assert_cmpint (g_subprocess_get_exit_status (train), ==, 130);
  g_assert_nonnull (strstr (rest, "\"event\":\"detached\""));
  g_assert_nonnull (strstr (err, "likeness-cli attach 1"));

  g_assert_cmpint (run_cli (f, NULL, NULL, "attach", "1", NULL), ==, 0);
  g_assert_cmpuint (fake_jobs (f), ==, 1);
}

static void
test_cancel_verb (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f);
  g_autoptr(GSubprocess) train = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jobs = NULL;
  g_autofree char *list = NULL;
  gboolean seen = FALSE;

  train = g_subprocess_launcher_spawn (launcher, &error, LIKENESS_CLI_PATH, "train", dataset_dir,
                                       "--trainer", "fal-ai/flux-lora-fast-training", "--yes", "--json", NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (train));
  while (!seen)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

      g_assert_nonnull (line);
      seen = strstr (line, "\"phase\":\"queued\"") != NULL;
    }
  g_subprocess_send_signal (train, SIGKILL);
  g_subprocess_wait (train, NULL, NULL);

  /* Cancel from another process, by the stored request. */
  g_assert_cmpint (run_cli (f, NULL, NULL, "cancel", "1", NULL), ==, 0);
  run_cli (f, &list, NULL, "jobs", "--json", NULL);
  g_assert_true (strstr (list, "\"phase\":\"cancelled\"") != NULL || strstr (list, "\"phase\":\"done\"") != NULL);
  jobs = control (f, "GET", "/__fake/jobs", NULL);
  g_assert_cmpuint (job_fixture_count_jobs (jobs, NULL), ==, 1);
  g_assert_cmpuint (job_fixture_count_requests (control (f, "GET", "/__fake/requests", NULL),
                                                "Q", "PUT", "/cancel"), ==, 1);

  /* Forget it: the local record only. */
  g_assert_cmpint (run_cli (f, NULL, NULL, "jobs", "delete", "1", NULL), ==, 0);
  g_clear_pointer (&list, g_free);
  run_cli (f, &list, NULL, "jobs", "--json", NULL);
  g_assert_cmpstr (list, ==, "{\"jobs\":[]}\n");
}

static void
test_bad_store (Fixture       *f,
                gconstpointer  data)
{
  gboolean newer = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_build_filename (f->data_home, "likeness", NULL);
  g_autofree char *path = g_build_filename (dir, "jobs.sqlite3", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  gsize before_len, after_len;
  int status;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  if (newer)
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE jobs (id INTEGER); PRAGMA user_version = 999;",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  else
    g_assert_true (g_file_set_contents (path, "this is not a database, but it is someone's file\n", -1, NULL));

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  status = run_cli (f, NULL, &err, "jobs", "--json", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "jobs.sqlite3"));
  g_clear_pointer (&err, g_free);

  status = run_cli (f, NULL, &err, "train", dataset_dir, "--trainer", "fal-ai/flux-lora-fast-training",
                    "--yes", NULL);
  g_assert_cmpint (status, ==, 1);

  /* The file is kept as it was, and nothing was sent. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpuint (fake_submits (f), ==, 0);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        rm_rf (child);
      }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autofree char *big = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Loopback only: no proxy lookup (which would need GSettings). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  tmp = g_dir_make_tmp ("likeness-test-cli-job-verbs-XXXXXX", NULL);
  dataset_dir = job_fixture_make_dataset (tmp, 10, 512);
  big = g_build_filename (tmp, "big", NULL);
  big_dataset_dir = job_fixture_make_dataset (big, 12, 1536);

#define ADD(path, fn, data) \
  g_test_add ("/likeness/cli-job-verbs/" path, Fixture, data, fixture_setup, fn, fixture_teardown)

  ADD ("train", test_train, NULL);
  ADD ("refusals", test_refusals, NULL);
  ADD ("continue", test_continue, NULL);
  ADD ("kill/preparing", test_kill, "preparing");
  ADD ("kill/packing", test_kill, "packing");
  ADD ("kill/uploading", test_kill, "uploading");
  ADD ("kill/queued", test_kill, "queued");
  ADD ("kill/running", test_kill, "running");
  ADD ("kill/downloading", test_kill, "downloading");
  ADD ("sigint-detaches", test_sigint_detaches, NULL);
  ADD ("cancel-delete", test_cancel_verb, NULL);
  g_test_add ("/likeness/cli-job-verbs/spending-cap", Fixture, NULL, fixture_setup, test_spending_cap, fixture_teardown);
  g_test_add ("/likeness/cli-job-verbs/store/corrupt", Fixture, NULL, fixture_setup, test_bad_store, fixture_teardown);
  g_test_add ("/likeness/cli-job-verbs/store/newer", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_bad_store, fixture_teardown);

#undef ADD

  ret = g_test_run ();
  rm_rf (tmp);
  g_free (dataset_dir);
  g_free (big_dataset_dir);
  return ret;
}
