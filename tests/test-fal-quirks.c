/* test-fal-quirks.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The protocol variants the fake fal service does not produce by default
 * (protocol §3–§5 and the open questions): each test scripts a tiny
 * loopback SoupServer with the exact replies and checks what the client
 * sends and how it reads the answers.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fal-test-common.h"

typedef struct
{
  guint  status;
  char  *content_type;
  char  *body;
  char **headers;   /* name, value, name, value, …, NULL */
  gboolean chunked;
  GBytes  *raw;      /* a binary body instead of @body */
} Reply;

typedef struct
{
  char    *method;
  char    *path;
  char    *query;
  char    *auth;
  char    *target;
  char    *content_type;
  char    *body;
  gsize    body_length;
} Seen;

typedef struct
{
  Fixture     base;
  SoupServer *server;
  char       *url;
  GHashTable *replies;   /* "METHOD path" → GQueue of Reply */
  GPtrArray  *seen;      /* (element-type Seen) */
} Quirks;

static void
reply_free (Reply *reply)
{
  g_free (reply->content_type);
  g_free (reply->body);
  g_strfreev (reply->headers);
  g_clear_pointer (&reply->raw, g_bytes_unref);
  g_free (reply);
}

static void
queue_free (GQueue *queue)
{
  g_queue_free_full (queue, (GDestroyNotify) reply_free);
}

static void
seen_free (Seen *seen)
{
  g_free (seen->method);
  g_free (seen->path);
  g_free (seen->query);
  g_free (seen->auth);
  g_free (seen->target);
  g_free (seen->content_type);
  g_free (seen->body);
  g_free (seen);
}

/* Queues a reply for METHOD + path; the last queued one keeps answering.
 * The variadic part is extra header name/value pairs, ended by NULL. */
static void
script (Quirks     *q,
        const char *method,
        const char *path,
        guint       status,
        const char *content_type,
        const char *body,
        ...)
{
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  Reply *reply = g_new0 (Reply, 1);
  GQueue *queue;
  const char *name;
  va_list args;

  reply->status = status;
  reply->content_type = g_strdup (content_type);
  reply->body = g_strdup (body);

  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_strv_builder_add (headers, name);
      g_strv_builder_add (headers, va_arg (args, const char *));
    }
  va_end (args);
  reply->headers = g_strv_builder_end (headers);

  queue = g_hash_table_lookup (q->replies, key);
  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (q->replies, g_steal_pointer (&key), queue);
    }
  g_queue_push_tail (queue, reply);
}

static void
script_chunked (Quirks     *q,
                const char *path,
                const char *body)
{
  g_autofree char *key = g_strdup_printf ("GET %s", path);
  GQueue *queue;

  script (q, "GET", path, 200, "application/octet-stream", body, NULL);
  queue = g_hash_table_lookup (q->replies, key);
  ((Reply *) g_queue_peek_tail (queue))->chunked = TRUE;
}

/* A gzip-encoded reply with its (compressed) Content-Length, as a CDN
 * compressing on the fly sends it. */
