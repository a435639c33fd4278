/* lk-fake-fal.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-fake-fal-private.h"

G_DEFINE_FINAL_TYPE (LkFakeFal, lk_fake_fal, G_TYPE_OBJECT)

static const char *const listener_names[] = { "Q", "R", "U", "C", "control" };
static const char *const listener_json_names[] = { "queue", "rest", "upload", "cdn", "control" };

/* Helpers shared by the other files. */

const char *
_lk_fake_fal_listener_name (LkFakeFalListener listener)
{
  g_assert (listener < LK_FAKE_FAL_N_LISTENERS);

  return listener_names[listener];
}

char *
_lk_fake_fal_new_uuid (void)
{
  return g_uuid_string_random ();
}

char *
_lk_fake_fal_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

JsonObject *
_lk_fake_fal_json_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Timers live on the context the fake was started on, like its servers, so
 * a test may run it on a thread-default context of its own. */
guint
_lk_fake_fal_timeout_add (LkFakeFal   *self,
                          guint        interval_ms,
                          GSourceFunc  func,
                          gpointer     data)
{
  g_autoptr(GSource) source = g_timeout_source_new (interval_ms);

  g_assert (self->context != NULL);
  g_source_set_callback (source, func, data, NULL);
  return g_source_attach (source, self->context);
}

void
_lk_fake_fal_source_clear (LkFakeFal *self,
                           guint     *id)
{
  GSource *source;

  if (*id == 0)
    return;

  source = self->context != NULL ? g_main_context_find_source_by_id (self->context, *id) : NULL;
  if (source != NULL)
    g_source_destroy (source);
  *id = 0;
}

static void
set_request_id_header (FakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  if (req->listener != LK_FAKE_FAL_QUEUE && req->route != LK_FAKE_FAL_QUEUE)
    return;
  if (req->omit_request_id || req->request_id == NULL)
    return;

  soup_message_headers_replace (headers, "x-fal-request-id", req->request_id);
}

void
_lk_fake_fal_respond_text (FakeRequest *req,
                           guint        status,
                           const char  *content_type,
                           const char  *text)
{
  soup_server_message_set_status (req->msg, status, NULL);
  set_request_id_header (req);
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY,
                                    text, strlen (text));
  json_object_set_int_member (req->record, "status", status);
}

void
_lk_fake_fal_respond_json (FakeRequest *req,
                           guint        status,
                           JsonNode    *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autofree char *text = json_to_string (node, FALSE);
  const char *content_type = "application/json";
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (object != NULL && json_object_has_member (object, "error_type") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "error_type")) &&
      json_node_get_value_type (json_object_get_member (object, "error_type")) == G_TYPE_STRING &&
      status >= 400)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "X-Fal-Error-Type",
                                  json_object_get_string_member (object, "error_type"));

  if (req->malform != NULL && status >= 200 && status < 300)
    {
      if (g_str_equal (req->malform, "truncate"))
        text[strlen (text) / 2] = '\0';
      else if (g_str_equal (req->malform, "not_json"))
        {
          g_free (text);
          text = g_strdup ("<html><body>upstream says hello</body></html>");
        }
      else if (g_str_equal (req->malform, "wrong_content_type"))
        content_type = "text/html";
      else if (g_str_equal (req->malform, "empty"))
        text[0] = '\0';
    }

  _lk_fake_fal_respond_text (req, status, content_type, text);
}

void
_lk_fake_fal_respond_detail (FakeRequest *req,
                             guint        status,
                             const char  *detail)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  json_builder_end_object (builder);
  _lk_fake_fal_respond_json (req, status, json_builder_get_root (builder));
}

