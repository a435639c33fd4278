/* test-fal-client.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue calls against the fake fal service: the happy path, every
 * fault of protocol §8.3 that concerns them, and cancellation.
 */

#include "config.h"

#include <string.h>

#include "fal-test-common.h"

#define add_test(path, func) \
  g_test_add ("/likeness/fal-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static void
assert_no_duplicate_logs (Fixture *fixture)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < fixture->logs->len; i++)
    {
      const char *identity = g_ptr_array_index (fixture->logs, i);

      if (!g_hash_table_add (seen, (gpointer) identity))
        g_error ("log entry reported twice: %s", identity);
    }
}

static gboolean
logs_contain (Fixture    *fixture,
              const char *needle)
{
  for (guint i = 0; i < fixture->logs->len; i++)
    if (strstr (g_ptr_array_index (fixture->logs, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_full_run (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalStatus) initial = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) submits = NULL;
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GPtrArray) downloads = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *stream_path = NULL;
  JsonObject *weights;
  JsonObject *submit;

  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, &initial, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  g_assert_cmpstr (lk_fal_request_get_endpoint_id (request), ==, FAST_TRAINER);
  g_assert_nonnull (lk_fal_request_get_status_url (request));
  g_assert_nonnull (lk_fal_request_get_response_url (request));
  g_assert_nonnull (lk_fal_request_get_cancel_url (request));
  g_assert_cmpint (lk_fal_status_get_state (initial), ==, LK_FAL_STATE_IN_QUEUE);
  g_assert_cmpint (lk_fal_status_get_queue_position (initial), >=, 0);

  result = run_to_result (fixture, request);
  g_assert_cmpuint (fixture->statuses->len, >=, 2);
  g_assert_true (logs_contain (fixture, "Preprocessing"));
  g_assert_true (logs_contain (fixture, "Saving LoRA weights"));
  assert_no_duplicate_logs (fixture);

  weights = json_object_get_object_member (result, "diffusers_lora_file");
  g_assert_nonnull (weights);

  destination = g_file_new_build_filename (g_get_user_data_dir (), "lora.safetensors", NULL);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture_download (fixture, json_object_get_string_member (weights, "url"), destination,
                    json_object_get_int_member (weights, "file_size"), NULL, &error);
  g_assert_no_error (error);
  info = g_file_query_info (destination, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_file_info_get_size (info), ==, json_object_get_int_member (weights, "file_size"));
  g_assert_cmpint (fixture->progress_done, ==, g_file_info_get_size (info));

  /* What went over the wire. */
  log = fixture_requests (fixture);
  submits = requests_matching (log, "Q", "POST", "/" FAST_TRAINER);
  g_assert_cmpuint (submits->len, ==, 1);
  submit = g_ptr_array_index (submits, 0);
  g_assert_cmpstr (json_object_get_string_member (submit, "auth"), ==, "present");
  g_assert_cmpstr (json_object_get_string_member (submit, "auth_scheme"), ==, "Key");
  g_assert_cmpstr (request_header (submit, "x-fal-queue-priority"), ==, "normal");
  g_assert_true (g_str_has_prefix (request_header (submit, "content-type"), "application/json"));
  g_assert_true (g_str_has_prefix (request_header (submit, "user-agent"), "Likeness/"));

  stream_path = g_strdup_printf ("/" FAST_TRAINER "/requests/%s/status/stream",
                                 lk_fal_request_get_request_id (request));
  streams = requests_matching (log, "Q", "GET", stream_path);
  g_assert_cmpuint (streams->len, >=, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (streams, 0), "query"), ==, "logs=1");
  g_assert_cmpstr (request_header (g_ptr_array_index (streams, 0), "accept"), ==, "text/event-stream");

  downloads = requests_matching (log, "C", "GET", NULL);
  g_assert_cmpuint (downloads->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (downloads, 0), "auth"), ==, "absent");
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (fixture->fake), ==, 0);
}

