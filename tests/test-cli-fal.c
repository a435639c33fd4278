/* test-cli-fal.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built likeness-cli against the in-process fake fal service and
 * checks exit codes, output, files, and that the key never shows.
 */

#define G_LOG_DOMAIN "test-cli-fal"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli-runner.h"
#include "lk-fake-fal.h"

/* Tests against the in-process fake fal service. Every one of them runs
 * the CLI with a fresh, unique key and checks that it never shows. */

#define TRAINER "fal-ai/flux-lora-fast-training"
/* Every debug message the CLI and the core log lands on stderr, where the
 * canary looks for the key. */
#define DEBUG_ENV "G_MESSAGES_DEBUG=all"

typedef struct
{
  LkFakeFal *fake;
  char      *dir;         /* scratch folder for files */
  char      *key;         /* unique, registered with the fake */
  char      *key_id;
  char      *key_secret;
  char      *key_env;     /* FAL_KEY=… */
  char      *urls_env;    /* LIKENESS_FAL_URLS=… */
  GString   *all_output;  /* everything the CLI printed in this test */
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;

  fx->fake = lk_fake_fal_new ();
  g_assert_true (lk_fake_fal_start (fx->fake, &error));
  g_assert_no_error (error);

  fx->key_id = g_strdup_printf ("c4n4ry%08x-%04x", g_random_int (), g_random_int_range (0, 0xffff));
  fx->key_secret = g_strdup_printf ("5ecr%08x%08x%08x", g_random_int (), g_random_int (), g_random_int ());
  fx->key = g_strdup_printf ("%s:%s", fx->key_id, fx->key_secret);
  fx->key_env = g_strdup_printf ("FAL_KEY=%s", fx->key);
  fx->urls_env = g_strdup_printf ("LIKENESS_FAL_URLS=queue=%s,rest=%s",
                                  lk_fake_fal_get_url (fx->fake, LK_FAKE_FAL_QUEUE),
                                  lk_fake_fal_get_url (fx->fake, LK_FAKE_FAL_REST));

  /* Short phases: 5 step lines between "Loading model..." and "Saving". */
  config = g_strdup_printf ("{\"keys\":{\"%s\":\"ok\"},"
                            "\"timing\":{\"queue_ms\":200,\"progress_ms\":800,\"log_interval_ms\":100}}",
                            fx->key);
  g_assert_true (lk_fake_fal_configure (fx->fake, config));

  fx->dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fx->all_output = g_string_new (NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  /* The canary: neither the key nor either half of it was ever printed,
   * no request to the upload host or the CDN carried it, no URL, request
   * body or recorded request holds it, and no file under HOME or the XDG folders
   * does. */
  g_assert_null (strstr (fx->all_output->str, fx->key_id));
  g_assert_null (strstr (fx->all_output->str, fx->key_secret));
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (fx->fake), ==, 0);
  g_assert_cmpuint (lk_fake_fal_get_url_key_leaks (fx->fake), ==, 0);
  g_assert_cmpuint (lk_fake_fal_get_body_key_leaks (fx->fake), ==, 0);
  cli_assert_not_in_tree (g_get_home_dir (), fx->key_secret);
  cli_assert_not_in_tree (g_get_user_config_dir (), fx->key_secret);
  cli_assert_not_in_tree (g_get_user_data_dir (), fx->key_secret);
  cli_assert_not_in_tree (g_get_user_cache_dir (), fx->key_secret);
  cli_assert_not_in_tree (g_get_user_state_dir (), fx->key_secret);
  cli_assert_not_in_tree (fx->dir, fx->key_secret);
  {
    g_autofree char *requests = lk_fake_fal_dup_requests_json (fx->fake);

    g_assert_null (strstr (requests, fx->key_secret));
  }

  remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->key);
  g_free (fx->key_id);
  g_free (fx->key_secret);
  g_free (fx->key_env);
  g_free (fx->urls_env);
  g_string_free (fx->all_output, TRUE);
  g_assert_finalize_object (fx->fake);
}

/* Runs the CLI with the fixture's key and the fake's URLs. */
static void
fx_run (Fixture            *fx,
        CliRun             *run,
        const char * const *argv)
{
  cli_run_clear (run);
  cli_run (run, ENV (fx->key_env, fx->urls_env, DEBUG_ENV), NULL, argv);
  g_string_append (fx->all_output, run->out);
  g_string_append (fx->all_output, run->err);
}

