/* test-fake-fal-storage.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fake-fal-test-util.h"

/* The storage, CDN, proxy, request-log and fault-injection side of the fake
 * fal service, driven with plain libsoup. */

static Reply *
initiate (Fixture    *f,
          const char *kind,
          const char *body)
{
  g_autofree char *url = g_strdup_printf ("%s/storage/upload/%s?storage_type=fal-cdn-v3", f->r, kind);

  return POST_JSON (f, url, body);
}

static void
test_single_upload (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Reply) init = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *bad = NULL;
  const char *upload_url, *file_url;

  reply = initiate (f, "initiate", "{\"file_name\":\"a.zip\"}");
  g_assert_cmpuint (reply->status, ==, 422);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_array_get_object_element (json_object_get_array_member (obj (reply), "detail"), 0), "loc"), 1),
                   ==, "content_type");
  g_clear_pointer (&reply, reply_free);

  init = initiate (f, "initiate", "{\"content_type\":\"application/zip\",\"file_name\":\"my set.zip\"}");
  g_assert_cmpuint (init->status, ==, 200);
  upload_url = str (obj (init), "upload_url");
  file_url = str (obj (init), "file_url");
  g_assert_true (g_str_has_prefix (upload_url, f->u));
  g_assert_true (g_str_has_prefix (file_url, f->c));

  /* Not on C before the PUT completes. */
  reply = http (f, "GET", file_url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  g_clear_pointer (&reply, reply_free);

  bad = g_strconcat (upload_url, "x", NULL);
  reply = http (f, "PUT", bad, NULL, "application/zip", "PK\003\004", 4, NULL);
  g_assert_cmpuint (reply->status, ==, 403);
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "PUT", upload_url, NULL, "application/x-test", "0123456789", 10, NULL);
  g_assert_cmpuint (reply->status / 100, ==, 2);
  g_clear_pointer (&reply, reply_free);

  /* One-time URL. */
  reply = http (f, "PUT", upload_url, NULL, "application/zip", "again", 5, NULL);
  g_assert_cmpuint (reply->status, ==, 403);
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "GET", file_url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (header (reply, "Content-Type"), ==, "application/x-test");
  g_assert_cmpstr (header (reply, "Content-Length"), ==, "10");
  g_clear_pointer (&reply, reply_free);

  /* Range support. */
  reply = http (f, "GET", file_url, NULL, NULL, NULL, 0, "Range", "bytes=2-5", NULL);
  g_assert_cmpuint (reply->status, ==, 206);
  g_assert_cmpstr (header (reply, "Content-Range"), ==, "bytes 2-5/10");
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), "2345", 4);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", file_url, NULL, NULL, NULL, 0, "Range", "bytes=7-", NULL);
  g_assert_cmpuint (reply->status, ==, 206);
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), "789", 3);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", file_url, NULL, NULL, NULL, 0, "Range", "bytes=-2", NULL);
  g_assert_cmpuint (reply->status, ==, 206);
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), "89", 2);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", file_url, NULL, NULL, NULL, 0, "Range", "bytes=50-60", NULL);
  g_assert_cmpuint (reply->status, ==, 416);
  g_assert_cmpstr (header (reply, "Content-Range"), ==, "bytes */10");
}

