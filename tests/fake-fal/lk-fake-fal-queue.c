/* lk-fake-fal-queue.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-queue"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-fake-fal-private.h"

/* The queue listener (Q): submit, status, status stream, result and cancel,
 * the simulated job life cycle, and the /api/fal/proxy route. */

struct _FakeStream
{
  LkFakeFal         *self;           /* (unowned) */
  FakeJob           *job;            /* (unowned) (nullable) */
  SoupServerMessage *msg;            /* (owned) */
  gulong             finished_id;
  gboolean           logs;
  guint              log_sent;
  guint              events;
  FakePhase          last_phase;
  gint               last_position;
  gint64             drop_after;
  gboolean           cut_mid;
  guint              stall_ms;
  gboolean           no_keepalive;
  gboolean           stalled;
  gboolean           in_handler;
  gboolean           done;
  guint              keepalive_id;
  guint              stall_id;
};

static const char *const phase_names[] = { "IN_QUEUE", "IN_PROGRESS", "COMPLETED" };

static void job_changed        (FakeJob  *job);
static void job_arm_timer      (FakeJob  *job);
static void job_start_progress (FakeJob  *job);
static void stream_end         (FakeStream *stream);

/* Helpers */

static gint64
outcome_int (FakeJob    *job,
             const char *name,
             gint64      fallback)
{
  JsonNode *node = json_object_get_member (job->outcome, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);

  return fallback;
}

static const char *
outcome_string (FakeJob    *job,
                const char *name)
{
  JsonNode *node = json_object_get_member (job->outcome, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
outcome_bool (FakeJob    *job,
              const char *name)
{
  JsonNode *node = json_object_get_member (job->outcome, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
merge_object (JsonObject *into,
              JsonObject *from)
{
  g_autoptr(GList) names = json_object_get_members (from);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (into, l->data,
                            json_node_copy (json_object_get_member (from, l->data)));
}

static guint
status_for_error_type (const char *error_type)
{
  static const struct { const char *type; guint status; } table[] = {
    { "request_timeout", 504 }, { "startup_timeout", 504 },
    { "runner_scheduling_failure", 503 }, { "runner_connection_timeout", 503 },
    { "runner_disconnected", 503 }, { "runner_connection_refused", 503 },
    { "runner_connection_error", 503 }, { "runner_incomplete_response", 502 },
    { "runner_server_error", 500 }, { "client_disconnected", 499 },
    { "client_cancelled", 499 }, { "bad_request", 400 }, { "internal_error", 500 },
  };

  for (guint i = 0; error_type != NULL && i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].type, error_type))
      return table[i].status;

  return 500;
}

static const char *
error_type_for_status (guint status)
{
  switch (status)
    {
    case 499: return "client_cancelled";
    case 502: return "runner_incomplete_response";
    case 503: return "runner_disconnected";
    case 504: return "request_timeout";
    case 500: return "runner_server_error";
    default:  return "bad_request";
    }
}

static JsonNode *
detail_body (const char *detail,
             const char *error_type)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "detail", detail);
  if (error_type != NULL)
    json_object_set_string_member (object, "error_type", error_type);
  json_node_take_object (node, object);

  return node;
}

static void
respond_status_only (FakeRequest *req,
                     guint        code,
                     const char  *status)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "status", status);
  json_node_take_object (node, object);
  _lk_fake_fal_respond_json (req, code, node);
}

/* Jobs */

static void
log_free (gpointer data)
{
  FakeLog *log = data;

  g_free (log->message);
  g_free (log->level);
  g_free (log->timestamp);
  g_free (log);
}

static void
job_add_log (FakeJob    *job,
             const char *message,
             const char *level)
{
  FakeLog *log = g_new0 (FakeLog, 1);

  log->message = g_strdup (message);
  if (level != NULL)
    log->level = g_strdup (level);
  else
    log->level = g_strdup (g_str_has_prefix (message, "{\"traceback\"") ? "ERROR" : "INFO");
  log->timestamp = _lk_fake_fal_now_iso ();
  g_ptr_array_add (job->logs, log);
}

static void
job_clear_timers (FakeJob *job)
{
  g_clear_handle_id (&job->timer_id, g_source_remove);
  g_clear_handle_id (&job->fail_timer_id, g_source_remove);
  g_clear_handle_id (&job->cancel_timer_id, g_source_remove);
}

void
_lk_fake_fal_job_free (gpointer data)
{
  FakeJob *job = data;

  job_clear_timers (job);
  while (job->streams != NULL)
    {
      FakeStream *stream = job->streams->data;

      job->streams = g_list_delete_link (job->streams, job->streams);
      stream->job = NULL;
      stream_end (stream);
    }
  g_free (job->id);
  g_free (job->app);
  g_free (job->base);
  g_clear_pointer (&job->input, json_node_unref);
  g_clear_pointer (&job->outcome, json_object_unref);
  g_clear_pointer (&job->headers, json_object_unref);
  g_free (job->webhook);
  g_free (job->response_url);
  g_clear_pointer (&job->logs, g_ptr_array_unref);
  g_clear_pointer (&job->script, g_ptr_array_unref);
  g_clear_pointer (&job->invalid_detail, json_node_unref);
  g_free (job->fail_error);
  g_free (job->fail_error_type);
  g_clear_pointer (&job->fail_body, json_node_unref);
  g_free (job->error);
  g_free (job->error_type);
  g_clear_pointer (&job->result_body, json_node_unref);
  g_free (job);
}

