/* lk-sample-grid.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sample-grid"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lk-catalog.h"
#include "lk-cost.h"
#include "lk-error.h"
#include "lk-fal-client.h"
#include "lk-fal-errors.h"
#include "lk-fal-json-private.h"
#include "lk-fal-status.h"
#include "lk-sample-grid.h"
#include "lk-trainer.h"
#include "lk-util.h"

/*
 * "Try it": a trained model is run on a few prompts that suit what it
 * learned, each at the LoRA scales 0.6, 0.8 and 1.0, all at one fixed seed,
 * through the inference endpoint the catalog names for the trainer:
 *
 *   fal-ai/flux-lora                       {"prompt", "loras": [{"path", "scale"}], "seed", …}
 *   fal-ai/flux-pro/v1.1-ultra-finetuned   {"prompt", "finetune_id", "finetune_strength", "seed", …}
 *
 * The images are saved beside the model, in `<job folder>/samples/`, as
 * `p<prompt>-s<scale × 100>.jpg`, with `prompts.txt` listing the prompts.
 * An image already there is not asked for (and paid for) again. Two
 * requests run at a time, within fal's smallest concurrency limit.
 *
 * The prompts are English on purpose: FLUX reads English.
 */

#define MAX_PARALLEL 2

static const double scales[] = { 0.6, 0.8, 1.0 };

static const char *const portrait_prompts[] = {
  "a professional headshot of %s, studio lighting",
  "a photo of %s walking down a city street at golden hour",
  "a close-up portrait of %s smiling, natural window light",
};

static const char *const style_prompts[] = {
  "a mountain landscape in the style of %s",
  "a portrait of an old fisherman in the style of %s",
  "a city street at night in the style of %s",
};

static const char *const product_prompts[] = {
  "a product photo of %s on a white background",
  "%s on a wooden table, soft daylight",
  "%s held in a hand outdoors, shallow depth of field",
};

struct _LkSampleGrid
{
  GObject      parent_instance;

  LkFalClient *client;       /* (owned) */
  char        *endpoint;     /* (owned) */
  char        *lora_url;     /* (owned) (nullable) */
  char        *finetune_id;  /* (owned) (nullable) */
  char        *trigger;      /* (owned) */
  char        *folder;       /* (owned) */
  GPtrArray   *prompts;      /* (owned) (element-type utf8), NULL-terminated */
};

G_DEFINE_FINAL_TYPE (LkSampleGrid, lk_sample_grid, G_TYPE_OBJECT)

static void
lk_sample_grid_finalize (GObject *object)
{
  LkSampleGrid *self = (LkSampleGrid *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->lora_url, g_free);
  g_clear_pointer (&self->finetune_id, g_free);
  g_clear_pointer (&self->trigger, g_free);
  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->prompts, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_sample_grid_parent_class)->finalize (object);
}

static void
lk_sample_grid_class_init (LkSampleGridClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_sample_grid_finalize;
}

static void
lk_sample_grid_init (LkSampleGrid *self)
{
  self->prompts = g_ptr_array_new_null_terminated (4, g_free, TRUE);
}

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

/* What the model learned: a person, a style or a product. */
static const char *const *
prompts_for (LkTrainer  *trainer,
             JsonObject *inputs)
{
  const char *mode = NULL;

  if (inputs != NULL)
    {
      if (json_object_get_boolean_member_with_default (inputs, "is_style", FALSE))
        return style_prompts;
      mode = json_object_get_string_member_with_default (inputs, "training_style", NULL);
      if (mode == NULL)
        mode = json_object_get_string_member_with_default (inputs, "mode", NULL);
    }

  if (g_strcmp0 (mode, "style") == 0)
    return style_prompts;
  if (g_strcmp0 (mode, "product") == 0)
    return product_prompts;
  return portrait_prompts;
}

/**
 * lk_sample_grid_new:
 * @client: the fal client
 * @record: a finished job
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the grid for @record's model, or %NULL when the
 *   job has no model to try
 */