static void
fx_run_stdin (Fixture            *fx,
              CliRun             *run,
              const char         *stdin_text,
              const char * const *argv)
{
  cli_run_clear (run);
  cli_run (run, ENV (fx->key_env, fx->urls_env, DEBUG_ENV), stdin_text, argv);
  g_string_append (fx->all_output, run->out);
  g_string_append (fx->all_output, run->err);
}

static char *
fx_path (Fixture    *fx,
         const char *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

/* A small training archive: @n_images images at the root, each with a
 * caption. */
static char *
make_zip (Fixture *fx,
          guint    n_images)
{
  char *path = fx_path (fx, "dataset.zip");
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);

  for (guint i = 0; i < n_images * 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("photo%u.%s", i / 2, i % 2 == 0 ? "png" : "txt");
      const char *contents = i % 2 == 0 ? "\x89PNG\r\n\x1a\n-not-really-an-image" : "a photo of TOK";
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, name);
      archive_entry_set_size (entry, (la_int64_t) strlen (contents));
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, contents, strlen (contents)), ==, (la_ssize_t) strlen (contents));
      archive_entry_free (entry);
    }

  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);

  return path;
}

static char **
split_lines (const char *text)
{
  g_autofree char *copy = g_strdup (text);

  g_strchomp (copy);
  return g_strsplit (copy, "\n", -1);
}

static void
test_fal_upload_download (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *path = fx_path (fx, "data.bin");
  g_autofree char *out_path = fx_path (fx, "copy.bin");
  g_autofree char *json_path = fx_path (fx, "copy2.bin");
  g_autofree char *url = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  gsize length = 0;

  for (guint i = 0; i < 300 * 1024; i++)
    {
      guint8 b = (guint8) g_random_int ();

      g_byte_array_append (bytes, &b, 1);
    }
  g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);

  fx_run (fx, &run, ARGV ("upload", path));
  g_assert_cmpint (run.status, ==, 0);
  url = g_strdup (g_strchomp (run.out));
  g_assert_true (g_str_has_prefix (url, lk_fake_fal_get_url (fx->fake, LK_FAKE_FAL_CDN)));
  g_assert_null (strchr (url, '\n'));
  /* Not a terminal: one plain progress line at most, no redraws. */
  g_assert_null (strchr (run.err, '\r'));

  fx_run (fx, &run, ARGV ("download", url, "-o", out_path));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "Saved to"));
  g_file_get_contents (out_path, &copy, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (copy, length, bytes->data, bytes->len);

  fx_run (fx, &run, ARGV ("upload", "--json", "--content-type", "application/x-test", path));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);
    JsonObject *object = json_node_get_object (node);

    g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "file_url"),
                                     lk_fake_fal_get_url (fx->fake, LK_FAKE_FAL_CDN)));
    g_assert_cmpstr (json_object_get_string_member (object, "file_name"), ==, "data.bin");
    g_assert_cmpstr (json_object_get_string_member (object, "content_type"), ==, "application/x-test");
    g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 300 * 1024);
  }

  fx_run (fx, &run, ARGV ("download", "--json", url, "-o", json_path));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "path"), ==, json_path);
  }

  /* A size that differs from the real one is refused. */
  fx_run (fx, &run, ARGV ("download", url, "-o", json_path, "--size", "12"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Error: "));
}

static char *
submit_training (Fixture *fx,
                 CliRun  *run)
{
  g_autofree char *zip = make_zip (fx, 4);
  g_autofree char *input_path = fx_path (fx, "input.json");
  g_autofree char *input = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  const char *queue_url = lk_fake_fal_get_url (fx->fake, LK_FAKE_FAL_QUEUE);

  fx_run (fx, run, ARGV ("upload", zip));
  g_assert_cmpint (run->status, ==, 0);
  url = g_strdup (g_strchomp (run->out));

  input = g_strdup_printf ("{\n  \"images_data_url\": \"%s\",\n  \"trigger_word\": \"TOK\"\n}\n", url);
  g_file_set_contents (input_path, input, -1, &error);
  g_assert_no_error (error);

  fx_run (fx, run, ARGV ("submit", TRAINER, "--input", input_path, "--json"));
  g_assert_cmpint (run->status, ==, 0);
  node = cli_parse_json (run->out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "endpoint"), ==, TRAINER);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "status_url"), queue_url));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "response_url"), queue_url));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "cancel_url"), queue_url));
  g_assert_nonnull (strstr (run->err, "likeness-cli logs --endpoint " TRAINER " --follow "));

  return g_strdup (json_object_get_string_member (object, "request_id"));
}

