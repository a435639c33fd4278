/* test-fake-fal.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fake-fal-test-util.h"

/* The queue side of the fake fal service, driven with plain libsoup:
 * auth, routing, life cycle, logs, stream, failures, cancel, validation. */

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *submit = url_of (f->q, "/" FAST);
  g_autofree char *initiate = url_of (f->r, "/storage/upload/initiate?storage_type=fal-cdn-v3");
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  g_autoptr(Reply) reply = NULL;
  const char *input = "{\"images_data_url\":\"https://example.org/a.zip\"}";

  reply = http (f, "POST", submit, NULL, "application/json", input, -1, NULL);
  assert_detail (reply, 401, "No user found for Key ID and Secret");
  g_assert_nonnull (header (reply, "x-fal-request-id"));
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", submit, "Key nocolon", "application/json", input, -1, NULL);
  assert_detail (reply, 401, "Invalid Key Authorization header format. Expected '<key_id>:<key_secret>'.");
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", submit, "Key someone:else", "application/json", input, -1, NULL);
  assert_detail (reply, 401, "No user found for Key ID and Secret");
  g_clear_pointer (&reply, reply_free);

  reply = http (f, "POST", initiate, NULL, "application/json", "{}", -1, NULL);
  assert_detail (reply, 401, "No user found for Key ID and Secret");
  g_clear_pointer (&reply, reply_free);

  /* A job submitted before the balance ran out can still be watched. */
  id = submit_json (f, FAST, input, NULL);
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"keys\":{\"" LK_FAKE_FAL_KEY "\":\"exhausted_balance\"}}"));
  reply = POST_JSON (f, submit, input);
  assert_detail (reply, 403, "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.");
  g_clear_pointer (&reply, reply_free);
  reply = POST_JSON (f, initiate, "{\"content_type\":\"application/zip\",\"file_name\":\"a.zip\"}");
  g_assert_cmpuint (reply->status, ==, 403);
  g_clear_pointer (&reply, reply_free);
  status = request_url (f, FAST, id, "/status?logs=0");
  reply = GET (f, status);
  g_assert_cmpuint (reply->status / 100, ==, 2);
  g_clear_pointer (&reply, reply_free);

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"keys\":{\"" LK_FAKE_FAL_KEY "\":\"admin_lock\"}}"));
  reply = POST_JSON (f, submit, input);
  assert_detail (reply, 403, "User is locked. Reason: Admin lock. Please contact support@fal.ai");
}

