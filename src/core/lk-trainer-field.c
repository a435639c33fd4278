/* lk-trainer-field.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-trainer-field"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-error.h"
#include "lk-trainer-field.h"

struct _LkTrainerField
{
  GObject      parent_instance;

  char        *name;
  LkFieldType  type;
  char        *label;           /* English msgid */
  char        *help;            /* English msgid */
  gboolean     required;
  GVariant    *default_value;   /* nullable, canonical form */
  gboolean     has_range;
  double       min;
  double       max;
  char       **choices;         /* nullable */
  GArray      *int_choices;     /* nullable, gint64 */
};

G_DEFINE_FINAL_TYPE (LkTrainerField, lk_trainer_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  PROP_HELP,
  PROP_REQUIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_trainer_field_finalize (GObject *object)
{
  LkTrainerField *self = (LkTrainerField *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->help, g_free);
  g_clear_pointer (&self->default_value, g_variant_unref);
  g_clear_pointer (&self->choices, g_strfreev);
  g_clear_pointer (&self->int_choices, g_array_unref);

  G_OBJECT_CLASS (lk_trainer_field_parent_class)->finalize (object);
}

static void
lk_trainer_field_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkTrainerField *self = LK_TRAINER_FIELD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LABEL:
      g_value_set_string (value, lk_trainer_field_get_label (self));
      break;

    case PROP_HELP:
      g_value_set_string (value, lk_trainer_field_get_help (self));
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_trainer_field_class_init (LkTrainerFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_trainer_field_finalize;
  object_class->get_property = lk_trainer_field_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HELP] =
    g_param_spec_string ("help", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_trainer_field_init (LkTrainerField *self)
{
}

static gboolean
parse_type (const char  *str,
            LkFieldType *type)
{
  static const struct { const char *name; LkFieldType type; } types[] = {
    { "string", LK_FIELD_TYPE_STRING },
    { "url",    LK_FIELD_TYPE_URL },
    { "int",    LK_FIELD_TYPE_INT },
    { "number", LK_FIELD_TYPE_NUMBER },
    { "bool",   LK_FIELD_TYPE_BOOL },
    { "enum",   LK_FIELD_TYPE_ENUM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_strcmp0 (str, types[i].name) == 0)
        {
          *type = types[i].type;
          return TRUE;
        }
    }
  return FALSE;
}

LkTrainerField *
_lk_trainer_field_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(LkTrainerField) self = NULL;
  const char *name = _lk_json_get_string (object, "name");
  const char *type = _lk_json_get_string (object, "type");
  JsonArray *values;
  gboolean has_min, has_max;

  self = g_object_new (LK_TYPE_TRAINER_FIELD, NULL);

  if (name == NULL || !parse_type (type, &self->type))
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                   "catalog: input “%s” has no name or an unknown type", name ? name : "?");
      return NULL;
    }

  self->name = g_strdup (name);
  self->label = g_strdup (_lk_json_get_string (object, "label"));
  self->help = g_strdup (_lk_json_get_string (object, "help"));
  _lk_json_get_bool (object, "required", &self->required);

  has_min = _lk_json_get_double (object, "min", &self->min);
  has_max = _lk_json_get_double (object, "max", &self->max);
  self->has_range = has_min && has_max;

  values = _lk_json_get_array (object, "values");
  if (values != NULL && self->type == LK_FIELD_TYPE_ENUM)
    self->choices = _lk_json_dup_strv (object, "values");
  else if (values != NULL && self->type == LK_FIELD_TYPE_INT)
    {
      self->int_choices = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          gint64 v = json_array_get_int_element (values, i);
          g_array_append_val (self->int_choices, v);
        }
    }

  if (json_object_has_member (object, "default"))
    {
      GVariant *value = _lk_json_node_to_variant (json_object_get_member (object, "default"));
      g_autoptr(GError) local_error = NULL;

      if (value != NULL)
        self->default_value = lk_trainer_field_validate (self, value, &local_error);
      if (self->default_value == NULL)
        {
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                       "catalog: bad default for “%s”: %s", name,
                       local_error ? local_error->message : "not a scalar");
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

const char *
lk_trainer_field_get_name (LkTrainerField *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), NULL);
  return self->name;
}

LkFieldType
lk_trainer_field_get_field_type (LkTrainerField *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), LK_FIELD_TYPE_STRING);
  return self->type;
}

const char *
lk_trainer_field_get_label (LkTrainerField *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), NULL);
  return self->label ? _lk_catalog_translate (self->label) : self->name;
}

const char *
lk_trainer_field_get_help (LkTrainerField *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), NULL);
  return _lk_catalog_translate (self->help);
}

gboolean
lk_trainer_field_is_required (LkTrainerField *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), FALSE);
  return self->required;
}

GVariant *
lk_trainer_field_get_default (LkTrainerField *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), NULL);
  return self->default_value;
}

gboolean
lk_trainer_field_get_range (LkTrainerField *self,
                            double         *min,
                            double         *max)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), FALSE);

  if (!self->has_range)
    return FALSE;
  if (min != NULL)
    *min = self->min;
  if (max != NULL)
    *max = self->max;
  return TRUE;
}

const char * const *
lk_trainer_field_get_choices (LkTrainerField *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), NULL);
  return (const char * const *) self->choices;
}

