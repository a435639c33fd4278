/* lk-fal-status.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fal-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-error.h"
#include "lk-fal-json-private.h"
#include "lk-fal-status-private.h"

/* LkFalLog */

G_DEFINE_BOXED_TYPE (LkFalLog, lk_fal_log, lk_fal_log_copy, lk_fal_log_free)

/**
 * lk_fal_log_copy:
 * @log: a log entry
 *
 * Returns: (transfer full): a deep copy of @log
 */
LkFalLog *
lk_fal_log_copy (const LkFalLog *log)
{
  LkFalLog *copy;

  g_return_val_if_fail (log != NULL, NULL);

  copy = g_new0 (LkFalLog, 1);
  copy->message = g_strdup (log->message);
  copy->level = g_strdup (log->level);
  copy->source = g_strdup (log->source);
  copy->timestamp = g_strdup (log->timestamp);

  return copy;
}

void
lk_fal_log_free (LkFalLog *log)
{
  if (log == NULL)
    return;

  g_free (log->message);
  g_free (log->level);
  g_free (log->source);
  g_free (log->timestamp);
  g_free (log);
}

/* LkFalRequest */

struct _LkFalRequest
{
  char *endpoint_id;
  char *request_id;
  char *status_url;
  char *response_url;
  char *cancel_url;
};

G_DEFINE_BOXED_TYPE (LkFalRequest, lk_fal_request, lk_fal_request_ref, lk_fal_request_unref)

static char *
dup_nonempty (const char *str)
{
  return (str != NULL && *str != '\0') ? g_strdup (str) : NULL;
}

/**
 * lk_fal_request_new:
 * @endpoint_id: the endpoint the request was submitted to
 * @request_id: fal's request id
 * @status_url: (nullable): the `status_url` submit returned
 * @response_url: (nullable): the `response_url` submit returned
 * @cancel_url: (nullable): the `cancel_url` submit returned
 *
 * When the URLs are NULL the client rebuilds them from @endpoint_id the way
 * fal's own client does.
 *
 * Returns: (transfer full): a new request
 */
LkFalRequest *
lk_fal_request_new (const char *endpoint_id,
                    const char *request_id,
                    const char *status_url,
                    const char *response_url,
                    const char *cancel_url)
{
  LkFalRequest *self;

  g_return_val_if_fail (endpoint_id != NULL, NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  self = g_atomic_rc_box_new0 (LkFalRequest);
  self->endpoint_id = g_strdup (endpoint_id);
  self->request_id = g_strdup (request_id);
  self->status_url = dup_nonempty (status_url);
  self->response_url = dup_nonempty (response_url);
  self->cancel_url = dup_nonempty (cancel_url);

  return self;
}

LkFalRequest *
lk_fal_request_ref (LkFalRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
lk_fal_request_clear (LkFalRequest *self)
{
  g_free (self->endpoint_id);
  g_free (self->request_id);
  g_free (self->status_url);
  g_free (self->response_url);
  g_free (self->cancel_url);
}

void
lk_fal_request_unref (LkFalRequest *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) lk_fal_request_clear);
}

const char *
lk_fal_request_get_endpoint_id (LkFalRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->endpoint_id;
}

const char *
lk_fal_request_get_request_id (LkFalRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->request_id;
}

const char *
lk_fal_request_get_status_url (LkFalRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->status_url;
}

const char *
lk_fal_request_get_response_url (LkFalRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->response_url;
}

const char *
lk_fal_request_get_cancel_url (LkFalRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->cancel_url;
}

/* LkFalStatus */

struct _LkFalStatus
{
  GObject     parent_instance;

  LkFalState  state;
  int         queue_position;
  double      inference_time;
  char       *request_id;
  char       *error;
  char       *error_type;
  char       *status_url;
  char       *response_url;
  char       *cancel_url;
  GPtrArray  *logs;
};