static void
job_build_script (FakeJob *job)
{
  LkFakeFal *self = job->self;
  JsonNode *logs = json_object_get_member (job->outcome, "logs");
  guint ticks = MAX (1, self->progress_ms / MAX (1, self->log_interval_ms));

  if (logs != NULL && JSON_NODE_HOLDS_ARRAY (logs))
    {
      JsonArray *array = json_node_get_array (logs);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_ptr_array_add (job->script, g_strdup (json_node_get_string (item)));
          else if (JSON_NODE_HOLDS_OBJECT (item))
            g_ptr_array_add (job->script,
                             g_strdup (json_object_get_string_member_with_default (json_node_get_object (item),
                                                                                   "message", "")));
        }
    }
  else if (job->invalid_detail != NULL)
    {
      g_ptr_array_add (job->script, g_strdup ("Validating input"));
    }
  else if (job->kind == FAKE_APP_LORA_TRAINER || job->kind == FAKE_APP_PRO_TRAINER)
    {
      gint64 steps = _lk_fake_fal_steps (job->app, job->input);
      guint n_steps = ticks > 3 ? ticks - 3 : 1;

      g_ptr_array_add (job->script, g_strdup_printf ("Preprocessing %u images", job->n_images));
      g_ptr_array_add (job->script, g_strdup ("Loading model..."));
      if (job->fail_error == NULL)
        {
          for (guint i = 1; i <= n_steps; i++)
            {
              gint64 step = MAX (1, steps * i / n_steps);
              double loss = 0.05 + 0.45 * exp (-3.0 * (double) step / (double) steps);
              char loss_text[G_ASCII_DTOSTR_BUF_SIZE];

              g_ascii_formatd (loss_text, sizeof loss_text, "%.4f", loss);
              g_ptr_array_add (job->script,
                               g_strdup_printf ("step %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ", loss=%s",
                                                step, steps, loss_text));
            }
          g_ptr_array_add (job->script, g_strdup ("Saving LoRA weights"));
        }
    }
  else
    {
      gint64 n_images = 1;
      JsonNode *node = NULL;

      if (job->input != NULL && JSON_NODE_HOLDS_OBJECT (job->input))
        node = json_object_get_member (json_node_get_object (job->input), "num_images");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        n_images = CLAMP (json_node_get_int (node), 1, 4);

      g_ptr_array_add (job->script, g_strdup ("Loading LoRA weights"));
      for (gint64 i = 1; i <= n_images; i++)
        g_ptr_array_add (job->script,
                         g_strdup_printf ("Generating image %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                          i, n_images));
    }

  job->script_total = job->script->len;
}

static JsonNode *
file_json (LkFakeFal *self,
           FakeFile  *file,
           int        width,
           int        height)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autofree char *url = _lk_fake_fal_file_url (self, file);

  json_object_set_string_member (object, "url", url);
  json_object_set_string_member (object, "content_type", file->content_type);
  json_object_set_string_member (object, "file_name", file->file_name);
  json_object_set_int_member (object, "file_size", file->size);
  if (width > 0)
    {
      json_object_set_int_member (object, "width", width);
      json_object_set_int_member (object, "height", height);
    }
  json_node_take_object (node, object);

  return node;
}

static void
image_size_for (JsonObject *input,
                int        *width,
                int        *height)
{
  JsonNode *node = input != NULL ? json_object_get_member (input, "image_size") : NULL;
  const char *name = "landscape_4_3";
  static const struct { const char *name; int w, h; } sizes[] = {
    { "square_hd", 1024, 1024 }, { "square", 512, 512 },
    { "portrait_4_3", 768, 1024 }, { "portrait_16_9", 576, 1024 },
    { "landscape_4_3", 1024, 768 }, { "landscape_16_9", 1024, 576 },
  };

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      *width = CLAMP (json_object_get_int_member_with_default (json_node_get_object (node), "width", 1024), 1, 4096);
      *height = CLAMP (json_object_get_int_member_with_default (json_node_get_object (node), "height", 768), 1, 4096);
      return;
    }
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    name = json_node_get_string (node);

  *width = 1024;
  *height = 768;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (g_str_equal (sizes[i].name, name))
      {
        *width = sizes[i].w;
        *height = sizes[i].h;
      }
}

static JsonNode *
job_build_output (FakeJob *job)
{
  LkFakeFal *self = job->self;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonObject *input = job->input != NULL && JSON_NODE_HOLDS_OBJECT (job->input)
                      ? json_node_get_object (job->input) : NULL;
  g_autofree char *input_text = job->input != NULL ? json_to_string (job->input, FALSE) : g_strdup ("");
  g_autofree char *seed = g_compute_checksum_for_string (G_CHECKSUM_MD5, input_text, -1);
  JsonNode *output = json_object_get_member (job->outcome, "output");

  if (output != NULL)
    return json_node_copy (output);

  json_builder_begin_object (builder);
  if (job->kind == FAKE_APP_LORA_TRAINER)
    {
      g_autoptr(GBytes) weights = _lk_fake_fal_make_safetensors (job->app);
      g_autoptr(JsonBuilder) config = json_builder_new ();
      g_autoptr(JsonNode) config_root = NULL;
      g_autofree char *config_text = NULL;
      g_autoptr(GBytes) config_bytes = NULL;
      FakeFile *file;

      file = _lk_fake_fal_store_bytes (self, "pytorch_lora_weights.safetensors",
                                       "application/octet-stream", weights);
      json_builder_set_member_name (builder, "diffusers_lora_file");
      json_builder_add_value (builder, file_json (self, file, 0, 0));

      json_builder_begin_object (config);
      json_builder_set_member_name (config, "trainer");
      json_builder_add_string_value (config, job->app);
      json_builder_set_member_name (config, "steps");
      json_builder_add_int_value (config, _lk_fake_fal_steps (job->app, job->input));
      json_builder_set_member_name (config, "input");
      json_builder_add_value (config, json_node_copy (job->input));
      json_builder_end_object (config);
      config_root = json_builder_get_root (config);
      config_text = json_to_string (config_root, TRUE);
      config_bytes = g_bytes_new (config_text, strlen (config_text));
      file = _lk_fake_fal_store_bytes (self, "config.json", "application/json", config_bytes);
      json_builder_set_member_name (builder, "config_file");
      json_builder_add_value (builder, file_json (self, file, 0, 0));
    }
  else if (job->kind == FAKE_APP_PRO_TRAINER)
    {
      g_autofree char *finetune_id = g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", seed, seed + 8,
                                                      seed + 12, seed + 16, seed + 20);

      json_builder_set_member_name (builder, "finetune_id");
      json_builder_add_string_value (builder, finetune_id);
    }
  else if (job->kind == FAKE_APP_INFERENCE)
    {
      gint64 n_images = input != NULL ? CLAMP (json_object_get_int_member_with_default (input, "num_images", 1), 1, 4) : 1;
      const char *format = input != NULL ? json_object_get_string_member_with_default (input, "output_format", "jpeg") : "jpeg";
      gboolean png = format != NULL && g_str_equal (format, "png");
      int width, height;

      image_size_for (input, &width, &height);
      if (g_str_has_prefix (job->app, "fal-ai/flux-pro/"))
        {
          width = 2752;
          height = 1536;
        }

      json_builder_set_member_name (builder, "images");
      json_builder_begin_array (builder);
      for (gint64 i = 0; i < n_images; i++)
        {
          g_autofree char *image_seed = g_strdup_printf ("%s-%" G_GINT64_FORMAT, seed, i);
          g_autoptr(GBytes) bytes = _lk_fake_fal_make_image (width, height, png, image_seed);
          FakeFile *file = _lk_fake_fal_store_bytes (self, png ? "image.png" : "image.jpg",
                                                     png ? "image/png" : "image/jpeg", bytes);

          json_builder_add_value (builder, file_json (self, file, width, height));
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, input != NULL ? json_object_get_int_member_with_default (input, "seed", 42) : 42);
      json_builder_set_member_name (builder, "has_nsfw_concepts");
      json_builder_begin_array (builder);
      for (gint64 i = 0; i < n_images; i++)
        json_builder_add_boolean_value (builder, FALSE);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "prompt");
      json_builder_add_string_value (builder, input != NULL ? json_object_get_string_member_with_default (input, "prompt", "") : "");
      json_builder_set_member_name (builder, "timings");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "inference");
      json_builder_add_double_value (builder, 1.25);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