static void
script_gzip (Quirks     *q,
             const char *path,
             const char *plain)
{
  g_autofree char *key = g_strdup_printf ("GET %s", path);
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GInputStream) source = g_memory_input_stream_new_from_data (plain, strlen (plain), NULL);
  g_autoptr(GInputStream) converted = g_converter_input_stream_new (source, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
  GQueue *queue;

  g_assert_cmpint (g_output_stream_splice (sink, converted,
                                           G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                           G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >, 0);
  script (q, "GET", path, 200, "application/json", NULL, "Content-Encoding", "gzip", NULL);
  queue = g_hash_table_lookup (q->replies, key);
  ((Reply *) g_queue_peek_tail (queue))->raw =
    g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (sink));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Quirks *q = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  const char *method = soup_server_message_get_method (message);
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  Seen *seen = g_new0 (Seen, 1);
  GQueue *queue;
  Reply *reply;
  gboolean popped;

  seen->method = g_strdup (method);
  seen->path = g_strdup (path);
  seen->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (message)));
  seen->auth = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
  seen->target = g_strdup (soup_message_headers_get_one (request_headers, "x-fal-target-url"));
  seen->content_type = g_strdup (soup_message_headers_get_one (request_headers, "Content-Type"));
  seen->body_length = body ? (gsize) body->length : 0;
  seen->body = body && body->data ? g_strndup (body->data, body->length) : NULL;
  g_ptr_array_add (q->seen, seen);

  queue = g_hash_table_lookup (q->replies, key);
  if (queue == NULL || g_queue_is_empty (queue))
    {
      soup_server_message_set_status (message, 599, "Not scripted");
      return;
    }

  popped = g_queue_get_length (queue) > 1;
  reply = popped ? g_queue_pop_head (queue) : g_queue_peek_head (queue);
  soup_server_message_set_status (message, reply->status, NULL);
  for (guint i = 0; reply->headers[i] != NULL; i += 2)
    soup_message_headers_replace (response_headers, reply->headers[i], reply->headers[i + 1]);

  if (reply->chunked)
    {
      SoupMessageBody *response_body = soup_server_message_get_response_body (message);

      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (response_headers, reply->content_type, NULL);
      soup_message_body_append (response_body, SOUP_MEMORY_COPY, reply->body, strlen (reply->body));
      soup_message_body_complete (response_body);
    }
  else if (reply->raw != NULL)
    soup_server_message_set_response (message, reply->content_type, SOUP_MEMORY_COPY,
                                      g_bytes_get_data (reply->raw, NULL),
                                      g_bytes_get_size (reply->raw));
  else if (reply->body != NULL)
    soup_server_message_set_response (message, reply->content_type, SOUP_MEMORY_COPY,
                                      reply->body, strlen (reply->body));

  if (popped)
    reply_free (reply);
}

static void
quirks_set_up (Quirks        *q,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  fixture_set_up (&q->base, user_data);

  q->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) queue_free);
  q->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  q->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (q->server, NULL, server_cb, q, NULL);
  g_assert_true (soup_server_listen_local (q->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (q->server);
  q->url = g_uri_to_string (uris->data);
  if (g_str_has_suffix (q->url, "/"))
    q->url[strlen (q->url) - 1] = '\0';
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  lk_fal_client_set_queue_url (q->base.client, q->url);
  lk_fal_client_set_rest_url (q->base.client, q->url);
}

static void
quirks_tear_down (Quirks        *q,
                  gconstpointer  user_data)
{
  fixture_tear_down (&q->base, user_data);
  soup_server_disconnect (q->server);
  g_clear_object (&q->server);
  g_hash_table_unref (q->replies);
  g_ptr_array_unref (q->seen);
  g_free (q->url);
}

static guint
count_seen (Quirks     *q,
            const char *method,
            const char *path)
{
  guint n = 0;

  for (guint i = 0; i < q->seen->len; i++)
    {
      Seen *seen = g_ptr_array_index (q->seen, i);

      if (g_str_equal (seen->method, method) && g_str_equal (seen->path, path))
        n++;
    }

  return n;
}

static Seen *
last_seen (Quirks *q)
{
  g_assert_cmpuint (q->seen->len, >, 0);
  return g_ptr_array_index (q->seen, q->seen->len - 1);
}

static void
reset (Quirks *q)
{
  g_hash_table_remove_all (q->replies);
  g_ptr_array_set_size (q->seen, 0);
}

static LkFalRequest *
scripted_request (Quirks *q)
{
  g_autofree char *status_url = g_strconcat (q->url, "/q/app/requests/r1/status", NULL);
  g_autofree char *response_url = g_strconcat (q->url, "/q/app/requests/r1", NULL);
  g_autofree char *cancel_url = g_strconcat (q->url, "/q/app/requests/r1/cancel", NULL);

  return lk_fal_request_new ("q/app", "r1", status_url, response_url, cancel_url);
}

#define JSON "application/json"
#define LOG_A "{\"message\":\"step 1\",\"level\":\"INFO\",\"source\":\"USER\",\"timestamp\":\"2026-11-25T07:00:01Z\"}"
#define LOG_B "{\"message\":\"step 2\",\"level\":\"INFO\",\"source\":\"USER\",\"timestamp\":\"2026-11-25T07:00:02Z\"}"
#define LOG_C "{\"message\":\"step 3\",\"level\":\"INFO\",\"source\":\"USER\",\"timestamp\":\"2026-11-25T07:00:03Z\"}"

/* Status: any 2xx; logs null/absent/array; metrics absent/{}/null time;
 * no queue_position; unknown members. */
static void
test_status_variants (Quirks        *q,
                      gconstpointer  user_data)
{
  g_autoptr(LkFalRequest) request = scripted_request (q);
  static const struct {
    guint       code;
    const char *body;
    LkFalState  state;
    guint       n_logs;
    gboolean    has_time;
  } cases[] = {
    { 202, "{\"status\":\"IN_QUEUE\",\"logs\":null,\"gateway_request_id\":\"g\",\"x\":{\"y\":[1]}}",
      LK_FAL_STATE_IN_QUEUE, 0, FALSE },
    { 201, "{\"status\":\"IN_PROGRESS\",\"logs\":[" LOG_A "," LOG_B "],\"metrics\":{}}",
      LK_FAL_STATE_IN_PROGRESS, 2, FALSE },
    { 200, "{\"status\":\"COMPLETED\",\"metrics\":{\"inference_time\":null}}",
      LK_FAL_STATE_COMPLETED, 0, FALSE },
    { 200, "{\"status\":\"COMPLETED\",\"logs\":[],\"metrics\":{\"inference_time\":842.3},\"new\":true}",
      LK_FAL_STATE_COMPLETED, 0, TRUE },
    { 206, "{\"status\":\"COMPLETED\",\"logs\":null}", LK_FAL_STATE_COMPLETED, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkFalStatus) status = NULL;

      reset (q);
      script (q, "GET", "/q/app/requests/r1/status", cases[i].code, JSON, cases[i].body, NULL);
      status = fixture_status (&q->base, request, TRUE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (lk_fal_status_get_state (status), ==, cases[i].state);
      g_assert_cmpuint (lk_fal_status_get_logs (status)->len, ==, cases[i].n_logs);
      g_assert_cmpint (lk_fal_status_get_queue_position (status), ==, -1);
      g_assert_false (lk_fal_status_is_failed (status));
      if (cases[i].has_time)
        g_assert_cmpfloat (lk_fal_status_get_inference_time (status), ==, 842.3);
      else
        g_assert_cmpfloat (lk_fal_status_get_inference_time (status), <, 0);
      g_assert_cmpstr (last_seen (q)->query, ==, "logs=1");
    }
}

/* A status value other than the three: a clean MALFORMED error from the
 * watch, not an endless wait. */
static void
test_status_unknown_value (Quirks        *q,
                           gconstpointer  user_data)
{
  g_autoptr(LkFalRequest) request = scripted_request (q);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalStatus) final = NULL;

  script (q, "GET", "/q/app/requests/r1/status/stream", 200, "text/event-stream",
          "data: {\"status\":\"FAILED\"}\n\n", NULL);
  script (q, "GET", "/q/app/requests/r1/status", 200, JSON, "{\"status\":\"FAILED\"}", NULL);

  final = fixture_watch (&q->base, request, NULL, &error);
  g_assert_null (final);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED);
}