static void
test_routing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) submit = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *full = NULL;
  g_autofree char *reduced = NULL;
  g_autofree char *slash = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *unknown = url_of (f->q, "/fal-ai/no-such-app");

  id = submit_json (f, "fal-ai/flux-pro/v1.1-ultra-finetuned",
                    "{\"prompt\":\"a cat\",\"finetune_id\":\"ft\",\"finetune_strength\":1.0}", &submit);
  expected = request_url (f, "fal-ai/flux-pro", id, "/status");
  g_assert_cmpstr (str (obj (submit), "status_url"), ==, expected);
  g_assert_cmpstr (header (submit, "x-fal-request-id"), ==, id);

  full = request_url (f, "fal-ai/flux-pro/v1.1-ultra-finetuned", id, "/status");
  reply = GET (f, full);
  assert_detail (reply, 404, "Not Found");
  g_assert_nonnull (header (reply, "x-fal-request-id"));
  g_clear_pointer (&reply, reply_free);

  reduced = request_url (f, "fal-ai/flux-pro", id, "/status?logs=true");
  reply = GET (f, reduced);
  g_assert_cmpuint (reply->status, ==, 202);
  g_assert_cmpstr (header (reply, "x-fal-request-id"), ==, id);
  g_clear_pointer (&reply, reply_free);

  slash = request_url (f, "fal-ai/flux-pro", id, "/status/?logs=0");
  reply = http (f, "GET", slash, AUTH, NULL, NULL, 0, "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream", NULL);
  g_assert_cmpuint (reply->status, ==, 202);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (obj (reply), "logs")));
  g_clear_pointer (&reply, reply_free);

  reply = POST_JSON (f, unknown, "{}");
  assert_detail (reply, 404, "Not Found");
  g_clear_pointer (&reply, reply_free);

  /* Namespaced ids keep three segments. */
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"apps\":{\"workflows/me/wf/sub\":\"active\"}}"));
  {
    g_autofree char *wf_id = submit_json (f, "workflows/me/wf/sub", "{}", NULL);
    g_autofree char *wf_status = request_url (f, "workflows/me/wf", wf_id, "/status");
    g_autofree char *wf_full = request_url (f, "workflows/me/wf/sub", wf_id, "/status");

    reply = GET (f, wf_status);
    g_assert_cmpuint (reply->status, ==, 202);
    g_clear_pointer (&reply, reply_free);
    reply = GET (f, wf_full);
    g_assert_cmpuint (reply->status, ==, 404);
    g_clear_pointer (&reply, reply_free);
  }

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"apps\":{\"fal-ai/flux-pro-trainer\":{\"state\":\"deprecated\"},"
                                                 "\"fal-ai/turbo-flux-trainer\":\"missing\"}}"));
  g_clear_pointer (&unknown, g_free);
  unknown = url_of (f->q, "/fal-ai/flux-pro-trainer");
  reply = POST_JSON (f, unknown, "{\"data_url\":\"x\",\"finetune_comment\":\"c\"}");
  assert_detail (reply, 404, "Not Found");
  g_clear_pointer (&reply, reply_free);
  g_clear_pointer (&unknown, g_free);
  unknown = url_of (f->q, "/fal-ai/turbo-flux-trainer");
  reply = POST_JSON (f, unknown, "{\"images_data_url\":\"x\"}");
  g_assert_cmpuint (reply->status, ==, 404);
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) submit = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *result = NULL;
  g_autofree char *prefix = NULL;
  JsonArray *logs;
  JsonObject *lora;
  gsize header_len;
  const guint8 *bytes;

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"log_window\":3}"));
  id = submit_fast (f, &submit);
  g_assert_cmpstr (str (obj (submit), "status"), ==, "IN_QUEUE");
  g_assert_cmpint (json_object_get_int_member (obj (submit), "queue_position"), ==, 2);
  prefix = g_strdup_printf ("%s/%s/requests/%s", f->q, FAST, id);
  g_assert_cmpstr (str (obj (submit), "response_url"), ==, prefix);
  g_assert_true (g_str_has_prefix (str (obj (submit), "cancel_url"), prefix));

  status = request_url (f, FAST, id, "/status?logs=1");
  result = request_url (f, FAST, id, "");
  reply = GET (f, status);
  g_assert_cmpuint (reply->status, ==, 202);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "IN_QUEUE");
  g_assert_true (json_object_has_member (obj (reply), "queue_position"));
  g_clear_pointer (&reply, reply_free);

  reply = GET (f, result);
  assert_detail (reply, 400, "Request is still in progress");
  g_clear_pointer (&reply, reply_free);

  wait_phase (f, id, "COMPLETED");
  reply = GET (f, status);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "COMPLETED");
  g_assert_false (json_object_has_member (obj (reply), "error"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (obj (reply), "metrics"),
                                                    "inference_time"), >, 0.0);
  /* Sliding window: only the last 3 entries, ending with the save line. */
  logs = json_object_get_array_member (obj (reply), "logs");
  g_assert_cmpuint (json_array_get_length (logs), ==, 3);
  g_assert_cmpstr (str (json_array_get_object_element (logs, 2), "message"), ==, "Saving LoRA weights");
  g_assert_cmpstr (str (json_array_get_object_element (logs, 1), "message"), ==, "step 500/500, loss=0.0724");
  g_assert_cmpstr (str (json_array_get_object_element (logs, 1), "level"), ==, "INFO");
  g_assert_cmpstr (str (json_array_get_object_element (logs, 1), "source"), ==, "USER");
  g_assert_nonnull (str (json_array_get_object_element (logs, 1), "timestamp"));
  g_clear_pointer (&reply, reply_free);

  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (header (reply, "x-fal-request-id"), ==, id);
  lora = json_object_get_object_member (obj (reply), "diffusers_lora_file");
  g_assert_true (g_str_has_prefix (str (lora, "url"), f->c));
  g_assert_cmpstr (str (lora, "file_name"), ==, "pytorch_lora_weights.safetensors");
  g_assert_true (json_object_has_member (obj (reply), "config_file"));

  {
    g_autoptr(Reply) file = http (f, "GET", str (lora, "url"), NULL, NULL, NULL, 0, NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_cmpuint (file->status, ==, 200);
    g_assert_cmpint (g_bytes_get_size (file->body), ==, json_object_get_int_member (lora, "file_size"));
    g_assert_cmpstr (header (file, "Content-Type"), ==, "application/octet-stream");
    bytes = g_bytes_get_data (file->body, NULL);
    header_len = GUINT64_FROM_LE (*(guint64 *) bytes);
    g_assert_cmpuint (header_len % 8, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, (const char *) bytes + 8, header_len, NULL));
    g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "__metadata__"));
    g_assert_cmpuint (g_bytes_get_size (file->body), ==, 8 + header_len + 4 * 4 * 64 * 4);
  }
}

