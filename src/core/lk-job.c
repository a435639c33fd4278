/* lk-job.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lk-catalog-enums.h"
#include "lk-error.h"
#include "lk-fal-status.h"
#include "lk-job-private.h"
#include "lk-trainer.h"
#include "lk-util.h"

/*
 * LkJob is one training on fal, from the dataset on disk to the LoRA in a
 * folder. The phases are run by lk-job-run.c (prepare, pack and upload,
 * submit, watch) and lk-job-result.c (result and downloads); this file
 * holds the object, what the front ends read, and how a run ends.
 *
 * Notifications: phase changes are announced at once with
 * LkJob::phase-changed and notify::phase. Everything else (fraction,
 * rates, steps, log age) changes often and is gathered for
 * LK_JOB_NOTIFY_MSEC on the main context, then notified in one batch.
 *
 * Billing rule (what LkJob:billed says, documented for the person):
 * - a job that ends before fal ran it (local phases, submit refused,
 *   queued, cancelled while queued) was not billed: fal bills work done
 *   and never the queue (protocol §3.5, fal's pricing page);
 * - a finished job was billed;
 * - a job that failed or was cancelled while running was billed when fal
 *   reports compute time for it (`metrics.inference_time` > 0) or, for a
 *   cancel, when it had started running: fal bills work done and does not
 *   say more (protocol §3.5).
 */

enum
{
  PHASE_CHANGED,
  FINISHED,
  FAILED,
  STOPPED,
  N_SIGNALS
};

GParamSpec *_lk_job_properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkJob, lk_job, G_TYPE_OBJECT)


static void
job_download_free (gpointer data)
{
  JobDownload *download = data;

  g_free (download->url);
  g_free (download->path);
  g_free (download);
}

