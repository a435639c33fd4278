/* lk-job-progress.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-progress"

#include "config.h"

#include "lk-fal-status.h"
#include "lk-job-private.h"
#include "lk-util.h"

/* What a job learns while it runs: log lines (de-duplicated by identity,
 * read for steps, with an ETA once two step lines are known) and byte
 * counts (a smoothed rate and an ETA). */

#define SEEN_LOGS_MAX 1024

static void
set_eta (LkJob  *self,
         gint64  eta)
{
  if (self->eta_seconds != eta)
    {
      self->eta_seconds = eta;
      _lk_job_mark_dirty (self, PROP_ETA_SECONDS);
    }
}


void
_lk_job_add_logs (LkJob     *self,
                  GPtrArray *logs)
{
  gint64 now = g_get_monotonic_time ();
  gboolean added = FALSE;

  for (guint i = 0; i < logs->len; i++)
    {
      const LkFalLog *log = g_ptr_array_index (logs, i);
      char *identity;
      guint step, total;

      if (log->message == NULL)
        continue;

      /* fal's windows overlap (protocol §3.2); a reattach replays them. */
      identity = g_strconcat (log->timestamp ? log->timestamp : "", "\x1f", log->message, NULL);
      if (g_hash_table_contains (self->seen_logs, identity))
        {
          g_free (identity);
          continue;
        }
      g_hash_table_add (self->seen_logs, identity);
      g_queue_push_tail (&self->seen_order, identity);
      if (self->seen_order.length > SEEN_LOGS_MAX)
        g_hash_table_remove (self->seen_logs, g_queue_pop_head (&self->seen_order));

      lk_log_model_append (self->log_model, log->timestamp, log->level, log->message);
      lk_set_str (&self->last_log_line, log->message);
      self->n_log_lines++;
      added = TRUE;

      if (lk_job_parse_step (log->message, &step, &total))
        {
          if (self->n_step_samples == 0 || step < self->first_step)
            {
              self->first_step = step;
              self->first_step_time = now;
              self->n_step_samples = 1;
            }
          else
            self->n_step_samples++;
          self->last_step_time = now;

          if (self->step != step)
            {
              self->step = step;
              _lk_job_mark_dirty (self, PROP_STEP);
            }
          if (self->total_steps != total)
            {
              self->total_steps = total;
              _lk_job_mark_dirty (self, PROP_TOTAL_STEPS);
            }
          _lk_job_set_fraction (self, (double) step / total);

          if (self->n_step_samples >= 2 && step > self->first_step && now > self->first_step_time)
            {
              double rate = (double) (step - self->first_step) /
                            ((double) (now - self->first_step_time) / G_USEC_PER_SEC);

              set_eta (self, (gint64) ((total - step) / rate + 0.5));
            }
        }
    }

  if (added)
    {
      self->last_log_time = now;
      _lk_job_mark_dirty (self, PROP_LAST_LOG_LINE);
      _lk_job_mark_dirty (self, PROP_LAST_LOG_AGE);
    }
}

void
_lk_job_update_bytes (LkJob   *self,
                      goffset  done,
                      goffset  total)
{
  gint64 now = g_get_monotonic_time ();

  if (self->rate_time != 0 && now > self->rate_time && done >= self->rate_bytes)
    {
      double sample = (double) (done - self->rate_bytes) / ((double) (now - self->rate_time) / G_USEC_PER_SEC);

      /* A moving average keeps the rate from jumping with each chunk. */
      self->bytes_per_second = self->bytes_per_second > 0
                               ? 0.7 * self->bytes_per_second + 0.3 * sample
                               : sample;
      _lk_job_mark_dirty (self, PROP_BYTES_PER_SECOND);
    }
  self->rate_time = now;
  self->rate_bytes = done;

  if (total > 0)
    {
      _lk_job_set_fraction (self, MIN (1.0, (double) done / total));
      if (self->bytes_per_second > 0 && total >= done)
        set_eta (self, (gint64) ((total - done) / self->bytes_per_second + 0.5));
    }
}