job_complete (FakeJob *job)
{
  job_clear_timers (job);
  job->phase = FAKE_PHASE_COMPLETED;
  job->completed_us = g_get_monotonic_time ();
  job->inference_time = job->started_us > 0
                        ? (job->completed_us - job->started_us) / 1000000.0 : 0.0;
  job_changed (job);
}

static void
job_fail (FakeJob    *job,
          const char *error,
          const char *error_type,
          guint       status,
          JsonNode   *body)
{
  FakeLog *last = job->logs->len > 0 ? g_ptr_array_index (job->logs, job->logs->len - 1) : NULL;

  /* A failed request ends with an ERROR entry holding the traceback. */
  if (last == NULL || !g_str_equal (last->level, "ERROR"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *traceback = g_strdup_printf ("Traceback (most recent call last):\n"
                                                    "  File \"/app/train.py\", line 212, in run\n"
                                                    "RuntimeError: %s", error);
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "traceback");
      json_builder_add_string_value (builder, traceback);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, FALSE);
      job_add_log (job, text, "ERROR");
    }

  g_free (job->error);
  job->error = g_strdup (error);
  g_free (job->error_type);
  job->error_type = g_strdup (error_type);
  job->result_status = status;
  g_clear_pointer (&job->result_body, json_node_unref);
  job->result_body = body != NULL ? body : detail_body (error, error_type);
  job_complete (job);
}

static void
job_finish_from_outcome (FakeJob *job)
{
  const char *error = outcome_string (job, "error");
  gint64 result_status = outcome_int (job, "result_status", 0);
  JsonNode *result_body = json_object_get_member (job->outcome, "result_body");

  /* Pending script lines are flushed, so the log is complete. */
  for (guint i = 0; i < job->script->len; i++)
    job_add_log (job, g_ptr_array_index (job->script, i), NULL);
  g_ptr_array_set_size (job->script, 0);

  if (job->invalid_detail != NULL)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (job->invalid_detail), 0);
      JsonObject *entry = json_node_get_object (first);
      JsonArray *loc = json_object_get_array_member (entry, "loc");
      g_autofree char *error_text = NULL;
      JsonNode *body = json_node_new (JSON_NODE_OBJECT);

      error_text = g_strdup_printf ("%s: %s",
                                    json_array_get_length (loc) > 1 ? json_array_get_string_element (loc, 1) : "body",
                                    json_object_get_string_member (entry, "msg"));
      json_node_take_object (body, json_object_new ());
      json_object_set_member (json_node_get_object (body), "detail", json_node_copy (job->invalid_detail));
      job_fail (job, error_text, "bad_request", 422, body);
    }
  else if (job->fail_error != NULL)
    {
      job_fail (job, job->fail_error, job->fail_error_type, job->fail_status,
                job->fail_body != NULL ? json_node_copy (job->fail_body) : NULL);
    }
  else if (error != NULL)
    {
      const char *error_type = outcome_string (job, "error_type");

      if (error_type == NULL)
        error_type = "runner_server_error";
      job_fail (job, error, error_type,
                result_status > 0 ? (guint) result_status : status_for_error_type (error_type),
                result_body != NULL ? json_node_copy (result_body) : NULL);
    }
  else if (result_status >= 400)
    {
      const char *message = "Request failed";
      JsonNode *detail = result_body != NULL && JSON_NODE_HOLDS_OBJECT (result_body)
                         ? json_object_get_member (json_node_get_object (result_body), "detail") : NULL;

      if (detail != NULL && JSON_NODE_HOLDS_VALUE (detail) && json_node_get_value_type (detail) == G_TYPE_STRING)
        message = json_node_get_string (detail);
      else if (detail != NULL && JSON_NODE_HOLDS_ARRAY (detail) &&
               json_array_get_length (json_node_get_array (detail)) > 0 &&
               JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (detail), 0)))
        message = json_object_get_string_member_with_default (json_array_get_object_element (json_node_get_array (detail), 0),
                                                              "msg", message);
      job_fail (job, message, error_type_for_status (result_status), result_status,
                result_body != NULL ? json_node_copy (result_body) : NULL);
    }
  else
    {
      job->result_status = 200;
      g_clear_pointer (&job->result_body, json_node_unref);
      job->result_body = job_build_output (job);
      job_complete (job);
    }
}

static void
job_finish_cancelled (FakeJob *job)
{
  job->cancel = FAKE_CANCEL_DONE;
  g_free (job->error);
  job->error = g_strdup ("Request cancelled");
  g_free (job->error_type);
  job->error_type = g_strdup ("client_cancelled");
  job->result_status = 499;
  g_clear_pointer (&job->result_body, json_node_unref);
  job->result_body = detail_body ("Request cancelled", "client_cancelled");
  job_complete (job);
}

static gboolean
cancel_timeout_cb (gpointer user_data)
{
  FakeJob *job = user_data;

  job->cancel_timer_id = 0;
  if (job->phase != FAKE_PHASE_COMPLETED)
    job_finish_cancelled (job);

  return G_SOURCE_REMOVE;
}

static gboolean
fail_timeout_cb (gpointer user_data)
{
  FakeJob *job = user_data;

  job->fail_timer_id = 0;
  if (job->phase != FAKE_PHASE_COMPLETED)
    job_finish_from_outcome (job);

  return G_SOURCE_REMOVE;
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  FakeJob *job = user_data;

  if (job->hold)
    return G_SOURCE_CONTINUE;

  if (job->script->len > 0)
    {
      g_autofree char *line = g_ptr_array_steal_index (job->script, 0);

      job_add_log (job, line, NULL);
      job_changed (job);
      return G_SOURCE_CONTINUE;
    }

  /* A job with a fail timer keeps running until the timer fires. */
  if (job->fail_timer_id != 0)
    return G_SOURCE_CONTINUE;

  job->timer_id = 0;
  job_finish_from_outcome (job);
  return G_SOURCE_REMOVE;
}