JsonNode *
_lk_fake_fal_parse_body (FakeRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;

  if (req->streaming || body == NULL || body->length == 0)
    return NULL;

  bytes = soup_message_body_flatten (body);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

/* Auth: Q and R only. Returns TRUE when the request may go on; otherwise it
 * has already answered 401/403. */
const char *
_lk_fake_fal_check_auth (FakeRequest *req,
                         gboolean     needs_balance)
{
  LkFakeFal *self = req->self;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *key;
  const char *state;

  /* connectionMode "client" streams carry a short-lived token from
   * POST rest/tokens/ in the query instead of the key. */
  if (value == NULL)
    {
      const char *query = g_uri_get_query (soup_server_message_get_uri (req->msg));
      g_autoptr(GHashTable) params = query != NULL ? soup_form_decode (query) : NULL;
      const char *jwt = params != NULL ? g_hash_table_lookup (params, "fal_jwt_token") : NULL;

      if (jwt != NULL && !needs_balance &&
          GPOINTER_TO_INT (g_hash_table_lookup (self->cdn_tokens, jwt)) == FAKE_TOKEN_JWT)
        return "ok";
    }

  if (value == NULL || g_ascii_strncasecmp (value, "Key ", 4) != 0)
    {
      _lk_fake_fal_respond_detail (req, 401, "No user found for Key ID and Secret");
      return NULL;
    }

  key = value + 4;
  while (*key == ' ')
    key++;
  if (strchr (key, ':') == NULL)
    {
      _lk_fake_fal_respond_detail (req, 401,
                                   "Invalid Key Authorization header format. "
                                   "Expected '<key_id>:<key_secret>'.");
      return NULL;
    }

  state = g_hash_table_lookup (self->keys, key);
  if (state == NULL)
    {
      _lk_fake_fal_respond_detail (req, 401, "No user found for Key ID and Secret");
      return NULL;
    }

  if (needs_balance && g_str_equal (state, "exhausted_balance"))
    {
      _lk_fake_fal_respond_detail (req, 403,
                                   "User is locked. Reason: Exhausted balance. "
                                   "Top up your balance at fal.ai/dashboard/billing.");
      return NULL;
    }
  if (needs_balance && g_str_equal (state, "admin_lock"))
    {
      _lk_fake_fal_respond_detail (req, 403,
                                   "User is locked. Reason: Admin lock. "
                                   "Please contact support@fal.ai");
      return NULL;
    }

  return state;
}

/* Request bookkeeping */

static void
fake_request_free (gpointer data)
{
  FakeRequest *req = data;

  if (req->self != NULL)
    req->self->live = g_list_remove (req->self->live, req);

  if (req->body_out != NULL)
    g_output_stream_close (req->body_out, NULL, NULL);
  g_clear_object (&req->body_out);
  if (req->body_path != NULL)
    g_unlink (req->body_path);
  g_free (req->body_path);
  g_clear_pointer (&req->md5, g_checksum_free);
  g_clear_pointer (&req->record, json_object_unref);
  g_clear_pointer (&req->action, json_object_unref);
  g_free (req->request_id);
  g_free (req->malform);
  g_free (req);
}

static void
record_headers (FakeRequest *req)
{
  LkFakeFal *self = req->self;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  GUri *uri = soup_server_message_get_uri (req->msg);
  const char *query = g_uri_get_query (uri);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *url = NULL;
  g_autofree char *now = _lk_fake_fal_now_iso ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SoupMessageHeadersIter iter;
  const char *name, *value;
  JsonObject *record = req->record;

  url = g_strconcat (self->urls[req->listener], g_uri_get_path (uri),
                     query != NULL ? "?" : "", query != NULL ? query : "", NULL);

  json_object_set_int_member (record, "seq", ++self->seq);
  json_object_set_string_member (record, "listener", listener_names[req->listener]);
  json_object_set_string_member (record, "method", soup_server_message_get_method (req->msg));
  json_object_set_string_member (record, "path", g_uri_get_path (uri));
  if (query != NULL)
    json_object_set_string_member (record, "query", query);
  else
    json_object_set_null_member (record, "query");
  json_object_set_string_member (record, "url", url);
  json_object_set_string_member (record, "time", now);

  json_builder_begin_object (builder);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_str_equal (lower, "authorization"))
        continue;
      json_builder_set_member_name (builder, lower);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_object_set_member (record, "headers", json_builder_get_root (builder));

  json_object_set_string_member (record, "auth", auth != NULL ? "present" : "absent");
  if (auth != NULL)
    {
      const char *space = strchr (auth, ' ');
      const char *credential = space != NULL ? space + 1 : auth;
      g_autofree char *scheme = space != NULL ? g_strndup (auth, space - auth) : g_strdup ("");
      g_autofree char *key_id = g_strndup (credential, strcspn (credential, ":"));

      json_object_set_string_member (record, "auth_scheme", scheme);
      /* Only the part before ':' is kept; a credential without ':' is not
       * a fal key, so nothing of it is recorded. */
      if (strchr (credential, ':') != NULL)
        json_object_set_string_member (record, "auth_key_id", key_id);
      else
        json_object_set_null_member (record, "auth_key_id");

      /* Anything but a CDN token of the Python path (a Bearer credential
       * that is not shaped like a fal key) counts as a leak on U and C. */
      if ((req->listener == LK_FAKE_FAL_UPLOAD || req->listener == LK_FAKE_FAL_CDN) &&
          !(self->python_storage && g_ascii_strcasecmp (scheme, "Bearer") == 0 &&
            strchr (credential, ':') == NULL))
        {
          self->auth_leaks++;
          json_object_set_boolean_member (record, "auth_leak", TRUE);
        }
    }
  else
    {
      json_object_set_null_member (record, "auth_key_id");
    }
  /* A secret in a URL ends up in logs and proxies: flag it wherever it is. */
  {
    g_autofree char *decoded = g_uri_unescape_string (url, NULL);
    GHashTableIter iter_keys;
    gpointer key;

    g_hash_table_iter_init (&iter_keys, self->keys);
    while (g_hash_table_iter_next (&iter_keys, &key, NULL))
      {
        const char *secret = strchr (key, ':');

        if (secret == NULL || secret[1] == '\0')
          continue;
        if (strstr (url, secret + 1) != NULL || (decoded != NULL && strstr (decoded, secret + 1) != NULL))
          {
            self->url_key_leaks++;
            json_object_set_boolean_member (record, "key_in_url", TRUE);
            break;
          }
      }
  }

  json_object_set_int_member (record, "body_length", 0);
  json_object_set_null_member (record, "json");

  g_ptr_array_add (self->requests, json_object_ref (record));
}

