/* lk-fake-fal-storage.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-storage"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-fake-fal-private.h"

/* Storage: initiate on R, presigned single and multipart PUTs on U (streamed
 * to disk, never held in memory) and downloads with Range on C. */

void
_lk_fake_fal_file_free (gpointer data)
{
  FakeFile *file = data;

  for (guint i = 0; i < file->segments->len; i++)
    g_unlink (g_ptr_array_index (file->segments, i));
  g_ptr_array_unref (file->segments);
  g_array_unref (file->sizes);
  g_free (file->cdn_path);
  g_free (file->content_type);
  g_free (file->file_name);
  g_free (file);
}

static void
part_free (gpointer data)
{
  FakePart *part = data;

  if (part->path != NULL)
    g_unlink (part->path);
  g_free (part->path);
  g_free (part->etag);
  g_free (part);
}

void
_lk_fake_fal_upload_free (gpointer data)
{
  FakeUpload *upload = data;

  g_free (upload->token);
  g_free (upload->signature);
  g_free (upload->cdn_path);
  g_free (upload->content_type);
  g_free (upload->file_name);
  g_clear_pointer (&upload->parts, g_hash_table_unref);
  g_free (upload);
}

static FakeFile *
file_new (LkFakeFal  *self,
          const char *cdn_path,
          const char *file_name,
          const char *content_type)
{
  FakeFile *file = g_new0 (FakeFile, 1);

  file->cdn_path = g_strdup (cdn_path);
  file->file_name = g_strdup (file_name);
  file->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
  file->segments = g_ptr_array_new_with_free_func (g_free);
  file->sizes = g_array_new (FALSE, FALSE, sizeof (goffset));

  return file;
}

static void
file_add_segment (FakeFile *file,
                  char     *path,
                  goffset   size)
{
  g_ptr_array_add (file->segments, path);
  g_array_append_val (file->sizes, size);
  file->size += size;
}

static void
publish_file (LkFakeFal *self,
              FakeFile  *file)
{
  g_hash_table_replace (self->files, file->cdn_path, file);
}

static char *
sanitize_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_' ? *p : '_');
  if (out->len == 0)
    g_string_append (out, "file");

  return g_string_free (out, FALSE);
}

static char *
new_cdn_path (LkFakeFal  *self,
              const char *file_name)
{
  g_autofree char *clean = sanitize_name (file_name);
  g_autofree char *uuid = _lk_fake_fal_new_uuid ();

  return g_strdup_printf ("/files/fake/%.8s%04u_%s", uuid, ++self->next_file_id % 10000, clean);
}

char *
_lk_fake_fal_file_url (LkFakeFal *self,
                       FakeFile  *file)
{
  return g_strconcat (lk_fake_fal_get_url (self, LK_FAKE_FAL_CDN), file->cdn_path, NULL);
}

FakeFile *
_lk_fake_fal_store_bytes (LkFakeFal  *self,
                          const char *file_name,
                          const char *content_type,
                          GBytes     *bytes)
{
  g_autofree char *cdn_path = new_cdn_path (self, file_name);
  g_autofree char *path = NULL;
  FakeFile *file;
  int fd;

  path = g_build_filename (self->tmpdir, "out-XXXXXX", NULL);
  fd = g_mkstemp (path);
  if (fd < 0)
    g_error ("Cannot create a file in %s", self->tmpdir);
  close (fd);
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    g_error ("Cannot write %s", path);

  file = file_new (self, cdn_path, file_name, content_type);
  file_add_segment (file, g_steal_pointer (&path), g_bytes_get_size (bytes));
  publish_file (self, file);

  return file;
}

