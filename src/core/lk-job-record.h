/* lk-job-record.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * LkJobPhase:
 * @LK_JOB_PHASE_PREPARING: scanning and checking the dataset
 * @LK_JOB_PHASE_PACKING: writing the ZIP
 * @LK_JOB_PHASE_UPLOADING: sending the ZIP to fal's storage
 * @LK_JOB_PHASE_SUBMITTING: the submit request is on its way; whether fal
 *   received it is unknown until it answers
 * @LK_JOB_PHASE_QUEUED: fal accepted the request and queued it
 * @LK_JOB_PHASE_RUNNING: the trainer is running
 * @LK_JOB_PHASE_DOWNLOADING: fetching the result files
 * @LK_JOB_PHASE_DONE: finished with a result
 * @LK_JOB_PHASE_FAILED: ended with an error
 * @LK_JOB_PHASE_CANCELLED: cancelled by the user
 *
 * The phase a job has reached. The store keeps it as its nick, so the
 * numeric values may change between versions.
 */
typedef enum
{
  LK_JOB_PHASE_PREPARING,
  LK_JOB_PHASE_PACKING,
  LK_JOB_PHASE_UPLOADING,
  LK_JOB_PHASE_SUBMITTING,
  LK_JOB_PHASE_QUEUED,
  LK_JOB_PHASE_RUNNING,
  LK_JOB_PHASE_DOWNLOADING,
  LK_JOB_PHASE_DONE,
  LK_JOB_PHASE_FAILED,
  LK_JOB_PHASE_CANCELLED,
} LkJobPhase;

#define LK_TYPE_JOB_PHASE  (lk_job_phase_get_type ())
#define LK_TYPE_JOB_RECORD (lk_job_record_get_type ())

typedef struct _LkJobRecord LkJobRecord;

/**
 * LkJobRecord:
 *
 * What the job store keeps about one job. Strings are owned by the record
 * and may be %NULL when not known yet. Times are Unix seconds (UTC).
 * Costs are in US dollars; a negative cost means "not known".
 *
 * The record is plain data shared by reference: whoever changes it must
 * own the only reference, or work on a copy (lk_job_record_copy()).
 */
struct _LkJobRecord
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  gint64      id;               /* 0 until inserted */
  gint64      created;
  gint64      updated;
  char       *name;
  char       *idempotency_key;  /* a UUID minted before the submit, unique */
  gint64      parent_id;        /* 0 unless cloned or a variant */

  /* What was asked for. */
  char       *trainer;
  char       *endpoint;
  char       *preset;
  char       *inputs_json;      /* the submit input, a JSON object */
  char       *sources_json;     /* a JSON array of the dataset's file URIs */
  char       *dataset_hash;     /* SHA-256 of the packed ZIP */
  char       *file_url;         /* where the ZIP was uploaded */

  /* What fal answered to the submit. */
  char       *request_id;
  char       *status_url;
  char       *response_url;
  char       *cancel_url;

  /* How it went. */
  LkJobPhase  phase;
  gboolean    billed;
  double      cost_estimate;
  double      cost_actual;
  char       *failure_reason;   /* translated, for the person */
  char       *log_tail;         /* the last log lines, joined with '\n' */
  char       *result_json;
  char       *result_folder;    /* a local path */
  char       *finetune_id;
};

GType        lk_job_phase_get_type     (void) G_GNUC_CONST;
const char  *lk_job_phase_to_nick      (LkJobPhase         phase);
gboolean     lk_job_phase_from_nick    (const char        *nick,
                                        LkJobPhase        *phase);
const char  *lk_job_phase_get_label    (LkJobPhase         phase);
gboolean     lk_job_phase_is_finished  (LkJobPhase         phase);
gboolean     lk_job_phase_is_local     (LkJobPhase         phase);

GType        lk_job_record_get_type    (void) G_GNUC_CONST;
LkJobRecord *lk_job_record_new         (void) G_GNUC_WARN_UNUSED_RESULT;
LkJobRecord *lk_job_record_copy        (const LkJobRecord *self) G_GNUC_WARN_UNUSED_RESULT;
LkJobRecord *lk_job_record_ref         (LkJobRecord       *self);
void         lk_job_record_unref       (LkJobRecord       *self);
gboolean     lk_job_record_is_finished (const LkJobRecord *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkJobRecord, lk_job_record_unref)

G_END_DECLS