static void
test_multipart (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) init = initiate (f, "initiate-multipart", "{\"content_type\":\"application/zip\",\"file_name\":\"big.zip\"}");
  g_autoptr(Reply) reply = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *etag1 = NULL;
  g_autofree char *etag2 = NULL;
  g_autofree char *body = NULL;
  char *part_url[3];
  g_autofree char *complete = NULL;
  const char *file_url;

  g_assert_cmpuint (init->status, ==, 200);
  file_url = str (obj (init), "file_url");
  uri = g_uri_parse (str (obj (init), "upload_url"), G_URI_FLAGS_ENCODED, NULL);
  for (guint i = 1; i <= 2; i++)
    part_url[i] = g_strdup_printf ("%s%s/%u?%s", f->u, g_uri_get_path (uri), i, g_uri_get_query (uri));
  complete = g_strdup_printf ("%s%s/complete?%s", f->u, g_uri_get_path (uri), g_uri_get_query (uri));

  reply = http (f, "PUT", part_url[1], NULL, NULL, "first-", 6, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (reply), "partNumber"), ==, 1);
  etag1 = g_strdup (str (obj (reply), "etag"));
  g_assert_cmpstr (header (reply, "ETag"), ==, etag1);
  g_assert_cmpuint (strlen (etag1), ==, 34);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "PUT", part_url[2], NULL, NULL, "second", 6, NULL);
  etag2 = g_strdup (str (obj (reply), "etag"));
  g_clear_pointer (&reply, reply_free);

  body = g_strdup_printf ("{\"parts\":[{\"partNumber\":1,\"etag\":\"\\\"0000\\\"\"},{\"partNumber\":2,\"etag\":%s}]}", "\"x\"");
  reply = http (f, "POST", complete, NULL, "application/json", body, -1, NULL);
  g_assert_cmpuint (reply->status, ==, 400);
  g_clear_pointer (&reply, reply_free);
  g_clear_pointer (&body, g_free);

  body = g_strdup_printf ("{\"parts\":[{\"partNumber\":2,\"etag\":\"%s\"}]}", "x");
  reply = http (f, "POST", complete, NULL, "application/json", body, -1, NULL);
  g_assert_cmpuint (reply->status, ==, 400);
  g_clear_pointer (&reply, reply_free);
  g_clear_pointer (&body, g_free);

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "parts");
    json_builder_begin_array (builder);
    for (guint i = 1; i <= 2; i++)
      {
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "partNumber");
        json_builder_add_int_value (builder, i);
        json_builder_set_member_name (builder, "etag");
        json_builder_add_string_value (builder, i == 1 ? etag1 : etag2);
        json_builder_end_object (builder);
      }
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    body = json_to_string (root, FALSE);
  }
  reply = http (f, "POST", complete, NULL, "application/json", body, -1, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "GET", file_url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), "first-second", 12);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", file_url, NULL, NULL, NULL, 0, "Range", "bytes=4-8", NULL);
  g_assert_cmpuint (reply->status, ==, 206);
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), "t-sec", 5);

  for (guint i = 1; i <= 2; i++)
    g_free (part_url[i]);
}

static void
test_leaks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Reply) init = initiate (f, "initiate", "{\"content_type\":\"text/plain\",\"file_name\":\"a.txt\"}");
  g_autoptr(Reply) reply = NULL;
  g_autofree char *log = NULL;

  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (f->fake), ==, 0);
  reply = http (f, "PUT", str (obj (init), "upload_url"), AUTH, "text/plain", "abc", 3, NULL);
  g_assert_cmpuint (reply->status, ==, 400);
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (f->fake), ==, 1);
  g_clear_pointer (&reply, reply_free);

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"strict_no_auth_upload_cdn\":false}"));
  reply = http (f, "PUT", str (obj (init), "upload_url"), AUTH, "text/plain", "abc", 3, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", str (obj (init), "file_url"), AUTH, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (f->fake), ==, 3);

  /* The log keeps the key id, never the secret. */
  log = lk_fake_fal_dup_requests_json (f->fake);
  g_assert_null (strstr (log, "fake-key-secret"));
  g_assert_nonnull (strstr (log, "\"auth_key_id\":\"fake-key-id\""));
  g_assert_nonnull (strstr (log, "\"auth_leak\":true"));
  g_assert_nonnull (strstr (log, "\"listener\":\"U\""));

  /* A secret in a URL is flagged, escaped or not. */
  g_assert_cmpuint (lk_fake_fal_get_url_key_leaks (f->fake), ==, 0);
  {
    g_autofree char *url = url_of (f->c, "/files/x?key=fake-key-id%3Afake-key-secret");
    g_autoptr(Reply) leak = http (f, "GET", url, NULL, NULL, NULL, 0, NULL);

    g_assert_cmpuint (leak->status, ==, 404);
    g_assert_cmpuint (lk_fake_fal_get_url_key_leaks (f->fake), ==, 1);
  }
  g_assert_cmpuint (lk_fake_fal_get_body_key_leaks (f->fake), ==, 0);
  {
    g_autofree char *submit = url_of (f->q, "/" FAST);
    g_autoptr(Reply) leak = POST_JSON (f, submit, "{\"images_data_url\":\"x\",\"trigger_word\":\"fake-key-secret\"}");

    g_assert_cmpuint (leak->status, ==, 200);
    g_assert_cmpuint (lk_fake_fal_get_body_key_leaks (f->fake), ==, 1);
  }
}

