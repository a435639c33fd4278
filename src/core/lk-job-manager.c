/* lk-job-manager.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-manager"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "lk-catalog-enums.h"
#include "lk-catalog.h"
#include "lk-error.h"
#include "lk-fal-client.h"
#include "lk-fal-json-private.h"
#include "lk-job-manager.h"
#include "lk-job-private.h"
#include "lk-preset.h"
#include "lk-trainer-field.h"
#include "lk-trainer.h"
#include "lk-trigger.h"
#include "lk-util.h"

/*
 * LkJobManager owns the LkJob objects of one process.
 *
 * On start, lk_job_manager_load_async() reads the unfinished jobs from the
 * store. Those fal knows (queued, running, downloading, or submitted with a
 * request id) are attached to again at once: their status with the logs
 * fal still has, then the stream. Those that died in a local phase
 * (preparing, packing, uploading) are returned but not started: the front
 * end offers them, and lk_job_start() runs them again. That is safe: the
 * record keeps its idempotency key, and the store's claim lets a job be
 * submitted only once, whichever process gets there first.
 */

struct _LkJobManager
{
  GObject       parent_instance;

  LkFalClient  *client;            /* (owned) */
  LkJobStore   *store;             /* (owned) */
  GListStore   *jobs;              /* (owned) (element-type LkJob) */
  LkCatalog    *catalog;           /* (owned) (nullable) */
  char         *download_folder;   /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (LkJobManager, lk_job_manager, G_TYPE_OBJECT)

/* The dataset's URL is known only after the upload; until then the input
 * carries this, which LkJob replaces at submit. */
#define PENDING_DATASET_URL "https://pending.invalid/dataset.zip"

static void
lk_job_manager_finalize (GObject *object)
{
  LkJobManager *self = (LkJobManager *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->jobs);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->download_folder, g_free);

  G_OBJECT_CLASS (lk_job_manager_parent_class)->finalize (object);
}

static void
lk_job_manager_class_init (LkJobManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_job_manager_finalize;
}

static void
lk_job_manager_init (LkJobManager *self)
{
  self->jobs = g_list_store_new (LK_TYPE_JOB);
}

/**
 * lk_job_manager_new:
 * @client: the fal client the jobs use
 * @store: the job store
 *
 * Returns: (transfer full): a manager with no jobs yet
 */
LkJobManager *
lk_job_manager_new (LkFalClient *client,
                    LkJobStore  *store)
{
  LkJobManager *self;

  g_return_val_if_fail (LK_IS_FAL_CLIENT (client), NULL);
  g_return_val_if_fail (LK_IS_JOB_STORE (store), NULL);

  self = g_object_new (LK_TYPE_JOB_MANAGER, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  return self;
}

LkFalClient *
lk_job_manager_get_client (LkJobManager *self)
{
  g_return_val_if_fail (LK_IS_JOB_MANAGER (self), NULL);
  return self->client;
}

LkJobStore *
lk_job_manager_get_store (LkJobManager *self)
{
  g_return_val_if_fail (LK_IS_JOB_MANAGER (self), NULL);
  return self->store;
}

GListModel *
lk_job_manager_get_jobs (LkJobManager *self)
{
  g_return_val_if_fail (LK_IS_JOB_MANAGER (self), NULL);
  return G_LIST_MODEL (self->jobs);
}

/**
 * lk_job_manager_lookup:
 * @self: a manager
 * @job_id: a job id
 *
 * Returns: (transfer none) (nullable): the job of this process with that id
 */
LkJob *
lk_job_manager_lookup (LkJobManager *self,
                       gint64        job_id)
{
  guint n;

  g_return_val_if_fail (LK_IS_JOB_MANAGER (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);

      if (lk_job_get_id (job) == job_id)
        return job;
    }
  return NULL;
}

/**
 * lk_job_manager_set_download_folder:
 * @self: a manager
 * @folder: (nullable): where results go; %NULL for the default
 */
void
lk_job_manager_set_download_folder (LkJobManager *self,
                                    const char   *folder)
{
  g_return_if_fail (LK_IS_JOB_MANAGER (self));
  lk_set_str (&self->download_folder, folder);
}

static LkJob *
adopt (LkJobManager *self,
       LkJobRecord  *record)
{
  LkJob *job = lk_job_manager_lookup (self, record->id);

  if (job != NULL)
    return g_object_ref (job);

  job = lk_job_new (self->client, self->store, record);
  lk_job_set_download_folder (job, self->download_folder);
  g_list_store_append (self->jobs, job);
  return job;
}

static LkCatalog *
get_catalog (LkJobManager  *self,
             GError       **error)
{
  if (self->catalog == NULL)
    self->catalog = lk_catalog_new (error);
  return self->catalog;
}

static LkTrainer *
lookup_trainer (LkJobManager  *self,
                const char    *trainer_id,
                GError       **error)
{
  LkCatalog *catalog = get_catalog (self, error);
  LkTrainer *trainer;

  if (catalog == NULL)
    return NULL;

  trainer = trainer_id != NULL ? lk_catalog_lookup_trainer (catalog, trainer_id) : NULL;
  if (trainer == NULL)
    g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_TRAINER,
                 /* Translators: %s is what the person typed as a trainer id. */
                 _("There is no trainer “%s”."), trainer_id ? trainer_id : "");
  return trainer;
}

