/* lk-trainer.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-trainer"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-error.h"
#include "lk-trainer.h"

struct _LkTrainer
{
  GObject               parent_instance;

  /* All text is the English msgid from the catalog; getters translate. */
  char                 *id;
  char                 *name;
  LkTrainerKind         kind;
  char                 *type_label;
  char                 *specialisation;
  char                 *purpose;
  char                 *kinds_label;
  LkTrainerAvailability availability;
  char                 *availability_message;
  char                 *replacement_id;

  gboolean              rated;
  guint                 ratings[3];
  char                 *rating_notes[3];

  gboolean              has_time;
  guint                 time_minutes[2];
  gboolean              has_steps;
  guint                 steps_range[2];
  gboolean              steps_open_ended;
  gboolean              has_learning_rate;
  double                learning_rate_range[2];
  char                 *learning_rate_label;
  gboolean              features[4];
  char                **modes;
  char                 *modes_label;

  char                 *roles[LK_TRAINER_ROLE_CAPTION + 1];
  JsonObject           *adapter_base;   /* nullable */
  JsonObject           *mode_map;       /* nullable */
  JsonObject           *maps_from;      /* nullable */
  GListStore           *fields;         /* LkTrainerField, for GListModel users */
  GPtrArray            *field_array;    /* the same; lookups read only this, so
                                         * worker threads may use the trainer */
  char                **outputs;
  char                 *inference_endpoint;

  LkPriceModel          price_model;
  double                price_usd;
  guint                 price_reference_steps;
  char                 *price_note;

  guint                 min_images;
  guint                 recommended_images;
  char                 *archive_format;
  char                **extensions;
  gboolean              captions;
  gboolean              masks;
};

G_DEFINE_FINAL_TYPE (LkTrainer, lk_trainer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SPECIALISATION,
  PROP_AVAILABILITY_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const rating_names[] = { "quality", "speed", "flexibility" };
static const char * const feature_names[] = { "auto_crop", "masks", "multiresolution", "autocaption" };
static const char * const role_names[] = { "dataset_url", "trigger", "steps", "comment", "caption" };

static void
lk_trainer_finalize (GObject *object)
{
  LkTrainer *self = (LkTrainer *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->type_label);
  g_free (self->specialisation);
  g_free (self->purpose);
  g_free (self->kinds_label);
  g_free (self->availability_message);
  g_free (self->replacement_id);
  for (guint i = 0; i < G_N_ELEMENTS (self->rating_notes); i++)
    g_free (self->rating_notes[i]);
  g_free (self->learning_rate_label);
  g_strfreev (self->modes);
  g_free (self->modes_label);
  for (guint i = 0; i < G_N_ELEMENTS (self->roles); i++)
    g_free (self->roles[i]);
  g_clear_pointer (&self->adapter_base, json_object_unref);
  g_clear_pointer (&self->mode_map, json_object_unref);
  g_clear_pointer (&self->maps_from, json_object_unref);
  g_clear_object (&self->fields);
  g_clear_pointer (&self->field_array, g_ptr_array_unref);
  g_strfreev (self->outputs);
  g_free (self->inference_endpoint);
  g_free (self->price_note);
  g_free (self->archive_format);
  g_strfreev (self->extensions);

  G_OBJECT_CLASS (lk_trainer_parent_class)->finalize (object);
}

static void
lk_trainer_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LkTrainer *self = LK_TRAINER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SPECIALISATION:
      g_value_set_string (value, lk_trainer_get_specialisation (self));
      break;

    case PROP_AVAILABILITY_MESSAGE:
      g_value_set_string (value, lk_trainer_get_availability_message (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_trainer_class_init (LkTrainerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_trainer_finalize;
  object_class->get_property = lk_trainer_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPECIALISATION] =
    g_param_spec_string ("specialisation", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABILITY_MESSAGE] =
    g_param_spec_string ("availability-message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_trainer_init (LkTrainer *self)
{
  self->fields = g_list_store_new (LK_TYPE_TRAINER_FIELD);
  self->field_array = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
get_pair (JsonObject *object,
          const char *member,
          double      pair[2])
{
  JsonArray *array = _lk_json_get_array (object, member);

  if (array == NULL || json_array_get_length (array) != 2)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node))
        return FALSE;
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        pair[i] = (double) json_node_get_int (node);
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        pair[i] = json_node_get_double (node);
      else
        return FALSE;
    }
  return TRUE;
}

static JsonObject *
ref_object (JsonObject *object,
            const char *member)
{
  JsonObject *found = _lk_json_get_object (object, member);

  return found ? json_object_ref (found) : NULL;
}

static gboolean
parse_price (LkTrainer   *self,
             JsonObject  *price,
             GError     **error)
{
  const char *model = _lk_json_get_string (price, "model");
  gint64 reference = 0;

  self->price_note = g_strdup (_lk_json_get_string (price, "note"));

  if (g_strcmp0 (model, "unknown") == 0)
    self->price_model = LK_PRICE_UNKNOWN;
  else if (g_strcmp0 (model, "per_run") == 0)
    self->price_model = LK_PRICE_PER_RUN;
  else if (g_strcmp0 (model, "per_step") == 0)
    self->price_model = LK_PRICE_PER_STEP;
  else if (g_strcmp0 (model, "per_1000_steps") == 0)
    self->price_model = LK_PRICE_PER_1000_STEPS;
  else
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                   "catalog: %s has an unknown price model", self->id);
      return FALSE;
    }

  if (self->price_model != LK_PRICE_UNKNOWN &&
      !_lk_json_get_double (price, "usd", &self->price_usd))
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                   "catalog: %s has a price model without an amount", self->id);
      return FALSE;
    }

  if (_lk_json_get_int (price, "reference_steps", &reference))
    self->price_reference_steps = (guint) reference;

  return TRUE;
}