static void
test_fal_training (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *weights_url = NULL;
  g_autofree char *weights_path = fx_path (fx, "weights.safetensors");
  g_autofree char *size_text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(CliRun) run = { 0 };
  gint64 file_size;
  guint n_lines;
  int steps_seen = 0;

  id = submit_training (fx, &run);

  fx_run (fx, &run, ARGV ("status", "--endpoint", TRAINER, id));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "In queue") || g_str_has_prefix (run.out, "In progress"));

  /* The result is not there yet. */
  fx_run (fx, &run, ARGV ("result", "--endpoint", TRAINER, id));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "still running"));

  /* Every log line, in order, then the final status, last. */
  fx_run (fx, &run, ARGV ("logs", "--endpoint", TRAINER, "--follow", id));
  g_assert_cmpint (run.status, ==, 0);
  lines = split_lines (run.out);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >=, 5);
  g_assert_cmpstr (lines[0], ==, "Preprocessing 4 images");
  g_assert_cmpstr (lines[1], ==, "Loading model...");
  for (guint i = 2; i < n_lines - 2; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], "step "));
      steps_seen++;
    }
  g_assert_cmpint (steps_seen, >=, 1);
  {
    /* Steps only go up, and the last is "step TOTAL/TOTAL, loss=…". */
    guint previous = 0;
    guint step = 0;
    guint total = 0;

    for (guint i = 2; i < n_lines - 2; i++)
      {
        g_assert_cmpint (sscanf (lines[i], "step %u/%u,", &step, &total), ==, 2);
        g_assert_cmpuint (step, >, previous);
        previous = step;
      }
    g_assert_cmpuint (step, ==, total);
  }
  g_assert_cmpstr (lines[n_lines - 2], ==, "Saving LoRA weights");
  g_assert_true (g_str_has_prefix (lines[n_lines - 1], "Completed"));
  /* State changes go to stderr. */
  g_assert_null (strstr (run.out, "In queue"));

  /* Without --follow: the logs fal still returns, then the state. */
  fx_run (fx, &run, ARGV ("logs", "--endpoint", TRAINER, "--json", id));
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&lines, g_strfreev);
  lines = split_lines (run.out);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >=, 2);
  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(JsonNode) node = cli_parse_json (lines[i]);
      JsonObject *object = json_node_get_object (node);

      if (i + 1 < n_lines)
        {
          g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "log");
          g_assert_nonnull (json_object_get_string_member (object, "message"));
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "status");
          g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "COMPLETED");
        }
    }

  fx_run (fx, &run, ARGV ("status", "--endpoint", TRAINER, "--json", id));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);
    JsonObject *object = json_node_get_object (node);

    g_assert_cmpstr (json_object_get_string_member (object, "request_id"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "COMPLETED");
    g_assert_false (json_object_get_boolean_member (object, "failed"));
  }

  fx_run (fx, &run, ARGV ("result", "--endpoint", TRAINER, id));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);
    JsonObject *file = json_object_get_object_member (json_node_get_object (node), "diffusers_lora_file");

    g_assert_nonnull (file);
    weights_url = g_strdup (json_object_get_string_member (file, "url"));
    file_size = json_object_get_int_member (file, "file_size");
    g_assert_cmpint (file_size, >, 0);
  }

  size_text = g_strdup_printf ("%" G_GINT64_FORMAT, file_size);
  fx_run (fx, &run, ARGV ("download", weights_url, "-o", weights_path, "--size", size_text));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (weights_path, &contents, &length, NULL));
    g_assert_cmpuint (length, ==, (gsize) file_size);
  }

  /* Cancelling a finished request is not an error. */
  fx_run (fx, &run, ARGV ("cancel", "--endpoint", TRAINER, "--json", id));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "outcome"), ==,
                     "already_completed");
  }
}

/* When the status stream drops, the client falls back to polling, whose
 * replies repeat a window of entries: each line still shows once, in order. */