/* Submit answers 200 IN_PROGRESS, with a /response result URL and more
 * fields; every later call uses the returned URLs verbatim. */
static void
test_submit_verbatim (Quirks        *q,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) initial = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *reply = NULL;
  LkFalCancelOutcome outcome;

  reply = g_strdup_printf ("{\"status\":\"IN_PROGRESS\",\"request_id\":\"abc\","
                           "\"gateway_request_id\":\"def\",\"queue_position\":0,"
                           "\"response_url\":\"%s/elsewhere/requests/abc/response\","
                           "\"status_url\":\"%s/elsewhere/requests/abc/status\","
                           "\"cancel_url\":\"%s/elsewhere/requests/abc/cancel\"}",
                           q->url, q->url, q->url);
  script (q, "POST", "/fal-ai/flux-pro/v1.1-ultra-finetuned", 200, JSON, reply, NULL);
  script (q, "GET", "/elsewhere/requests/abc/status", 202, JSON, "{\"status\":\"IN_PROGRESS\"}", NULL);
  script (q, "GET", "/elsewhere/requests/abc/response", 200, JSON,
          "{\"images\":[{\"url\":\"https://v3.fal.media/x.jpg\",\"width\":1,\"height\":1}]}", NULL);
  script (q, "PUT", "/elsewhere/requests/abc/cancel", 202, JSON,
          "{\"status\":\"CANCELLATION_REQUESTED\"}", NULL);

  request = fixture_submit (&q->base, "fal-ai/flux-pro/v1.1-ultra-finetuned",
                            "{\"prompt\":\"p\",\"finetune_id\":\"f\",\"finetune_strength\":1}",
                            NULL, NULL, &initial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_fal_status_get_state (initial), ==, LK_FAL_STATE_IN_PROGRESS);
  g_assert_cmpstr (lk_fal_request_get_request_id (request), ==, "abc");

  status = fixture_status (&q->base, request, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (last_seen (q)->query, ==, "logs=0");
  result = fixture_result (&q->base, request, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (result, "images"));
  g_assert_true (fixture_cancel (&q->base, request, &outcome, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_seen (q, "GET", "/elsewhere/requests/abc/status"), ==, 1);
  g_assert_cmpuint (count_seen (q, "GET", "/elsewhere/requests/abc/response"), ==, 1);
  g_assert_cmpuint (count_seen (q, "PUT", "/elsewhere/requests/abc/cancel"), ==, 1);
  g_assert_cmpuint (q->seen->len, ==, 4);
}

/* A submit reply with a request id but no status (the OpenAPI shape lists
 * only the id and the URLs): fal has the request, so losing it would leave
 * a billed training nobody follows. */
static void
test_submit_no_status (Quirks        *q,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) initial = NULL;
  g_autofree char *reply = NULL;

  reply = g_strdup_printf ("{\"request_id\":\"n1\",\"status_url\":\"%s/x/requests/n1/status\"}", q->url);
  script (q, "POST", "/" FAST_TRAINER, 200, JSON, reply, NULL);
  request = fixture_submit (&q->base, FAST_TRAINER, FAST_INPUT, NULL, NULL, &initial, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_fal_request_get_request_id (request), ==, "n1");
  g_assert_nonnull (g_strrstr (lk_fal_request_get_status_url (request), "/x/requests/n1/status"));
  g_assert_null (lk_fal_request_get_response_url (request));
  g_assert_cmpint (lk_fal_status_get_state (initial), ==, LK_FAL_STATE_IN_QUEUE);

  /* Neither an id nor a status: nothing to follow, a protocol error. */
  reset (q);
  script (q, "POST", "/" FAST_TRAINER, 200, JSON, "{\"detail\":\"ok\"}", NULL);
  g_clear_pointer (&request, lk_fal_request_unref);
  request = fixture_submit (&q->base, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_null (request);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED);
}