LkTrainer *
_lk_trainer_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(LkTrainer) self = g_object_new (LK_TYPE_TRAINER, NULL);
  JsonObject *ratings, *notes, *features, *roles, *price, *dataset;
  JsonArray *inputs;
  const char *kind, *availability;
  double pair[2];
  gint64 number;

  self->id = g_strdup (_lk_json_get_string (object, "id"));
  self->name = g_strdup (_lk_json_get_string (object, "name"));
  if (self->id == NULL || self->name == NULL)
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                           "catalog: a trainer has no id or name");
      return NULL;
    }

  kind = _lk_json_get_string (object, "kind");
  self->kind = g_strcmp0 (kind, "full+lora") == 0 ? LK_TRAINER_KIND_FULL_AND_LORA : LK_TRAINER_KIND_LORA;
  self->type_label = g_strdup (_lk_json_get_string (object, "type"));
  self->specialisation = g_strdup (_lk_json_get_string (object, "specialisation"));
  self->purpose = g_strdup (_lk_json_get_string (object, "purpose"));
  self->kinds_label = g_strdup (_lk_json_get_string (object, "kinds_label"));

  availability = _lk_json_get_string (object, "availability");
  self->availability = g_strcmp0 (availability, "deprecated") == 0 ? LK_TRAINER_DEPRECATED
                                                                   : LK_TRAINER_AVAILABLE;
  self->availability_message = g_strdup (_lk_json_get_string (object, "availability_message"));
  self->replacement_id = g_strdup (_lk_json_get_string (object, "replacement"));

  ratings = _lk_json_get_object (object, "ratings");
  notes = _lk_json_get_object (object, "rating_notes");
  if (ratings != NULL)
    {
      self->rated = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (rating_names); i++)
        {
          if (!_lk_json_get_int (ratings, rating_names[i], &number) || number < 1 || number > 5)
            {
              g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                           "catalog: %s has a bad %s rating", self->id, rating_names[i]);
              return NULL;
            }
          self->ratings[i] = (guint) number;
          self->rating_notes[i] = g_strdup (_lk_json_get_string (notes, rating_names[i]));
        }
    }

  if ((self->has_time = get_pair (object, "time_minutes", pair)))
    {
      self->time_minutes[0] = (guint) pair[0];
      self->time_minutes[1] = (guint) pair[1];
    }
  if ((self->has_steps = get_pair (object, "steps_range", pair)))
    {
      self->steps_range[0] = (guint) pair[0];
      self->steps_range[1] = (guint) pair[1];
    }
  _lk_json_get_bool (object, "steps_open_ended", &self->steps_open_ended);
  self->has_learning_rate = get_pair (object, "learning_rate_range", self->learning_rate_range);
  self->learning_rate_label = g_strdup (_lk_json_get_string (object, "learning_rate_label"));

  features = _lk_json_get_object (object, "features");
  for (guint i = 0; i < G_N_ELEMENTS (feature_names); i++)
    _lk_json_get_bool (features, feature_names[i], &self->features[i]);

  self->modes = _lk_json_dup_strv (object, "modes");
  self->modes_label = g_strdup (_lk_json_get_string (object, "modes_label"));

  roles = _lk_json_get_object (object, "roles");
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    self->roles[i] = g_strdup (_lk_json_get_string (roles, role_names[i]));

  self->adapter_base = ref_object (object, "adapter_base");
  self->mode_map = ref_object (object, "mode_map");
  self->maps_from = ref_object (object, "maps_from");

  inputs = _lk_json_get_array (object, "inputs");
  for (guint i = 0; inputs != NULL && i < json_array_get_length (inputs); i++)
    {
      JsonNode *node = json_array_get_element (inputs, i);
      g_autoptr(LkTrainerField) field = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      field = _lk_trainer_field_new_from_json (json_node_get_object (node), error);
      if (field == NULL)
        return NULL;
      g_list_store_append (self->fields, field);
      g_ptr_array_add (self->field_array, g_object_ref (field));
    }

  /* Every role must name a real input, or build_input would send junk. */
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      if (self->roles[i] != NULL && lk_trainer_lookup_field (self, self->roles[i]) == NULL)
        {
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                       "catalog: %s: role %s names no input", self->id, role_names[i]);
          return NULL;
        }
    }
  if (self->roles[LK_TRAINER_ROLE_DATASET_URL] == NULL)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                   "catalog: %s has no dataset input", self->id);
      return NULL;
    }

  self->outputs = _lk_json_dup_strv (object, "outputs");
  self->inference_endpoint = g_strdup (_lk_json_get_string (object, "inference_endpoint"));

  price = _lk_json_get_object (object, "price");
  if (price == NULL || !parse_price (self, price, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                     "catalog: %s has no price", self->id);
      return NULL;
    }

  dataset = _lk_json_get_object (object, "dataset");
  if (_lk_json_get_int (dataset, "min_images", &number))
    self->min_images = (guint) number;
  if (_lk_json_get_int (dataset, "recommended_images", &number))
    self->recommended_images = (guint) number;
  self->archive_format = g_strdup (_lk_json_get_string (dataset, "archive"));
  self->extensions = _lk_json_dup_strv (dataset, "extensions");
  _lk_json_get_bool (dataset, "captions", &self->captions);
  _lk_json_get_bool (dataset, "masks", &self->masks);

  return g_steal_pointer (&self);
}