static void
lk_job_dispose (GObject *object)
{
  LkJob *self = (LkJob *)object;

  g_clear_handle_id (&self->notify_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (lk_job_parent_class)->dispose (object);
}

static void
lk_job_finalize (GObject *object)
{
  LkJob *self = (LkJob *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_pointer (&self->record, lk_job_record_unref);
  g_clear_pointer (&self->download_folder, g_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->request, lk_fal_request_unref);
  g_clear_object (&self->dataset);
  g_clear_object (&self->packer);
  g_clear_object (&self->catalog);
  g_clear_error (&self->error);
  g_clear_error (&self->pack_error);
  g_clear_pointer (&self->uploaded_url, g_free);
  g_clear_object (&self->pack_stream);
  g_clear_object (&self->pack_file);
  g_clear_pointer (&self->downloads, g_ptr_array_unref);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->last_log_line, g_free);
  g_clear_object (&self->log_model);
  g_queue_clear (&self->seen_order);
  g_clear_pointer (&self->seen_logs, g_hash_table_unref);

  G_OBJECT_CLASS (lk_job_parent_class)->finalize (object);
}

static void
lk_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  LkJob *self = LK_JOB (object);

  switch ((LkJobProperty) prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, lk_job_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, lk_job_get_name (self));
      break;
    case PROP_PHASE:
      g_value_set_enum (value, lk_job_get_phase (self));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case PROP_BYTES_PER_SECOND:
      g_value_set_double (value, self->bytes_per_second);
      break;
    case PROP_ETA_SECONDS:
      g_value_set_int64 (value, self->eta_seconds);
      break;
    case PROP_QUEUE_POSITION:
      g_value_set_int (value, self->queue_position);
      break;
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;
    case PROP_TOTAL_STEPS:
      g_value_set_uint (value, self->total_steps);
      break;
    case PROP_ELAPSED_SECONDS:
      g_value_set_int64 (value, lk_job_get_elapsed_seconds (self));
      break;
    case PROP_LAST_LOG_AGE:
      g_value_set_int64 (value, lk_job_get_last_log_age (self));
      break;
    case PROP_LAST_LOG_LINE:
      g_value_set_string (value, self->last_log_line);
      break;
    case PROP_BILLED:
      g_value_set_boolean (value, self->record->billed);
      break;
    case PROP_FAILURE_REASON:
      g_value_set_string (value, self->record->failure_reason);
      break;
    case PROP_RESULT_FOLDER:
      g_value_set_string (value, self->record->result_folder);
      break;
    case PROP_0:
    case N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_job_class_init (LkJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_job_dispose;
  object_class->finalize = lk_job_finalize;
  object_class->get_property = lk_job_get_property;

  _lk_job_properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  _lk_job_properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  _lk_job_properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, LK_TYPE_JOB_PHASE, LK_JOB_PHASE_PREPARING, flags);
  _lk_job_properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  _lk_job_properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, -1.0, flags);
  _lk_job_properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  _lk_job_properties[PROP_BYTES_PER_SECOND] =
    g_param_spec_double ("bytes-per-second", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  _lk_job_properties[PROP_ETA_SECONDS] =
    g_param_spec_int64 ("eta-seconds", NULL, NULL, -1, G_MAXINT64, -1, flags);
  _lk_job_properties[PROP_QUEUE_POSITION] =
    g_param_spec_int ("queue-position", NULL, NULL, -1, G_MAXINT, -1, flags);
  _lk_job_properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0, flags);
  _lk_job_properties[PROP_TOTAL_STEPS] =
    g_param_spec_uint ("total-steps", NULL, NULL, 0, G_MAXUINT, 0, flags);
  _lk_job_properties[PROP_ELAPSED_SECONDS] =
    g_param_spec_int64 ("elapsed-seconds", NULL, NULL, 0, G_MAXINT64, 0, flags);
  _lk_job_properties[PROP_LAST_LOG_AGE] =
    g_param_spec_int64 ("last-log-age", NULL, NULL, -1, G_MAXINT64, -1, flags);
  _lk_job_properties[PROP_LAST_LOG_LINE] =
    g_param_spec_string ("last-log-line", NULL, NULL, NULL, flags);
  _lk_job_properties[PROP_BILLED] =
    g_param_spec_boolean ("billed", NULL, NULL, FALSE, flags);
  _lk_job_properties[PROP_FAILURE_REASON] =
    g_param_spec_string ("failure-reason", NULL, NULL, NULL, flags);
  _lk_job_properties[PROP_RESULT_FOLDER] =
    g_param_spec_string ("result-folder", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, _lk_job_properties);

  /**
   * LkJob::phase-changed:
   * @job: the job
   * @old_phase: the phase it left
   * @new_phase: the phase it entered
   */
  signals[PHASE_CHANGED] =
    g_signal_new ("phase-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LK_TYPE_JOB_PHASE, LK_TYPE_JOB_PHASE);

  /**
   * LkJob::finished:
   *
   * The job is done and its result is on disk (or its finetune id is
   * recorded). For notifications.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * LkJob::failed:
   * @error: what went wrong, with a translated message
   *
   * The job failed. For notifications.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * LkJob::stopped:
   *
   * The run ended: the job finished, failed, was cancelled or detached, or
   * lost contact with fal. Its record is saved by then.
   */
  signals[STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lk_job_init (LkJob *self)
{
  self->fraction = -1.0;
  self->eta_seconds = -1;
  self->queue_position = -1;
  self->inference_time = -1;
  self->log_model = lk_log_model_new ();
  lk_log_model_set_max_lines (self->log_model, LK_JOB_LOG_MAX_LINES);
  self->seen_logs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->downloads = g_ptr_array_new_with_free_func (job_download_free);
}

/**
 * lk_job_new:
 * @client: the fal client
 * @store: the job store
 * @record: the job as stored (inserted already, so it has an id)
 *
 * Returns: (transfer full): a job that does nothing until lk_job_start()
 */
LkJob *
lk_job_new (LkFalClient *client,
            LkJobStore  *store,
            LkJobRecord *record)
{
  LkJob *self;

  g_return_val_if_fail (LK_IS_FAL_CLIENT (client), NULL);
  g_return_val_if_fail (LK_IS_JOB_STORE (store), NULL);
  g_return_val_if_fail (record != NULL && record->id > 0, NULL);

  self = g_object_new (LK_TYPE_JOB, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->record = lk_job_record_copy (record);

  if (record->request_id != NULL)
    self->request = lk_fal_request_new (record->endpoint, record->request_id, record->status_url,
                                        record->response_url, record->cancel_url);
  if (record->phase == LK_JOB_PHASE_RUNNING)
    {
      self->saw_running = TRUE;
      self->running_since = record->updated * G_USEC_PER_SEC;
    }

  /* A failed job shows the log it kept. */
  if (record->log_tail != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (record->log_tail, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          lk_log_model_append (self->log_model, NULL, NULL, lines[i]);
      lk_log_model_flush (self->log_model);
    }

  self->status_text = g_strdup (record->failure_reason != NULL
                                ? record->failure_reason
                                : lk_job_phase_get_label (record->phase));

  return self;
}

/* Notifications */

static gboolean
notify_cb (gpointer user_data)
{
  LkJob *self = user_data;
  guint64 dirty = self->dirty;

  self->notify_id = 0;
  self->dirty = 0;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    if (dirty & (G_GUINT64_CONSTANT (1) << i))
      g_object_notify_by_pspec (G_OBJECT (self), _lk_job_properties[i]);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

void
_lk_job_mark_dirty (LkJob         *self,
                    LkJobProperty  prop)
{
  self->dirty |= G_GUINT64_CONSTANT (1) << prop;
  if (self->notify_id == 0)
    self->notify_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, LK_JOB_NOTIFY_MSEC,
                                          notify_cb, self, NULL);
}

static void
flush_notify (LkJob *self)
{
  if (self->notify_id != 0)
    {
      g_clear_handle_id (&self->notify_id, g_source_remove);
      notify_cb (self);
    }
}

/* Once a second while queued or running: the elapsed time and the age of
 * the last log line move even when fal says nothing. */
static gboolean
tick_cb (gpointer user_data)
{
  LkJob *self = user_data;

  _lk_job_mark_dirty (self, PROP_ELAPSED_SECONDS);
  _lk_job_mark_dirty (self, PROP_LAST_LOG_AGE);
  return G_SOURCE_CONTINUE;
}

void
_lk_job_set_status_text (LkJob      *self,
                         const char *text)
{
  if (lk_set_str (&self->status_text, text))
    _lk_job_mark_dirty (self, PROP_STATUS_TEXT);
}

void
_lk_job_set_fraction (LkJob  *self,
                      double  fraction)
{
  fraction = CLAMP (fraction, -1.0, 1.0);
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      _lk_job_mark_dirty (self, PROP_FRACTION);
    }
}

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
_lk_job_set_phase (LkJob      *self,
                   LkJobPhase  phase)
{
  LkJobPhase old = self->record->phase;

  if (old == phase)
    return;

  self->record->phase = phase;
  _lk_job_announce_phase (self, old);
}

/* Tells the front ends that the record's phase moved on from @old. Split
 * from _lk_job_set_phase() so that a phase can be written down first and
 * announced once stored (what a --json reader may act on). */
void
_lk_job_announce_phase (LkJob      *self,
                        LkJobPhase  old)
{
  LkJobPhase phase = self->record->phase;

  if (old == phase)
    return;

  if (phase == LK_JOB_PHASE_RUNNING)
    {
      self->saw_running = TRUE;
      if (self->running_since == 0)
        self->running_since = g_get_real_time ();
    }
  if (phase != LK_JOB_PHASE_QUEUED && self->queue_position != -1)
    {
      self->queue_position = -1;
      _lk_job_mark_dirty (self, PROP_QUEUE_POSITION);
    }

  if (phase == LK_JOB_PHASE_QUEUED || phase == LK_JOB_PHASE_RUNNING)
    {
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
    }
  else
    g_clear_handle_id (&self->tick_id, g_source_remove);

  /* Rates and ETAs belong to one phase. */
  self->bytes_per_second = 0;
  self->rate_time = 0;
  _lk_job_mark_dirty (self, PROP_BYTES_PER_SECOND);
  set_eta (self, -1);
  _lk_job_set_fraction (self, -1.0);
  _lk_job_set_status_text (self, lk_job_phase_get_label (phase));

  flush_notify (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lk_job_properties[PROP_PHASE]);
  g_signal_emit (self, signals[PHASE_CHANGED], 0, old, phase);
}

/* Saving */

typedef struct
{
  LkJob    *job;       /* (owned) */
  gboolean  then_stop;
} SaveData;

static void
emit_stopped (LkJob *self)
{
  self->active = FALSE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  _lk_job_mark_dirty (self, PROP_ACTIVE);
  flush_notify (self);
  g_signal_emit (self, signals[STOPPED], 0);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_job_store_update_finish (LK_JOB_STORE (object), result, &error))
    {
      g_debug ("Could not save job %" G_GINT64_FORMAT ": %s", data->job->record->id, error->message);
      if (data->job->error == NULL)
        data->job->error = g_steal_pointer (&error);
    }

  if (data->then_stop)
    emit_stopped (data->job);

  g_object_unref (data->job);
  g_free (data);
}

static void
save_full (LkJob    *self,
           gboolean  then_stop)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->job = g_object_ref (self);
  data->then_stop = then_stop;
  lk_job_store_update_async (self->store, self->record, NULL, save_cb, data);
}

/* Writes the record down; the store applies writes in order. */
void
_lk_job_save (LkJob *self)
{
  save_full (self, FALSE);
}

static void
keep_log_tail (LkJob *self)
{
  g_auto(GStrv) tail = NULL;

  lk_log_model_flush (self->log_model);
  tail = lk_log_model_dup_tail (self->log_model, LK_JOB_LOG_TAIL_LINES);
  g_free (self->record->log_tail);
  self->record->log_tail = g_strjoinv ("\n", tail);
}

void
_lk_job_fail (LkJob        *self,
              const GError *error,
              gboolean      billed)
{
  g_autoptr(GError) copy = g_error_copy (error);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);

  g_free (self->record->failure_reason);
  self->record->failure_reason = g_strdup (error->message);
  self->record->billed = billed;
  keep_log_tail (self);
  _lk_job_set_phase (self, LK_JOB_PHASE_FAILED);
  _lk_job_set_status_text (self, error->message);
  _lk_job_mark_dirty (self, PROP_BILLED);
  _lk_job_mark_dirty (self, PROP_FAILURE_REASON);

  save_full (self, TRUE);
  g_signal_emit (self, signals[FAILED], 0, copy);
}

