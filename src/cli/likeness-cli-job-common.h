/* likeness-cli-job-common.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "likeness-cli-common.h"

G_BEGIN_DECLS

/* What the job verbs share: the store, a manager, and following a job with
 * a progress display. */
typedef struct
{
  LkCliSession *session;   /* (owned) */
  LkFalClient  *client;    /* (owned) (nullable) */
  LkJobStore   *store;     /* (owned) */
  LkJobManager *manager;   /* (owned) (nullable) */
  gboolean      json;
} LkCliJobs;

LkCliJobs *lk_cli_jobs_open          (const char   *verb,
                                      gboolean      with_client,
                                      gboolean      json,
                                      int          *exit_code);
void       lk_cli_jobs_free          (LkCliJobs    *self);
gboolean   lk_cli_jobs_parse_id      (const char   *verb,
                                      const char   *text,
                                      gint64       *job_id,
                                      int          *exit_code);
LkJob     *lk_cli_jobs_open_job      (LkCliJobs    *self,
                                      gint64        job_id,
                                      int          *exit_code);
int        lk_cli_jobs_follow        (LkCliJobs    *self,
                                      LkJob        *job);
gboolean   lk_cli_jobs_confirm       (const char   *question,
                                      gboolean      yes,
                                      int          *exit_code);
void       lk_cli_jobs_print_result  (LkCliJobs    *self,
                                      LkJob        *job);
char      *lk_cli_jobs_format_cost   (double        usd);
gboolean   lk_cli_jobs_check_spending (LkCliJobs   *self,
                                       double       estimate,
                                       int         *exit_code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCliJobs, lk_cli_jobs_free)

G_END_DECLS
