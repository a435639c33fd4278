/* test-job.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Jobs end to end against the in-process fake fal: full runs per trainer,
 * a cancel in each phase, faults in each phase, reattaching, resuming,
 * upload reuse, variants, continued training and the sample grid.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "job-fixture.h"
#include "lk-core.h"
#include "lk-fake-fal.h"

#define PORTRAIT "fal-ai/flux-lora-portrait-trainer"
#define FAST     "fal-ai/flux-lora-fast-training"
#define PRO      "fal-ai/flux-pro-trainer"

static char *dataset_dir;

typedef struct
{
  LkFakeFal    *fake;
  LkFalClient  *client;
  LkJobStore   *store;
  LkJobManager *manager;
  char         *models;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_dir = g_build_filename (g_get_user_data_dir (), "likeness", NULL);
  g_autofree char *store_path = g_build_filename (store_dir, "jobs.sqlite", NULL);

  f->fake = lk_fake_fal_new ();
  g_assert_true (lk_fake_fal_start (f->fake, &error));
  g_assert_no_error (error);
  g_assert_true (lk_fake_fal_configure (f->fake,
                                        "{\"timing\":{\"queue_ms\":60,\"progress_ms\":500,"
                                        "\"log_interval_ms\":20,\"keepalive_ms\":1000}}"));

  f->client = lk_fal_client_new ();
  lk_fal_client_set_key (f->client, LK_FAKE_FAL_KEY);
  lk_fal_client_set_queue_url (f->client, lk_fake_fal_get_url (f->fake, LK_FAKE_FAL_QUEUE));
  lk_fal_client_set_rest_url (f->client, lk_fake_fal_get_url (f->fake, LK_FAKE_FAL_REST));

  g_assert_no_errno (g_mkdir_with_parents (store_dir, 0700));
  f->store = lk_job_store_new_sync (store_path, NULL, &error);
  g_assert_no_error (error);

  f->models = g_build_filename (g_get_user_data_dir (), "models", NULL);
  f->manager = lk_job_manager_new (f->client, f->store);
  lk_job_manager_set_download_folder (f->manager, f->models);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->manager);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->models, g_free);
}

/* Runs @job until it stops. */
static void
run_job (LkJob *job)
{
  gboolean stopped = FALSE;
  gulong id = g_signal_connect (job, "stopped", G_CALLBACK (job_fixture_set_flag_cb), &stopped);

  lk_job_start (job);
  job_fixture_iterate_until (&stopped);
  g_signal_handler_disconnect (job, id);
}

