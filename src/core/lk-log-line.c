/* lk-log-line.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line of a job's log, as LkLogModel hands it to list views. The model
 * keeps plain structs and makes these only when asked for an item.
 */

#define G_LOG_DOMAIN "lk-log-line"

#include "config.h"

#include "lk-log-line.h"

struct _LkLogLine
{
  GObject  parent_instance;

  char    *timestamp;  /* (owned) (nullable) */
  char    *level;      /* (owned) (nullable) */
  char    *message;    /* (owned) */
};

G_DEFINE_FINAL_TYPE (LkLogLine, lk_log_line, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMESTAMP,
  PROP_LEVEL,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_log_line_finalize (GObject *object)
{
  LkLogLine *self = (LkLogLine *)object;

  g_clear_pointer (&self->timestamp, g_free);
  g_clear_pointer (&self->level, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (lk_log_line_parent_class)->finalize (object);
}

static void
lk_log_line_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LkLogLine *self = LK_LOG_LINE (object);

  switch (prop_id)
    {
    case PROP_TIMESTAMP:
      g_value_set_string (value, self->timestamp);
      break;

    case PROP_LEVEL:
      g_value_set_string (value, self->level);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_log_line_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LkLogLine *self = LK_LOG_LINE (object);

  switch (prop_id)
    {
    case PROP_TIMESTAMP:
      self->timestamp = g_value_dup_string (value);
      break;

    case PROP_LEVEL:
      self->level = g_value_dup_string (value);
      break;

    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_log_line_class_init (LkLogLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_log_line_finalize;
  object_class->get_property = lk_log_line_get_property;
  object_class->set_property = lk_log_line_set_property;

  properties[PROP_TIMESTAMP] =
    g_param_spec_string ("timestamp", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_log_line_init (LkLogLine *self)
{
}

/**
 * lk_log_line_new:
 * @timestamp: (nullable): when fal logged the line, as fal wrote it
 * @level: (nullable): the level, such as `INFO` or `ERROR`
 * @message: the text
 *
 * Returns: (transfer full): a new line
 */
LkLogLine *
lk_log_line_new (const char *timestamp,
                 const char *level,
                 const char *message)
{
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (LK_TYPE_LOG_LINE,
                       "timestamp", timestamp,
                       "level", level,
                       "message", message,
                       NULL);
}

const char *
lk_log_line_get_timestamp (LkLogLine *self)
{
  g_return_val_if_fail (LK_IS_LOG_LINE (self), NULL);

  return self->timestamp;
}

const char *
lk_log_line_get_level (LkLogLine *self)
{
  g_return_val_if_fail (LK_IS_LOG_LINE (self), NULL);

  return self->level;
}

const char *
lk_log_line_get_message (LkLogLine *self)
{
  g_return_val_if_fail (LK_IS_LOG_LINE (self), NULL);

  return self->message;
}
