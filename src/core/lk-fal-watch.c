/* lk-fal-watch.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Following a request until it completes: the SSE status stream, with the
 * status poll as fallback when the stream ends without COMPLETED or stays
 * silent for longer than three keep-alive periods (protocol §3.3). Log
 * entries are de-duplicated by identity across both paths, and completion
 * is declared only on a COMPLETED status.
 */

#define G_LOG_DOMAIN "lk-fal-watch"

#include "config.h"

#include "lk-error.h"
#include "lk-fal-client-private.h"
#include "lk-fal-status-private.h"
#include "lk-sse-parser.h"

#define READ_CHUNK        16384
/* Reopening backs off like the stream policy, but capped lower: while the
 * stream is unusable this is the polling interval. */
#define REOPEN_MAX_MS     10000

typedef struct
{
  LkFalRequest    *request;
  gboolean         with_logs;
  LkFalStatusFunc  status_func;
  gpointer         status_data;
  GDestroyNotify   status_notify;

  LkFalLogDedup   *dedup;
  LkSseParser     *parser;
  char            *stream_url;

  /* One per connection, cancelled by the caller's cancellable or a stall. */
  GCancellable    *connection;
  GCancellable    *cancellable;
  gulong           cancelled_id;
  SoupMessage     *message;
  GInputStream    *stream;
  GSource         *stall_source;
  guint            stall_timeout_ms;
  gboolean         stalled;

  guint            open_retry;
  guint            reopen_count;
} WatchData;

static void
stop_stall_timer (WatchData *data)
{
  if (data->stall_source != NULL)
    {
      g_source_destroy (data->stall_source);
      g_clear_pointer (&data->stall_source, g_source_unref);
    }
}

static void
close_connection (WatchData *data)
{
  stop_stall_timer (data);
  if (data->connection != NULL)
    g_cancellable_cancel (data->connection);
  g_clear_object (&data->stream);
  g_clear_object (&data->message);
  g_clear_object (&data->connection);
}

static void
watch_data_free (WatchData *data)
{
  close_connection (data);
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->request, lk_fal_request_unref);
  if (data->status_notify != NULL)
    data->status_notify (data->status_data);
  g_clear_pointer (&data->dedup, _lk_fal_log_dedup_free);
  g_clear_pointer (&data->parser, lk_sse_parser_free);
  g_free (data->stream_url);
  g_free (data);
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   WatchData    *data)
{
  if (data->connection != NULL)
    g_cancellable_cancel (data->connection);
}

static void open_stream (GTask *task);
static void poll_status (GTask *task);

/* Emits the new part of @status; returns TRUE (and completes @task) when it
 * is the final one, or when fal names a state outside the three of protocol
 * §3.2: waiting for a COMPLETED that may never come would hang the job. */
static gboolean
handle_status (GTask       *task,
               LkFalStatus *status)
{
  WatchData *data = g_task_get_task_data (task);
  g_autoptr(LkFalStatus) fresh = NULL;

  if (lk_fal_status_get_state (status) == LK_FAL_STATE_UNKNOWN)
    {
      g_debug ("Request %s reported a status Likeness does not know",
               lk_fal_request_get_request_id (data->request));
      close_connection (data);
      g_task_return_error (task, _lk_fal_error_malformed ());
      return TRUE;
    }

  fresh = _lk_fal_log_dedup_filter (data->dedup, status);
  if (data->status_func != NULL)
    data->status_func (fresh, data->status_data);

  if (lk_fal_status_get_state (status) != LK_FAL_STATE_COMPLETED)
    return FALSE;

  g_debug ("Request %s completed%s", lk_fal_request_get_request_id (data->request),
           lk_fal_status_is_failed (status) ? " with an error" : "");
  close_connection (data);
  g_task_return_pointer (task, g_object_ref (status), g_object_unref);
  return TRUE;
}

static gboolean
return_if_user_cancelled (GTask *task)
{
  return g_task_return_error_if_cancelled (task);
}

static void
reopen_sleep_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_lk_fal_sleep_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  open_stream (g_steal_pointer (&task));
}

static void
schedule_reopen (GTask *task)
{
  WatchData *data = g_task_get_task_data (task);
  const LkFalRetryPolicy *policy = _lk_fal_retry_policy_for (LK_FAL_OP_STREAM);
  guint delay;

  delay = MIN (_lk_fal_retry_delay_ms (policy, data->reopen_count, g_random_double (), -1),
               REOPEN_MAX_MS);
  data->reopen_count++;

  g_debug ("Reopening the status stream in %u ms", delay);
  _lk_fal_sleep_async (delay, g_task_get_cancellable (task), reopen_sleep_cb, task);
}

static void
poll_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = lk_fal_client_status_finish (LK_FAL_CLIENT (object), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (handle_status (task, status))
    return;

  schedule_reopen (g_steal_pointer (&task));
}