static LkJob *
add_job (Fixture    *f,
         const char *trainer,
         const char *preset,
         GVariant   *overrides)
{
  g_autoptr(GFile) source = g_file_new_for_path (dataset_dir);
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkJob *job;

  record = lk_job_manager_build_record (f->manager, trainer, preset, overrides, &source, 1, NULL, &error);
  g_assert_no_error (error);
  lk_job_manager_add_async (f->manager, record, NULL, job_fixture_result_cb, &result);
  job = lk_job_manager_add_finish (f->manager, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  return job;
}

static LkJobRecord *
stored (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  LkJobRecord *record = lk_job_store_get_sync (f->store, id, NULL, &error);

  g_assert_no_error (error);
  return record;
}

static guint
fake_jobs (Fixture    *f,
           const char *app)
{
  g_autofree char *json = lk_fake_fal_dup_jobs_json (f->fake);

  return job_fixture_count_jobs (json, app);
}

static guint
fake_requests (Fixture    *f,
               const char *listener,
               const char *method,
               const char *path)
{
  g_autofree char *json = lk_fake_fal_dup_requests_json (f->fake);

  return job_fixture_count_requests (json, listener, method, path);
}

static void
assert_file_size_positive (const char *folder,
                           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  GStatBuf buf;

  g_assert_no_errno (g_stat (path, &buf));
  g_assert_cmpint (buf.st_size, >, 0);
}

/* Parsing */

static void
test_parse_step (void)
{
  static const struct {
    const char *line;
    gboolean    ok;
    guint       step, total;
  } cases[] = {
    { "step 10/1000, loss=0.1234", TRUE, 10, 1000 },
    { "Step 5/50", TRUE, 5, 50 },
    { "STEP: 7 / 70", TRUE, 7, 70 },
    { "steps 3 of 30 done", TRUE, 3, 30 },
    { "iteration=12/300", TRUE, 12, 300 },
    { "Training:  40%|████      | 400/1000 [01:20<02:00, 5.00it/s]", TRUE, 400, 1000 },
    { "[step 1000/1000]", TRUE, 1000, 1000 },
    { "Preprocessing 3/14 images", FALSE, 0, 0 },
    { "2026/11/25 loaded", FALSE, 0, 0 },
    { "step 11/10", FALSE, 0, 0 },
    { "step 1.5/3", FALSE, 0, 0 },
    { "step 0/0", FALSE, 0, 0 },
    { "stepping 3/4", FALSE, 0, 0 },
    { "", FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint step = 0, total = 0;

      g_test_message ("%s", cases[i].line);
      g_assert_cmpint (lk_job_parse_step (cases[i].line, &step, &total), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmpuint (step, ==, cases[i].step);
          g_assert_cmpuint (total, ==, cases[i].total);
        }
    }
  g_assert_false (lk_job_parse_step (NULL, &(guint) { 0 }, &(guint) { 0 }));
}

/* Full runs */

typedef struct
{
  GArray *phases;
  guint   notifies;
  guint   finished;
  guint   failed;
  gint64  max_eta;
  guint   step_notifies;
} Watch;

static void
phase_cb (LkJob      *job,
          LkJobPhase  old_phase,
          LkJobPhase  new_phase,
          Watch      *watch)
{
  g_array_append_val (watch->phases, new_phase);
}

static void
notify_cb (LkJob      *job,
           GParamSpec *pspec,
           Watch      *watch)
{
  watch->notifies++;
}

static void
step_cb (LkJob      *job,
         GParamSpec *pspec,
         Watch      *watch)
{
  /* Notified late (coalesced), possibly after the phase moved on. */
  watch->step_notifies++;
  if (lk_job_get_phase (job) == LK_JOB_PHASE_RUNNING)
    {
      watch->max_eta = MAX (watch->max_eta, lk_job_get_eta_seconds (job));
      g_assert_cmpfloat (lk_job_get_fraction (job), >, 0.0);
      g_assert_cmpfloat (lk_job_get_fraction (job), <=, 1.0);
    }
}

static void
count_cb (LkJob *job,
          guint *count)
{
  (*count)++;
}

static void
failed_count_cb (LkJob        *job,
                 const GError *error,
                 guint        *count)
{
  g_assert_nonnull (error);
  (*count)++;
}

static gboolean
phases_contain (GArray     *phases,
                LkJobPhase  phase)
{
  for (guint i = 0; i < phases->len; i++)
    if (g_array_index (phases, LkJobPhase, i) == phase)
      return TRUE;
  return FALSE;
}

static void
run_grid (Fixture    *f,
          LkJob      *job,
          const char *endpoint)
{
  g_autoptr(LkJobRecord) record = lk_job_dup_record (job);
  g_autoptr(LkSampleGrid) grid = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trigger = lk_job_dup_trigger (job);
  const char * const *prompts;
  guint before = fake_jobs (f, endpoint);

  grid = lk_sample_grid_new (f->client, record, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_sample_grid_get_endpoint (grid), ==, endpoint);
  g_assert_cmpuint (lk_sample_grid_get_n_images (grid), ==, 9);
  g_assert_cmpfloat (lk_sample_grid_estimate_cost (grid), >, 0.0);
  prompts = lk_sample_grid_get_prompts (grid);
  for (guint i = 0; prompts[i] != NULL; i++)
    g_assert_nonnull (strstr (prompts[i], trigger));

  lk_sample_grid_run_async (grid, NULL, job_fixture_result_cb, &result);
  images = lk_sample_grid_run_finish (grid, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, ==, 9);
  for (guint i = 0; i < images->len; i++)
    g_assert_true (g_file_test (g_ptr_array_index (images, i), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (fake_jobs (f, endpoint), ==, before + 9);

  /* Beside the model. */
  g_assert_true (g_str_has_prefix (lk_sample_grid_get_folder (grid), lk_job_get_result_folder (job)));

  /* Again: nothing is asked for (or paid for) twice. */
  g_clear_object (&result);
  g_clear_pointer (&images, g_ptr_array_unref);
  lk_sample_grid_run_async (grid, NULL, job_fixture_result_cb, &result);
  images = lk_sample_grid_run_finish (grid, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, ==, 9);
  g_assert_cmpuint (fake_jobs (f, endpoint), ==, before + 9);
}

static void
test_full_run (Fixture       *f,
               gconstpointer  data)
{
  const char *trainer = data;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *trigger = NULL;
  Watch watch = { g_array_new (FALSE, FALSE, sizeof (LkJobPhase)), 0, 0, 0, -1, 0 };
  gboolean pro = g_str_equal (trainer, PRO);

  job = add_job (f, trainer, pro ? "general-fast" : NULL, NULL);
  g_signal_connect (job, "phase-changed", G_CALLBACK (phase_cb), &watch);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (notify_cb), &watch);
  g_signal_connect (job, "notify::step", G_CALLBACK (step_cb), &watch);
  g_signal_connect (job, "finished", G_CALLBACK (count_cb), &watch.finished);
  g_signal_connect (job, "failed", G_CALLBACK (failed_count_cb), &watch.failed);

  run_job (job);

  g_assert_cmpstr (lk_job_get_failure_reason (job), ==, NULL);
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);
  g_assert_cmpuint (watch.finished, ==, 1);
  g_assert_cmpuint (watch.failed, ==, 0);
  g_assert_true (phases_contain (watch.phases, LK_JOB_PHASE_PACKING));
  g_assert_true (phases_contain (watch.phases, LK_JOB_PHASE_UPLOADING));
  g_assert_true (phases_contain (watch.phases, LK_JOB_PHASE_SUBMITTING));
  g_assert_true (phases_contain (watch.phases, LK_JOB_PHASE_RUNNING));
  g_assert_true (phases_contain (watch.phases, LK_JOB_PHASE_DOWNLOADING));
  g_assert_true (lk_job_get_billed (job));
  g_assert_false (lk_job_get_active (job));

  /* The log was followed: the last step line is the total. */
  g_assert_cmpuint (lk_job_get_total_steps (job), >, 0);
  g_assert_cmpuint (lk_job_get_step (job), ==, lk_job_get_total_steps (job));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lk_job_get_log_model (job))), >, 3);
  g_assert_cmpstr (lk_job_get_last_log_line (job), !=, NULL);
  g_assert_cmpint (lk_job_get_last_log_age (job), >=, 0);
  /* An ETA once two step lines were seen. */
  g_assert_cmpuint (watch.step_notifies, >, 0);
  g_assert_cmpint (watch.max_eta, >=, 0);
  /* Coalesced: far fewer notifications than log lines and bytes. */
  g_assert_cmpuint (watch.notifies, <, 60);

  record = stored (f, lk_job_get_id (job));
  g_assert_cmpint (record->phase, ==, LK_JOB_PHASE_DONE);
  g_assert_nonnull (record->request_id);
  g_assert_nonnull (record->file_url);
  g_assert_nonnull (record->dataset_hash);
  g_assert_nonnull (record->result_json);
  g_assert_true (record->billed);
  g_assert_cmpuint (fake_jobs (f, trainer), ==, 1);

  trigger = lk_job_dup_trigger (job);
  prompt = lk_job_dup_prompt (job);
  g_assert_nonnull (trigger);
  g_assert_nonnull (strstr (prompt, trigger));

  if (pro)
    {
      g_assert_nonnull (lk_job_get_finetune_id (job));
      g_assert_nonnull (record->finetune_id);
      run_grid (f, job, "fal-ai/flux-pro/v1.1-ultra-finetuned");
    }
  else
    {
      g_autofree char *folder = g_build_filename (f->models, NULL);

      g_assert_true (g_str_has_prefix (lk_job_get_result_folder (job), folder));
      assert_file_size_positive (lk_job_get_result_folder (job), "pytorch_lora_weights.safetensors");
      assert_file_size_positive (lk_job_get_result_folder (job), "config.json");
      assert_file_size_positive (lk_job_get_result_folder (job), "prompt.txt");
      run_grid (f, job, "fal-ai/flux-lora");
    }

  g_array_unref (watch.phases);
}