static void
got_headers_cb (SoupServerMessage *msg,
                FakeRequest       *req)
{
  if (req->self == NULL)
    return;

  record_headers (req);

  if (req->listener == LK_FAKE_FAL_UPLOAD ||
      (req->listener == LK_FAKE_FAL_CDN && req->self->python_storage &&
       !g_str_equal (soup_server_message_get_method (msg), "GET") &&
       !g_str_equal (soup_server_message_get_method (msg), "HEAD")))
    _lk_fake_fal_upload_started (req->self, req);
}

static void
finished_cb (SoupServerMessage *msg,
             FakeRequest       *req)
{
  req->finished = TRUE;
  if (req->body_out != NULL)
    {
      g_output_stream_close (req->body_out, NULL, NULL);
      g_clear_object (&req->body_out);
    }
  json_object_set_int_member (req->record, "body_length",
                              req->streaming ? req->received
                                             : soup_server_message_get_request_body (msg)->length);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    LkFakeFal         *self)
{
  FakeRequest *req = g_new0 (FakeRequest, 1);

  req->self = self;
  req->msg = msg;
  req->listener = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (server), "lk-listener"));
  req->route = req->listener;
  req->record = json_object_new ();
  req->reset_after = -1;
  g_object_set_data_full (G_OBJECT (msg), "lk-fake-request", req, fake_request_free);
  self->live = g_list_prepend (self->live, req);

  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), req);
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), req);
}

static gboolean
contains_bytes (const char *data,
                gsize       len,
                const char *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; needle_len <= len && i <= len - needle_len; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

/* The key belongs in the Authorization header of Q and R requests only; a
 * secret inside any request body is flagged like one in a URL. */
static void
check_body_for_secrets (LkFakeFal   *self,
                        FakeRequest *req,
                        GBytes      *body)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  GHashTableIter iter;
  gpointer key;

  if (len == 0)
    return;

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *secret = strchr (key, ':');

      if (secret == NULL || secret[1] == '\0')
        continue;
      if (contains_bytes (data, len, secret + 1))
        {
          self->body_key_leaks++;
          json_object_set_boolean_member (req->record, "key_in_body", TRUE);
          return;
        }
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query_table,
           gpointer           user_data)
{
  LkFakeFal *self = user_data;
  FakeRequest *req = g_object_get_data (G_OBJECT (msg), "lk-fake-request");
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  g_assert (req != NULL);

  if (req->self == NULL)
    {
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }

  if (!req->streaming)
    {
      JsonNode *json = _lk_fake_fal_parse_body (req);
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

      check_body_for_secrets (self, req, body);
      json_object_set_int_member (req->record, "body_length",
                                  soup_server_message_get_request_body (msg)->length);
      if (json != NULL)
        json_object_set_member (req->record, "json", json);
    }

  switch (req->listener)
    {
    case LK_FAKE_FAL_QUEUE:
      g_free (req->request_id);
      req->request_id = _lk_fake_fal_new_uuid ();
      if (g_str_equal (path, "/api/fal/proxy") || g_str_has_prefix (path, "/api/fal/proxy/"))
        _lk_fake_fal_handle_proxy (self, req);
      else
        _lk_fake_fal_handle_queue (self, req, path, query);
      break;

    case LK_FAKE_FAL_REST:
      _lk_fake_fal_handle_rest (self, req, path, query);
      break;

    case LK_FAKE_FAL_UPLOAD:
    case LK_FAKE_FAL_CDN:
      if (self->strict_no_auth &&
          json_object_get_boolean_member_with_default (req->record, "auth_leak", FALSE))
        {
          _lk_fake_fal_respond_detail (req, 400,
                                       "Authorization header is not accepted on this host");
          break;
        }
      if (req->listener == LK_FAKE_FAL_UPLOAD)
        _lk_fake_fal_handle_upload (self, req, path, query);
      else
        _lk_fake_fal_handle_cdn (self, req, path);
      break;

    case LK_FAKE_FAL_CONTROL:
      _lk_fake_fal_handle_control (self, req, path, query);
      break;

    case LK_FAKE_FAL_N_LISTENERS:
    default:
      g_assert_not_reached ();
    }
}

