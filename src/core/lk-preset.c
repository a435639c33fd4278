/* lk-preset.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-preset"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-error.h"
#include "lk-preset.h"

/* The format of preset files (export, import, user presets on disk). */
#define PRESET_FORMAT  "likeness-preset"
#define PRESET_VERSION 1

struct _LkPreset
{
  GObject         parent_instance;

  char           *id;
  char           *name;         /* English msgid for built-ins */
  char           *purpose;      /* English msgid for built-ins, nullable */
  char           *trainer_id;
  LkPresetSource  source;
  GVariant       *values;       /* a{sv}, never floating */
  char          **notes;        /* translated */
};

G_DEFINE_FINAL_TYPE (LkPreset, lk_preset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PURPOSE,
  PROP_TRAINER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_preset_finalize (GObject *object)
{
  LkPreset *self = (LkPreset *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->purpose);
  g_free (self->trainer_id);
  g_clear_pointer (&self->values, g_variant_unref);
  g_strfreev (self->notes);

  G_OBJECT_CLASS (lk_preset_parent_class)->finalize (object);
}

static void
lk_preset_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkPreset *self = LK_PRESET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, lk_preset_get_name (self));
      break;

    case PROP_PURPOSE:
      g_value_set_string (value, lk_preset_get_purpose (self));
      break;

    case PROP_TRAINER_ID:
      g_value_set_string (value, self->trainer_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_preset_class_init (LkPresetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_preset_finalize;
  object_class->get_property = lk_preset_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PURPOSE] =
    g_param_spec_string ("purpose", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINER_ID] =
    g_param_spec_string ("trainer-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_preset_init (LkPreset *self)
{
}

static GVariant *
empty_vardict (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);
}

/**
 * lk_preset_new:
 * @values: (nullable): a{sv}; a floating reference is consumed
 *
 * Creates a user preset. The values are not checked here: the catalog and
 * the preset store validate them against the trainer's schema.
 */
LkPreset *
lk_preset_new (const char *name,
               const char *trainer_id,
               const char *purpose,
               GVariant   *values)
{
  LkPreset *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (trainer_id != NULL, NULL);
  g_return_val_if_fail (values == NULL || g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (LK_TYPE_PRESET, NULL);
  self->id = g_strdup (name);
  self->name = g_strdup (name);
  self->purpose = g_strdup (purpose);
  self->trainer_id = g_strdup (trainer_id);
  self->source = LK_PRESET_SOURCE_USER;
  self->values = g_variant_ref_sink (values ? values : empty_vardict ());
  self->notes = g_new0 (char *, 1);

  return self;
}

LkPreset *
_lk_preset_new_builtin (const char         *id,
                        const char         *trainer_id,
                        const char         *name,
                        const char         *purpose,
                        GVariant           *values,
                        const char * const *notes)
{
  LkPreset *self = lk_preset_new (name, trainer_id, purpose, values);

  g_free (self->id);
  self->id = g_strdup (id);
  self->source = LK_PRESET_SOURCE_BUILTIN;
  if (notes != NULL)
    {
      g_strfreev (self->notes);
      self->notes = g_strdupv ((char **) notes);
    }

  return self;
}

/* A user copy of any preset (built-in ones included), under a new name. */
LkPreset *
lk_preset_copy_with_name (LkPreset   *self,
                          const char *name)
{
  g_return_val_if_fail (LK_IS_PRESET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return lk_preset_new (name, self->trainer_id, lk_preset_get_purpose (self), self->values);
}

const char *
lk_preset_get_id (LkPreset *self)
{
  g_return_val_if_fail (LK_IS_PRESET (self), NULL);
  return self->id;
}

const char *
lk_preset_get_name (LkPreset *self)
{
  g_return_val_if_fail (LK_IS_PRESET (self), NULL);

  if (self->source == LK_PRESET_SOURCE_BUILTIN)
    return _lk_catalog_translate (self->name);
  return self->name;
}

const char *
lk_preset_get_purpose (LkPreset *self)
{
  g_return_val_if_fail (LK_IS_PRESET (self), NULL);

  if (self->source == LK_PRESET_SOURCE_BUILTIN)
    return _lk_catalog_translate (self->purpose);
  return self->purpose;
}

const char *
_lk_preset_get_name_msgid (LkPreset *self)
{
  return self->name;
}

const char *
_lk_preset_get_purpose_msgid (LkPreset *self)
{
  return self->purpose;
}

const char *
lk_preset_get_trainer_id (LkPreset *self)
{
  g_return_val_if_fail (LK_IS_PRESET (self), NULL);
  return self->trainer_id;
}

LkPresetSource
lk_preset_get_source (LkPreset *self)
{
  g_return_val_if_fail (LK_IS_PRESET (self), LK_PRESET_SOURCE_USER);
  return self->source;
}

GVariant *
lk_preset_get_values (LkPreset *self)
{
  g_return_val_if_fail (LK_IS_PRESET (self), NULL);
  return self->values;
}

const char * const *
lk_preset_get_notes (LkPreset *self)
{
  g_return_val_if_fail (LK_IS_PRESET (self), NULL);
  return (const char * const *) self->notes;
}

static gboolean
name_is_usable (const char *name)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  stripped = g_strstrip (g_strdup (name));
  return *stripped != '\0' && g_utf8_strlen (stripped, -1) <= 200;
}

/* Reads the file format: {"format": "likeness-preset", "version": 1,
 * "name": …, "trainer": …, "purpose": …, "values": {…}}. Only the shape is
 * checked here; the values are checked against the trainer by the caller. */
LkPreset *
_lk_preset_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  const char *format = _lk_json_get_string (object, "format");
  const char *name = _lk_json_get_string (object, "name");
  const char *trainer = _lk_json_get_string (object, "trainer");
  const char *purpose = _lk_json_get_string (object, "purpose");
  JsonObject *values = _lk_json_get_object (object, "values");
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  gint64 version = 0;

  if (g_strcmp0 (format, PRESET_FORMAT) != 0)
    {
      /* Translators: “format” is a member name in the file; do not translate it. */
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                           _("This is not a Likeness preset file: “format” is missing or wrong."));
      return NULL;
    }
  if (!_lk_json_get_int (object, "version", &version) || version != PRESET_VERSION)
    {
      /* Translators: %d is the only version this program reads. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                   _("The preset file’s “version” must be %d."), PRESET_VERSION);
      return NULL;
    }
  if (!name_is_usable (name))
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MISSING_FIELD,
                           _("The preset file has no “name”."));
      return NULL;
    }
  if (trainer == NULL)
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MISSING_FIELD,
                           _("The preset file has no “trainer”."));
      return NULL;
    }
  if (json_object_has_member (object, "purpose") && purpose == NULL &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "purpose")))
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE,
                           _("The preset file’s “purpose” must be text."));
      return NULL;
    }
  if (values == NULL)
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MISSING_FIELD,
                           _("The preset file has no “values” object."));
      return NULL;
    }

  json_object_iter_init (&iter, values);
  while (json_object_iter_next (&iter, &member, &node))
    {
      GVariant *value = _lk_json_node_to_variant (node);

      if (value == NULL)
        {
          /* Translators: %s is an input name such as “steps”. */
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE,
                       _("“%s” must be a number, text or true/false."), member);
          return NULL;
        }
      g_variant_builder_add (&builder, "{sv}", member, value);
    }

  return lk_preset_new (name, trainer, purpose, g_variant_builder_end (&builder));
}

JsonNode *
_lk_preset_to_json (LkPreset *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *values = json_object_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  json_object_set_string_member (object, "format", PRESET_FORMAT);
  json_object_set_int_member (object, "version", PRESET_VERSION);
  json_object_set_string_member (object, "name", lk_preset_get_name (self));
  json_object_set_string_member (object, "trainer", self->trainer_id);
  if (self->purpose != NULL)
    json_object_set_string_member (object, "purpose", lk_preset_get_purpose (self));

  g_variant_iter_init (&iter, self->values);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    json_object_set_member (values, key, _lk_variant_to_json_node (value));
  json_object_set_object_member (object, "values", values);

  return json_node_init_object (json_node_alloc (), object);
}