static void
test_status_poll (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(LkFalStatus) done = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) polls = NULL;

  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  status = fixture_status (fixture, request, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_fal_status_get_state (status), !=, LK_FAL_STATE_COMPLETED);
  g_assert_cmpuint (lk_fal_status_get_logs (status)->len, ==, 0);

  g_assert_true (lk_fake_fal_steer_job (fixture->fake, lk_fal_request_get_request_id (request),
                                        "{\"advance\":\"COMPLETED\"}"));
  done = fixture_status (fixture, request, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_fal_status_get_state (done), ==, LK_FAL_STATE_COMPLETED);
  g_assert_false (lk_fal_status_is_failed (done));

  log = fixture_requests (fixture);
  polls = requests_matching (log, "Q", "GET", "*/status");
  g_assert_cmpuint (polls->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (polls, 0), "query"), ==, "logs=0");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (polls, 1), "query"), ==, "logs=1");
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (polls, 0), "status"), ==, 202);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (polls, 1), "status"), ==, 200);
}

static void
test_webhook (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) submits = NULL;

  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, "https://example.org/hook?x=1",
                            NULL, NULL, &error);
  g_assert_no_error (error);

  log = fixture_requests (fixture);
  submits = requests_matching (log, "Q", "POST", NULL);
  g_assert_cmpuint (submits->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (submits, 0), "query"), ==,
                   "fal_webhook=https%3A%2F%2Fexample.org%2Fhook%3Fx%3D1");
}

static void
test_path_endpoint (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalRequest) rebuilt = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) polls = NULL;
  g_autofree char *path = NULL;

  request = fixture_submit (fixture, "fal-ai/flux-pro/v1.1-ultra-finetuned",
                            "{\"prompt\":\"a TOK portrait\",\"finetune_id\":\"ft-1\","
                            "\"finetune_strength\":1.0}",
                            NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Without stored URLs the client rebuilds them at owner/alias. */
  rebuilt = lk_fal_request_new ("fal-ai/flux-pro/v1.1-ultra-finetuned",
                                lk_fal_request_get_request_id (request), NULL, NULL, NULL);
  status = fixture_status (fixture, rebuilt, TRUE, &error);
  g_assert_no_error (error);

  result = run_to_result (fixture, rebuilt);
  g_assert_nonnull (json_object_get_array_member (result, "images"));

  log = fixture_requests (fixture);
  path = g_strdup_printf ("/fal-ai/flux-pro/requests/%s/status",
                          lk_fal_request_get_request_id (request));
  polls = requests_matching (log, "Q", "GET", path);
  g_assert_cmpuint (polls->len, >=, 1);
}

static void
test_result_in_progress (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *fault = NULL;

  fault = fixture_add_fault (fixture, "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                                      "\"action\":{\"outcome\":{\"queue_ms\":600000,"
                                      "\"queue_position_start\":25}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  result = fixture_result (fixture, request, &error);
  g_assert_null (result);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_STILL_IN_PROGRESS);
}

static void
test_cancel_queued (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) final = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *fault = NULL;
  LkFalCancelOutcome outcome = LK_FAL_CANCEL_ALREADY_COMPLETED;

  fault = fixture_add_fault (fixture, "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                                      "\"action\":{\"outcome\":{\"queue_ms\":600000}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (fixture_cancel (fixture, request, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, LK_FAL_CANCEL_ACCEPTED);

  final = fixture_watch (fixture, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lk_fal_status_is_failed (final));
  g_assert_cmpstr (lk_fal_status_get_error_type (final), ==, "client_cancelled");

  result = fixture_result (fixture, request, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_CANCELLED);
}