static void
test_inference (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *result = NULL;
  JsonObject *image;

  id = submit_json (f, "fal-ai/flux-lora",
                    "{\"prompt\":\"TOK\",\"image_size\":\"square\",\"output_format\":\"png\","
                    "\"loras\":[{\"path\":\"https://x/y.safetensors\",\"scale\":1}]}", NULL);
  wait_phase (f, id, "COMPLETED");
  result = request_url (f, "fal-ai/flux-lora", id, "/response");
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 200);
  image = json_array_get_object_element (json_object_get_array_member (obj (reply), "images"), 0);
  g_assert_cmpint (json_object_get_int_member (image, "width"), ==, 512);
  g_assert_cmpint (json_object_get_int_member (image, "height"), ==, 512);
  g_assert_cmpstr (str (image, "content_type"), ==, "image/png");
  {
    g_autoptr(Reply) file = http (f, "GET", str (image, "url"), NULL, NULL, NULL, 0, NULL);

    g_assert_cmpuint (file->status, ==, 200);
    g_assert_cmpstr (header (file, "Content-Type"), ==, "image/png");
    g_assert_cmpint (memcmp (g_bytes_get_data (file->body, NULL), "\x89PNG", 4), ==, 0);
  }
  g_clear_pointer (&reply, reply_free);
  g_clear_pointer (&id, g_free);

  id = submit_json (f, "fal-ai/flux-pro-trainer", "{\"data_url\":\"https://x/a.zip\",\"finetune_comment\":\"me\"}", NULL);
  wait_phase (f, id, "COMPLETED");
  g_clear_pointer (&result, g_free);
  result = request_url (f, "fal-ai/flux-pro-trainer", id, "");
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (str (obj (reply), "finetune_id"));
}

static void
test_stream (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = submit_fast (f, NULL);
  g_autofree char *url = request_url (f, FAST, id, "/status/stream?logs=1");
  g_autofree char *content_type = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *last;
  guint status;
  guint n_logs = 0;

  text = read_stream (f, url, &status, &content_type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (content_type, ==, "text/event-stream");
  events = parse_events (text, NULL);
  g_assert_cmpuint (events->len, >=, 4);
  g_assert_cmpstr (str (g_ptr_array_index (events, 0), "status"), ==, "IN_QUEUE");
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (str (last, "status"), ==, "COMPLETED");
  g_assert_true (g_str_has_suffix (text, "\n\n"));

  /* Each log entry arrives exactly once across the events. */
  for (guint i = 0; i < events->len; i++)
    {
      JsonArray *logs = json_object_get_array_member (g_ptr_array_index (events, i), "logs");

      for (guint j = 0; j < json_array_get_length (logs); j++)
        {
          const char *message = str (json_array_get_object_element (logs, j), "message");

          g_assert_false (g_hash_table_contains (seen, message));
          g_hash_table_add (seen, g_strdup (message));
          n_logs++;
        }
    }
  g_assert_cmpuint (n_logs, ==, 15 + 2 - 3 + 1);
  g_assert_true (g_hash_table_contains (seen, "Preprocessing 5 images"));

  /* An already completed job gives one COMPLETED event, then EOF. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&events, g_ptr_array_unref);
  text = read_stream (f, url, &status, NULL);
  events = parse_events (text, NULL);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (str (g_ptr_array_index (events, 0), "status"), ==, "COMPLETED");
}

/* Checks a whole training log: the fixed lines around a body whose step lines
 * carry strictly increasing steps ending at @total/@total; every step from 1
 * is there when @every_step. */
static void
assert_training_log (GPtrArray *messages,
                     gint64     total,
                     gboolean   every_step)
{
  g_autofree char *last_step = g_strdup_printf ("step %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ", loss=",
                                                total, total);
  const char *last_step_line = NULL;
  gint64 previous = 0;

  g_assert_cmpuint (messages->len, >=, 4);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, "Preprocessing 5 images");
  g_assert_cmpstr (g_ptr_array_index (messages, 1), ==, "Loading model...");
  g_assert_cmpstr (g_ptr_array_index (messages, messages->len - 1), ==, "Saving LoRA weights");
  for (guint i = 2; i + 1 < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);
      gint64 step, of;

      if (g_str_has_prefix (message, "  micro-batch "))
        continue;
      g_assert_cmpint (sscanf (message, "step %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, &step, &of), ==, 2);
      g_assert_cmpint (of, ==, total);
      g_assert_cmpint (step, >, previous);
      if (every_step)
        g_assert_cmpint (step, ==, previous + 1);
      previous = step;
      last_step_line = message;
    }
  g_assert_cmpint (previous, ==, total);
  g_assert_true (g_str_has_prefix (last_step_line, last_step));
  /* The step line for the total is the last line of the body. */
  g_assert_true (last_step_line == g_ptr_array_index (messages, messages->len - 2));
}

/* Appends the entries of @logs to @messages (and @stamps), checking that the
 * timestamps strictly increase. */
static void
collect_logs (JsonArray *logs,
              GPtrArray *messages,
              GPtrArray *stamps)
{
  for (guint j = 0; j < json_array_get_length (logs); j++)
    {
      JsonObject *entry = json_array_get_object_element (logs, j);

      if (stamps->len > 0)
        g_assert_cmpstr (str (entry, "timestamp"), >, g_ptr_array_index (stamps, stamps->len - 1));
      g_ptr_array_add (messages, g_strdup (str (entry, "message")));
      g_ptr_array_add (stamps, g_strdup (str (entry, "timestamp")));
    }
}

static void
test_log_steps (Fixture       *f,
                gconstpointer  data)
{
  /* 15 ticks: 12 body lines for 30 steps, then 72 for 30 (five per tick). */
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\",\"steps\":30}", f->zip_url);
      g_autofree char *id = submit_json (f, FAST, input, NULL);
      g_autofree char *url = request_url (f, FAST, id, "/status/stream?logs=1");
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) stamps = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) events = NULL;
      g_autofree char *text = NULL;
      guint status;

      wait_phase (f, id, "COMPLETED");
      text = read_stream (f, url, &status, NULL);
      events = parse_events (text, NULL);
      g_assert_cmpuint (events->len, ==, 1);
      collect_logs (json_object_get_array_member (g_ptr_array_index (events, 0), "logs"), messages, stamps);
      g_assert_cmpuint (messages->len, ==, round == 0 ? 15 : 75);
      assert_training_log (messages, 30, round == 1);
      g_assert_true (lk_fake_fal_configure (f->fake, "{\"timing\":{\"log_batch\":5}}"));
    }
}

