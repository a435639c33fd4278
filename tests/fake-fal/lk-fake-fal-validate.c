/* lk-fake-fal-validate.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-validate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-fake-fal-private.h"

/* Input schemas of shared/fal-protocol.md §6, checked the way the real
 * runners' Pydantic models answer: a 422 `detail` list with `loc`, `msg`,
 * `type` and, for ranges and choices, `ctx`. */

typedef enum
{
  T_STRING,
  T_INT,
  T_NUMBER,
  T_BOOL,
  T_CHOICE,      /* string from choices */
  T_INT_CHOICE,  /* integer from choices */
  T_LORAS,
  T_IMAGE_SIZE,
} FieldType;

typedef struct
{
  const char *name;
  FieldType   type;
  gboolean    required;
  gboolean    has_range;
  double      min;
  gboolean    min_exclusive;
  double      max;
  const char *choices;   /* '|'-separated */
} FieldSpec;

typedef struct
{
  const char      *app;
  FakeAppKind      kind;
  gboolean         trainer;
  const char      *dataset_field;
  gint             default_steps;
  const char      *steps_field;
  const FieldSpec *fields;
} AppSpec;

#define END { NULL, 0, FALSE, FALSE, 0, FALSE, 0, NULL }
#define STEPS(name) { name, T_INT, FALSE, TRUE, 1, FALSE, 10000, NULL }
#define LEARNING_RATE { "learning_rate", T_NUMBER, FALSE, TRUE, 0, TRUE, 1, NULL }

static const FieldSpec portrait_fields[] = {
  { "images_data_url", T_STRING, TRUE },
  { "trigger_phrase", T_STRING },
  LEARNING_RATE,
  STEPS ("steps"),
  { "multiresolution_training", T_BOOL },
  { "subject_crop", T_BOOL },
  { "create_masks", T_BOOL },
  { "data_archive_format", T_STRING },
  { "resume_from_checkpoint", T_STRING },
  END
};

static const FieldSpec fast_fields[] = {
  { "images_data_url", T_STRING, TRUE },
  { "trigger_word", T_STRING },
  { "create_masks", T_BOOL },
  STEPS ("steps"),
  { "is_style", T_BOOL },
  { "is_input_format_already_preprocessed", T_BOOL },
  { "data_archive_format", T_STRING },
  END
};

static const FieldSpec turbo_fields[] = {
  { "images_data_url", T_STRING, TRUE },
  { "trigger_phrase", T_STRING },
  STEPS ("steps"),
  LEARNING_RATE,
  { "training_style", T_CHOICE, .choices = "subject|style" },
  { "face_crop", T_BOOL },
  END
};

static const FieldSpec flux2_fields[] = {
  { "image_data_url", T_STRING, TRUE },
  STEPS ("steps"),
  LEARNING_RATE,
  { "default_caption", T_STRING },
  { "output_lora_format", T_CHOICE, .choices = "fal|comfy" },
  END
};

static const FieldSpec pro_fields[] = {
  { "data_url", T_STRING, TRUE },
  { "finetune_comment", T_STRING, TRUE },
  { "mode", T_CHOICE, .choices = "character|product|style|general" },
  STEPS ("iterations"),
  LEARNING_RATE,
  { "priority", T_CHOICE, .choices = "speed|quality|high_res_only" },
  { "captioning", T_BOOL },
  { "trigger_word", T_STRING },
  { "lora_rank", T_INT_CHOICE, .choices = "16|32" },
  { "finetune_type", T_CHOICE, .choices = "full|lora" },
  END
};

static const FieldSpec flux_lora_fields[] = {
  { "prompt", T_STRING, TRUE },
  { "loras", T_LORAS },
  { "image_size", T_IMAGE_SIZE },
  { "num_inference_steps", T_INT, FALSE, TRUE, 1, FALSE, 50 },
  { "guidance_scale", T_NUMBER, FALSE, TRUE, 0, FALSE, 35 },
  { "num_images", T_INT, FALSE, TRUE, 1, FALSE, 4 },
  { "seed", T_INT },
  { "enable_safety_checker", T_BOOL },
  { "output_format", T_CHOICE, .choices = "jpeg|png" },
  { "acceleration", T_CHOICE, .choices = "none|regular" },
  { "sync_mode", T_BOOL },
  END
};

