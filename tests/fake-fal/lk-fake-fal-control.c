/* lk-fake-fal-control.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-control"

#include "config.h"

#include <string.h>

#include "lk-fake-fal-private.h"

/* Configuration (PUT /__fake/config) and the control listener's HTTP API. */

/* Configuration */

void
_lk_fake_fal_set_defaults (LkFakeFal *self)
{
  const char *const *apps = _lk_fake_fal_known_apps ();

  g_hash_table_remove_all (self->keys);
  g_hash_table_remove_all (self->apps);
  g_hash_table_remove_all (self->min_images);
  g_hash_table_insert (self->keys, g_strdup (LK_FAKE_FAL_KEY), g_strdup ("ok"));
  for (guint i = 0; apps[i] != NULL; i++)
    g_hash_table_insert (self->apps, g_strdup (apps[i]), g_strdup ("active"));
  g_hash_table_insert (self->min_images, g_strdup ("fal-ai/flux-lora-fast-training"),
                       GINT_TO_POINTER (4));
  g_hash_table_insert (self->min_images, g_strdup ("*"), GINT_TO_POINTER (10));

  self->queue_ms = 300;
  self->progress_ms = 1000;
  self->log_interval_ms = 100;
  self->log_batch = 1;
  self->keepalive_ms = 15000;
  self->log_window = 20;
  self->queue_position_start = 2;
  self->cancel_ok_code = 202;
  self->strict_no_auth = TRUE;
  self->result_ttl_ms = -1;
  self->validate_at_submit = FALSE;
  self->reject_unknown_fields = TRUE;
  self->python_storage = FALSE;
}

static void
merge_string_map (GHashTable *table,
                  JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      const char *state = NULL;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        state = json_node_get_string (value);
      else if (JSON_NODE_HOLDS_OBJECT (value))
        state = json_object_get_string_member_with_default (json_node_get_object (value),
                                                            "state", NULL);

      if (state == NULL)
        g_hash_table_remove (table, l->data);
      else
        g_hash_table_insert (table, g_strdup (l->data), g_strdup (state));
    }
}

static guint
uint_member (JsonObject *object,
             const char *name,
             guint       fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) >= 0)
    return (guint) MIN (json_node_get_int (node), G_MAXUINT);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE && json_node_get_double (node) >= 0)
    return (guint) MIN (json_node_get_double (node), G_MAXUINT);

  return fallback;
}