const gint64 *
lk_trainer_field_get_int_choices (LkTrainerField *self,
                                  guint          *n_choices)
{
  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), NULL);

  if (self->int_choices == NULL)
    {
      if (n_choices != NULL)
        *n_choices = 0;
      return NULL;
    }
  if (n_choices != NULL)
    *n_choices = self->int_choices->len;
  return (const gint64 *) (gpointer) self->int_choices->data;
}

char *
lk_format_value (GVariant *value)
{
  g_autoptr(GVariant) inner = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      inner = g_variant_get_variant (value);
      value = inner;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return g_strdup_printf ("%g", g_variant_get_double (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_strdup_printf ("%d", g_variant_get_int32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_strdup_printf ("“%s”", g_variant_get_string (value, NULL));
  return g_variant_print (value, FALSE);
}

static gboolean
uri_is_acceptable (const char *str)
{
  g_autoptr(GUri) uri = g_uri_parse (str, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static GVariant *
validate_string (LkTrainerField  *self,
                 GVariant        *value,
                 GError         **error)
{
  const char *str;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      g_autofree char *shown = lk_format_value (value);

      /* Translators: the first %s is an input name such as “trigger_word”, the second the value given. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE,
                   _("“%s” must be text; got %s."), self->name, shown);
      return NULL;
    }

  str = g_variant_get_string (value, NULL);

  if (self->type == LK_FIELD_TYPE_URL && !uri_is_acceptable (str))
    {
      /* Translators: the first %s is an input name such as “images_data_url”, the second the value given. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE,
                   _("“%s” must be an http or https URL; got “%s”."), self->name, str);
      return NULL;
    }

  if (self->type == LK_FIELD_TYPE_ENUM && self->choices != NULL &&
      !g_strv_contains ((const char * const *) self->choices, str))
    {
      g_autofree char *choices = g_strjoinv (", ", self->choices);

      /* Translators: the first %s is an input name, the second a list of choices, the third the value given. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE,
                   _("“%s” must be one of %s; got “%s”."), self->name, choices, str);
      return NULL;
    }

  return g_variant_ref (value);
}

static gboolean
check_range (LkTrainerField  *self,
             double           number,
             GVariant        *value,
             GError         **error)
{
  g_autofree char *shown = NULL;

  if (self->int_choices != NULL)
    {
      g_autoptr(GString) choices = g_string_new (NULL);

      for (guint i = 0; i < self->int_choices->len; i++)
        {
          gint64 choice = g_array_index (self->int_choices, gint64, i);

          if ((double) choice == number)
            return TRUE;
          if (choices->len > 0)
            g_string_append (choices, ", ");
          g_string_append_printf (choices, "%" G_GINT64_FORMAT, choice);
        }

      shown = lk_format_value (value);
      /* Translators: the first %s is an input name, the second a list of numbers, the third the value given. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE,
                   _("“%s” must be one of %s; got %s."), self->name, choices->str, shown);
      return FALSE;
    }

  if (self->has_range && (number < self->min || number > self->max))
    {
      g_autofree char *min = g_strdup_printf ("%g", self->min);
      g_autofree char *max = g_strdup_printf ("%g", self->max);

      shown = lk_format_value (value);
      /* Translators: the first %s is an input name such as “steps”, then the smallest and largest allowed value, then the value given. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE,
                   _("“%s” must be between %s and %s; got %s."), self->name, min, max, shown);
      return FALSE;
    }

  return TRUE;
}

GVariant *
lk_trainer_field_validate (LkTrainerField  *self,
                           GVariant        *value,
                           GError         **error)
{
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) inner = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (LK_IS_TRAINER_FIELD (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  /* A floating @value is consumed, as GTK does with its arguments. */
  owned = g_variant_ref_sink (value);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      inner = g_variant_get_variant (value);
      value = inner;
    }

  switch (self->type)
    {
    case LK_FIELD_TYPE_STRING:
    case LK_FIELD_TYPE_URL:
    case LK_FIELD_TYPE_ENUM:
      return validate_string (self, value, error);

    case LK_FIELD_TYPE_BOOL:
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        return g_variant_ref (value);
      shown = lk_format_value (value);
      /* Translators: the first %s is an input name such as “subject_crop”, the second the value given. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE,
                   _("“%s” must be true or false; got %s."), self->name, shown);
      return NULL;

    case LK_FIELD_TYPE_INT:
      {
        gint64 number;

        if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
          number = g_variant_get_int64 (value);
        else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
          number = g_variant_get_int32 (value);
        else
          {
            shown = lk_format_value (value);
            /* Translators: the first %s is an input name such as “steps”, the second the value given. */
            g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE,
                         _("“%s” must be a whole number; got %s."), self->name, shown);
            return NULL;
          }
        if (!check_range (self, (double) number, value, error))
          return NULL;
        return g_variant_ref_sink (g_variant_new_int64 (number));
      }

    case LK_FIELD_TYPE_NUMBER:
      {
        double number;

        if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
          number = g_variant_get_double (value);
        else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
          number = (double) g_variant_get_int64 (value);
        else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
          number = g_variant_get_int32 (value);
        else
          {
            shown = lk_format_value (value);
            /* Translators: the first %s is an input name such as “learning_rate”, the second the value given. */
            g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE,
                         _("“%s” must be a number; got %s."), self->name, shown);
            return NULL;
          }
        if (!check_range (self, number, value, error))
          return NULL;
        return g_variant_ref_sink (g_variant_new_double (number));
      }

    default:
      g_assert_not_reached ();
    }
}