/* Rebuilt URLs (a resumed job without stored URLs) reduce the id. */
static void
test_rebuilt_ids (Quirks        *q,
                  gconstpointer  user_data)
{
  static const struct {
    const char *id;
    const char *base;
  } cases[] = {
    { "123-legacy-app", "/123/legacy-app" },
    { "workflows/me/wf/sub", "/workflows/me/wf" },
    { "fal-ai/flux-pro/v1.1-ultra-finetuned", "/fal-ai/flux-pro" },
    { "fal-ai/flux-2-trainer/edit", "/fal-ai/flux-2-trainer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LkFalRequest) request = lk_fal_request_new (cases[i].id, "r9", NULL, NULL, NULL);
      g_autofree char *status_path = g_strconcat (cases[i].base, "/requests/r9/status", NULL);
      g_autofree char *result_path = g_strconcat (cases[i].base, "/requests/r9", NULL);
      g_autofree char *cancel_path = g_strconcat (cases[i].base, "/requests/r9/cancel", NULL);
      g_autoptr(LkFalStatus) status = NULL;
      g_autoptr(JsonObject) result = NULL;
      g_autoptr(GError) error = NULL;
      LkFalCancelOutcome outcome;

      reset (q);
      script (q, "GET", status_path, 200, JSON, "{\"status\":\"COMPLETED\"}", NULL);
      script (q, "GET", result_path, 200, JSON, "{\"finetune_id\":\"x\"}", NULL);
      script (q, "PUT", cancel_path, 400, JSON, "{\"status\":\"ALREADY_COMPLETED\"}", NULL);

      status = fixture_status (&q->base, request, TRUE, &error);
      g_assert_no_error (error);
      result = fixture_result (&q->base, request, &error);
      g_assert_no_error (error);
      g_assert_true (fixture_cancel (&q->base, request, &outcome, &error));
      g_assert_cmpint (outcome, ==, LK_FAL_CANCEL_ALREADY_COMPLETED);
      g_assert_cmpuint (q->seen->len, ==, 3);
    }
}

/* SSE: fields other than data, comments, CRLF, "data:" without a space,
 * multi-line data; EOF before COMPLETED falls back to the poll; logs are
 * deduplicated by identity across the stream and the poll. */
static void
test_sse_variants (Quirks        *q,
                   gconstpointer  user_data)
{
  g_autoptr(LkFalRequest) request = scripted_request (q);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalStatus) final = NULL;

  script (q, "GET", "/q/app/requests/r1/status/stream", 200, "text/event-stream",
          ": ping\r\n\r\n"
          "event: status\r\nid: 1\r\nretry: 10000\r\n"
          "data:{\"status\":\"IN_PROGRESS\",\"logs\":[" LOG_A "]}\r\n\r\n"
          ":\n\n"
          "data: {\"status\":\"IN_PROGRESS\",\n"
          "data: \"logs\":[" LOG_A "," LOG_B "]}\n\n"
          "event: ping\ndata\n\n", NULL);
  script (q, "GET", "/q/app/requests/r1/status", 200, JSON,
          "{\"status\":\"COMPLETED\",\"logs\":[" LOG_A "," LOG_B "," LOG_C "]}", NULL);

  final = fixture_watch (&q->base, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_fal_status_get_state (final), ==, LK_FAL_STATE_COMPLETED);
  g_assert_cmpuint (q->base.logs->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (q->base.logs, 0), ==, "2026-11-25T07:00:01Z|step 1");
  g_assert_cmpstr (g_ptr_array_index (q->base.logs, 1), ==, "2026-11-25T07:00:02Z|step 2");
  g_assert_cmpstr (g_ptr_array_index (q->base.logs, 2), ==, "2026-11-25T07:00:03Z|step 3");
  g_assert_cmpuint (count_seen (q, "GET", "/q/app/requests/r1/status/stream"), ==, 1);
  g_assert_cmpuint (count_seen (q, "GET", "/q/app/requests/r1/status"), ==, 1);
}