JsonNode *
_lk_fake_fal_requests_to_json (LkFakeFal *self,
                               gint64     since)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->requests->len; i++)
    {
      JsonObject *record = g_ptr_array_index (self->requests, i);

      if (json_object_get_int_member_with_default (record, "seq", 0) > since)
        json_array_add_object_element (array, json_object_ref (record));
    }
  json_node_take_array (node, array);

  return node;
}

/* GObject */

static void
remove_tmpdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
lk_fake_fal_dispose (GObject *object)
{
  LkFakeFal *self = (LkFakeFal *)object;

  /* Messages may outlive the fake inside libsoup; they must not reach it. */
  for (GList *l = self->live; l != NULL; l = l->next)
    ((FakeRequest *) l->data)->self = NULL;
  g_clear_pointer (&self->live, g_list_free);

  _lk_fake_fal_stop_streams (self);
  _lk_fake_fal_stop_downloads (self);
  if (self->jobs != NULL)
    g_hash_table_remove_all (self->jobs);
  for (guint i = 0; i < LK_FAKE_FAL_N_LISTENERS; i++)
    {
      if (self->servers[i] != NULL)
        soup_server_disconnect (self->servers[i]);
      g_clear_object (&self->servers[i]);
    }

  G_OBJECT_CLASS (lk_fake_fal_parent_class)->dispose (object);
}

static void
lk_fake_fal_finalize (GObject *object)
{
  LkFakeFal *self = (LkFakeFal *)object;

  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->job_order, g_ptr_array_unref);
  g_clear_pointer (&self->uploads, g_hash_table_unref);
  g_clear_pointer (&self->files, g_hash_table_unref);
  g_clear_pointer (&self->cdn_tokens, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->apps, g_hash_table_unref);
  g_clear_pointer (&self->min_images, g_hash_table_unref);
  for (guint i = 0; i < LK_FAKE_FAL_N_LISTENERS; i++)
    g_clear_pointer (&self->urls[i], g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  if (self->tmpdir != NULL)
    remove_tmpdir (self->tmpdir);
  g_clear_pointer (&self->tmpdir, g_free);

  G_OBJECT_CLASS (lk_fake_fal_parent_class)->finalize (object);
}

static void
lk_fake_fal_class_init (LkFakeFalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_fake_fal_dispose;
  object_class->finalize = lk_fake_fal_finalize;
}

static void
lk_fake_fal_init (LkFakeFal *self)
{
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->apps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->min_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _lk_fake_fal_job_free);
  self->job_order = g_ptr_array_new_with_free_func (g_free);
  self->uploads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _lk_fake_fal_upload_free);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _lk_fake_fal_file_free);
  self->cdn_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->faults = g_ptr_array_new_with_free_func (_lk_fake_fal_fault_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  _lk_fake_fal_set_defaults (self);
}

LkFakeFal *
lk_fake_fal_new (void)
{
  return g_object_new (LK_TYPE_FAKE_FAL, NULL);
}