static gboolean
bool_member (JsonObject *object,
             const char *name,
             gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

void
_lk_fake_fal_apply_config (LkFakeFal  *self,
                           JsonObject *config)
{
  JsonNode *node;

  if ((node = json_object_get_member (config, "keys")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    merge_string_map (self->keys, json_node_get_object (node));
  if ((node = json_object_get_member (config, "apps")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    merge_string_map (self->apps, json_node_get_object (node));

  if ((node = json_object_get_member (config, "timing")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *timing = json_node_get_object (node);

      self->queue_ms = uint_member (timing, "queue_ms", self->queue_ms);
      self->progress_ms = uint_member (timing, "progress_ms", self->progress_ms);
      self->log_interval_ms = MAX (1, uint_member (timing, "log_interval_ms", self->log_interval_ms));
      self->log_batch = CLAMP (uint_member (timing, "log_batch", self->log_batch), 1, 10000);
      self->keepalive_ms = MAX (1, uint_member (timing, "keepalive_ms", self->keepalive_ms));
      self->queue_position_start = uint_member (timing, "queue_position_start",
                                                self->queue_position_start);
    }

  if ((node = json_object_get_member (config, "min_images")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *min_images = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (min_images);

      for (GList *l = names; l != NULL; l = l->next)
        g_hash_table_insert (self->min_images, g_strdup (l->data),
                             GINT_TO_POINTER (uint_member (min_images, l->data, 0)));
    }

  self->log_window = uint_member (config, "log_window", self->log_window);
  self->queue_position_start = uint_member (config, "queue_position_start",
                                            self->queue_position_start);
  self->cancel_ok_code = uint_member (config, "cancel_ok_code", self->cancel_ok_code);
  self->strict_no_auth = bool_member (config, "strict_no_auth_upload_cdn", self->strict_no_auth);
  self->reject_unknown_fields = bool_member (config, "reject_unknown_fields",
                                             self->reject_unknown_fields);
  self->python_storage = bool_member (config, "python_storage", self->python_storage);

  if ((node = json_object_get_member (config, "validate_at")) != NULL &&
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    self->validate_at_submit = g_str_equal (json_node_get_string (node), "submit");

  if ((node = json_object_get_member (config, "result_ttl_ms")) != NULL)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        self->result_ttl_ms = -1;
      else
        self->result_ttl_ms = uint_member (config, "result_ttl_ms", 0);
    }
}

gboolean
lk_fake_fal_configure (LkFakeFal  *self,
                       const char *config_json)
{
  g_autoptr(JsonObject) config = NULL;

  g_return_val_if_fail (LK_IS_FAKE_FAL (self), FALSE);

  config = _lk_fake_fal_json_object (config_json);
  if (config == NULL)
    return FALSE;

  _lk_fake_fal_apply_config (self, config);
  return TRUE;
}

static JsonNode *
config_to_json (LkFakeFal *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "keys");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      /* The control API is loopback-only test plumbing, but the secret half
       * still never leaves the process: only the id is shown. */
      g_autofree char *id = g_strndup (key, strcspn (key, ":"));

      json_builder_set_member_name (builder, id);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "apps");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->apps);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, value);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "timing");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "queue_ms");
  json_builder_add_int_value (builder, self->queue_ms);
  json_builder_set_member_name (builder, "progress_ms");
  json_builder_add_int_value (builder, self->progress_ms);
  json_builder_set_member_name (builder, "log_interval_ms");
  json_builder_add_int_value (builder, self->log_interval_ms);
  json_builder_set_member_name (builder, "log_batch");
  json_builder_add_int_value (builder, self->log_batch);
  json_builder_set_member_name (builder, "keepalive_ms");
  json_builder_add_int_value (builder, self->keepalive_ms);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "min_images");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->min_images);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_int_value (builder, GPOINTER_TO_INT (value));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "log_window");
  json_builder_add_int_value (builder, self->log_window);
  json_builder_set_member_name (builder, "queue_position_start");
  json_builder_add_int_value (builder, self->queue_position_start);
  json_builder_set_member_name (builder, "cancel_ok_code");
  json_builder_add_int_value (builder, self->cancel_ok_code);
  json_builder_set_member_name (builder, "strict_no_auth_upload_cdn");
  json_builder_add_boolean_value (builder, self->strict_no_auth);
  json_builder_set_member_name (builder, "result_ttl_ms");
  if (self->result_ttl_ms < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, self->result_ttl_ms);
  json_builder_set_member_name (builder, "validate_at");
  json_builder_add_string_value (builder, self->validate_at_submit ? "submit" : "result");
  json_builder_set_member_name (builder, "reject_unknown_fields");
  json_builder_add_boolean_value (builder, self->reject_unknown_fields);
  json_builder_set_member_name (builder, "python_storage");
  json_builder_add_boolean_value (builder, self->python_storage);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
lk_fake_fal_dup_config_json (LkFakeFal *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (LK_IS_FAKE_FAL (self), NULL);

  node = config_to_json (self);
  return json_to_string (node, TRUE);
}

/* Control API */

static JsonNode *
faults_to_json (LkFakeFal *self)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->faults->len; i++)
    {
      FakeFault *fault = g_ptr_array_index (self->faults, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", fault->id);
      json_object_set_int_member (object, "times", fault->times);
      json_object_set_int_member (object, "seen", fault->seen);
      json_object_set_object_member (object, "action", json_object_ref (fault->action));
      json_array_add_object_element (array, object);
    }
  json_node_take_array (node, array);

  return node;
}

static void
control_add_faults (LkFakeFal   *self,
                    FakeRequest *req,
                    JsonNode    *body)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (_lk_fake_fal_fault_free);
  g_autofree char *first = NULL;

  if (body != NULL && JSON_NODE_HOLDS_ARRAY (body))
    {
      JsonArray *array = json_node_get_array (body);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (rules, json_array_get_element (array, i));
    }
  else if (body != NULL && JSON_NODE_HOLDS_OBJECT (body) &&
           json_object_has_member (json_node_get_object (body), "rules") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (body), "rules")))
    {
      JsonArray *array = json_object_get_array_member (json_node_get_object (body), "rules");

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (rules, json_array_get_element (array, i));
    }
  else if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    {
      g_ptr_array_add (rules, body);
    }

  if (rules->len == 0)
    {
      _lk_fake_fal_respond_detail (req, 400, "Expected a fault rule, a list of rules or {\"rules\":[…]}");
      return;
    }

  /* All or nothing: every rule is checked before any is armed. */
  for (guint i = 0; i < rules->len; i++)
    {
      JsonNode *rule = g_ptr_array_index (rules, i);
      FakeFault *fault = NULL;

      if (JSON_NODE_HOLDS_OBJECT (rule))
        fault = _lk_fake_fal_fault_new (self, json_node_get_object (rule));
      if (fault == NULL)
        {
          _lk_fake_fal_respond_detail (req, 400, "A fault rule needs a well-formed \"action\" object");
          return;
        }
      g_ptr_array_add (created, fault);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < created->len; i++)
    {
      FakeFault *fault = g_ptr_array_index (created, i);

      json_builder_add_string_value (builder, fault->id);
      if (first == NULL)
        first = g_strdup (fault->id);
    }
  g_ptr_array_extend_and_steal (self->faults, g_steal_pointer (&created));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, first);
  json_builder_end_object (builder);

  _lk_fake_fal_respond_json (req, 200, json_builder_get_root (builder));
}