/* Finds a stored file from a C URL, or from a U URL whose upload completed. */
FakeFile *
_lk_fake_fal_lookup_url (LkFakeFal  *self,
                         const char *url)
{
  const char *cdn = lk_fake_fal_get_url (self, LK_FAKE_FAL_CDN);
  const char *up = lk_fake_fal_get_url (self, LK_FAKE_FAL_UPLOAD);
  g_autofree char *path = NULL;

  if (g_str_has_prefix (url, cdn))
    {
      path = g_strndup (url + strlen (cdn), strcspn (url + strlen (cdn), "?#"));
      return g_hash_table_lookup (self->files, path);
    }
  if (g_str_has_prefix (url, up))
    {
      const char *rest = url + strlen (up);
      g_auto(GStrv) parts = NULL;
      FakeUpload *upload;

      path = g_strndup (rest, strcspn (rest, "?#"));
      parts = g_strsplit (path, "/", -1);
      if (g_strv_length (parts) < 3)
        return NULL;
      upload = g_hash_table_lookup (self->uploads, parts[2]);
      if (upload == NULL || !upload->used)
        return NULL;
      return g_hash_table_lookup (self->files, upload->cdn_path);
    }

  return NULL;
}

/* R: storage initiate */

static void
respond_missing_fields (FakeRequest *req,
                        JsonNode    *body,
                        gboolean     has_type,
                        gboolean     has_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *fields[] = { has_type ? NULL : "content_type", has_name ? NULL : "file_name" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "detail");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "loc");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, "body");
      json_builder_add_string_value (builder, fields[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "msg");
      json_builder_add_string_value (builder, "Field required");
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "missing");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  _lk_fake_fal_respond_json (req, 422, json_builder_get_root (builder));
}

static void
handle_initiate (LkFakeFal   *self,
                 FakeRequest *req,
                 gboolean     multipart)
{
  g_autoptr(JsonNode) body = _lk_fake_fal_parse_body (req);
  JsonObject *object = body != NULL && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  const char *content_type = NULL;
  const char *file_name = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *upload_url = NULL;
  g_autofree char *file_url = NULL;
  FakeUpload *upload;

  if (object != NULL)
    {
      JsonNode *node = json_object_get_member (object, "content_type");

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        content_type = json_node_get_string (node);
      node = json_object_get_member (object, "file_name");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        file_name = json_node_get_string (node);
    }
  if (content_type == NULL || file_name == NULL)
    {
      respond_missing_fields (req, body, content_type != NULL, file_name != NULL);
      return;
    }

  upload = g_new0 (FakeUpload, 1);
  upload->token = g_uuid_string_random ();
  upload->signature = g_compute_checksum_for_string (G_CHECKSUM_SHA1, upload->token, -1);
  upload->multipart = multipart;
  upload->cdn_path = new_cdn_path (self, file_name);
  upload->content_type = g_strdup (content_type);
  upload->file_name = g_strdup (file_name);
  upload->parts = g_hash_table_new_full (NULL, NULL, NULL, part_free);
  g_hash_table_insert (self->uploads, upload->token, upload);

  upload_url = g_strdup_printf ("%s/%s/%s?signature=%s", lk_fake_fal_get_url (self, LK_FAKE_FAL_UPLOAD),
                                multipart ? "multipart" : "upload", upload->token, upload->signature);
  file_url = g_strconcat (lk_fake_fal_get_url (self, LK_FAKE_FAL_CDN), upload->cdn_path, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "upload_url");
  json_builder_add_string_value (builder, upload_url);
  json_builder_set_member_name (builder, "file_url");
  json_builder_add_string_value (builder, file_url);
  json_builder_end_object (builder);
  _lk_fake_fal_respond_json (req, 200, json_builder_get_root (builder));
}

/* POST /tokens/: a short-lived token for connectionMode "client" streams,
 * answered as a bare JSON string. */
static void
handle_jwt_token (LkFakeFal   *self,
                  FakeRequest *req)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *token = g_strdup_printf ("fake-jwt.%s", uuid);
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  g_hash_table_insert (self->cdn_tokens, g_strdup (token), GINT_TO_POINTER (FAKE_TOKEN_JWT));
  json_node_set_string (node, token);
  _lk_fake_fal_respond_json (req, 200, node);
}

