/* test-fal-policy.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fal client's pure rules: endpoint ids to URLs (protocol §2), error
 * mapping (§5) and the retry table (§5.5).
 */

#include "config.h"

#include <string.h>

#include "lk-credentials.h"
#include "lk-error.h"
#include "lk-fal-client-private.h"

static void
test_endpoint_ids (void)
{
  static const struct {
    const char *id;
    const char *full;
    const char *base;
  } cases[] = {
    { "fal-ai/flux-lora-fast-training", "fal-ai/flux-lora-fast-training", "fal-ai/flux-lora-fast-training" },
    { "fal-ai/flux-lora-portrait-trainer", "fal-ai/flux-lora-portrait-trainer", "fal-ai/flux-lora-portrait-trainer" },
    { "fal-ai/flux-pro/v1.1-ultra-finetuned", "fal-ai/flux-pro/v1.1-ultra-finetuned", "fal-ai/flux-pro" },
    { "fal-ai/flux-2-trainer/edit", "fal-ai/flux-2-trainer/edit", "fal-ai/flux-2-trainer" },
    { "workflows/me/wf/sub", "workflows/me/wf/sub", "workflows/me/wf" },
    { "comfy/me/wf", "comfy/me/wf", "comfy/me/wf" },
    { "12345-my-app", "12345/my-app", "12345/my-app" },
  };
  static const char *bad[] = {
    "", "flux", "abc-def", "12345-", "-app", "12345-a_b", "fal-ai/", "/x", "a//b",
    "workflows/me", "fal-ai/../x", "fal-ai/x?y", "fal-ai/x y", "fal-ai/x#y", "fal-ai/%2e",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *full = NULL;
      g_autofree char *base = NULL;

      g_assert_true (_lk_fal_parse_endpoint_id (cases[i].id, &full, &base));
      g_assert_cmpstr (full, ==, cases[i].full);
      g_assert_cmpstr (base, ==, cases[i].base);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;

      g_assert_false (_lk_fal_parse_endpoint_id (bad[i], NULL, NULL));
      url = _lk_fal_build_submit_url ("https://queue.fal.run", bad[i], NULL, &error);
      g_assert_null (url);
      g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_BAD_REQUEST);
    }
}

static void
test_urls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *submit = NULL;
  g_autofree char *hook = NULL;
  g_autofree char *status = NULL;
  g_autofree char *result = NULL;
  g_autofree char *cancel = NULL;

  submit = _lk_fal_build_submit_url ("https://queue.fal.run/", "fal-ai/flux-pro/v1.1-ultra-finetuned",
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (submit, ==, "https://queue.fal.run/fal-ai/flux-pro/v1.1-ultra-finetuned");

  hook = _lk_fal_build_submit_url ("https://queue.fal.run", "fal-ai/flux-lora-fast-training",
                                   "https://example.org/hook?a=1&b=2", &error);
  g_assert_cmpstr (hook, ==, "https://queue.fal.run/fal-ai/flux-lora-fast-training"
                             "?fal_webhook=https%3A%2F%2Fexample.org%2Fhook%3Fa%3D1%26b%3D2");

  status = _lk_fal_build_request_url ("https://queue.fal.run", "fal-ai/flux-pro/v1.1-ultra-finetuned",
                                      "019d9e0b", "/status", &error);
  g_assert_cmpstr (status, ==, "https://queue.fal.run/fal-ai/flux-pro/requests/019d9e0b/status");
  result = _lk_fal_build_request_url ("https://queue.fal.run", "workflows/me/wf/sub", "id 1", NULL,
                                      &error);
  g_assert_cmpstr (result, ==, "https://queue.fal.run/workflows/me/wf/requests/id%201");
  cancel = _lk_fal_build_request_url ("http://127.0.0.1:5", "12345-my-app", "r", "/cancel", &error);
  g_assert_cmpstr (cancel, ==, "http://127.0.0.1:5/12345/my-app/requests/r/cancel");
  g_assert_no_error (error);
}

