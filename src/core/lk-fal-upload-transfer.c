/* lk-fal-upload-transfer.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The byte-moving half of a storage upload, run in a worker thread.
 *
 * libsoup 3.2 splices an asynchronous request body 8 KiB at a time, with two
 * main-loop iterations for each 8 KiB; that made an upload cost three to
 * four times curl's CPU for the same bytes. The blocking API writes the same
 * 8 KiB blocks in a plain loop, so the transfer runs in a thread of its own
 * (g_task_run_in_thread), on a SoupSession created, used and dropped there.
 * Nothing in the worker touches the caller's objects: progress goes back as
 * coalesced idle callbacks on the caller's context, the result through the
 * GTask.
 *
 * A kept-alive connection that drops while a request is sent makes libsoup
 * send the request again, and the body stream it resends is then already
 * consumed: the resent body is empty. Every request therefore counts the
 * body bytes of its last attempt and fails unless they are all there, so a
 * reset upload is an error (or, for a part, another attempt), never an
 * empty file.
 */

#define G_LOG_DOMAIN "lk-fal-upload"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-error.h"
#include "lk-fal-json-private.h"
#include "lk-fal-part-stream-private.h"
#include "lk-fal-read-ahead-stream-private.h"
#include "lk-fal-upload-private.h"

typedef struct
{
  /* Set before the worker starts, read-only afterwards. The worker may drop
   * the last reference to the task, so the task holds nothing of the
   * caller's: no source object, and the stream is only borrowed (the
   * upload holds it until this task has returned). */
  GTask         *task;          /* unowned: the task owns this */
  GInputStream  *stream;        /* unowned */
  goffset        size;
  char          *content_type;
  char          *upload_url;
  gboolean       multipart;
  char          *user_agent;
  guint          timeout;
  guint          idle_timeout;
  gboolean       reports;

  /* The worker's own. */
  goffset        base;          /* bytes stored before the current request */
  goffset        attempt;       /* body bytes written by its last attempt */
  gint64         last_posted;

  /* Shared, under lock. */
  GMutex         lock;
  goffset        sent;
  gboolean       queued;
  gint64         last_delivered;

  /* The caller's thread only. */
  LkFalProgress *progress;
  gboolean       finished;
} TransferData;

static void
transfer_data_free (TransferData *data)
{
  g_free (data->content_type);
  g_free (data->upload_url);
  g_free (data->user_agent);
  g_mutex_clear (&data->lock);
  g_free (data);
}

/* Progress: the caller's side */

static gboolean
deliver_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  TransferData *data = g_task_get_task_data (task);
  goffset sent;

  g_mutex_lock (&data->lock);
  sent = data->sent;
  data->queued = FALSE;
  g_mutex_unlock (&data->lock);

  /* The upload's own final report comes from its callback. */
  if (data->finished)
    return G_SOURCE_REMOVE;

  _lk_fal_progress_report (data->progress, sent, data->size, FALSE);

  g_mutex_lock (&data->lock);
  data->last_delivered = data->progress->last_report;
  g_mutex_unlock (&data->lock);

  return G_SOURCE_REMOVE;
}

/* Progress: the worker's side */

static void
wrote_headers_cb (SoupMessage  *message,
                  TransferData *data)
{
  /* Also a resent request's start: its body starts from nothing again. */
  data->attempt = 0;
}

/* Called for the bytes libsoup takes from a body stream, each of which it
 * writes before it takes more: counting here rather than in libsoup's
 * "wrote-body-data" spares a signal emission for every 8 KiB. */
static void
body_read_cb (gsize    n_bytes,
              gpointer user_data)
{
  TransferData *data = user_data;
  gboolean post = FALSE;
  gint64 now;

  data->attempt += n_bytes;
  if (!data->reports)
    return;

  now = g_get_monotonic_time ();
  if (now - data->last_posted < LK_FAL_PROGRESS_INTERVAL_US)
    return;

  g_mutex_lock (&data->lock);
  data->sent = data->base + data->attempt;
  if (!data->queued && now - data->last_delivered >= LK_FAL_PROGRESS_INTERVAL_US)
    {
      data->queued = TRUE;
      post = TRUE;
    }
  g_mutex_unlock (&data->lock);

  if (post)
    {
      GSource *source = g_idle_source_new ();

      data->last_posted = now;
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress_cb, g_object_ref (data->task),
                             g_object_unref);
      g_source_set_static_name (source, "[likeness] upload progress");
      g_source_attach (source, g_task_get_context (data->task));
      g_source_unref (source);
    }
}

/* Requests */

static SoupMessage *
new_message (const char  *method,
             const char  *url,
             GError     **error)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_propagate_error (error, _lk_fal_error_malformed ());
      return NULL;
    }

  /* A plain message: no key, no proxy; the session adds the User-Agent. */
  return soup_message_new_from_uri (method, uri);
}

/* Sends @message and reads the reply. Fails with a transport error (mapped
 * to LK_FAL_ERROR_NETWORK) or G_IO_ERROR_CANCELLED; HTTP errors come back
 * as a reply. @length is the size of the body, which must be a stream that
 * reports to body_read_cb(), or -1 not to check it. */
