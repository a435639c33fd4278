/* fal-test-common.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fal-test-common.h"

/* Retries back off for up to a few seconds, so allow for them. */
#define WAIT_LIMIT_S 60

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;

  fixture->fake = lk_fake_fal_new ();
  g_assert_true (lk_fake_fal_start (fixture->fake, &error));
  g_assert_no_error (error);
  fixture_configure (fixture,
                     "{\"timing\":{\"queue_ms\":100,\"progress_ms\":600,\"log_interval_ms\":50}}");

  urls = g_strdup_printf ("queue=%s,rest=%s",
                          lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_QUEUE),
                          lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_REST));
  g_setenv (LK_FAL_URLS_ENV, urls, TRUE);

  fixture->client = lk_fal_client_new ();
  lk_fal_client_set_key (fixture->client, LK_FAKE_FAL_KEY);
  fixture->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->logs = g_ptr_array_new_with_free_func (g_free);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_null (fixture->result);
  g_assert_finalize_object (g_steal_pointer (&fixture->client));
  g_clear_object (&fixture->fake);
  g_ptr_array_unref (fixture->statuses);
  g_ptr_array_unref (fixture->logs);
  g_clear_object (&fixture->cancel_on_status);
  g_clear_object (&fixture->cancel_on_progress);
}

void
fixture_configure (Fixture    *fixture,
                   const char *json)
{
  g_assert_true (lk_fake_fal_configure (fixture->fake, json));
}

char *
fixture_add_fault (Fixture    *fixture,
                   const char *json)
{
  char *id = lk_fake_fal_add_fault (fixture->fake, json);

  g_assert_nonnull (id);
  return id;
}

void
fixture_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