static void
test_log_batch (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\",\"steps\":30}", f->zip_url);
  g_autoptr(GPtrArray) streamed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) streamed_stamps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) full = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) full_stamps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_array_unref);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *text = NULL;
  g_autofree char *config = NULL;
  guint status;

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"timing\":{\"log_batch\":5},\"log_window\":7}"));
  config = lk_fake_fal_dup_config_json (f->fake);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, config, -1, NULL));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                                                "timing"), "log_batch"), ==, 5);
  }

  /* Over the stream: five new lines per event, in order, each once. */
  {
    g_autofree char *id = submit_json (f, FAST, input, NULL);
    g_autofree char *url = request_url (f, FAST, id, "/status/stream?logs=1");

    text = read_stream (f, url, &status, NULL);
    g_assert_cmpuint (status, ==, 200);
    events = parse_events (text, NULL);
    for (guint i = 0; i < events->len; i++)
      {
        JsonArray *logs = json_object_get_array_member (g_ptr_array_index (events, i), "logs");

        g_assert_cmpuint (json_array_get_length (logs) % 5, ==, 0);
        collect_logs (logs, streamed, streamed_stamps);
      }
    g_assert_cmpuint (streamed->len, ==, 75);
    assert_training_log (streamed, 30, TRUE);
  }

  /* Over polling: every window is the last 7 lines written, and lines are
   * written five at a time. */
  {
    g_autofree char *id = submit_json (f, FAST, input, NULL);
    g_autofree char *status_url = request_url (f, FAST, id, "/status?logs=1");
    g_autofree char *url = request_url (f, FAST, id, "/status/stream?logs=1");
    gboolean completed = FALSE;

    for (guint n = 0; n < 10000 && !completed; n++)
      {
        g_autoptr(Reply) reply = GET (f, status_url);
        JsonNode *logs = json_object_get_member (obj (reply), "logs");

        completed = g_str_equal (str (obj (reply), "status"), "COMPLETED");
        if (JSON_NODE_HOLDS_ARRAY (logs) && json_array_get_length (json_node_get_array (logs)) > 0)
          g_ptr_array_add (windows, json_array_ref (json_node_get_array (logs)));
      }
    g_assert_true (completed);
    g_assert_cmpuint (windows->len, >, 0);
    g_test_message ("%u polled windows", windows->len);

    g_clear_pointer (&text, g_free);
    g_clear_pointer (&events, g_ptr_array_unref);
    text = read_stream (f, url, &status, NULL);
    events = parse_events (text, NULL);
    g_assert_cmpuint (events->len, ==, 1);
    collect_logs (json_object_get_array_member (g_ptr_array_index (events, 0), "logs"), full, full_stamps);

    /* The same text as the other job: it depends on config and input only. */
    g_assert_cmpuint (full->len, ==, streamed->len);
    for (guint i = 0; i < full->len; i++)
      g_assert_cmpstr (g_ptr_array_index (full, i), ==, g_ptr_array_index (streamed, i));

    for (guint w = 0; w < windows->len; w++)
      {
        JsonArray *window = g_ptr_array_index (windows, w);
        guint len = json_array_get_length (window);
        const char *last = str (json_array_get_object_element (window, len - 1), "timestamp");
        guint end = 0;

        while (end < full_stamps->len && g_strcmp0 (g_ptr_array_index (full_stamps, end), last) != 0)
          end++;
        g_assert_cmpuint (end, <, full_stamps->len);
        end++;
        g_assert_cmpuint (end % 5, ==, 0);
        g_assert_cmpuint (len, ==, MIN (7, end));
        for (guint k = 0; k < len; k++)
          {
            JsonObject *entry = json_array_get_object_element (window, k);

            g_assert_cmpstr (str (entry, "timestamp"), ==, g_ptr_array_index (full_stamps, end - len + k));
            g_assert_cmpstr (str (entry, "message"), ==, g_ptr_array_index (full, end - len + k));
          }
      }
  }
}