static const FieldSpec ultra_fields[] = {
  { "prompt", T_STRING, TRUE },
  { "finetune_id", T_STRING, TRUE },
  { "finetune_strength", T_NUMBER, TRUE, TRUE, 0, FALSE, 2 },
  { "aspect_ratio", T_STRING },
  { "num_images", T_INT, FALSE, TRUE, 1, FALSE, 4 },
  { "output_format", T_CHOICE, .choices = "jpeg|png" },
  { "safety_tolerance", T_CHOICE, .choices = "1|2|3|4|5|6" },
  { "enhance_prompt", T_BOOL },
  { "raw", T_BOOL },
  { "image_url", T_STRING },
  { "image_prompt_strength", T_NUMBER, FALSE, TRUE, 0, FALSE, 1 },
  { "seed", T_INT },
  { "sync_mode", T_BOOL },
  END
};

static const AppSpec app_specs[] = {
  { "fal-ai/flux-lora-portrait-trainer", FAKE_APP_LORA_TRAINER, TRUE, "images_data_url", 2500, "steps", portrait_fields },
  { "fal-ai/flux-lora-fast-training", FAKE_APP_LORA_TRAINER, TRUE, "images_data_url", 1000, "steps", fast_fields },
  { "fal-ai/turbo-flux-trainer", FAKE_APP_LORA_TRAINER, TRUE, "images_data_url", 1000, "steps", turbo_fields },
  { "fal-ai/flux-2-trainer", FAKE_APP_LORA_TRAINER, TRUE, "image_data_url", 1000, "steps", flux2_fields },
  { "fal-ai/flux-pro-trainer", FAKE_APP_PRO_TRAINER, TRUE, "data_url", 300, "iterations", pro_fields },
  { "fal-ai/flux-lora", FAKE_APP_INFERENCE, FALSE, NULL, 28, "num_inference_steps", flux_lora_fields },
  { "fal-ai/flux-pro/v1.1-ultra-finetuned", FAKE_APP_INFERENCE, FALSE, NULL, 28, NULL, ultra_fields },
  { "fal-ai/flux-2/lora", FAKE_APP_INFERENCE, FALSE, NULL, 28, "num_inference_steps", flux_lora_fields },
};

static const char *const known_apps[] = {
  "fal-ai/flux-lora-portrait-trainer",
  "fal-ai/flux-lora-fast-training",
  "fal-ai/turbo-flux-trainer",
  "fal-ai/flux-2-trainer",
  "fal-ai/flux-pro-trainer",
  "fal-ai/flux-lora",
  "fal-ai/flux-pro/v1.1-ultra-finetuned",
  "fal-ai/flux-2/lora",
  NULL
};

const char *const *
_lk_fake_fal_known_apps (void)
{
  return known_apps;
}

static const AppSpec *
find_spec (const char *app)
{
  for (guint i = 0; i < G_N_ELEMENTS (app_specs); i++)
    if (g_str_equal (app_specs[i].app, app))
      return &app_specs[i];

  return NULL;
}

FakeAppKind
_lk_fake_fal_app_kind (const char *app)
{
  const AppSpec *spec = find_spec (app);

  if (spec != NULL)
    return spec->kind;
  if (strstr (app, "train") != NULL)
    return FAKE_APP_LORA_TRAINER;

  return FAKE_APP_GENERIC;
}

const char *
_lk_fake_fal_dataset_field (const char *app)
{
  const AppSpec *spec = find_spec (app);

  return spec != NULL ? spec->dataset_field : NULL;
}

gint64
_lk_fake_fal_steps (const char *app,
                    JsonNode   *input)
{
  const AppSpec *spec = find_spec (app);
  JsonObject *object;
  JsonNode *node;

  if (spec == NULL)
    return 1000;
  if (spec->steps_field == NULL || input == NULL || !JSON_NODE_HOLDS_OBJECT (input))
    return spec->default_steps;

  object = json_node_get_object (input);
  node = json_object_get_member (object, spec->steps_field);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) > 0)
    return json_node_get_int (node);

  return spec->default_steps;
}