static void
test_cancel_outcomes (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalRequest) unknown = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *fault = NULL;
  LkFalCancelOutcome outcome = LK_FAL_CANCEL_ACCEPTED;

  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  result = run_to_result (fixture, request);

  /* Completed: not an error, the caller should use the result. */
  g_assert_true (fixture_cancel (fixture, request, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, LK_FAL_CANCEL_ALREADY_COMPLETED);

  unknown = lk_fal_request_new (FAST_TRAINER, "00000000-0000-4000-8000-000000000000",
                                NULL, NULL, NULL);
  g_assert_false (fixture_cancel (fixture, unknown, &outcome, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A 200 answer (some mirrors) is as good as 202. */
  fixture_configure (fixture, "{\"cancel_ok_code\":200}");
  g_clear_pointer (&request, lk_fal_request_unref);
  fault = fixture_add_fault (fixture, "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                                      "\"action\":{\"outcome\":{\"queue_ms\":600000}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fixture_cancel (fixture, request, &outcome, &error));
  g_assert_cmpint (outcome, ==, LK_FAL_CANCEL_ACCEPTED);
}

static void
test_cancel_running_ignored (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) final = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *fault = NULL;
  LkFalCancelOutcome outcome = LK_FAL_CANCEL_ALREADY_COMPLETED;

  /* The app may ignore the cancel signal and finish normally. */
  fault = fixture_add_fault (fixture, "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                                      "\"action\":{\"outcome\":{\"ignore_cancel\":true}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lk_fake_fal_steer_job (fixture->fake, lk_fal_request_get_request_id (request),
                                        "{\"advance\":\"IN_PROGRESS\"}"));

  g_assert_true (fixture_cancel (fixture, request, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, LK_FAL_CANCEL_ACCEPTED);

  /* Completion is declared only on COMPLETED, and here it succeeded. */
  final = fixture_watch (fixture, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (lk_fal_status_is_failed (final));
  result = fixture_result (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_object_get_object_member (result, "diffusers_lora_file"));
}

static void
test_keys (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  guint n_before;

  g_assert_true (fixture_check_key (fixture, &error));
  g_assert_no_error (error);

  lk_fal_client_set_key (fixture->client, "nobody:nothing");
  g_assert_false (fixture_check_key (fixture, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_null (request);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  lk_fal_client_set_key (fixture->client, "no-colon-here");
  g_assert_false (fixture_check_key (fixture, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_INVALID_KEY_FORMAT);
  g_clear_error (&error);

  /* No key: fails before anything is sent. */
  lk_fal_client_set_key (fixture->client, NULL);
  n_before = lk_fake_fal_get_n_requests (fixture->fake);
  g_assert_false (fixture_check_key (fixture, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY);
  g_clear_error (&error);
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY);
  g_assert_cmpuint (lk_fake_fal_get_n_requests (fixture->fake), ==, n_before);
}

static void
test_locked_account (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) status = NULL;

  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The balance runs out mid-session. */
  fixture_configure (fixture, "{\"keys\":{\"" LK_FAKE_FAL_KEY "\":\"exhausted_balance\"}}");
  g_assert_null (fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED);
  g_assert_true (g_str_has_prefix (error->message, "API quota exceeded"));
  g_clear_error (&error);
  g_assert_false (fixture_check_key (fixture, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED);
  g_clear_error (&error);

  /* Following a running job still works. */
  status = fixture_status (fixture, request, TRUE, &error);
  g_assert_no_error (error);

  fixture_configure (fixture, "{\"keys\":{\"" LK_FAKE_FAL_KEY "\":\"admin_lock\"}}");
  g_assert_false (fixture_check_key (fixture, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED);
  g_assert_nonnull (strstr (error->message, "support@fal.ai"));
}

static void
test_unknown_app (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;

  request = fixture_submit (fixture, "fal-ai/does-not-exist", "{}", NULL, NULL, NULL, &error);
  g_assert_null (request);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  fixture_configure (fixture, "{\"apps\":{\"" FAST_TRAINER "\":{\"state\":\"deprecated\"}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  request = fixture_submit (fixture, "not an id", "{}", NULL, NULL, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  request = fixture_submit (fixture, FAST_TRAINER, "[1,2]", NULL, NULL, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION);
}

static guint
count_submits (Fixture *fixture)
{
  g_autoptr(JsonArray) log = fixture_requests (fixture);
  g_autoptr(GPtrArray) submits = requests_matching (log, "Q", "POST", "/" FAST_TRAINER);

  return submits->len;
}

static void
submit_with_fault (Fixture    *fixture,
                   const char *action,
                   guint       times,
                   GError    **error,
                   gint64     *elapsed_ms)
{
  g_autofree char *rule = g_strdup_printf ("{\"match\":{\"listener\":\"Q\",\"method\":\"POST\"},"
                                           "\"times\":%u,\"action\":%s}", times, action);
  g_autofree char *fault = fixture_add_fault (fixture, rule);
  g_autoptr(LkFalRequest) request = NULL;
  gint64 start = g_get_monotonic_time ();

  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, error);
  *elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_true ((request != NULL) == (*error == NULL));
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  submit_with_fault (fixture,
                     "{\"respond\":{\"status\":429,\"headers\":{\"Retry-After\":\"2\","
                     "\"X-Fal-Needs-Retry\":\"1\"},\"body\":{\"detail\":[{\"loc\":[\"body\"],"
                     "\"msg\":\"Too many concurrent requests\",\"type\":\"concurrent_requests_limit\"}]}}}",
                     1, &error, &elapsed);
  g_assert_no_error (error);
  g_assert_cmpint (elapsed, >=, 2000);
  g_assert_cmpuint (count_submits (fixture), ==, 2);
}

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  /* A wait this long is left to the user. */
  submit_with_fault (fixture,
                     "{\"respond\":{\"status\":429,\"headers\":{\"Retry-After\":\"3600\"},"
                     "\"body\":{\"detail\":\"Too many\"}}}", 1, &error, &elapsed);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==, "Request limit exceeded, try again later");
  g_assert_cmpuint (count_submits (fixture), ==, 1);
}

static void
test_500_not_retried (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  submit_with_fault (fixture,
                     "{\"respond\":{\"status\":500,\"body\":{\"detail\":\"Internal Server Error\","
                     "\"error_type\":\"internal_error\"}}}", 1, &error, &elapsed);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_SERVER);
  g_assert_cmpuint (count_submits (fixture), ==, 1);
}

static void
test_503_retried (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  submit_with_fault (fixture,
                     "{\"respond\":{\"status\":503,\"body\":{\"detail\":\"No runner\","
                     "\"error_type\":\"runner_scheduling_failure\"}}}", 1, &error, &elapsed);
  g_assert_no_error (error);
  g_assert_cmpint (elapsed, >=, 750);
  g_assert_cmpuint (count_submits (fixture), ==, 2);
}

static void
test_html_502_retried (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  submit_with_fault (fixture,
                     "{\"respond\":{\"status\":502,\"headers\":{\"Content-Type\":\"text/html\"},"
                     "\"raw\":\"<html>nginx</html>\",\"omit_request_id\":true}}", 1, &error, &elapsed);
  g_assert_no_error (error);
  g_assert_cmpuint (count_submits (fixture), ==, 2);
}

static void
test_retries_exhausted (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  /* Three retries (≈ 1 + 2 + 4 s), then the 502 is reported. */
  submit_with_fault (fixture,
                     "{\"respond\":{\"status\":502,\"headers\":{\"Content-Type\":\"text/html\"},"
                     "\"raw\":\"<html>nginx</html>\",\"omit_request_id\":true}}", 10, &error, &elapsed);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_SERVER);
  g_assert_cmpuint (count_submits (fixture), ==, 4);
  g_assert_cmpint (elapsed, >=, 5250);
}

static void
test_user_timeout (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  submit_with_fault (fixture,
                     "{\"respond\":{\"status\":504,\"headers\":{\"x-fal-request-timeout-type\":\"user\"},"
                     "\"body\":{\"detail\":\"Request timed out\",\"error_type\":\"request_timeout\"}}}",
                     1, &error, &elapsed);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_TIMEOUT);
  g_assert_cmpuint (count_submits (fixture), ==, 1);
}

static void
test_network_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autofree char *url = NULL;
  g_autoptr(LkFalRequest) request = NULL;

  /* A port that was just free: nothing listens there once closed. */
  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_socket_listener_close (listener);

  lk_fal_client_set_queue_url (fixture->client, url);
  request = lk_fal_request_new (FAST_TRAINER, "r1", NULL, NULL, NULL);
  {
    g_autoptr(LkFalStatus) status = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    /* Cancel uses 3 retries (≈ 7 s); status has 5. Cancel is quicker. */
    lk_fal_client_cancel_async (fixture->client, request, NULL, fixture_result_cb, fixture);
    result = fixture_wait (fixture);
    g_assert_false (lk_fal_client_cancel_finish (fixture->client, result, NULL, &error));
    g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NETWORK);
  }
}