/* Cancel in each phase */

static void
cancel_at_phase_cb (LkJob      *job,
                    LkJobPhase  old_phase,
                    LkJobPhase  new_phase,
                    gpointer    data)
{
  if (new_phase == (LkJobPhase) GPOINTER_TO_INT (data))
    lk_job_cancel (job);
}

static void
cancel_at_step_cb (LkJob      *job,
                   GParamSpec *pspec,
                   gpointer    data)
{
  if (lk_job_get_step (job) > 0)
    {
      g_signal_handlers_disconnect_by_func (job, cancel_at_step_cb, data);
      lk_job_cancel (job);
    }
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  LkJobPhase phase = GPOINTER_TO_INT (data);
  g_autoptr(LkJob) job = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autofree char *fault = NULL;

  if (phase == LK_JOB_PHASE_QUEUED)
    {
      fault = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,"
                                     "\"action\":{\"outcome\":{\"queue_ms\":600000,\"queue_position_start\":3}}}");
      g_assert_nonnull (fault);
    }

  job = add_job (f, FAST, NULL, NULL);
  if (phase == LK_JOB_PHASE_PREPARING)
    {
      /* A new job starts in this phase: cancel while it reads the files. */
      gboolean stopped = FALSE;

      g_signal_connect (job, "stopped", G_CALLBACK (job_fixture_set_flag_cb), &stopped);
      lk_job_start (job);
      lk_job_cancel (job);
      job_fixture_iterate_until (&stopped);
    }
  else
    {
      if (phase == LK_JOB_PHASE_RUNNING)
        g_signal_connect (job, "notify::step", G_CALLBACK (cancel_at_step_cb), NULL);
      else
        g_signal_connect (job, "phase-changed", G_CALLBACK (cancel_at_phase_cb), GINT_TO_POINTER (phase));
      run_job (job);
    }

  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_CANCELLED);
  record = stored (f, lk_job_get_id (job));
  g_assert_cmpint (record->phase, ==, LK_JOB_PHASE_CANCELLED);

  switch (phase)
    {
    case LK_JOB_PHASE_PREPARING:
    case LK_JOB_PHASE_PACKING:
    case LK_JOB_PHASE_UPLOADING:
      /* Never reached fal: nothing there, nothing billed. */
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 0);
      g_assert_null (record->request_id);
      g_assert_false (record->billed);
      break;

    case LK_JOB_PHASE_QUEUED:
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 1);
      g_assert_cmpuint (fake_requests (f, "Q", "PUT", "/cancel"), ==, 1);
      g_assert_false (record->billed);
      break;

    case LK_JOB_PHASE_RUNNING:
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 1);
      g_assert_cmpuint (fake_requests (f, "Q", "PUT", "/cancel"), ==, 1);
      g_assert_true (record->billed);
      break;

    case LK_JOB_PHASE_DOWNLOADING:
      /* fal had finished: no cancel is sent, the result stays stored. */
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 1);
      g_assert_cmpuint (fake_requests (f, "Q", "PUT", "/cancel"), ==, 0);
      g_assert_nonnull (record->result_json);
      g_assert_true (record->billed);
      break;

    case LK_JOB_PHASE_SUBMITTING:
    case LK_JOB_PHASE_DONE:
    case LK_JOB_PHASE_FAILED:
    case LK_JOB_PHASE_CANCELLED:
    default:
      g_assert_not_reached ();
    }
}

