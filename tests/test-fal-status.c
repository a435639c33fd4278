/* test-fal-status.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-error.h"
#include "lk-fal-status-private.h"

static LkFalStatus *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  LkFalStatus *status = _lk_fal_status_new_from_json (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static void
test_queued (void)
{
  g_autoptr(LkFalStatus) status =
    parse ("{\"status\":\"IN_QUEUE\",\"queue_position\":3,\"request_id\":\"r1\","
           "\"response_url\":\"http://q/a/b/requests/r1\","
           "\"status_url\":\"http://q/a/b/requests/r1/status\","
           "\"cancel_url\":\"http://q/a/b/requests/r1/cancel\",\"logs\":null}");

  g_assert_cmpint (lk_fal_status_get_state (status), ==, LK_FAL_STATE_IN_QUEUE);
  g_assert_cmpint (lk_fal_status_get_queue_position (status), ==, 3);
  g_assert_cmpstr (lk_fal_status_get_request_id (status), ==, "r1");
  g_assert_cmpuint (lk_fal_status_get_logs (status)->len, ==, 0);
  g_assert_cmpstr (_lk_fal_status_get_status_url (status), ==, "http://q/a/b/requests/r1/status");
  g_assert_cmpstr (_lk_fal_status_get_response_url (status), ==, "http://q/a/b/requests/r1");
  g_assert_cmpstr (_lk_fal_status_get_cancel_url (status), ==, "http://q/a/b/requests/r1/cancel");
  g_assert_false (lk_fal_status_is_failed (status));
  g_assert_cmpfloat (lk_fal_status_get_inference_time (status), ==, -1);
}

static void
test_in_progress_logs (void)
{
  g_autoptr(LkFalStatus) status =
    parse ("{\"status\":\"IN_PROGRESS\",\"queue_position\":2,\"logs\":["
           "{\"message\":\"Preprocessing 14 images\",\"level\":\"INFO\",\"source\":\"USER\","
           "\"timestamp\":\"2026-11-25T07:41:02.118Z\"},"
           "{\"message\":42},"
           "\"not an object\","
           "{\"message\":\"step 1\",\"level\":7}]}");
  GPtrArray *logs = lk_fal_status_get_logs (status);
  LkFalLog *log;

  g_assert_cmpint (lk_fal_status_get_state (status), ==, LK_FAL_STATE_IN_PROGRESS);
  /* Only queued requests have a position. */
  g_assert_cmpint (lk_fal_status_get_queue_position (status), ==, -1);
  g_assert_cmpuint (logs->len, ==, 2);
  log = g_ptr_array_index (logs, 0);
  g_assert_cmpstr (log->message, ==, "Preprocessing 14 images");
  g_assert_cmpstr (log->level, ==, "INFO");
  g_assert_cmpstr (log->source, ==, "USER");
  g_assert_cmpstr (log->timestamp, ==, "2026-11-25T07:41:02.118Z");
  log = g_ptr_array_index (logs, 1);
  g_assert_cmpstr (log->message, ==, "step 1");
  g_assert_null (log->level);
}

static void
test_completed (void)
{
  g_autoptr(LkFalStatus) ok =
    parse ("{\"status\":\"COMPLETED\",\"logs\":[],\"metrics\":{\"inference_time\":842.3}}");
  g_autoptr(LkFalStatus) failed =
    parse ("{\"status\":\"COMPLETED\",\"metrics\":{},\"error\":\"Runner disconnected\","
           "\"error_type\":\"runner_disconnected\"}");
  g_autoptr(LkFalStatus) legacy = parse ("{\"status\":\"COMPLETED\",\"metrics\":{\"inference_time\":null}}");

  g_assert_cmpint (lk_fal_status_get_state (ok), ==, LK_FAL_STATE_COMPLETED);
  g_assert_cmpfloat_with_epsilon (lk_fal_status_get_inference_time (ok), 842.3, 1e-9);
  g_assert_false (lk_fal_status_is_failed (ok));

  g_assert_true (lk_fal_status_is_failed (failed));
  g_assert_cmpstr (lk_fal_status_get_error (failed), ==, "Runner disconnected");
  g_assert_cmpstr (lk_fal_status_get_error_type (failed), ==, "runner_disconnected");

  g_assert_cmpfloat (lk_fal_status_get_inference_time (legacy), ==, -1);
}

static void
test_unknown_state (void)
{
  g_autoptr(LkFalStatus) status = parse ("{\"status\":\"SOMETHING_NEW\",\"extra\":[1,2]}");

  g_assert_cmpint (lk_fal_status_get_state (status), ==, LK_FAL_STATE_UNKNOWN);
}

static void
test_malformed (void)
{
  const char *bad[] = {
    "",
    "{",
    "[]",
    "null",
    "\"IN_QUEUE\"",
    "{\"status\":3}",
    "{\"status\":null}",
    "{\"queue_position\":1}",
    "{\"status\":\"IN_QUEUE\"", /* truncated */
    "<html>nginx</html>",
    "{\"status\":\"\xff\xfe\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkFalStatus) status = _lk_fal_status_new_from_json (bad[i], strlen (bad[i]), &error);

      g_assert_null (status);
      g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED);
    }
}

