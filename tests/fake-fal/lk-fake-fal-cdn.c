/* lk-fake-fal-cdn.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-cdn"

#include "config.h"

#include <string.h>

#include "lk-fake-fal-private.h"

/* The CDN listener (C): stored files with Content-Length, Content-Type and
 * Range, read from disk in slices (optionally throttled), never whole. */

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  LkFakeFal         *self;           /* (unowned) */
  SoupServerMessage *msg;            /* (owned) */
  FakeFile          *file;           /* (unowned); the download is stopped before files go */
  goffset            offset;
  goffset            end;            /* exclusive */
  guint64            throttle_bps;
  guint              timer_id;
  gulong             wrote_id;
  gulong             finished_id;
  guint              segment;
  goffset            segment_start;
  GInputStream      *in;             /* (owned) (nullable) */
} FakeDownload;

static void
download_free (FakeDownload *download)
{
  _lk_fake_fal_source_clear (download->self, &download->timer_id);
  g_clear_signal_handler (&download->wrote_id, download->msg);
  g_clear_signal_handler (&download->finished_id, download->msg);
  g_clear_object (&download->in);
  g_clear_object (&download->msg);
  g_free (download);
}

static GBytes *
download_read (FakeDownload *download,
               gsize         max)
{
  FakeFile *file = download->file;
  g_autoptr(GError) error = NULL;

  while (download->segment < file->segments->len &&
         download->offset >= download->segment_start + g_array_index (file->sizes, goffset, download->segment))
    {
      download->segment_start += g_array_index (file->sizes, goffset, download->segment);
      download->segment++;
      g_clear_object (&download->in);
    }
  if (download->segment >= file->segments->len)
    return NULL;

  if (download->in == NULL)
    {
      g_autoptr(GFile) gfile = g_file_new_for_path (g_ptr_array_index (file->segments, download->segment));

      download->in = G_INPUT_STREAM (g_file_read (gfile, NULL, &error));
      if (download->in == NULL ||
          !g_seekable_seek (G_SEEKABLE (download->in), download->offset - download->segment_start,
                            G_SEEK_SET, NULL, &error))
        {
          g_debug ("Cannot read a stored file: %s", error->message);
          return NULL;
        }
    }

  max = MIN ((goffset) max, download->end - download->offset);
  max = MIN ((goffset) max, download->segment_start +
             g_array_index (file->sizes, goffset, download->segment) - download->offset);

  return g_input_stream_read_bytes (download->in, max, NULL, NULL);
}

static void download_next (FakeDownload *download);

static gboolean
download_timer_cb (gpointer user_data)
{
  FakeDownload *download = user_data;

  download->timer_id = 0;
  download_next (download);
  soup_server_message_unpause (download->msg);

  return G_SOURCE_REMOVE;
}

static void
download_next (FakeDownload *download)
{
  gsize chunk = CHUNK_SIZE;
  g_autoptr(GBytes) bytes = NULL;

  if (download->offset >= download->end)
    return;
  if (download->throttle_bps > 0)
    chunk = MAX (1, MIN (CHUNK_SIZE, download->throttle_bps / 10));

  bytes = download_read (download, chunk);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      /* The file went away under us: cut the connection. */
      GSocket *socket = soup_server_message_get_socket (download->msg);

      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
      download->offset = download->end;
      return;
    }
  download->offset += g_bytes_get_size (bytes);
  soup_message_body_append_bytes (soup_server_message_get_response_body (download->msg), bytes);
}

static void
download_wrote_chunk_cb (SoupServerMessage *msg,
                         FakeDownload      *download)
{
  if (download->offset >= download->end || download->timer_id != 0)
    return;

  if (download->throttle_bps > 0)
    download->timer_id = _lk_fake_fal_timeout_add (download->self, 100, download_timer_cb, download);
  else
    download_next (download);
}

static void
download_finished_cb (SoupServerMessage *msg,
                      FakeDownload      *download)
{
  download->self->downloads = g_list_remove (download->self->downloads, download);
  download_free (download);
}