static GBytes *
send_message (TransferData  *data,
              SoupSession   *session,
              SoupMessage   *message,
              goffset        length,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local_error = NULL;

  data->attempt = 0;
  g_signal_connect (message, "wrote-headers", G_CALLBACK (wrote_headers_cb), data);

  reply = soup_session_send_and_read (session, message, cancellable, &local_error);
  if (reply == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, _lk_fal_error_network (local_error));
      return NULL;
    }

  if (length >= 0 && data->attempt != length)
    {
      g_autoptr(GError) short_body = NULL;

      g_debug ("Request sent with %" G_GOFFSET_FORMAT " of %" G_GOFFSET_FORMAT
               " body bytes (HTTP %u): the connection was reset",
               data->attempt, length, soup_message_get_status (message));
      short_body = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                        "connection reset while sending");
      g_propagate_error (error, _lk_fal_error_network (short_body));
      return NULL;
    }

  return g_steal_pointer (&reply);
}

static gboolean
is_success (SoupMessage *message)
{
  guint status = soup_message_get_status (message);

  return status >= 200 && status < 300;
}

static GError *
http_error (SoupMessage *message,
            GBytes      *reply)
{
  return _lk_fal_error_from_http (LK_FAL_OP_UPLOAD, soup_message_get_status (message),
                                  soup_message_get_response_headers (message), reply);
}

/* Single PUT */

static gboolean
send_single (TransferData  *data,
             SoupSession   *session,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GBytes) reply = NULL;

  message = new_message ("PUT", data->upload_url, error);
  if (message == NULL)
    return FALSE;

  /* libsoup reads the body 8 KiB at a time: serve those from memory, with
   * one read of the source per megabyte. */
  body = _lk_fal_read_ahead_stream_new (data->stream, LK_FAL_UPLOAD_BUFFER);
  _lk_fal_read_ahead_stream_set_bytes_func (body, body_read_cb, data);

  /* Content-Type is the only header of our own (the JS client's rule). */
  soup_message_set_request_body (message, data->content_type, body, data->size);
  reply = send_message (data, session, message, data->size, cancellable, error);
  if (reply == NULL)
    return FALSE;

  _lk_fal_debug_reply ("PUT", data->upload_url, message);
  if (!is_success (message))
    {
      g_propagate_error (error, http_error (message, reply));
      return FALSE;
    }

  data->base = data->size;
  return TRUE;
}

/* Multipart */

/* Returns the part's ETag from the JSON reply (the JS client's source) or,
 * failing that, from the ETag header (the Python client's). */
static char *
part_etag (SoupMessage *message,
           GBytes      *body,
           guint        part_number)
{
  g_autoptr(JsonObject) reply = NULL;
  const char *etag = NULL;
  gint64 number;

  if (body != NULL)
    {
      gsize length;
      const char *text = g_bytes_get_data (body, &length);

      reply = _lk_fal_json_parse_object (text, length);
    }

  if (reply != NULL)
    {
      if (_lk_fal_json_get_int (reply, "partNumber", &number) && number != part_number)
        {
          g_debug ("Part %u acknowledged as part %" G_GINT64_FORMAT, part_number, number);
          return NULL;
        }
      etag = _lk_fal_json_get_string (reply, "etag");
    }

  if (etag == NULL)
    etag = soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag");

  return (etag != NULL && *etag != '\0') ? g_strdup (etag) : NULL;
}

/* Sends one part, three attempts in all (protocol §4.2), and returns its
 * ETag. */
static char *
send_part (TransferData  *data,
           SoupSession   *session,
           guint          part_number,
           LkFalPart     *part,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *suffix = g_strdup_printf ("/%u", part_number);
  g_autofree char *url = _lk_fal_url_extend (data->upload_url, suffix, NULL);

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GInputStream) body = NULL;
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *etag = NULL;

      message = new_message ("PUT", url, error);
      if (message == NULL)
        return NULL;

      /* No Content-Type: parts carry no headers of their own. */
      body = _lk_fal_part_stream_new (part, body_read_cb, data);
      soup_message_set_request_body (message, NULL, body, part->length);
      reply = send_message (data, session, message, part->length, cancellable, &local_error);
      if (reply == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* The file, not the network, failed: sending again would not help. */
      if (part->source_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&part->source_error));
          return NULL;
        }

      if (reply != NULL)
        {
          _lk_fal_debug_reply ("PUT", url, message);
          if (is_success (message))
            etag = part_etag (message, reply, part_number);
        }

      if (etag != NULL)
        return g_steal_pointer (&etag);

      if (attempt >= LK_FAL_PART_ATTEMPTS)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else if (is_success (message))
            g_propagate_error (error, _lk_fal_error_malformed ());
          else
            g_propagate_error (error, http_error (message, reply));
          return NULL;
        }

      /* Any failure: send the same part again at once. */
      g_debug ("Part %u failed (attempt %u), sending it again", part_number, attempt);
    }
}