static void
test_request_log (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = submit_fast (f, NULL);
  g_autofree char *url = url_of (f->ctl, "/__fake/requests");
  g_autoptr(Reply) reply = http (f, "GET", url, NULL, NULL, NULL, 0, NULL);
  JsonArray *requests;
  JsonObject *submit = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  requests = json_node_get_array (reply->json);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);

      g_assert_cmpint (json_object_get_int_member (entry, "seq"), ==, i + 1);
      if (g_str_equal (str (entry, "listener"), "Q"))
        submit = entry;
    }
  g_assert_nonnull (submit);
  g_assert_cmpstr (str (submit, "method"), ==, "POST");
  g_assert_cmpstr (str (submit, "path"), ==, "/" FAST);
  g_assert_cmpstr (str (submit, "auth"), ==, "present");
  g_assert_cmpstr (str (submit, "auth_key_id"), ==, "fake-key-id");
  g_assert_true (g_str_has_prefix (str (submit, "url"), f->q));
  g_assert_false (json_object_has_member (json_object_get_object_member (submit, "headers"), "authorization"));
  g_assert_cmpstr (str (json_object_get_object_member (submit, "json"), "trigger_word"), ==, "TOK");
  g_assert_cmpint (json_object_get_int_member (submit, "body_length"), >, 10);
}

static void
test_proxy (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *proxy = url_of (f->q, "/api/fal/proxy");
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\"}", f->zip_url);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *text = NULL;

  reply = http (f, "POST", proxy, AUTH, "application/json", input, -1, NULL);
  g_assert_cmpuint (reply->status, ==, 400);
  text = body_text (reply);
  g_assert_cmpstr (text, ==, "Invalid request");
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", proxy, AUTH, "application/json", input, -1,
                "x-fal-target-url", "https://rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3", NULL);
  g_assert_cmpuint (reply->status, ==, 400);
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", proxy, AUTH, "application/json", input, -1,
                "x-fal-target-url", "https://evil.example/queue.fal.run/x", NULL);
  g_assert_cmpuint (reply->status, ==, 400);
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", proxy, NULL, "application/json", input, -1,
                "x-fal-target-url", "https://queue.fal.run/" FAST, NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", proxy, AUTH, "application/json", input, -1,
                "x-fal-target-url", "https://queue.fal.run/" FAST, "x-fal-queue-priority", "normal", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "IN_QUEUE");
  g_assert_cmpstr (header (reply, "x-fal-request-id"), ==, str (obj (reply), "request_id"));
  {
    g_autofree char *target = g_strdup_printf ("https://queue.fal.run/%s/requests/%s/status/stream?logs=1",
                                               FAST, str (obj (reply), "request_id"));
    g_autoptr(Reply) stream = http (f, "GET", proxy, AUTH, NULL, NULL, 0, "x-fal-target-url", target, NULL);
    g_autoptr(GPtrArray) events = NULL;
    g_autofree char *sse = body_text (stream);

    g_assert_cmpuint (stream->status, ==, 200);
    events = parse_events (sse, NULL);
    g_assert_cmpstr (str (g_ptr_array_index (events, events->len - 1), "status"), ==, "COMPLETED");
  }
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", proxy, AUTH, "application/json", "{\"content_type\":\"a/b\",\"file_name\":\"x\"}", -1,
                "x-fal-target-url", "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (g_str_has_prefix (str (obj (reply), "upload_url"), f->u));
}

