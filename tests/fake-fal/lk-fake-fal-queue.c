/* lk-fake-fal-queue.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-queue"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-fake-fal-private.h"

/* The queue listener (Q): submit, status, status stream, result and cancel
 * routes, and the /api/fal/proxy route. */


static const char *const phase_names[] = { "IN_QUEUE", "IN_PROGRESS", "COMPLETED" };

static void
respond_status_only (FakeRequest *req,
                     guint        code,
                     const char  *status)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "status", status);
  json_node_take_object (node, object);
  _lk_fake_fal_respond_json (req, code, node);
}

/* Routes */

static gboolean
parse_logs_param (const char *query)
{
  g_autoptr(GHashTable) params = NULL;
  const char *value;

  if (query == NULL)
    return FALSE;
  params = soup_form_decode (query);
  value = g_hash_table_lookup (params, "logs");

  return value != NULL && (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0);
}

gboolean
_lk_fake_fal_app_known (LkFakeFal  *self,
                        const char *app)
{
  const char *state = g_hash_table_lookup (self->apps, app);

  return state != NULL && g_str_equal (state, "active");
}

static void
apply_submit_action (FakeRequest *req,
                     JsonObject  *action,
                     JsonObject  *outcome)
{
  if (action == NULL)
    return;
  if (json_object_has_member (action, "outcome") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (action, "outcome")))
    _lk_fake_fal_merge_object (outcome, json_object_get_object_member (action, "outcome"));
}

static void
check_dataset (LkFakeFal  *self,
               FakeJob    *job)
{
  const char *field = _lk_fake_fal_dataset_field (job->app);
  const char *url;
  FakeFile *file;
  g_autofree char *error = NULL;
  guint n_images = 0;
  gpointer min_value;
  guint min_images;

  job->n_images = 14;
  if (field == NULL || job->input == NULL || !JSON_NODE_HOLDS_OBJECT (job->input))
    return;
  url = json_object_get_string_member_with_default (json_node_get_object (job->input), field, NULL);
  if (url == NULL)
    return;

  if (!g_str_has_prefix (url, lk_fake_fal_get_url (self, LK_FAKE_FAL_CDN)) &&
      !g_str_has_prefix (url, lk_fake_fal_get_url (self, LK_FAKE_FAL_UPLOAD)))
    return;

  file = _lk_fake_fal_lookup_url (self, url);
  if (file == NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "detail");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "loc");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, "body");
      json_builder_add_string_value (builder, field);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "msg");
      json_builder_add_string_value (builder, "Failed to download the file. "
                                              "Please check if the URL is accessible.");
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "file_download_error");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      job->fail_error = g_strdup ("Failed to download the training data archive");
      job->fail_error_type = g_strdup ("bad_request");
      job->fail_status = 422;
      job->fail_body = json_builder_get_root (builder);
      return;
    }

  if (!_lk_fake_fal_inspect_zip (file, &n_images, &error))
    {
      job->fail_error = g_strdup_printf ("The training data is not a valid ZIP archive: %s", error);
      job->fail_error_type = g_strdup ("bad_request");
      job->fail_status = 422;
      return;
    }

  job->n_images = n_images;
  if (!g_hash_table_lookup_extended (self->min_images, job->app, NULL, &min_value) &&
      !g_hash_table_lookup_extended (self->min_images, "*", NULL, &min_value))
    min_value = GINT_TO_POINTER (0);
  min_images = GPOINTER_TO_UINT (min_value);

  if (n_images < min_images)
    {
      job->fail_error = g_strdup_printf ("Not enough images: found %u in the archive, at least %u are required",
                                         n_images, min_images);
      job->fail_error_type = g_strdup ("bad_request");
      job->fail_status = 422;
    }
}

