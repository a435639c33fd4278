/* lk-job-manager.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-job.h"
#include "lk-job-record.h"
#include "lk-job-store.h"
#include "lk-types.h"

G_BEGIN_DECLS

/* "Train N variants" runs at most this many jobs from one dataset. */
#define LK_JOB_MAX_VARIANTS 5

#define LK_TYPE_JOB_MANAGER (lk_job_manager_get_type ())

G_DECLARE_FINAL_TYPE (LkJobManager, lk_job_manager, LK, JOB_MANAGER, GObject)

LkJobManager *lk_job_manager_new                 (LkFalClient          *client,
                                                  LkJobStore           *store) G_GNUC_WARN_UNUSED_RESULT;
LkFalClient  *lk_job_manager_get_client          (LkJobManager         *self);
LkJobStore   *lk_job_manager_get_store           (LkJobManager         *self);
/* (transfer none): a GListModel of the LkJob objects of this process. */
GListModel   *lk_job_manager_get_jobs            (LkJobManager         *self);
LkJob        *lk_job_manager_lookup              (LkJobManager         *self,
                                                  gint64                job_id);
void          lk_job_manager_set_download_folder (LkJobManager         *self,
                                                  const char           *folder);

/* Building a job. */
GVariant     *lk_job_manager_parse_setting       (LkJobManager         *self,
                                                  const char           *trainer_id,
                                                  const char           *name,
                                                  const char           *text,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;
LkJobRecord  *lk_job_manager_build_record        (LkJobManager         *self,
                                                  const char           *trainer_id,
                                                  const char           *preset_id,
                                                  GVariant             *overrides,
                                                  GFile * const        *sources,
                                                  guint                 n_sources,
                                                  const char           *name,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;
LkJobRecord  *lk_job_manager_build_continuation  (LkJobManager         *self,
                                                  const LkJobRecord    *done,
                                                  guint                 steps,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void          lk_job_manager_add_async           (LkJobManager         *self,
                                                  const LkJobRecord    *record,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
LkJob        *lk_job_manager_add_finish          (LkJobManager         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Start: the unfinished jobs of the store. */
void          lk_job_manager_load_async          (LkJobManager         *self,
                                                  gboolean              reattach,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray    *lk_job_manager_load_finish         (LkJobManager         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;
LkJob        *lk_job_manager_open_sync           (LkJobManager         *self,
                                                  gint64                job_id,
                                                  GCancellable         *cancellable,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* History. */
void          lk_job_manager_delete_async        (LkJobManager         *self,
                                                  gint64                job_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      lk_job_manager_delete_finish       (LkJobManager         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void          lk_job_manager_clone_async         (LkJobManager         *self,
                                                  gint64                job_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
LkJob        *lk_job_manager_clone_finish        (LkJobManager         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Several variants from one dataset, uploaded once. */
void          lk_job_manager_start_variants_async  (LkJobManager       *self,
                                                    GPtrArray          *records,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
GPtrArray    *lk_job_manager_start_variants_finish (LkJobManager       *self,
                                                    GAsyncResult       *result,
                                                    GError            **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