static void
test_url_extend (void)
{
  static const struct {
    const char *url;
    const char *suffix;
    const char *query;
    const char *expected;
  } cases[] = {
    { "http://h/a/requests/r/status", "/stream", "logs=1", "http://h/a/requests/r/status/stream?logs=1" },
    { "http://h/a/requests/r/status/", NULL, "logs=0", "http://h/a/requests/r/status?logs=0" },
    { "https://h:8443/up/XYZ?token=abc", "/3", NULL, "https://h:8443/up/XYZ/3?token=abc" },
    { "https://h/up/XYZ?token=abc", "/complete", NULL, "https://h/up/XYZ/complete?token=abc" },
    { "http://h/s?x=%2F", NULL, "logs=1", "http://h/s?x=%2F&logs=1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = _lk_fal_url_extend (cases[i].url, cases[i].suffix, cases[i].query);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  g_assert_null (_lk_fal_url_extend ("not a url", NULL, NULL));
}

static void
test_urls_env (void)
{
  g_autofree char *queue = NULL;
  g_autofree char *rest = NULL;
  g_autoptr(LkFalClient) client = NULL;

  g_assert_true (_lk_fal_parse_urls_env ("queue=http://127.0.0.1:1/, rest=http://127.0.0.1:2",
                                         &queue, &rest));
  g_assert_cmpstr (queue, ==, "http://127.0.0.1:1/");
  g_assert_cmpstr (rest, ==, "http://127.0.0.1:2");
  g_assert_false (_lk_fal_parse_urls_env ("queue=nope,other=http://x", &queue, &rest));
  g_assert_false (_lk_fal_parse_urls_env ("", &queue, &rest));

  g_setenv (LK_FAL_URLS_ENV, "queue=http://127.0.0.1:7/,rest=http://127.0.0.1:8", TRUE);
  client = lk_fal_client_new ();
  g_assert_cmpstr (lk_fal_client_get_queue_url (client), ==, "http://127.0.0.1:7");
  g_assert_cmpstr (lk_fal_client_get_rest_url (client), ==, "http://127.0.0.1:8");
  g_clear_object (&client);

  g_unsetenv (LK_FAL_URLS_ENV);
  client = lk_fal_client_new ();
  g_assert_cmpstr (lk_fal_client_get_queue_url (client), ==, "https://queue.fal.run");
  g_assert_cmpstr (lk_fal_client_get_rest_url (client), ==, "https://rest.fal.ai");
  g_assert_null (lk_fal_client_get_proxy_url (client));
  g_assert_false (lk_fal_client_has_key (client));

  lk_fal_client_set_proxy_url (client, "  http://127.0.0.1:9/api/fal/proxy ");
  g_assert_cmpstr (lk_fal_client_get_proxy_url (client), ==, "http://127.0.0.1:9/api/fal/proxy");
  lk_fal_client_set_proxy_url (client, "");
  g_assert_null (lk_fal_client_get_proxy_url (client));
  lk_fal_client_set_key (client, "a:b");
  g_assert_true (lk_fal_client_has_key (client));
  lk_fal_client_set_key (client, NULL);
  g_assert_false (lk_fal_client_has_key (client));
  g_assert_finalize_object (g_steal_pointer (&client));
}

static GError *
map (LkFalOp     op,
     guint       status,
     const char *body,
     const char *header,
     const char *header_value)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  if (header != NULL)
    soup_message_headers_append (headers, header, header_value);

  return _lk_fal_error_from_http (op, status, headers, bytes);
}

#define assert_maps(op, status, body, code) \
  G_STMT_START { \
    g_autoptr(GError) _e = map (op, status, body, NULL, NULL); \
    g_assert_error (_e, LK_FAL_ERROR, code); \
    g_assert_cmpstr (_e->message, !=, ""); \
  } G_STMT_END

static void
test_error_mapping (void)
{
  g_autoptr(GError) locked = NULL;
  g_autoptr(GError) admin = NULL;
  g_autoptr(GError) list = NULL;
  g_autoptr(GError) string = NULL;
  g_autoptr(GError) timeout = NULL;
  g_autoptr(GError) rate = NULL;
  g_autoptr(GError) crash = NULL;

  assert_maps (LK_FAL_OP_SUBMIT, 401, "{\"detail\":\"No user found for Key ID and Secret\"}",
               LK_FAL_ERROR_UNAUTHORIZED);
  assert_maps (LK_FAL_OP_SUBMIT, 401,
               "{\"detail\":\"Invalid Key Authorization header format. Expected '<key_id>:<key_secret>'.\"}",
               LK_FAL_ERROR_INVALID_KEY_FORMAT);
  assert_maps (LK_FAL_OP_SUBMIT, 403, "{\"detail\":\"Forbidden\"}", LK_FAL_ERROR_UNAUTHORIZED);
  assert_maps (LK_FAL_OP_SUBMIT, 404, "{\"detail\":\"Not Found\"}", LK_FAL_ERROR_NOT_FOUND);
  assert_maps (LK_FAL_OP_RESULT, 404, NULL, LK_FAL_ERROR_NOT_FOUND);
  assert_maps (LK_FAL_OP_RESULT, 400, "{\"detail\":\"Request is still in progress\"}",
               LK_FAL_ERROR_STILL_IN_PROGRESS);
  assert_maps (LK_FAL_OP_SUBMIT, 400, "{\"detail\":\"Bad\"}", LK_FAL_ERROR_BAD_REQUEST);
  assert_maps (LK_FAL_OP_CANCEL, 400, "{\"status\":\"ALREADY_COMPLETED\"}", LK_FAL_ERROR_ALREADY_COMPLETED);
  assert_maps (LK_FAL_OP_STATUS, 500, "{\"detail\":\"Internal Server Error\"}", LK_FAL_ERROR_SERVER);
  assert_maps (LK_FAL_OP_SUBMIT, 502, "<html>nginx</html>", LK_FAL_ERROR_SERVER);
  assert_maps (LK_FAL_OP_SUBMIT, 504, "{\"detail\":\"Request timed out\"}", LK_FAL_ERROR_SERVER);
  assert_maps (LK_FAL_OP_RESULT, 499, "{\"detail\":\"Request cancelled\",\"error_type\":\"client_cancelled\"}",
               LK_FAL_ERROR_CANCELLED);
  assert_maps (LK_FAL_OP_UPLOAD, 503, NULL, LK_FAL_ERROR_UPLOAD);
  assert_maps (LK_FAL_OP_DOWNLOAD, 404, NULL, LK_FAL_ERROR_NOT_FOUND);
  assert_maps (LK_FAL_OP_DOWNLOAD, 500, NULL, LK_FAL_ERROR_SERVER);
  assert_maps (LK_FAL_OP_SUBMIT, 418, "", LK_FAL_ERROR_BAD_REQUEST);

  locked = map (LK_FAL_OP_SUBMIT, 403,
                "{\"detail\":\"User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.\"}",
                NULL, NULL);
  g_assert_error (locked, LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED);
  g_assert_true (g_str_has_prefix (locked->message, "API quota exceeded"));
  g_assert_nonnull (strstr (locked->message, "fal.ai/dashboard/billing"));
  admin = map (LK_FAL_OP_INITIATE, 403,
               "{\"detail\":\"User is locked. Reason: Admin lock. Please contact support@fal.ai\"}",
               NULL, NULL);
  g_assert_error (admin, LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED);
  g_assert_nonnull (strstr (admin->message, "support@fal.ai"));

  list = map (LK_FAL_OP_RESULT, 422,
              "{\"detail\":[{\"loc\":[\"body\",\"steps\"],\"msg\":\"Input should be less than or equal to 10000\","
              "\"type\":\"less_than_equal\",\"ctx\":{\"le\":10000}},"
              "{\"loc\":[\"body\",\"loras\",0,\"path\"],\"msg\":\"Field required\",\"type\":\"missing\"},"
              "{\"loc\":[\"body\"],\"msg\":\"Whole body\"},{\"msg\":7}]}",
              NULL, NULL);
  g_assert_error (list, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION);
  g_assert_nonnull (strstr (list->message,
                            "steps: Input should be less than or equal to 10000; "
                            "loras.0.path: Field required; Whole body"));
  string = map (LK_FAL_OP_SUBMIT, 422, "{\"detail\":\"images_data_url must be a ZIP\"}", NULL, NULL);
  g_assert_error (string, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION);
  g_assert_nonnull (strstr (string->message, "images_data_url must be a ZIP"));

  timeout = map (LK_FAL_OP_SUBMIT, 504, "{\"detail\":\"Request timed out\",\"error_type\":\"request_timeout\"}",
                 "x-fal-request-timeout-type", "user");
  g_assert_error (timeout, LK_FAL_ERROR, LK_FAL_ERROR_TIMEOUT);

  rate = map (LK_FAL_OP_SUBMIT, 429, "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"Too many\"}]}", NULL, NULL);
  g_assert_error (rate, LK_FAL_ERROR, LK_FAL_ERROR_RATE_LIMITED);
  g_assert_cmpstr (rate->message, ==, "Request limit exceeded, try again later");

  crash = map (LK_FAL_OP_RESULT, 500, "{\"detail\":\"not enough images\"}", NULL, NULL);
  g_assert_error (crash, LK_FAL_ERROR, LK_FAL_ERROR_FAILED);
  g_assert_cmpstr (crash->message, ==, "Training error: not enough images");
}

static void
test_seed_failures (void)
{
  static const struct {
    const char *detail;
    const char *error_type;
    int code;
    const char *message;
  } cases[] = {
    { "ValueError: Insufficient data for training", NULL, LK_FAL_ERROR_INSUFFICIENT_DATA,
      "Not enough data for training (at least 10 images)" },
    { "Invalid format: expected zip", NULL, LK_FAL_ERROR_INVALID_FORMAT,
      "Invalid data format (a ZIP archive is required)" },
    { "Rate limit reached", NULL, LK_FAL_ERROR_RATE_LIMITED,
      "Request limit exceeded, try again later" },
    { "Quota exceeded for user", NULL, LK_FAL_ERROR_QUOTA_EXCEEDED, NULL },
    { "Runner disconnected", "runner_disconnected", LK_FAL_ERROR_FAILED,
      "Training error: Runner disconnected" },
    { NULL, "runner_disconnected", LK_FAL_ERROR_FAILED, "Training error: runner_disconnected" },
    { "Request cancelled", "client_cancelled", LK_FAL_ERROR_CANCELLED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = lk_fal_error_from_failure (cases[i].detail, cases[i].error_type);

      g_assert_error (error, LK_FAL_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_retry_table (void)
{
  const LkFalRetryPolicy *submit = _lk_fal_retry_policy_for (LK_FAL_OP_SUBMIT);
  const LkFalRetryPolicy *result = _lk_fal_retry_policy_for (LK_FAL_OP_RESULT);
  const LkFalRetryPolicy *status = _lk_fal_retry_policy_for (LK_FAL_OP_STATUS);
  const LkFalRetryPolicy *cancel = _lk_fal_retry_policy_for (LK_FAL_OP_CANCEL);
  const LkFalRetryPolicy *initiate = _lk_fal_retry_policy_for (LK_FAL_OP_INITIATE);
  const LkFalRetryPolicy *stream = _lk_fal_retry_policy_for (LK_FAL_OP_STREAM);
  const LkFalRetryPolicy *upload = _lk_fal_retry_policy_for (LK_FAL_OP_UPLOAD);
  const LkFalRetryPolicy *download = _lk_fal_retry_policy_for (LK_FAL_OP_DOWNLOAD);
  g_autoptr(SoupMessageHeaders) user_timeout = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "x");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

  g_assert_cmpuint (submit->max_retries, ==, 3);
  g_assert_cmpuint (submit->max_ms, ==, 60000);
  g_assert_true (result == submit);
  g_assert_cmpuint (status->max_retries, ==, 5);
  g_assert_cmpuint (status->max_ms, ==, 30000);
  g_assert_cmpuint (cancel->max_retries, ==, 3);
  g_assert_cmpuint (cancel->max_ms, ==, 30000);
  g_assert_true (initiate == cancel);
  g_assert_cmpuint (stream->max_retries, ==, 3);
  g_assert_cmpuint (upload->max_retries, ==, 0);
  g_assert_cmpuint (download->max_retries, ==, 0);

  for (guint code = 400; code < 600; code++)
    {
      gboolean in_default = code == 429 || code == 502 || code == 503 || code == 504;

      g_assert_cmpint (_lk_fal_retry_status_is_retryable (submit, code, NULL), ==, in_default);
      g_assert_cmpint (_lk_fal_retry_status_is_retryable (cancel, code, NULL), ==, in_default);
      g_assert_cmpint (_lk_fal_retry_status_is_retryable (status, code, NULL), ==,
                       in_default || code == 500);
      g_assert_false (_lk_fal_retry_status_is_retryable (stream, code, NULL));
      g_assert_false (_lk_fal_retry_status_is_retryable (upload, code, NULL));
    }

  soup_message_headers_append (user_timeout, "x-fal-request-timeout-type", "user");
  g_assert_false (_lk_fal_retry_status_is_retryable (submit, 504, user_timeout));
  g_assert_false (_lk_fal_retry_status_is_retryable (status, 504, user_timeout));

  g_assert_true (_lk_fal_retry_error_is_retryable (submit, refused));
  g_assert_true (_lk_fal_retry_error_is_retryable (stream, refused));
  g_assert_false (_lk_fal_retry_error_is_retryable (submit, cancelled));
  g_assert_false (_lk_fal_retry_error_is_retryable (upload, refused));
}

static void
test_retry_delays (void)
{
  const LkFalRetryPolicy *submit = _lk_fal_retry_policy_for (LK_FAL_OP_SUBMIT);
  const LkFalRetryPolicy *status = _lk_fal_retry_policy_for (LK_FAL_OP_STATUS);

  /* min(base · 2^n, max), jitter ±25 %. */
  g_assert_cmpuint (_lk_fal_retry_delay_ms (submit, 0, 0.5, -1), ==, 1000);
  g_assert_cmpuint (_lk_fal_retry_delay_ms (submit, 1, 0.5, -1), ==, 2000);
  g_assert_cmpuint (_lk_fal_retry_delay_ms (submit, 2, 0.5, -1), ==, 4000);
  g_assert_cmpuint (_lk_fal_retry_delay_ms (submit, 0, 0.0, -1), ==, 750);
  g_assert_cmpuint (_lk_fal_retry_delay_ms (submit, 0, 0.999999, -1), >=, 1249);
  g_assert_cmpuint (_lk_fal_retry_delay_ms (submit, 10, 0.5, -1), ==, 60000);
  g_assert_cmpuint (_lk_fal_retry_delay_ms (status, 10, 0.5, -1), ==, 30000);
  g_assert_cmpuint (_lk_fal_retry_delay_ms (status, 40, 1.0, -1), ==, 37500);

  /* Retry-After is a floor. */
  g_assert_cmpuint (_lk_fal_retry_delay_ms (submit, 0, 0.0, 2000), ==, 2000);
  g_assert_cmpuint (_lk_fal_retry_delay_ms (submit, 2, 0.5, 2000), ==, 4000);
}

static void
test_retry_after (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (g_date_time_new_now_utc (), 30);
  g_autofree char *date = NULL;
  const LkFalRetryPolicy *submit = _lk_fal_retry_policy_for (LK_FAL_OP_SUBMIT);
  gint64 ms;

  g_assert_cmpint (_lk_fal_retry_after_ms (NULL), ==, -1);
  g_assert_cmpint (_lk_fal_retry_after_ms (headers), ==, -1);

  soup_message_headers_replace (headers, "Retry-After", "2");
  g_assert_cmpint (_lk_fal_retry_after_ms (headers), ==, 2000);
  soup_message_headers_replace (headers, "Retry-After", " 7 ");
  g_assert_cmpint (_lk_fal_retry_after_ms (headers), ==, 7000);
  soup_message_headers_replace (headers, "Retry-After", "soon");
  g_assert_cmpint (_lk_fal_retry_after_ms (headers), ==, -1);
  soup_message_headers_replace (headers, "Retry-After", "3x");
  g_assert_cmpint (_lk_fal_retry_after_ms (headers), ==, -1);

  date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  soup_message_headers_replace (headers, "Retry-After", date);
  ms = _lk_fal_retry_after_ms (headers);
  g_assert_cmpint (ms, >, 25000);
  g_assert_cmpint (ms, <=, 30000);

  /* Too long to wait out: fail with RATE_LIMITED instead. */
  soup_message_headers_replace (headers, "Retry-After", "3600");
  g_assert_false (_lk_fal_retry_status_is_retryable (submit, 429, headers));
  soup_message_headers_replace (headers, "Retry-After", "2");
  g_assert_true (_lk_fal_retry_status_is_retryable (submit, 429, headers));
}

static void
test_key_shape (void)
{
  g_assert_true (lk_credentials_key_is_valid ("5a1c2e3f-0000-4000-8000-1234567890ab:0123456789abcdef"));
  g_assert_true (lk_credentials_key_is_valid ("a:b"));
  g_assert_false (lk_credentials_key_is_valid (NULL));
  g_assert_false (lk_credentials_key_is_valid (""));
  g_assert_false (lk_credentials_key_is_valid ("nocolon"));
  g_assert_false (lk_credentials_key_is_valid (":secret"));
  g_assert_false (lk_credentials_key_is_valid ("id:"));
  g_assert_false (lk_credentials_key_is_valid ("a:b:c"));
  g_assert_false (lk_credentials_key_is_valid ("a :b"));
  g_assert_false (lk_credentials_key_is_valid ("a:b\n"));
  g_assert_false (lk_credentials_key_is_valid ("a:\xc3\xa9"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/fal-client/policy/endpoint-ids", test_endpoint_ids);
  g_test_add_func ("/likeness/fal-client/policy/urls", test_urls);
  g_test_add_func ("/likeness/fal-client/policy/url-extend", test_url_extend);
  g_test_add_func ("/likeness/fal-client/policy/urls-env", test_urls_env);
  g_test_add_func ("/likeness/fal-client/policy/error-mapping", test_error_mapping);
  g_test_add_func ("/likeness/fal-client/policy/seed-failures", test_seed_failures);
  g_test_add_func ("/likeness/fal-client/policy/retry-table", test_retry_table);
  g_test_add_func ("/likeness/fal-client/policy/retry-delays", test_retry_delays);
  g_test_add_func ("/likeness/fal-client/policy/retry-after", test_retry_after);
  g_test_add_func ("/likeness/credentials/key-shape", test_key_shape);

  return g_test_run ();
}