static void
handle_submit (LkFakeFal   *self,
               FakeRequest *req,
               const char  *path,
               const char  *app,
               const char  *base,
               const char  *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *scenario = soup_message_headers_get_one (headers, "x-fake-scenario");
  g_autoptr(JsonObject) outcome = json_object_new ();
  g_autoptr(JsonObject) action = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonNode) invalid = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SoupMessageHeadersIter iter;
  const char *name, *value;
  const char *submit_status;
  const char *suffix;
  FakeJob *job;

  if (_lk_fake_fal_check_auth (req, TRUE) == NULL)
    return;
  if (!_lk_fake_fal_app_known (self, app))
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
      return;
    }

  action = _lk_fake_fal_match_fault (self, req, "POST", path, app, "submit");
  if (scenario != NULL)
    {
      FakeFault *fault = _lk_fake_fal_find_fault (self, scenario);

      if (fault != NULL && fault->times != 0)
        {
          if (fault->times > 0)
            fault->times--;
          g_clear_pointer (&action, json_object_unref);
          action = json_object_ref (fault->action);
        }
    }
  if (_lk_fake_fal_take_action (req, action))
    return;
  apply_submit_action (req, action, outcome);

  input = _lk_fake_fal_parse_body (req);
  if (input == NULL && soup_server_message_get_request_body (req->msg)->length == 0)
    {
      input = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (input, json_object_new ());
    }
  invalid = _lk_fake_fal_validate_input (self, app, input);
  if (invalid != NULL && (self->validate_at_submit || input == NULL))
    {
      JsonNode *body = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (body, json_object_new ());
      json_object_set_member (json_node_get_object (body), "detail", g_steal_pointer (&invalid));
      _lk_fake_fal_respond_json (req, 422, body);
      return;
    }

  job = g_new0 (FakeJob, 1);
  job->self = self;
  job->id = _lk_fake_fal_new_uuid ();
  job->app = g_strdup (app);
  job->base = g_strdup (base);
  job->kind = _lk_fake_fal_app_kind (app);
  job->input = g_steal_pointer (&input);
  job->outcome = json_object_ref (outcome);
  job->invalid_detail = g_steal_pointer (&invalid);
  job->logs = g_ptr_array_new_with_free_func (_lk_fake_fal_log_free);
  job->script = g_ptr_array_new_with_free_func (g_free);
  job->headers = json_object_new ();
  job->hold = _lk_fake_fal_outcome_bool (job, "hold");

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strncasecmp (name, "x-fal-", 6) == 0)
      {
        g_autofree char *lower = g_ascii_strdown (name, -1);

        json_object_set_string_member (job->headers, lower, value);
      }
  if (query != NULL)
    {
      g_autoptr(GHashTable) params = soup_form_decode (query);

      job->webhook = g_strdup (g_hash_table_lookup (params, "fal_webhook"));
    }

  suffix = _lk_fake_fal_outcome_string (job, "response_url_suffix");
  job->response_url = g_strdup_printf ("%s/%s/requests/%s%s",
                                       lk_fake_fal_get_url (self, LK_FAKE_FAL_QUEUE),
                                       base, job->id, suffix != NULL ? suffix : "");

  if (job->invalid_detail == NULL)
    check_dataset (self, job);
  _lk_fake_fal_job_build_script (job);

  g_hash_table_insert (self->jobs, job->id, job);
  g_ptr_array_add (self->job_order, g_strdup (job->id));
  g_free (req->request_id);
  req->request_id = g_strdup (job->id);

  {
    const char *timeout = soup_message_headers_get_one (headers, "x-fal-request-timeout");
    double seconds = timeout != NULL ? g_ascii_strtod (timeout, NULL) : 0;

    if (seconds > 0)
      _lk_fake_fal_job_set_start_timeout (job, seconds);
  }

  submit_status = _lk_fake_fal_outcome_string (job, "submit_status");
  if (submit_status != NULL && g_str_equal (submit_status, "IN_PROGRESS"))
    {
      _lk_fake_fal_job_start_progress (job);
    }
  else
    {
      job->phase = FAKE_PHASE_IN_QUEUE;
      job->queue_position = (gint) _lk_fake_fal_outcome_int (job, "queue_position_start",
                                                             self->queue_position_start);
      _lk_fake_fal_job_arm_timer (job);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, phase_names[job->phase]);
  _lk_fake_fal_job_add_urls (builder, job);
  json_builder_set_member_name (builder, "queue_position");
  json_builder_add_int_value (builder, job->queue_position);
  json_builder_end_object (builder);

  json_object_set_string_member (req->record, "request_id", job->id);
  _lk_fake_fal_respond_json (req, 200, json_builder_get_root (builder));
}

