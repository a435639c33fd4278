/* lk-fal-download.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Downloading result files from fal's CDN: a plain GET (public URLs, so
 * never the key and never the proxy), streamed into a hidden sibling of the
 * destination that is renamed over it only once every byte has arrived and
 * the size checks out.
 */

#define G_LOG_DOMAIN "lk-fal-download"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-error.h"
#include "lk-fal-client-private.h"

#define DOWNLOAD_CHUNK (64 * 1024)

typedef struct
{
  char              *url;
  GFile             *destination;
  GFile             *temporary;
  goffset            expected_size;
  goffset            content_length;
  goffset            done;
  LkFalProgress      progress;
  SoupMessage       *message;
  GInputStream      *input;
  GFileOutputStream *output;
  GError            *error;
} DownloadData;

static void
download_data_free (DownloadData *data)
{
  g_free (data->url);
  g_clear_object (&data->destination);
  g_clear_object (&data->temporary);
  _lk_fal_progress_clear (&data->progress);
  g_clear_object (&data->message);
  g_clear_object (&data->input);
  g_clear_object (&data->output);
  g_clear_error (&data->error);
  g_free (data);
}

static goffset
total_size (DownloadData *data)
{
  if (data->expected_size >= 0)
    return data->expected_size;
  return data->content_length;
}

/* Failure: close and remove the temporary file (without the caller's
 * cancellable, so the clean-up happens even after a cancel), then report. */

static void
cleanup_delete_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (object), result, &error))
    g_debug ("Could not remove the partial download: %s", error->message);

  g_task_return_error (task, g_steal_pointer (&data->error));
}

static void
cleanup_close_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);

  g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, NULL);
  g_file_delete_async (data->temporary, G_PRIORITY_DEFAULT, NULL, cleanup_delete_cb,
                       g_steal_pointer (&task));
}

/* Takes the reference to @task and @error. */
static void
fail (GTask  *task,
      GError *error)
{
  DownloadData *data = g_task_get_task_data (task);

  g_clear_error (&data->error);
  data->error = error;

  if (data->output != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (data->output)))
    g_output_stream_close_async (G_OUTPUT_STREAM (data->output), G_PRIORITY_DEFAULT, NULL,
                                 cleanup_close_cb, task);
  else if (data->temporary != NULL)
    g_file_delete_async (data->temporary, G_PRIORITY_DEFAULT, NULL, cleanup_delete_cb, task);
  else
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      g_object_unref (task);
    }
}

static GError *
io_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  /* Translators: %s is the system's description of a file error. */
  return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_FILE,
                      _("Could not save the downloaded file: %s"), error->message);
}

static GError *
size_mismatch_error (goffset got,
                     goffset expected)
{
  g_autofree char *got_text = g_strdup_printf ("%" G_GOFFSET_FORMAT, got);
  g_autofree char *expected_text = g_strdup_printf ("%" G_GOFFSET_FORMAT, expected);

  /* Translators: both are byte counts, e.g. "got 1000 of 2048 bytes". */
  return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_SIZE_MISMATCH,
                      _("The download is incomplete: got %s of %s bytes. Try again."),
                      got_text, expected_text);
}

static void
move_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_move_finish (G_FILE (object), result, &error))
    {
      fail (g_steal_pointer (&task), io_error (error));
      return;
    }

  g_clear_object (&data->temporary);
  _lk_fal_progress_report (&data->progress, data->done, data->done, TRUE);
  g_debug ("Downloaded %" G_GOFFSET_FORMAT " bytes", data->done);
  g_task_return_boolean (task, TRUE);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      fail (g_steal_pointer (&task), io_error (error));
      return;
    }

  g_file_move_async (data->temporary, data->destination, G_FILE_COPY_OVERWRITE,
                     G_PRIORITY_DEFAULT, g_task_get_cancellable (task), NULL, NULL,
                     move_cb, g_object_ref (task));
}

static void read_chunk (GTask *task);

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize written = 0;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &written, &error))
    {
      fail (g_steal_pointer (&task), io_error (error));
      return;
    }

  data->done += written;
  _lk_fal_progress_report (&data->progress, data->done, total_size (data), FALSE);
  read_chunk (g_steal_pointer (&task));
}

