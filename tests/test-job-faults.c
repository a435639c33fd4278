/* test-job-faults.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 6: every fault of the fake fal in each job phase, one table row
 * (and one TAP case) each. A row ends DONE (the protocol's retry rules
 * recover it), FAILED with a clear translated reason, a specific error and
 * the right billing flag, or stopped on lost contact and then finished by
 * a new attach. In every case the store holds exactly one record, in the
 * job's phase and with its billing flag, the fake has at most one job (two
 * submits only when the first was refused with a retried 429/5xx), and no
 * key reached the upload or CDN hosts. Each row first checks that its
 * fault really answered a request.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "job-fixture.h"
#include "lk-core.h"
#include "lk-fake-fal.h"
#include "lk-fal-client-private.h"

#define FAST            "fal-ai/flux-lora-fast-training"
#define STALL_MS        400

/* Matches the result GET (…/requests/<uuid>) and not the status GETs. */
#define RESULT_PATH "*/requests/\?\?\?\?\?\?\?\?-\?\?\?\?-\?\?\?\?-\?\?\?\?-\?\?\?\?\?\?\?\?\?\?\?\?"

#define R_INITIATE "{\"listener\":\"R\",\"method\":\"POST\",\"path\":\"/storage/upload/initiate*\"}"
#define U_PUT      "{\"listener\":\"U\",\"method\":\"PUT\"}"
#define Q_SUBMIT   "{\"listener\":\"Q\",\"method\":\"POST\",\"path\":\"/" FAST "\"}"
#define Q_STATUS   "{\"listener\":\"Q\",\"method\":\"GET\",\"path\":\"*/status\"}"
#define Q_STREAM   "{\"listener\":\"Q\",\"method\":\"GET\",\"path\":\"*/status/stream\"}"
#define Q_RESULT   "{\"listener\":\"Q\",\"method\":\"GET\",\"path\":\"" RESULT_PATH "\"}"
#define C_GET      "{\"listener\":\"C\",\"method\":\"GET\"}"

#define ONCE(match, action) "{\"match\":" match ",\"times\":1,\"action\":" action "}"
#define ALWAYS(match, action) "{\"match\":" match ",\"action\":" action "}"

/* The job polls the status only once it gives up the stream: every status
 * stream is refused, so that a status fault is met. */
#define NO_STREAM ALWAYS (Q_STREAM, "{\"respond\":{\"status\":503}}")

#define R429 "{\"respond\":{\"status\":429,\"headers\":{\"Retry-After\":\"1\"}," \
             "\"body\":{\"detail\":\"Too many requests\"}}}"
#define R500 "{\"respond\":{\"status\":500,\"body\":{\"detail\":\"Internal Server Error\"," \
             "\"error_type\":\"internal_error\"}}}"
#define R502 "{\"respond\":{\"status\":502,\"headers\":{\"Content-Type\":\"text/html\"}," \
             "\"raw\":\"<html><head><title>502 Bad Gateway</title></head><body>" \
             "<center><h1>502 Bad Gateway</h1></center></body></html>\"}}"
#define R503 "{\"respond\":{\"status\":503,\"body\":{\"detail\":\"Service Unavailable\"}}}"
#define R504_USER "{\"respond\":{\"status\":504,\"headers\":{\"x-fal-request-timeout-type\":\"user\"}," \
                  "\"body\":{\"detail\":\"Request timed out\",\"error_type\":\"request_timeout\"}}}"
#define R422_LIST "{\"respond\":{\"status\":422,\"body\":{\"detail\":[{\"loc\":[\"body\",\"steps\"]," \
                  "\"msg\":\"Input should be less than or equal to 10000\",\"type\":\"less_than_equal\"}]}}}"
#define R422_STRING "{\"respond\":{\"status\":422,\"body\":{\"detail\":\"Images are too small\"}}}"
#define R403_LOCKED "{\"respond\":{\"status\":403,\"body\":{\"detail\":\"User is locked. Reason: " \
                    "Exhausted balance. Top up your balance at fal.ai/dashboard/billing.\"}}}"
#define MALFORM(kind) "{\"malform\":\"" kind "\"}"

#define OUTCOME(knobs) "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,\"action\":{\"outcome\":" knobs "}}"

typedef enum
{
  DOMAIN_NONE,
  DOMAIN_FAL,
} ErrorDomain;

/* How the row ends. LOST_CONTACT: the job stops without an end, stored in
 * its phase with the reason in its status text ("Lost contact with fal"),
 * and a later attach (a new process) takes it to DONE. */
