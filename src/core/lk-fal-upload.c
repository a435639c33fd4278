/* lk-fal-upload.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fal storage uploads as the JavaScript client does them (protocol §4.1,
 * §4.2): a keyed initiate, then a presigned PUT for up to 90 MiB, or
 * sequential 10 MiB parts and a complete POST above that or when the size is
 * unknown. The presigned requests never carry the key and never go through
 * the proxy. This file does the initiate and the bookkeeping on the
 * caller's context; the bytes are sent from a worker thread
 * (lk-fal-upload-transfer.c), streamed: a single PUT reads the source as
 * libsoup sends it, and multipart holds one part at a time, which is also
 * what lets a failed part be sent again from a stream that cannot seek.
 */

#define G_LOG_DOMAIN "lk-fal-upload"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-error.h"
#include "lk-fal-json-private.h"
#include "lk-fal-upload-private.h"
#include "lk-util.h"

typedef struct
{
  GFile         *file;
  GInputStream  *stream;
  goffset        size;
  char          *file_name;
  char          *content_type;
  LkFalProgress  progress;

  char          *upload_url;
  char          *file_url;
  gboolean       multipart;
  goffset        done;
} UploadData;

static void
upload_data_free (UploadData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->stream);
  g_free (data->file_name);
  g_free (data->content_type);
  _lk_fal_progress_clear (&data->progress);
  g_free (data->upload_url);
  g_free (data->file_url);
  g_free (data);
}

static void
transfer_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!_lk_fal_upload_transfer_finish (result, &data->done, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _lk_fal_progress_report (&data->progress, data->done,
                           data->size >= 0 ? data->size : data->done, TRUE);
  g_debug ("Uploaded %" G_GOFFSET_FORMAT " bytes", data->done);
  g_task_return_pointer (task, g_strdup (data->file_url), g_free);
}

/* Initiate */

static gboolean
is_http_url (const char *url)
{
  return url != NULL &&
         (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")) &&
         g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL);
}

static void
initiate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LkFalClient *self = LK_FAL_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  const char *upload_url;
  const char *file_url;

  reply = _lk_fal_client_send_finish_object (self, result, LK_FAL_OP_INITIATE, NULL, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  upload_url = _lk_fal_json_get_string (reply, "upload_url");
  file_url = _lk_fal_json_get_string (reply, "file_url");
  if (!is_http_url (upload_url) || !is_http_url (file_url))
    {
      g_debug ("Initiate reply without usable upload_url/file_url");
      g_task_return_error (task, _lk_fal_error_malformed ());
      return;
    }

  data->upload_url = g_strdup (upload_url);
  data->file_url = g_strdup (file_url);
  _lk_fal_progress_report (&data->progress, 0, data->size, TRUE);

  cancellable = g_task_get_cancellable (task);
  _lk_fal_upload_transfer_async (self, data->stream, data->size, data->content_type,
                                 data->upload_url, data->multipart, &data->progress,
                                 cancellable, transfer_cb, g_steal_pointer (&task));
}

/* Takes the reference to @task. */
static void
initiate (GTask *task)
{
  LkFalClient *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  char *json;
  gsize length;

  data->multipart = data->size < 0 || data->size > LK_FAL_MULTIPART_THRESHOLD;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, data->content_type);
  json_builder_set_member_name (builder, "file_name");
  json_builder_add_string_value (builder, data->file_name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);

  url = g_strconcat (self->rest_url,
                     data->multipart ? "/storage/upload/initiate-multipart"
                                     : "/storage/upload/initiate",
                     "?storage_type=fal-cdn-v3", NULL);

  g_debug ("Uploading %s bytes as %s",
           data->size >= 0 ? "known" : "an unknown number of",
           data->multipart ? "multipart" : "one PUT");

  _lk_fal_client_send_async (self, LK_FAL_OP_INITIATE, "POST", url,
                             g_bytes_new_take (json, length),
                             g_task_get_cancellable (task), initiate_cb, task);
}

static GTask *
upload_task_new (LkFalClient         *self,
                 gpointer             source_tag,
                 LkFalProgressFunc    progress_func,
                 gpointer             progress_data,
                 GDestroyNotify       progress_notify,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  UploadData *data = g_new0 (UploadData, 1);

  g_task_set_source_tag (task, source_tag);
  _lk_fal_progress_init (&data->progress, progress_func, progress_data, progress_notify);
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);

  return task;
}

/* The JS client's default name when a blob has none: "<ms>.<subtype>". */
static char *
default_file_name (const char *content_type)
{
  const char *slash = content_type ? strchr (content_type, '/') : NULL;
  const char *subtype = (slash && slash[1]) ? slash + 1 : "bin";

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%s", g_get_real_time () / 1000, subtype);
}

