/* lk-fake-fal-script.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-script"

#include "config.h"

#include <math.h>

#include "lk-fake-fal-private.h"

/* The log script of a simulated job: its text depends only on the
 * configuration and the input, never on timing (see README.md). */

/* A bound on a training log, whatever the timing configuration says. */
#define FAKE_MAX_SCRIPT_LINES 1000000

/* The body of a training log: @n_lines lines over @steps steps. Line i
 * (1-based) has reached step floor (steps * i / n_lines); it is a step line
 * when that step is new, so consecutive step lines carry strictly increasing
 * steps and the last line is always "step <steps>/<steps>". With fewer lines
 * than steps every line is a step line; with more, each step is written once
 * and the lines in between are micro-batch lines that name no step pair. */
static void
add_training_lines (GPtrArray *script,
                    gint64     steps,
                    guint64    n_lines)
{
  gint64 previous = 0;
  guint micro = 0;

  for (guint64 i = 1; i <= n_lines; i++)
    {
      gint64 step = (gint64) (((guint64) steps * i) / n_lines);
      double loss = 0.05 + 0.45 * exp (-3.0 * (double) step / (double) steps);
      char loss_text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (loss_text, sizeof loss_text, "%.4f", loss);
      if (step > previous)
        {
          g_ptr_array_add (script,
                           g_strdup_printf ("step %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ", loss=%s",
                                            step, steps, loss_text));
          previous = step;
          micro = 0;
        }
      else
        {
          g_ptr_array_add (script, g_strdup_printf ("  micro-batch %u, loss=%s", ++micro, loss_text));
        }
    }
}

void
_lk_fake_fal_job_build_script (FakeJob *job)
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
            {
              JsonObject *entry = json_node_get_object (item);

              g_ptr_array_add (job->script,
                               g_strdup (json_object_get_string_member_with_default (entry, "message", "")));
            }
        }
    }
  else if (job->invalid_detail != NULL)
    {
      g_ptr_array_add (job->script, g_strdup ("Validating input"));
    }
  else if (job->kind == FAKE_APP_LORA_TRAINER || job->kind == FAKE_APP_PRO_TRAINER)
    {
      gint64 steps = MAX (1, _lk_fake_fal_steps (job->app, job->input));
      guint64 n_lines = MIN ((guint64) ticks * self->log_batch, FAKE_MAX_SCRIPT_LINES);
      guint64 n_body = n_lines > 3 ? n_lines - 3 : 1;

      g_ptr_array_add (job->script, g_strdup_printf ("Preprocessing %u images", job->n_images));
      g_ptr_array_add (job->script, g_strdup ("Loading model..."));
      if (job->fail_error == NULL)
        {
          add_training_lines (job->script, steps, n_body);
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