GAsyncResult *
fixture_wait (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (fixture->result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No result after %d s", WAIT_LIMIT_S);
      g_main_context_iteration (NULL, TRUE);
    }

  return g_steal_pointer (&fixture->result);
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the fake (and anything else on the main context) run for @ms. */
void
fixture_iterate_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

LkFalRequest *
fixture_submit (Fixture       *fixture,
                const char    *endpoint_id,
                const char    *input_json,
                const char    *webhook_url,
                GCancellable  *cancellable,
                LkFalStatus  **initial,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_fal_client_submit_async (fixture->client, endpoint_id, input_json, webhook_url,
                              cancellable, fixture_result_cb, fixture);
  result = fixture_wait (fixture);
  return lk_fal_client_submit_finish (fixture->client, result, initial, error);
}

LkFalStatus *
fixture_status (Fixture       *fixture,
                LkFalRequest  *request,
                gboolean       with_logs,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_fal_client_status_async (fixture->client, request, with_logs, NULL, fixture_result_cb,
                              fixture);
  result = fixture_wait (fixture);
  return lk_fal_client_status_finish (fixture->client, result, error);
}

static void
status_cb (LkFalStatus *status,
           gpointer     user_data)
{
  Fixture *fixture = user_data;
  GPtrArray *logs = lk_fal_status_get_logs (status);

  g_ptr_array_add (fixture->statuses, g_object_ref (status));
  for (guint i = 0; i < logs->len; i++)
    {
      LkFalLog *log = g_ptr_array_index (logs, i);

      g_ptr_array_add (fixture->logs, g_strdup_printf ("%s|%s", log->timestamp, log->message));
    }

  if (fixture->cancel_on_status != NULL)
    g_cancellable_cancel (fixture->cancel_on_status);
}

LkFalStatus *
fixture_watch (Fixture       *fixture,
               LkFalRequest  *request,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_fal_client_watch_async (fixture->client, request, TRUE, status_cb, fixture, NULL,
                             cancellable, fixture_result_cb, fixture);
  result = fixture_wait (fixture);
  return lk_fal_client_watch_finish (fixture->client, result, error);
}

JsonObject *
fixture_result (Fixture       *fixture,
                LkFalRequest  *request,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data;

  lk_fal_client_result_async (fixture->client, request, NULL, fixture_result_cb, fixture);
  result = fixture_wait (fixture);
  bytes = lk_fal_client_result_finish (fixture->client, result, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

gboolean
fixture_cancel (Fixture             *fixture,
                LkFalRequest        *request,
                LkFalCancelOutcome  *outcome,
                GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_fal_client_cancel_async (fixture->client, request, NULL, fixture_result_cb, fixture);
  result = fixture_wait (fixture);
  return lk_fal_client_cancel_finish (fixture->client, result, outcome, error);
}

gboolean
fixture_check_key (Fixture  *fixture,
                   GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_fal_client_check_key_async (fixture->client, NULL, fixture_result_cb, fixture);
  result = fixture_wait (fixture);
  return lk_fal_client_check_key_finish (fixture->client, result, error);
}

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  Fixture *fixture = user_data;

  g_assert_cmpint (done, >=, 0);
  if (total >= 0)
    g_assert_cmpint (done, <=, total);
  fixture->progress_done = done;
  fixture->progress_total = total;
  fixture->n_progress++;

  if (done > 0 && fixture->cancel_on_progress != NULL)
    g_cancellable_cancel (fixture->cancel_on_progress);
}

char *
fixture_upload_file (Fixture       *fixture,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fixture->n_progress = 0;
  lk_fal_client_upload_file_async (fixture->client, file, NULL, progress_cb, fixture, NULL,
                                   cancellable, fixture_result_cb, fixture);
  result = fixture_wait (fixture);
  return lk_fal_client_upload_file_finish (fixture->client, result, error);
}

char *
fixture_upload_stream (Fixture       *fixture,
                       GInputStream  *stream,
                       goffset        size,
                       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fixture->n_progress = 0;
  lk_fal_client_upload_stream_async (fixture->client, stream, size, "stream.bin",
                                     "application/octet-stream", progress_cb, fixture, NULL,
                                     NULL, fixture_result_cb, fixture);
  result = fixture_wait (fixture);
  return lk_fal_client_upload_stream_finish (fixture->client, result, error);
}

gboolean
fixture_download (Fixture       *fixture,
                  const char    *url,
                  GFile         *destination,
                  goffset        expected_size,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fixture->n_progress = 0;
  lk_fal_client_download_async (fixture->client, url, destination, expected_size,
                                progress_cb, fixture, NULL, cancellable,
                                fixture_result_cb, fixture);
  result = fixture_wait (fixture);
  return lk_fal_client_download_finish (fixture->client, result, error);
}

JsonArray *
fixture_requests (Fixture *fixture)
{
  g_autofree char *json = lk_fake_fal_dup_requests_json (fixture->fake);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    root = json_object_get_member (json_node_get_object (root), "requests");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

GPtrArray *
requests_matching (JsonArray  *log,
                   const char *listener,
                   const char *method,
                   const char *path_pattern)
{
  GPtrArray *matches = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *request = json_array_get_object_element (log, i);

      if (listener != NULL &&
          g_strcmp0 (json_object_get_string_member (request, "listener"), listener) != 0)
        continue;
      if (method != NULL &&
          g_strcmp0 (json_object_get_string_member (request, "method"), method) != 0)
        continue;
      if (path_pattern != NULL &&
          !g_pattern_match_simple (path_pattern, json_object_get_string_member (request, "path")))
        continue;

      g_ptr_array_add (matches, request);
    }

  return matches;
}

const char *
request_header (JsonObject *request,
                const char *name)
{
  JsonObject *headers = json_object_get_object_member (request, "headers");

  return json_object_get_string_member_with_default (headers, name, NULL);
}

GFile *
make_temp_file (const char *name,
                gsize       size)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_malloc (MAX (size, 1));

  for (gsize i = 0; i < size; i++)
    contents[i] = (char) (i * 7 + i / 251);

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (path, contents, size, &error));
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

JsonObject *
run_to_result (Fixture      *fixture,
               LkFalRequest *request)
{
  g_autoptr(LkFalStatus) final = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *result;

  final = fixture_watch (fixture, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_fal_status_get_state (final), ==, LK_FAL_STATE_COMPLETED);

  result = fixture_result (fixture, request, &error);
  g_assert_no_error (error);
  return result;
}
