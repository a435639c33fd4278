/* interop-c.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenario of scenario.mjs, through LkFalClient: upload the fixture,
 * submit, follow the status stream with logs, fetch the result and download
 * the weights, submit again and cancel while queued, poll to the end, and
 * read the fake's leak counters. Prints the same one-line JSON summary, so
 * run-interop.sh can compare it with the official client's.
 *
 * Usage: interop-c URLS_JSON (or LIKENESS_FAKE_URLS_JSON in the
 * environment); the fixture comes from INTEROP_FIXTURE.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk-error.h"
#include "lk-fal-client.h"

#define APP "fal-ai/flux-lora-fast-training"
/* The fake registers this key as "ok"; it is not a real credential. */
#define KEY "fake-key-id:fake-key-secret"

static GAsyncResult *pending_result;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  pending_result = g_object_ref (result);
}

static GAsyncResult *
wait_result (void)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (pending_result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("interop-c: no answer after 60 s");
      g_main_context_iteration (NULL, TRUE);
    }

  return g_steal_pointer (&pending_result);
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

G_GNUC_NORETURN static void
fail (const char   *what,
      const GError *error)
{
  g_printerr ("interop-c: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static const char *
state_name (LkFalStatus *status)
{
  switch (status ? lk_fal_status_get_state (status) : LK_FAL_STATE_UNKNOWN)
    {
    case LK_FAL_STATE_IN_QUEUE:
      return "IN_QUEUE";
    case LK_FAL_STATE_IN_PROGRESS:
      return "IN_PROGRESS";
    case LK_FAL_STATE_COMPLETED:
      return "COMPLETED";
    case LK_FAL_STATE_UNKNOWN:
    default:
      return NULL;
    }
}

static void
collect_logs_cb (LkFalStatus *status,
                 gpointer     user_data)
{
  GPtrArray *messages = user_data;
  GPtrArray *logs = lk_fal_status_get_logs (status);

  /* The JS scenario keeps each message once, in order of arrival. */
  for (guint i = 0; i < logs->len; i++)
    {
      const char *message = ((LkFalLog *) g_ptr_array_index (logs, i))->message;

      if (!g_ptr_array_find_with_equal_func (messages, message, g_str_equal, NULL))
        g_ptr_array_add (messages, g_strdup (message));
    }
}

static gboolean
url_is_for (const char *url,
            const char *queue,
            const char *request_id)
{
  g_autofree char *prefix = g_strconcat (queue, "/", NULL);

  return url != NULL && g_str_has_prefix (url, prefix) && strstr (url, request_id) != NULL;
}

static gint64
read_auth_leaks (const char *control)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (control, "/__fake/leaks", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  body = soup_session_send_and_read (session, message, NULL, &error);
  if (body == NULL)
    fail ("reading the leak counters", error);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error))
    fail ("parsing the leak counters", error);
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    fail ("parsing the leak counters", NULL);

  return json_object_get_int_member_with_default (json_node_get_object (root), "auth_leaks", -1);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    fail ("parsing the result", NULL);
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    fail ("parsing the result", NULL);

  return json_object_ref (json_node_get_object (root));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

int
main (int    argc,
      char **argv)
{
  const char *urls_json = argc > 1 ? argv[1] : g_getenv ("LIKENESS_FAKE_URLS_JSON");
  const char *fixture = g_getenv ("INTEROP_FIXTURE");
  g_autoptr(JsonParser) urls_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(JsonBuilder) out = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) out_root = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) zip = NULL;
  g_autoptr(GFile) weights = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalRequest) second = NULL;
  g_autoptr(LkFalStatus) initial = NULL;
  g_autoptr(LkFalStatus) final = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GBytes) result_bytes = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *env = NULL;
  g_autofree char *file_url = NULL;
  g_autofree char *cdn_prefix = NULL;
  g_autofree char *images_url = NULL;
  g_autofree char *input = NULL;
  g_autofree char *line = NULL;
  g_autofree char *tmpdir = NULL;
  GAsyncResult *res;
  JsonObject *urls;
  JsonObject *lora;
  const char *queue;
  LkFalCancelOutcome outcome = LK_FAL_CANCEL_ALREADY_COMPLETED;
  gboolean accepted;

  if (urls_json == NULL || fixture == NULL)
    {
      g_printerr ("usage: INTEROP_FIXTURE=ZIP interop-c URLS_JSON\n");
      return 2;
    }

  /* Loopback only; no GNOME proxy settings wanted. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  if (!json_parser_load_from_data (urls_parser, urls_json, -1, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (urls_parser)))
    fail ("reading the URL line", error);
  urls = json_node_get_object (json_parser_get_root (urls_parser));
  queue = json_object_get_string_member (urls, "queue");

  /* The one documented override, as a user pointing the app at the fake. */
  env = g_strdup_printf ("queue=%s,rest=%s", queue, json_object_get_string_member (urls, "rest"));
  g_setenv (LK_FAL_URLS_ENV, env, TRUE);
  client = lk_fal_client_new ();
  lk_fal_client_set_key (client, KEY);

  json_builder_begin_object (out);

  /* 1. Upload. */
  zip = g_file_new_for_path (fixture);
  lk_fal_client_upload_file_async (client, zip, "application/zip", NULL, NULL, NULL, NULL,
                                   result_cb, NULL);
  res = wait_result ();
  file_url = lk_fal_client_upload_file_finish (client, res, &error);
  g_object_unref (res);
  if (file_url == NULL)
    fail ("upload", error);
  cdn_prefix = g_strconcat (json_object_get_string_member (urls, "cdn"), "/", NULL);
  json_builder_set_member_name (out, "upload");
  json_builder_begin_object (out);
  json_builder_set_member_name (out, "file_url_on_cdn");
  json_builder_add_boolean_value (out, g_str_has_prefix (file_url, cdn_prefix));
  json_builder_end_object (out);

  /* 2. Submit. */
  images_url = g_strescape (file_url, NULL);
  input = g_strdup_printf ("{\"images_data_url\":\"%s\",\"trigger_word\":\"TOK\",\"steps\":1000}",
                           images_url);
  lk_fal_client_submit_async (client, APP, input, NULL, NULL, result_cb, NULL);
  res = wait_result ();
  request = lk_fal_client_submit_finish (client, res, &initial, &error);
  g_object_unref (res);
  if (request == NULL)
    fail ("submit", error);
  json_builder_set_member_name (out, "submit");
  json_builder_begin_object (out);
  json_builder_set_member_name (out, "status");
  json_builder_add_string_value (out, state_name (initial));
  json_builder_set_member_name (out, "has_urls");
  json_builder_add_boolean_value (out,
    url_is_for (lk_fal_request_get_response_url (request), queue, lk_fal_request_get_request_id (request)) &&
    url_is_for (lk_fal_request_get_status_url (request), queue, lk_fal_request_get_request_id (request)) &&
    url_is_for (lk_fal_request_get_cancel_url (request), queue, lk_fal_request_get_request_id (request)));
  json_builder_end_object (out);

  /* 3. Follow the stream with logs. */
  lk_fal_client_watch_async (client, request, TRUE, collect_logs_cb, messages, NULL, NULL,
                             result_cb, NULL);
  res = wait_result ();
  final = lk_fal_client_watch_finish (client, res, &error);
  g_object_unref (res);
  if (final == NULL)
    fail ("watch", error);
  json_builder_set_member_name (out, "stream");
  json_builder_begin_object (out);
  json_builder_set_member_name (out, "final_status");
  json_builder_add_string_value (out, state_name (final));
  json_builder_set_member_name (out, "log_messages");
  json_builder_begin_array (out);
  for (guint i = 0; i < messages->len; i++)
    json_builder_add_string_value (out, g_ptr_array_index (messages, i));
  json_builder_end_array (out);
  json_builder_end_object (out);

  /* 4. Result and weights. */
  lk_fal_client_result_async (client, request, NULL, result_cb, NULL);
  res = wait_result ();
  result_bytes = lk_fal_client_result_finish (client, res, &error);
  g_object_unref (res);
  if (result_bytes == NULL)
    fail ("result", error);
  result = parse_object (result_bytes);
  lora = json_object_get_object_member (result, "diffusers_lora_file");
  if (lora == NULL)
    fail ("result without diffusers_lora_file", NULL);

  tmpdir = g_dir_make_tmp ("interop-c-XXXXXX", &error);
  if (tmpdir == NULL)
    fail ("temporary directory", error);
  weights = g_file_new_build_filename (tmpdir, "lora.safetensors", NULL);
  lk_fal_client_download_async (client, json_object_get_string_member (lora, "url"), weights,
                                json_object_get_int_member_with_default (lora, "file_size", -1),
                                NULL, NULL, NULL, NULL, result_cb, NULL);
  res = wait_result ();
  if (!lk_fal_client_download_finish (client, res, &error))
    fail ("download", error);
  g_object_unref (res);
  info = g_file_query_info (weights, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
  if (info == NULL)
    fail ("downloaded file", error);

  members = json_object_get_members (result);
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_ptr_array_sort (keys, compare_strings);
  json_builder_set_member_name (out, "result");
  json_builder_begin_object (out);
  json_builder_set_member_name (out, "keys");
  json_builder_begin_array (out);
  for (guint i = 0; i < keys->len; i++)
    json_builder_add_string_value (out, g_ptr_array_index (keys, i));
  json_builder_end_array (out);
  json_builder_set_member_name (out, "lora_size");
  json_builder_add_int_value (out, g_file_info_get_size (info));
  json_builder_end_object (out);
  g_file_delete (weights, NULL, NULL);
  g_rmdir (tmpdir);

  /* 5. Submit again and cancel while queued. */
  lk_fal_client_submit_async (client, APP, input, NULL, NULL, result_cb, NULL);
  res = wait_result ();
  second = lk_fal_client_submit_finish (client, res, NULL, &error);
  g_object_unref (res);
  if (second == NULL)
    fail ("second submit", error);
  lk_fal_client_cancel_async (client, second, NULL, result_cb, NULL);
  res = wait_result ();
  accepted = lk_fal_client_cancel_finish (client, res, &outcome, NULL) &&
             outcome == LK_FAL_CANCEL_ACCEPTED;
  g_object_unref (res);

  for (guint i = 0; i <= 100; i++)
    {
      g_clear_object (&status);
      lk_fal_client_status_async (client, second, FALSE, NULL, result_cb, NULL);
      res = wait_result ();
      status = lk_fal_client_status_finish (client, res, &error);
      g_object_unref (res);
      if (status == NULL)
        fail ("status", error);
      if (lk_fal_status_get_state (status) == LK_FAL_STATE_COMPLETED)
        break;

      /* The same 50 ms the JS scenario waits between polls. */
      iterate_ms (50);
    }
  json_builder_set_member_name (out, "cancel");
  json_builder_begin_object (out);
  json_builder_set_member_name (out, "accepted");
  json_builder_add_boolean_value (out, accepted);
  json_builder_set_member_name (out, "final_status");
  json_builder_add_string_value (out, state_name (status));
  json_builder_set_member_name (out, "final_error_type");
  if (lk_fal_status_get_error_type (status) != NULL)
    json_builder_add_string_value (out, lk_fal_status_get_error_type (status));
  else
    json_builder_add_null_value (out);
  json_builder_end_object (out);

  /* 6. Leaks. */
  json_builder_set_member_name (out, "auth_leaks");
  json_builder_add_int_value (out, read_auth_leaks (json_object_get_string_member (urls, "control")));

  json_builder_end_object (out);
  out_root = json_builder_get_root (out);
  json_generator_set_root (generator, out_root);
  line = json_generator_to_data (generator, NULL);
  printf ("%s\n", line);

  return 0;
}