static void
test_fault_http_errors (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *submit = url_of (f->q, "/" FAST);
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\"}", f->zip_url);
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *r5 = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *text = NULL;

  r1 = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"Q\",\"method\":\"POST\"},\"times\":1,\"action\":{\"respond\":"
                                       "{\"status\":429,\"headers\":{\"Retry-After\":2,\"X-Fal-Needs-Retry\":\"1\"},"
                                       "\"body\":{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"Too many concurrent requests\","
                                       "\"type\":\"concurrent_requests_limit\"}]}}}}");
  reply = POST_JSON (f, submit, input);
  g_assert_cmpuint (reply->status, ==, 429);
  g_assert_cmpstr (header (reply, "Retry-After"), ==, "2");
  g_assert_cmpstr (header (reply, "X-Fal-Needs-Retry"), ==, "1");
  g_assert_nonnull (header (reply, "x-fal-request-id"));
  g_clear_pointer (&reply, reply_free);
  reply = POST_JSON (f, submit, input);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  r2 = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"any\",\"path\":\"/fal-ai/*\"},\"times\":1,\"action\":{\"respond\":"
                                       "{\"status\":502,\"headers\":{\"Content-Type\":\"text/html\"},\"raw\":\"<html>nginx</html>\","
                                       "\"omit_request_id\":true}}}");
  reply = POST_JSON (f, submit, input);
  g_assert_cmpuint (reply->status, ==, 502);
  g_assert_null (header (reply, "x-fal-request-id"));
  g_assert_cmpstr (header (reply, "Content-Type"), ==, "text/html");
  text = body_text (reply);
  g_assert_cmpstr (text, ==, "<html>nginx</html>");
  g_clear_pointer (&reply, reply_free);

  r3 = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\",\"nth\":2},\"times\":1,\"action\":{\"respond\":"
                                       "{\"status\":504,\"headers\":{\"x-fal-request-timeout-type\":\"user\"},"
                                       "\"body\":{\"detail\":\"Request timed out\",\"error_type\":\"request_timeout\"}}}}");
  reply = POST_JSON (f, submit, input);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = POST_JSON (f, submit, input);
  assert_detail (reply, 504, "Request timed out");
  g_assert_cmpstr (header (reply, "x-fal-request-timeout-type"), ==, "user");
  g_assert_cmpstr (header (reply, "X-Fal-Error-Type"), ==, "request_timeout");
  g_clear_pointer (&reply, reply_free);

  r4 = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"Q\"},\"times\":1,\"action\":{\"respond\":"
                                       "{\"status\":422,\"body\":{\"detail\":\"steps must be positive\"}}}}");
  reply = POST_JSON (f, submit, input);
  assert_detail (reply, 422, "steps must be positive");
  g_clear_pointer (&reply, reply_free);

  /* 500 once on status, then the normal answer. */
  {
    g_autofree char *id = submit_fast (f, NULL);
    g_autofree char *status = request_url (f, FAST, id, "/status");

    r5 = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"Q\",\"method\":\"GET\",\"path\":\"*/status\"},\"times\":1,"
                                         "\"action\":{\"respond\":{\"status\":500,\"body\":{\"detail\":\"Internal Server Error\","
                                         "\"error_type\":\"internal_error\"}}}}");
    reply = GET (f, status);
    assert_detail (reply, 500, "Internal Server Error");
    g_clear_pointer (&reply, reply_free);
    reply = GET (f, status);
    g_assert_cmpuint (reply->status / 100, ==, 2);
  }
}