LkSampleGrid *
lk_sample_grid_new (LkFalClient        *client,
                    const LkJobRecord  *record,
                    GError            **error)
{
  g_autoptr(LkSampleGrid) self = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(JsonObject) inputs = NULL;
  g_autoptr(JsonObject) result = NULL;
  const char *const *preset;
  const char *trigger_name;
  LkTrainer *trainer;
  JsonNode *lora;

  g_return_val_if_fail (LK_IS_FAL_CLIENT (client), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  catalog = lk_catalog_new (error);
  if (catalog == NULL)
    return NULL;

  trainer = record->trainer ? lk_catalog_lookup_trainer (catalog, record->trainer) : NULL;
  if (trainer == NULL || lk_trainer_get_inference_endpoint (trainer) == NULL)
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_TRAINER,
                           _("Likeness does not know how to try models of this trainer."));
      return NULL;
    }

  if (record->phase != LK_JOB_PHASE_DONE || record->result_folder == NULL)
    {
      g_set_error_literal (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND,
                           _("Only a finished training can be tried."));
      return NULL;
    }

  self = g_object_new (LK_TYPE_SAMPLE_GRID, NULL);
  self->client = g_object_ref (client);
  self->endpoint = g_strdup (lk_trainer_get_inference_endpoint (trainer));
  self->folder = g_build_filename (record->result_folder, "samples", NULL);
  self->finetune_id = g_strdup (record->finetune_id);

  result = parse_object (record->result_json);
  if (result != NULL && (lora = json_object_get_member (result, "diffusers_lora_file")) != NULL &&
      JSON_NODE_HOLDS_OBJECT (lora))
    self->lora_url = g_strdup (_lk_fal_json_get_string (json_node_get_object (lora), "url"));

  if (self->lora_url == NULL && self->finetune_id == NULL)
    {
      g_set_error_literal (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED,
                           _("The job's result has neither a LoRA file nor a finetune id."));
      return NULL;
    }

  inputs = parse_object (record->inputs_json);
  trigger_name = lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_TRIGGER);
  if (inputs != NULL && trigger_name != NULL)
    self->trigger = g_strdup (json_object_get_string_member_with_default (inputs, trigger_name, NULL));
  if (self->trigger == NULL)
    self->trigger = g_strdup ("TOK");

  preset = prompts_for (trainer, inputs);
  for (guint i = 0; i < G_N_ELEMENTS (portrait_prompts); i++)
    {
      g_auto(GStrv) parts = g_strsplit (preset[i], "%s", 2);

      /* Each preset prompt has one %s, where the trigger goes. */
      g_ptr_array_add (self->prompts, g_strjoinv (self->trigger, parts));
    }

  return g_steal_pointer (&self);
}

const char *
lk_sample_grid_get_endpoint (LkSampleGrid *self)
{
  g_return_val_if_fail (LK_IS_SAMPLE_GRID (self), NULL);
  return self->endpoint;
}

const char *
lk_sample_grid_get_folder (LkSampleGrid *self)
{
  g_return_val_if_fail (LK_IS_SAMPLE_GRID (self), NULL);
  return self->folder;
}

void
lk_sample_grid_set_folder (LkSampleGrid *self,
                           const char   *folder)
{
  g_return_if_fail (LK_IS_SAMPLE_GRID (self));
  g_return_if_fail (folder != NULL);
  lk_set_str (&self->folder, folder);
}

/**
 * lk_sample_grid_add_prompt:
 * @self: a grid
 * @prompt: a prompt of the person's own
 * @replace: whether it replaces the preset prompts
 *
 * The trigger is put in front when the prompt does not contain it.
 */
void
lk_sample_grid_add_prompt (LkSampleGrid *self,
                           const char   *prompt,
                           gboolean      replace)
{
  g_return_if_fail (LK_IS_SAMPLE_GRID (self));
  g_return_if_fail (prompt != NULL);

  if (replace)
    g_ptr_array_set_size (self->prompts, 0);

  if (strstr (prompt, self->trigger) != NULL)
    g_ptr_array_add (self->prompts, g_strdup (prompt));
  else
    g_ptr_array_add (self->prompts, g_strdup_printf ("%s, %s", self->trigger, prompt));
}

/**
 * lk_sample_grid_get_prompts:
 * @self: a grid
 *
 * Returns: (transfer none): the prompts, each with the trigger
 */
const char * const *
lk_sample_grid_get_prompts (LkSampleGrid *self)
{
  g_return_val_if_fail (LK_IS_SAMPLE_GRID (self), NULL);
  return (const char * const *) self->prompts->pdata;
}

/**
 * lk_sample_grid_get_scales:
 * @self: a grid
 * @n_scales: (out): the number of scales
 *
 * Returns: (array length=n_scales) (transfer none): the LoRA scales
 */
const double *
lk_sample_grid_get_scales (LkSampleGrid *self,
                           guint        *n_scales)
{
  g_return_val_if_fail (LK_IS_SAMPLE_GRID (self), NULL);
  *n_scales = G_N_ELEMENTS (scales);
  return scales;
}

guint
lk_sample_grid_get_n_images (LkSampleGrid *self)
{
  g_return_val_if_fail (LK_IS_SAMPLE_GRID (self), 0);
  return self->prompts->len * G_N_ELEMENTS (scales);
}