static gboolean
queue_tick_cb (gpointer user_data)
{
  FakeJob *job = user_data;

  if (job->hold)
    return G_SOURCE_CONTINUE;

  if (job->queue_position > 0)
    {
      job->queue_position--;
      job_changed (job);
      return G_SOURCE_CONTINUE;
    }

  job->timer_id = 0;
  job_start_progress (job);
  return G_SOURCE_REMOVE;
}

static void
job_arm_timer (FakeJob *job)
{
  LkFakeFal *self = job->self;

  g_clear_handle_id (&job->timer_id, g_source_remove);

  if (job->phase == FAKE_PHASE_IN_QUEUE)
    {
      gint64 queue_ms = outcome_int (job, "queue_ms", self->queue_ms);

      job->timer_id = g_timeout_add ((guint) MAX (1, queue_ms / (job->queue_position + 1)),
                                     queue_tick_cb, job);
    }
  else if (job->phase == FAKE_PHASE_IN_PROGRESS)
    {
      job->timer_id = g_timeout_add (MAX (1, self->log_interval_ms), progress_tick_cb, job);
    }
}

static void
job_start_progress (FakeJob *job)
{
  gint64 fail_after = outcome_int (job, "fail_after_ms", -1);

  job->phase = FAKE_PHASE_IN_PROGRESS;
  job->queue_position = 0;
  job->started_us = g_get_monotonic_time ();
  if (fail_after >= 0 && job->fail_timer_id == 0)
    job->fail_timer_id = g_timeout_add ((guint) fail_after, fail_timeout_cb, job);
  job_arm_timer (job);
  job_changed (job);
}

/* Status objects */

static void
add_urls (JsonBuilder *builder,
          FakeJob     *job)
{
  LkFakeFal *self = job->self;
  g_autofree char *base = g_strdup_printf ("%s/%s/requests/%s",
                                           lk_fake_fal_get_url (self, LK_FAKE_FAL_QUEUE),
                                           job->base, job->id);
  g_autofree char *status_url = g_strconcat (base, "/status", NULL);
  g_autofree char *cancel_url = g_strconcat (base, "/cancel", NULL);

  json_builder_set_member_name (builder, "request_id");
  json_builder_add_string_value (builder, job->id);
  json_builder_set_member_name (builder, "response_url");
  json_builder_add_string_value (builder, job->response_url);
  json_builder_set_member_name (builder, "status_url");
  json_builder_add_string_value (builder, status_url);
  json_builder_set_member_name (builder, "cancel_url");
  json_builder_add_string_value (builder, cancel_url);
}

/* @log_from: index of the first log entry to include, or -1 for the sliding
 * window of the last `log_window` entries; @with_logs FALSE gives `null`. */
static JsonNode *
job_status_json (FakeJob  *job,
                 gboolean  with_logs,
                 gint      log_from)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, phase_names[job->phase]);
  add_urls (builder, job);
  if (job->phase == FAKE_PHASE_IN_QUEUE)
    {
      json_builder_set_member_name (builder, "queue_position");
      json_builder_add_int_value (builder, job->queue_position);
    }

  json_builder_set_member_name (builder, "logs");
  if (!with_logs)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      guint from;

      if (log_from < 0)
        from = job->logs->len > job->self->log_window ? job->logs->len - job->self->log_window : 0;
      else
        from = MIN ((guint) log_from, job->logs->len);

      json_builder_begin_array (builder);
      for (guint i = from; i < job->logs->len; i++)
        {
          FakeLog *log = g_ptr_array_index (job->logs, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, log->message);
          json_builder_set_member_name (builder, "level");
          json_builder_add_string_value (builder, log->level);
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, "USER");
          json_builder_set_member_name (builder, "timestamp");
          json_builder_add_string_value (builder, log->timestamp);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (job->phase == FAKE_PHASE_COMPLETED)
    {
      json_builder_set_member_name (builder, "metrics");
      json_builder_begin_object (builder);
      if (job->error == NULL)
        {
          json_builder_set_member_name (builder, "inference_time");
          json_builder_add_double_value (builder, job->inference_time);
        }
      json_builder_end_object (builder);
      if (job->error != NULL)
        {
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, job->error);
          json_builder_set_member_name (builder, "error_type");
          json_builder_add_string_value (builder, job->error_type);
        }
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Status stream */

static void
stream_free (FakeStream *stream)
{
  g_clear_handle_id (&stream->keepalive_id, g_source_remove);
  g_clear_handle_id (&stream->stall_id, g_source_remove);
  g_clear_signal_handler (&stream->finished_id, stream->msg);
  g_clear_object (&stream->msg);
  g_free (stream);
}

static void
stream_write (FakeStream *stream,
              const char *text,
              gsize       len)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, text, len);
  if (!stream->in_handler)
    soup_server_message_unpause (stream->msg);
}

static void
stream_end (FakeStream *stream)
{
  if (stream->done)
    return;

  stream->done = TRUE;
  g_clear_handle_id (&stream->keepalive_id, g_source_remove);
  g_clear_handle_id (&stream->stall_id, g_source_remove);
  if (stream->job != NULL)
    stream->job->streams = g_list_remove (stream->job->streams, stream);
  stream->job = NULL;

  soup_message_body_complete (soup_server_message_get_response_body (stream->msg));
  if (!stream->in_handler)
    soup_server_message_unpause (stream->msg);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    FakeStream        *stream)
{
  LkFakeFal *self = stream->self;

  if (stream->job != NULL)
    stream->job->streams = g_list_remove (stream->job->streams, stream);
  stream->job = NULL;
  stream->done = TRUE;
  self->streams = g_list_remove (self->streams, stream);
  stream_free (stream);
}

void
_lk_fake_fal_stop_streams (LkFakeFal *self)
{
  while (self->streams != NULL)
    {
      FakeStream *stream = self->streams->data;

      self->streams = g_list_delete_link (self->streams, self->streams);
      stream_end (stream);
      stream_free (stream);
    }
}

static gboolean
stream_keepalive_cb (gpointer user_data)
{
  FakeStream *stream = user_data;

  if (!stream->no_keepalive)
    stream_write (stream, ": ping\n\n", strlen (": ping\n\n"));

  return G_SOURCE_CONTINUE;
}