static void
test_fault_result_422 (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *rule = NULL;
  g_autofree char *id = NULL;
  g_autofree char *result = NULL;
  g_autofree char *status = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *submit = url_of (f->q, "/" FAST);
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\"}", f->zip_url);

  /* Armed by id through x-fake-scenario, not by matching. */
  rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"none\"},\"action\":{\"outcome\":{\"result_status\":422,"
                                         "\"result_body\":{\"detail\":[{\"loc\":[\"body\",\"steps\"],\"msg\":\"Input should be less than "
                                         "or equal to 10000\",\"type\":\"less_than_equal\",\"ctx\":{\"le\":10000}}]}}}}");
  reply = http (f, "POST", submit, AUTH, "application/json", input, -1, "x-fake-scenario", rule, NULL);
  id = g_strdup (str (obj (reply), "request_id"));
  g_clear_pointer (&reply, reply_free);
  wait_phase (f, id, "COMPLETED");
  result = request_url (f, FAST, id, "");
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 422);
  g_clear_pointer (&reply, reply_free);
  status = request_url (f, FAST, id, "/status");
  reply = GET (f, status);
  g_assert_cmpstr (str (obj (reply), "error"), ==, "Input should be less than or equal to 10000");
  g_assert_nonnull (str (obj (reply), "error_type"));
}

static void
test_fault_malform (Fixture       *f,
                    gconstpointer  data)
{
  const char *modes[] = { "truncate", "not_json", "wrong_content_type", "empty" };
  g_autofree char *id = submit_fast (f, NULL);
  g_autofree char *result = request_url (f, FAST, id, "");

  g_assert_true (lk_fake_fal_steer_job (f->fake, id, "{\"advance\":\"COMPLETED\"}"));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *rule_json = g_strdup_printf ("{\"match\":{\"listener\":\"Q\",\"method\":\"GET\"},\"times\":1,"
                                                    "\"action\":{\"malform\":\"%s\"}}", modes[i]);
      g_autofree char *rule = lk_fake_fal_add_fault (f->fake, rule_json);
      g_autoptr(Reply) reply = GET (f, result);

      g_assert_cmpuint (reply->status, ==, 200);
      if (g_str_equal (modes[i], "wrong_content_type"))
        {
          g_assert_cmpstr (header (reply, "Content-Type"), ==, "text/html");
          g_assert_nonnull (reply->json);
        }
      else
        {
          g_assert_null (reply->json);
          g_assert_cmpstr (header (reply, "Content-Type"), ==, "application/json");
        }
    }
}

static void
test_fault_sse (Fixture       *f,
                gconstpointer  data)
{
  const char *actions[] = {
    "{\"sse\":{\"drop_after_events\":2}}",
    "{\"sse\":{\"cut_mid_event\":true}}",
    "{\"sse\":{\"stall_ms\":150,\"no_keepalive\":true}}",
  };

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"timing\":{\"keepalive_ms\":30}}"));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *rule_json = g_strdup_printf ("{\"match\":{\"listener\":\"Q\"},\"times\":1,\"action\":%s}", actions[i]);
      g_autofree char *rule = lk_fake_fal_add_fault (f->fake, rule_json);
      g_autofree char *id = submit_fast (f, NULL);
      g_autofree char *url = request_url (f, FAST, id, "/status/stream?logs=1");
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) events = NULL;
      guint status, pings;

      text = read_stream (f, url, &status, NULL);
      g_assert_cmpuint (status, ==, 200);
      events = parse_events (text, &pings);
      g_assert_cmpstr (str (g_ptr_array_index (events, events->len - 1), "status"), !=, "COMPLETED");
      if (i == 0)
        g_assert_cmpuint (events->len, ==, 2);
      else if (i == 1)
        {
          g_assert_cmpuint (events->len, ==, 1);
          g_assert_false (g_str_has_suffix (text, "\n\n"));
        }
      else
        {
          g_assert_cmpuint (events->len, ==, 1);
          g_assert_cmpuint (pings, ==, 0);
        }
      /* The job itself goes on; a status poll shows it. */
      wait_phase (f, id, "COMPLETED");
    }
}