static void
test_keepalive (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rule = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint status, pings;

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"timing\":{\"keepalive_ms\":20}}"));
  rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,"
                                          "\"action\":{\"outcome\":{\"queue_ms\":250,\"queue_position_start\":0}}}");
  g_assert_nonnull (rule);
  id = submit_fast (f, NULL);
  url = request_url (f, FAST, id, "/status/stream?logs=0");
  text = read_stream (f, url, &status, NULL);
  events = parse_events (text, &pings);
  g_assert_cmpuint (pings, >=, 3);
  g_assert_cmpstr (str (g_ptr_array_index (events, events->len - 1), "status"), ==, "COMPLETED");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (g_ptr_array_index (events, 0), "logs")));
}

typedef struct
{
  GInputStream *stream;
  GBytes       *bytes;
  GError       *error;
  gboolean      done;
} Partial;

static void
partial_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Partial *partial = user_data;

  partial->bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &partial->error);
  partial->done = TRUE;
}

static void
partial_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Partial *partial = user_data;

  partial->stream = soup_session_send_finish (SOUP_SESSION (source), result, &partial->error);
  g_assert_no_error (partial->error);
  g_input_stream_read_bytes_async (partial->stream, 4096, G_PRIORITY_DEFAULT, NULL, partial_read_cb, partial);
}

/* Opens a status stream and reads its first chunk. */
static GInputStream *
open_stream (SoupSession *session,
             const char  *url)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  Partial partial = { NULL, NULL, NULL, FALSE };

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", AUTH);
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, NULL, partial_sent_cb, &partial);
  iterate_until (&partial.done);
  g_assert_no_error (partial.error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (partial.bytes, NULL), "data: "));
  g_bytes_unref (partial.bytes);

  return partial.stream;
}

static void
test_stream_disconnect (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = submit_fast (f, NULL);
  g_autofree char *url = request_url (f, FAST, id, "/status/stream?logs=1");
  GInputStream *stream = open_stream (f->session, url);

  /* The client goes away; the job carries on and nothing is written to
   * the dead connection. */
  g_input_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
  wait_phase (f, id, "COMPLETED");
}

static void
test_dispose_during_stream (Fixture       *f,
                            gconstpointer  data)
{
  Fixture other = *f;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  GInputStream *stream;
  Partial partial = { NULL, NULL, NULL, FALSE };

  other.fake = lk_fake_fal_new ();
  g_assert_true (lk_fake_fal_start (other.fake, &error));
  other.q = lk_fake_fal_get_url (other.fake, LK_FAKE_FAL_QUEUE);
  g_assert_true (lk_fake_fal_configure (other.fake, "{\"timing\":{\"queue_ms\":60000}}"));
  id = submit_json (&other, FAST, "{\"images_data_url\":\"https://example.org/a.zip\"}", NULL);
  url = request_url (&other, FAST, id, "/status/stream?logs=1");
  stream = open_stream (f->session, url);

  g_assert_finalize_object (other.fake);

  /* The stream ends (EOF or error), it does not hang. */
  g_input_stream_read_bytes_async (stream, 4096, G_PRIORITY_DEFAULT, NULL, partial_read_cb, &partial);
  iterate_until (&partial.done);
  g_assert_true (partial.error != NULL || g_bytes_get_size (partial.bytes) == 0);
  g_clear_error (&partial.error);
  g_clear_pointer (&partial.bytes, g_bytes_unref);
  g_object_unref (stream);
}

