/* lk-catalog-export.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalog, presets and comparison as JSON text, for `likeness-cli
 * … --json`: the front ends never see json-glib.
 */

#define G_LOG_DOMAIN "lk-catalog-export"

#include "config.h"

#include "lk-catalog.h"
#include "lk-catalog-private.h"
#include "lk-comparison.h"

static char *
to_text (JsonNode *root)
{
  return _lk_json_to_string (root, TRUE);
}

static void
set_nullable_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static JsonObject *
field_to_object (LkTrainerField *field)
{
  static const char * const type_names[] = { "string", "url", "int", "number", "bool", "enum" };
  JsonObject *object = json_object_new ();
  GVariant *default_value = lk_trainer_field_get_default (field);
  const gint64 *int_choices;
  guint n_int_choices;
  double min, max;

  json_object_set_string_member (object, "name", lk_trainer_field_get_name (field));
  json_object_set_string_member (object, "type", type_names[lk_trainer_field_get_field_type (field)]);
  json_object_set_boolean_member (object, "required", lk_trainer_field_is_required (field));
  json_object_set_member (object, "default",
                          default_value ? _lk_variant_to_json_node (default_value) : json_node_new (JSON_NODE_NULL));
  if (lk_trainer_field_get_range (field, &min, &max))
    {
      json_object_set_double_member (object, "min", min);
      json_object_set_double_member (object, "max", max);
    }
  if (lk_trainer_field_get_choices (field) != NULL)
    json_object_set_array_member (object, "choices", strv_to_array (lk_trainer_field_get_choices (field)));
  int_choices = lk_trainer_field_get_int_choices (field, &n_int_choices);
  if (int_choices != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < n_int_choices; i++)
        json_array_add_int_element (array, int_choices[i]);
      json_object_set_array_member (object, "choices", array);
    }
  set_nullable_string (object, "label", lk_trainer_field_get_label (field));
  set_nullable_string (object, "help", lk_trainer_field_get_help (field));
  return object;
}

static JsonObject *
trainer_to_object (LkTrainer *trainer)
{
  static const char * const price_names[] = { "unknown", "per_run", "per_step", "per_1000_steps" };
  JsonObject *object = json_object_new ();
  JsonObject *features = json_object_new ();
  JsonObject *price = json_object_new ();
  JsonObject *dataset = json_object_new ();
  JsonArray *inputs = json_array_new ();
  GListModel *fields = lk_trainer_get_fields (trainer);
  guint quality, speed, flexibility, low, high;
  gboolean open_ended;

  json_object_set_string_member (object, "id", lk_trainer_get_id (trainer));
  json_object_set_string_member (object, "name", lk_trainer_get_name (trainer));
  json_object_set_string_member (object, "kind",
                                 lk_trainer_get_kind (trainer) == LK_TRAINER_KIND_FULL_AND_LORA ? "full+lora" : "lora");
  json_object_set_string_member (object, "availability",
                                 lk_trainer_get_availability (trainer) == LK_TRAINER_AVAILABLE ? "available" : "deprecated");
  set_nullable_string (object, "availability_message", lk_trainer_get_availability_message (trainer));
  set_nullable_string (object, "replacement", lk_trainer_get_replacement_id (trainer));
  set_nullable_string (object, "type", lk_trainer_get_type_label (trainer));
  set_nullable_string (object, "specialisation", lk_trainer_get_specialisation (trainer));
  set_nullable_string (object, "purpose", lk_trainer_get_purpose (trainer));

  if (lk_trainer_get_ratings (trainer, &quality, &speed, &flexibility))
    {
      JsonObject *ratings = json_object_new ();

      json_object_set_int_member (ratings, "quality", quality);
      json_object_set_int_member (ratings, "speed", speed);
      json_object_set_int_member (ratings, "flexibility", flexibility);
      json_object_set_object_member (object, "ratings", ratings);
    }
  else
    json_object_set_null_member (object, "ratings");

  if (lk_trainer_get_time_range (trainer, &low, &high))
    {
      JsonArray *range = json_array_new ();

      json_array_add_int_element (range, low);
      json_array_add_int_element (range, high);
      json_object_set_array_member (object, "time_minutes", range);
    }
  else
    json_object_set_null_member (object, "time_minutes");

  if (lk_trainer_get_steps_range (trainer, &low, &high, &open_ended))
    {
      JsonArray *range = json_array_new ();

      json_array_add_int_element (range, low);
      json_array_add_int_element (range, high);
      json_object_set_array_member (object, "steps_range", range);
      json_object_set_boolean_member (object, "steps_open_ended", open_ended);
    }
  else
    json_object_set_null_member (object, "steps_range");
  json_object_set_int_member (object, "default_steps", lk_trainer_get_default_steps (trainer));

  json_object_set_boolean_member (features, "auto_crop", lk_trainer_has_feature (trainer, LK_TRAINER_FEATURE_AUTO_CROP));
  json_object_set_boolean_member (features, "masks", lk_trainer_has_feature (trainer, LK_TRAINER_FEATURE_MASKS));
  json_object_set_boolean_member (features, "multiresolution",
                                  lk_trainer_has_feature (trainer, LK_TRAINER_FEATURE_MULTIRESOLUTION));
  json_object_set_boolean_member (features, "autocaption", lk_trainer_has_feature (trainer, LK_TRAINER_FEATURE_AUTOCAPTION));
  json_object_set_object_member (object, "features", features);
  json_object_set_array_member (object, "modes", strv_to_array (lk_trainer_get_modes (trainer)));

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(LkTrainerField) field = g_list_model_get_item (fields, i);

      json_array_add_object_element (inputs, field_to_object (field));
    }
  json_object_set_array_member (object, "inputs", inputs);
  json_object_set_array_member (object, "outputs", strv_to_array (lk_trainer_get_outputs (trainer)));
  set_nullable_string (object, "inference_endpoint", lk_trainer_get_inference_endpoint (trainer));

  json_object_set_string_member (price, "model", price_names[lk_trainer_get_price_model (trainer)]);
  if (lk_trainer_get_price_model (trainer) != LK_PRICE_UNKNOWN)
    json_object_set_double_member (price, "usd", lk_trainer_get_price_usd (trainer));
  else
    json_object_set_null_member (price, "usd");
  set_nullable_string (price, "note", lk_trainer_get_price_note (trainer));
  json_object_set_object_member (object, "price", price);

  json_object_set_int_member (dataset, "min_images", lk_trainer_get_min_images (trainer));
  json_object_set_int_member (dataset, "recommended_images", lk_trainer_get_recommended_images (trainer));
  set_nullable_string (dataset, "archive", lk_trainer_get_archive_format (trainer));
  json_object_set_array_member (dataset, "extensions", strv_to_array (lk_trainer_get_image_extensions (trainer)));
  json_object_set_boolean_member (dataset, "captions", lk_trainer_accepts_captions (trainer));
  json_object_set_boolean_member (dataset, "masks", lk_trainer_accepts_masks (trainer));
  json_object_set_object_member (object, "dataset", dataset);

  return object;
}