static void
test_stream_faults (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *actions[] = {
    "{\"sse\":{\"drop_after_events\":2}}",
    "{\"sse\":{\"cut_mid_event\":true}}",
    "{\"respond\":{\"status\":503,\"body\":{\"detail\":\"busy\"}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkFalRequest) request = NULL;
      g_autoptr(LkFalStatus) final = NULL;
      g_autoptr(JsonArray) log = NULL;
      g_autoptr(GPtrArray) polls = NULL;
      g_autoptr(GPtrArray) streams = NULL;
      g_autofree char *rule = NULL;
      g_autofree char *fault = NULL;

      g_test_message ("stream fault %s", actions[i]);
      lk_fake_fal_reset (fixture->fake);
      fixture_configure (fixture,
                         "{\"timing\":{\"queue_ms\":100,\"progress_ms\":600,\"log_interval_ms\":50}}");
      g_ptr_array_set_size (fixture->logs, 0);
      g_ptr_array_set_size (fixture->statuses, 0);

      rule = g_strdup_printf ("{\"match\":{\"listener\":\"Q\",\"path\":\"*/status/stream\"},"
                              "\"times\":1,\"action\":%s}", actions[i]);
      fault = fixture_add_fault (fixture, rule);

      request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      final = fixture_watch (fixture, request, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (lk_fal_status_get_state (final), ==, LK_FAL_STATE_COMPLETED);
      g_assert_false (lk_fal_status_is_failed (final));
      g_assert_true (logs_contain (fixture, "Saving LoRA weights"));
      assert_no_duplicate_logs (fixture);

      /* It fell back to a poll, then opened the stream again. */
      log = fixture_requests (fixture);
      polls = requests_matching (log, "Q", "GET", "*/status");
      streams = requests_matching (log, "Q", "GET", "*/status/stream");
      g_assert_cmpuint (polls->len, >=, 1);
      g_assert_cmpuint (streams->len, >=, 2);
    }
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *kinds[] = { "truncate", "not_json", "wrong_content_type", "empty" };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;

  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *rule = g_strdup_printf ("{\"match\":{\"listener\":\"Q\",\"method\":\"GET\","
                                               "\"path\":\"*/status\"},\"times\":1,"
                                               "\"action\":{\"malform\":\"%s\"}}", kinds[i]);
      g_autofree char *submit_rule = g_strdup_printf ("{\"match\":{\"listener\":\"Q\","
                                                      "\"method\":\"POST\"},\"times\":1,"
                                                      "\"action\":{\"malform\":\"%s\"}}", kinds[i]);
      g_autofree char *fault = fixture_add_fault (fixture, rule);
      g_autofree char *submit_fault = fixture_add_fault (fixture, submit_rule);
      g_autoptr(LkFalStatus) status = NULL;
      g_autoptr(LkFalRequest) other = NULL;

      g_test_message ("malform %s", kinds[i]);
      status = fixture_status (fixture, request, TRUE, &error);
      g_assert_null (status);
      g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED);
      g_clear_error (&error);

      /* fal has queued this one: x-fal-request-id names it, and it is
       * followed from its id with rebuilt URLs. */
      other = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (other);
      g_assert_cmpstr (lk_fal_request_get_request_id (other), !=, "");
      g_assert_null (lk_fal_request_get_status_url (other));
      g_clear_object (&status);
      status = fixture_status (fixture, other, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (lk_fal_status_get_request_id (status), ==, lk_fal_request_get_request_id (other));
    }

  /* Without the header there is nothing to follow. */
  {
    g_autofree char *fault = fixture_add_fault (fixture,
                                                "{\"match\":{\"listener\":\"Q\",\"method\":\"POST\"},"
                                                "\"times\":1,\"action\":{\"respond\":{\"status\":200,"
                                                "\"headers\":{\"Content-Type\":\"application/json\"},"
                                                "\"raw\":\"{\\\"status\\\":\",\"omit_request_id\":true}}}");
    g_autoptr(LkFalRequest) other = NULL;

    other = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
    g_assert_null (other);
    g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED);
    g_clear_error (&error);
  }
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(LkFalStatus) final = NULL;
  g_autofree char *list = NULL;
  g_autofree char *string = NULL;
  g_autofree char *outcome = NULL;

  list = fixture_add_fault (fixture,
                            "{\"match\":{\"listener\":\"Q\",\"method\":\"POST\"},\"times\":1,"
                            "\"action\":{\"respond\":{\"status\":422,\"body\":{\"detail\":[{\"loc\":"
                            "[\"body\",\"steps\"],\"msg\":\"Input should be less than or equal to 10000\","
                            "\"type\":\"less_than_equal\",\"ctx\":{\"le\":10000}}]}}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "steps: Input should be less than or equal to 10000"));
  g_clear_error (&error);

  string = fixture_add_fault (fixture,
                              "{\"match\":{\"listener\":\"Q\",\"method\":\"POST\"},\"times\":1,"
                              "\"action\":{\"respond\":{\"status\":422,\"body\":{\"detail\":"
                              "\"images_data_url is not a ZIP\"}}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "images_data_url is not a ZIP"));
  g_clear_error (&error);

  /* The real path: accepted at submit, rejected at result. */
  outcome = fixture_add_fault (fixture,
                               "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                               "\"action\":{\"outcome\":{\"result_status\":422,\"result_body\":"
                               "{\"detail\":[{\"loc\":[\"body\",\"trigger_word\"],\"msg\":\"Too long\","
                               "\"type\":\"string_too_long\"}]}}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  final = fixture_watch (fixture, request, NULL, &error);
  g_assert_no_error (error);
  result = fixture_result (fixture, request, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "trigger_word: Too long"));
}

static void
test_failed_training (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) final = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *fault = NULL;

  fault = fixture_add_fault (fixture,
                             "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                             "\"action\":{\"outcome\":{\"fail_after_ms\":300,\"error\":\"Runner disconnected\","
                             "\"error_type\":\"runner_disconnected\",\"logs\":[\"Preprocessing 3 images\","
                             "\"{\\\"traceback\\\": \\\"ValueError: not enough images\\\"}\"],"
                             "\"result_status\":500,\"result_body\":{\"detail\":\"not enough images\"}}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  final = fixture_watch (fixture, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lk_fal_status_is_failed (final));
  g_assert_cmpstr (lk_fal_status_get_error (final), ==, "Runner disconnected");
  g_assert_cmpstr (lk_fal_status_get_error_type (final), ==, "runner_disconnected");
  g_assert_true (logs_contain (fixture, "traceback"));
  assert_no_duplicate_logs (fixture);

  result = fixture_result (fixture, request, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Training error: not enough images");
}

static void
test_submit_in_progress (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) initial = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *fault = NULL;

  fault = fixture_add_fault (fixture, "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                                      "\"action\":{\"outcome\":{\"submit_status\":\"IN_PROGRESS\"}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, &initial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_fal_status_get_state (initial), ==, LK_FAL_STATE_IN_PROGRESS);
  g_assert_cmpint (lk_fal_status_get_queue_position (initial), ==, -1);
  result = run_to_result (fixture, request);
}

static void
test_response_url (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) fetches = NULL;
  g_autofree char *fault = NULL;

  fault = fixture_add_fault (fixture, "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                                      "\"action\":{\"outcome\":{\"response_url_suffix\":\"/response\"}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (lk_fal_request_get_response_url (request), "/response"));
  result = run_to_result (fixture, request);

  log = fixture_requests (fixture);
  fetches = requests_matching (log, "Q", "GET", "*/response");
  g_assert_cmpuint (fetches->len, ==, 1);
}

static void
test_result_expired (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) final = NULL;
  g_autoptr(JsonObject) result = NULL;

  fixture_configure (fixture, "{\"result_ttl_ms\":50}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  final = fixture_watch (fixture, request, NULL, &error);
  g_assert_no_error (error);
  fixture_iterate_ms (150);

  result = fixture_result (fixture, request, &error);
  g_assert_null (result);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND);
}

static void
test_proxy (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) submitted = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) proxied = NULL;
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(GPtrArray) downloads = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GFile) file = make_temp_file ("proxy.zip", 4096);
  g_autoptr(GFile) destination = g_file_new_build_filename (g_get_user_cache_dir (), "out.bin", NULL);
  g_autofree char *proxy = NULL;
  g_autofree char *file_url = NULL;
  LkFalCancelOutcome outcome;
  JsonObject *weights;
  gboolean saw_stream = FALSE;
  gboolean saw_initiate = FALSE;

  /* Real fal hosts behind a proxy: everything keyed goes to the proxy. */
  lk_fal_client_set_queue_url (fixture->client, NULL);
  lk_fal_client_set_rest_url (fixture->client, NULL);
  g_assert_cmpstr (lk_fal_client_get_queue_url (fixture->client), ==, LK_FAL_DEFAULT_QUEUE_URL);
  proxy = g_strconcat (lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_QUEUE), "/api/fal/proxy", NULL);
  lk_fal_client_set_proxy_url (fixture->client, proxy);

  g_assert_true (fixture_check_key (fixture, &error));
  g_assert_no_error (error);
  file_url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_no_error (error);

  submitted = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, "https://example.org/hook", NULL,
                              NULL, &error);
  g_assert_no_error (error);
  /* Behind a proxy the fake still answers with its own loopback URLs, which
   * a proxy's allow-list (rightly) refuses as targets; real fal returns
   * queue.fal.run URLs. Follow the request from its id, as when resuming. */
  request = lk_fal_request_new (FAST_TRAINER, lk_fal_request_get_request_id (submitted),
                                NULL, NULL, NULL);
  status = fixture_status (fixture, request, TRUE, &error);
  g_assert_no_error (error);
  result = run_to_result (fixture, request);
  g_assert_true (fixture_cancel (fixture, request, &outcome, &error));
  g_assert_cmpint (outcome, ==, LK_FAL_CANCEL_ALREADY_COMPLETED);

  weights = json_object_get_object_member (result, "diffusers_lora_file");
  fixture_download (fixture, json_object_get_string_member (weights, "url"), destination, -1,
                    NULL, &error);
  g_assert_no_error (error);

  log = fixture_requests (fixture);
  proxied = requests_matching (log, "Q", NULL, "/api/fal/proxy");
  g_assert_cmpuint (proxied->len, >=, 6);
  for (guint i = 0; i < proxied->len; i++)
    {
      JsonObject *request_record = g_ptr_array_index (proxied, i);
      const char *target = request_header (request_record, "x-fal-target-url");

      g_assert_nonnull (target);
      g_assert_true (g_str_has_prefix (target, "https://queue.fal.run/") ||
                     g_str_has_prefix (target, "https://rest.fal.ai/"));
      g_assert_cmpstr (json_object_get_string_member (request_record, "auth"), ==, "present");
      if (strstr (target, "/status/stream?logs=1") != NULL)
        saw_stream = TRUE;
      if (g_str_equal (target, "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3"))
        saw_initiate = TRUE;
      if (g_str_has_suffix (target, "/" FAST_TRAINER "?fal_webhook=https%3A%2F%2Fexample.org%2Fhook"))
        g_assert_cmpstr (request_header (request_record, "x-fal-queue-priority"), ==, "normal");
    }
  g_assert_true (saw_stream);
  g_assert_true (saw_initiate);

  /* Presigned PUT and CDN download went direct, without the key. */
  uploads = requests_matching (log, "U", NULL, NULL);
  downloads = requests_matching (log, "C", NULL, NULL);
  g_assert_cmpuint (uploads->len, ==, 1);
  g_assert_cmpuint (downloads->len, ==, 1);
  g_assert_null (request_header (g_ptr_array_index (uploads, 0), "x-fal-target-url"));
  g_assert_null (request_header (g_ptr_array_index (downloads, 0), "x-fal-target-url"));
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (fixture->fake), ==, 0);
  /* Nothing keyed went to the REST listener directly. */
  rest = requests_matching (log, "R", NULL, NULL);
  g_assert_cmpuint (rest->len, ==, 0);
}

