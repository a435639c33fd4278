/* bench-job-log.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job follows a long training log: the standalone fake fal (its own
 * process, so that its memory is not counted) streams LINES log lines at
 * RATE lines/s, and one LkJob follows them over the status stream. The fake
 * writes RATE / 100 lines (timing.log_batch) every 10 ms tick.
 *
 * Reported: the rate the job received lines at, peak RSS of this process
 * (VmHWM) after 10 000 lines and at the end, how far the job lags behind
 * the fake's log (sampled every 250 ms from the fake's control API; and the
 * last step line, from its timestamp to the job having it), and whether
 * the step and last-log state stayed current at every sample.
 *
 *   bench-job-log [LINES] [RATE]     (defaults 100000 and 2000)
 *
 * Exits non-zero when the rate is under 90 % of RATE, when the end peak RSS
 * is more than twice the 10 000-line one, or when the state fell behind.
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
  gint64       started_us;
  guint64      fake_lines;
  gint64       job_done_real;  /* wall clock when the job had the last step */
  guint        samples;
  guint        stale_samples;  /* step or last log line not current */
  gint64       max_log_age;
  guint64      total_lines;
  guint64      body_lines;
  guint        total_steps;
  gint64       first_us;       /* first lines received */
  guint64      first_n;
  gint64       last_us;        /* all lines received */
} Bench;

/* The step the fake's log has reached after @n lines (see its README). */
static guint
step_after (Bench   *b,
            guint64  n)
{
  guint64 body = n > 2 ? MIN (n - 2, b->body_lines) : 0;

  return (guint) ((guint64) b->total_steps * body / b->body_lines);
}

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
fake_n_logs_full (Bench  *b,
                  char  **request_id)
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
  if (request_id != NULL)
    *request_id = g_strdup (json_object_get_string_member (json_array_get_object_element (jobs, 0),
                                                           "request_id"));
  return json_object_get_int_member (json_array_get_object_element (jobs, 0), "n_logs");
}

static gint64
fake_n_logs (Bench *b)
{
  return fake_n_logs_full (b, NULL);
}

static gboolean
sample_cb (gpointer user_data)
{
  Bench *b = user_data;
  gint64 fake = fake_n_logs (b);
  gint64 mine = (gint64) lk_job_get_n_log_lines (b->job);
  double elapsed = (g_get_monotonic_time () - b->started_us) / (double) G_USEC_PER_SEC;

  if (fake >= 0 && lk_job_get_phase (b->job) == LK_JOB_PHASE_RUNNING && mine > 0)
    {
      gint64 lag = MAX (0, fake - mine);
      gint64 age = lk_job_get_last_log_age (b->job);
      gboolean current = lk_job_get_step (b->job) == step_after (b, (guint64) mine) && age <= 1;

      b->samples++;
      b->lag_max_lines = MAX (b->lag_max_lines, lag);
      b->max_log_age = MAX (b->max_log_age, age);
      if (!current)
        b->stale_samples++;
      if ((guint64) fake > b->fake_lines)
        b->fake_lines = (guint64) fake;
      if (b->samples % 20 == 1 || !current)
        fprintf (stderr, "  t=%5.1fs fake=%" G_GINT64_FORMAT " job=%" G_GINT64_FORMAT " step=%u/%u (expected %u)"
                 " lag=%" G_GINT64_FORMAT " lines, last log age %" G_GINT64_FORMAT " s, VmHWM %" G_GUINT64_FORMAT " KiB\n",
                 elapsed, fake, mine, lk_job_get_step (b->job), lk_job_get_total_steps (b->job),
                 step_after (b, (guint64) mine), lag, age, vm_hwm_kib ());
    }
  return G_SOURCE_CONTINUE;
}

/* The wall-clock time the fake wrote the last step line, from the status
 * window (logs=1 gives the last `log_window` entries). */
static gint64
fake_last_step_real (Bench      *b,
                     const char *queue_url,
                     const char *request_id)
{
  g_autofree char *url = g_strdup_printf ("%s/fal-ai/flux-lora-fast-training/requests/%s/status?logs=1",
                                          queue_url, request_id);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *logs;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Key fake-key-id:fake-key-secret");
  reply = soup_session_send_and_read (b->soup, msg, NULL, NULL);
  if (reply == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                                    g_bytes_get_size (reply), NULL))
    return 0;
  logs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "logs");
  for (guint i = json_array_get_length (logs); logs != NULL && i > 0; i--)
    {
      JsonObject *log = json_array_get_object_element (logs, i - 1);

      if (g_str_has_prefix (json_object_get_string_member (log, "message"), "step "))
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (json_object_get_string_member (log, "timestamp"),
                                                                    NULL);

          return when != NULL ? g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when) : 0;
        }
    }
  return 0;
}