/* Cancel: 200 and 202 with any body, 400 with either body, 404. */
static void
test_cancel_variants (Quirks        *q,
                      gconstpointer  user_data)
{
  g_autoptr(LkFalRequest) request = scripted_request (q);
  static const struct {
    guint       code;
    const char *type;
    const char *body;
    int         outcome;   /* -1: NOT_FOUND error */
  } cases[] = {
    { 202, JSON, "{\"status\":\"CANCELLATION_REQUESTED\"}", LK_FAL_CANCEL_ACCEPTED },
    { 200, JSON, "{\"status\":\"CANCELLATION_REQUESTED\"}", LK_FAL_CANCEL_ACCEPTED },
    { 200, JSON, "{\"status\":\"OK\"}", LK_FAL_CANCEL_ACCEPTED },
    { 202, JSON, "", LK_FAL_CANCEL_ACCEPTED },
    { 200, "text/plain", "OK", LK_FAL_CANCEL_ACCEPTED },
    { 202, NULL, NULL, LK_FAL_CANCEL_ACCEPTED },
    { 400, JSON, "{\"status\":\"ALREADY_COMPLETED\"}", LK_FAL_CANCEL_ALREADY_COMPLETED },
    { 400, JSON, "{\"detail\":\"Request already completed\"}", LK_FAL_CANCEL_ALREADY_COMPLETED },
    { 404, JSON, "{\"status\":\"NOT_FOUND\"}", -1 },
    { 404, JSON, "{\"detail\":\"Not Found\"}", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      LkFalCancelOutcome outcome = 99;
      gboolean ok;

      reset (q);
      script (q, "PUT", "/q/app/requests/r1/cancel", cases[i].code, cases[i].type, cases[i].body,
              NULL);
      ok = fixture_cancel (&q->base, request, &outcome, &error);
      if (cases[i].outcome < 0)
        {
          g_assert_false (ok);
          g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (outcome, ==, cases[i].outcome);
        }
      g_assert_cmpuint (last_seen (q)->body_length, ==, 0);
      g_assert_cmpuint (q->seen->len, ==, 1);
    }
}

static GError *
result_error (Quirks *q)
{
  g_autoptr(LkFalRequest) request = scripted_request (q);
  g_autoptr(JsonObject) result = NULL;
  GError *error = NULL;

  result = fixture_result (&q->base, request, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  return error;
}

/* Result: every error shape of §3.4 and §5.2. */
static void
test_result_variants (Quirks        *q,
                      gconstpointer  user_data)
{
  const char *path = "/q/app/requests/r1";
  g_autoptr(LkFalRequest) request = scripted_request (q);
  g_autoptr(JsonObject) result = NULL;
  GError *error;

  script (q, "GET", path, 400, JSON, "{\"detail\":\"Request is still in progress\"}", NULL);
  error = result_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_STILL_IN_PROGRESS);
  g_clear_error (&error);

  reset (q);
  script (q, "GET", path, 422, JSON,
          "{\"detail\":[{\"loc\":[\"body\",\"steps\"],\"msg\":\"Input should be less than or "
          "equal to 10000\",\"type\":\"less_than_equal\",\"ctx\":{\"le\":10000}}]}", NULL);
  error = result_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "steps: Input should be less than or equal to 10000"));
  g_clear_error (&error);

  reset (q);
  script (q, "GET", path, 422, JSON, "{\"detail\":\"Image too small\"}", NULL);
  error = result_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "Image too small"));
  g_clear_error (&error);

  reset (q);
  script (q, "GET", path, 500, JSON, "{\"detail\":\"not enough images\"}", NULL);
  error = result_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not enough images"));
  g_assert_cmpuint (q->seen->len, ==, 1);
  g_clear_error (&error);

  reset (q);
  script (q, "GET", path, 499, JSON,
          "{\"detail\":\"Request cancelled\",\"error_type\":\"client_cancelled\"}", NULL);
  error = result_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The error type only in the header. */
  reset (q);
  script (q, "GET", path, 400, JSON, "{\"detail\":\"Request cancelled\"}",
          "X-Fal-Error-Type", "client_cancelled", NULL);
  error = result_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_CANCELLED);
  g_clear_error (&error);

  reset (q);
  script (q, "GET", path, 404, JSON, "{\"detail\":\"Not Found\"}", NULL);
  error = result_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An ingress 502 (HTML, no request id) is retried. */
  reset (q);
  script (q, "GET", path, 502, "text/html", "<html>nginx</html>", NULL);
  script (q, "GET", path, 200, JSON, "{\"finetune_id\":\"f\"}", "x-fal-request-id", "r1", NULL);
  result = fixture_result (&q->base, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (result, "finetune_id"), ==, "f");
  g_assert_cmpuint (q->seen->len, ==, 2);
}