static void
test_wrong_types (void)
{
  /* Every member of the wrong type is ignored rather than trusted. */
  g_autoptr(LkFalStatus) status =
    parse ("{\"status\":\"IN_QUEUE\",\"queue_position\":\"3\",\"request_id\":5,"
           "\"logs\":{\"message\":\"x\"},\"metrics\":[1],\"error\":false,\"status_url\":[]}");

  g_assert_cmpint (lk_fal_status_get_queue_position (status), ==, -1);
  g_assert_null (lk_fal_status_get_request_id (status));
  g_assert_cmpuint (lk_fal_status_get_logs (status)->len, ==, 0);
  g_assert_null (lk_fal_status_get_error (status));
  g_assert_null (_lk_fal_status_get_status_url (status));
}

static guint
n_logs_after_filter (LkFalLogDedup *dedup,
                     const char    *json)
{
  g_autoptr(LkFalStatus) status = parse (json);
  g_autoptr(LkFalStatus) fresh = _lk_fal_log_dedup_filter (dedup, status);

  g_assert_cmpint (lk_fal_status_get_state (fresh), ==, lk_fal_status_get_state (status));
  return lk_fal_status_get_logs (fresh)->len;
}

static void
test_dedup_window (void)
{
  g_autoptr(LkFalLogDedup) dedup = _lk_fal_log_dedup_new ();

  /* A sliding window: [a b c], then [b c d], then [d e]. */
  g_assert_cmpuint (n_logs_after_filter (dedup,
    "{\"status\":\"IN_PROGRESS\",\"logs\":["
    "{\"message\":\"a\",\"timestamp\":\"t1\"},{\"message\":\"b\",\"timestamp\":\"t2\"},"
    "{\"message\":\"c\",\"timestamp\":\"t3\"}]}"), ==, 3);
  g_assert_cmpuint (n_logs_after_filter (dedup,
    "{\"status\":\"IN_PROGRESS\",\"logs\":["
    "{\"message\":\"b\",\"timestamp\":\"t2\"},{\"message\":\"c\",\"timestamp\":\"t3\"},"
    "{\"message\":\"d\",\"timestamp\":\"t4\"}]}"), ==, 1);
  g_assert_cmpuint (n_logs_after_filter (dedup,
    "{\"status\":\"COMPLETED\",\"logs\":["
    "{\"message\":\"d\",\"timestamp\":\"t4\"},{\"message\":\"e\",\"timestamp\":\"t5\"}]}"), ==, 1);
  /* Same text at another time is a new entry; not a positional match. */
  g_assert_cmpuint (n_logs_after_filter (dedup,
    "{\"status\":\"IN_PROGRESS\",\"logs\":[{\"message\":\"a\",\"timestamp\":\"t9\"}]}"), ==, 1);
}

static void
test_dedup_bounded (void)
{
  g_autoptr(LkFalLogDedup) dedup = _lk_fal_log_dedup_new ();

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"status\":\"IN_PROGRESS\",\"logs\":["
                                               "{\"message\":\"step %u\",\"timestamp\":\"t%u\"}]}",
                                               i, i);

      g_assert_cmpuint (n_logs_after_filter (dedup, json), ==, 1);
    }

  /* Recent entries are still known. */
  g_assert_cmpuint (n_logs_after_filter (dedup,
    "{\"status\":\"IN_PROGRESS\",\"logs\":[{\"message\":\"step 9999\",\"timestamp\":\"t9999\"}]}"),
    ==, 0);
}

static void
test_request (void)
{
  g_autoptr(LkFalRequest) request = lk_fal_request_new ("fal-ai/flux-pro/v1.1-ultra-finetuned",
                                                        "r1", "", NULL, "http://c");
  g_autoptr(LkFalRequest) ref = lk_fal_request_ref (request);

  g_assert_cmpstr (lk_fal_request_get_endpoint_id (ref), ==, "fal-ai/flux-pro/v1.1-ultra-finetuned");
  g_assert_cmpstr (lk_fal_request_get_request_id (ref), ==, "r1");
  g_assert_null (lk_fal_request_get_status_url (ref));
  g_assert_null (lk_fal_request_get_response_url (ref));
  g_assert_cmpstr (lk_fal_request_get_cancel_url (ref), ==, "http://c");
  g_assert_true (G_TYPE_IS_BOXED (LK_TYPE_FAL_REQUEST));
  g_assert_true (G_TYPE_IS_BOXED (LK_TYPE_FAL_LOG));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/fal-status/queued", test_queued);
  g_test_add_func ("/likeness/fal-status/in-progress-logs", test_in_progress_logs);
  g_test_add_func ("/likeness/fal-status/completed", test_completed);
  g_test_add_func ("/likeness/fal-status/unknown-state", test_unknown_state);
  g_test_add_func ("/likeness/fal-status/malformed", test_malformed);
  g_test_add_func ("/likeness/fal-status/wrong-types", test_wrong_types);
  g_test_add_func ("/likeness/fal-status/dedup-window", test_dedup_window);
  g_test_add_func ("/likeness/fal-status/dedup-bounded", test_dedup_bounded);
  g_test_add_func ("/likeness/fal-status/request", test_request);

  return g_test_run ();
}
