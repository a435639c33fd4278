/* lk-job-record.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-job-record.h"

G_DEFINE_ENUM_TYPE (LkJobPhase, lk_job_phase,
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_PREPARING, "preparing"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_PACKING, "packing"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_UPLOADING, "uploading"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_SUBMITTING, "submitting"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_DOWNLOADING, "downloading"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_DONE, "done"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (LK_JOB_PHASE_CANCELLED, "cancelled"))

G_DEFINE_BOXED_TYPE (LkJobRecord, lk_job_record, lk_job_record_ref, lk_job_record_unref)

/* Indexed by LkJobPhase; the nicks are what the store writes. */
static const struct {
  const char *nick;
  const char *label;
} phases[] = {
  { "preparing",   NC_("job phase", "Preparing") },
  { "packing",     NC_("job phase", "Packing") },
  { "uploading",   NC_("job phase", "Uploading") },
  { "submitting",  NC_("job phase", "Submitting") },
  { "queued",      NC_("job phase", "Queued") },
  { "running",     NC_("job phase", "Training") },
  { "downloading", NC_("job phase", "Downloading") },
  { "done",        NC_("job phase", "Done") },
  { "failed",      NC_("job phase", "Failed") },
  { "cancelled",   NC_("job phase", "Cancelled") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (phases) == LK_JOB_PHASE_CANCELLED + 1);

/**
 * lk_job_phase_to_nick:
 * @phase: a phase
 *
 * Returns: (transfer none): the stable name the store writes for @phase
 */
const char *
lk_job_phase_to_nick (LkJobPhase phase)
{
  g_return_val_if_fail (phase <= LK_JOB_PHASE_CANCELLED, NULL);

  return phases[phase].nick;
}

/**
 * lk_job_phase_from_nick:
 * @nick: (nullable): a name written by lk_job_phase_to_nick()
 * @phase: (out): where to put the phase
 *
 * Returns: %FALSE when @nick names no phase; @phase is then untouched
 */
gboolean
lk_job_phase_from_nick (const char *nick,
                        LkJobPhase *phase)
{
  g_return_val_if_fail (phase != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      if (g_str_equal (phases[i].nick, nick))
        {
          *phase = (LkJobPhase) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * lk_job_phase_get_label:
 * @phase: a phase
 *
 * Returns: (transfer none): the translated name of @phase, for people
 */
const char *
lk_job_phase_get_label (LkJobPhase phase)
{
  g_return_val_if_fail (phase <= LK_JOB_PHASE_CANCELLED, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "job phase", phases[phase].label);
}

/**
 * lk_job_phase_is_finished:
 * @phase: a phase
 *
 * Returns: whether a job in @phase will not change any more
 */
gboolean
lk_job_phase_is_finished (LkJobPhase phase)
{
  return phase == LK_JOB_PHASE_DONE ||
         phase == LK_JOB_PHASE_FAILED ||
         phase == LK_JOB_PHASE_CANCELLED;
}

/**
 * lk_job_phase_is_local:
 * @phase: a phase
 *
 * Returns: whether @phase happens on this machine only, before fal knows
 *   about the job; such a job can be started again without paying twice
 */
gboolean
lk_job_phase_is_local (LkJobPhase phase)
{
  return phase == LK_JOB_PHASE_PREPARING ||
         phase == LK_JOB_PHASE_PACKING ||
         phase == LK_JOB_PHASE_UPLOADING;
}

/**
 * lk_job_record_new:
 *
 * Creates an empty record in the preparing phase, with a fresh idempotency
 * key and the current time as its creation time.
 *
 * Returns: (transfer full): a new record
 */
LkJobRecord *
lk_job_record_new (void)
{
  LkJobRecord *self = g_new0 (LkJobRecord, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->created = g_get_real_time () / G_USEC_PER_SEC;
  self->updated = self->created;
  self->idempotency_key = g_uuid_string_random ();
  self->phase = LK_JOB_PHASE_PREPARING;
  self->cost_estimate = -1;
  self->cost_actual = -1;

  return self;
}

/**
 * lk_job_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): a deep copy of @self, with the same id and key
 */
LkJobRecord *
lk_job_record_copy (const LkJobRecord *self)
{
  LkJobRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LkJobRecord, 1);
  g_atomic_ref_count_init (&copy->ref_count);
  copy->id = self->id;
  copy->created = self->created;
  copy->updated = self->updated;
  copy->name = g_strdup (self->name);
  copy->idempotency_key = g_strdup (self->idempotency_key);
  copy->parent_id = self->parent_id;
  copy->trainer = g_strdup (self->trainer);
  copy->endpoint = g_strdup (self->endpoint);
  copy->preset = g_strdup (self->preset);
  copy->inputs_json = g_strdup (self->inputs_json);
  copy->sources_json = g_strdup (self->sources_json);
  copy->dataset_hash = g_strdup (self->dataset_hash);
  copy->file_url = g_strdup (self->file_url);
  copy->request_id = g_strdup (self->request_id);
  copy->status_url = g_strdup (self->status_url);
  copy->response_url = g_strdup (self->response_url);
  copy->cancel_url = g_strdup (self->cancel_url);
  copy->phase = self->phase;
  copy->billed = self->billed;
  copy->cost_estimate = self->cost_estimate;
  copy->cost_actual = self->cost_actual;
  copy->failure_reason = g_strdup (self->failure_reason);
  copy->log_tail = g_strdup (self->log_tail);
  copy->result_json = g_strdup (self->result_json);
  copy->result_folder = g_strdup (self->result_folder);
  copy->finetune_id = g_strdup (self->finetune_id);

  return copy;
}

/**
 * lk_job_record_ref:
 * @self: a record
 *
 * Returns: (transfer full): @self
 */
LkJobRecord *
lk_job_record_ref (LkJobRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
lk_job_record_unref (LkJobRecord *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->name);
  g_free (self->idempotency_key);
  g_free (self->trainer);
  g_free (self->endpoint);
  g_free (self->preset);
  g_free (self->inputs_json);
  g_free (self->sources_json);
  g_free (self->dataset_hash);
  g_free (self->file_url);
  g_free (self->request_id);
  g_free (self->status_url);
  g_free (self->response_url);
  g_free (self->cancel_url);
  g_free (self->failure_reason);
  g_free (self->log_tail);
  g_free (self->result_json);
  g_free (self->result_folder);
  g_free (self->finetune_id);
  g_free (self);
}

/**
 * lk_job_record_is_finished:
 * @self: a record
 *
 * Returns: whether the job has ended (done, failed or cancelled)
 */
gboolean
lk_job_record_is_finished (const LkJobRecord *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return lk_job_phase_is_finished (self->phase);
}