static gboolean
is_encoded (SoupMessageHeaders *headers)
{
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");

  return encoding != NULL && *encoding != '\0' && g_ascii_strcasecmp (encoding, "identity") != 0;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer chunk;
  gsize length;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (g_steal_pointer (&task), g_steal_pointer (&error));
      else
        fail (g_steal_pointer (&task), _lk_fal_error_network (error));
      return;
    }

  chunk = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      goffset expected = total_size (data);

      if ((expected >= 0 && data->done != expected) ||
          (data->content_length >= 0 && data->done != data->content_length))
        {
          fail (g_steal_pointer (&task),
                size_mismatch_error (data->done, expected >= 0 ? expected : data->content_length));
          return;
        }

      g_output_stream_close_async (G_OUTPUT_STREAM (data->output), G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), close_cb,
                                   g_object_ref (task));
      return;
    }

  if (data->expected_size >= 0 && data->done + (goffset) length > data->expected_size)
    {
      fail (g_steal_pointer (&task), size_mismatch_error (data->done + length,
                                                          data->expected_size));
      return;
    }

  /* write_all_async copies nothing: keep the bytes alive until it is done. */
  g_object_set_data_full (G_OBJECT (task), "chunk", g_bytes_ref (bytes),
                          (GDestroyNotify) g_bytes_unref);
  g_output_stream_write_all_async (G_OUTPUT_STREAM (data->output), chunk, length,
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   write_cb, g_object_ref (task));
}

static void
read_chunk (GTask *task)
{
  DownloadData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->input, DOWNLOAD_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->output = g_file_create_finish (G_FILE (object), result, &error);
  if (data->output == NULL)
    {
      /* A cancel can land after the worker created the file, so only a
       * real failure means there is nothing to remove. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_clear_object (&data->temporary);
      fail (g_steal_pointer (&task), io_error (error));
      return;
    }

  read_chunk (g_steal_pointer (&task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *temporary_name = NULL;
  SoupMessageHeaders *headers;
  guint status;

  data->input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->input == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, _lk_fal_error_network (error));
      return;
    }

  _lk_fal_debug_reply ("GET", data->url, data->message);
  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);
  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, _lk_fal_error_from_http (LK_FAL_OP_DOWNLOAD, status,
                                                         headers, NULL));
      return;
    }

  /* With a Content-Encoding (a CDN may gzip a JSON file on the fly) the
   * length counts encoded bytes; the session hands over decoded ones. */
  data->content_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      !is_encoded (headers))
    data->content_length = soup_message_headers_get_content_length (headers);

  if (data->expected_size >= 0 && data->content_length >= 0 &&
      data->expected_size != data->content_length)
    {
      g_task_return_error (task, size_mismatch_error (data->content_length,
                                                      data->expected_size));
      return;
    }

  parent = g_file_get_parent (data->destination);
  basename = g_file_get_basename (data->destination);
  temporary_name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
  data->temporary = parent ? g_file_get_child (parent, temporary_name)
                           : g_file_new_for_path (temporary_name);

  _lk_fal_progress_report (&data->progress, 0, total_size (data), TRUE);
  g_file_create_async (data->temporary, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task), create_cb, g_object_ref (task));
}

/**
 * lk_fal_client_download_async:
 * @self: a client
 * @url: a file URL from a result
 * @destination: where to save it; replaced only when the download succeeds
 * @expected_size: the `file_size` fal reported, or -1
 * @progress_func: (nullable): called with bytes received, at most every 100 ms
 * @progress_data: data for @progress_func
 * @progress_notify: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is saved
 * @user_data: data for @callback
 */
void
lk_fal_client_download_async (LkFalClient         *self,
                              const char          *url,
                              GFile               *destination,
                              goffset              expected_size,
                              LkFalProgressFunc    progress_func,
                              gpointer             progress_data,
                              GDestroyNotify       progress_notify,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  DownloadData *data;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_fal_client_download_async);

  data = g_new0 (DownloadData, 1);
  data->url = g_strdup (url);
  data->destination = g_object_ref (destination);
  data->expected_size = expected_size < 0 ? -1 : expected_size;
  data->content_length = -1;
  _lk_fal_progress_init (&data->progress, progress_func, progress_data, progress_notify);
  g_task_set_task_data (task, data, (GDestroyNotify) download_data_free);

  data->message = _lk_fal_client_new_plain_message (self, "GET", url, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT, cancellable,
                           send_cb, g_steal_pointer (&task));
}

gboolean
lk_fal_client_download_finish (LkFalClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