static gboolean
stream_stall_cb (gpointer user_data)
{
  FakeStream *stream = user_data;

  stream->stall_id = 0;
  stream_end (stream);

  return G_SOURCE_REMOVE;
}

static void
stream_push (FakeStream *stream,
             gboolean    force)
{
  FakeJob *job = stream->job;
  g_autoptr(JsonNode) status = NULL;
  g_autofree char *json = NULL;
  g_autofree char *event = NULL;
  gboolean new_logs;

  if (stream->done || stream->stalled || job == NULL)
    return;

  new_logs = stream->logs && job->logs->len > stream->log_sent;
  if (!force && !new_logs && job->phase == stream->last_phase &&
      job->queue_position == stream->last_position)
    return;

  status = job_status_json (job, stream->logs, stream->log_sent);
  json = json_to_string (status, FALSE);
  event = g_strdup_printf ("data: %s\n\n", json);

  if (stream->cut_mid && stream->events >= 1)
    {
      stream_write (stream, event, strlen (event) / 2);
      stream_end (stream);
      return;
    }

  stream_write (stream, event, strlen (event));
  stream->events++;
  stream->log_sent = job->logs->len;
  stream->last_phase = job->phase;
  stream->last_position = job->queue_position;

  if (job->phase == FAKE_PHASE_COMPLETED ||
      (stream->drop_after > 0 && stream->events >= stream->drop_after))
    {
      stream_end (stream);
      return;
    }

  if (stream->stall_ms > 0)
    {
      stream->stalled = TRUE;
      stream->stall_id = g_timeout_add (stream->stall_ms, stream_stall_cb, stream);
    }
}

static void
job_changed (FakeJob *job)
{
  GList *copy = g_list_copy (job->streams);

  for (GList *l = copy; l != NULL; l = l->next)
    stream_push (l->data, FALSE);
  g_list_free (copy);
}

static void
handle_stream (LkFakeFal   *self,
               FakeRequest *req,
               FakeJob     *job,
               gboolean     with_logs,
               const char  *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autoptr(JsonObject) action = NULL;
  FakeStream *stream;

  action = _lk_fake_fal_match_fault (self, req, soup_server_message_get_method (req->msg),
                                     path, job->app, "stream");
  if (action != NULL && json_object_has_member (action, "respond"))
    {
      req->action = g_steal_pointer (&action);
      return;
    }

  stream = g_new0 (FakeStream, 1);
  stream->self = self;
  stream->job = job;
  stream->msg = g_object_ref (req->msg);
  stream->logs = with_logs;
  stream->last_position = -1;
  if (action != NULL && json_object_has_member (action, "sse"))
    {
      JsonObject *sse = json_object_get_object_member (action, "sse");

      stream->drop_after = json_object_get_int_member_with_default (sse, "drop_after_events", 0);
      stream->cut_mid = json_object_get_boolean_member_with_default (sse, "cut_mid_event", FALSE);
      stream->stall_ms = json_object_get_int_member_with_default (sse, "stall_ms", 0);
      stream->no_keepalive = json_object_get_boolean_member_with_default (sse, "no_keepalive", FALSE);
    }

  soup_server_message_set_status (req->msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Content-Type", "text/event-stream");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_replace (headers, "x-fal-request-id", job->id);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (req->msg), FALSE);
  json_object_set_int_member (req->record, "status", 200);

  stream->finished_id = g_signal_connect (req->msg, "finished",
                                          G_CALLBACK (stream_finished_cb), stream);
  self->streams = g_list_prepend (self->streams, stream);
  job->streams = g_list_prepend (job->streams, stream);
  stream->keepalive_id = g_timeout_add (self->keepalive_ms, stream_keepalive_cb, stream);

  stream->in_handler = TRUE;
  stream_push (stream, TRUE);
  stream->in_handler = FALSE;
}

/* Routes */

static gboolean
parse_logs_param (const char *query)
{
  g_autoptr(GHashTable) params = NULL;
  const char *value;

  if (query == NULL)
    return FALSE;
  params = soup_form_decode (query);
  value = g_hash_table_lookup (params, "logs");

  return value != NULL && (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0);
}

gboolean
_lk_fake_fal_app_known (LkFakeFal  *self,
                        const char *app)
{
  const char *state = g_hash_table_lookup (self->apps, app);

  return state != NULL && g_str_equal (state, "active");
}

static void
apply_submit_action (FakeRequest *req,
                     JsonObject  *action,
                     JsonObject  *outcome)
{
  if (action == NULL)
    return;
  if (json_object_has_member (action, "outcome") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (action, "outcome")))
    merge_object (outcome, json_object_get_object_member (action, "outcome"));
}

static void
check_dataset (LkFakeFal  *self,
               FakeJob    *job)
{
  const char *field = _lk_fake_fal_dataset_field (job->app);
  const char *url;
  FakeFile *file;
  g_autofree char *error = NULL;
  guint n_images = 0;
  gpointer min_value;
  guint min_images;

  job->n_images = 14;
  if (field == NULL || job->input == NULL || !JSON_NODE_HOLDS_OBJECT (job->input))
    return;
  url = json_object_get_string_member_with_default (json_node_get_object (job->input), field, NULL);
  if (url == NULL)
    return;

  if (!g_str_has_prefix (url, lk_fake_fal_get_url (self, LK_FAKE_FAL_CDN)) &&
      !g_str_has_prefix (url, lk_fake_fal_get_url (self, LK_FAKE_FAL_UPLOAD)))
    return;

  file = _lk_fake_fal_lookup_url (self, url);
  if (file == NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "detail");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "loc");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, "body");
      json_builder_add_string_value (builder, field);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "msg");
      json_builder_add_string_value (builder, "Failed to download the file. Please check if the URL is accessible.");
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "file_download_error");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      job->fail_error = g_strdup ("Failed to download the training data archive");
      job->fail_error_type = g_strdup ("bad_request");
      job->fail_status = 422;
      job->fail_body = json_builder_get_root (builder);
      return;
    }

  if (!_lk_fake_fal_inspect_zip (file, &n_images, &error))
    {
      job->fail_error = g_strdup_printf ("The training data is not a valid ZIP archive: %s", error);
      job->fail_error_type = g_strdup ("bad_request");
      job->fail_status = 422;
      return;
    }

  job->n_images = n_images;
  if (!g_hash_table_lookup_extended (self->min_images, job->app, NULL, &min_value) &&
      !g_hash_table_lookup_extended (self->min_images, "*", NULL, &min_value))
    min_value = GINT_TO_POINTER (0);
  min_images = GPOINTER_TO_UINT (min_value);

  if (n_images < min_images)
    {
      job->fail_error = g_strdup_printf ("Not enough images: found %u in the archive, at least %u are required",
                                         n_images, min_images);
      job->fail_error_type = g_strdup ("bad_request");
      job->fail_status = 422;
    }
}

