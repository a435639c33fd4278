/* lk-fake-fal-faults.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-faults"

#include "config.h"

#include "lk-fake-fal-private.h"

/* Fault rules: matching, counting down, and checking their actions. */

void
_lk_fake_fal_fault_free (gpointer data)
{
  FakeFault *fault = data;

  g_free (fault->id);
  g_free (fault->listener);
  g_free (fault->method);
  g_clear_pointer (&fault->path, g_pattern_spec_free);
  g_free (fault->app);
  g_clear_pointer (&fault->action, json_object_unref);
  g_free (fault);
}

FakeFault *
_lk_fake_fal_find_fault (LkFakeFal  *self,
                         const char *id)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      FakeFault *fault = g_ptr_array_index (self->faults, i);

      if (g_str_equal (fault->id, id))
        return fault;
    }

  return NULL;
}

static gboolean
action_fits (JsonObject *action,
             const char *kind)
{
  if (json_object_has_member (action, "respond") || json_object_has_member (action, "malform"))
    return TRUE;
  if (json_object_has_member (action, "outcome"))
    return g_str_equal (kind, "submit");
  if (json_object_has_member (action, "sse"))
    return g_str_equal (kind, "stream");
  if (json_object_has_member (action, "reset_after_bytes"))
    return g_str_equal (kind, "upload");
  if (json_object_has_member (action, "throttle_bps"))
    return g_str_equal (kind, "download");

  return FALSE;
}

/* Finds the first armed rule for this request and counts it down. Returns a
 * new reference to its action, or NULL. @app is the full endpoint id or the
 * owner/alias base of the request; @kind is one of "submit", "stream",
 * "upload", "download" or "other". */
JsonObject *
_lk_fake_fal_match_fault (LkFakeFal   *self,
                          FakeRequest *req,
                          const char  *method,
                          const char  *path,
                          const char  *app,
                          const char  *kind)
{
  const char *listener = _lk_fake_fal_listener_name (req->route);

  for (guint i = 0; i < self->faults->len; i++)
    {
      FakeFault *fault = g_ptr_array_index (self->faults, i);

      if (fault->times == 0)
        continue;
      if (!action_fits (fault->action, kind))
        continue;
      if (fault->listener != NULL && !g_str_equal (fault->listener, "any") &&
          !g_str_equal (fault->listener, listener))
        continue;
      if (fault->method != NULL && g_ascii_strcasecmp (fault->method, method) != 0)
        continue;
      if (fault->path != NULL && !g_pattern_spec_match_string (fault->path, path))
        continue;
      if (fault->app != NULL && (app == NULL || !g_str_equal (fault->app, app)))
        continue;

      fault->seen++;
      if (fault->nth > 0 && fault->seen < fault->nth)
        continue;
      if (fault->times > 0)
        fault->times--;

      json_object_set_string_member (req->record, "fault", fault->id);
      return json_object_ref (fault->action);
    }

  return NULL;
}

static gboolean
member_holds (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;
  if (type == JSON_TYPE_OBJECT)
    return JSON_NODE_HOLDS_OBJECT (node);

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Rejects actions whose members have the wrong JSON types, so a bad rule is
 * refused when it is added rather than tripping a handler later. */
static gboolean
action_is_valid (JsonObject *action)
{
  JsonObject *respond;

  if (!member_holds (action, "respond", JSON_TYPE_OBJECT) ||
      !member_holds (action, "outcome", JSON_TYPE_OBJECT) ||
      !member_holds (action, "sse", JSON_TYPE_OBJECT) ||
      !member_holds (action, "malform", G_TYPE_STRING) ||
      !member_holds (action, "reset_after_bytes", G_TYPE_INT64) ||
      !member_holds (action, "throttle_bps", G_TYPE_INT64))
    return FALSE;

  if (!json_object_has_member (action, "respond"))
    return TRUE;

  respond = json_object_get_object_member (action, "respond");
  return member_holds (respond, "status", G_TYPE_INT64) &&
         member_holds (respond, "headers", JSON_TYPE_OBJECT) &&
         member_holds (respond, "raw", G_TYPE_STRING);
}

FakeFault *
_lk_fake_fal_fault_new (LkFakeFal  *self,
                        JsonObject *rule)
{
  FakeFault *fault;
  JsonObject *match = NULL;

  if (!json_object_has_member (rule, "action") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (rule, "action")) ||
      !action_is_valid (json_object_get_object_member (rule, "action")))
    return NULL;
  if (json_object_has_member (rule, "match"))
    {
      if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (rule, "match")))
        return NULL;
      match = json_object_get_object_member (rule, "match");
    }

  fault = g_new0 (FakeFault, 1);
  fault->id = g_strdup_printf ("f%u", ++self->next_fault_id);
  fault->times = json_object_get_int_member_with_default (rule, "times", -1);
  fault->action = json_object_ref (json_object_get_object_member (rule, "action"));
  if (match != NULL)
    {
      const char *path = json_object_get_string_member_with_default (match, "path", NULL);

      fault->listener = g_strdup (json_object_get_string_member_with_default (match, "listener", NULL));
      fault->method = g_strdup (json_object_get_string_member_with_default (match, "method", NULL));
      fault->app = g_strdup (json_object_get_string_member_with_default (match, "app", NULL));
      fault->nth = json_object_get_int_member_with_default (match, "nth", 0);
      if (path != NULL)
        fault->path = g_pattern_spec_new (path);
    }

  return fault;
}

char *
lk_fake_fal_add_fault (LkFakeFal  *self,
                       const char *rule_json)
{
  g_autoptr(JsonObject) rule = NULL;
  FakeFault *fault;

  g_return_val_if_fail (LK_IS_FAKE_FAL (self), NULL);

  rule = _lk_fake_fal_json_object (rule_json);
  if (rule == NULL || (fault = _lk_fake_fal_fault_new (self, rule)) == NULL)
    return NULL;

  g_ptr_array_add (self->faults, fault);
  return g_strdup (fault->id);
}

gboolean
lk_fake_fal_remove_fault (LkFakeFal  *self,
                          const char *rule_id)
{
  g_return_val_if_fail (LK_IS_FAKE_FAL (self), FALSE);

  for (guint i = 0; i < self->faults->len; i++)
    {
      FakeFault *fault = g_ptr_array_index (self->faults, i);

      if (g_str_equal (fault->id, rule_id))
        {
          g_ptr_array_remove_index (self->faults, i);
          return TRUE;
        }
    }

  return FALSE;
}