char *
lk_catalog_dup_trainers_json (LkCatalog *self)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  GListModel *trainers;

  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);

  trainers = lk_catalog_get_trainers (self);
  for (guint i = 0; i < g_list_model_get_n_items (trainers); i++)
    {
      g_autoptr(LkTrainer) trainer = g_list_model_get_item (trainers, i);

      json_array_add_object_element (array, trainer_to_object (trainer));
    }
  json_node_take_array (root, array);
  return to_text (root);
}

char *
lk_catalog_dup_presets_json (LkCatalog  *self,
                             GListModel *presets)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (presets), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (presets); i++)
    {
      g_autoptr(LkPreset) preset = g_list_model_get_item (presets, i);
      g_autoptr(JsonNode) node = _lk_preset_to_json (preset);
      JsonObject *object = json_node_get_object (node);
      g_autofree char *cost = lk_catalog_dup_preset_cost_line (self, preset);

      json_object_remove_member (object, "format");
      json_object_remove_member (object, "version");
      json_object_set_string_member (object, "id", lk_preset_get_id (preset));
      json_object_set_string_member (object, "source",
                                     lk_preset_get_source (preset) == LK_PRESET_SOURCE_BUILTIN ? "builtin" : "user");
      json_object_set_int_member (object, "steps", lk_catalog_get_preset_steps (self, preset));
      json_object_set_string_member (object, "cost", cost);
      json_object_set_array_member (object, "notes", strv_to_array (lk_preset_get_notes (preset)));
      json_array_add_object_element (array, json_object_ref (object));
    }
  json_node_take_array (root, array);
  return to_text (root);
}

char *
lk_comparison_dup_json (LkComparison *self)
{
  static const char * const section_names[] = { "overview", "seed", "computed" };
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *columns = json_array_new ();
  JsonArray *rows = json_array_new ();
  guint n_columns;

  g_return_val_if_fail (LK_IS_COMPARISON (self), NULL);

  n_columns = lk_comparison_get_n_columns (self);
  for (guint i = 0; i < n_columns; i++)
    {
      JsonObject *column = json_object_new ();

      json_object_set_string_member (column, "trainer", lk_trainer_get_id (lk_comparison_get_column (self, i)));
      json_object_set_int_member (column, "steps", lk_comparison_get_steps (self, i));
      json_array_add_object_element (columns, column);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self)); i++)
    {
      g_autoptr(LkComparisonRow) row = g_list_model_get_item (G_LIST_MODEL (self), i);
      JsonObject *row_object = json_object_new ();

      json_object_set_string_member (row_object, "id", lk_comparison_row_get_id (row));
      json_object_set_string_member (row_object, "section", section_names[lk_comparison_row_get_section (row)]);
      json_object_set_string_member (row_object, "label", lk_comparison_row_get_label (row));
      json_object_set_array_member (row_object, "cells", strv_to_array (lk_comparison_row_get_cells (row)));
      json_array_add_object_element (rows, row_object);
    }

  json_object_set_array_member (object, "columns", columns);
  json_object_set_array_member (object, "rows", rows);
  json_node_take_object (root, object);
  return to_text (root);
}