void
_lk_job_finish_cancelled (LkJob    *self,
                          gboolean  billed)
{
  self->record->billed = billed;
  keep_log_tail (self);
  _lk_job_set_phase (self, LK_JOB_PHASE_CANCELLED);
  _lk_job_mark_dirty (self, PROP_BILLED);
  save_full (self, TRUE);
}

void
_lk_job_finish_done (LkJob *self)
{
  self->record->billed = TRUE;
  if (self->record->cost_estimate >= 0 && self->record->cost_actual < 0)
    self->record->cost_actual = self->record->cost_estimate;
  _lk_job_set_phase (self, LK_JOB_PHASE_DONE);
  _lk_job_set_fraction (self, 1.0);
  _lk_job_mark_dirty (self, PROP_BILLED);
  _lk_job_mark_dirty (self, PROP_RESULT_FOLDER);

  /* The store books cost_actual in the month's ledger with this write,
   * once per job. */
  save_full (self, TRUE);
  g_signal_emit (self, signals[FINISHED], 0);
}

/* Stopped without an end: detached, or fal could not be reached. The stored
 * phase stays, so that the job can be attached again. */
void
_lk_job_stop (LkJob *self)
{
  emit_stopped (self);
}

void
_lk_job_lost_contact (LkJob        *self,
                      const GError *error)
{
  g_autofree char *text = NULL;

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  /* Translators: %s is why fal could not be reached. */
  text = g_strdup_printf (_("Lost contact with fal: %s. The job goes on there; attach to it again later."),
                          error->message);
  _lk_job_set_status_text (self, text);
  _lk_job_stop (self);
}