static void
handle_cancel (LkFakeFal   *self,
               FakeRequest *req,
               FakeJob     *job)
{
  if (job == NULL)
    {
      respond_status_only (req, 404, "NOT_FOUND");
      return;
    }
  if (job->phase == FAKE_PHASE_COMPLETED)
    {
      respond_status_only (req, 400, "ALREADY_COMPLETED");
      return;
    }

  respond_status_only (req, self->cancel_ok_code, "CANCELLATION_REQUESTED");

  if (job->phase == FAKE_PHASE_IN_QUEUE)
    {
      _lk_fake_fal_job_finish_cancelled (job);
    }
  else if (_lk_fake_fal_outcome_bool (job, "ignore_cancel"))
    {
      job->cancel = FAKE_CANCEL_IGNORED;
    }
  else
    {
      _lk_fake_fal_job_cancel_running (job);
    }
}

static void
handle_result (LkFakeFal   *self,
               FakeRequest *req,
               FakeJob     *job)
{
  if (job == NULL)
    {
      _lk_fake_fal_respond_detail (req, 404, "Request not found");
      return;
    }
  if (job->phase != FAKE_PHASE_COMPLETED)
    {
      _lk_fake_fal_respond_detail (req, 400, "Request is still in progress");
      return;
    }
  if (self->result_ttl_ms >= 0 &&
      g_get_monotonic_time () - job->completed_us > self->result_ttl_ms * 1000)
    {
      _lk_fake_fal_respond_detail (req, 404, "Request not found");
      return;
    }

  if (job->user_timeout)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "x-fal-request-timeout-type", "user");
  _lk_fake_fal_respond_json (req, job->result_status, json_node_copy (job->result_body));
}

static void
respond_action (FakeRequest *req)
{
  JsonObject *respond = json_object_get_object_member (req->action, "respond");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  guint status = json_object_get_int_member_with_default (respond, "status", 500);
  const char *content_type = "application/json";
  g_autofree char *content_type_owned = NULL;
  g_autofree char *text = NULL;

  req->omit_request_id = json_object_get_boolean_member_with_default (respond, "omit_request_id", FALSE);
  if (json_object_has_member (respond, "headers") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (respond, "headers")))
    {
      JsonObject *extra = json_object_get_object_member (respond, "headers");
      g_autoptr(GList) names = json_object_get_members (extra);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (extra, l->data);
          g_autofree char *value = NULL;

          /* Header values may be written as strings or plain numbers. */
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            value = g_strdup (json_node_get_string (node));
          else if (JSON_NODE_HOLDS_VALUE (node))
            value = json_to_string (node, FALSE);
          else
            continue;

          if (g_ascii_strcasecmp (l->data, "Content-Type") == 0)
            {
              g_free (content_type_owned);
              content_type_owned = g_strdup (value);
              content_type = content_type_owned;
            }
          else
            soup_message_headers_replace (headers, l->data, value);
        }
    }

  if (json_object_has_member (respond, "raw"))
    text = g_strdup (json_object_get_string_member_with_default (respond, "raw", ""));
  else if (json_object_has_member (respond, "body"))
    text = json_to_string (json_object_get_member (respond, "body"), FALSE);
  else
    text = g_strdup ("");

  if (json_object_has_member (respond, "body") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (respond, "body")))
    {
      JsonObject *body = json_object_get_object_member (respond, "body");

      const char *error_type = json_object_get_string_member_with_default (body, "error_type", NULL);

      if (error_type != NULL && soup_message_headers_get_one (headers, "X-Fal-Error-Type") == NULL)
        soup_message_headers_replace (headers, "X-Fal-Error-Type", error_type);
    }

  _lk_fake_fal_respond_text (req, status, content_type, text);
}