static void
handle_submit (LkFakeFal   *self,
               FakeRequest *req,
               const char  *path,
               const char  *app,
               const char  *base,
               const char  *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *scenario = soup_message_headers_get_one (headers, "x-fake-scenario");
  g_autoptr(JsonObject) outcome = json_object_new ();
  g_autoptr(JsonObject) action = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonNode) invalid = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SoupMessageHeadersIter iter;
  const char *name, *value;
  const char *submit_status;
  const char *suffix;
  FakeJob *job;

  if (_lk_fake_fal_check_auth (req, TRUE) == NULL)
    return;
  if (!_lk_fake_fal_app_known (self, app))
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
      return;
    }

  action = _lk_fake_fal_match_fault (self, req, "POST", path, app, "submit");
  if (scenario != NULL)
    {
      FakeFault *fault = _lk_fake_fal_find_fault (self, scenario);

      if (fault != NULL && fault->times != 0)
        {
          if (fault->times > 0)
            fault->times--;
          g_clear_pointer (&action, json_object_unref);
          action = json_object_ref (fault->action);
        }
    }
  if (_lk_fake_fal_take_action (req, action))
    return;
  apply_submit_action (req, action, outcome);

  input = _lk_fake_fal_parse_body (req);
  if (input == NULL && soup_server_message_get_request_body (req->msg)->length == 0)
    {
      input = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (input, json_object_new ());
    }
  invalid = _lk_fake_fal_validate_input (self, app, input);
  if (invalid != NULL && (self->validate_at_submit || input == NULL))
    {
      JsonNode *body = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (body, json_object_new ());
      json_object_set_member (json_node_get_object (body), "detail", g_steal_pointer (&invalid));
      _lk_fake_fal_respond_json (req, 422, body);
      return;
    }

  job = g_new0 (FakeJob, 1);
  job->self = self;
  job->id = _lk_fake_fal_new_uuid ();
  job->app = g_strdup (app);
  job->base = g_strdup (base);
  job->kind = _lk_fake_fal_app_kind (app);
  job->input = g_steal_pointer (&input);
  job->outcome = json_object_ref (outcome);
  job->invalid_detail = g_steal_pointer (&invalid);
  job->logs = g_ptr_array_new_with_free_func (log_free);
  job->script = g_ptr_array_new_with_free_func (g_free);
  job->headers = json_object_new ();
  job->hold = outcome_bool (job, "hold");

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strncasecmp (name, "x-fal-", 6) == 0)
      {
        g_autofree char *lower = g_ascii_strdown (name, -1);

        json_object_set_string_member (job->headers, lower, value);
      }
  if (query != NULL)
    {
      g_autoptr(GHashTable) params = soup_form_decode (query);

      job->webhook = g_strdup (g_hash_table_lookup (params, "fal_webhook"));
    }

  suffix = outcome_string (job, "response_url_suffix");
  job->response_url = g_strdup_printf ("%s/%s/requests/%s%s",
                                       lk_fake_fal_get_url (self, LK_FAKE_FAL_QUEUE),
                                       base, job->id, suffix != NULL ? suffix : "");

  if (job->invalid_detail == NULL)
    check_dataset (self, job);
  job_build_script (job);

  g_hash_table_insert (self->jobs, job->id, job);
  g_ptr_array_add (self->job_order, g_strdup (job->id));
  g_free (req->request_id);
  req->request_id = g_strdup (job->id);

  submit_status = outcome_string (job, "submit_status");
  if (submit_status != NULL && g_str_equal (submit_status, "IN_PROGRESS"))
    {
      job_start_progress (job);
    }
  else
    {
      job->phase = FAKE_PHASE_IN_QUEUE;
      job->queue_position = (gint) outcome_int (job, "queue_position_start", self->queue_position_start);
      job_arm_timer (job);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, phase_names[job->phase]);
  add_urls (builder, job);
  json_builder_set_member_name (builder, "queue_position");
  json_builder_add_int_value (builder, job->queue_position);
  json_builder_end_object (builder);

  json_object_set_string_member (req->record, "request_id", job->id);
  _lk_fake_fal_respond_json (req, 200, json_builder_get_root (builder));
}

static void
handle_cancel (LkFakeFal   *self,
               FakeRequest *req,
               FakeJob     *job)
{
  if (job == NULL)
    {
      respond_status_only (req, 404, "NOT_FOUND");
      return;
    }
  if (job->phase == FAKE_PHASE_COMPLETED)
    {
      respond_status_only (req, 400, "ALREADY_COMPLETED");
      return;
    }

  respond_status_only (req, self->cancel_ok_code, "CANCELLATION_REQUESTED");

  if (job->phase == FAKE_PHASE_IN_QUEUE)
    {
      job_finish_cancelled (job);
    }
  else if (outcome_bool (job, "ignore_cancel"))
    {
      job->cancel = FAKE_CANCEL_IGNORED;
    }
  else if (job->cancel_timer_id == 0)
    {
      job->cancel = FAKE_CANCEL_REQUESTED;
      job->cancel_timer_id = g_timeout_add (MIN (self->log_interval_ms, 100),
                                            cancel_timeout_cb, job);
    }
}

static void
handle_result (LkFakeFal   *self,
               FakeRequest *req,
               FakeJob     *job)
{
  if (job == NULL)
    {
      _lk_fake_fal_respond_detail (req, 404, "Request not found");
      return;
    }
  if (job->phase != FAKE_PHASE_COMPLETED)
    {
      _lk_fake_fal_respond_detail (req, 400, "Request is still in progress");
      return;
    }
  if (self->result_ttl_ms >= 0 &&
      g_get_monotonic_time () - job->completed_us > self->result_ttl_ms * 1000)
    {
      _lk_fake_fal_respond_detail (req, 404, "Request not found");
      return;
    }

  _lk_fake_fal_respond_json (req, job->result_status, json_node_copy (job->result_body));
}