/**
 * lk_fal_client_upload_stream_async:
 * @self: a client
 * @stream: the bytes to upload, read once from the current position with
 *   blocking reads in the upload's worker thread; leave it alone until
 *   @callback has run
 * @size: the number of bytes, or -1 when unknown (uses multipart)
 * @file_name: (nullable): the name fal should give the file
 * @content_type: (nullable): its MIME type (`application/octet-stream` if
 *   %NULL)
 * @progress_func: (nullable): called with bytes sent, at most every 100 ms
 * @progress_data: data for @progress_func
 * @progress_notify: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the file's URL
 * @user_data: data for @callback
 */
void
lk_fal_client_upload_stream_async (LkFalClient         *self,
                                   GInputStream        *stream,
                                   goffset              size,
                                   const char          *file_name,
                                   const char          *content_type,
                                   LkFalProgressFunc    progress_func,
                                   gpointer             progress_data,
                                   GDestroyNotify       progress_notify,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  UploadData *data;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = upload_task_new (self, lk_fal_client_upload_stream_async, progress_func,
                          progress_data, progress_notify, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->stream = g_object_ref (stream);
  data->size = size < 0 ? -1 : size;
  data->content_type = g_strdup (content_type ? content_type : "application/octet-stream");
  data->file_name = (file_name && *file_name) ? g_strdup (file_name)
                                              : default_file_name (data->content_type);

  initiate (task);
}

char *
lk_fal_client_upload_stream_finish (LkFalClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Files */

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GFileInputStream *stream;

  stream = g_file_read_finish (G_FILE (object), result, &error);
  if (stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, LK_FAL_ERROR, LK_FAL_ERROR_FILE,
                                 _("Could not read the file to upload: %s"), error->message);
      return;
    }

  data->stream = G_INPUT_STREAM (stream);
  initiate (g_steal_pointer (&task));
}

/* Without a shared-mime-info database (a minimal system, a sandbox) GIO
 * only says "application/octet-stream"; the types Likeness uploads are
 * known by their extension. */
static const char *
mime_type_from_name (const char *name)
{
  static const struct {
    const char *suffix;
    const char *mime;
  } types[] = {
    { ".zip", "application/zip" },
    { ".png", "image/png" },
    { ".jpg", "image/jpeg" },
    { ".jpeg", "image/jpeg" },
    { ".webp", "image/webp" },
    { ".txt", "text/plain" },
    { ".json", "application/json" },
  };
  g_autofree char *folded = g_ascii_strdown (name ? name : "", -1);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (folded, types[i].suffix))
      return types[i].mime;

  return NULL;
}

static void
file_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, LK_FAL_ERROR, LK_FAL_ERROR_FILE,
                                 _("Could not read the file to upload: %s"), error->message);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, LK_FAL_ERROR, LK_FAL_ERROR_FILE, "%s",
                               _("Only regular files can be uploaded."));
      return;
    }

  data->size = g_file_info_get_size (info);

  if (data->content_type == NULL)
    {
      const char *guessed = g_file_info_get_content_type (info);
      g_autofree char *mime = guessed ? g_content_type_get_mime_type (guessed) : NULL;

      if (mime == NULL || g_str_equal (mime, "application/octet-stream"))
        {
          const char *by_name = mime_type_from_name (data->file_name);

          if (by_name != NULL)
            lk_set_str (&mime, by_name);
        }

      data->content_type = g_strdup (mime ? mime : "application/octet-stream");
    }

  g_file_read_async (data->file, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                     file_read_cb, g_object_ref (task));
}

/**
 * lk_fal_client_upload_file_async:
 * @self: a client
 * @file: a regular file
 * @content_type: (nullable): its MIME type, guessed when %NULL
 * @progress_func: (nullable): called with bytes sent, at most every 100 ms
 * @progress_data: data for @progress_func
 * @progress_notify: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the file's URL
 * @user_data: data for @callback
 */
void
lk_fal_client_upload_file_async (LkFalClient         *self,
                                 GFile               *file,
                                 const char          *content_type,
                                 LkFalProgressFunc    progress_func,
                                 gpointer             progress_data,
                                 GDestroyNotify       progress_notify,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  UploadData *data;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = upload_task_new (self, lk_fal_client_upload_file_async, progress_func,
                          progress_data, progress_notify, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->file = g_object_ref (file);
  data->file_name = g_file_get_basename (file);
  data->content_type = g_strdup (content_type);

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                           file_info_cb, task);
}

char *
lk_fal_client_upload_file_finish (LkFalClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