/* The catalog, loaded once a job needs it. */
LkCatalog *
_lk_job_get_catalog (LkJob   *self,
                     GError **error)
{
  if (self->catalog == NULL)
    self->catalog = lk_catalog_new (error);
  return self->catalog;
}

const char *
_lk_job_input_name (LkJob *self,
                    int    role)
{
  LkCatalog *catalog = _lk_job_get_catalog (self, NULL);
  LkTrainer *trainer;

  if (catalog == NULL || self->record->trainer == NULL)
    return NULL;
  trainer = lk_catalog_lookup_trainer (catalog, self->record->trainer);
  if (trainer == NULL)
    return NULL;
  return lk_trainer_get_input_name (trainer, (LkTrainerRole) role);
}

/**
 * lk_job_start:
 * @self: a job
 *
 * Runs the job from the phase its record has reached: a new job is
 * prepared, packed, uploaded and submitted; a job that fal knows is
 * attached to again (status with the logs fal still has, then the status
 * stream); a job that was downloading fetches its files again. A job that
 * died in a local phase starts over without being submitted twice (the
 * store's claim keeps it to one submit). Does nothing for a finished or
 * active job.
 */
void
lk_job_start (LkJob *self)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (self->active || lk_job_phase_is_finished (self->record->phase))
    return;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->cancel_requested = FALSE;
  self->detach_requested = FALSE;
  g_clear_error (&self->error);
  self->active = TRUE;
  _lk_job_mark_dirty (self, PROP_ACTIVE);

  if (self->record->phase == LK_JOB_PHASE_QUEUED || self->record->phase == LK_JOB_PHASE_RUNNING)
    {
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
    }

  _lk_job_run (self);
}