/* Faults in each phase */

typedef enum
{
  FAULT_UPLOAD_RESET,
  FAULT_SUBMIT_500,
  FAULT_STREAM_DROP,
  FAULT_TRAINING_FAILED,
  FAULT_LOCKED,
  FAULT_RESULT_422,
} Fault;

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  Fault fault = GPOINTER_TO_INT (data);
  g_autoptr(LkJob) job = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autofree char *id = NULL;
  guint failed = 0;

  switch (fault)
    {
    case FAULT_UPLOAD_RESET:
      id = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"U\",\"method\":\"PUT\"},"
                                  "\"action\":{\"reset_after_bytes\":1000}}");
      break;
    case FAULT_SUBMIT_500:
      id = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"Q\",\"method\":\"POST\"},"
                                  "\"action\":{\"respond\":{\"status\":500,\"body\":{\"detail\":\"Internal Server Error\","
                                  "\"error_type\":\"internal_error\"}}}}");
      break;
    case FAULT_STREAM_DROP:
      id = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"Q\",\"path\":\"*/status/stream\"},"
                                  "\"times\":1,\"action\":{\"sse\":{\"drop_after_events\":2}}}");
      break;
    case FAULT_TRAINING_FAILED:
      id = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,"
                                  "\"action\":{\"outcome\":{\"fail_after_ms\":200,\"error\":\"Runner disconnected\","
                                  "\"error_type\":\"runner_disconnected\",\"logs\":[\"Preprocessing 3 images\","
                                  "\"{\\\"traceback\\\": \\\"ValueError: not enough images\\\"}\"],"
                                  "\"result_status\":500,\"result_body\":{\"detail\":\"not enough images\"}}}}");
      break;
    case FAULT_LOCKED:
      g_assert_true (lk_fake_fal_configure (f->fake, "{\"keys\":{\"" LK_FAKE_FAL_KEY "\":\"exhausted_balance\"}}"));
      id = g_strdup ("config");
      break;
    case FAULT_RESULT_422:
      id = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,"
                                  "\"action\":{\"outcome\":{\"result_status\":422,\"result_body\":{\"detail\":["
                                  "{\"loc\":[\"body\",\"steps\"],\"msg\":\"Input should be less than or equal to 10000\","
                                  "\"type\":\"less_than_equal\"}]}}}}");
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_nonnull (id);

  job = add_job (f, FAST, NULL, NULL);
  g_signal_connect (job, "failed", G_CALLBACK (failed_count_cb), &failed);
  run_job (job);
  record = stored (f, lk_job_get_id (job));

  if (fault == FAULT_STREAM_DROP)
    {
      /* The client falls back to polling: the job finishes anyway. */
      g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);
      g_assert_cmpint (record->phase, ==, LK_JOB_PHASE_DONE);
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 1);
      g_assert_cmpuint (failed, ==, 0);
      return;
    }

  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_FAILED);
  g_assert_cmpint (record->phase, ==, LK_JOB_PHASE_FAILED);
  g_assert_cmpuint (failed, ==, 1);
  g_assert_nonnull (record->failure_reason);
  g_assert_cmpstr (record->failure_reason, !=, "");
  g_test_message ("reason: %s", record->failure_reason);

  switch (fault)
    {
    case FAULT_UPLOAD_RESET:
    case FAULT_LOCKED:
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 0);
      g_assert_false (record->billed);
      g_assert_null (record->request_id);
      if (fault == FAULT_LOCKED)
        g_assert_true (g_error_matches (lk_job_get_error (job), LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED));
      break;
    case FAULT_SUBMIT_500:
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 0);
      g_assert_false (record->billed);
      g_assert_null (record->request_id);
      /* The upload is remembered: a retry does not send the ZIP again. */
      g_assert_nonnull (record->file_url);
      break;
    case FAULT_TRAINING_FAILED:
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 1);
      g_assert_nonnull (record->request_id);
      /* fal reports no compute time for the failure (metrics: {}). */
      g_assert_false (record->billed);
      g_assert_nonnull (strstr (record->log_tail, "traceback"));
      g_assert_nonnull (strstr (record->failure_reason, "Runner disconnected"));
      break;
    case FAULT_RESULT_422:
      g_assert_cmpuint (fake_jobs (f, NULL), ==, 1);
      g_assert_nonnull (record->request_id);
      /* fal reports the failure without compute time: not billed; the
       * field-level message reaches the person. */
      g_assert_false (record->billed);
      g_assert_nonnull (strstr (record->failure_reason, "less than or equal to 10000"));
      break;
    case FAULT_STREAM_DROP:
    default:
      g_assert_not_reached ();
    }
}