static gboolean
send_complete (TransferData  *data,
               SoupSession   *session,
               JsonBuilder   *parts,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *url = _lk_fal_url_extend (data->upload_url, "/complete", NULL);
  char *json;
  gsize length;

  json_builder_end_array (parts);
  json_builder_end_object (parts);
  root = json_builder_get_root (parts);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);

  message = new_message ("POST", url, error);
  if (message == NULL)
    {
      g_free (json);
      return FALSE;
    }

  soup_message_set_request_body_from_bytes (message, "application/json",
                                            g_bytes_new_take (json, length));
  reply = send_message (data, session, message, -1, cancellable, error);
  if (reply == NULL)
    return FALSE;

  _lk_fal_debug_reply ("POST", url, message);
  if (!is_success (message))
    {
      g_propagate_error (error, http_error (message, reply));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_whole_part (TransferData  *data,
                 LkFalPart     *part,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GError) read_error = NULL;
  gsize n_read = 0;

  if (!g_input_stream_read_all (data->stream, part->data, LK_FAL_MULTIPART_CHUNK, &n_read,
                                cancellable, &read_error))
    {
      if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&read_error));
      else
        g_set_error (error, LK_FAL_ERROR, LK_FAL_ERROR_FILE,
                     _("Could not read the file to upload: %s"), read_error->message);
      return FALSE;
    }

  part->length = part->filled = n_read;
  return TRUE;
}

/* One part at a time, held in memory until it is acknowledged, which is
 * also what lets a failed part be sent again from a stream that cannot
 * seek. When the size is known, a part is sent while it is read; otherwise
 * it has to be read whole first to know its length. */
static gboolean
send_multipart (TransferData  *data,
                SoupSession   *session,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (LK_FAL_MULTIPART_CHUNK);
  g_autoptr(JsonBuilder) parts = json_builder_new ();
  LkFalPart part = { .source = data->stream, .data = buffer };
  gboolean last;

  json_builder_begin_object (parts);
  json_builder_set_member_name (parts, "parts");
  json_builder_begin_array (parts);

  for (guint part_number = 1; ; part_number++)
    {
      g_autofree char *etag = NULL;

      if (data->size >= 0)
        {
          part.length = MIN (LK_FAL_MULTIPART_CHUNK, data->size - data->base);
          part.filled = 0;
          last = data->base + (goffset) part.length == data->size;
        }
      else
        {
          if (!read_whole_part (data, &part, cancellable, error))
            return FALSE;
          last = part.length < LK_FAL_MULTIPART_CHUNK;
        }

      /* The part before was exactly the last bytes. */
      if (part.length == 0 && part_number > 1)
        break;

      etag = send_part (data, session, part_number, &part, cancellable, error);
      if (etag == NULL)
        return FALSE;

      data->base += part.length;

      json_builder_begin_object (parts);
      json_builder_set_member_name (parts, "partNumber");
      json_builder_add_int_value (parts, part_number);
      json_builder_set_member_name (parts, "etag");
      json_builder_add_string_value (parts, etag);
      json_builder_end_object (parts);

      if (last)
        break;
    }

  return send_complete (data, session, parts, cancellable, error);
}

static void
transfer_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TransferData *data = task_data;
  g_autoptr(SoupSession) session = NULL;
  GError *error = NULL;
  gboolean ok;

  session = soup_session_new_with_options ("user-agent", data->user_agent,
                                           "timeout", data->timeout,
                                           "idle-timeout", data->idle_timeout,
                                           NULL);

  if (data->multipart)
    ok = send_multipart (data, session, cancellable, &error);
  else
    ok = send_single (data, session, cancellable, &error);

  soup_session_abort (session);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
_lk_fal_upload_transfer_async (LkFalClient         *self,
                               GInputStream        *stream,
                               goffset              size,
                               const char          *content_type,
                               const char          *upload_url,
                               gboolean             multipart,
                               LkFalProgress       *progress,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TransferData *data = g_new0 (TransferData, 1);

  g_task_set_source_tag (task, _lk_fal_upload_transfer_async);
  g_mutex_init (&data->lock);
  data->task = task;
  data->stream = stream;
  data->size = size;
  data->content_type = g_strdup (content_type);
  data->upload_url = g_strdup (upload_url);
  data->multipart = multipart;
  data->progress = progress;
  data->reports = progress->func != NULL;
  data->last_delivered = progress->last_report;
  /* The same identity and timeouts as the client's own session. */
  g_object_get (self->session,
                "user-agent", &data->user_agent,
                "timeout", &data->timeout,
                "idle-timeout", &data->idle_timeout,
                NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) transfer_data_free);

  g_task_run_in_thread (task, transfer_thread);
}

gboolean
_lk_fal_upload_transfer_finish (GAsyncResult  *result,
                                goffset       *sent,
                                GError       **error)
{
  GTask *task = G_TASK (result);
  TransferData *data = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  /* No progress after this: the caller reports the end itself. */
  data->finished = TRUE;
  if (sent != NULL)
    *sent = data->base;

  return g_task_propagate_boolean (task, error);
}