static GVariant *
object_to_vardict (JsonObject *object)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      GVariant *value = _lk_json_node_to_variant (node);

      if (value != NULL)
        g_variant_dict_insert_value (&dict, member, value);
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* (transfer full) (nullable): the values the seed's adapter always sends. */
GVariant *
_lk_trainer_get_adapter_base (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);

  if (self->adapter_base == NULL)
    return NULL;
  return object_to_vardict (self->adapter_base);
}

/* (transfer full) (nullable): the inputs that select @mode. */
GVariant *
_lk_trainer_get_mode_values (LkTrainer  *self,
                             const char *mode)
{
  JsonObject *values;

  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);

  if (self->mode_map == NULL || mode == NULL)
    return NULL;
  values = _lk_json_get_object (self->mode_map, mode);
  if (values == NULL)
    return NULL;
  return object_to_vardict (values);
}

const char *
_lk_trainer_get_maps_from (LkTrainer *self)
{
  return _lk_json_get_string (self->maps_from, "trainer");
}

/* (transfer full): @values, written for @from_trainer_id, renamed onto this
 * trainer's inputs; what cannot be carried over is dropped with a translated
 * note in @notes. */
GVariant *
_lk_trainer_map_values (LkTrainer  *self,
                        const char *from_trainer_id,
                        GVariant   *values,
                        GPtrArray  *notes)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  JsonObject *fields = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (g_strcmp0 (_lk_trainer_get_maps_from (self), from_trainer_id) == 0)
    fields = _lk_json_get_object (self->maps_from, "fields");

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      JsonObject *rule = _lk_json_get_object (fields, key);
      const char *to = _lk_json_get_string (rule, "to");
      const char *drop = _lk_json_get_string (rule, "drop");

      if (to != NULL && lk_trainer_lookup_field (self, to) != NULL)
        g_variant_builder_add (&builder, "{sv}", to, value);
      else if (drop != NULL)
        /* Translators: %s is an input name such as “learning_rate”, then the reason it is left out. */
        g_ptr_array_add (notes, g_strdup_printf (_("“%s” is not sent: %s"), key, _lk_catalog_translate (drop)));
      else if (rule == NULL && lk_trainer_lookup_field (self, key) != NULL)
        g_variant_builder_add (&builder, "{sv}", key, value);
      else
        /* Translators: %s is an input name such as “lora_rank”. */
        g_ptr_array_add (notes, g_strdup_printf (_("“%s” is not sent: this trainer has no such input."), key));
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