/**
 * lk_job_manager_parse_setting:
 * @self: a manager
 * @trainer_id: the trainer
 * @name: an input name of that trainer
 * @text: the value as typed, e.g. "1000", "true" or "0.0002"
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the value typed for the input, or %NULL
 */
GVariant *
lk_job_manager_parse_setting (LkJobManager  *self,
                              const char    *trainer_id,
                              const char    *name,
                              const char    *text,
                              GError       **error)
{
  LkTrainer *trainer;
  LkTrainerField *field;
  g_autoptr(GVariant) value = NULL;
  char *end = NULL;

  g_return_val_if_fail (LK_IS_JOB_MANAGER (self), NULL);
  g_return_val_if_fail (name != NULL && text != NULL, NULL);

  trainer = lookup_trainer (self, trainer_id, error);
  if (trainer == NULL)
    return NULL;

  field = lk_trainer_lookup_field (trainer, name);
  if (field == NULL)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_FIELD,
                   /* Translators: the first %s is an input name, the second a trainer id. */
                   _("%s has no input “%s”."), trainer_id, name);
      return NULL;
    }

  switch (lk_trainer_field_get_field_type (field))
    {
    case LK_FIELD_TYPE_INT:
      {
        gint64 v = g_ascii_strtoll (text, &end, 10);

        if (end != NULL && *end == '\0' && end != text)
          value = g_variant_ref_sink (g_variant_new_int64 (v));
      }
      break;

    case LK_FIELD_TYPE_NUMBER:
      {
        double v = g_ascii_strtod (text, &end);

        if (end != NULL && *end == '\0' && end != text)
          value = g_variant_ref_sink (g_variant_new_double (v));
      }
      break;

    case LK_FIELD_TYPE_BOOL:
      if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1") ||
          g_ascii_strcasecmp (text, "yes") == 0)
        value = g_variant_ref_sink (g_variant_new_boolean (TRUE));
      else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0") ||
               g_ascii_strcasecmp (text, "no") == 0)
        value = g_variant_ref_sink (g_variant_new_boolean (FALSE));
      break;

    case LK_FIELD_TYPE_STRING:
    case LK_FIELD_TYPE_URL:
    case LK_FIELD_TYPE_ENUM:
    default:
      value = g_variant_ref_sink (g_variant_new_string (text));
      break;
    }

  if (value == NULL)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE,
                   /* Translators: the first %s is a value as typed, the second an input name. */
                   _("“%s” is not a valid value for %s."), text, name);
      return NULL;
    }

  return lk_trainer_field_validate (field, value, error);
}

