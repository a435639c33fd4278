/* lk-job-store.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-job-record.h"

G_BEGIN_DECLS

/**
 * LkJobListFlags:
 * @LK_JOB_LIST_ALL: every job
 * @LK_JOB_LIST_UNFINISHED: only jobs that are not done, failed or cancelled
 */
typedef enum
{
  LK_JOB_LIST_ALL        = 0,
  LK_JOB_LIST_UNFINISHED = 1 << 0,
} LkJobListFlags;

/* A cached upload is reused only while it stays valid at least this long,
 * so that fal can still fetch it when the job leaves the queue. */
#define LK_UPLOAD_CACHE_MARGIN_SECONDS (60 * 60)

#define LK_TYPE_JOB_LIST_FLAGS (lk_job_list_flags_get_type ())
#define LK_TYPE_JOB_STORE      (lk_job_store_get_type ())

GType lk_job_list_flags_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (LkJobStore, lk_job_store, LK, JOB_STORE, GObject)

char        *lk_job_store_dup_default_path     (void) G_GNUC_WARN_UNUSED_RESULT;

void         lk_job_store_new_async            (const char           *path,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LkJobStore  *lk_job_store_new_finish           (GAsyncResult         *result,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
LkJobStore  *lk_job_store_new_sync             (const char           *path,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
const char  *lk_job_store_get_path             (LkJobStore           *self);

/* Jobs. */
void         lk_job_store_insert_async         (LkJobStore           *self,
                                                const LkJobRecord    *record,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LkJobRecord *lk_job_store_insert_finish        (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
LkJobRecord *lk_job_store_insert_sync          (LkJobStore           *self,
                                                const LkJobRecord    *record,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void         lk_job_store_update_async         (LkJobStore           *self,
                                                const LkJobRecord    *record,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     lk_job_store_update_finish        (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean     lk_job_store_update_sync          (LkJobStore           *self,
                                                const LkJobRecord    *record,
                                                GCancellable         *cancellable,
                                                GError              **error);
void         lk_job_store_claim_submit_async   (LkJobStore           *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     lk_job_store_claim_submit_finish  (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean     lk_job_store_claim_submit_sync    (LkJobStore           *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GError              **error);
void         lk_job_store_get_async            (LkJobStore           *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LkJobRecord *lk_job_store_get_finish           (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
LkJobRecord *lk_job_store_get_sync             (LkJobStore           *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void         lk_job_store_list_async           (LkJobStore           *self,
                                                LkJobListFlags        flags,
                                                const char           *search,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray   *lk_job_store_list_finish          (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray   *lk_job_store_list_sync            (LkJobStore           *self,
                                                LkJobListFlags        flags,
                                                const char           *search,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void         lk_job_store_delete_async         (LkJobStore           *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     lk_job_store_delete_finish        (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean     lk_job_store_delete_sync          (LkJobStore           *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GError              **error);
void         lk_job_store_clone_async          (LkJobStore           *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LkJobRecord *lk_job_store_clone_finish         (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
LkJobRecord *lk_job_store_clone_sync           (LkJobStore           *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* The upload-reuse cache. */
void         lk_job_store_lookup_upload_async  (LkJobStore           *self,
                                                const char           *sha256,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char        *lk_job_store_lookup_upload_finish (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                gint64               *expires_at,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
char        *lk_job_store_lookup_upload_sync   (LkJobStore           *self,
                                                const char           *sha256,
                                                gint64               *expires_at,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void         lk_job_store_put_upload_async     (LkJobStore           *self,
                                                const char           *sha256,
                                                const char           *file_url,
                                                gint64                expires_at,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     lk_job_store_put_upload_finish    (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean     lk_job_store_put_upload_sync      (LkJobStore           *self,
                                                const char           *sha256,
                                                const char           *file_url,
                                                gint64                expires_at,
                                                GCancellable         *cancellable,
                                                GError              **error);

/* The cost ledger. */
void         lk_job_store_record_cost_async    (LkJobStore           *self,
                                                gint64                job_id,
                                                const char           *charge_id,
                                                double                amount_usd,
                                                GDateTime            *when,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     lk_job_store_record_cost_finish   (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean     lk_job_store_record_cost_sync     (LkJobStore           *self,
                                                gint64                job_id,
                                                const char           *charge_id,
                                                double                amount_usd,
                                                GDateTime            *when,
                                                GCancellable         *cancellable,
                                                GError              **error);
void         lk_job_store_month_total_async    (LkJobStore           *self,
                                                GDateTime            *month,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     lk_job_store_month_total_finish   (LkJobStore           *self,
                                                GAsyncResult         *result,
                                                double               *total_usd,
                                                GError              **error);
gboolean     lk_job_store_month_total_sync     (LkJobStore           *self,
                                                GDateTime            *month,
                                                double               *total_usd,
                                                GCancellable         *cancellable,
                                                GError              **error);

G_END_DECLS