static void
lines_cb (LkJob      *job,
          GParamSpec *pspec,
          Bench      *b)
{
  guint64 n = lk_job_get_n_log_lines (job);

  if (b->first_us == 0 && n > 0)
    {
      b->first_us = g_get_monotonic_time ();
      b->first_n = n;
    }
  if (b->last_us == 0 && n >= b->total_lines)
    b->last_us = g_get_monotonic_time ();
  if (b->hwm_10k == 0 && n >= 10000)
    b->hwm_10k = vm_hwm_kib ();
  if (b->job_done_real == 0 && lk_job_get_total_steps (job) > 0 &&
      lk_job_get_step (job) == lk_job_get_total_steps (job))
    b->job_done_real = g_get_real_time ();
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
  guint rate = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2000;
  const guint interval = 10;
  guint batch;
  guint64 ticks;
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
  g_autofree char *request_id = NULL;
  const char *queue_url;
  guint64 hwm_end;
  gint64 end_lag_us = -1;
  double achieved = 0;
  gboolean rate_ok, rss_ok, state_ok;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  tmp = g_dir_make_tmp ("likeness-bench-job-log-XXXXXX", &error);
  g_assert_no_error (error);

  /* LINES = ticks × batch: progress_ms / log_interval_ms ticks of
   * log_batch lines each, three of them not training lines. */
  lines = MAX (lines, 10);
  rate = MAX (rate, 100);
  batch = rate * interval / 1000;
  ticks = (lines + batch - 1) / batch;
  lines = ticks * batch;
  b.total_lines = lines;
  b.body_lines = lines - 3;
  b.total_steps = (guint) MIN (lines, 10000);
  config = g_strdup_printf ("{\"timing\":{\"queue_ms\":10,\"progress_ms\":%" G_GUINT64_FORMAT ","
                            "\"log_interval_ms\":%u,\"log_batch\":%u,\"keepalive_ms\":15000},"
                            "\"min_images\":{\"*\":0}}",
                            ticks * interval, interval, batch);
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
  queue_url = json_object_get_string_member (urls, "queue");
  lk_fal_client_set_queue_url (client, queue_url);
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
  /* fal's trainers take at most 10 000 steps; in a longer log the fake
   * writes micro-batch lines between the step lines. */
  record->inputs_json = g_strdup_printf ("{\"images_data_url\":\"%s\",\"steps\":%u}",
                                         zip_url, b.total_steps);
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

  fprintf (stderr, "bench-job-log: %" G_GUINT64_FORMAT " lines at %u lines/s (%u every %u ms at the fake), %u steps\n",
           lines, rate, batch, interval, b.total_steps);
  b.started_us = g_get_monotonic_time ();
  sampler = g_timeout_add (250, sample_cb, &b);
  lk_job_start (b.job);

  while (!b.stopped)
    g_main_context_iteration (NULL, TRUE);
  finished_us = g_get_monotonic_time ();
  g_source_remove (sampler);
  hwm_end = vm_hwm_kib ();

  fake_n_logs_full (&b, &request_id);
  if (request_id != NULL && b.job_done_real > 0)
    {
      gint64 written = fake_last_step_real (&b, queue_url, request_id);

      if (written > 0)
        end_lag_us = b.job_done_real - written;
    }
  if (b.last_us > b.first_us && lk_job_get_n_log_lines (b.job) > b.first_n)
    achieved = (lk_job_get_n_log_lines (b.job) - b.first_n) / ((b.last_us - b.first_us) / (double) G_USEC_PER_SEC);

  rate_ok = achieved >= 0.9 * rate;
  rss_ok = b.hwm_10k > 0 && hwm_end <= 2 * b.hwm_10k;
  state_ok = lk_job_get_phase (b.job) == LK_JOB_PHASE_DONE &&
             lk_job_get_n_log_lines (b.job) == lines &&
             lk_job_get_step (b.job) == b.total_steps && lk_job_get_total_steps (b.job) == b.total_steps &&
             g_strcmp0 (lk_job_get_last_log_line (b.job), "Saving LoRA weights") == 0 &&
             b.stale_samples == 0;

  printf ("lines received by the job:       %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT "\n",
          lk_job_get_n_log_lines (b.job), lines);
  printf ("job phase at the end:            %s\n", lk_job_phase_to_nick (lk_job_get_phase (b.job)));
  printf ("whole job:                       %.1f s (queue, log, result)\n",
          (finished_us - b.started_us) / (double) G_USEC_PER_SEC);
  printf ("log streamed in:                 %.1f s\n", (b.last_us - b.first_us) / (double) G_USEC_PER_SEC);
  printf ("rate achieved:                   %.0f lines/s, %.3f of %u (needs >= 0.900) %s\n",
          achieved, achieved / rate, rate, rate_ok ? "ok" : "FAIL");
  printf ("peak RSS (VmHWM) at 10k lines:   %" G_GUINT64_FORMAT " KiB\n", b.hwm_10k);
  printf ("peak RSS (VmHWM) at the end:     %" G_GUINT64_FORMAT " KiB, %.3f × the 10k peak (needs <= 2) %s\n",
          hwm_end, b.hwm_10k > 0 ? hwm_end / (double) b.hwm_10k : 0.0, rss_ok ? "ok" : "FAIL");
  printf ("log model lines kept:            %u (limit %u)\n",
          g_list_model_get_n_items (G_LIST_MODEL (lk_job_get_log_model (b.job))), LK_JOB_LOG_MAX_LINES);
  printf ("largest lag (250 ms samples):    %" G_GINT64_FORMAT " lines = %.3f s at %u lines/s (%u samples)\n",
          b.lag_max_lines, b.lag_max_lines / (double) rate, rate, b.samples);
  if (end_lag_us >= 0)
    printf ("last step line, fake → job:      %.3f s\n", end_lag_us / (double) G_USEC_PER_SEC);
  else
    printf ("last step line, fake → job:      not measured\n");
  printf ("state current at every sample:   %s (%u stale of %u; step matched the lines received, "
          "last log age at most %" G_GINT64_FORMAT " s)\n",
          b.stale_samples == 0 ? "yes" : "NO", b.stale_samples, b.samples, b.max_log_age);
  printf ("final step:                      %u/%u, last line \"%s\" %s\n",
          lk_job_get_step (b.job), lk_job_get_total_steps (b.job), lk_job_get_last_log_line (b.job),
          state_ok ? "ok" : "FAIL");

  g_output_stream_close (g_subprocess_get_stdin_pipe (fake), NULL, NULL);
  g_subprocess_wait (fake, NULL, NULL);
  g_clear_object (&b.job);
  g_clear_object (&b.soup);
  g_free (b.control);

  return rate_ok && rss_ok && state_ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