/**
 * lk_job_cancel:
 * @self: a job
 *
 * Cancels the job in whatever phase it is: local work (packing, uploads,
 * downloads) stops at once, and when fal knows the request it is asked to
 * cancel it. The job ends in %LK_JOB_PHASE_CANCELLED, or finishes normally
 * when fal says the request had completed already. A job that is not
 * active is cancelled on fal and in the store directly.
 */
void
lk_job_cancel (LkJob *self)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (lk_job_phase_is_finished (self->record->phase))
    return;

  self->cancel_requested = TRUE;
  _lk_job_set_status_text (self, _("Cancelling…"));

  if (self->active)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  if (self->record->phase == LK_JOB_PHASE_SUBMITTING && self->request == NULL)
    {
      /* Whether fal has it is unknown: say so rather than "cancelled". */
      lk_job_start (self);
      return;
    }

  /* Not running in this process: cancel by the stored request. */
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->cancellable);
  self->active = TRUE;
  _lk_job_mark_dirty (self, PROP_ACTIVE);
  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

    _lk_job_handle_cancel (self, error);
  }
}

/**
 * lk_job_detach:
 * @self: a job
 *
 * Stops following the job in this process without cancelling it: fal goes
 * on, the store keeps the phase, and lk_job_start() (here or in another
 * process) attaches to it again. A job in a local phase stops where it is
 * and is offered again later.
 */
void
lk_job_detach (LkJob *self)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (!self->active)
    return;

  self->detach_requested = TRUE;
  g_cancellable_cancel (self->cancellable);
}

/**
 * lk_job_fetch_files:
 * @self: a job that is not active
 * @error: return location for a #GError
 *
 * Downloads the result files of a job whose result is stored (a finished
 * job, or one cancelled while downloading) again, into its folder under
 * the download folder. The job ends in %LK_JOB_PHASE_DONE; watch
 * LkJob::stopped.
 *
 * Returns: %FALSE, with @error set, when the job has no stored result
 */
gboolean
lk_job_fetch_files (LkJob   *self,
                    GError **error)
{
  g_return_val_if_fail (LK_IS_JOB (self), FALSE);
  g_return_val_if_fail (!self->active, FALSE);

  if (self->record->result_json == NULL)
    {
      g_set_error_literal (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND,
                           _("This job has no result to download."));
      return FALSE;
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->cancel_requested = FALSE;
  self->detach_requested = FALSE;
  self->active = TRUE;
  _lk_job_mark_dirty (self, PROP_ACTIVE);
  _lk_job_download_result (self);
  return TRUE;
}