G_DEFINE_FINAL_TYPE (LkFalStatus, lk_fal_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_REQUEST_ID,
  PROP_QUEUE_POSITION,
  PROP_ERROR,
  PROP_ERROR_TYPE,
  PROP_INFERENCE_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_fal_status_finalize (GObject *object)
{
  LkFalStatus *self = (LkFalStatus *) object;

  g_free (self->request_id);
  g_free (self->error);
  g_free (self->error_type);
  g_free (self->status_url);
  g_free (self->response_url);
  g_free (self->cancel_url);
  g_ptr_array_unref (self->logs);

  G_OBJECT_CLASS (lk_fal_status_parent_class)->finalize (object);
}

static void
lk_fal_status_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkFalStatus *self = LK_FAL_STATUS (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_REQUEST_ID:
      g_value_set_string (value, self->request_id);
      break;

    case PROP_QUEUE_POSITION:
      g_value_set_int (value, self->queue_position);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_ERROR_TYPE:
      g_value_set_string (value, self->error_type);
      break;

    case PROP_INFERENCE_TIME:
      g_value_set_double (value, self->inference_time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_fal_status_class_init (LkFalStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_fal_status_finalize;
  object_class->get_property = lk_fal_status_get_property;

  /* An LkFalState; kept as an int so this file needs no generated enum type. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      LK_FAL_STATE_UNKNOWN, LK_FAL_STATE_COMPLETED, LK_FAL_STATE_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST_ID] =
    g_param_spec_string ("request-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUE_POSITION] =
    g_param_spec_int ("queue-position", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_TYPE] =
    g_param_spec_string ("error-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INFERENCE_TIME] =
    g_param_spec_double ("inference-time", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_fal_status_init (LkFalStatus *self)
{
  self->state = LK_FAL_STATE_UNKNOWN;
  self->queue_position = -1;
  self->inference_time = -1;
  self->logs = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_fal_log_free);
}

static LkFalState
parse_state (const char *str)
{
  if (g_strcmp0 (str, "IN_QUEUE") == 0)
    return LK_FAL_STATE_IN_QUEUE;
  if (g_strcmp0 (str, "IN_PROGRESS") == 0)
    return LK_FAL_STATE_IN_PROGRESS;
  if (g_strcmp0 (str, "COMPLETED") == 0)
    return LK_FAL_STATE_COMPLETED;
  return LK_FAL_STATE_UNKNOWN;
}

static LkFalLog *
parse_log (JsonObject *object)
{
  const char *message = _lk_fal_json_get_string (object, "message");
  LkFalLog *log;

  if (message == NULL)
    return NULL;

  log = g_new0 (LkFalLog, 1);
  log->message = g_strdup (message);
  log->level = g_strdup (_lk_fal_json_get_string (object, "level"));
  log->source = g_strdup (_lk_fal_json_get_string (object, "source"));
  log->timestamp = g_strdup (_lk_fal_json_get_string (object, "timestamp"));

  return log;
}

static GError *
malformed_error (void)
{
  return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED,
                              _("fal.ai sent a status reply Likeness does not understand. "
                                "Try again later; if this keeps happening, please report a bug."));
}

LkFalStatus *
_lk_fal_status_new_from_object (JsonObject  *object,
                                GError     **error)
{
  g_autoptr(LkFalStatus) self = NULL;
  const char *state;
  JsonObject *metrics;
  JsonArray *logs;
  gint64 position;
  double inference_time;

  state = _lk_fal_json_get_string (object, "status");
  if (state == NULL)
    {
      g_debug ("Status object without a string \"status\"");
      g_propagate_error (error, malformed_error ());
      return NULL;
    }

  self = g_object_new (LK_TYPE_FAL_STATUS, NULL);
  self->state = parse_state (state);
  if (self->state == LK_FAL_STATE_UNKNOWN)
    g_debug ("Unknown status value \"%s\"", state);

  self->request_id = dup_nonempty (_lk_fal_json_get_string (object, "request_id"));
  self->status_url = dup_nonempty (_lk_fal_json_get_string (object, "status_url"));
  self->response_url = dup_nonempty (_lk_fal_json_get_string (object, "response_url"));
  self->cancel_url = dup_nonempty (_lk_fal_json_get_string (object, "cancel_url"));
  self->error = dup_nonempty (_lk_fal_json_get_string (object, "error"));
  self->error_type = dup_nonempty (_lk_fal_json_get_string (object, "error_type"));

  if (_lk_fal_json_get_int (object, "queue_position", &position) &&
      position >= 0 && position <= G_MAXINT)
    self->queue_position = (int) position;

  metrics = _lk_fal_json_get_object (object, "metrics");
  if (_lk_fal_json_get_double (metrics, "inference_time", &inference_time) &&
      inference_time >= 0)
    self->inference_time = inference_time;

  logs = _lk_fal_json_get_array (object, "logs");
  if (logs != NULL)
    {
      guint n = json_array_get_length (logs);

      for (guint i = 0; i < n; i++)
        {
          LkFalLog *log = parse_log (_lk_fal_json_array_get_object (logs, i));

          if (log != NULL)
            g_ptr_array_add (self->logs, log);
        }
    }

  return g_steal_pointer (&self);
}

LkFalStatus *
_lk_fal_status_new_from_json (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(JsonObject) object = _lk_fal_json_parse_object (data, length);

  if (object == NULL)
    {
      g_debug ("Status reply of %" G_GSIZE_FORMAT " bytes is not a JSON object", length);
      g_propagate_error (error, malformed_error ());
      return NULL;
    }

  return _lk_fal_status_new_from_object (object, error);
}

LkFalState
lk_fal_status_get_state (LkFalStatus *self)
{
  g_return_val_if_fail (LK_IS_FAL_STATUS (self), LK_FAL_STATE_UNKNOWN);
  return self->state;
}

const char *
lk_fal_status_get_request_id (LkFalStatus *self)
{
  g_return_val_if_fail (LK_IS_FAL_STATUS (self), NULL);
  return self->request_id;
}

int
lk_fal_status_get_queue_position (LkFalStatus *self)
{
  g_return_val_if_fail (LK_IS_FAL_STATUS (self), -1);
  return self->state == LK_FAL_STATE_IN_QUEUE ? self->queue_position : -1;
}

/**
 * lk_fal_status_get_logs:
 * @self: a status
 *
 * Returns: (transfer none) (element-type LkFalLog): the log entries
 */
GPtrArray *
lk_fal_status_get_logs (LkFalStatus *self)
{
  g_return_val_if_fail (LK_IS_FAL_STATUS (self), NULL);
  return self->logs;
}

const char *
lk_fal_status_get_error (LkFalStatus *self)
{
  g_return_val_if_fail (LK_IS_FAL_STATUS (self), NULL);
  return self->error;
}

const char *
lk_fal_status_get_error_type (LkFalStatus *self)
{
  g_return_val_if_fail (LK_IS_FAL_STATUS (self), NULL);
  return self->error_type;
}

double
lk_fal_status_get_inference_time (LkFalStatus *self)
{
  g_return_val_if_fail (LK_IS_FAL_STATUS (self), -1);
  return self->inference_time;
}

/* A failure is COMPLETED with `error` or `error_type` set (protocol §3.2). */
gboolean
lk_fal_status_is_failed (LkFalStatus *self)
{
  g_return_val_if_fail (LK_IS_FAL_STATUS (self), FALSE);
  return self->state == LK_FAL_STATE_COMPLETED &&
         (self->error != NULL || self->error_type != NULL);
}

const char *
_lk_fal_status_get_status_url (LkFalStatus *self)
{
  return self->status_url;
}

const char *
_lk_fal_status_get_response_url (LkFalStatus *self)
{
  return self->response_url;
}

const char *
_lk_fal_status_get_cancel_url (LkFalStatus *self)
{
  return self->cancel_url;
}

/* LkFalLogDedup */

/* fal's window holds the last 20 entries or so; remembering the last few
 * thousand identities is plenty, and keeps a long training's memory flat. */
#define DEDUP_CAPACITY 4096

struct _LkFalLogDedup
{
  GHashTable *seen;
  GQueue      order;
};

LkFalLogDedup *
_lk_fal_log_dedup_new (void)
{
  LkFalLogDedup *dedup = g_new0 (LkFalLogDedup, 1);

  dedup->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&dedup->order);

  return dedup;
}

void
_lk_fal_log_dedup_free (LkFalLogDedup *dedup)
{
  if (dedup == NULL)
    return;

  /* The queue shares its strings with the table, which owns them. */
  g_queue_clear (&dedup->order);
  g_hash_table_unref (dedup->seen);
  g_free (dedup);
}

LkFalStatus *
_lk_fal_log_dedup_filter (LkFalLogDedup *dedup,
                          LkFalStatus   *status)
{
  LkFalStatus *copy;

  g_return_val_if_fail (dedup != NULL, NULL);
  g_return_val_if_fail (LK_IS_FAL_STATUS (status), NULL);

  copy = g_object_new (LK_TYPE_FAL_STATUS, NULL);
  copy->state = status->state;
  copy->queue_position = status->queue_position;
  copy->inference_time = status->inference_time;
  copy->request_id = g_strdup (status->request_id);
  copy->error = g_strdup (status->error);
  copy->error_type = g_strdup (status->error_type);
  copy->status_url = g_strdup (status->status_url);
  copy->response_url = g_strdup (status->response_url);
  copy->cancel_url = g_strdup (status->cancel_url);

  for (guint i = 0; i < status->logs->len; i++)
    {
      const LkFalLog *log = g_ptr_array_index (status->logs, i);
      char *identity;

      /* The unit separator cannot appear in an ISO-8601 timestamp, so
       * "a\x1f" + "b" never collides with "a" + "\x1fb". */
      identity = g_strconcat (log->timestamp ? log->timestamp : "", "\x1f",
                              log->message, NULL);

      if (g_hash_table_contains (dedup->seen, identity))
        {
          g_free (identity);
          continue;
        }

      g_hash_table_add (dedup->seen, identity);
      g_queue_push_tail (&dedup->order, identity);
      g_ptr_array_add (copy->logs, lk_fal_log_copy (log));

      if (dedup->order.length > DEDUP_CAPACITY)
        g_hash_table_remove (dedup->seen, g_queue_pop_head (&dedup->order));
    }

  return copy;
}