static void
test_fault_upload_reset (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Reply) init = initiate (f, "initiate", "{\"content_type\":\"application/zip\",\"file_name\":\"big.zip\"}");
  g_autoptr(Reply) reply = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *big = g_malloc0 (1024 * 1024);

  rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"U\",\"method\":\"PUT\"},\"times\":1,"
                                         "\"action\":{\"reset_after_bytes\":65536}}");
  /* libsoup 3.2 resends an idempotent PUT once when a reused keep-alive
   * connection drops, and the resent body is empty. Start from a fresh
   * connection so the reset reaches the caller. */
  soup_session_abort (f->session);
  reply = http (f, "PUT", str (obj (init), "upload_url"), NULL, "application/zip", big, 1024 * 1024, NULL);
  g_assert_nonnull (reply->error);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", str (obj (init), "file_url"), NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  g_clear_pointer (&reply, reply_free);

  /* 503 once, then the same URL works. */
  g_clear_pointer (&rule, g_free);
  rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"U\"},\"times\":1,\"action\":{\"respond\":{\"status\":503}}}");
  reply = http (f, "PUT", str (obj (init), "upload_url"), NULL, "application/zip", big, 1000, NULL);
  g_assert_cmpuint (reply->status, ==, 503);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "PUT", str (obj (init), "upload_url"), NULL, "application/zip", big, 1000, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", str (obj (init), "file_url"), NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (g_bytes_get_size (reply->body), ==, 1000);
}

static void
test_fault_throttle (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (30000), 30000);
  g_autofree char *url = upload_bytes (f, bytes, "application/octet-stream");
  g_autofree char *rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"C\"},\"action\":{\"throttle_bps\":100000}}");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(Reply) reply = http (f, "GET", url, NULL, NULL, NULL, 0, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (reply->body), ==, 30000);
  /* 30 kB at 100 kB/s in 10 kB slices: at least two 100 ms pauses. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 190 * 1000);
}

static void
test_control_api (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *config = url_of (f->ctl, "/__fake/config");
  g_autofree char *faults = url_of (f->ctl, "/__fake/faults");
  g_autofree char *jobs = url_of (f->ctl, "/__fake/jobs");
  g_autofree char *reset = url_of (f->ctl, "/__fake/reset");
  g_autofree char *leaks = url_of (f->ctl, "/__fake/leaks");
  g_autofree char *id = NULL;
  g_autofree char *steer = NULL;
  g_autofree char *del = NULL;
  g_autoptr(Reply) reply = NULL;

  {
    g_autofree char *env = lk_fake_fal_dup_urls_env (f->fake);
    g_autofree char *expected = g_strdup_printf ("queue=%s,rest=%s", f->q, f->r);

    g_assert_cmpstr (env, ==, expected);
  }

  reply = http (f, "PUT", config, NULL, "application/json", "{\"log_window\":7,\"keys\":{\"a:b\":\"ok\"}}", -1, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (reply), "log_window"), ==, 7);
  g_assert_cmpstr (str (json_object_get_object_member (obj (reply), "keys"), "a"), ==, "ok");
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", faults, NULL, "application/json",
                "[{\"match\":{\"listener\":\"C\"},\"action\":{\"throttle_bps\":1000}},{\"action\":{\"malform\":\"empty\"},\"times\":0}]", -1, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (reply), "ids")), ==, 2);
  del = g_strdup_printf ("%s/%s", faults, str (obj (reply), "id"));
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "DELETE", del, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "DELETE", del, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  g_clear_pointer (&reply, reply_free);

  /* Rules with wrongly typed actions are refused up front. */
  g_assert_null (lk_fake_fal_add_fault (f->fake, "{\"action\":{\"sse\":1}}"));
  g_assert_null (lk_fake_fal_add_fault (f->fake, "{\"action\":{\"respond\":{\"status\":\"500\"}}}"));
  g_assert_null (lk_fake_fal_add_fault (f->fake, "{\"match\":{}}"));
  reply = http (f, "POST", faults, NULL, "application/json", "{\"action\":{\"malform\":true}}", -1, NULL);
  g_assert_cmpuint (reply->status, ==, 400);
  g_clear_pointer (&reply, reply_free);

  id = submit_fast (f, NULL);
  steer = g_strdup_printf ("%s/%s", jobs, id);
  reply = http (f, "POST", steer, NULL, "application/json", "{\"advance\":\"COMPLETED\"}", -1, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", jobs, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpstr (str (json_array_get_object_element (json_node_get_array (reply->json), 0), "phase"), ==, "COMPLETED");
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "GET", leaks, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpint (json_object_get_int_member (obj (reply), "auth_leaks"), ==, 0);
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", reset, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", jobs, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (reply->json)), ==, 0);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "POST", steer, NULL, "application/json", "{\"advance\":\"COMPLETED\"}", -1, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
}