static void
test_cancel_submit (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkFalRequest) request = NULL;

  lk_fal_client_submit_async (fixture->client, FAST_TRAINER, FAST_INPUT, NULL, cancellable,
                              fixture_result_cb, fixture);
  g_cancellable_cancel (cancellable);
  result = fixture_wait (fixture);
  request = lk_fal_client_submit_finish (fixture->client, result, NULL, &error);
  g_assert_null (request);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while waiting to retry a 503. */
  {
    g_autofree char *fault = fixture_add_fault (fixture,
      "{\"match\":{\"listener\":\"Q\",\"method\":\"POST\"},\"times\":5,"
      "\"action\":{\"respond\":{\"status\":503,\"body\":{\"detail\":\"busy\"}}}}");
    g_autoptr(GCancellable) later = g_cancellable_new ();
    g_autoptr(GAsyncResult) result2 = NULL;
    gint64 start = g_get_monotonic_time ();

    lk_fal_client_submit_async (fixture->client, FAST_TRAINER, FAST_INPUT, NULL, later,
                                fixture_result_cb, fixture);
    fixture_iterate_ms (200);
    g_cancellable_cancel (later);
    result2 = fixture_wait (fixture);
    g_assert_null (lk_fal_client_submit_finish (fixture->client, result2, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 700 * 1000);
  }
}