static char *
sources_to_json (GFile * const *sources,
                 guint          n_sources)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_sources; i++)
    {
      g_autofree char *uri = g_file_get_uri (sources[i]);

      json_builder_add_string_value (builder, uri);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * lk_job_manager_build_record:
 * @self: a manager
 * @trainer_id: the fal trainer, e.g. "fal-ai/flux-lora-portrait-trainer"
 * @preset_id: (nullable): a built-in preset of that trainer
 * @overrides: (nullable): a{sv} of input values over the preset's
 * @sources: (array length=n_sources): the dataset's images and folders
 * @n_sources: the number of @sources
 * @name: (nullable): what the person calls the job; the folder's name if %NULL
 * @error: return location for a #GError
 *
 * Builds a new job's record: the input (validated against the trainer's
 * schema; the dataset URL is filled in after the upload), a fresh trigger
 * unless @overrides sets one, the sources, and the cost estimate. Nothing
 * is stored; see lk_job_manager_add_async().
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
LkJobRecord *
lk_job_manager_build_record (LkJobManager  *self,
                             const char    *trainer_id,
                             const char    *preset_id,
                             GVariant      *overrides,
                             GFile * const *sources,
                             guint          n_sources,
                             const char    *name,
                             GError       **error)
{
  g_autoptr(LkJobRecord) record = NULL;
  g_autofree char *trigger = NULL;
  LkTrainer *trainer;
  LkPreset *preset = NULL;
  GVariant *preset_values = NULL;
  const char *trigger_name;
  const char *steps_name;
  gint64 steps = 0;
  double usd;

  g_return_val_if_fail (LK_IS_JOB_MANAGER (self), NULL);
  g_return_val_if_fail (n_sources == 0 || sources != NULL, NULL);

  trainer = lookup_trainer (self, trainer_id, error);
  if (trainer == NULL)
    return NULL;

  if (n_sources == 0)
    {
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_EMPTY,
                           _("Give at least one image or folder to train on."));
      return NULL;
    }

  if (preset_id != NULL)
    {
      preset = lk_catalog_lookup_preset (self->catalog, preset_id);
      if (preset == NULL || g_strcmp0 (lk_preset_get_trainer_id (preset), trainer_id) != 0)
        {
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_FIELD,
                       /* Translators: the first %s is a preset id, the second a trainer id. */
                       _("There is no preset “%s” for %s."), preset_id, trainer_id);
          return NULL;
        }
      preset_values = lk_preset_get_values (preset);
    }
  else if ((preset = lk_catalog_get_optimal_preset (self->catalog, trainer_id)) != NULL)
    {
      /* Without a choice, the seed's optimal settings, not fal's bare defaults. */
      preset_id = lk_preset_get_id (preset);
      preset_values = lk_preset_get_values (preset);
    }

  trigger_name = lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_TRIGGER);
  if (trigger_name == NULL || overrides == NULL ||
      !g_variant_lookup (overrides, trigger_name, "s", &trigger))
    trigger = lk_trigger_new ();

  record = lk_job_record_new ();
  record->inputs_json = lk_trainer_build_input (trainer, preset_values, overrides, NULL,
                                                PENDING_DATASET_URL, trigger, error);
  if (record->inputs_json == NULL)
    return NULL;

  record->trainer = g_strdup (trainer_id);
  record->endpoint = g_strdup (trainer_id);
  record->preset = g_strdup (preset_id);
  record->sources_json = sources_to_json (sources, n_sources);
  if (name != NULL && *name != '\0')
    record->name = g_strdup (name);
  else
    record->name = g_file_get_basename (sources[0]);

  steps_name = lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_STEPS);
  if (steps_name != NULL && overrides != NULL && g_variant_lookup (overrides, steps_name, "x", &steps))
    ;
  else if (steps_name != NULL && preset_values != NULL && g_variant_lookup (preset_values, steps_name, "x", &steps))
    ;
  else
    steps = lk_trainer_get_default_steps (trainer);

  if (lk_trainer_estimate_cost (trainer, (guint) CLAMP (steps, 0, G_MAXUINT), &usd))
    record->cost_estimate = usd;

  return g_steal_pointer (&record);
}