static void
test_failure (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *rule = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *result = NULL;
  g_autoptr(Reply) reply = NULL;
  JsonArray *logs;
  JsonObject *last;

  rule = lk_fake_fal_add_fault (f->fake,
                                "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,\"action\":{\"outcome\":{"
                                "\"fail_after_ms\":40,\"error\":\"Runner disconnected\",\"error_type\":\"runner_disconnected\","
                                "\"logs\":[\"Preprocessing 3 images\",\"{\\\"traceback\\\": \\\"ValueError: not enough images\\\"}\"],"
                                "\"result_status\":500,\"result_body\":{\"detail\":\"not enough images\"}}}}");
  id = submit_fast (f, NULL);
  wait_phase (f, id, "COMPLETED");
  status = request_url (f, FAST, id, "/status?logs=1");
  reply = GET (f, status);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "COMPLETED");
  g_assert_cmpstr (str (obj (reply), "error"), ==, "Runner disconnected");
  g_assert_cmpstr (str (obj (reply), "error_type"), ==, "runner_disconnected");
  logs = json_object_get_array_member (obj (reply), "logs");
  last = json_array_get_object_element (logs, json_array_get_length (logs) - 1);
  g_assert_cmpstr (str (last, "level"), ==, "ERROR");
  g_assert_true (g_str_has_prefix (str (last, "message"), "{\"traceback\": "));
  g_clear_pointer (&reply, reply_free);

  result = request_url (f, FAST, id, "");
  reply = GET (f, result);
  assert_detail (reply, 500, "not enough images");
  g_clear_pointer (&reply, reply_free);
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&status, g_free);
  g_clear_pointer (&result, g_free);

  /* Without an explicit result the body follows the error type. */
  g_clear_pointer (&rule, g_free);
  rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,\"action\":{\"outcome\":{"
                                          "\"error\":\"Boom\",\"error_type\":\"runner_server_error\"}}}");
  id = submit_fast (f, NULL);
  wait_phase (f, id, "COMPLETED");
  result = request_url (f, FAST, id, "");
  reply = GET (f, result);
  assert_detail (reply, 500, "Boom");
  g_assert_cmpstr (str (obj (reply), "error_type"), ==, "runner_server_error");
  g_assert_cmpstr (header (reply, "X-Fal-Error-Type"), ==, "runner_server_error");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *cancel = NULL;
  g_autofree char *status = NULL;
  g_autofree char *result = NULL;
  g_autofree char *unknown = request_url (f, FAST, "00000000-0000-0000-0000-000000000000", "/cancel");

  /* Queued: accepted, never runs. */
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"timing\":{\"queue_ms\":60000}}"));
  id = submit_fast (f, NULL);
  cancel = request_url (f, FAST, id, "/cancel");
  reply = http (f, "PUT", cancel, AUTH, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 202);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "CANCELLATION_REQUESTED");
  g_clear_pointer (&reply, reply_free);
  status = request_url (f, FAST, id, "/status?logs=1");
  reply = GET (f, status);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "COMPLETED");
  g_assert_cmpstr (str (obj (reply), "error"), ==, "Request cancelled");
  g_assert_cmpstr (str (obj (reply), "error_type"), ==, "client_cancelled");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (reply), "logs")), ==, 0);
  g_clear_pointer (&reply, reply_free);
  result = request_url (f, FAST, id, "");
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 499);
  g_assert_cmpstr (str (obj (reply), "error_type"), ==, "client_cancelled");
  g_clear_pointer (&reply, reply_free);

  /* Completed: 400 ALREADY_COMPLETED. */
  reply = http (f, "PUT", cancel, AUTH, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 400);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "ALREADY_COMPLETED");
  g_clear_pointer (&reply, reply_free);

  /* Unknown: 404 NOT_FOUND. */
  reply = http (f, "PUT", unknown, AUTH, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "NOT_FOUND");
  g_clear_pointer (&reply, reply_free);

  /* In progress, held there: accepted, then ends cancelled; code from config. */
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"cancel_ok_code\":200}"));
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&cancel, g_free);
  id = submit_fast (f, NULL);
  g_assert_true (lk_fake_fal_steer_job (f->fake, id, "{\"advance\":\"IN_PROGRESS\",\"hold\":true}"));
  g_assert_true (job_in_phase (f, id, "IN_PROGRESS"));
  cancel = request_url (f, FAST, id, "/cancel");
  reply = http (f, "PUT", cancel, AUTH, "application/json", NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  wait_phase (f, id, "COMPLETED");
  {
    g_autoptr(JsonObject) job = find_job (f, id);

    g_assert_cmpstr (str (job, "outcome"), ==, "cancelled");
  }

  /* In progress with ignore_cancel: finishes normally. */
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&cancel, g_free);
  id = submit_fast (f, NULL);
  g_assert_true (lk_fake_fal_steer_job (f->fake, id, "{\"advance\":\"IN_PROGRESS\",\"outcome\":{\"ignore_cancel\":true}}"));
  cancel = request_url (f, FAST, id, "/cancel");
  reply = http (f, "PUT", cancel, AUTH, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  wait_phase (f, id, "COMPLETED");
  {
    g_autoptr(JsonObject) job = find_job (f, id);

    g_assert_cmpstr (str (job, "outcome"), ==, "success");
    g_assert_cmpstr (str (job, "cancel"), ==, "ignored");
  }
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *result = NULL;
  g_autofree char *submit = url_of (f->q, "/fal-ai/turbo-flux-trainer");
  JsonArray *detail;
  JsonObject *first;

  /* Default: accepted at submit, 422 at result. */
  id = submit_json (f, FAST, "{\"trigger_word\":\"TOK\",\"steps\":\"many\",\"colour\":1}", NULL);
  wait_phase (f, id, "COMPLETED");
  result = request_url (f, FAST, id, "");
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 422);
  detail = json_object_get_array_member (obj (reply), "detail");
  g_assert_cmpuint (json_array_get_length (detail), ==, 3);
  first = json_array_get_object_element (detail, 0);
  g_assert_cmpstr (str (first, "type"), ==, "missing");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "loc"), 1), ==, "images_data_url");
  g_assert_cmpstr (str (json_array_get_object_element (detail, 1), "type"), ==, "int_type");
  g_assert_cmpstr (str (json_array_get_object_element (detail, 2), "type"), ==, "extra_forbidden");
  g_clear_pointer (&reply, reply_free);

  /* The knob moves validation to submit. */
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"validate_at\":\"submit\"}"));
  reply = POST_JSON (f, submit, "{\"images_data_url\":\"https://x/a.zip\",\"training_style\":\"cubist\",\"steps\":20000}");
  g_assert_cmpuint (reply->status, ==, 422);
  detail = json_object_get_array_member (obj (reply), "detail");
  g_assert_cmpstr (str (json_array_get_object_element (detail, 0), "type"), ==, "less_than_equal");
  g_assert_cmpstr (str (json_array_get_object_element (detail, 0), "msg"), ==, "Input should be less than or equal to 10000");
  g_assert_cmpstr (str (json_array_get_object_element (detail, 1), "msg"), ==, "Input should be 'subject' or 'style'");
  g_clear_pointer (&reply, reply_free);
  reply = POST_JSON (f, submit, "{\"images_data_url\":\"https://x/a.zip\",\"training_style\":\"style\",\"face_crop\":false}");
  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_dataset_checks (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) not_zip = g_bytes_new_static ("hello, not a zip", 16);
  g_autofree char *bad_url = upload_bytes (f, not_zip, "application/zip");
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\"}", bad_url);
  g_autofree char *id = NULL;
  g_autofree char *result = NULL;
  g_autofree char *status = NULL;
  g_autoptr(Reply) reply = NULL;

  id = submit_json (f, FAST, input, NULL);
  wait_phase (f, id, "COMPLETED");
  status = request_url (f, FAST, id, "/status?logs=1");
  reply = GET (f, status);
  g_assert_true (g_str_has_prefix (str (obj (reply), "error"), "The training data is not a valid ZIP archive"));
  g_clear_pointer (&reply, reply_free);
  result = request_url (f, FAST, id, "");
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 422);
  g_clear_pointer (&reply, reply_free);

  /* Five images are too few for the portrait trainer (needs 10). */
  g_clear_pointer (&input, g_free);
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&status, g_free);
  input = g_strdup_printf ("{\"images_data_url\":\"%s\"}", f->zip_url);
  id = submit_json (f, "fal-ai/flux-lora-portrait-trainer", input, NULL);
  wait_phase (f, id, "COMPLETED");
  status = request_url (f, "fal-ai/flux-lora-portrait-trainer", id, "/status");
  reply = GET (f, status);
  g_assert_cmpstr (str (obj (reply), "error"), ==,
                   "Not enough images: found 5 in the archive, at least 10 are required");
  g_clear_pointer (&reply, reply_free);

  /* A C URL that was never uploaded fails as a download error. */
  g_clear_pointer (&input, g_free);
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&result, g_free);
  input = g_strdup_printf ("{\"images_data_url\":\"%s/files/fake/nothing.zip\"}", f->c);
  id = submit_json (f, FAST, input, NULL);
  wait_phase (f, id, "COMPLETED");
  result = request_url (f, FAST, id, "");
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 422);
  g_assert_cmpstr (str (json_array_get_object_element (json_object_get_array_member (obj (reply), "detail"), 0), "type"),
                   ==, "file_download_error");
}