static void
respond_action (FakeRequest *req)
{
  JsonObject *respond = json_object_get_object_member (req->action, "respond");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  guint status = json_object_get_int_member_with_default (respond, "status", 500);
  const char *content_type = "application/json";
  g_autofree char *text = NULL;

  req->omit_request_id = json_object_get_boolean_member_with_default (respond, "omit_request_id", FALSE);
  if (json_object_has_member (respond, "headers") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (respond, "headers")))
    {
      JsonObject *extra = json_object_get_object_member (respond, "headers");
      g_autoptr(GList) names = json_object_get_members (extra);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *value = json_object_get_string_member_with_default (extra, l->data, "");

          if (g_ascii_strcasecmp (l->data, "Content-Type") == 0)
            content_type = value;
          else
            soup_message_headers_replace (headers, l->data, value);
        }
    }

  if (json_object_has_member (respond, "raw"))
    text = g_strdup (json_object_get_string_member_with_default (respond, "raw", ""));
  else if (json_object_has_member (respond, "body"))
    text = json_to_string (json_object_get_member (respond, "body"), FALSE);
  else
    text = g_strdup ("");

  if (json_object_has_member (respond, "body") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (respond, "body")))
    {
      JsonObject *body = json_object_get_object_member (respond, "body");

      if (json_object_has_member (body, "error_type") &&
          soup_message_headers_get_one (headers, "X-Fal-Error-Type") == NULL)
        soup_message_headers_replace (headers, "X-Fal-Error-Type",
                                      json_object_get_string_member_with_default (body, "error_type", ""));
    }

  _lk_fake_fal_respond_text (req, status, content_type, text);
}

/* Shared by Q and R: when a fault action replaced the normal answer. */
gboolean
_lk_fake_fal_take_action (FakeRequest *req,
                          JsonObject  *action)
{
  if (action == NULL)
    return FALSE;
  if (json_object_has_member (action, "malform"))
    {
      g_free (req->malform);
      req->malform = g_strdup (json_object_get_string_member_with_default (action, "malform", NULL));
    }
  if (!json_object_has_member (action, "respond"))
    return FALSE;

  if (req->action != action)
    {
      g_clear_pointer (&req->action, json_object_unref);
      req->action = json_object_ref (action);
    }
  respond_action (req);
  return TRUE;
}

void
_lk_fake_fal_handle_queue (LkFakeFal   *self,
                           FakeRequest *req,
                           const char  *path,
                           const char  *query)
{
  const char *method = soup_server_message_get_method (req->msg);
  g_auto(GStrv) all = g_strsplit (path + (path[0] == '/'), "/", -1);
  g_autoptr(GPtrArray) segs = g_ptr_array_new ();
  g_autofree char *base = NULL;
  g_autofree char *app = NULL;
  guint base_len;
  guint n;

  for (guint i = 0; all[i] != NULL; i++)
    if (all[i][0] != '\0')
      g_ptr_array_add (segs, all[i]);
  g_ptr_array_add (segs, NULL);
  n = segs->len - 1;

  if (_lk_fake_fal_check_auth (req, FALSE) == NULL)
    return;

  base_len = n > 0 && (g_str_equal (segs->pdata[0], "workflows") ||
                       g_str_equal (segs->pdata[0], "comfy")) ? 3 : 2;
  if (n < base_len)
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
      return;
    }
  base = g_strjoinv ("/", (char **) segs->pdata);
  app = g_strdup (base);
  {
    char **parts = (char **) segs->pdata;
    char *saved = parts[base_len];

    parts[base_len] = NULL;
    g_free (base);
    base = g_strjoinv ("/", parts);
    parts[base_len] = saved;
  }

  if (n > base_len && g_str_equal (segs->pdata[base_len], "requests") && n >= base_len + 2)
    {
      const char *id = segs->pdata[base_len + 1];
      const char *rest = n > base_len + 2 ? segs->pdata[base_len + 2] : NULL;
      const char *rest2 = n > base_len + 3 ? segs->pdata[base_len + 3] : NULL;
      FakeJob *job = g_hash_table_lookup (self->jobs, id);
      g_autoptr(JsonObject) action = NULL;
      const char *kind = "other";

      if (job != NULL && !g_str_equal (job->base, base))
        job = NULL;
      if (job != NULL)
        {
          g_free (req->request_id);
          req->request_id = g_strdup (job->id);
        }
      json_object_set_string_member (req->record, "request_id", id);

      if (rest != NULL && g_str_equal (rest, "status") && rest2 != NULL && g_str_equal (rest2, "stream"))
        kind = "stream";
      if (!g_str_equal (kind, "stream"))
        {
          action = _lk_fake_fal_match_fault (self, req, method, path,
                                             job != NULL ? job->app : base, kind);
          if (_lk_fake_fal_take_action (req, action))
            return;
        }

      if (n > base_len + 4 ||
          (rest2 != NULL && !g_str_equal (kind, "stream")))
        {
          _lk_fake_fal_respond_detail (req, 404, "Not Found");
        }
      else if (g_str_equal (kind, "stream"))
        {
          if (job == NULL)
            _lk_fake_fal_respond_detail (req, 404, "Request not found");
          else
            {
              handle_stream (self, req, job, parse_logs_param (query), path);
              if (req->action != NULL)
                respond_action (req);
            }
        }
      else if (rest != NULL && g_str_equal (rest, "status"))
        {
          if (job == NULL)
            _lk_fake_fal_respond_detail (req, 404, "Request not found");
          else
            _lk_fake_fal_respond_json (req, job->phase == FAKE_PHASE_COMPLETED ? 200 : 202,
                                       job_status_json (job, parse_logs_param (query), -1));
        }
      else if (rest != NULL && g_str_equal (rest, "cancel"))
        {
          if (!g_str_equal (method, "PUT") && !g_str_equal (method, "POST"))
            _lk_fake_fal_respond_detail (req, 405, "Method Not Allowed");
          else
            handle_cancel (self, req, job);
        }
      else if (rest == NULL || g_str_equal (rest, "response"))
        {
          handle_result (self, req, job);
        }
      else
        {
          _lk_fake_fal_respond_detail (req, 404, "Not Found");
        }
      return;
    }

  /* A status/result path built from the full endpoint id (owner/alias/path/
   * requests/…) is not served: fal only answers at owner/alias. */
  for (guint i = base_len; i < n; i++)
    if (g_str_equal (segs->pdata[i], "requests"))
      {
        _lk_fake_fal_respond_detail (req, 404, "Not Found");
        return;
      }

  if (!g_str_equal (method, "POST"))
    {
      _lk_fake_fal_respond_detail (req, 405, "Method Not Allowed");
      return;
    }

  handle_submit (self, req, path, app, base, query);
}

