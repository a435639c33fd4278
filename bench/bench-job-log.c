/* bench-job-log.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job follows a long training log: the standalone fake fal (its own
 * process, so that its memory is not counted) streams LINES log lines as
 * fast as it can be told to, and one LkJob follows them over the status
 * stream. Reported: peak RSS of this process (VmHWM) after 10 000 lines and
 * at the end, and how far the job's state lags behind the fake's log
 * (sampled every second from the fake's control API, and at the end).
 *
 *   bench-job-log [LINES] [LOG_INTERVAL_MS]     (defaults 100000 and 1)
 *
 * The fake writes one line per tick of LOG_INTERVAL_MS (at least 1 ms), so
 * its ceiling is about 1 000 lines/s.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk-core.h"

typedef struct
{
  LkJob       *job;
  SoupSession *soup;
  char        *control;
  gboolean     stopped;
  guint64      hwm_10k;
  gint64       lag_max_lines;
  double       lag_max_seconds;
  gint64       started_us;
  guint64      fake_lines;
  gint64       job_done_us;    /* when the job had the last step */
  guint        samples;
} Bench;

static guint64
vm_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static gint64
fake_n_logs (Bench *b)
{
  g_autofree char *url = g_strconcat (b->control, "/__fake/jobs", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) reply = soup_session_send_and_read (b->soup, msg, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *jobs;

  if (reply == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                                    g_bytes_get_size (reply), NULL))
    return -1;
  jobs = json_node_get_array (json_parser_get_root (parser));
  if (json_array_get_length (jobs) == 0)
    return 0;
  return json_object_get_int_member (json_array_get_object_element (jobs, 0), "n_logs");
}

static gboolean
sample_cb (gpointer user_data)
{
  Bench *b = user_data;
  gint64 fake = fake_n_logs (b);
  gint64 mine = (gint64) lk_job_get_n_log_lines (b->job);
  double elapsed = (g_get_monotonic_time () - b->started_us) / (double) G_USEC_PER_SEC;
  double rate = elapsed > 0 ? mine / elapsed : 0;

  if (fake >= 0 && lk_job_get_phase (b->job) == LK_JOB_PHASE_RUNNING)
    {
      gint64 lag = MAX (0, fake - mine);

      b->samples++;
      b->lag_max_lines = MAX (b->lag_max_lines, lag);
      if (rate > 0)
        b->lag_max_seconds = MAX (b->lag_max_seconds, lag / rate);
      if ((guint64) fake > b->fake_lines)
        b->fake_lines = (guint64) fake;
      fprintf (stderr, "  t=%5.1fs fake=%" G_GINT64_FORMAT " job=%" G_GINT64_FORMAT " step=%u/%u lag=%" G_GINT64_FORMAT
               " lines, last log age %" G_GINT64_FORMAT " s\n",
               elapsed, fake, mine, lk_job_get_step (b->job), lk_job_get_total_steps (b->job), lag,
               lk_job_get_last_log_age (b->job));
    }
  return G_SOURCE_CONTINUE;
}

static void
lines_cb (LkJob      *job,
          GParamSpec *pspec,
          Bench      *b)
{
  if (b->hwm_10k == 0 && lk_job_get_n_log_lines (job) >= 10000)
    b->hwm_10k = vm_hwm_kib ();
  if (b->job_done_us == 0 && lk_job_get_total_steps (job) > 0 &&
      lk_job_get_step (job) == lk_job_get_total_steps (job))
    b->job_done_us = g_get_monotonic_time ();
}