/**
 * lk_job_manager_build_continuation:
 * @self: a manager
 * @done: a finished job whose trainer accepts `resume_from_checkpoint`
 * @steps: the steps of the new run, or 0 to keep the old number
 * @error: return location for a #GError
 *
 * Builds a job that continues training from @done's LoRA, on the same data.
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
LkJobRecord *
lk_job_manager_build_continuation (LkJobManager       *self,
                                   const LkJobRecord  *done,
                                   guint               steps,
                                   GError            **error)
{
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) result_parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  LkTrainer *trainer;
  JsonNode *root;
  JsonNode *lora;
  const char *lora_url = NULL;
  const char *steps_name;

  g_return_val_if_fail (LK_IS_JOB_MANAGER (self), NULL);
  g_return_val_if_fail (done != NULL, NULL);

  trainer = lookup_trainer (self, done->trainer, error);
  if (trainer == NULL)
    return NULL;

  if (lk_trainer_lookup_field (trainer, "resume_from_checkpoint") == NULL)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_FIELD,
                   /* Translators: %s is a trainer's name. */
                   _("%s cannot continue a training from a checkpoint."), lk_trainer_get_name (trainer));
      return NULL;
    }

  if (done->phase != LK_JOB_PHASE_DONE || done->result_json == NULL ||
      !json_parser_load_from_data (result_parser, done->result_json, -1, NULL) ||
      (root = json_parser_get_root (result_parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (lora = json_object_get_member (json_node_get_object (root), "diffusers_lora_file")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (lora) ||
      (lora_url = _lk_fal_json_get_string (json_node_get_object (lora), "url")) == NULL)
    {
      g_set_error_literal (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND,
                           _("Only a finished training with a LoRA file can be continued."));
      return NULL;
    }

  if (done->inputs_json == NULL ||
      !json_parser_load_from_data (parser, done->inputs_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LK_STORE_ERROR, LK_STORE_ERROR_CORRUPT,
                           _("The job's stored input is not a JSON object."));
      return NULL;
    }

  json_object_set_string_member (json_node_get_object (root), "resume_from_checkpoint", lora_url);
  steps_name = lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_STEPS);
  if (steps > 0 && steps_name != NULL)
    json_object_set_int_member (json_node_get_object (root), steps_name, steps);
  json_generator_set_root (generator, root);

  record = lk_job_record_new ();
  /* Translators: %s is the name of the training that is continued. */
  record->name = g_strdup_printf (_("%s (continued)"), done->name ? done->name : "");
  record->parent_id = done->id;
  record->trainer = g_strdup (done->trainer);
  record->endpoint = g_strdup (done->endpoint);
  record->preset = g_strdup (done->preset);
  record->inputs_json = json_generator_to_data (generator, NULL);
  record->sources_json = g_strdup (done->sources_json);
  record->dataset_hash = g_strdup (done->dataset_hash);
  if (steps > 0)
    {
      double usd;

      if (lk_trainer_estimate_cost (trainer, steps, &usd))
        record->cost_estimate = usd;
    }
  else
    record->cost_estimate = done->cost_estimate;

  return g_steal_pointer (&record);
}

/* Adding */

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkJobManager *self = g_task_get_source_object (task);
  g_autoptr(LkJobRecord) record = NULL;
  GError *error = NULL;

  record = lk_job_store_insert_finish (LK_JOB_STORE (object), result, &error);
  if (record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, adopt (self, record), g_object_unref);
}

/**
 * lk_job_manager_add_async:
 * @self: a manager
 * @record: a record from lk_job_manager_build_record()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the job
 * @user_data: data for @callback
 *
 * Writes the job down (with its idempotency key, before anything is sent)
 * and makes its LkJob. Start it with lk_job_start().
 */
void
lk_job_manager_add_async (LkJobManager        *self,
                          const LkJobRecord   *record,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_JOB_MANAGER (self));
  g_return_if_fail (record != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_job_manager_add_async);
  lk_job_store_insert_async (self->store, record, cancellable, add_cb, g_steal_pointer (&task));
}

/**
 * lk_job_manager_add_finish:
 * @self: a manager
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new job, not started
 */