static void
test_fal_logs_stream_drop (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *rule = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(CliRun) run = { 0 };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_lines;

  rule = lk_fake_fal_add_fault (fx->fake, "{\"match\":{\"listener\":\"Q\",\"path\":\"*/status/stream\"},"
                                          "\"times\":1,\"action\":{\"sse\":{\"drop_after_events\":3}}}");
  g_assert_nonnull (rule);

  id = submit_training (fx, &run);
  fx_run (fx, &run, ARGV ("logs", "--endpoint", TRAINER, "--follow", id));
  g_assert_cmpint (run.status, ==, 0);

  lines = split_lines (run.out);
  n_lines = g_strv_length (lines);
  g_assert_cmpstr (lines[0], ==, "Preprocessing 4 images");
  g_assert_cmpstr (lines[1], ==, "Loading model...");
  g_assert_cmpstr (lines[n_lines - 2], ==, "Saving LoRA weights");
  g_assert_true (g_str_has_prefix (lines[n_lines - 1], "Completed"));
  for (guint i = 0; i < n_lines; i++)
    g_assert_true (g_hash_table_add (seen, lines[i]));

  /* The stream really was cut: the client asked again. */
  {
    g_autofree char *requests = lk_fake_fal_dup_requests_json (fx->fake);
    g_autoptr(JsonNode) node = cli_parse_json (requests);
    JsonArray *array = json_node_get_array (node);
    guint follow_ups = 0;

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        const char *path = json_object_get_string_member_with_default (json_array_get_object_element (array, i),
                                                                       "path", "");

        if (g_str_has_suffix (path, "/status/stream") || g_str_has_suffix (path, "/status"))
          follow_ups++;
      }
    g_test_message ("%u status requests", follow_ups);
    g_assert_cmpuint (follow_ups, >=, 2);
  }
}

/* Holds the next job of @app in the queue. */
static void
hold_next_job (Fixture *fx)
{
  g_autofree char *rule = lk_fake_fal_add_fault (fx->fake,
                                                 "{\"match\":{\"app\":\"" TRAINER "\"},\"times\":1,"
                                                 "\"action\":{\"outcome\":{\"queue_ms\":600000,"
                                                 "\"queue_position_start\":3}}}");

  g_assert_nonnull (rule);
}

static void
test_fal_cancel_queued (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_auto(CliRun) run = { 0 };

  hold_next_job (fx);
  id = submit_training (fx, &run);

  fx_run (fx, &run, ARGV ("status", "--endpoint", TRAINER, id));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "In queue, position "));

  fx_run (fx, &run, ARGV ("cancel", "--endpoint", TRAINER, id));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Cancellation requested.\n");

  fx_run (fx, &run, ARGV ("status", "--endpoint", TRAINER, "--json", id));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);
    JsonObject *object = json_node_get_object (node);

    g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "COMPLETED");
    g_assert_true (json_object_get_boolean_member (object, "failed"));
    g_assert_cmpstr (json_object_get_string_member (object, "error_type"), ==, "client_cancelled");
  }

  /* Following a cancelled request ends with its failure, exit status 1. */
  fx_run (fx, &run, ARGV ("logs", "--endpoint", TRAINER, "--follow", id));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "Failed: Request cancelled"));

  fx_run (fx, &run, ARGV ("result", "--endpoint", TRAINER, id));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Error: "));
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Ctrl+C while following: the CLI stops cleanly with 130. */
static void
test_fal_sigint (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GDataInputStream) err_lines = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };

  hold_next_job (fx);
  id = submit_training (fx, &run);

  subprocess = cli_spawn (ENV (fx->key_env, fx->urls_env, DEBUG_ENV),
                          ARGV ("logs", "--endpoint", TRAINER, "--follow", id), &error);
  g_assert_no_error (error);

  /* Waits until the watch is running: it reports the queue position. */
  err_lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (subprocess));
  for (;;)
    {
      g_autofree char *line = NULL;
      GAsyncResult *result = NULL;

      g_data_input_stream_read_line_async (err_lines, G_PRIORITY_DEFAULT, NULL, store_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      line = g_data_input_stream_read_line_finish_utf8 (err_lines, result, NULL, &error);
      g_object_unref (result);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "In queue"))
        break;
    }

  g_subprocess_send_signal (subprocess, SIGINT);
  cli_wait (&run, subprocess);
  g_string_append (fx->all_output, run.out);
  g_string_append (fx->all_output, run.err);

  g_assert_false (run.signalled);
  g_assert_cmpint (run.status, ==, 130);
  g_assert_nonnull (strstr (run.err, "Interrupted."));
}

/* On a terminal, progress is a bar redrawn in place on stderr, with
 * percent, bytes, rate and time left. */