/* POST /storage/auth/token (Python client path, §4.3). */
static void
handle_cdn_token (LkFakeFal   *self,
                  FakeRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_hours (now, 1);
  g_autofree char *expires_text = g_date_time_format_iso8601 (expires);
  g_autofree char *token = g_uuid_string_random ();

  g_hash_table_insert (self->cdn_tokens, g_strdup (token), GINT_TO_POINTER (FAKE_TOKEN_CDN));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "base_url");
  json_builder_add_string_value (builder, lk_fake_fal_get_url (self, LK_FAKE_FAL_UPLOAD));
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_end_object (builder);
  _lk_fake_fal_respond_json (req, 200, json_builder_get_root (builder));
}

void
_lk_fake_fal_handle_rest (LkFakeFal   *self,
                          FakeRequest *req,
                          const char  *path,
                          const char  *query)
{
  const char *method = soup_server_message_get_method (req->msg);
  g_autoptr(JsonObject) action = NULL;
  gboolean initiate = g_str_equal (path, "/storage/upload/initiate");
  gboolean initiate_multipart = g_str_equal (path, "/storage/upload/initiate-multipart");

  if (_lk_fake_fal_check_auth (req, initiate || initiate_multipart) == NULL)
    return;

  action = _lk_fake_fal_match_fault (self, req, method, path, NULL, "other");
  if (_lk_fake_fal_take_action (req, action))
    return;

  if ((initiate || initiate_multipart) && g_str_equal (method, "POST"))
    handle_initiate (self, req, initiate_multipart);
  else if ((g_str_equal (path, "/tokens/") || g_str_equal (path, "/tokens")) && g_str_equal (method, "POST"))
    handle_jwt_token (self, req);
  else if (self->python_storage && g_str_equal (path, "/storage/auth/token") && g_str_equal (method, "POST"))
    handle_cdn_token (self, req);
  else if (initiate || initiate_multipart)
    _lk_fake_fal_respond_detail (req, 405, "Method Not Allowed");
  else
    _lk_fake_fal_respond_detail (req, 404, "Not Found");
}

/* U: presigned uploads */

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              FakeRequest       *req)
{
  gsize size = g_bytes_get_size (chunk);
  g_autoptr(GError) error = NULL;

  if (req->reset_done || req->body_out == NULL)
    return;

  if (!g_output_stream_write_all (req->body_out, g_bytes_get_data (chunk, NULL), size,
                                  NULL, NULL, &error))
    {
      g_debug ("Cannot store upload: %s", error->message);
      return;
    }
  if (req->md5 != NULL)
    g_checksum_update (req->md5, g_bytes_get_data (chunk, NULL), size);
  req->received += size;

  if (req->reset_after >= 0 && req->received >= req->reset_after)
    {
      GSocket *socket = soup_server_message_get_socket (msg);

      /* Drop the connection mid-body, as a failing upload host would. */
      req->reset_done = TRUE;
      json_object_set_boolean_member (req->record, "reset", TRUE);
      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
    }
}

void
_lk_fake_fal_upload_started (LkFakeFal   *self,
                             FakeRequest *req)
{
  const char *method = soup_server_message_get_method (req->msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (req->msg));
  gboolean is_put = g_str_equal (method, "PUT") ||
                    (self->python_storage && req->listener == LK_FAKE_FAL_UPLOAD &&
                     g_str_equal (method, "POST") && g_str_equal (path, "/files/upload"));
  g_autofree char *tmp = NULL;
  int fd;

  req->action = _lk_fake_fal_match_fault (self, req, method, path, NULL, is_put ? "upload" : "other");
  if (req->action != NULL && json_object_has_member (req->action, "reset_after_bytes"))
    req->reset_after = json_object_get_int_member_with_default (req->action, "reset_after_bytes", 0);

  if (!is_put)
    return;

  tmp = g_build_filename (self->tmpdir, "up-XXXXXX", NULL);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    return;

  req->streaming = TRUE;
  req->body_path = g_steal_pointer (&tmp);
  req->body_out = g_unix_output_stream_new (fd, TRUE);
  /* Only multipart parts need an ETag; hashing single uploads would only
   * slow down the 1 GiB throughput benchmark. */
  if (strstr (path, "/multipart/") != NULL)
    req->md5 = g_checksum_new (G_CHECKSUM_MD5);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (req->msg), FALSE);
  g_signal_connect (req->msg, "got-chunk", G_CALLBACK (got_chunk_cb), req);
}