static GError *
submit_error (Quirks *q)
{
  g_autoptr(LkFalRequest) request = NULL;
  GError *error = NULL;

  request = fixture_submit (&q->base, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_null (request);
  g_assert_nonnull (error);
  return error;
}

/* Errors: 401 texts, 403 lock variants, 429 hints, 504 user timeout. */
static void
test_error_variants (Quirks        *q,
                     gconstpointer  user_data)
{
  const char *path = "/" FAST_TRAINER;
  static const char *locked[] = {
    "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.",
    "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing",
    "User is locked. Reason: Admin lock. Please contact support@fal.ai",
    "User is locked. Reason: TOP_UP.",
    "User is locked. Reason: TOP_UP",
  };
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(GError) ok_error = NULL;
  GError *error;

  script (q, "POST", path, 401, JSON, "{\"detail\":\"No user found for Key ID and Secret\"}", NULL);
  error = submit_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  reset (q);
  script (q, "POST", path, 401, JSON,
          "{\"detail\":\"Invalid Key Authorization header format. Expected "
          "'<key_id>:<key_secret>'.\"}", NULL);
  error = submit_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_INVALID_KEY_FORMAT);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (locked); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"detail\":\"%s\"}", locked[i]);

      reset (q);
      script (q, "POST", path, 403, JSON, body, NULL);
      error = submit_error (q);
      g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED);
      g_assert_cmpuint (q->seen->len, ==, 1);
      g_clear_error (&error);
    }

  /* 504 caused by the caller's own deadline: never retried. */
  reset (q);
  script (q, "POST", path, 504, JSON, "{\"detail\":\"Request timed out\",\"error_type\":\"request_timeout\"}",
          "x-fal-request-timeout-type", "user", NULL);
  error = submit_error (q);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_TIMEOUT);
  g_assert_cmpuint (q->seen->len, ==, 1);
  g_clear_error (&error);

  /* 429 with the retry hints and no Retry-After, then success. */
  reset (q);
  script (q, "POST", path, 429, JSON,
          "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"Too many concurrent requests\","
          "\"type\":\"concurrent_requests_limit\"}]}",
          "X-Fal-Needs-Retry", "1", "X-Fal-Retryable", "true", NULL);
  script (q, "POST", path, 200, JSON, "{\"status\":\"IN_QUEUE\",\"request_id\":\"z\"}", NULL);
  request = fixture_submit (&q->base, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &ok_error);
  g_assert_no_error (ok_error);
  g_assert_cmpuint (q->seen->len, ==, 2);
  g_assert_nonnull (last_seen (q)->auth);

  /* The status poll retries a 500 (§5.5), submit does not. */
  reset (q);
  script (q, "GET", "/" FAST_TRAINER "/requests/z/status", 500, JSON, "{\"detail\":\"x\"}", NULL);
  script (q, "GET", "/" FAST_TRAINER "/requests/z/status", 202, JSON, "{\"status\":\"IN_QUEUE\"}", NULL);
  {
    g_autoptr(LkFalRequest) rebuilt = lk_fal_request_new (FAST_TRAINER, "z", NULL, NULL, NULL);
    g_autoptr(LkFalStatus) status = fixture_status (&q->base, rebuilt, TRUE, &ok_error);

    g_assert_no_error (ok_error);
    g_assert_cmpuint (q->seen->len, ==, 2);
  }
}