static void
test_fal_progress_tty (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *path = fx_path (fx, "data.bin");
  g_autofree char *out_path = fx_path (fx, "copy.bin");
  g_autofree char *url = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *contents = g_malloc0 (400 * 1024);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  PtyReader reader = { 0 };
  struct winsize size = { .ws_row = 24, .ws_col = 100 };
  int master, slave;

  g_assert_true (g_file_set_contents (path, contents, 400 * 1024, NULL));
  fx_run (fx, &run, ARGV ("upload", path));
  g_assert_cmpint (run.status, ==, 0);
  url = g_strdup (g_strchomp (run.out));

  /* 400 KiB at 800 KiB/s: about half a second of progress. */
  rule = lk_fake_fal_add_fault (fx->fake, "{\"match\":{\"listener\":\"C\"},\"times\":1,"
                                          "\"action\":{\"throttle_bps\":819200}}");
  g_assert_nonnull (rule);

  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, &size), ==, 0);
  launcher = cli_pty_launcher (ENV (fx->key_env, fx->urls_env, DEBUG_ENV));
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_take_stderr_fd (launcher, slave);
  subprocess = g_subprocess_launcher_spawnv (launcher, ARGV (LIKENESS_CLI_PATH, "download", url, "-o", out_path),
                                             &error);
  g_assert_no_error (error);
  g_object_unref (g_steal_pointer (&launcher));
  pty_reader_start (&reader, master);

  cli_wait (&run, subprocess);
  pty_reader_finish (&reader);
  g_string_append (fx->all_output, reader.text->str);
  g_test_message ("terminal: %s", reader.text->str);
  g_assert_cmpint (run.status, ==, 0);

  /* Several redraws of one line, then a final 100% and a line end. */
  g_assert_nonnull (strstr (reader.text->str, "\rDownloading copy.bin ["));
  g_assert_nonnull (strstr (reader.text->str, "#"));
  g_assert_nonnull (strstr (reader.text->str, "100%"));
  g_assert_nonnull (strstr (reader.text->str, "/s"));
  g_assert_nonnull (strstr (reader.text->str, "ETA "));
  g_assert_nonnull (strstr (reader.text->str, "\033[K"));
  g_assert_nonnull (strstr (reader.text->str, "Saved to"));
  {
    guint redraws = 0;

    for (const char *p = reader.text->str; (p = strchr (p, '\r')) != NULL; p++)
      redraws++;
    g_assert_cmpuint (redraws, >=, 3);
  }
  g_string_free (reader.text, TRUE);
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
cdn_download_started (Fixture *fx)
{
  g_autofree char *requests = lk_fake_fal_dup_requests_json (fx->fake);
  g_autoptr(JsonNode) node = cli_parse_json (requests);
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *record = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "listener", ""), "C") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (record, "method", ""), "GET") == 0)
        return TRUE;
    }

  return FALSE;
}

/* Ctrl+C during a download: exit 130 and no partial file left behind. */
static void
test_fal_sigint_download (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *path = fx_path (fx, "data.bin");
  g_autofree char *out_path = fx_path (fx, "partial.bin");
  g_autofree char *contents = g_malloc0 (400 * 1024);
  g_autofree char *url = NULL;
  g_autofree char *rule = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  gint64 deadline;
  guint tick;

  g_assert_true (g_file_set_contents (path, contents, 400 * 1024, NULL));
  fx_run (fx, &run, ARGV ("upload", path));
  g_assert_cmpint (run.status, ==, 0);
  url = g_strdup (g_strchomp (run.out));

  /* 400 KiB at 16 KiB/s would take 25 s. */
  rule = lk_fake_fal_add_fault (fx->fake, "{\"match\":{\"listener\":\"C\"},\"times\":1,"
                                          "\"action\":{\"throttle_bps\":16384}}");
  g_assert_nonnull (rule);

  subprocess = cli_spawn (ENV (fx->key_env, fx->urls_env, DEBUG_ENV), ARGV ("download", url, "-o", out_path), &error);
  g_assert_no_error (error);

  /* The tick wakes the loop, so the deadline holds even if the CLI never
   * connects. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  tick = g_timeout_add (50, tick_cb, NULL);
  while (!cdn_download_started (fx))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);

  g_subprocess_send_signal (subprocess, SIGINT);
  cli_wait (&run, subprocess);
  g_string_append (fx->all_output, run.out);
  g_string_append (fx->all_output, run.err);

  g_assert_false (run.signalled);
  g_assert_cmpint (run.status, ==, 130);
  g_assert_nonnull (strstr (run.err, "Interrupted."));
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
    const char *name;

    /* Nor a temporary file beside it. */
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_cmpstr (name, ==, "data.bin");
  }
}