/* Shared by Q and R: when a fault action replaced the normal answer. */
gboolean
_lk_fake_fal_take_action (FakeRequest *req,
                          JsonObject  *action)
{
  if (action == NULL)
    return FALSE;
  if (json_object_has_member (action, "malform"))
    {
      g_free (req->malform);
      req->malform = g_strdup (json_object_get_string_member_with_default (action, "malform", NULL));
    }
  if (!json_object_has_member (action, "respond"))
    return FALSE;

  if (req->action != action)
    {
      g_clear_pointer (&req->action, json_object_unref);
      req->action = json_object_ref (action);
    }
  respond_action (req);
  return TRUE;
}

static char *
join_segments (GPtrArray *segs,
               guint      n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (segs, i));
    }

  return g_string_free (out, FALSE);
}

void
_lk_fake_fal_handle_queue (LkFakeFal   *self,
                           FakeRequest *req,
                           const char  *path,
                           const char  *query)
{
  const char *method = soup_server_message_get_method (req->msg);
  g_auto(GStrv) all = g_strsplit (path + (path[0] == '/'), "/", -1);
  g_autoptr(GPtrArray) segs = g_ptr_array_new ();
  g_autofree char *base = NULL;
  g_autofree char *app = NULL;
  guint base_len;
  guint n;

  for (guint i = 0; all[i] != NULL; i++)
    if (all[i][0] != '\0')
      g_ptr_array_add (segs, all[i]);
  g_ptr_array_add (segs, NULL);
  n = segs->len - 1;

  if (_lk_fake_fal_check_auth (req, FALSE) == NULL)
    return;

  base_len = n > 0 && (g_str_equal (segs->pdata[0], "workflows") ||
                       g_str_equal (segs->pdata[0], "comfy")) ? 3 : 2;
  if (n < base_len)
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
      return;
    }
  /* app: the full endpoint id (submit); base: [namespace/]owner/alias. */
  app = g_strjoinv ("/", (char **) segs->pdata);
  base = join_segments (segs, base_len);

  if (n > base_len && g_str_equal (segs->pdata[base_len], "requests") && n >= base_len + 2)
    {
      const char *id = segs->pdata[base_len + 1];
      const char *rest = n > base_len + 2 ? segs->pdata[base_len + 2] : NULL;
      const char *rest2 = n > base_len + 3 ? segs->pdata[base_len + 3] : NULL;
      FakeJob *job = g_hash_table_lookup (self->jobs, id);
      g_autoptr(JsonObject) action = NULL;
      const char *kind = "other";

      if (job != NULL && !g_str_equal (job->base, base))
        job = NULL;
      if (job != NULL)
        {
          g_free (req->request_id);
          req->request_id = g_strdup (job->id);
        }
      json_object_set_string_member (req->record, "request_id", id);

      if (rest != NULL && g_str_equal (rest, "status") && rest2 != NULL && g_str_equal (rest2, "stream"))
        kind = "stream";
      if (!g_str_equal (kind, "stream"))
        {
          action = _lk_fake_fal_match_fault (self, req, method, path,
                                             job != NULL ? job->app : base, kind);
          if (_lk_fake_fal_take_action (req, action))
            return;
        }

      if (n > base_len + 4 ||
          (rest2 != NULL && !g_str_equal (kind, "stream")))
        {
          _lk_fake_fal_respond_detail (req, 404, "Not Found");
        }
      else if (g_str_equal (kind, "stream"))
        {
          if (job == NULL)
            _lk_fake_fal_respond_detail (req, 404, "Request not found");
          else
            {
              _lk_fake_fal_stream_open (self, req, job, parse_logs_param (query), path);
              if (req->action != NULL)
                respond_action (req);
            }
        }
      else if (rest != NULL && g_str_equal (rest, "status"))
        {
          if (job == NULL)
            _lk_fake_fal_respond_detail (req, 404, "Request not found");
          else
            _lk_fake_fal_respond_json (req, job->phase == FAKE_PHASE_COMPLETED ? 200 : 202,
                                       _lk_fake_fal_job_status_json (job, parse_logs_param (query), -1));
        }
      else if (rest != NULL && g_str_equal (rest, "cancel"))
        {
          if (!g_str_equal (method, "PUT") && !g_str_equal (method, "POST"))
            _lk_fake_fal_respond_detail (req, 405, "Method Not Allowed");
          else
            handle_cancel (self, req, job);
        }
      else if (rest == NULL || g_str_equal (rest, "response"))
        {
          handle_result (self, req, job);
        }
      else
        {
          _lk_fake_fal_respond_detail (req, 404, "Not Found");
        }
      return;
    }

  /* A status/result path built from the full endpoint id (owner/alias/path/
   * requests/…) is not served: fal only answers at owner/alias. */
  for (guint i = base_len; i < n; i++)
    if (g_str_equal (segs->pdata[i], "requests"))
      {
        _lk_fake_fal_respond_detail (req, 404, "Not Found");
        return;
      }

  if (!g_str_equal (method, "POST"))
    {
      _lk_fake_fal_respond_detail (req, 405, "Method Not Allowed");
      return;
    }

  handle_submit (self, req, path, app, base, query);
}