/* Storage: extra initiate members, an upload URL with a query, a 201 from
 * the PUT, no key on the presigned URL. */
static void
test_storage_variants (Quirks        *q,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("quirk.zip", 3000);
  g_autofree char *initiate = NULL;
  g_autofree char *file_url = NULL;
  Seen *put;

  initiate = g_strdup_printf ("{\"upload_url\":\"%s/up/XYZ?token=abc&sig=a%%2Fb\","
                              "\"file_url\":\"https://v3.fal.media/files/k/x.zip\","
                              "\"expires_at\":\"2026-11-25T08:00:00Z\",\"extra\":{\"a\":1}}",
                              q->url);
  script (q, "POST", "/storage/upload/initiate", 200, JSON, initiate, NULL);
  script (q, "PUT", "/up/XYZ", 201, NULL, NULL, NULL);

  file_url = fixture_upload_file (&q->base, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file_url, ==, "https://v3.fal.media/files/k/x.zip");

  g_assert_cmpuint (q->seen->len, ==, 2);
  g_assert_nonnull (((Seen *) g_ptr_array_index (q->seen, 0))->auth);
  g_assert_cmpstr (((Seen *) g_ptr_array_index (q->seen, 0))->query, ==, "storage_type=fal-cdn-v3");
  put = g_ptr_array_index (q->seen, 1);
  g_assert_null (put->auth);
  g_assert_cmpstr (put->query, ==, "token=abc&sig=a%2Fb");
  g_assert_cmpuint (put->body_length, ==, 3000);
}

/* Multipart (a stream of unknown size): part and complete URLs keep the
 * upload URL's query, the part's ETag comes from its JSON reply, any 2xx
 * counts, and neither carries the key. */
