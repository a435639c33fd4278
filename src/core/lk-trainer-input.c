/* lk-trainer-input.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validating values against a trainer's input schema, and building the JSON
 * body of fal's submit request.
 */

#define G_LOG_DOMAIN "lk-trainer-input"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-error.h"
#include "lk-trainer.h"

static gboolean
check_vardict (GVariant  *values,
               GError   **error)
{
  if (values != NULL && !g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE,
                           _("The values are not a set of named inputs."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_unknown_field_error (LkTrainer   *self,
                         const char  *name,
                         GError     **error)
{
  /* Translators: the first %s is an input name, the second a trainer id such as “fal-ai/flux-lora-portrait-trainer”. */
  g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_FIELD,
               _("“%s” is not an input of %s."), name, lk_trainer_get_id (self));
  return FALSE;
}

gboolean
lk_trainer_validate_values (LkTrainer  *self,
                            GVariant   *values,
                            GError    **error)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (LK_IS_TRAINER (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (!check_vardict (values, error))
    return FALSE;

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) owned = value;
      LkTrainerField *field = lk_trainer_lookup_field (self, key);
      g_autoptr(GVariant) checked = NULL;

      if (field == NULL)
        return set_unknown_field_error (self, key, error);

      checked = lk_trainer_field_validate (field, value, error);
      if (checked == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
merge (GVariantDict *dict,
       GVariant     *values)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (values == NULL)
    return;

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    g_variant_dict_insert_value (dict, key, value);
}

static gboolean
set_role (LkTrainer     *self,
          GVariantDict  *dict,
          LkTrainerRole  role,
          const char    *value,
          gboolean       replace)
{
  const char *name = lk_trainer_get_input_name (self, role);

  if (name == NULL || value == NULL)
    return FALSE;
  if (!replace && g_variant_dict_contains (dict, name))
    return TRUE;
  g_variant_dict_insert_value (dict, name, g_variant_new_string (value));
  return TRUE;
}

/**
 * lk_trainer_build_input:
 * @self: a #LkTrainer
 * @preset_values: (nullable): a{sv}
 * @overrides: (nullable): a{sv}, applied last
 * @mode: (nullable): the seed's mode name ("style", "product", …)
 * @dataset_url: (nullable): goes under the trainer's own dataset input
 * @trigger: (nullable): goes under the trainer's trigger input (or the
 *   default caption, or into the comment fal requires)
 * @error: return location for a #GError naming the bad input
 *
 * Returns: (transfer full) (nullable): compact JSON text, inputs in schema
 *   order
 */
char *
lk_trainer_build_input (LkTrainer   *self,
                        GVariant    *preset_values,
                        GVariant    *overrides,
                        const char  *mode,
                        const char  *dataset_url,
                        const char  *trigger,
                        GError     **error)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) base = NULL;
  g_autoptr(GVariant) mode_values = NULL;
  g_autoptr(GVariant) merged = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *fields;

  g_return_val_if_fail (LK_IS_TRAINER (self), NULL);

  if (!check_vardict (preset_values, error) || !check_vardict (overrides, error))
    return NULL;

  base = _lk_trainer_get_adapter_base (self);
  merge (&dict, base);
  merge (&dict, preset_values);

  if (mode != NULL)
    {
      const char * const *modes = lk_trainer_get_modes (self);

      mode_values = _lk_trainer_get_mode_values (self, mode);
      if (mode_values == NULL && (modes == NULL || !g_strv_contains (modes, mode)))
        {
          /* Translators: the first %s is a training mode such as “style”, the second a trainer id. */
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE,
                       _("The mode “%s” is not available on %s."), mode, lk_trainer_get_id (self));
          return NULL;
        }
      merge (&dict, mode_values);
    }

  merge (&dict, overrides);

  set_role (self, &dict, LK_TRAINER_ROLE_DATASET_URL, dataset_url, TRUE);
  if (trigger != NULL && *trigger != '\0')
    {
      g_autofree char *comment = g_strdup_printf ("Likeness %s", trigger);

      /* A trainer without a trigger input (FLUX.2) gets it as the default
       * caption, so that uncaptioned images still train. */
      if (!set_role (self, &dict, LK_TRAINER_ROLE_TRIGGER, trigger, TRUE))
        set_role (self, &dict, LK_TRAINER_ROLE_CAPTION, trigger, FALSE);
      set_role (self, &dict, LK_TRAINER_ROLE_COMMENT, comment, FALSE);
    }
  else
    set_role (self, &dict, LK_TRAINER_ROLE_COMMENT, "Likeness", FALSE);

  merged = g_variant_ref_sink (g_variant_dict_end (&dict));
  if (!lk_trainer_validate_values (self, merged, error))
    return NULL;

  /* Emit in schema order, so the body is the same from run to run. */
  body = json_object_new ();
  fields = _lk_trainer_get_field_array (self);
  for (guint i = 0; i < fields->len; i++)
    {
      LkTrainerField *field = g_ptr_array_index (fields, i);
      const char *name = lk_trainer_field_get_name (field);
      g_autoptr(GVariant) value = g_variant_lookup_value (merged, name, NULL);
      g_autoptr(GVariant) checked = NULL;

      if (value == NULL)
        {
          if (lk_trainer_field_is_required (field))
            {
              /* Translators: %s is an input name such as “images_data_url”. */
              g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MISSING_FIELD,
                           _("“%s” is required."), name);
              return NULL;
            }
          continue;
        }

      checked = lk_trainer_field_validate (field, value, error);
      if (checked == NULL)
        return NULL;
      json_object_set_member (body, name, _lk_variant_to_json_node (checked));
    }

  root = json_node_init_object (json_node_alloc (), body);
  return _lk_json_to_string (root, FALSE);
}
