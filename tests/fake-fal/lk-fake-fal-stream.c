/* lk-fake-fal-stream.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-stream"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-fake-fal-private.h"

/* The status stream: server-sent events with only new log entries, keep-alive
 * comments, and the drop/cut/stall faults. */


struct _FakeStream
{
  LkFakeFal         *self;           /* (unowned) */
  FakeJob           *job;            /* (unowned) (nullable) */
  SoupServerMessage *msg;            /* (owned) */
  gulong             finished_id;
  gboolean           logs;
  guint              log_sent;
  guint              events;
  FakePhase          last_phase;
  gint               last_position;
  gint64             drop_after;
  gboolean           cut_mid;
  guint              stall_ms;
  gboolean           no_keepalive;
  gboolean           stalled;
  gboolean           in_handler;
  gboolean           done;
  guint              keepalive_id;
  guint              stall_id;
};

/* Status stream */

static void
stream_free (FakeStream *stream)
{
  _lk_fake_fal_source_clear (stream->self, &stream->keepalive_id);
  _lk_fake_fal_source_clear (stream->self, &stream->stall_id);
  g_clear_signal_handler (&stream->finished_id, stream->msg);
  g_clear_object (&stream->msg);
  g_free (stream);
}

static void
stream_write (FakeStream *stream,
              const char *text,
              gsize       len)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, text, len);
  if (!stream->in_handler)
    soup_server_message_unpause (stream->msg);
}

static void
stream_end (FakeStream *stream)
{
  if (stream->done)
    return;

  stream->done = TRUE;
  _lk_fake_fal_source_clear (stream->self, &stream->keepalive_id);
  _lk_fake_fal_source_clear (stream->self, &stream->stall_id);
  if (stream->job != NULL)
    stream->job->streams = g_list_remove (stream->job->streams, stream);
  stream->job = NULL;

  soup_message_body_complete (soup_server_message_get_response_body (stream->msg));
  if (!stream->in_handler)
    soup_server_message_unpause (stream->msg);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    FakeStream        *stream)
{
  LkFakeFal *self = stream->self;

  if (stream->job != NULL)
    stream->job->streams = g_list_remove (stream->job->streams, stream);
  stream->job = NULL;
  stream->done = TRUE;
  self->streams = g_list_remove (self->streams, stream);
  stream_free (stream);
}

void
_lk_fake_fal_stop_streams (LkFakeFal *self)
{
  while (self->streams != NULL)
    {
      FakeStream *stream = self->streams->data;

      self->streams = g_list_delete_link (self->streams, self->streams);
      stream_end (stream);
      stream_free (stream);
    }
}

static gboolean
stream_keepalive_cb (gpointer user_data)
{
  FakeStream *stream = user_data;

  if (!stream->no_keepalive)
    stream_write (stream, ": ping\n\n", strlen (": ping\n\n"));

  return G_SOURCE_CONTINUE;
}

static gboolean
stream_stall_cb (gpointer user_data)
{
  FakeStream *stream = user_data;

  stream->stall_id = 0;
  stream_end (stream);

  return G_SOURCE_REMOVE;
}

static void
stream_push (FakeStream *stream,
             gboolean    force)
{
  FakeJob *job = stream->job;
  g_autoptr(JsonNode) status = NULL;
  g_autofree char *json = NULL;
  g_autofree char *event = NULL;
  gboolean new_logs;

  if (stream->done || stream->stalled || job == NULL)
    return;

  new_logs = stream->logs && job->logs->len > stream->log_sent;
  if (!force && !new_logs && job->phase == stream->last_phase &&
      job->queue_position == stream->last_position)
    return;

  status = _lk_fake_fal_job_status_json (job, stream->logs, stream->log_sent);
  json = json_to_string (status, FALSE);
  event = g_strdup_printf ("data: %s\n\n", json);

  if (stream->cut_mid && stream->events >= 1)
    {
      stream_write (stream, event, strlen (event) / 2);
      stream_end (stream);
      return;
    }

  stream_write (stream, event, strlen (event));
  stream->events++;
  stream->log_sent = job->logs->len;
  stream->last_phase = job->phase;
  stream->last_position = job->queue_position;

  if (job->phase == FAKE_PHASE_COMPLETED ||
      (stream->drop_after > 0 && stream->events >= stream->drop_after))
    {
      stream_end (stream);
      return;
    }

  if (stream->stall_ms > 0)
    {
      stream->stalled = TRUE;
      stream->stall_id = _lk_fake_fal_timeout_add (stream->self, stream->stall_ms,
                                                   stream_stall_cb, stream);
    }
}

void
_lk_fake_fal_job_changed (FakeJob *job)
{
  GList *copy = g_list_copy (job->streams);

  for (GList *l = copy; l != NULL; l = l->next)
    stream_push (l->data, FALSE);
  g_list_free (copy);
}

void
_lk_fake_fal_stream_open (LkFakeFal   *self,
                          FakeRequest *req,
                          FakeJob     *job,
                          gboolean     with_logs,
                          const char  *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autoptr(JsonObject) action = NULL;
  FakeStream *stream;

  action = _lk_fake_fal_match_fault (self, req, soup_server_message_get_method (req->msg),
                                     path, job->app, "stream");
  if (action != NULL && json_object_has_member (action, "respond"))
    {
      req->action = g_steal_pointer (&action);
      return;
    }

  stream = g_new0 (FakeStream, 1);
  stream->self = self;
  stream->job = job;
  stream->msg = g_object_ref (req->msg);
  stream->logs = with_logs;
  stream->last_position = -1;
  if (action != NULL && json_object_has_member (action, "sse"))
    {
      JsonObject *sse = json_object_get_object_member (action, "sse");

      stream->drop_after = json_object_get_int_member_with_default (sse, "drop_after_events", 0);
      stream->cut_mid = json_object_get_boolean_member_with_default (sse, "cut_mid_event", FALSE);
      stream->stall_ms = json_object_get_int_member_with_default (sse, "stall_ms", 0);
      stream->no_keepalive = json_object_get_boolean_member_with_default (sse, "no_keepalive", FALSE);
    }

  soup_server_message_set_status (req->msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Content-Type", "text/event-stream");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_replace (headers, "x-fal-request-id", job->id);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (req->msg), FALSE);
  json_object_set_int_member (req->record, "status", 200);

  stream->finished_id = g_signal_connect (req->msg, "finished",
                                          G_CALLBACK (stream_finished_cb), stream);
  self->streams = g_list_prepend (self->streams, stream);
  job->streams = g_list_prepend (job->streams, stream);
  stream->keepalive_id = _lk_fake_fal_timeout_add (self, self->keepalive_ms,
                                                   stream_keepalive_cb, stream);

  stream->in_handler = TRUE;
  stream_push (stream, TRUE);
  stream->in_handler = FALSE;
}


void
_lk_fake_fal_job_close_streams (FakeJob *job)
{
  while (job->streams != NULL)
    {
      FakeStream *stream = job->streams->data;

      job->streams = g_list_delete_link (job->streams, job->streams);
      stream->job = NULL;
      stream_end (stream);
    }
}