/* --proxy sends every keyed call through the proxy route, with the key.
 * As with a real proxy, the client keeps fal's own hosts (no
 * LIKENESS_FAL_URLS) and names them in x-fal-target-url; the fake's proxy
 * route serves them itself, so nothing leaves 127.0.0.1. */
static void
fx_run_proxied (Fixture            *fx,
                CliRun             *run,
                const char * const *argv)
{
  cli_run_clear (run);
  cli_run (run, ENV (fx->key_env, "LIKENESS_FAL_URLS", DEBUG_ENV), NULL, argv);
  g_string_append (fx->all_output, run->out);
  g_string_append (fx->all_output, run->err);
}

static void
test_fal_proxy (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *proxy = g_strdup_printf ("%s/api/fal/proxy", lk_fake_fal_get_url (fx->fake, LK_FAKE_FAL_QUEUE));
  g_autofree char *input_path = fx_path (fx, "input.json");
  g_autofree char *id = NULL;
  g_autofree char *requests = NULL;
  g_auto(CliRun) run = { 0 };
  guint n_before = lk_fake_fal_get_n_requests (fx->fake);

  g_assert_true (g_file_set_contents (input_path, "{\"prompt\": \"a photo of TOK\"}", -1, NULL));

  fx_run_proxied (fx, &run, ARGV ("submit", "fal-ai/flux-lora", "--input", input_path, "--proxy", proxy, "--json"));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);

    id = g_strdup (json_object_get_string_member (json_node_get_object (node), "request_id"));
  }

  fx_run_proxied (fx, &run, ARGV ("logs", "--endpoint", "fal-ai/flux-lora", "--follow", "--proxy", proxy, id));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (strrchr (g_strchomp (run.out), '\n') + 1, "Completed"));

  fx_run_proxied (fx, &run, ARGV ("result", "--endpoint", "fal-ai/flux-lora", "--proxy", proxy, id));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);

    g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  }

  /* Every request went through the proxy route, naming a fal host. */
  g_assert_cmpuint (lk_fake_fal_get_n_requests (fx->fake), >, n_before + 2);
  requests = lk_fake_fal_dup_requests_json (fx->fake);
  g_assert_nonnull (strstr (requests, "\"proxy_target\":\"https://queue.fal.run/fal-ai/flux-lora\""));
  g_assert_nonnull (strstr (requests, "/api/fal/proxy"));
}

/* `key status --check` asks fal, like the window's "Test connection". */
static void
test_fal_key_check (Fixture       *fx,
                    gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  fx_run (fx, &run, ARGV ("key", "status", "--check"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "The API key comes from the FAL_KEY environment variable.\n"
                                "fal.ai accepted the key.\n");

  fx_run (fx, &run, ARGV ("key", "status", "--check", "--json"));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);

    g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "accepted"));
  }

  cli_run_clear (&run);
  cli_run (&run, ENV ("FAL_KEY=wr0ngk3y-0000:ffffffffffffffffffffffffffffffff", fx->urls_env), NULL,
           ARGV ("key", "status", "--check", "--json"));
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "refused the API key"));
  g_assert_null (strstr (run.err, "wr0ngk3y"));
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);

    g_assert_false (json_object_get_boolean_member (json_node_get_object (node), "accepted"));
  }
}