static FakeUpload *
find_upload (LkFakeFal  *self,
             const char *token,
             const char *query,
             gboolean    multipart)
{
  FakeUpload *upload = g_hash_table_lookup (self->uploads, token);
  g_autoptr(GHashTable) params = NULL;

  if (upload == NULL || upload->multipart != multipart || upload->used || query == NULL)
    return NULL;
  params = soup_form_decode (query);
  if (g_strcmp0 (g_hash_table_lookup (params, "signature"), upload->signature) != 0)
    return NULL;

  return upload;
}

static char *
finish_body (FakeRequest *req)
{
  if (req->body_out != NULL)
    {
      g_output_stream_close (req->body_out, NULL, NULL);
      g_clear_object (&req->body_out);
    }

  return g_steal_pointer (&req->body_path);
}

static gboolean
etag_equal (const char *a,
            const char *b)
{
  g_autofree char *x = g_strdup (a);
  g_autofree char *y = g_strdup (b);

  g_strdelimit (x, "\"", ' ');
  g_strdelimit (y, "\"", ' ');
  return g_str_equal (g_strstrip (x), g_strstrip (y)) && x[0] != '\0';
}

static void
handle_complete (LkFakeFal   *self,
                 FakeRequest *req,
                 FakeUpload  *upload)
{
  g_autoptr(JsonNode) body = _lk_fake_fal_parse_body (req);
  JsonArray *parts;
  FakeFile *file;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body) ||
      !json_object_has_member (json_node_get_object (body), "parts") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (body), "parts")))
    {
      _lk_fake_fal_respond_detail (req, 400, "Expected {\"parts\":[{\"partNumber\":n,\"etag\":\"…\"}]}");
      return;
    }

  parts = json_object_get_array_member (json_node_get_object (body), "parts");
  if (json_array_get_length (parts) == 0)
    {
      _lk_fake_fal_respond_detail (req, 400, "No parts given");
      return;
    }

  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonNode *item = json_array_get_element (parts, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      gint64 number = entry != NULL ? json_object_get_int_member_with_default (entry, "partNumber", -1) : -1;
      const char *etag = entry != NULL ? json_object_get_string_member_with_default (entry, "etag", NULL) : NULL;
      FakePart *part;

      if (number != (gint64) i + 1)
        {
          g_autofree char *detail = g_strdup_printf ("Part %u is missing or out of order", i + 1);

          _lk_fake_fal_respond_detail (req, 400, detail);
          return;
        }
      part = g_hash_table_lookup (upload->parts, GUINT_TO_POINTER ((guint) number));
      if (part == NULL)
        {
          g_autofree char *detail = g_strdup_printf ("Part %u was never uploaded", i + 1);

          _lk_fake_fal_respond_detail (req, 400, detail);
          return;
        }
      if (etag == NULL || !etag_equal (etag, part->etag))
        {
          g_autofree char *detail = g_strdup_printf ("ETag of part %u does not match", i + 1);

          _lk_fake_fal_respond_detail (req, 400, detail);
          return;
        }
    }

  file = file_new (self, upload->cdn_path, upload->file_name, upload->content_type);
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      FakePart *part = g_hash_table_lookup (upload->parts, GUINT_TO_POINTER (i + 1));

      file_add_segment (file, g_steal_pointer (&part->path), part->size);
    }
  upload->used = TRUE;
  g_hash_table_remove_all (upload->parts);
  publish_file (self, file);

  _lk_fake_fal_respond_text (req, 200, "application/json", "{}");
}