static void
stopped_cb (LkJob *job,
            Bench *b)
{
  b->stopped = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint64 lines = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint interval = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkJobStore) store = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *line = NULL;
  g_autofree char *zip_url = NULL;
  JsonObject *urls;
  Bench b = { 0, };
  guint sampler;
  gint64 finished_us;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  tmp = g_dir_make_tmp ("likeness-bench-job-log-XXXXXX", &error);
  g_assert_no_error (error);

  /* progress_ms / log_interval_ms ticks, three of them not step lines. */
  config = g_strdup_printf ("{\"timing\":{\"queue_ms\":10,\"progress_ms\":%" G_GUINT64_FORMAT ","
                            "\"log_interval_ms\":%u,\"keepalive_ms\":15000},\"min_images\":{\"*\":0}}",
                            (lines + 3) * interval, interval);
  config_path = g_build_filename (tmp, "fake.json", NULL);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  fake = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                           FAKE_FAL_PATH, "--exit-on-eof", "--config", config_path, NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fake));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  urls = json_node_get_object (json_parser_get_root (parser));
  b.control = g_strdup (json_object_get_string_member (urls, "control"));
  b.soup = soup_session_new ();

  client = lk_fal_client_new ();
  lk_fal_client_set_key (client, "fake-key-id:fake-key-secret");
  lk_fal_client_set_queue_url (client, json_object_get_string_member (urls, "queue"));
  lk_fal_client_set_rest_url (client, json_object_get_string_member (urls, "rest"));

  store_path = g_build_filename (tmp, "jobs.sqlite3", NULL);
  store = lk_job_store_new_sync (store_path, NULL, &error);
  g_assert_no_error (error);

  /* Only the log matters here: the job starts from an uploaded dataset. */
  /* Not on the fake's own storage, so it does not look inside. */
  zip_url = g_strdup ("https://example.invalid/bench.zip");
  record = lk_job_record_new ();
  record->name = g_strdup ("bench");
  record->trainer = g_strdup ("fal-ai/flux-lora-fast-training");
  record->endpoint = g_strdup ("fal-ai/flux-lora-fast-training");
  /* fal's trainers take at most 10 000 steps; longer logs repeat steps. */
  record->inputs_json = g_strdup_printf ("{\"images_data_url\":\"%s\",\"steps\":%" G_GUINT64_FORMAT "}",
                                         zip_url, MIN (lines, 10000));
  record->file_url = g_strdup (zip_url);
  record->dataset_hash = g_strdup ("bench");
  {
    LkJobRecord *inserted = lk_job_store_insert_sync (store, record, NULL, &error);

    g_assert_no_error (error);
    lk_job_record_unref (record);
    record = inserted;
  }

  b.job = lk_job_new (client, store, record);
  lk_job_set_download_folder (b.job, tmp);
  g_signal_connect (b.job, "notify::step", G_CALLBACK (lines_cb), &b);
  g_signal_connect (b.job, "notify::last-log-line", G_CALLBACK (lines_cb), &b);
  g_signal_connect (b.job, "stopped", G_CALLBACK (stopped_cb), &b);

  fprintf (stderr, "bench-job-log: %" G_GUINT64_FORMAT " lines, one every %u ms at the fake\n", lines, interval);
  b.started_us = g_get_monotonic_time ();
  sampler = g_timeout_add_seconds (1, sample_cb, &b);
  lk_job_start (b.job);

  while (!b.stopped)
    g_main_context_iteration (NULL, TRUE);
  finished_us = g_get_monotonic_time ();
  g_source_remove (sampler);

  printf ("lines received by the job:       %" G_GUINT64_FORMAT "\n", lk_job_get_n_log_lines (b.job));
  printf ("job phase at the end:            %s\n", lk_job_phase_to_nick (lk_job_get_phase (b.job)));
  printf ("duration:                        %.1f s (%.0f lines/s)\n",
          (finished_us - b.started_us) / (double) G_USEC_PER_SEC,
          lk_job_get_n_log_lines (b.job) / ((finished_us - b.started_us) / (double) G_USEC_PER_SEC));
  printf ("peak RSS (VmHWM) at 10k lines:   %" G_GUINT64_FORMAT " KiB\n", b.hwm_10k);
  printf ("peak RSS (VmHWM) at the end:     %" G_GUINT64_FORMAT " KiB\n", vm_hwm_kib ());
  printf ("log model lines kept:            %u (limit %u)\n",
          g_list_model_get_n_items (G_LIST_MODEL (lk_job_get_log_model (b.job))), LK_JOB_LOG_MAX_LINES);
  printf ("largest lag seen (1 s samples):  %" G_GINT64_FORMAT " lines, %.2f s (%u samples)\n",
          b.lag_max_lines, b.lag_max_seconds, b.samples);
  printf ("final step:                      %u/%u\n", lk_job_get_step (b.job), lk_job_get_total_steps (b.job));

  {
    gboolean ok = lk_job_get_phase (b.job) == LK_JOB_PHASE_DONE &&
                  lk_job_get_step (b.job) == lk_job_get_total_steps (b.job);

    g_output_stream_close (g_subprocess_get_stdin_pipe (fake), NULL, NULL);
    g_subprocess_wait (fake, NULL, NULL);
    g_clear_object (&b.job);
    g_clear_object (&b.soup);
    g_free (b.control);

    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
  }
}