void
_lk_fake_fal_stop_downloads (LkFakeFal *self)
{
  while (self->downloads != NULL)
    {
      FakeDownload *download = self->downloads->data;
      GSocket *socket = soup_server_message_get_socket (download->msg);

      self->downloads = g_list_delete_link (self->downloads, self->downloads);
      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
      download_free (download);
    }
}

static gboolean
parse_range (const char *value,
             goffset     size,
             goffset    *start,
             goffset    *end)
{
  const char *spec;
  char *dash;
  g_autofree char *copy = NULL;

  if (!g_str_has_prefix (value, "bytes="))
    return FALSE;
  spec = value + strlen ("bytes=");
  if (strchr (spec, ',') != NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (spec));
  dash = strchr (copy, '-');
  if (dash == NULL)
    return FALSE;
  *dash = '\0';

  if (copy[0] == '\0')
    {
      gint64 suffix = g_ascii_strtoll (dash + 1, NULL, 10);

      if (suffix <= 0)
        return FALSE;
      *start = MAX (0, size - suffix);
      *end = size;
    }
  else
    {
      *start = g_ascii_strtoll (copy, NULL, 10);
      *end = dash[1] != '\0' ? g_ascii_strtoll (dash + 1, NULL, 10) + 1 : size;
      *end = MIN (*end, size);
    }

  return *start < size && *start < *end;
}

void
_lk_fake_fal_handle_cdn (LkFakeFal   *self,
                         FakeRequest *req,
                         const char  *path)
{
  const char *method = soup_server_message_get_method (req->msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (req->msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  const char *range = soup_message_headers_get_one (request_headers, "Range");
  g_autoptr(JsonObject) action = NULL;
  FakeDownload *download;
  FakeFile *file;
  goffset start = 0, end;
  guint status = 200;

  /* Bodies streamed to disk (Python multipart parts) were matched when their
   * headers arrived. */
  if (req->streaming)
    action = req->action != NULL ? json_object_ref (req->action) : NULL;
  else
    action = _lk_fake_fal_match_fault (self, req, method, path, NULL,
                                       g_str_equal (method, "GET") ? "download" : "other");
  if (_lk_fake_fal_take_action (req, action))
    return;
  if (req->reset_done)
    return;

  if (_lk_fake_fal_python_multipart_on_cdn (self, req, path))
    return;
  if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD"))
    {
      _lk_fake_fal_respond_detail (req, 405, "Method Not Allowed");
      return;
    }
  file = g_hash_table_lookup (self->files, path);
  if (file == NULL)
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
      return;
    }

  end = file->size;
  if (range != NULL)
    {
      if (!parse_range (range, file->size, &start, &end))
        {
          g_autofree char *content_range = g_strdup_printf ("bytes */%" G_GOFFSET_FORMAT, file->size);

          soup_message_headers_replace (headers, "Content-Range", content_range);
          _lk_fake_fal_respond_text (req, 416, "text/plain", "");
          return;
        }
      status = 206;
    }

  soup_server_message_set_status (req->msg, status, NULL);
  json_object_set_int_member (req->record, "status", status);
  soup_message_headers_replace (headers, "Content-Type", file->content_type);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  soup_message_headers_set_content_length (headers, end - start);
  if (status == 206)
    {
      g_autofree char *content_range = g_strdup_printf ("bytes %" G_GOFFSET_FORMAT "-%" G_GOFFSET_FORMAT
                                                        "/%" G_GOFFSET_FORMAT, start, end - 1, file->size);

      soup_message_headers_replace (headers, "Content-Range", content_range);
    }

  if (g_str_equal (method, "HEAD") || end == start)
    return;

  download = g_new0 (FakeDownload, 1);
  download->self = self;
  download->msg = g_object_ref (req->msg);
  download->file = file;
  download->offset = start;
  download->end = end;
  if (action != NULL)
    download->throttle_bps = json_object_get_int_member_with_default (action, "throttle_bps", 0);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (req->msg), FALSE);
  download->wrote_id = g_signal_connect (req->msg, "wrote-chunk",
                                         G_CALLBACK (download_wrote_chunk_cb), download);
  download->finished_id = g_signal_connect (req->msg, "finished",
                                            G_CALLBACK (download_finished_cb), download);
  self->downloads = g_list_prepend (self->downloads, download);

  download_next (download);
}