static void
store_part (LkFakeFal   *self,
            FakeRequest *req,
            FakeUpload  *upload,
            guint        number)
{
  g_autofree char *json = NULL;
  FakePart *part;

  part = g_new0 (FakePart, 1);
  part->number = number;
  part->path = finish_body (req);
  part->size = req->received;
  part->etag = g_strdup_printf ("\"%s\"", g_checksum_get_string (req->md5));
  g_hash_table_replace (upload->parts, GUINT_TO_POINTER (number), part);

  /* The JS client reads the ETag from the JSON body, the Python client from
   * the header: both carry it. */
  json = g_strdup_printf ("{\"partNumber\":%u,\"etag\":\"\\\"%s\\\"\"}", number,
                          g_checksum_get_string (req->md5));
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "ETag", part->etag);
  _lk_fake_fal_respond_text (req, 200, "application/json", json);
}

/* Python client path (§4.3): Bearer CDN token on the upload host and, for
 * multipart, on the CDN itself. */
static gboolean
check_cdn_token (LkFakeFal   *self,
                 FakeRequest *req)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                    "Authorization");

  if (value != NULL && g_ascii_strncasecmp (value, "Bearer ", 7) == 0 &&
      GPOINTER_TO_INT (g_hash_table_lookup (self->cdn_tokens, value + 7)) == FAKE_TOKEN_CDN)
    return TRUE;

  _lk_fake_fal_respond_detail (req, 401, "Unauthorized");
  return FALSE;
}