/* Detach, reattach, resume */

static void
detach_at_step_cb (LkJob      *job,
                   GParamSpec *pspec,
                   gpointer    data)
{
  if (lk_job_get_step (job) > 0)
    {
      g_signal_handlers_disconnect_by_func (job, detach_at_step_cb, data);
      lk_job_detach (job);
    }
}

static void
detach_at_phase_cb (LkJob      *job,
                    LkJobPhase  old_phase,
                    LkJobPhase  new_phase,
                    gpointer    data)
{
  if (new_phase == (LkJobPhase) GPOINTER_TO_INT (data))
    {
      g_signal_handlers_disconnect_by_func (job, detach_at_phase_cb, data);
      lk_job_detach (job);
    }
}

static void
test_reattach (Fixture       *f,
               gconstpointer  data)
{
  LkJobPhase phase = GPOINTER_TO_INT (data);
  g_autoptr(LkJob) job = NULL;
  g_autoptr(LkJobManager) second = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  LkJob *again;
  gint64 id;

  job = add_job (f, PORTRAIT, "portrait-fast", NULL);
  id = lk_job_get_id (job);
  if (phase == LK_JOB_PHASE_RUNNING)
    g_signal_connect (job, "notify::step", G_CALLBACK (detach_at_step_cb), NULL);
  else
    g_signal_connect (job, "phase-changed", G_CALLBACK (detach_at_phase_cb), GINT_TO_POINTER (phase));
  run_job (job);

  /* Wait for the store to have what the process would leave behind. */
  record = stored (f, id);
  g_assert_false (lk_job_phase_is_finished (record->phase));
  g_clear_pointer (&record, lk_job_record_unref);

  /* A new process: the jobs fal knows are followed again. */
  second = lk_job_manager_new (f->client, f->store);
  lk_job_manager_set_download_folder (second, f->models);
  lk_job_manager_load_async (second, TRUE, NULL, job_fixture_result_cb, &result);
  loaded = lk_job_manager_load_finish (second, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  again = g_ptr_array_index (loaded, 0);
  g_assert_cmpint (lk_job_get_id (again), ==, id);

  if (lk_job_phase_is_local (phase))
    g_assert_false (lk_job_get_active (again));
  else
    g_assert_true (lk_job_get_active (again));

  if (!lk_job_get_active (again))
    run_job (again);
  else
    {
      gboolean stopped = FALSE;

      g_signal_connect (again, "stopped", G_CALLBACK (job_fixture_set_flag_cb), &stopped);
      job_fixture_iterate_until (&stopped);
    }

  g_assert_cmpint (lk_job_get_phase (again), ==, LK_JOB_PHASE_DONE);
  g_assert_cmpuint (fake_jobs (f, NULL), ==, 1);
  g_assert_cmpuint (fake_requests (f, "Q", "POST", NULL), ==, 1);
  if (phase == LK_JOB_PHASE_RUNNING)
    /* The replayed logs were read: the step came back. */
    g_assert_cmpuint (lk_job_get_step (again), ==, lk_job_get_total_steps (again));
  assert_file_size_positive (lk_job_get_result_folder (again), "pytorch_lora_weights.safetensors");
}

static void
test_died_submitting (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LkJob) job = add_job (f, FAST, NULL, NULL);
  g_autoptr(LkJobRecord) record = lk_job_dup_record (job);
  g_autoptr(LkJob) again = NULL;
  g_autoptr(GError) error = NULL;

  /* As if the process died between the claim and fal's answer. */
  record->file_url = g_strdup ("https://example.invalid/x.zip");
  g_assert_true (lk_job_store_update_sync (f->store, record, NULL, &error));
  g_assert_true (lk_job_store_claim_submit_sync (f->store, record->id, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&record, lk_job_record_unref);

  record = stored (f, lk_job_get_id (job));
  again = lk_job_new (f->client, f->store, record);
  run_job (again);
  g_assert_cmpint (lk_job_get_phase (again), ==, LK_JOB_PHASE_FAILED);
  g_assert_true (g_error_matches (lk_job_get_error (again), LK_STORE_ERROR, LK_STORE_ERROR_ALREADY_SUBMITTED));
  g_assert_false (lk_job_get_billed (again));
  g_assert_cmpuint (fake_jobs (f, NULL), ==, 0);
}

/* History, reuse, variants, continuing */

static void
test_clone_reuses_upload (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LkJob) job = add_job (f, FAST, NULL, NULL);
  g_autoptr(LkJob) clone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  guint puts;

  run_job (job);
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);
  puts = fake_requests (f, "U", "PUT", NULL);
  g_assert_cmpuint (puts, >, 0);

  lk_job_manager_clone_async (f->manager, lk_job_get_id (job), NULL, job_fixture_result_cb, &result);
  clone = lk_job_manager_clone_finish (f->manager, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  run_job (clone);
  g_assert_cmpint (lk_job_get_phase (clone), ==, LK_JOB_PHASE_DONE);
  g_assert_cmpuint (fake_requests (f, "U", "PUT", NULL), ==, puts);
  g_assert_cmpuint (fake_jobs (f, NULL), ==, 2);

  /* Search and delete: the local record only. */
  found = lk_job_store_list_sync (f->store, LK_JOB_LIST_ALL, "dataset", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_object (&result);
  lk_job_manager_delete_async (f->manager, lk_job_get_id (clone), NULL, job_fixture_result_cb, &result);
  g_assert_true (lk_job_manager_delete_finish (f->manager, job_fixture_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = lk_job_store_list_sync (f->store, LK_JOB_LIST_ALL, NULL, NULL, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (fake_jobs (f, NULL), ==, 2);
  g_assert_true (g_file_test (lk_job_get_result_folder (clone), G_FILE_TEST_IS_DIR));
}

static void
test_variants (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) source = g_file_new_for_path (dataset_dir);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_job_record_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fault = NULL;
  const char *trainers[] = { PORTRAIT, FAST, PRO };
  gboolean all_stopped = FALSE;

  /* The second variant fails; the others go on. */
  fault = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,"
                                 "\"action\":{\"outcome\":{\"fail_after_ms\":100,\"error\":\"Runner disconnected\","
                                 "\"error_type\":\"runner_disconnected\"}}}");

  for (guint i = 0; i < G_N_ELEMENTS (trainers); i++)
    {
      LkJobRecord *record = lk_job_manager_build_record (f->manager, trainers[i], NULL, NULL,
                                                         &source, 1, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (records, record);
    }

  lk_job_manager_start_variants_async (f->manager, records, NULL, job_fixture_result_cb, &result);
  jobs = lk_job_manager_start_variants_finish (f->manager, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 3);

  while (!all_stopped)
    {
      all_stopped = TRUE;
      for (guint i = 0; i < jobs->len; i++)
        if (!lk_job_phase_is_finished (lk_job_get_phase (g_ptr_array_index (jobs, i))) ||
            lk_job_get_active (g_ptr_array_index (jobs, i)))
          all_stopped = FALSE;
      if (!all_stopped)
        g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpint (lk_job_get_phase (g_ptr_array_index (jobs, 0)), ==, LK_JOB_PHASE_DONE);
  g_assert_cmpint (lk_job_get_phase (g_ptr_array_index (jobs, 1)), ==, LK_JOB_PHASE_FAILED);
  g_assert_cmpint (lk_job_get_phase (g_ptr_array_index (jobs, 2)), ==, LK_JOB_PHASE_DONE);
  /* One upload for all three. */
  g_assert_cmpuint (fake_requests (f, "R", "POST", "initiate"), ==, 1);
  g_assert_cmpuint (fake_jobs (f, NULL), ==, 3);

  /* Too many. */
  g_clear_object (&result);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (records, lk_job_record_ref (g_ptr_array_index (records, 0)));
  lk_job_manager_start_variants_async (f->manager, records, NULL, job_fixture_result_cb, &result);
  g_assert_null (lk_job_manager_start_variants_finish (f->manager, job_fixture_wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_continue (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LkJob) job = add_job (f, PORTRAIT, "portrait-fast", NULL);
  g_autoptr(LkJob) next = NULL;
  g_autoptr(LkJobRecord) done = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lora = NULL;
  g_autofree char *jobs = NULL;

  run_job (job);
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);
  lora = lk_job_dup_lora_url (job);
  g_assert_nonnull (lora);

  done = lk_job_dup_record (job);
  record = lk_job_manager_build_continuation (f->manager, done, 200, &error);
  g_assert_no_error (error);
  lk_job_manager_add_async (f->manager, record, NULL, job_fixture_result_cb, &result);
  next = lk_job_manager_add_finish (f->manager, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  run_job (next);
  g_assert_cmpint (lk_job_get_phase (next), ==, LK_JOB_PHASE_DONE);

  jobs = lk_fake_fal_dup_jobs_json (f->fake);
  g_assert_nonnull (strstr (jobs, "resume_from_checkpoint"));
  g_assert_nonnull (strstr (jobs, lora));

  /* The fast trainer has no checkpoint input. */
  {
    g_autoptr(LkJob) fast = add_job (f, FAST, NULL, NULL);
    g_autoptr(LkJobRecord) fast_done = NULL;
    g_autoptr(LkJobRecord) refused = NULL;

    run_job (fast);
    fast_done = lk_job_dup_record (fast);
    refused = lk_job_manager_build_continuation (f->manager, fast_done, 0, &error);
    g_assert_null (refused);
    g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_FIELD);
  }
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) source = g_file_new_for_path (dataset_dir);
  g_autoptr(GFile) empty = g_file_new_for_path (g_get_user_data_dir ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_null (lk_job_manager_build_record (f->manager, "fal-ai/nope", NULL, NULL, &source, 1, NULL, &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_TRAINER);
  g_clear_error (&error);

  g_assert_null (lk_job_manager_build_record (f->manager, FAST, "portrait-fast", NULL, &source, 1, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_null (lk_job_manager_parse_setting (f->manager, FAST, "steps", "many", &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE);
  g_clear_error (&error);
  g_assert_null (lk_job_manager_parse_setting (f->manager, FAST, "nope", "1", &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  value = lk_job_manager_parse_setting (f->manager, FAST, "steps", "250", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_variant_get_int64 (value), ==, 250);

  /* A folder without images fails before anything is sent. */
  record = lk_job_manager_build_record (f->manager, FAST, NULL, NULL, &empty, 1, NULL, &error);
  g_assert_no_error (error);
  lk_job_manager_add_async (f->manager, record, NULL, job_fixture_result_cb, &result);
  job = lk_job_manager_add_finish (f->manager, job_fixture_wait_result (&result), &error);
  run_job (job);
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_FAILED);
  g_assert_false (lk_job_get_billed (job));
  g_assert_cmpuint (fake_requests (f, "R", NULL, NULL), ==, 0);
}

static void
test_default_preset (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) source = g_file_new_for_path (dataset_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJobRecord) record = NULL;

  /* No preset chosen: the seed's optimal portrait settings, not fal's 2500 steps. */
  record = lk_job_manager_build_record (f->manager, PORTRAIT, NULL, NULL, &source, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->preset, ==, "portrait-optimal");
  g_assert_nonnull (strstr (record->inputs_json, "\"steps\":1000"));
  g_assert_nonnull (strstr (record->inputs_json, "\"learning_rate\":0.0002"));
}

/* fal's reference server proxy refuses "initiate-multipart", so behind a
 * proxy the ZIP is packed to a file first and sent as one PUT. */
static void
test_proxy_upload (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *proxy = g_strconcat (lk_fake_fal_get_url (f->fake, LK_FAKE_FAL_QUEUE),
                                        "/api/fal/proxy", NULL);
  g_autoptr(LkJob) job = NULL;
  g_autoptr(GDir) tmp = NULL;
  const char *name;

  lk_fal_client_set_queue_url (f->client, NULL);
  lk_fal_client_set_rest_url (f->client, NULL);
  lk_fal_client_set_proxy_url (f->client, proxy);

  job = add_job (f, FAST, NULL, NULL);
  lk_job_start (job);
  /* The fake answers with its own loopback URLs, which its proxy refuses
   * as targets (real fal answers with queue.fal.run ones); only the upload
   * matters here. */
  run_job (job);

  g_assert_cmpuint (fake_requests (f, "U", "PUT", NULL), ==, 1);
  g_assert_cmpuint (fake_requests (f, "U", "POST", NULL), ==, 0);
  g_assert_cmpuint (fake_requests (f, "R", NULL, NULL), ==, 0);
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (f->fake), ==, 0);

  /* The packed ZIP does not outlive the upload. */
  tmp = g_dir_open (g_get_tmp_dir (), 0, NULL);
  while (tmp != NULL && (name = g_dir_read_name (tmp)) != NULL)
    g_assert_false (g_str_has_prefix (name, "likeness-upload-"));
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
    }
  g_remove (path);
}

/* Protocol §3.5: after a cancel fal accepted, a running trainer may still
 * reach COMPLETED without an error; a result that then fails means the
 * cancel took effect, so the job ends cancelled, not failed. */
static void
test_cancel_then_result_error (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LkJob) job = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *result_fault = NULL;

  outcome = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,"
                                   "\"action\":{\"outcome\":{\"ignore_cancel\":true}}}");
  g_assert_nonnull (outcome);
  result_fault = lk_fake_fal_add_fault (f->fake,
                                        "{\"match\":{\"listener\":\"Q\",\"method\":\"GET\","
                                        "\"path\":\"*/requests/\?\?\?\?\?\?\?\?-\?\?\?\?-\?\?\?\?-\?\?\?\?-\?\?\?\?\?\?\?\?\?\?\?\?\"},"
                                        "\"times\":5,\"action\":{\"respond\":{\"status\":500,"
                                        "\"body\":{\"detail\":\"Runner stopped\"}}}}");
  g_assert_nonnull (result_fault);

  job = add_job (f, FAST, NULL, NULL);
  g_signal_connect (job, "notify::step", G_CALLBACK (cancel_at_step_cb), NULL);
  run_job (job);

  g_assert_cmpuint (fake_requests (f, "Q", "PUT", "/cancel"), ==, 1);
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_CANCELLED);
  record = stored (f, lk_job_get_id (job));
  g_assert_cmpint (record->phase, ==, LK_JOB_PHASE_CANCELLED);
}

/* Trainer outputs as protocol §6–§7 allow them: File members optional
 * (no file_name, file_size null), debug_preprocessed_output null, unknown
 * members, and members of unexpected JSON types, which must not crash. */
static void
test_result_shapes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LkJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "weights.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *file_url = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *action = NULL;

  g_assert_true (g_file_set_contents (path, "0123456789", 10, NULL));
  lk_fal_client_upload_file_async (f->client, file, "application/octet-stream", NULL, NULL, NULL,
                                   NULL, job_fixture_result_cb, &result);
  file_url = lk_fal_client_upload_file_finish (f->client, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);

  action = g_strdup_printf ("{\"match\":{\"app\":\"" FAST "\"},\"times\":1,\"action\":{\"outcome\":"
                            "{\"output\":{\"diffusers_lora_file\":{\"url\":\"%s\",\"file_size\":null,"
                            "\"content_type\":\"application/octet-stream\",\"file_name\":{\"x\":1}},"
                            "\"config_file\":{\"url\":\"%s\",\"file_size\":{\"n\":10},\"file_data\":null},"
                            "\"debug_preprocessed_output\":null,\"finetune_id\":[1],"
                            "\"future_member\":{\"a\":[1,2]}}}}}", file_url, file_url);
  fault = lk_fake_fal_add_fault (f->fake, action);
  g_assert_nonnull (fault);

  job = add_job (f, FAST, NULL, NULL);
  run_job (job);

  g_assert_cmpstr (lk_job_get_failure_reason (job), ==, NULL);
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);
  g_assert_null (lk_job_get_finetune_id (job));
  assert_file_size_positive (lk_job_get_result_folder (job), "pytorch_lora_weights.safetensors");
  assert_file_size_positive (lk_job_get_result_folder (job), "config.json");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Loopback only: no proxy lookup (which would need GSettings). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  tmp = g_dir_make_tmp ("likeness-test-job-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  dataset_dir = job_fixture_make_dataset (tmp, 10, 512);

  g_test_add_func ("/likeness/job/parse-step", test_parse_step);

#define ADD(path, fn, data) \
  g_test_add ("/likeness/job/" path, Fixture, data, fixture_setup, fn, fixture_teardown)

  ADD ("default-preset", test_default_preset, NULL);
  ADD ("proxy-upload", test_proxy_upload, NULL);
  ADD ("full/portrait", test_full_run, PORTRAIT);
  ADD ("full/fast-training", test_full_run, FAST);
  ADD ("full/pro", test_full_run, PRO);
  ADD ("cancel/preparing", test_cancel, GINT_TO_POINTER (LK_JOB_PHASE_PREPARING));
  ADD ("cancel/packing", test_cancel, GINT_TO_POINTER (LK_JOB_PHASE_PACKING));
  ADD ("cancel/uploading", test_cancel, GINT_TO_POINTER (LK_JOB_PHASE_UPLOADING));
  ADD ("cancel/queued", test_cancel, GINT_TO_POINTER (LK_JOB_PHASE_QUEUED));
  ADD ("cancel/running", test_cancel, GINT_TO_POINTER (LK_JOB_PHASE_RUNNING));
  ADD ("cancel/downloading", test_cancel, GINT_TO_POINTER (LK_JOB_PHASE_DOWNLOADING));
  ADD ("cancel/then-result-error", test_cancel_then_result_error, NULL);
  ADD ("result-shapes", test_result_shapes, NULL);
  ADD ("fault/upload-reset", test_fault, GINT_TO_POINTER (FAULT_UPLOAD_RESET));
  ADD ("fault/submit-500", test_fault, GINT_TO_POINTER (FAULT_SUBMIT_500));
  ADD ("fault/stream-drop", test_fault, GINT_TO_POINTER (FAULT_STREAM_DROP));
  ADD ("fault/training-failed", test_fault, GINT_TO_POINTER (FAULT_TRAINING_FAILED));
  ADD ("fault/locked", test_fault, GINT_TO_POINTER (FAULT_LOCKED));
  ADD ("fault/result-422", test_fault, GINT_TO_POINTER (FAULT_RESULT_422));
  ADD ("reattach/uploading", test_reattach, GINT_TO_POINTER (LK_JOB_PHASE_UPLOADING));
  ADD ("reattach/queued", test_reattach, GINT_TO_POINTER (LK_JOB_PHASE_QUEUED));
  ADD ("reattach/running", test_reattach, GINT_TO_POINTER (LK_JOB_PHASE_RUNNING));
  ADD ("reattach/downloading", test_reattach, GINT_TO_POINTER (LK_JOB_PHASE_DOWNLOADING));
  ADD ("died-submitting", test_died_submitting, NULL);
  ADD ("clone-reuses-upload", test_clone_reuses_upload, NULL);
  ADD ("variants", test_variants, NULL);
  ADD ("continue", test_continue, NULL);
  ADD ("bad-input", test_bad_input, NULL);

#undef ADD

  ret = g_test_run ();
  rm_rf (tmp);
  g_free (dataset_dir);
  return ret;
}