static void
test_cancel_watch (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) final = NULL;
  g_autofree char *fault = NULL;

  fault = fixture_add_fault (fixture, "{\"match\":{\"app\":\"" FAST_TRAINER "\"},\"times\":1,"
                                      "\"action\":{\"outcome\":{\"queue_ms\":600000}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->cancel_on_status = g_cancellable_new ();
  final = fixture_watch (fixture, request, fixture->cancel_on_status, &error);
  g_assert_null (final);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->statuses->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  /* The isolated XDG dirs hide the system's GSettings schemas, which GIO's
   * GNOME proxy resolver needs; the tests only talk to 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("queue/full-run", test_full_run);
  add_test ("queue/status-poll", test_status_poll);
  add_test ("queue/webhook", test_webhook);
  add_test ("queue/path-endpoint", test_path_endpoint);
  add_test ("queue/result-in-progress", test_result_in_progress);
  add_test ("queue/cancel-queued", test_cancel_queued);
  add_test ("queue/cancel-outcomes", test_cancel_outcomes);
  add_test ("queue/cancel-running-ignored", test_cancel_running_ignored);
  add_test ("errors/keys", test_keys);
  add_test ("errors/locked-account", test_locked_account);
  add_test ("errors/unknown-app", test_unknown_app);
  add_test ("errors/retry-after", test_retry_after);
  add_test ("errors/rate-limited", test_rate_limited);
  add_test ("errors/500-not-retried", test_500_not_retried);
  add_test ("errors/503-retried", test_503_retried);
  add_test ("errors/html-502-retried", test_html_502_retried);
  add_test ("errors/retries-exhausted", test_retries_exhausted);
  add_test ("errors/user-timeout", test_user_timeout);
  add_test ("errors/network-down", test_network_down);
  add_test ("errors/malformed", test_malformed);
  add_test ("errors/validation", test_validation);
  add_test ("errors/failed-training", test_failed_training);
  add_test ("stream/faults", test_stream_faults);
  add_test ("queue/submit-in-progress", test_submit_in_progress);
  add_test ("queue/response-url", test_response_url);
  add_test ("queue/result-expired", test_result_expired);
  add_test ("proxy/all-calls", test_proxy);
  add_test ("cancel/submit", test_cancel_submit);
  add_test ("cancel/watch", test_cancel_watch);

  return g_test_run ();
}