const char *
lk_trainer_get_id (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return self->id;
}

const char *
lk_trainer_get_name (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return self->name;
}

LkTrainerKind
lk_trainer_get_kind (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), LK_TRAINER_KIND_LORA);
  return self->kind;
}

const char *
lk_trainer_get_type_label (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return _lk_catalog_translate (self->type_label);
}

const char *
lk_trainer_get_specialisation (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return _lk_catalog_translate (self->specialisation);
}

const char *
lk_trainer_get_purpose (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return _lk_catalog_translate (self->purpose);
}

const char *
lk_trainer_get_kinds_label (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return _lk_catalog_translate (self->kinds_label);
}

LkTrainerAvailability
lk_trainer_get_availability (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), LK_TRAINER_AVAILABLE);
  return self->availability;
}

const char *
lk_trainer_get_availability_message (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return _lk_catalog_translate (self->availability_message);
}

const char *
lk_trainer_get_replacement_id (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return self->replacement_id;
}

gboolean
lk_trainer_get_ratings (LkTrainer *self,
                        guint     *quality,
                        guint     *speed,
                        guint     *flexibility)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);

  if (!self->rated)
    return FALSE;
  if (quality != NULL)
    *quality = self->ratings[0];
  if (speed != NULL)
    *speed = self->ratings[1];
  if (flexibility != NULL)
    *flexibility = self->ratings[2];
  return TRUE;
}

const char *
lk_trainer_get_rating_note (LkTrainer  *self,
                            const char *which)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rating_names); i++)
    {
      if (g_strcmp0 (which, rating_names[i]) == 0)
        return _lk_catalog_translate (self->rating_notes[i]);
    }
  return NULL;
}

gboolean
lk_trainer_get_time_range (LkTrainer *self,
                           guint     *min_minutes,
                           guint     *max_minutes)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);

  if (!self->has_time)
    return FALSE;
  if (min_minutes != NULL)
    *min_minutes = self->time_minutes[0];
  if (max_minutes != NULL)
    *max_minutes = self->time_minutes[1];
  return TRUE;
}

gboolean
lk_trainer_get_steps_range (LkTrainer *self,
                            guint     *min_steps,
                            guint     *max_steps,
                            gboolean  *open_ended)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);

  if (!self->has_steps)
    return FALSE;
  if (min_steps != NULL)
    *min_steps = self->steps_range[0];
  if (max_steps != NULL)
    *max_steps = self->steps_range[1];
  if (open_ended != NULL)
    *open_ended = self->steps_open_ended;
  return TRUE;
}

gboolean
lk_trainer_get_learning_rate_range (LkTrainer *self,
                                    double    *min_rate,
                                    double    *max_rate)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);

  if (!self->has_learning_rate)
    return FALSE;
  if (min_rate != NULL)
    *min_rate = self->learning_rate_range[0];
  if (max_rate != NULL)
    *max_rate = self->learning_rate_range[1];
  return TRUE;
}

const char *
lk_trainer_get_learning_rate_label (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return _lk_catalog_translate (self->learning_rate_label);
}

gboolean
lk_trainer_has_feature (LkTrainer        *self,
                        LkTrainerFeature  feature)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);
  g_return_val_if_fail (feature <= LK_TRAINER_FEATURE_AUTOCAPTION, FALSE);
  return self->features[feature];
}