static void
respond_access_url (LkFakeFal   *self,
                    FakeRequest *req,
                    const char  *cdn_path,
                    const char  *upload_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *url = g_strconcat (lk_fake_fal_get_url (self, LK_FAKE_FAL_CDN), cdn_path, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_url");
  json_builder_add_string_value (builder, url);
  if (upload_id != NULL)
    {
      json_builder_set_member_name (builder, "uploadId");
      json_builder_add_string_value (builder, upload_id);
    }
  json_builder_end_object (builder);
  _lk_fake_fal_respond_json (req, 200, json_builder_get_root (builder));
}

static void
python_single (LkFakeFal   *self,
               FakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *name = soup_message_headers_get_one (headers, "X-Fal-File-Name");
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *cdn_path = new_cdn_path (self, name != NULL ? name : "upload.bin");
  g_autofree char *data = finish_body (req);
  FakeFile *file;

  file = file_new (self, cdn_path, name != NULL ? name : "upload.bin", content_type);
  file_add_segment (file, g_steal_pointer (&data), req->received);
  publish_file (self, file);
  respond_access_url (self, req, cdn_path, NULL);
}

static void
python_multipart_start (LkFakeFal   *self,
                        FakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *name = soup_message_headers_get_one (headers, "X-Fal-File-Name");
  FakeUpload *upload = g_new0 (FakeUpload, 1);

  upload->token = g_uuid_string_random ();
  upload->multipart = TRUE;
  upload->file_name = g_strdup (name != NULL ? name : "upload.bin");
  upload->cdn_path = new_cdn_path (self, upload->file_name);
  upload->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  upload->parts = g_hash_table_new_full (NULL, NULL, NULL, part_free);
  g_hash_table_insert (self->uploads, upload->token, upload);

  respond_access_url (self, req, upload->cdn_path, upload->token);
}

/* PUT <access_url>/multipart/<id>/<n> and POST …/complete, on C. */
gboolean
_lk_fake_fal_python_multipart_on_cdn (LkFakeFal   *self,
                         FakeRequest *req,
                         const char  *path)
{
  const char *method = soup_server_message_get_method (req->msg);
  const char *marker = strstr (path, "/multipart/");
  g_autofree char *prefix = NULL;
  g_auto(GStrv) rest = NULL;
  FakeUpload *upload;

  if (!self->python_storage || marker == NULL ||
      (!g_str_equal (method, "PUT") && !g_str_equal (method, "POST")))
    return FALSE;

  prefix = g_strndup (path, marker - path);
  rest = g_strsplit (marker + strlen ("/multipart/"), "/", -1);
  if (g_strv_length (rest) != 2)
    return FALSE;
  if (!check_cdn_token (self, req))
    return TRUE;

  upload = g_hash_table_lookup (self->uploads, rest[0]);
  if (upload == NULL || !upload->multipart || upload->used || upload->signature != NULL ||
      !g_str_equal (upload->cdn_path, prefix))
    {
      _lk_fake_fal_respond_detail (req, 404, "Unknown upload");
      return TRUE;
    }

  if (g_str_equal (method, "PUT") && g_ascii_strtoull (rest[1], NULL, 10) > 0 &&
      g_ascii_strtoull (rest[1], NULL, 10) <= 10000)
    store_part (self, req, upload, g_ascii_strtoull (rest[1], NULL, 10));
  else if (g_str_equal (method, "POST") && g_str_equal (rest[1], "complete"))
    handle_complete (self, req, upload);
  else
    _lk_fake_fal_respond_detail (req, 404, "Not Found");

  return TRUE;
}

void
_lk_fake_fal_handle_upload (LkFakeFal   *self,
                            FakeRequest *req,
                            const char  *path,
                            const char  *query)
{
  const char *method = soup_server_message_get_method (req->msg);
  g_auto(GStrv) segs = g_strsplit (path + (path[0] == '/'), "/", -1);
  guint n = g_strv_length (segs);
  FakeUpload *upload;

  json_object_set_int_member (req->record, "body_length", req->streaming ? req->received
                              : soup_server_message_get_request_body (req->msg)->length);
  if (_lk_fake_fal_take_action (req, req->action))
    return;
  if (req->reset_done)
    return;

  if (n == 2 && g_str_equal (segs[0], "upload") && g_str_equal (method, "PUT"))
    {
      SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (req->msg);
      const char *content_type = soup_message_headers_get_content_type (request_headers, NULL);
      g_autofree char *data = NULL;
      FakeFile *file;

      upload = find_upload (self, segs[1], query, FALSE);
      if (upload == NULL)
        {
          _lk_fake_fal_respond_detail (req, 403, "Invalid or expired upload URL");
          return;
        }
      json_object_set_string_member (req->record, "content_type", content_type != NULL ? content_type : "");
      file = file_new (self, upload->cdn_path, upload->file_name,
                       content_type != NULL ? content_type : upload->content_type);
      data = finish_body (req);
      file_add_segment (file, g_steal_pointer (&data), req->received);
      upload->used = TRUE;
      publish_file (self, file);
      _lk_fake_fal_respond_text (req, 200, "text/plain", "");
    }
  else if (n == 3 && g_str_equal (segs[0], "multipart") && g_str_equal (method, "PUT") &&
           g_ascii_strtoull (segs[2], NULL, 10) > 0)
    {
      guint number = g_ascii_strtoull (segs[2], NULL, 10);

      upload = find_upload (self, segs[1], query, TRUE);
      if (upload == NULL || number > 10000)
        {
          _lk_fake_fal_respond_detail (req, 403, "Invalid or expired upload URL");
          return;
        }
      store_part (self, req, upload, number);
    }
  else if (self->python_storage && n == 2 && g_str_equal (segs[0], "files") &&
           g_str_equal (segs[1], "upload") && g_str_equal (method, "POST"))
    {
      if (check_cdn_token (self, req))
        python_single (self, req);
    }
  else if (self->python_storage && n == 3 && g_str_equal (segs[0], "files") &&
           g_str_equal (segs[1], "upload") && g_str_equal (segs[2], "multipart") &&
           g_str_equal (method, "POST"))
    {
      if (check_cdn_token (self, req))
        python_multipart_start (self, req);
    }
  else if (n == 3 && g_str_equal (segs[0], "multipart") && g_str_equal (segs[2], "complete") &&
           g_str_equal (method, "POST"))
    {
      upload = find_upload (self, segs[1], query, TRUE);
      if (upload == NULL)
        {
          _lk_fake_fal_respond_detail (req, 403, "Invalid or expired upload URL");
          return;
        }
      handle_complete (self, req, upload);
    }
  else
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
    }
}
