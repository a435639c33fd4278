/* lk-job-prompt.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-prompt"

#include "config.h"

#include <json-glib/json-glib.h>

#include "lk-catalog-enums.h"
#include "lk-fal-json-private.h"
#include "lk-job-private.h"


static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/**
 * lk_job_dup_trigger:
 * @self: a job
 *
 * Returns: (transfer full) (nullable): the trigger the job trained, as
 *   given in its input
 */
char *
lk_job_dup_trigger (LkJob *self)
{
  g_autoptr(JsonObject) inputs = NULL;
  const char *name;

  g_return_val_if_fail (LK_IS_JOB (self), NULL);

  inputs = parse_object (self->record->inputs_json);
  name = _lk_job_input_name (self, LK_TRAINER_ROLE_TRIGGER);
  if (inputs == NULL || name == NULL)
    return NULL;

  return g_strdup (json_object_get_string_member_with_default (inputs, name, NULL));
}

/**
 * lk_job_dup_prompt:
 * @self: a job
 *
 * Returns: (transfer full): the prompt to use with the trained model: the
 *   trigger in a plain sentence that suits the subject
 */
char *
lk_job_dup_prompt (LkJob *self)
{
  g_autofree char *trigger = NULL;

  g_return_val_if_fail (LK_IS_JOB (self), NULL);

  trigger = lk_job_dup_trigger (self);
  if (trigger == NULL)
    trigger = g_strdup ("TOK");

  /* The prompt stays English on purpose: FLUX reads English prompts. */
  return g_strdup_printf ("a photo of %s", trigger);
}

/**
 * lk_job_dup_lora_url:
 * @self: a job
 *
 * Returns: (transfer full) (nullable): the URL of the trained LoRA weights
 *   at fal, from the stored result
 */
char *
lk_job_dup_lora_url (LkJob *self)
{
  g_autoptr(JsonObject) result = NULL;
  JsonNode *node;

  g_return_val_if_fail (LK_IS_JOB (self), NULL);

  result = parse_object (self->record->result_json);
  if (result == NULL)
    return NULL;
  node = json_object_get_member (result, "diffusers_lora_file");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return g_strdup (_lk_fal_json_get_string (json_node_get_object (node), "url"));
}
