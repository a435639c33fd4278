/* lk-job.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-job-record.h"
#include "lk-job-store.h"
#include "lk-log-model.h"
#include "lk-types.h"

G_BEGIN_DECLS

/* A failed job keeps this many of its last log lines. */
#define LK_JOB_LOG_TAIL_LINES 200

/* The log model keeps at most this many lines, so that a chatty trainer
 * cannot take the memory; older lines are dropped. */
#define LK_JOB_LOG_MAX_LINES 10000

/* Property notifications are gathered for this long, so that a busy log
 * does not notify the front ends thousands of times a second. */
#define LK_JOB_NOTIFY_MSEC 150

/* fal keeps uploaded inputs "at least 7 days" (protocol §4.5); the upload
 * cache trusts a URL that long. */
#define LK_JOB_UPLOAD_LIFETIME_SECONDS (7 * 24 * 60 * 60)

#define LK_TYPE_JOB (lk_job_get_type ())

G_DECLARE_FINAL_TYPE (LkJob, lk_job, LK, JOB, GObject)

LkJob        *lk_job_new                   (LkFalClient  *client,
                                            LkJobStore   *store,
                                            LkJobRecord  *record) G_GNUC_WARN_UNUSED_RESULT;

gint64        lk_job_get_id                (LkJob        *self);
const char   *lk_job_get_name              (LkJob        *self);
LkJobRecord  *lk_job_dup_record            (LkJob        *self) G_GNUC_WARN_UNUSED_RESULT;
LkJobPhase    lk_job_get_phase             (LkJob        *self);
gboolean      lk_job_get_active            (LkJob        *self);
double        lk_job_get_fraction          (LkJob        *self);
const char   *lk_job_get_status_text       (LkJob        *self);
double        lk_job_get_bytes_per_second  (LkJob        *self);
gint64        lk_job_get_eta_seconds       (LkJob        *self);
int           lk_job_get_queue_position    (LkJob        *self);
guint         lk_job_get_step              (LkJob        *self);
guint         lk_job_get_total_steps       (LkJob        *self);
gint64        lk_job_get_elapsed_seconds   (LkJob        *self);
gint64        lk_job_get_last_log_age      (LkJob        *self);
const char   *lk_job_get_last_log_line     (LkJob        *self);
LkLogModel   *lk_job_get_log_model         (LkJob        *self);
guint64       lk_job_get_n_log_lines       (LkJob        *self);
GCancellable *lk_job_get_cancellable       (LkJob        *self);
gboolean      lk_job_get_billed            (LkJob        *self);
const char   *lk_job_get_failure_reason    (LkJob        *self);
const GError *lk_job_get_error             (LkJob        *self);
const char   *lk_job_get_result_folder     (LkJob        *self);
const char   *lk_job_get_finetune_id       (LkJob        *self);

void          lk_job_set_download_folder   (LkJob        *self,
                                            const char   *folder);
const char   *lk_job_get_download_folder   (LkJob        *self);

void          lk_job_start                 (LkJob        *self);
void          lk_job_cancel                (LkJob        *self);
void          lk_job_detach                (LkJob        *self);
gboolean      lk_job_fetch_files           (LkJob        *self,
                                            GError      **error);

char         *lk_job_dup_trigger           (LkJob        *self) G_GNUC_WARN_UNUSED_RESULT;
char         *lk_job_dup_prompt            (LkJob        *self) G_GNUC_WARN_UNUSED_RESULT;
char         *lk_job_dup_lora_url          (LkJob        *self) G_GNUC_WARN_UNUSED_RESULT;

/* Reading a trainer's log: "step 10/1000", "Step: 10 / 1000",
 * "steps 10 of 1000", "iter 10/1000" or a tqdm bar "| 10/1000 [". */
gboolean      lk_job_parse_step            (const char   *line,
                                            guint        *step,
                                            guint        *total);

/* Where results go by default: g_get_user_data_dir()/likeness/models. */
char         *lk_job_dup_default_models_dir (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