const char * const *
lk_trainer_get_modes (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return (const char * const *) self->modes;
}

const char *
lk_trainer_get_modes_label (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return _lk_catalog_translate (self->modes_label);
}

const char *
lk_trainer_get_input_name (LkTrainer     *self,
                           LkTrainerRole  role)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  g_return_val_if_fail (role < G_N_ELEMENTS (self->roles), NULL);
  return self->roles[role];
}

GListModel *
lk_trainer_get_fields (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return G_LIST_MODEL (self->fields);
}

LkTrainerField *
lk_trainer_lookup_field (LkTrainer  *self,
                         const char *name)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);

  for (guint i = 0; i < self->field_array->len; i++)
    {
      LkTrainerField *field = g_ptr_array_index (self->field_array, i);

      if (g_strcmp0 (lk_trainer_field_get_name (field), name) == 0)
        return field;
    }
  return NULL;
}

GPtrArray *
_lk_trainer_get_field_array (LkTrainer *self)
{
  return self->field_array;
}

const char * const *
lk_trainer_get_outputs (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return (const char * const *) self->outputs;
}

const char *
lk_trainer_get_inference_endpoint (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return self->inference_endpoint;
}

LkPriceModel
lk_trainer_get_price_model (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), LK_PRICE_UNKNOWN);
  return self->price_model;
}

double
lk_trainer_get_price_usd (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), 0.0);
  return self->price_usd;
}

const char *
lk_trainer_get_price_note (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return _lk_catalog_translate (self->price_note);
}

guint
lk_trainer_get_default_steps (LkTrainer *self)
{
  LkTrainerField *field;
  GVariant *value;

  g_return_val_if_fail (LK_IS_TRAINER (self), 0);

  field = lk_trainer_lookup_field (self, self->roles[LK_TRAINER_ROLE_STEPS]);
  if (field != NULL && (value = lk_trainer_field_get_default (field)) != NULL)
    return (guint) g_variant_get_int64 (value);
  return 0;
}

gboolean
lk_trainer_estimate_cost (LkTrainer *self,
                          guint      steps,
                          double    *usd)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);

  switch (self->price_model)
    {
    case LK_PRICE_PER_RUN:
      if (self->price_reference_steps > 0)
        *usd = self->price_usd * steps / self->price_reference_steps;
      else
        *usd = self->price_usd;
      return TRUE;

    case LK_PRICE_PER_STEP:
      *usd = self->price_usd * steps;
      return TRUE;

    case LK_PRICE_PER_1000_STEPS:
      *usd = self->price_usd * steps / 1000.0;
      return TRUE;

    case LK_PRICE_UNKNOWN:
    default:
      return FALSE;
    }
}

/* Time is taken as proportional to steps; the seed's ranges give the speed:
 * its shortest time belongs to its fewest steps, its longest to its most. */
gboolean
lk_trainer_estimate_minutes (LkTrainer *self,
                             guint      steps,
                             guint     *min_minutes,
                             guint     *max_minutes)
{
  double low, high;

  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);

  if (!self->has_time || !self->has_steps || self->steps_range[0] == 0 || self->steps_range[1] == 0)
    return FALSE;

  low = (double) self->time_minutes[0] * steps / self->steps_range[0];
  high = (double) self->time_minutes[1] * steps / self->steps_range[1];
  if (low > high)
    {
      double tmp = low;
      low = high;
      high = tmp;
    }

  *min_minutes = MAX (1, (guint) floor (low));
  *max_minutes = MAX (*min_minutes, (guint) ceil (high));
  return TRUE;
}

guint
lk_trainer_get_min_images (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), 0);
  return self->min_images;
}

guint
lk_trainer_get_recommended_images (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), 0);
  return self->recommended_images;
}

const char *
lk_trainer_get_archive_format (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return self->archive_format;
}

const char * const *
lk_trainer_get_image_extensions (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);
  return (const char * const *) self->extensions;
}

gboolean
lk_trainer_accepts_captions (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);
  return self->captions;
}

gboolean
lk_trainer_accepts_masks (LkTrainer *self)
{
  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);
  return self->masks;
}