typedef enum
{
  END_DONE,
  END_FAILED,
  END_LOST_CONTACT,
} End;

typedef enum
{
  JOBS_NONE,
  JOBS_ONE,
} JobsExpected;

typedef struct
{
  const char   *name;
  const char   *phase;           /* where the fault hits, for the TAP name */
  const char   *rules[2];        /* up to two fault rules; the first is the fault */
  const char   *config;          /* merged into the fake's configuration */
  gboolean      must_fire;       /* the first rule must have matched a request */
  gboolean      stall_tunable;
  End           end;
  ErrorDomain   domain;
  int           code;
  gboolean      billed;
  JobsExpected  jobs;
  const char   *reason_part;     /* the reason shows this, or NULL */
  const char   *log_part;        /* the stored log tail shows this, or NULL */
} Row;

static const Row rows[] = {
  /* Upload: R initiate, U PUT. */
  { "initiate-429-retry-after", "upload", { ONCE (R_INITIATE, R429) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "initiate-503-once", "upload", { ONCE (R_INITIATE, R503) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "initiate-502-html-once", "upload", { ONCE (R_INITIATE, R502) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "initiate-500", "upload", { ONCE (R_INITIATE, R500) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_SERVER, FALSE, JOBS_NONE, NULL },
  { "initiate-malformed-truncate", "upload", { ONCE (R_INITIATE, MALFORM ("truncate")) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, FALSE, JOBS_NONE, NULL },
  { "initiate-malformed-not-json", "upload", { ONCE (R_INITIATE, MALFORM ("not_json")) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, FALSE, JOBS_NONE, NULL },
  { "initiate-malformed-content-type", "upload", { ONCE (R_INITIATE, MALFORM ("wrong_content_type")) }, NULL,
    TRUE, FALSE, END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, FALSE, JOBS_NONE, NULL },
  { "initiate-malformed-empty", "upload", { ONCE (R_INITIATE, MALFORM ("empty")) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, FALSE, JOBS_NONE, NULL },
  { "initiate-locked", "upload", { NULL }, "{\"keys\":{\"" LK_FAKE_FAL_KEY "\":\"exhausted_balance\"}}",
    FALSE, FALSE, END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_QUOTA_EXCEEDED, FALSE, JOBS_NONE, NULL },
  { "put-reset", "upload", { ALWAYS (U_PUT, "{\"reset_after_bytes\":1000}") }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_NETWORK, FALSE, JOBS_NONE, NULL },
  { "put-reset-once", "upload", { ONCE (U_PUT, "{\"reset_after_bytes\":1000}") }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "put-503-once", "upload", { ONCE (U_PUT, R503) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },

  /* Submit: Q POST. */
  { "submit-429-retry-after", "submit", { ONCE (Q_SUBMIT, R429) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "submit-503-once", "submit", { ONCE (Q_SUBMIT, R503) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "submit-502-html-once", "submit", { ONCE (Q_SUBMIT, R502) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "submit-500-once", "submit", { ONCE (Q_SUBMIT, R500) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_SERVER, FALSE, JOBS_NONE, NULL },
  { "submit-422-list", "submit", { ONCE (Q_SUBMIT, R422_LIST) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_VALIDATION, FALSE, JOBS_NONE,
    "steps: Input should be less than or equal to 10000" },
  { "submit-422-string", "submit", { ONCE (Q_SUBMIT, R422_STRING) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_VALIDATION, FALSE, JOBS_NONE, "Images are too small" },
  { "submit-locked", "submit", { ONCE (Q_SUBMIT, R403_LOCKED) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_QUOTA_EXCEEDED, FALSE, JOBS_NONE, NULL },
  { "submit-504-user-timeout", "submit", { ONCE (Q_SUBMIT, R504_USER) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_TIMEOUT, FALSE, JOBS_NONE, NULL },
  /* A 2xx with an unreadable body: fal has queued the request, and its
   * x-fal-request-id header names it, so the job follows it. */
  { "submit-malformed-truncate", "submit", { ONCE (Q_SUBMIT, MALFORM ("truncate")) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "submit-malformed-not-json", "submit", { ONCE (Q_SUBMIT, MALFORM ("not_json")) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "submit-malformed-content-type", "submit", { ONCE (Q_SUBMIT, MALFORM ("wrong_content_type")) }, NULL,
    TRUE, FALSE, END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "submit-malformed-empty", "submit", { ONCE (Q_SUBMIT, MALFORM ("empty")) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "submit-unknown-app", "submit", { NULL }, "{\"apps\":{\"" FAST "\":{\"state\":\"missing\"}}}",
    FALSE, FALSE, END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_NOT_FOUND, FALSE, JOBS_NONE, NULL },

  /* Queued and running: the status stream, then status polls. */
  { "stream-drop", "running", { ONCE (Q_STREAM, "{\"sse\":{\"drop_after_events\":2}}") }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "stream-cut-mid-event", "running", { ONCE (Q_STREAM, "{\"sse\":{\"cut_mid_event\":true}}") }, NULL, TRUE,
    FALSE, END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "stream-stall", "running",
    { ONCE (Q_STREAM, "{\"sse\":{\"stall_ms\":120000,\"no_keepalive\":true}}") }, NULL, TRUE, TRUE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "status-429-retry-after", "running", { ONCE (Q_STATUS, R429), NO_STREAM }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "status-500-once", "running", { ONCE (Q_STATUS, R500), NO_STREAM }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "status-502-html-once", "running", { ONCE (Q_STATUS, R502), NO_STREAM }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "status-503-once", "running", { ONCE (Q_STATUS, R503), NO_STREAM }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "status-malformed-truncate", "running", { ONCE (Q_STATUS, MALFORM ("truncate")), NO_STREAM }, NULL,
    TRUE, FALSE, END_LOST_CONTACT, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, TRUE, JOBS_ONE, NULL },
  { "status-malformed-not-json", "running", { ONCE (Q_STATUS, MALFORM ("not_json")), NO_STREAM }, NULL,
    TRUE, FALSE, END_LOST_CONTACT, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, TRUE, JOBS_ONE, NULL },
  { "status-malformed-content-type", "running", { ONCE (Q_STATUS, MALFORM ("wrong_content_type")), NO_STREAM },
    NULL, TRUE, FALSE, END_LOST_CONTACT, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, TRUE, JOBS_ONE, NULL },
  { "status-malformed-empty", "running", { ONCE (Q_STATUS, MALFORM ("empty")), NO_STREAM }, NULL,
    TRUE, FALSE, END_LOST_CONTACT, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, TRUE, JOBS_ONE, NULL },
  { "training-failed-with-logs", "running",
    { OUTCOME ("{\"fail_after_ms\":100,\"error\":\"Runner disconnected\",\"error_type\":\"runner_disconnected\","
               "\"logs\":[\"Preprocessing 10 images\",\"{\\\"traceback\\\": \\\"RuntimeError: CUDA out of memory\\\"}\"],"
               "\"result_status\":500,\"result_body\":{\"detail\":\"Runner disconnected\"}}") },
    NULL, TRUE, FALSE, END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_FAILED, FALSE, JOBS_ONE,
    "Runner disconnected", "CUDA out of memory" },

  /* Result: Q GET …/requests/<id>. */
  { "result-429-retry-after", "result", { ONCE (Q_RESULT, R429) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "result-502-html-once", "result", { ONCE (Q_RESULT, R502) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "result-503-once", "result", { ONCE (Q_RESULT, R503) }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "result-500-once", "result", { ONCE (Q_RESULT, R500) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_FAILED, TRUE, JOBS_ONE, "Internal Server Error" },
  { "result-504-user-timeout", "result", { ONCE (Q_RESULT, R504_USER) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_TIMEOUT, TRUE, JOBS_ONE, NULL },
  { "result-malformed-truncate", "result", { ONCE (Q_RESULT, MALFORM ("truncate")) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, TRUE, JOBS_ONE, NULL },
  { "result-malformed-not-json", "result", { ONCE (Q_RESULT, MALFORM ("not_json")) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, TRUE, JOBS_ONE, NULL },
  { "result-malformed-content-type", "result", { ONCE (Q_RESULT, MALFORM ("wrong_content_type")) }, NULL,
    TRUE, FALSE, END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, TRUE, JOBS_ONE, NULL },
  { "result-malformed-empty", "result", { ONCE (Q_RESULT, MALFORM ("empty")) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_MALFORMED, TRUE, JOBS_ONE, NULL },
  /* The status said COMPLETED with compute time, so fal billed the run. */
  { "result-422-list", "result", { ONCE (Q_RESULT, R422_LIST) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_VALIDATION, TRUE, JOBS_ONE, "steps: Input should be less than or equal to 10000" },
  { "result-422-string", "result", { ONCE (Q_RESULT, R422_STRING) }, NULL, TRUE, FALSE,
    END_FAILED, DOMAIN_FAL, LK_FAL_ERROR_VALIDATION, TRUE, JOBS_ONE, "Images are too small" },

  /* Download: C GET. */
  { "download-normal", "download", { NULL }, NULL, FALSE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
  { "download-throttled", "download", { ALWAYS (C_GET, "{\"throttle_bps\":40000}") }, NULL, TRUE, FALSE,
    END_DONE, DOMAIN_NONE, 0, TRUE, JOBS_ONE, NULL },
};

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
                                        "{\"timing\":{\"queue_ms\":60,\"progress_ms\":300,"
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

static void
failed_count_cb (LkJob        *job,
                 const GError *error,
                 guint        *count)
{
  g_assert_nonnull (error);
  (*count)++;
}

static LkJob *
add_job (Fixture *f)
{
  g_autoptr(GFile) source = g_file_new_for_path (dataset_dir);
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkJob *job;

  record = lk_job_manager_build_record (f->manager, FAST, NULL, NULL, &source, 1, NULL, &error);
  g_assert_no_error (error);
  lk_job_manager_add_async (f->manager, record, NULL, job_fixture_result_cb, &result);
  job = lk_job_manager_add_finish (f->manager, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  return job;
}

/* How many logged requests the rule @id answered. */
static guint
count_fired (Fixture    *f,
             const char *id)
{
  g_autofree char *json = lk_fake_fal_dup_requests_json (f->fake);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *array = NULL;
  guint count = 0;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root))
    array = json_object_get_array_member (json_node_get_object (root), "requests");
  g_assert_nonnull (array);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "fault", NULL), id) == 0)
        count++;
    }
  return count;
}

static guint
count_requests (Fixture    *f,
                const char *listener,
                const char *method,
                const char *path)
{
  g_autofree char *json = lk_fake_fal_dup_requests_json (f->fake);

  return job_fixture_count_requests (json, listener, method, path);
}

/* A new manager on the same store, as a restarted process: the job fal
 * knows is followed again, until it stops. */
static LkJob *
reattach (Fixture *f,
          LkJob   *old)
{
  g_autoptr(LkJobManager) second = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = lk_job_get_id (old);
  gboolean stopped = FALSE;
  LkJob *again;

  g_object_unref (old);
  second = lk_job_manager_new (f->client, f->store);
  lk_job_manager_set_download_folder (second, f->models);
  lk_job_manager_load_async (second, TRUE, NULL, job_fixture_result_cb, &result);
  loaded = lk_job_manager_load_finish (second, job_fixture_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  again = g_object_ref (g_ptr_array_index (loaded, 0));
  g_assert_cmpint (lk_job_get_id (again), ==, id);
  g_assert_true (lk_job_get_active (again));
  g_signal_connect (again, "stopped", G_CALLBACK (job_fixture_set_flag_cb), &stopped);
  job_fixture_iterate_until (&stopped);
  return again;
}

static void
test_row (gconstpointer data)
{
  const Row *row = data;
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jobs_json = NULL;
  g_autofree char *first_rule = NULL;
  const GError *job_error;
  gboolean stopped = FALSE;
  guint failed = 0;
  guint n_records = 0;
  guint n_jobs;
  guint submits;
  gint64 start = g_get_monotonic_time ();

  fixture_setup (f, NULL);

  if (row->config != NULL)
    g_assert_true (lk_fake_fal_configure (f->fake, row->config));
  for (guint i = 0; i < G_N_ELEMENTS (row->rules) && row->rules[i] != NULL; i++)
    {
      char *id = lk_fake_fal_add_fault (f->fake, row->rules[i]);

      g_assert_nonnull (id);
      if (i == 0)
        first_rule = id;
      else
        g_free (id);
    }
  if (row->stall_tunable)
    _lk_fal_client_set_stall_timeout_ms (f->client, STALL_MS);

  job = add_job (f);
  g_signal_connect (job, "failed", G_CALLBACK (failed_count_cb), &failed);
  g_signal_connect (job, "stopped", G_CALLBACK (job_fixture_set_flag_cb), &stopped);
  lk_job_start (job);
  job_fixture_iterate_until (&stopped);

  g_test_message ("%s (%s): phase %d, billed %d, reason %s, error %s:%d, %.2f s", row->name, row->phase,
                  lk_job_get_phase (job), lk_job_get_billed (job),
                  lk_job_get_failure_reason (job) ? lk_job_get_failure_reason (job) : "(none)",
                  lk_job_get_error (job) ? g_quark_to_string (lk_job_get_error (job)->domain) : "-",
                  lk_job_get_error (job) ? lk_job_get_error (job)->code : 0,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  /* The fault really hit the phase it is meant for. */
  if (row->must_fire)
    g_assert_cmpuint (count_fired (f, first_rule), >=, 1);

  if (row->end == END_LOST_CONTACT)
    {
      job_error = lk_job_get_error (job);
      g_assert_true (lk_job_get_phase (job) == LK_JOB_PHASE_QUEUED ||
                     lk_job_get_phase (job) == LK_JOB_PHASE_RUNNING);
      g_assert_cmpuint (failed, ==, 0);
      g_assert_null (lk_job_get_failure_reason (job));
      g_assert_nonnull (job_error);
      g_assert_error ((GError *) job_error, LK_FAL_ERROR, row->code);
      g_assert_nonnull (lk_job_get_status_text (job));
      g_assert_nonnull (strstr (lk_job_get_status_text (job), job_error->message));
      g_assert_false (lk_job_get_billed (job));
      record = lk_job_store_get_sync (f->store, lk_job_get_id (job), NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (record->phase, ==, lk_job_get_phase (job));
      g_assert_nonnull (record->request_id);
      g_clear_pointer (&record, lk_job_record_unref);

      /* Attached again, as a new process would: it ends. */
      job = reattach (f, job);
      g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);
    }
  else if (row->end == END_DONE)
    {
      g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);
      g_assert_cmpuint (failed, ==, 0);
      g_assert_null (lk_job_get_failure_reason (job));
    }
  else
    {
      const char *reason = lk_job_get_failure_reason (job);

      job_error = lk_job_get_error (job);
      g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_FAILED);
      g_assert_cmpuint (failed, ==, 1);
      g_assert_nonnull (reason);
      g_assert_cmpstr (reason, !=, "");
      g_assert_true (g_utf8_validate (reason, -1, NULL));
      if (row->reason_part != NULL)
        g_assert_nonnull (strstr (reason, row->reason_part));
      g_assert_nonnull (job_error);
      if (row->domain == DOMAIN_FAL)
        g_assert_error ((GError *) job_error, LK_FAL_ERROR, row->code);
    }
  g_assert_cmpint (lk_job_get_billed (job), ==, row->billed);

  /* The store: one record for this job, the same phase and flag. */
  all = lk_job_store_list_sync (f->store, LK_JOB_LIST_ALL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      LkJobRecord *r = g_ptr_array_index (all, i);

      if (r->id == lk_job_get_id (job))
        n_records++;
    }
  g_assert_cmpuint (n_records, ==, 1);
  g_assert_cmpuint (all->len, ==, 1);
  record = lk_job_store_get_sync (f->store, lk_job_get_id (job), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->phase, ==, lk_job_get_phase (job));
  g_assert_cmpint (record->billed, ==, row->billed);
  g_assert_cmpstr (record->failure_reason, ==, lk_job_get_failure_reason (job));
  if (row->log_part != NULL)
    g_assert_nonnull (strstr (record->log_tail, row->log_part));

  /* The fake: never two jobs, never two accepted submits. */
  jobs_json = lk_fake_fal_dup_jobs_json (f->fake);
  n_jobs = job_fixture_count_jobs (jobs_json, NULL);
  g_assert_cmpuint (n_jobs, <=, 1);
  if (row->jobs == JOBS_ONE)
    {
      g_assert_cmpuint (n_jobs, ==, 1);
      g_assert_nonnull (record->request_id);
    }
  else if (row->jobs == JOBS_NONE)
    {
      g_assert_cmpuint (n_jobs, ==, 0);
      g_assert_null (record->request_id);
    }
  submits = count_requests (f, "Q", "POST", "/" FAST);
  if (g_str_has_prefix (row->name, "submit-") && row->end == END_DONE &&
      strstr (row->name, "malformed") == NULL)
    g_assert_cmpuint (submits, ==, 2);   /* the refused one and its retry */
  else
    g_assert_cmpuint (submits, <=, 1);

  /* No key where it does not belong. */
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (f->fake), ==, 0);

  fixture_teardown (f, NULL);
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Loopback only: no proxy lookup (which would need GSettings). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  tmp = g_dir_make_tmp ("likeness-test-job-faults-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  dataset_dir = job_fixture_make_dataset (tmp, 10, 256);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/likeness/job-faults/%s/%s", rows[i].phase, rows[i].name);

      g_test_add_data_func (path, &rows[i], test_row);
    }

  ret = g_test_run ();
  rm_rf (tmp);
  g_free (dataset_dir);
  return ret;
}
