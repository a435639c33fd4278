/* lk-fake-fal-job.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-job"

#include "config.h"

#include <string.h>

#include "lk-fake-fal-private.h"

/* Simulated jobs: the phase machine, the log script, outputs, failures,
 * cancellation, status objects and steering from the control API. */


static const char *const phase_names[] = { "IN_QUEUE", "IN_PROGRESS", "COMPLETED" };

/* Helpers */

gint64
_lk_fake_fal_outcome_int (FakeJob    *job,
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

const char *
_lk_fake_fal_outcome_string (FakeJob    *job,
                             const char *name)
{
  JsonNode *node = json_object_get_member (job->outcome, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
_lk_fake_fal_outcome_bool (FakeJob    *job,
                           const char *name)
{
  JsonNode *node = json_object_get_member (job->outcome, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

void
_lk_fake_fal_merge_object (JsonObject *into,
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

JsonNode *
_lk_fake_fal_detail_body (const char *detail,
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

/* Jobs */

void
_lk_fake_fal_log_free (gpointer data)
{
  FakeLog *log = data;

  g_free (log->message);
  g_free (log->level);
  g_free (log->timestamp);
  g_free (log);
}

/* @real_us: the line's wall-clock time, or 0 for now. Timestamps of a
 * job's lines strictly increase. */
static void
job_add_log_at (FakeJob    *job,
                const char *message,
                const char *level,
                gint64      real_us)
{
  FakeLog *log = g_new0 (FakeLog, 1);
  g_autoptr(GDateTime) second = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (real_us == 0)
    real_us = g_get_real_time ();
  real_us = MAX (real_us, job->last_log_real_us + 1);
  job->last_log_real_us = real_us;
  second = g_date_time_new_from_unix_utc (real_us / G_USEC_PER_SEC);
  when = g_date_time_add (second, real_us % G_USEC_PER_SEC);

  log->message = g_strdup (message);
  if (level != NULL)
    log->level = g_strdup (level);
  else
    log->level = g_strdup (g_str_has_prefix (message, "{\"traceback\"") ? "ERROR" : "INFO");
  log->timestamp = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_ptr_array_add (job->logs, log);
}

static void
job_add_log (FakeJob    *job,
             const char *message,
             const char *level)
{
  job_add_log_at (job, message, level, 0);
}

static void
job_clear_timers (FakeJob *job)
{
  _lk_fake_fal_source_clear (job->self, &job->timer_id);
  _lk_fake_fal_source_clear (job->self, &job->fail_timer_id);
  _lk_fake_fal_source_clear (job->self, &job->cancel_timer_id);
  _lk_fake_fal_source_clear (job->self, &job->start_timeout_id);
}

void
_lk_fake_fal_job_free (gpointer data)
{
  FakeJob *job = data;

  job_clear_timers (job);
  _lk_fake_fal_job_close_streams (job);
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
      JsonObject *size = json_node_get_object (node);

      *width = CLAMP (json_object_get_int_member_with_default (size, "width", 1024), 1, 4096);
      *height = CLAMP (json_object_get_int_member_with_default (size, "height", 768), 1, 4096);
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
  g_autoptr(JsonObject) input = job->input != NULL && JSON_NODE_HOLDS_OBJECT (job->input)
                                ? json_object_ref (json_node_get_object (job->input)) : json_object_new ();
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
      gint64 n_images = CLAMP (json_object_get_int_member_with_default (input, "num_images", 1), 1, 4);
      const char *format = json_object_get_string_member_with_default (input, "output_format", "jpeg");
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
      json_builder_add_int_value (builder, json_object_get_int_member_with_default (input, "seed", 42));
      json_builder_set_member_name (builder, "has_nsfw_concepts");
      json_builder_begin_array (builder);
      for (gint64 i = 0; i < n_images; i++)
        json_builder_add_boolean_value (builder, FALSE);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "prompt");
      json_builder_add_string_value (builder,
                                     json_object_get_string_member_with_default (input, "prompt", ""));
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
  _lk_fake_fal_job_changed (job);
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
  job->result_body = body != NULL ? body : _lk_fake_fal_detail_body (error, error_type);
  job_complete (job);
}

void
_lk_fake_fal_job_finish (FakeJob *job)
{
  const char *error = _lk_fake_fal_outcome_string (job, "error");
  gint64 result_status = _lk_fake_fal_outcome_int (job, "result_status", 0);
  JsonNode *result_body = json_object_get_member (job->outcome, "result_body");

  /* Pending script lines are flushed, so the log is complete. */
  for (guint i = job->script_next; i < job->script->len; i++)
    job_add_log (job, g_ptr_array_index (job->script, i), NULL);
  g_ptr_array_set_size (job->script, 0);
  job->script_next = 0;

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
      const char *error_type = _lk_fake_fal_outcome_string (job, "error_type");

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

void
_lk_fake_fal_job_finish_cancelled (FakeJob *job)
{
  job->cancel = FAKE_CANCEL_DONE;
  g_free (job->error);
  job->error = g_strdup ("Request cancelled");
  g_free (job->error_type);
  job->error_type = g_strdup ("client_cancelled");
  job->result_status = 499;
  g_clear_pointer (&job->result_body, json_node_unref);
  job->result_body = _lk_fake_fal_detail_body ("Request cancelled", "client_cancelled");
  job_complete (job);
}

static gboolean
cancel_timeout_cb (gpointer user_data)
{
  FakeJob *job = user_data;

  job->cancel_timer_id = 0;
  if (job->phase != FAKE_PHASE_COMPLETED)
    _lk_fake_fal_job_finish_cancelled (job);

  return G_SOURCE_REMOVE;
}

/* A running job ends cancelled shortly after the cancel request, unless the
 * outcome says to ignore it (checked by the caller). */
void
_lk_fake_fal_job_cancel_running (FakeJob *job)
{
  if (job->cancel_timer_id != 0)
    return;

  job->cancel = FAKE_CANCEL_REQUESTED;
  job->cancel_timer_id = _lk_fake_fal_timeout_add (job->self, MIN (job->self->log_interval_ms, 100),
                                                   cancel_timeout_cb, job);
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  FakeJob *job = user_data;

  job->start_timeout_id = 0;
  if (job->phase == FAKE_PHASE_IN_QUEUE)
    {
      /* fal gives up on a request that did not start in time: a 504 the
       * clients must not retry. */
      job->user_timeout = TRUE;
      job_fail (job, "Request timed out", "request_timeout", 504, NULL);
    }

  return G_SOURCE_REMOVE;
}

/* x-fal-request-timeout bounds the wait in the queue only. */
void
_lk_fake_fal_job_set_start_timeout (FakeJob *job,
                                    double   seconds)
{
  _lk_fake_fal_source_clear (job->self, &job->start_timeout_id);
  job->start_timeout_id = _lk_fake_fal_timeout_add (job->self, (guint) (seconds * 1000),
                                                    start_timeout_cb, job);
}

static gboolean
fail_timeout_cb (gpointer user_data)
{
  FakeJob *job = user_data;

  /* A held job keeps its phase; the failure waits for the hold to end. */
  if (job->hold)
    return G_SOURCE_CONTINUE;

  job->fail_timer_id = 0;
  if (job->phase != FAKE_PHASE_COMPLETED)
    _lk_fake_fal_job_finish (job);

  return G_SOURCE_REMOVE;
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  FakeJob *job = user_data;

  if (job->hold)
    {
      /* The log resumes on a fresh schedule once the hold ends. */
      job->tick_origin_us = 0;
      return G_SOURCE_CONTINUE;
    }

  if (job->script_next < job->script->len)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 real_now = g_get_real_time ();
      gint64 interval_us = (gint64) MAX (1, job->self->log_interval_ms) * 1000;
      guint64 due, n_ticks;
      guint n_lines;
      gint64 spacing;

      /* Ticks are kept on a fixed schedule from tick 0: a late tick writes
       * the batches of the ticks it missed (up to 10), so the line rate is
       * log_batch per log_interval_ms however late the timer fires. */
      if (job->tick_origin_us == 0)
        {
          job->tick_origin_us = now - interval_us;
          job->ticks_done = 0;
        }
      due = (guint64) ((now - job->tick_origin_us) / interval_us);
      n_ticks = due > job->ticks_done ? MIN (due - job->ticks_done, 10) : 1;
      job->ticks_done = MAX (job->ticks_done + n_ticks, due > 10 ? due - 10 : 0);

      n_lines = (guint) MIN ((guint64) job->self->log_batch * n_ticks, job->script->len - job->script_next);
      spacing = MAX (1, interval_us / job->self->log_batch);

      /* Each line has its own timestamp, spread over the ticks it stands
       * for and ending now. */
      for (guint k = 0; k < n_lines; k++)
        {
          char *line = g_ptr_array_index (job->script, job->script_next);

          job_add_log_at (job, line, NULL, real_now - spacing * (gint64) (n_lines - 1 - k));
          g_clear_pointer (&g_ptr_array_index (job->script, job->script_next), g_free);
          job->script_next++;
        }
      _lk_fake_fal_job_changed (job);
      return G_SOURCE_CONTINUE;
    }

  /* A job with a fail timer keeps running until the timer fires. */
  if (job->fail_timer_id != 0)
    return G_SOURCE_CONTINUE;

  job->timer_id = 0;
  _lk_fake_fal_job_finish (job);
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
      _lk_fake_fal_job_changed (job);
      return G_SOURCE_CONTINUE;
    }

  job->timer_id = 0;
  _lk_fake_fal_job_start_progress (job);
  return G_SOURCE_REMOVE;
}

void
_lk_fake_fal_job_arm_timer (FakeJob *job)
{
  LkFakeFal *self = job->self;

  _lk_fake_fal_source_clear (job->self, &job->timer_id);

  if (job->phase == FAKE_PHASE_IN_QUEUE)
    {
      gint64 queue_ms = _lk_fake_fal_outcome_int (job, "queue_ms", self->queue_ms);

      guint tick_ms = (guint) MAX (1, queue_ms / (job->queue_position + 1));

      job->timer_id = _lk_fake_fal_timeout_add (self, tick_ms, queue_tick_cb, job);
    }
  else if (job->phase == FAKE_PHASE_IN_PROGRESS)
    {
      job->tick_origin_us = 0;
      job->timer_id = _lk_fake_fal_timeout_add (self, MAX (1, self->log_interval_ms),
                                                progress_tick_cb, job);
    }
}

void
_lk_fake_fal_job_start_progress (FakeJob *job)
{
  gint64 fail_after = _lk_fake_fal_outcome_int (job, "fail_after_ms", -1);

  _lk_fake_fal_source_clear (job->self, &job->start_timeout_id);
  job->phase = FAKE_PHASE_IN_PROGRESS;
  job->queue_position = 0;
  job->started_us = g_get_monotonic_time ();
  if (fail_after >= 0 && job->fail_timer_id == 0)
    job->fail_timer_id = _lk_fake_fal_timeout_add (job->self, (guint) fail_after,
                                                   fail_timeout_cb, job);
  _lk_fake_fal_job_arm_timer (job);
  _lk_fake_fal_job_changed (job);
}

/* Status objects */

void
_lk_fake_fal_job_add_urls (JsonBuilder *builder,
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
JsonNode *
_lk_fake_fal_job_status_json (FakeJob  *job,
                              gboolean  with_logs,
                              gint      log_from)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, phase_names[job->phase]);
  _lk_fake_fal_job_add_urls (builder, job);
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
      json_builder_add_value (builder, job->input != NULL ? json_node_copy (job->input)
                                                          : json_node_new (JSON_NODE_NULL));
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

      _lk_fake_fal_merge_object (job->outcome, outcome);
      if (json_object_has_member (outcome, "hold"))
        job->hold = _lk_fake_fal_outcome_bool (job, "hold");
      if (json_object_has_member (outcome, "queue_ms") && job->phase == FAKE_PHASE_IN_QUEUE)
        _lk_fake_fal_job_arm_timer (job);
      if (json_object_has_member (outcome, "queue_position_start") && job->phase == FAKE_PHASE_IN_QUEUE)
        {
          job->queue_position = (gint) _lk_fake_fal_outcome_int (job, "queue_position_start",
                                                                 job->queue_position);
          _lk_fake_fal_job_arm_timer (job);
          _lk_fake_fal_job_changed (job);
        }
      if (json_object_has_member (outcome, "fail_after_ms") && job->phase == FAKE_PHASE_IN_PROGRESS)
        {
          guint fail_after = (guint) MAX (0, _lk_fake_fal_outcome_int (job, "fail_after_ms", 0));

          _lk_fake_fal_source_clear (self, &job->fail_timer_id);
          job->fail_timer_id = _lk_fake_fal_timeout_add (self, fail_after, fail_timeout_cb, job);
        }
    }
  if (json_object_has_member (steer, "hold"))
    job->hold = json_object_get_boolean_member_with_default (steer, "hold", FALSE);

  advance = json_object_get_string_member_with_default (steer, "advance", NULL);
  if (advance != NULL && job->phase != FAKE_PHASE_COMPLETED)
    {
      if (g_str_equal (advance, "IN_PROGRESS") && job->phase == FAKE_PHASE_IN_QUEUE)
        _lk_fake_fal_job_start_progress (job);
      else if (g_str_equal (advance, "COMPLETED"))
        {
          if (job->started_us == 0)
            job->started_us = g_get_monotonic_time ();
          _lk_fake_fal_job_finish (job);
        }
    }

  return TRUE;
}