void
lk_fake_fal_set_base_port (LkFakeFal *self,
                           guint      port)
{
  g_return_if_fail (LK_IS_FAKE_FAL (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (port <= 65535 - LK_FAKE_FAL_N_LISTENERS);

  self->base_port = port;
}

gboolean
lk_fake_fal_start (LkFakeFal  *self,
                   GError    **error)
{
  g_return_val_if_fail (LK_IS_FAKE_FAL (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->context = g_main_context_ref_thread_default ();
  self->tmpdir = g_dir_make_tmp ("lk-fake-fal-XXXXXX", error);
  if (self->tmpdir == NULL)
    return FALSE;

  for (guint i = 0; i < LK_FAKE_FAL_N_LISTENERS; i++)
    {
      g_autoptr(SoupServer) server = soup_server_new ("server-header", "fake-fal ", NULL);
      GSList *uris;
      guint port = self->base_port != 0 ? self->base_port + i : 0;

      g_object_set_data (G_OBJECT (server), "lk-listener", GUINT_TO_POINTER (i));
      g_signal_connect_object (server, "request-started",
                               G_CALLBACK (request_started_cb), self, 0);
      soup_server_add_handler (server, NULL, server_cb, self, NULL);

      if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
        {
          g_prefix_error (error, "Could not listen for %s: ", listener_json_names[i]);
          return FALSE;
        }

      uris = soup_server_get_uris (server);
      g_assert (uris != NULL);
      self->urls[i] = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
      self->servers[i] = g_steal_pointer (&server);
    }

  self->started = TRUE;
  return TRUE;
}

const char *
lk_fake_fal_get_url (LkFakeFal         *self,
                     LkFakeFalListener  which)
{
  g_return_val_if_fail (LK_IS_FAKE_FAL (self), NULL);
  g_return_val_if_fail (which < LK_FAKE_FAL_N_LISTENERS, NULL);

  return self->urls[which];
}

char *
lk_fake_fal_dup_urls_json (LkFakeFal *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LK_IS_FAKE_FAL (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < LK_FAKE_FAL_N_LISTENERS; i++)
    {
      json_builder_set_member_name (builder, listener_json_names[i]);
      json_builder_add_string_value (builder, self->urls[i]);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

char *
lk_fake_fal_dup_urls_env (LkFakeFal *self)
{
  g_return_val_if_fail (LK_IS_FAKE_FAL (self), NULL);

  return g_strdup_printf ("queue=%s,rest=%s", self->urls[LK_FAKE_FAL_QUEUE], self->urls[LK_FAKE_FAL_REST]);
}

void
lk_fake_fal_reset (LkFakeFal *self)
{
  g_return_if_fail (LK_IS_FAKE_FAL (self));

  _lk_fake_fal_stop_streams (self);
  _lk_fake_fal_stop_downloads (self);
  g_hash_table_remove_all (self->jobs);
  g_ptr_array_set_size (self->job_order, 0);
  g_hash_table_remove_all (self->uploads);
  g_hash_table_remove_all (self->files);
  g_hash_table_remove_all (self->cdn_tokens);
  g_ptr_array_set_size (self->faults, 0);
  g_ptr_array_set_size (self->requests, 0);
  self->auth_leaks = 0;
  self->url_key_leaks = 0;
  self->body_key_leaks = 0;
}

char *
lk_fake_fal_dup_requests_json (LkFakeFal *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (LK_IS_FAKE_FAL (self), NULL);

  node = _lk_fake_fal_requests_to_json (self, 0);
  return json_to_string (node, FALSE);
}

char *
lk_fake_fal_dup_jobs_json (LkFakeFal *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (LK_IS_FAKE_FAL (self), NULL);

  node = _lk_fake_fal_jobs_to_json (self);
  return json_to_string (node, FALSE);
}

gboolean
lk_fake_fal_steer_job (LkFakeFal  *self,
                       const char *request_id,
                       const char *json)
{
  g_autoptr(JsonObject) steer = NULL;

  g_return_val_if_fail (LK_IS_FAKE_FAL (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  steer = _lk_fake_fal_json_object (json);
  if (steer == NULL)
    return FALSE;

  return _lk_fake_fal_steer (self, request_id, steer);
}

guint
lk_fake_fal_get_auth_leaks (LkFakeFal *self)
{
  g_return_val_if_fail (LK_IS_FAKE_FAL (self), 0);

  return self->auth_leaks;
}

guint
lk_fake_fal_get_url_key_leaks (LkFakeFal *self)
{
  g_return_val_if_fail (LK_IS_FAKE_FAL (self), 0);

  return self->url_key_leaks;
}

guint
lk_fake_fal_get_body_key_leaks (LkFakeFal *self)
{
  g_return_val_if_fail (LK_IS_FAKE_FAL (self), 0);

  return self->body_key_leaks;
}

guint
lk_fake_fal_get_n_requests (LkFakeFal *self)
{
  g_return_val_if_fail (LK_IS_FAKE_FAL (self), 0);

  return self->requests->len;
}

