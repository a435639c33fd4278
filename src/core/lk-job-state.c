/* lk-job-state.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-state"

#include "config.h"

#include "lk-job-private.h"
#include "lk-util.h"

/* What the front ends read from a job. Everything here is notified through
 * the properties of lk-job.c, gathered on the main context. */

gint64
lk_job_get_id (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);
  return self->record->id;
}

const char *
lk_job_get_name (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->record->name;
}

/**
 * lk_job_dup_record:
 * @self: a job
 *
 * Returns: (transfer full): a copy of the job's record as it is now
 */
LkJobRecord *
lk_job_dup_record (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return lk_job_record_copy (self->record);
}

LkJobPhase
lk_job_get_phase (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), LK_JOB_PHASE_FAILED);
  return self->record->phase;
}

/**
 * lk_job_get_active:
 * @self: a job
 *
 * Returns: whether the job is being run or followed by this process
 */
gboolean
lk_job_get_active (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), FALSE);
  return self->active;
}

/**
 * lk_job_get_fraction:
 * @self: a job
 *
 * Returns: how far the current phase is, from 0 to 1, or -1 when unknown
 */
double
lk_job_get_fraction (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), -1.0);
  return self->fraction;
}

const char *
lk_job_get_status_text (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->status_text;
}

double
lk_job_get_bytes_per_second (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0.0);
  return self->bytes_per_second;
}

/**
 * lk_job_get_eta_seconds:
 * @self: a job
 *
 * While uploading or downloading: from the byte rate. While running: from
 * the steps, once two step lines have been seen.
 *
 * Returns: the seconds the current phase still needs, or -1 when unknown
 */
gint64
lk_job_get_eta_seconds (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), -1);
  return self->eta_seconds;
}

/**
 * lk_job_get_queue_position:
 * @self: a job
 *
 * Returns: the number of requests ahead in fal's queue, or -1
 */
int
lk_job_get_queue_position (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), -1);
  return self->queue_position;
}

guint
lk_job_get_step (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);
  return self->step;
}

guint
lk_job_get_total_steps (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);
  return self->total_steps;
}

/**
 * lk_job_get_elapsed_seconds:
 * @self: a job
 *
 * Returns: the seconds since the training started running, or 0
 */
gint64
lk_job_get_elapsed_seconds (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);

  if (self->running_since == 0 || self->record->phase != LK_JOB_PHASE_RUNNING)
    return 0;
  return MAX (0, (g_get_real_time () - self->running_since) / G_USEC_PER_SEC);
}

/**
 * lk_job_get_last_log_age:
 * @self: a job
 *
 * Returns: the seconds since the last log line arrived, or -1 if none has
 */
gint64
lk_job_get_last_log_age (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), -1);

  if (self->last_log_time == 0)
    return -1;
  return (g_get_monotonic_time () - self->last_log_time) / G_USEC_PER_SEC;
}

/**
 * lk_job_get_n_log_lines:
 * @self: a job
 *
 * Returns: how many log lines this process has received for the job (the
 *   log model keeps only the last %LK_JOB_LOG_MAX_LINES)
 */
guint64
lk_job_get_n_log_lines (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);
  return self->n_log_lines;
}

const char *
lk_job_get_last_log_line (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->last_log_line;
}

/**
 * lk_job_get_log_model:
 * @self: a job
 *
 * Returns: (transfer none): the job's log, a GListModel of LkLogLine
 */
LkLogModel *
lk_job_get_log_model (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->log_model;
}

/**
 * lk_job_get_cancellable:
 * @self: a job
 *
 * Returns: (transfer none) (nullable): the cancellable of the run in
 *   flight; lk_job_cancel() is the way to cancel a job
 */
GCancellable *
lk_job_get_cancellable (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->cancellable;
}

gboolean
lk_job_get_billed (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), FALSE);
  return self->record->billed;
}

const char *
lk_job_get_failure_reason (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->record->failure_reason;
}

/**
 * lk_job_get_error:
 * @self: a job
 *
 * Returns: (nullable): why the last run stopped early: a failure, or the
 *   error that lost contact with fal
 */
const GError *
lk_job_get_error (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->error;
}

const char *
lk_job_get_result_folder (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->record->result_folder;
}

const char *
lk_job_get_finetune_id (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->record->finetune_id;
}

/**
 * lk_job_set_download_folder:
 * @self: a job
 * @folder: (nullable): where the job's own folder is made; %NULL for
 *   lk_job_dup_default_models_dir()
 */
void
lk_job_set_download_folder (LkJob      *self,
                            const char *folder)
{
  g_return_if_fail (LK_IS_JOB (self));
  lk_set_str (&self->download_folder, folder);
}

const char *
lk_job_get_download_folder (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->download_folder;
}

/**
 * lk_job_dup_default_models_dir:
 *
 * Returns: (transfer full): `g_get_user_data_dir()/likeness/models`
 */
char *
lk_job_dup_default_models_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "likeness", "models", NULL);
}