static void
test_submit_variants (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *rule = NULL;
  g_autofree char *id = NULL;
  g_autofree char *submit_url = url_of (f->q, "/" FAST "?fal_webhook=https%3A%2F%2Fexample.org%2Fhook");
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\"}", f->zip_url);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonObject) job = NULL;

  rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"times\":1,\"action\":{\"outcome\":{"
                                          "\"submit_status\":\"IN_PROGRESS\",\"response_url_suffix\":\"/response\"}}}");
  reply = http (f, "POST", submit_url, AUTH, "application/json", input, -1,
                "x-fal-queue-priority", "low", "X-Fal-Request-Timeout", "30", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (str (obj (reply), "status"), ==, "IN_PROGRESS");
  g_assert_true (g_str_has_suffix (str (obj (reply), "response_url"), "/response"));
  id = g_strdup (str (obj (reply), "request_id"));
  job = find_job (f, id);
  g_assert_cmpstr (str (job, "webhook"), ==, "https://example.org/hook");
  g_assert_cmpstr (str (json_object_get_object_member (job, "headers"), "x-fal-queue-priority"), ==, "low");
  g_assert_cmpstr (str (json_object_get_object_member (job, "headers"), "x-fal-request-timeout"), ==, "30");
  wait_phase (f, id, "COMPLETED");
  g_clear_pointer (&reply, reply_free);
  {
    g_autoptr(JsonObject) again = find_job (f, id);
    g_autofree char *response = request_url (f, FAST, id, "/response");

    reply = GET (f, response);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_true (json_object_has_member (obj (reply), "diffusers_lora_file"));
  }
}

