/* lk-job-store-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQLite side of LkJobStore. Every function here blocks, and is called
 * with the store's connection lock held, from its worker thread or from a
 * documented _sync entry point.
 */

#pragma once

#include <sqlite3.h>

#include "lk-job-store.h"

G_BEGIN_DECLS

/* The newest schema this version writes; see lk-store-migrations.c. */
#define LK_STORE_SCHEMA_VERSION 2

/* lk-store-migrations.c */
sqlite3      *_lk_store_db_open           (const char         *path,
                                           GError            **error);
void          _lk_store_set_error         (GError            **error,
                                           sqlite3            *db,
                                           int                 rc);

/* lk-job-store-db.c */
LkJobRecord  *_lk_store_db_insert_job     (sqlite3            *db,
                                           const LkJobRecord  *record,
                                           GError            **error);
gboolean      _lk_store_db_update_job     (sqlite3            *db,
                                           const LkJobRecord  *record,
                                           GError            **error);
gboolean      _lk_store_db_claim_submit   (sqlite3            *db,
                                           gint64              job_id,
                                           GError            **error);
LkJobRecord  *_lk_store_db_get_job        (sqlite3            *db,
                                           gint64              job_id,
                                           GError            **error);
GPtrArray    *_lk_store_db_list_jobs      (sqlite3            *db,
                                           LkJobListFlags      flags,
                                           const char         *search,
                                           GError            **error);
gboolean      _lk_store_db_delete_job     (sqlite3            *db,
                                           gint64              job_id,
                                           GError            **error);
LkJobRecord  *_lk_store_db_clone_job      (sqlite3            *db,
                                           gint64              job_id,
                                           GError            **error);
char         *_lk_store_db_lookup_upload  (sqlite3            *db,
                                           const char         *sha256,
                                           gint64              now,
                                           gint64             *expires_at,
                                           GError            **error);
gboolean      _lk_store_db_put_upload     (sqlite3            *db,
                                           const char         *sha256,
                                           const char         *file_url,
                                           gint64              expires_at,
                                           gint64              now,
                                           GError            **error);
gboolean      _lk_store_db_record_cost    (sqlite3            *db,
                                           gint64              job_id,
                                           const char         *charge_id,
                                           double              amount_usd,
                                           GDateTime          *when,
                                           GError            **error);
gboolean      _lk_store_db_month_total    (sqlite3            *db,
                                           GDateTime          *month,
                                           double             *total_usd,
                                           GError            **error);

G_END_DECLS