static void
test_multipart_part_retry (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(Reply) init = initiate (f, "initiate-multipart", "{\"content_type\":\"application/zip\",\"file_name\":\"big.zip\"}");
  g_autoptr(Reply) reply = NULL;
  g_autoptr(GUri) uri = g_uri_parse (str (obj (init), "upload_url"), G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *part = g_strdup_printf ("%s%s/1?%s", f->u, g_uri_get_path (uri), g_uri_get_query (uri));
  g_autofree char *rule = NULL;

  rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"listener\":\"U\",\"method\":\"PUT\",\"path\":\"*/1\",\"nth\":1},"
                                         "\"times\":1,\"action\":{\"respond\":{\"status\":503}}}");
  reply = http (f, "PUT", part, NULL, NULL, "abc", 3, NULL);
  g_assert_cmpuint (reply->status, ==, 503);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "PUT", part, NULL, NULL, "abc", 3, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (reply), "partNumber"), ==, 1);
}

typedef struct
{
  GCancellable *cancellable;
  goffset       written;
} AbortData;

static void
wrote_body_data_cb (SoupMessage *msg,
                    guint        chunk_size,
                    AbortData   *abort_data)
{
  abort_data->written += chunk_size;
  if (abort_data->written >= 256 * 1024)
    g_cancellable_cancel (abort_data->cancellable);
}

static void
abort_sent_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) user_data = TRUE;
}

static void
test_upload_abort (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Reply) init = initiate (f, "initiate", "{\"content_type\":\"application/zip\",\"file_name\":\"big.zip\"}");
  g_autoptr(Reply) reply = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", str (obj (init), "upload_url"));
  g_autoptr(GBytes) body = g_bytes_new_take (g_malloc0 (8 * 1024 * 1024), 8 * 1024 * 1024);
  g_autofree char *jobs = NULL;
  AbortData abort_data = { g_cancellable_new (), 0 };
  gboolean done = FALSE;

  soup_message_set_request_body_from_bytes (msg, "application/zip", body);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), &abort_data);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, abort_data.cancellable,
                                    abort_sent_cb, &done);
  iterate_until (&done);
  g_object_unref (abort_data.cancellable);

  reply = http (f, "GET", str (obj (init), "file_url"), NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  jobs = lk_fake_fal_dup_jobs_json (f->fake);
  g_assert_cmpstr (jobs, ==, "[]");
}