static void
test_slow_queue (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *status = NULL;
  g_autoptr(Reply) reply = NULL;

  rule = lk_fake_fal_add_fault (f->fake, "{\"match\":{\"app\":\"" FAST "\"},\"action\":{\"outcome\":"
                                          "{\"queue_ms\":600000,\"queue_position_start\":25}}}");
  id = submit_fast (f, NULL);
  status = request_url (f, FAST, id, "/status");
  reply = GET (f, status);
  g_assert_cmpint (json_object_get_int_member (obj (reply), "queue_position"), ==, 25);
  g_clear_pointer (&reply, reply_free);
  g_assert_true (lk_fake_fal_steer_job (f->fake, id, "{\"outcome\":{\"queue_ms\":52,\"queue_position_start\":25}}"));
  wait_phase (f, id, "IN_PROGRESS");
  g_assert_true (lk_fake_fal_remove_fault (f->fake, rule));
  g_assert_false (lk_fake_fal_remove_fault (f->fake, rule));
}

static void
test_result_ttl (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = submit_fast (f, NULL);
  g_autofree char *result = request_url (f, FAST, id, "");
  g_autoptr(Reply) reply = NULL;

  g_assert_true (lk_fake_fal_steer_job (f->fake, id, "{\"advance\":\"COMPLETED\"}"));
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"result_ttl_ms\":0}"));
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 404);
  g_clear_pointer (&reply, reply_free);
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"result_ttl_ms\":null}"));
  reply = GET (f, result);
  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_thread_default_context (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) events = NULL;
  Fixture other = *f;
  guint status;

  /* Everything, timers included, runs on the context current at start. */
  g_main_context_push_thread_default (context);
  other.fake = lk_fake_fal_new ();
  other.session = soup_session_new ();
  g_assert_true (lk_fake_fal_start (other.fake, &error));
  g_assert_true (lk_fake_fal_configure (other.fake, "{\"timing\":{\"queue_ms\":30,\"progress_ms\":100,"
                                                    "\"log_interval_ms\":10,\"keepalive_ms\":20}}"));
  other.q = lk_fake_fal_get_url (other.fake, LK_FAKE_FAL_QUEUE);
  id = submit_json (&other, FAST, "{\"images_data_url\":\"https://example.org/a.zip\"}", NULL);
  url = request_url (&other, FAST, id, "/status/stream?logs=1");
  text = read_stream (&other, url, &status, NULL);
  events = parse_events (text, NULL);
  g_assert_cmpstr (str (g_ptr_array_index (events, events->len - 1), "status"), ==, "COMPLETED");
  g_clear_object (&other.session);
  g_assert_finalize_object (other.fake);
  g_main_context_pop_thread_default (context);
}

static void
test_start_timeout (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *submit = url_of (f->q, "/" FAST);
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\"}", f->zip_url);
  g_autofree char *id = NULL;
  g_autofree char *result = NULL;
  g_autoptr(Reply) reply = NULL;

  /* A request that cannot leave the queue before its deadline ends with a
   * 504 marked as the caller's own timeout. */
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"timing\":{\"queue_ms\":60000}}"));
  reply = http (f, "POST", submit, AUTH, "application/json", input, -1, "X-Fal-Request-Timeout", "0.05", NULL);
  id = g_strdup (str (obj (reply), "request_id"));
  g_clear_pointer (&reply, reply_free);
  wait_phase (f, id, "COMPLETED");
  result = request_url (f, FAST, id, "");
  reply = GET (f, result);
  assert_detail (reply, 504, "Request timed out");
  g_assert_cmpstr (header (reply, "x-fal-request-timeout-type"), ==, "user");
  g_assert_cmpstr (str (obj (reply), "error_type"), ==, "request_timeout");
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
  ADD ("auth", test_auth);
  ADD ("routing", test_routing);
  ADD ("lifecycle", test_lifecycle);
  ADD ("inference", test_inference);
  ADD ("stream", test_stream);
  ADD ("stream-keepalive", test_keepalive);
  ADD ("log-steps", test_log_steps);
  ADD ("log-batch", test_log_batch);
  ADD ("stream-disconnect", test_stream_disconnect);
  ADD ("dispose-during-stream", test_dispose_during_stream);
  ADD ("failure", test_failure);
  ADD ("cancel", test_cancel);
  ADD ("validation", test_validation);
  ADD ("dataset-checks", test_dataset_checks);
  ADD ("submit-variants", test_submit_variants);
  ADD ("slow-queue", test_slow_queue);
  ADD ("result-ttl", test_result_ttl);
  ADD ("thread-default-context", test_thread_default_context);
  ADD ("start-timeout", test_start_timeout);
#undef ADD

  return g_test_run ();
}