/* Proxy */

static const char *const proxy_allow_list[] = {
  "fal.run/*",
  "queue.fal.run/*",
  "rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3",
  "rest.fal.ai/storage/upload/complete-multipart?storage_type=fal-cdn-v3",
};

void
_lk_fake_fal_handle_proxy (LkFakeFal   *self,
                           FakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *target = soup_message_headers_get_one (headers, "x-fal-target-url");
  g_autoptr(GUri) uri = NULL;
  g_autofree char *key = NULL;
  gboolean allowed = FALSE;

  if (target != NULL)
    uri = g_uri_parse (target, G_URI_FLAGS_ENCODED, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      const char *query = g_uri_get_query (uri);

      key = g_strconcat (g_uri_get_host (uri), g_uri_get_path (uri),
                         query != NULL ? "?" : "", query != NULL ? query : "", NULL);
      for (guint i = 0; i < G_N_ELEMENTS (proxy_allow_list) && !allowed; i++)
        allowed = g_pattern_match_simple (proxy_allow_list[i], key);
    }

  if (!allowed)
    {
      _lk_fake_fal_respond_text (req, 400, "text/plain", "Invalid request");
      return;
    }
  json_object_set_string_member (req->record, "proxy_target", target);

  if (soup_message_headers_get_one (headers, "Authorization") == NULL)
    {
      _lk_fake_fal_respond_text (req, 401, "text/plain", "Unauthorized");
      return;
    }

  if (g_str_equal (g_uri_get_host (uri), "queue.fal.run"))
    {
      req->route = LK_FAKE_FAL_QUEUE;
      _lk_fake_fal_handle_queue (self, req, g_uri_get_path (uri), g_uri_get_query (uri));
    }
  else if (g_str_equal (g_uri_get_host (uri), "rest.fal.ai"))
    {
      req->route = LK_FAKE_FAL_REST;
      _lk_fake_fal_handle_rest (self, req, g_uri_get_path (uri), g_uri_get_query (uri));
    }
  else
    {
      _lk_fake_fal_respond_detail (req, 404, "Not Found");
    }
}

/* Control */

JsonNode *
_lk_fake_fal_jobs_to_json (LkFakeFal *self)
{
  static const char *const cancel_names[] = { "none", "requested", "cancelled", "ignored" };
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->job_order->len; i++)
    {
      FakeJob *job = g_hash_table_lookup (self->jobs, g_ptr_array_index (self->job_order, i));
      const char *outcome = "pending";

      if (job == NULL)
        continue;
      if (job->phase == FAKE_PHASE_COMPLETED)
        outcome = job->cancel == FAKE_CANCEL_DONE ? "cancelled" : job->error != NULL ? "failed" : "success";

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "request_id");
      json_builder_add_string_value (builder, job->id);
      json_builder_set_member_name (builder, "app");
      json_builder_add_string_value (builder, job->app);
      json_builder_set_member_name (builder, "base");
      json_builder_add_string_value (builder, job->base);
      json_builder_set_member_name (builder, "phase");
      json_builder_add_string_value (builder, phase_names[job->phase]);
      json_builder_set_member_name (builder, "queue_position");
      json_builder_add_int_value (builder, job->queue_position);
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, outcome);
      json_builder_set_member_name (builder, "cancel");
      json_builder_add_string_value (builder, cancel_names[job->cancel]);
      json_builder_set_member_name (builder, "hold");
      json_builder_add_boolean_value (builder, job->hold);
      json_builder_set_member_name (builder, "n_logs");
      json_builder_add_int_value (builder, job->logs->len);
      json_builder_set_member_name (builder, "n_images");
      json_builder_add_int_value (builder, job->n_images);
      json_builder_set_member_name (builder, "error");
      if (job->error != NULL)
        json_builder_add_string_value (builder, job->error);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "error_type");
      if (job->error_type != NULL)
        json_builder_add_string_value (builder, job->error_type);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "result_status");
      json_builder_add_int_value (builder, job->result_status);
      json_builder_set_member_name (builder, "input");
      json_builder_add_value (builder, job->input != NULL ? json_node_copy (job->input) : json_node_new (JSON_NODE_NULL));
      json_builder_set_member_name (builder, "headers");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), job->headers));
      json_builder_set_member_name (builder, "webhook");
      if (job->webhook != NULL)
        json_builder_add_string_value (builder, job->webhook);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "outcome_knobs");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), job->outcome));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

gboolean
_lk_fake_fal_steer (LkFakeFal  *self,
                    const char *request_id,
                    JsonObject *steer)
{
  FakeJob *job = g_hash_table_lookup (self->jobs, request_id);
  const char *advance;

  if (job == NULL)
    return FALSE;

  if (json_object_has_member (steer, "outcome") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (steer, "outcome")))
    {
      JsonObject *outcome = json_object_get_object_member (steer, "outcome");

      merge_object (job->outcome, outcome);
      if (json_object_has_member (outcome, "hold"))
        job->hold = outcome_bool (job, "hold");
      if (json_object_has_member (outcome, "queue_ms") && job->phase == FAKE_PHASE_IN_QUEUE)
        job_arm_timer (job);
      if (json_object_has_member (outcome, "queue_position_start") && job->phase == FAKE_PHASE_IN_QUEUE)
        {
          job->queue_position = (gint) outcome_int (job, "queue_position_start", job->queue_position);
          job_arm_timer (job);
          job_changed (job);
        }
      if (json_object_has_member (outcome, "fail_after_ms") && job->phase == FAKE_PHASE_IN_PROGRESS)
        {
          g_clear_handle_id (&job->fail_timer_id, g_source_remove);
          job->fail_timer_id = g_timeout_add ((guint) outcome_int (job, "fail_after_ms", 0),
                                              fail_timeout_cb, job);
        }
    }
  if (json_object_has_member (steer, "hold"))
    job->hold = json_object_get_boolean_member_with_default (steer, "hold", FALSE);

  advance = json_object_get_string_member_with_default (steer, "advance", NULL);
  if (advance != NULL && job->phase != FAKE_PHASE_COMPLETED)
    {
      if (g_str_equal (advance, "IN_PROGRESS") && job->phase == FAKE_PHASE_IN_QUEUE)
        job_start_progress (job);
      else if (g_str_equal (advance, "COMPLETED"))
        {
          if (job->started_us == 0)
            job->started_us = g_get_monotonic_time ();
          job_finish_from_outcome (job);
        }
    }

  return TRUE;
}