/* Proxy */

static const char *const proxy_allow_list[] = {
  "fal.run/*",
  "queue.fal.run/*",
  "rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3",
  "rest.fal.ai/storage/upload/complete-multipart?storage_type=fal-cdn-v3",
};

void
_lk_fake_fal_handle_proxy (LkFakeFal   *self,
                           FakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *target = soup_message_headers_get_one (headers, "x-fal-target-url");
  g_autoptr(GUri) uri = NULL;
  g_autofree char *key = NULL;
  gboolean allowed = FALSE;

  if (target != NULL)
    uri = g_uri_parse (target, G_URI_FLAGS_ENCODED, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      const char *query = g_uri_get_query (uri);

      key = g_strconcat (g_uri_get_host (uri), g_uri_get_path (uri),
                         query != NULL ? "?" : "", query != NULL ? query : "", NULL);
      for (guint i = 0; i < G_N_ELEMENTS (proxy_allow_list) && !allowed; i++)
        allowed = g_pattern_match_simple (proxy_allow_list[i], key);
    }

  if (!allowed)
    {
      _lk_fake_fal_respond_text (req, 400, "text/plain", "Invalid request");
      return;
    }
  json_object_set_string_member (req->record, "proxy_target", target);

  if (soup_message_headers_get_one (headers, "Authorization") == NULL)
    {
      _lk_fake_fal_respond_text (req, 401, "text/plain", "Unauthorized");
      return;
    }

  if (g_str_equal (g_uri_get_host (uri), "queue.fal.run"))
    {
      req->route = LK_FAKE_FAL_QUEUE;
      _lk_fake_fal_handle_queue (self, req, g_uri_get_path (uri), g_uri_get_query (uri));
    }
  else if (g_str_equal (g_uri_get_host (uri), "rest.fal.ai"))
    {
      req->route = LK_FAKE_FAL_REST;
      _lk_fake_fal_handle_rest (self, req, g_uri_get_path (uri), g_uri_get_query (uri));
    }
  else
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
    }
}