/**
 * lk_sample_grid_estimate_cost:
 * @self: a grid
 *
 * Returns: what the grid costs at fal's published prices, in US dollars,
 *   or %LK_COST_UNKNOWN for an endpoint without a known price
 */
double
lk_sample_grid_estimate_cost (LkSampleGrid *self)
{
  guint n;

  g_return_val_if_fail (LK_IS_SAMPLE_GRID (self), LK_COST_UNKNOWN);

  n = lk_sample_grid_get_n_images (self);
  if (g_str_equal (self->endpoint, "fal-ai/flux-lora"))
    /* square_hd: 1024 × 1024 pixels. */
    return n * LK_SAMPLE_FLUX_LORA_USD_PER_MEGAPIXEL * (1024.0 * 1024.0 / 1e6);
  if (g_str_equal (self->endpoint, "fal-ai/flux-pro/v1.1-ultra-finetuned"))
    return n * LK_SAMPLE_FLUX_PRO_ULTRA_USD_PER_IMAGE;
  return LK_COST_UNKNOWN;
}

/* Running */

typedef struct
{
  char         *prompt;     /* (owned) */
  double        scale;
  char         *path;       /* (owned) */
  LkFalRequest *request;    /* (owned) (nullable) */
} Cell;

typedef struct
{
  GPtrArray *cells;         /* (owned) (element-type Cell) */
  GPtrArray *saved;         /* (owned) (element-type utf8) */
  guint      next;
  guint      running;
  GError    *error;         /* (owned) (nullable): the first failure */
} RunData;

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_free (cell->prompt);
  g_free (cell->path);
  g_clear_pointer (&cell->request, lk_fal_request_unref);
  g_free (cell);
}

static void
run_data_free (RunData *data)
{
  g_ptr_array_unref (data->cells);
  g_ptr_array_unref (data->saved);
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct
{
  GTask *task;   /* (owned) */
  Cell  *cell;   /* (unowned): lives in the task data */
} CellOp;

static void run_next (GTask *task);

static void
cell_done (CellOp *op,
           GError *error)
{
  RunData *data = g_task_get_task_data (op->task);
  GTask *task = op->task;

  if (error != NULL)
    {
      if (data->error == NULL)
        data->error = error;
      else
        g_error_free (error);
    }
  else
    g_ptr_array_add (data->saved, g_strdup (op->cell->path));

  data->running--;
  g_free (op);
  run_next (task);
  g_object_unref (task);
}

static void
cell_download_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CellOp *op = user_data;
  GError *error = NULL;

  lk_fal_client_download_finish (LK_FAL_CLIENT (object), result, &error);
  cell_done (op, error);
}

static void
cell_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CellOp *op = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;
  JsonNode *root;
  JsonNode *images;
  JsonObject *image;
  const char *url;
  gint64 file_size;

  bytes = lk_fal_client_result_finish (LK_FAL_CLIENT (object), result, &error);
  if (bytes == NULL)
    {
      cell_done (op, error);
      return;
    }

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (images = json_object_get_member (json_node_get_object (root), "images")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (images) || json_array_get_length (json_node_get_array (images)) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (images), 0)))
    {
      cell_done (op, g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED,
                                          _("fal's answer holds no image.")));
      return;
    }

  image = json_node_get_object (json_array_get_element (json_node_get_array (images), 0));
  url = _lk_fal_json_get_string (image, "url");
  if (url == NULL)
    {
      cell_done (op, g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED,
                                          _("fal's answer holds no image.")));
      return;
    }

  if (!_lk_fal_json_get_int (image, "file_size", &file_size) || file_size < 0)
    file_size = -1;
  file = g_file_new_for_path (op->cell->path);
  lk_fal_client_download_async (LK_FAL_CLIENT (object), url, file, file_size,
                                NULL, NULL, NULL, g_task_get_cancellable (op->task),
                                cell_download_cb, op);
}

static void
cell_watch_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CellOp *op = user_data;
  g_autoptr(LkFalStatus) status = NULL;
  GError *error = NULL;

  status = lk_fal_client_watch_finish (LK_FAL_CLIENT (object), result, &error);
  if (status == NULL)
    {
      cell_done (op, error);
      return;
    }

  if (lk_fal_status_is_failed (status))
    {
      cell_done (op, lk_fal_error_from_failure (lk_fal_status_get_error (status),
                                                lk_fal_status_get_error_type (status)));
      return;
    }

  lk_fal_client_result_async (LK_FAL_CLIENT (object), op->cell->request, g_task_get_cancellable (op->task),
                              cell_result_cb, op);
}