static void
test_multipart_variants (Quirks        *q,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("abcdefghij", 10, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *initiate = NULL;
  g_autofree char *file_url = NULL;
  Seen *part;
  Seen *complete;

  initiate = g_strdup_printf ("{\"upload_url\":\"%s/up/M?token=t%%2B1\","
                              "\"file_url\":\"https://v3.fal.media/files/k/m.zip\",\"uploadId\":\"u\"}",
                              q->url);
  script (q, "POST", "/storage/upload/initiate-multipart", 200, JSON, initiate, NULL);
  script (q, "PUT", "/up/M/1", 201, JSON, "{\"partNumber\":1,\"etag\":\"\\\"json-etag\\\"\"}",
          "ETag", "\"header-etag\"", NULL);
  script (q, "POST", "/up/M/complete", 204, NULL, NULL, NULL);

  lk_fal_client_upload_stream_async (q->base.client, stream, -1, "m.zip", "application/zip",
                                     NULL, NULL, NULL, NULL, fixture_result_cb, &q->base);
  result = fixture_wait (&q->base);
  file_url = lk_fal_client_upload_stream_finish (q->base.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file_url, ==, "https://v3.fal.media/files/k/m.zip");

  g_assert_cmpuint (q->seen->len, ==, 3);
  part = g_ptr_array_index (q->seen, 1);
  complete = g_ptr_array_index (q->seen, 2);
  g_assert_cmpstr (part->path, ==, "/up/M/1");
  g_assert_cmpstr (part->query, ==, "token=t%2B1");
  g_assert_null (part->auth);
  g_assert_null (part->content_type);
  g_assert_cmpuint (part->body_length, ==, 10);
  g_assert_cmpstr (complete->path, ==, "/up/M/complete");
  g_assert_cmpstr (complete->query, ==, "token=t%2B1");
  g_assert_null (complete->auth);
  g_assert_nonnull (strstr (complete->body, "\"partNumber\":1"));
  g_assert_nonnull (strstr (complete->body, "json-etag"));
}

/* Download: a redirect is followed without the key, no file_size, no
 * Content-Length. */
static void
test_download_variants (Quirks        *q,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) destination = g_file_new_build_filename (g_get_user_cache_dir (), "d.bin", NULL);
  g_autofree char *location = g_strconcat (q->url, "/files/real.bin", NULL);
  g_autofree char *url = g_strconcat (q->url, "/files/moved.bin", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  script (q, "GET", "/files/moved.bin", 302, NULL, NULL, "Location", location, NULL);
  script_chunked (q, "/files/real.bin", "0123456789abcdef");

  fixture_download (&q->base, url, destination, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (destination, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, "0123456789abcdef", 16);
  g_assert_cmpuint (q->seen->len, ==, 2);
  g_assert_null (((Seen *) g_ptr_array_index (q->seen, 0))->auth);
  g_assert_null (((Seen *) g_ptr_array_index (q->seen, 1))->auth);

  /* A compressed reply: its Content-Length counts encoded bytes, while
   * file_size counts the file's. */
  script_gzip (q, "/files/config.json", "{\"a\":\"" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" "\"}");
  g_free (url);
  url = g_strconcat (q->url, "/files/config.json", NULL);
  fixture_download (&q->base, url, destination, 71, NULL, &error);
  g_assert_no_error (error);
  fixture_download (&q->base, url, destination, -1, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_load_contents (destination, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpuint (length, ==, 71);
}

/* Proxy mode: the full target URL with its query, no body on GET, the key
 * still sent. */
static void
test_proxy_variants (Quirks        *q,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = lk_fal_request_new (FAST_TRAINER, "p1", NULL, NULL, NULL);
  g_autoptr(LkFalStatus) status = NULL;
  g_autofree char *proxy = g_strconcat (q->url, "/api/fal/proxy", NULL);
  LkFalCancelOutcome outcome;
  Seen *seen;

  lk_fal_client_set_queue_url (q->base.client, NULL);
  lk_fal_client_set_proxy_url (q->base.client, proxy);
  script (q, "GET", "/api/fal/proxy", 202, JSON, "{\"status\":\"IN_PROGRESS\"}", NULL);
  script (q, "PUT", "/api/fal/proxy", 202, JSON, "{\"status\":\"CANCELLATION_REQUESTED\"}", NULL);

  status = fixture_status (&q->base, request, TRUE, &error);
  g_assert_no_error (error);
  seen = last_seen (q);
  g_assert_cmpstr (seen->target, ==,
                   "https://queue.fal.run/" FAST_TRAINER "/requests/p1/status?logs=1");
  g_assert_cmpuint (seen->body_length, ==, 0);
  g_assert_nonnull (seen->auth);
  g_assert_true (g_str_has_prefix (seen->auth, "Key "));

  g_assert_true (fixture_cancel (&q->base, request, &outcome, &error));
  g_assert_no_error (error);
  seen = last_seen (q);
  g_assert_cmpstr (seen->method, ==, "PUT");
  g_assert_cmpstr (seen->target, ==, "https://queue.fal.run/" FAST_TRAINER "/requests/p1/cancel");
  g_assert_cmpuint (seen->body_length, ==, 0);
  g_assert_nonnull (seen->auth);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/likeness/fal-quirks/" path, Quirks, NULL, quirks_set_up, func, quirks_tear_down)

  ADD ("status-variants", test_status_variants);
  ADD ("status-unknown-value", test_status_unknown_value);
  ADD ("submit-verbatim", test_submit_verbatim);
  ADD ("submit-no-status", test_submit_no_status);
  ADD ("rebuilt-ids", test_rebuilt_ids);
  ADD ("sse-variants", test_sse_variants);
  ADD ("cancel-variants", test_cancel_variants);
  ADD ("result-variants", test_result_variants);
  ADD ("error-variants", test_error_variants);
  ADD ("storage-variants", test_storage_variants);
  ADD ("multipart-variants", test_multipart_variants);
  ADD ("download-variants", test_download_variants);
  ADD ("proxy-variants", test_proxy_variants);

#undef ADD

  return g_test_run ();
}