static void
test_fal_unauthorized (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *path = fx_path (fx, "input.json");
  const char *wrong = "FAL_KEY=wr0ngk3y-0000:ffffffffffffffffffffffffffffffff";
  const char * const *verbs[] = {
    ARGV ("upload", path),
    ARGV ("submit", TRAINER, "--input", path),
    ARGV ("status", "--endpoint", TRAINER, "0a0a0a0a-0000-4000-8000-000000000000"),
    ARGV ("logs", "--endpoint", TRAINER, "--follow", "0a0a0a0a-0000-4000-8000-000000000000"),
    ARGV ("result", "--endpoint", TRAINER, "0a0a0a0a-0000-4000-8000-000000000000"),
    ARGV ("cancel", "--endpoint", TRAINER, "0a0a0a0a-0000-4000-8000-000000000000"),
  };

  g_assert_true (g_file_set_contents (path, "{\"prompt\": \"x\"}", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_auto(CliRun) run = { 0 };

      cli_run (&run, ENV (wrong, fx->urls_env), NULL, verbs[i]);
      g_assert_cmpint (run.status, ==, 3);
      g_assert_nonnull (strstr (run.err, "Error: fal.ai refused the API key."));
      g_assert_null (strstr (run.out, "wr0ngk3y"));
      g_assert_null (strstr (run.err, "wr0ngk3y"));
      g_assert_null (strstr (run.err, "ffffffff"));
    }

  /* --json also puts the error on stdout, as JSON. */
  {
    g_auto(CliRun) run = { 0 };
    g_autoptr(JsonNode) node = NULL;
    JsonObject *error;

    cli_run (&run, ENV (wrong, fx->urls_env), NULL, ARGV ("submit", TRAINER, "--input", path, "--json"));
    g_assert_cmpint (run.status, ==, 3);
    node = cli_parse_json (run.out);
    error = json_object_get_object_member (json_node_get_object (node), "error");
    g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, "lk-fal-error-quark");
    g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "refused the API key"));
  }
}

static void
test_fal_errors (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *path = fx_path (fx, "input.json");
  g_auto(CliRun) run = { 0 };

  g_assert_true (g_file_set_contents (path, "{\"prompt\": \"x\"}", -1, NULL));

  /* Unknown app and unknown request: failures, not key problems. */
  fx_run (fx, &run, ARGV ("submit", "fal-ai/no-such-app", "--input", path));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Error: "));

  fx_run (fx, &run, ARGV ("status", "--endpoint", TRAINER, "0a0a0a0a-0000-4000-8000-000000000000"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Error: "));

  /* The input can come from stdin; the webhook reaches fal, encoded. */
  fx_run_stdin (fx, &run, "{\"prompt\": \"from stdin\"}\n",
                ARGV ("submit", "fal-ai/flux-lora", "--input", "-", "--webhook",
                      "https://example.org/hook?a=1&b=2", "--json"));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = cli_parse_json (run.out);
    g_autofree char *jobs = lk_fake_fal_dup_jobs_json (fx->fake);

    g_assert_nonnull (json_object_get_string_member (json_node_get_object (node), "request_id"));
    g_assert_nonnull (strstr (jobs, "\"webhook\":\"https://example.org/hook?a=1&b=2\""));
    g_assert_nonnull (strstr (jobs, "from stdin"));
  }

  /* Local mistakes are named clearly. */
  fx_run (fx, &run, ARGV ("upload", fx->dir));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "is not a regular file"));

  fx_run (fx, &run, ARGV ("download", "http://127.0.0.1:9/x", "-o", "/nonexistent-likeness-dir/x.bin"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "The folder “/nonexistent-likeness-dir” does not exist."));

  /* Nothing listens on port 9 (discard): the network is "down". A download
   * is not retried, so this stays quick (status calls retry for ~30 s, as
   * the official client does; the client's own tests cover that). */
  {
    g_autofree char *out_path = fx_path (fx, "never.bin");

    fx_run (fx, &run, ARGV ("download", "http://127.0.0.1:9/files/x.safetensors", "-o", out_path));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  }
  g_assert_nonnull (strstr (run.err, "Could not reach fal.ai"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/cli/fal/upload-download", Fixture, NULL,
              fixture_set_up, test_fal_upload_download, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/training", Fixture, NULL,
              fixture_set_up, test_fal_training, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/logs-stream-drop", Fixture, NULL,
              fixture_set_up, test_fal_logs_stream_drop, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/cancel-queued", Fixture, NULL,
              fixture_set_up, test_fal_cancel_queued, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/sigint", Fixture, NULL,
              fixture_set_up, test_fal_sigint, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/sigint-download", Fixture, NULL,
              fixture_set_up, test_fal_sigint_download, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/progress-tty", Fixture, NULL,
              fixture_set_up, test_fal_progress_tty, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/proxy", Fixture, NULL,
              fixture_set_up, test_fal_proxy, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/key-check", Fixture, NULL,
              fixture_set_up, test_fal_key_check, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/unauthorized", Fixture, NULL,
              fixture_set_up, test_fal_unauthorized, fixture_tear_down);
  g_test_add ("/likeness/cli/fal/errors", Fixture, NULL,
              fixture_set_up, test_fal_errors, fixture_tear_down);

  return g_test_run ();
}