/* Takes the reference to @task. */
static void
poll_status (GTask *task)
{
  LkFalClient *self = g_task_get_source_object (task);
  WatchData *data = g_task_get_task_data (task);

  close_connection (data);
  if (return_if_user_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_debug ("Falling back to the status poll");
  lk_fal_client_status_async (self, data->request, data->with_logs,
                              g_task_get_cancellable (task), poll_cb, task);
}

static gboolean
stall_cb (gpointer user_data)
{
  WatchData *data = user_data;

  g_debug ("No bytes on the status stream for %u ms", data->stall_timeout_ms);
  data->stalled = TRUE;
  g_clear_pointer (&data->stall_source, g_source_unref);
  if (data->connection != NULL)
    g_cancellable_cancel (data->connection);

  return G_SOURCE_REMOVE;
}

static void
restart_stall_timer (GTask *task)
{
  WatchData *data = g_task_get_task_data (task);

  stop_stall_timer (data);
  data->stall_source = g_timeout_source_new (data->stall_timeout_ms);
  g_source_set_callback (data->stall_source, stall_cb, data, NULL);
  g_source_attach (data->stall_source, g_task_get_context (task));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WatchData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *event;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  /* The task may have completed through another path meanwhile. */
  if (return_if_user_cancelled (task))
    return;

  if (bytes == NULL)
    {
      g_debug ("Status stream broke%s: %s", data->stalled ? " (stalled)" : "", error->message);
      poll_status (g_steal_pointer (&task));
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_debug ("Status stream ended before COMPLETED");
      poll_status (g_steal_pointer (&task));
      return;
    }

  restart_stall_timer (task);
  lk_sse_parser_feed (data->parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  while ((event = lk_sse_parser_pop (data->parser)) != NULL)
    {
      g_autofree char *owned = event;
      g_autoptr(LkFalStatus) status = NULL;
      g_autoptr(GError) parse_error = NULL;

      status = _lk_fal_status_new_from_json (owned, strlen (owned), &parse_error);
      if (status == NULL)
        {
          /* One bad event is not worth failing the watch: the poll that
           * follows the end of the stream has the last word. */
          g_debug ("Ignoring an unreadable status event");
          continue;
        }

      data->reopen_count = 0;
      if (handle_status (task, status))
        return;
    }

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->connection, read_cb, g_steal_pointer (&task));
}

static void
open_sleep_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_lk_fal_sleep_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  open_stream (g_steal_pointer (&task));
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WatchData *data = g_task_get_task_data (task);
  const LkFalRetryPolicy *policy = _lk_fal_retry_policy_for (LK_FAL_OP_STREAM);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (return_if_user_cancelled (task))
    return;

  if (stream == NULL)
    {
      g_debug ("Could not open the status stream: %s", error->message);
      if (!data->stalled && _lk_fal_retry_error_is_retryable (policy, error) &&
          data->open_retry < policy->max_retries)
        {
          guint delay = _lk_fal_retry_delay_ms (policy, data->open_retry++,
                                                g_random_double (), -1);

          close_connection (data);
          _lk_fal_sleep_async (delay, g_task_get_cancellable (task), open_sleep_cb,
                               g_object_ref (task));
          return;
        }

      poll_status (g_steal_pointer (&task));
      return;
    }

  data->open_retry = 0;
  status = soup_message_get_status (data->message);
  _lk_fal_debug_reply ("GET", data->stream_url, data->message);

  /* Any HTTP error (a refused key, a locked account, an unknown request, a
   * server hiccup) goes through the status poll, which reads the error body,
   * retries what deserves it and reports the rest. */
  content_type = soup_message_headers_get_content_type (
                   soup_message_get_response_headers (data->message), NULL);
  if (status < 200 || status >= 300 || g_strcmp0 (content_type, "text/event-stream") != 0)
    {
      g_debug ("Status stream answered HTTP %u (%s)", status,
               content_type ? content_type : "no type");
      poll_status (g_steal_pointer (&task));
      return;
    }

  data->stream = g_steal_pointer (&stream);
  lk_sse_parser_reset (data->parser);
  restart_stall_timer (task);
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->connection, read_cb, g_steal_pointer (&task));
}

/* Takes the reference to @task. */
static void
open_stream (GTask *task)
{
  LkFalClient *self = g_task_get_source_object (task);
  WatchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  close_connection (data);
  if (return_if_user_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  data->message = _lk_fal_client_new_keyed_message (self, LK_FAL_OP_STREAM, "GET",
                                                    data->stream_url, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  data->connection = g_cancellable_new ();
  data->stalled = FALSE;
  /* Headers should come quickly; the stall timer covers a silent server. */
  restart_stall_timer (task);
  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT,
                           data->connection, open_cb, task);
}

/**
 * lk_fal_client_watch_async:
 * @self: a client
 * @request: the request to follow
 * @with_logs: whether to ask for log entries
 * @status_func: (nullable): called for every status update, with only the
 *   log entries not reported before
 * @status_data: data for @status_func
 * @status_notify: (nullable): frees @status_data when the watch ends
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the request has COMPLETED (successfully or not)
 * @user_data: data for @callback
 *
 * Follows the status stream and falls back to polling when it breaks.
 */
void
lk_fal_client_watch_async (LkFalClient         *self,
                           LkFalRequest        *request,
                           gboolean             with_logs,
                           LkFalStatusFunc      status_func,
                           gpointer             status_data,
                           GDestroyNotify       status_notify,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  WatchData *data;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_fal_client_watch_async);

  data = g_new0 (WatchData, 1);
  data->request = lk_fal_request_ref (request);
  data->with_logs = with_logs;
  data->status_func = status_func;
  data->status_data = status_data;
  data->status_notify = status_notify;
  data->dedup = _lk_fal_log_dedup_new ();
  data->parser = lk_sse_parser_new ();
  data->stall_timeout_ms = self->stall_timeout_ms;
  g_task_set_task_data (task, data, (GDestroyNotify) watch_data_free);

  data->stream_url = _lk_fal_client_status_url (self, request, TRUE, with_logs, &error);
  if (data->stream_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                                data, NULL);
    }

  open_stream (task);
}

/**
 * lk_fal_client_watch_finish:
 * @self: a client
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the COMPLETED status (check
 *   lk_fal_status_is_failed()), or %NULL on error
 */
LkFalStatus *
lk_fal_client_watch_finish (LkFalClient   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