static JsonNode *
empty_object (void)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  return node;
}

void
_lk_fake_fal_handle_control (LkFakeFal   *self,
                             FakeRequest *req,
                             const char  *path,
                             const char  *query)
{
  const char *method = soup_server_message_get_method (req->msg);
  g_autoptr(JsonNode) body = _lk_fake_fal_parse_body (req);

  if (g_str_equal (path, "/__fake/reset") && g_str_equal (method, "POST"))
    {
      lk_fake_fal_reset (self);
      _lk_fake_fal_respond_json (req, 200, empty_object ());
    }
  else if (g_str_equal (path, "/__fake/config") && g_str_equal (method, "GET"))
    {
      _lk_fake_fal_respond_json (req, 200, config_to_json (self));
    }
  else if (g_str_equal (path, "/__fake/config") &&
           (g_str_equal (method, "PUT") || g_str_equal (method, "POST") ||
            g_str_equal (method, "PATCH")))
    {
      if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
        {
          _lk_fake_fal_respond_detail (req, 400, "Expected a JSON object");
          return;
        }
      _lk_fake_fal_apply_config (self, json_node_get_object (body));
      _lk_fake_fal_respond_json (req, 200, config_to_json (self));
    }
  else if (g_str_equal (path, "/__fake/faults") && g_str_equal (method, "POST"))
    {
      control_add_faults (self, req, body);
    }
  else if (g_str_equal (path, "/__fake/faults") && g_str_equal (method, "GET"))
    {
      _lk_fake_fal_respond_json (req, 200, faults_to_json (self));
    }
  else if (g_str_has_prefix (path, "/__fake/faults/") && g_str_equal (method, "DELETE"))
    {
      if (lk_fake_fal_remove_fault (self, path + strlen ("/__fake/faults/")))
        _lk_fake_fal_respond_json (req, 200, empty_object ());
      else
        _lk_fake_fal_respond_detail (req, 404, "No such fault rule");
    }
  else if (g_str_equal (path, "/__fake/faults") && g_str_equal (method, "DELETE"))
    {
      g_ptr_array_set_size (self->faults, 0);
      _lk_fake_fal_respond_json (req, 200, empty_object ());
    }
  else if (g_str_equal (path, "/__fake/jobs") && g_str_equal (method, "GET"))
    {
      _lk_fake_fal_respond_json (req, 200, _lk_fake_fal_jobs_to_json (self));
    }
  else if (g_str_has_prefix (path, "/__fake/jobs/") && g_str_equal (method, "POST"))
    {
      if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
        _lk_fake_fal_respond_detail (req, 400, "Expected a JSON object");
      else if (_lk_fake_fal_steer (self, path + strlen ("/__fake/jobs/"),
                                   json_node_get_object (body)))
        _lk_fake_fal_respond_json (req, 200, empty_object ());
      else
        _lk_fake_fal_respond_detail (req, 404, "No such job");
    }
  else if (g_str_equal (path, "/__fake/requests") && g_str_equal (method, "GET"))
    {
      gint64 since = 0;

      if (query != NULL && g_str_has_prefix (query, "since="))
        since = g_ascii_strtoll (query + strlen ("since="), NULL, 10);
      _lk_fake_fal_respond_json (req, 200, _lk_fake_fal_requests_to_json (self, since));
    }
  else if (g_str_equal (path, "/__fake/leaks") && g_str_equal (method, "GET"))
    {
      JsonNode *node = empty_object ();

      json_object_set_int_member (json_node_get_object (node), "auth_leaks", self->auth_leaks);
      json_object_set_int_member (json_node_get_object (node), "key_in_url", self->url_key_leaks);
      json_object_set_int_member (json_node_get_object (node), "key_in_body", self->body_key_leaks);
      _lk_fake_fal_respond_json (req, 200, node);
    }
  else if (g_str_equal (path, "/__fake/urls") && g_str_equal (method, "GET"))
    {
      g_autofree char *urls = lk_fake_fal_dup_urls_json (self);

      _lk_fake_fal_respond_text (req, 200, "application/json", urls);
    }
  else
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
    }
}