LkJob *
lk_job_manager_add_finish (LkJobManager  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_job_manager_add_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Loading */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkJobManager *self = g_task_get_source_object (task);
  gboolean reattach = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  records = lk_job_store_list_finish (LK_JOB_STORE (object), result, &error);
  if (records == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      LkJobRecord *record = g_ptr_array_index (records, i);
      LkJob *job = adopt (self, record);

      /* Jobs that fal knows are followed again; local ones are offered. */
      if (reattach && !lk_job_phase_is_local (record->phase))
        lk_job_start (job);
      g_ptr_array_add (jobs, job);
    }

  g_task_return_pointer (task, g_steal_pointer (&jobs), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * lk_job_manager_load_async:
 * @self: a manager
 * @reattach: whether to attach again to the jobs fal knows
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the unfinished jobs
 * @user_data: data for @callback
 *
 * Reads the unfinished jobs from the store. With @reattach, every job that
 * reached fal is followed again; jobs that stopped in a local phase are
 * returned unstarted, for the person to resume.
 */
void
lk_job_manager_load_async (LkJobManager        *self,
                           gboolean             reattach,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_JOB_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_job_manager_load_async);
  g_task_set_task_data (task, GINT_TO_POINTER (reattach), NULL);
  lk_job_store_list_async (self->store, LK_JOB_LIST_UNFINISHED, NULL, cancellable,
                           load_cb, g_steal_pointer (&task));
}

/**
 * lk_job_manager_load_finish:
 * @self: a manager
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type LkJob): the unfinished jobs
 */
GPtrArray *
lk_job_manager_load_finish (LkJobManager  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_job_manager_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lk_job_manager_open_sync:
 * @self: a manager
 * @job_id: a stored job
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * For command-line tools, which may block: reads one job from the store.
 *
 * Returns: (transfer full): the job, not started
 */
LkJob *
lk_job_manager_open_sync (LkJobManager  *self,
                          gint64         job_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(LkJobRecord) record = NULL;

  g_return_val_if_fail (LK_IS_JOB_MANAGER (self), NULL);

  record = lk_job_store_get_sync (self->store, job_id, cancellable, error);
  if (record == NULL)
    return NULL;
  return adopt (self, record);
}

/* History */

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkJobManager *self = g_task_get_source_object (task);
  gint64 job_id = *(gint64 *) g_task_get_task_data (task);
  GError *error = NULL;
  guint n;

  if (!lk_job_store_delete_finish (LK_JOB_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);

      if (lk_job_get_id (job) == job_id)
        {
          g_list_store_remove (self->jobs, i);
          break;
        }
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * lk_job_manager_delete_async:
 * @self: a manager
 * @job_id: a job
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Forgets a job: only its local record goes. Nothing is cancelled or
 * deleted at fal, and the downloaded files stay. A job this process is
 * running is refused; cancel or detach it first.
 */
void
lk_job_manager_delete_async (LkJobManager        *self,
                             gint64               job_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LkJob *job;

  g_return_if_fail (LK_IS_JOB_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_job_manager_delete_async);
  g_task_set_task_data (task, g_memdup2 (&job_id, sizeof job_id), g_free);

  job = lk_job_manager_lookup (self, job_id);
  if (job != NULL && lk_job_get_active (job))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, job_id);

      g_task_return_new_error (task, LK_STORE_ERROR, LK_STORE_ERROR_FAILED,
                               /* Translators: %s is a job number. */
                               _("Job %s is running; cancel or detach it before deleting it."),
                               number);
      return;
    }

  lk_job_store_delete_async (self->store, job_id, cancellable, delete_cb, g_steal_pointer (&task));
}

gboolean
lk_job_manager_delete_finish (LkJobManager  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_job_manager_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clone_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkJobManager *self = g_task_get_source_object (task);
  g_autoptr(LkJobRecord) record = NULL;
  GError *error = NULL;

  record = lk_job_store_clone_finish (LK_JOB_STORE (object), result, &error);
  if (record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, adopt (self, record), g_object_unref);
}

/**
 * lk_job_manager_clone_async:
 * @self: a manager
 * @job_id: a stored job
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new job
 * @user_data: data for @callback
 *
 * Makes a new job with the same data and parameters (and a new idempotency
 * key). The dataset is uploaded again only if the upload cache has no
 * valid copy. Start it with lk_job_start().
 */
void
lk_job_manager_clone_async (LkJobManager        *self,
                            gint64               job_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_JOB_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_job_manager_clone_async);
  lk_job_store_clone_async (self->store, job_id, cancellable, clone_cb, g_steal_pointer (&task));
}

LkJob *
lk_job_manager_clone_finish (LkJobManager  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_job_manager_clone_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