static void
test_python_storage (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *token_url = url_of (f->r, "/storage/auth/token?storage_type=fal-cdn-v3");
  g_autofree char *single = url_of (f->u, "/files/upload");
  g_autofree char *start = url_of (f->u, "/files/upload/multipart");
  g_autofree char *bearer = NULL;
  g_autofree char *part = NULL;
  g_autofree char *complete = NULL;
  g_autofree char *body = NULL;
  g_autofree char *access = NULL;
  g_autoptr(Reply) reply = NULL;

  reply = POST_JSON (f, token_url, "{}");
  g_assert_cmpuint (reply->status, ==, 404);
  g_clear_pointer (&reply, reply_free);

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"python_storage\":true}"));
  reply = POST_JSON (f, token_url, "{}");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (str (obj (reply), "token_type"), ==, "Bearer");
  g_assert_cmpstr (str (obj (reply), "base_url"), ==, f->u);
  bearer = g_strdup_printf ("Bearer %s", str (obj (reply), "token"));
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", single, "Bearer wrong", "text/plain", "hello", 5, "X-Fal-File-Name", "a.txt", NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "POST", single, bearer, "text/plain", "hello", 5, "X-Fal-File-Name", "a.txt", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  access = g_strdup (str (obj (reply), "access_url"));
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", access, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), "hello", 5);
  g_assert_cmpstr (header (reply, "Content-Type"), ==, "text/plain");
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", start, bearer, "application/zip", NULL, 0, "X-Fal-File-Name", "b.zip", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  part = g_strdup_printf ("%s/multipart/%s/1", str (obj (reply), "access_url"), str (obj (reply), "uploadId"));
  complete = g_strdup_printf ("%s/multipart/%s/complete", str (obj (reply), "access_url"), str (obj (reply), "uploadId"));
  g_free (access);
  access = g_strdup (str (obj (reply), "access_url"));
  g_assert_true (g_str_has_prefix (access, f->c));
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "PUT", part, bearer, "application/zip", "PK", 2, "Accept-Encoding", "identity", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  {
    g_autofree char *etag = g_strescape (header (reply, "ETag"), NULL);

    body = g_strdup_printf ("{\"parts\":[{\"partNumber\":1,\"etag\":\"%s\"}]}", etag);
  }
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "POST", complete, bearer, "application/json", body, -1, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = http (f, "GET", access, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), "PK", 2);
  /* A CDN token is not the fal key: no leak. */
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (f->fake), ==, 0);
}

static void
test_client_mode_token (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *tokens = url_of (f->r, "/tokens/");
  g_autofree char *id = submit_fast (f, NULL);
  g_autofree char *url = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) status = NULL;
  g_autofree char *head_url = NULL;

  reply = POST_JSON (f, tokens, "{\"allowed_apps\":[\"flux-lora-fast-training\"],\"token_expiration\":120}");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_VALUE (reply->json));
  escaped = g_uri_escape_string (json_node_get_string (reply->json), NULL, TRUE);
  url = g_strdup_printf ("%s/%s/requests/%s/status?logs=0&fal_jwt_token=%s", f->q, FAST, id, escaped);
  status = http (f, "GET", url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (status->status, ==, 202);
  g_clear_pointer (&status, reply_free);

  /* HEAD on the CDN gives the headers only. */
  head_url = g_strdup (f->zip_url);
  status = http (f, "HEAD", head_url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (status->status, ==, 200);
  g_assert_cmpstr (header (status, "Content-Length"), ==, "3758");
}

int
main (int   argc,
      char *argv[])
{
  /* Loopback only: keep GIO's GSettings-based proxy lookup out, as the
   * test environment has no org.gnome.system.proxy schema. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/likeness/fake-fal/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("storage/single", test_single_upload);
  ADD ("storage/multipart", test_multipart);
  ADD ("storage/leaks", test_leaks);
  ADD ("storage/multipart-part-retry", test_multipart_part_retry);
  ADD ("storage/upload-abort", test_upload_abort);
  ADD ("storage/python-path", test_python_storage);
  ADD ("client-mode-token", test_client_mode_token);
  ADD ("request-log", test_request_log);
  ADD ("proxy", test_proxy);
  ADD ("faults/http-errors", test_fault_http_errors);
  ADD ("faults/result-422", test_fault_result_422);
  ADD ("faults/malform", test_fault_malform);
  ADD ("faults/sse", test_fault_sse);
  ADD ("faults/upload-reset", test_fault_upload_reset);
  ADD ("faults/throttle", test_fault_throttle);
  ADD ("control-api", test_control_api);
#undef ADD

  return g_test_run ();
}
