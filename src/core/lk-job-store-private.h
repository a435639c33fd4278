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

/* lk-job-store.c: the request queue. */
typedef enum
{
  LK_STORE_OP_OPEN,
  LK_STORE_OP_INSERT,
  LK_STORE_OP_UPDATE,
  LK_STORE_OP_CLAIM_SUBMIT,
  LK_STORE_OP_GET,
  LK_STORE_OP_LIST,
  LK_STORE_OP_DELETE,
  LK_STORE_OP_CLONE,
  LK_STORE_OP_LOOKUP_UPLOAD,
  LK_STORE_OP_PUT_UPLOAD,
  LK_STORE_OP_RECORD_COST,
  LK_STORE_OP_MONTH_TOTAL,
} LkStoreOpKind;

/* One request to the store's worker. The inputs are copies owned by the
 * request, so the caller may change its own objects while the worker runs. */
typedef struct
{
  LkStoreOpKind   kind;

  /* Inputs. */
  LkJobRecord    *record;     /* (owned) (nullable) */
  gint64          id;
  char           *text;       /* (owned) (nullable): search, sha256 or charge id */
  char           *text2;      /* (owned) (nullable): file URL */
  gint64          time;
  double          amount;
  GDateTime      *when;       /* (owned) (nullable) */
  LkJobListFlags  flags;

  /* Outputs. */
  LkJobRecord    *out_record; /* (owned) (nullable) */
  GPtrArray      *out_jobs;   /* (owned) (nullable) */
  char           *out_text;   /* (owned) (nullable) */
  gint64          out_time;
  double          out_amount;
  GError         *error;      /* (owned) (nullable) */
} LkStoreOp;

LkStoreOp    *_lk_store_op_new            (LkStoreOpKind        kind);
void          _lk_store_op_free           (LkStoreOp           *op);
void          _lk_job_store_push          (LkJobStore          *self,
                                           LkStoreOp           *op,
                                           gpointer             source_tag,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      _lk_job_store_run_sync      (LkJobStore          *self,
                                           LkStoreOp           *op,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean      _lk_job_store_check_result  (LkJobStore          *self,
                                           GAsyncResult        *result,
                                           gpointer             source_tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkStoreOp, _lk_store_op_free)

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