static void
add_error (JsonArray  *errors,
           const char *field,
           const char *msg,
           const char *type,
           JsonNode   *input,
           JsonObject *ctx)
{
  JsonObject *entry = json_object_new ();
  JsonArray *loc = json_array_new ();
  g_autofree char *url = g_strdup_printf ("https://docs.fal.ai/errors/#%s", type);

  json_array_add_string_element (loc, "body");
  if (field != NULL)
    json_array_add_string_element (loc, field);
  json_object_set_array_member (entry, "loc", loc);
  json_object_set_string_member (entry, "msg", msg);
  json_object_set_string_member (entry, "type", type);
  json_object_set_string_member (entry, "url", url);
  if (input != NULL)
    json_object_set_member (entry, "input", json_node_copy (input));
  if (ctx != NULL)
    json_object_set_object_member (entry, "ctx", ctx);
  json_array_add_object_element (errors, entry);
}

static gboolean
value_is (JsonNode *node,
          GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
get_number (JsonNode *node,
            double   *out)
{
  if (value_is (node, G_TYPE_INT64))
    *out = json_node_get_int (node);
  else if (value_is (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static char *
choices_text (const char *choices,
              gboolean    quote)
{
  g_auto(GStrv) parts = g_strsplit (choices, "|", -1);
  GString *text = g_string_new (NULL);
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == n ? " or " : ", ");
      g_string_append_printf (text, quote ? "'%s'" : "%s", parts[i]);
    }

  return g_string_free (text, FALSE);
}

static gboolean
in_choices (const char *choices,
            const char *value)
{
  g_auto(GStrv) parts = g_strsplit (choices, "|", -1);

  return g_strv_contains ((const char *const *) parts, value);
}

static void
check_range (JsonArray       *errors,
             const FieldSpec *field,
             JsonNode        *node,
             double           value)
{
  JsonObject *ctx;
  g_autofree char *msg = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (!field->has_range)
    return;

  if (field->min_exclusive ? value <= field->min : value < field->min)
    {
      const char *op = field->min_exclusive ? "gt" : "ge";

      ctx = json_object_new ();
      g_ascii_formatd (number, sizeof number, "%g", field->min);
      if (field->type == T_INT)
        json_object_set_int_member (ctx, op, (gint64) field->min);
      else
        json_object_set_double_member (ctx, op, field->min);
      msg = g_strdup_printf ("Input should be greater than %s%s",
                             field->min_exclusive ? "" : "or equal to ", number);
      add_error (errors, field->name, msg,
                 field->min_exclusive ? "greater_than" : "greater_than_equal", node, ctx);
    }
  else if (value > field->max)
    {
      ctx = json_object_new ();
      g_ascii_formatd (number, sizeof number, "%g", field->max);
      if (field->type == T_INT)
        json_object_set_int_member (ctx, "le", (gint64) field->max);
      else
        json_object_set_double_member (ctx, "le", field->max);
      msg = g_strdup_printf ("Input should be less than or equal to %s", number);
      add_error (errors, field->name, msg, "less_than_equal", node, ctx);
    }
}

static void
check_field (JsonArray       *errors,
             const FieldSpec *field,
             JsonNode        *node)
{
  double number;

  switch (field->type)
    {
    case T_STRING:
      if (!value_is (node, G_TYPE_STRING))
        add_error (errors, field->name, "Input should be a valid string", "string_type", node, NULL);
      break;

    case T_BOOL:
      if (!value_is (node, G_TYPE_BOOLEAN))
        add_error (errors, field->name, "Input should be a valid boolean", "bool_type", node, NULL);
      break;

    case T_INT:
      if (!get_number (node, &number) || number != floor (number))
        add_error (errors, field->name, "Input should be a valid integer", "int_type", node, NULL);
      else
        check_range (errors, field, node, number);
      break;

    case T_NUMBER:
      if (!get_number (node, &number))
        add_error (errors, field->name, "Input should be a valid number", "float_type", node, NULL);
      else
        check_range (errors, field, node, number);
      break;

    case T_CHOICE:
    case T_INT_CHOICE:
      {
        g_autofree char *expected = choices_text (field->choices, field->type == T_CHOICE);
        g_autofree char *value = NULL;

        if (field->type == T_CHOICE && value_is (node, G_TYPE_STRING))
          value = g_strdup (json_node_get_string (node));
        else if (field->type == T_INT_CHOICE && value_is (node, G_TYPE_INT64))
          value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

        if (value == NULL || !in_choices (field->choices, value))
          {
            g_autofree char *msg = g_strdup_printf ("Input should be %s", expected);
            JsonObject *ctx = json_object_new ();

            json_object_set_string_member (ctx, "expected", expected);
            add_error (errors, field->name, msg, "literal_error", node, ctx);
          }
      }
      break;

    case T_LORAS:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          add_error (errors, field->name, "Input should be a valid list", "list_type", node, NULL);
          break;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (node), i);
          JsonNode *path;

          if (!JSON_NODE_HOLDS_OBJECT (item) ||
              (path = json_object_get_member (json_node_get_object (item), "path")) == NULL ||
              !value_is (path, G_TYPE_STRING))
            add_error (errors, field->name, "Each LoRA needs a string \"path\"", "missing", item, NULL);
        }
      break;

    case T_IMAGE_SIZE:
      if (value_is (node, G_TYPE_STRING))
        {
          const char *sizes = "square_hd|square|portrait_4_3|portrait_16_9|landscape_4_3|landscape_16_9";

          if (!in_choices (sizes, json_node_get_string (node)))
            add_error (errors, field->name, "Input should be a known image size name",
                       "literal_error", node, NULL);
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *size = json_node_get_object (node);
          JsonNode *w = json_object_get_member (size, "width");
          JsonNode *h = json_object_get_member (size, "height");

          if (w == NULL || h == NULL || !value_is (w, G_TYPE_INT64) || !value_is (h, G_TYPE_INT64) ||
              json_node_get_int (w) < 1 || json_node_get_int (w) > 14142 ||
              json_node_get_int (h) < 1 || json_node_get_int (h) > 14142)
            add_error (errors, field->name, "Image size needs integer width and height",
                       "model_attributes_type", node, NULL);
        }
      else
        {
          add_error (errors, field->name, "Input should be a valid image size", "union_type", node, NULL);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Returns a 422 `detail` list, or NULL when @input is acceptable. */
JsonNode *
_lk_fake_fal_validate_input (LkFakeFal  *self,
                             const char *app,
                             JsonNode   *input)
{
  const AppSpec *spec = find_spec (app);
  g_autoptr(JsonArray) errors = json_array_new ();
  JsonObject *object;
  JsonNode *result;

  if (input == NULL || !JSON_NODE_HOLDS_OBJECT (input))
    {
      add_error (errors, NULL, "Input should be a valid dictionary", "dict_type", NULL, NULL);
      goto out;
    }
  if (spec == NULL)
    return NULL;

  object = json_node_get_object (input);
  for (const FieldSpec *field = spec->fields; field->name != NULL; field++)
    {
      JsonNode *node = json_object_get_member (object, field->name);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          if (field->required)
            add_error (errors, field->name, "Field required", "missing", input, NULL);
          continue;
        }
      check_field (errors, field, node);
    }

  if (spec->trainer && self->reject_unknown_fields)
    {
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          gboolean known = FALSE;

          for (const FieldSpec *field = spec->fields; field->name != NULL; field++)
            known = known || g_str_equal (field->name, l->data);
          if (!known)
            add_error (errors, l->data, "Extra inputs are not permitted", "extra_forbidden",
                       json_object_get_member (object, l->data), NULL);
        }
    }

out:
  if (json_array_get_length (errors) == 0)
    return NULL;

  result = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (result, errors);
  return result;
}