static void
cell_submit_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CellOp *op = user_data;
  GError *error = NULL;

  op->cell->request = lk_fal_client_submit_finish (LK_FAL_CLIENT (object), result, NULL, &error);
  if (op->cell->request == NULL)
    {
      cell_done (op, error);
      return;
    }

  lk_fal_client_watch_async (LK_FAL_CLIENT (object), op->cell->request, FALSE, NULL, NULL, NULL,
                             g_task_get_cancellable (op->task), cell_watch_cb, op);
}

static char *
cell_input (LkSampleGrid *self,
            Cell         *cell)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, cell->prompt);
  if (self->finetune_id != NULL && self->lora_url == NULL)
    {
      json_builder_set_member_name (builder, "finetune_id");
      json_builder_add_string_value (builder, self->finetune_id);
      json_builder_set_member_name (builder, "finetune_strength");
      json_builder_add_double_value (builder, cell->scale);
    }
  else
    {
      json_builder_set_member_name (builder, "loras");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, self->lora_url);
      json_builder_set_member_name (builder, "scale");
      json_builder_add_double_value (builder, cell->scale);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "image_size");
      json_builder_add_string_value (builder, "square_hd");
    }
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, LK_SAMPLE_GRID_SEED);
  json_builder_set_member_name (builder, "num_images");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "output_format");
  json_builder_add_string_value (builder, "jpeg");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
run_next (GTask *task)
{
  LkSampleGrid *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  while (data->running < MAX_PARALLEL && data->next < data->cells->len &&
         !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      Cell *cell = g_ptr_array_index (data->cells, data->next++);
      CellOp *op = g_new0 (CellOp, 1);
      g_autofree char *input = cell_input (self, cell);

      op->task = g_object_ref (task);
      op->cell = cell;
      data->running++;
      lk_fal_client_submit_async (self->client, self->endpoint, input, NULL,
                                  g_task_get_cancellable (task), cell_submit_cb, op);
    }

  if (data->running > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else if (g_task_return_error_if_cancelled (task))
    ;
  else
    g_task_return_pointer (task, g_ptr_array_ref (data->saved), (GDestroyNotify) g_ptr_array_unref);
}

/* In a thread: the folder, the prompt list, and the images already there. */
static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LkSampleGrid *self = source_object;
  RunData *data = task_data;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *list_path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (self->folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               /* Translators: %s is a folder, then why it could not be made. */
                               _("Could not create the folder %s: %s"),
                               self->folder, g_strerror (saved_errno));
      return;
    }

  for (guint i = 0; i < self->prompts->len; i++)
    g_string_append_printf (list, "p%u\t%s\n", i + 1, (const char *) g_ptr_array_index (self->prompts, i));
  list_path = g_build_filename (self->folder, "prompts.txt", NULL);
  if (!g_file_set_contents (list_path, list->str, list->len, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = data->cells->len; i > 0; i--)
    {
      Cell *cell = g_ptr_array_index (data->cells, i - 1);

      if (g_file_test (cell->path, G_FILE_TEST_IS_REGULAR))
        {
          g_ptr_array_add (data->saved, g_strdup (cell->path));
          g_ptr_array_remove_index (data->cells, i - 1);
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  run_next (task);
}

/**
 * lk_sample_grid_run_async:
 * @self: a grid
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every image is saved or one has failed
 * @user_data: data for @callback
 *
 * Runs the grid at fal. This is paid: show lk_sample_grid_estimate_cost()
 * and ask first.
 */
void
lk_sample_grid_run_async (LkSampleGrid        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) prepare = NULL;
  RunData *data;

  g_return_if_fail (LK_IS_SAMPLE_GRID (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_sample_grid_run_async);

  data = g_new0 (RunData, 1);
  data->cells = g_ptr_array_new_with_free_func (cell_free);
  data->saved = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->prompts->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (scales); j++)
      {
        Cell *cell = g_new0 (Cell, 1);
        g_autofree char *name = g_strdup_printf ("p%u-s%03d.jpg", i + 1, (int) (scales[j] * 100 + 0.5));

        cell->prompt = g_strdup (g_ptr_array_index (self->prompts, i));
        cell->scale = scales[j];
        cell->path = g_build_filename (self->folder, name, NULL);
        g_ptr_array_add (data->cells, cell);
      }
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  prepare = g_task_new (self, cancellable, prepared_cb, g_object_ref (task));
  g_task_set_source_tag (prepare, lk_sample_grid_run_async);
  g_task_set_task_data (prepare, data, NULL);
  g_task_run_in_thread (prepare, prepare_thread);
}

/**
 * lk_sample_grid_run_finish:
 * @self: a grid
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type utf8): the paths of the
 *   images, or %NULL
 */
GPtrArray *
lk_sample_grid_run_finish (LkSampleGrid  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_sample_grid_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
