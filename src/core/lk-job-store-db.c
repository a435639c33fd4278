/* lk-job-store-db.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job store's queries. Each write runs in one immediate transaction.
 */

#define G_LOG_DOMAIN "lk-job-store-db"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-error.h"
#include "lk-job-store-private.h"

/* The order matches read_job (). */
#define JOB_COLUMNS \
  "id, created, updated, name, idempotency_key, parent_id, trainer, endpoint, preset, " \
  "inputs, sources, dataset_hash, file_url, request_id, status_url, response_url, " \
  "cancel_url, phase, billed, cost_estimate, cost_actual, failure_reason, log_tail, " \
  "result, result_folder, finetune_id"

typedef sqlite3_stmt *sqlite3_stmt_ptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (sqlite3_stmt_ptr, sqlite3_finalize, NULL)

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_not_found (GError **error,
               gint64   job_id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, job_id);

  g_set_error (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is a job number. */
               _("There is no job number %s in the job history."),
               number);
}

static int
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt)
{
  return sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);
}

static int
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, index);

  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static int
bind_cost (sqlite3_stmt *stmt,
           int           index,
           double        cost)
{
  if (cost < 0)
    return sqlite3_bind_null (stmt, index);

  return sqlite3_bind_double (stmt, index, cost);
}

static int
bind_optional_id (sqlite3_stmt *stmt,
                  int           index,
                  gint64        id)
{
  if (id <= 0)
    return sqlite3_bind_null (stmt, index);

  return sqlite3_bind_int64 (stmt, index, id);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static double
column_cost (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_double (stmt, column);
}

static LkJobRecord *
read_job (sqlite3_stmt *stmt)
{
  LkJobRecord *record = lk_job_record_new ();
  const char *phase;
  int i = 0;

  g_clear_pointer (&record->idempotency_key, g_free);

  record->id = sqlite3_column_int64 (stmt, i++);
  record->created = sqlite3_column_int64 (stmt, i++);
  record->updated = sqlite3_column_int64 (stmt, i++);
  record->name = column_text (stmt, i++);
  record->idempotency_key = column_text (stmt, i++);
  record->parent_id = sqlite3_column_int64 (stmt, i++);
  record->trainer = column_text (stmt, i++);
  record->endpoint = column_text (stmt, i++);
  record->preset = column_text (stmt, i++);
  record->inputs_json = column_text (stmt, i++);
  record->sources_json = column_text (stmt, i++);
  record->dataset_hash = column_text (stmt, i++);
  record->file_url = column_text (stmt, i++);
  record->request_id = column_text (stmt, i++);
  record->status_url = column_text (stmt, i++);
  record->response_url = column_text (stmt, i++);
  record->cancel_url = column_text (stmt, i++);
  phase = (const char *) sqlite3_column_text (stmt, i++);
  if (!lk_job_phase_from_nick (phase, &record->phase))
    {
      /* Only a newer schema writes new phases, and that is refused on
       * open; a hand-edited row is shown as failed rather than lost. */
      g_debug ("Job %" G_GINT64_FORMAT " has an unknown phase “%s”", record->id, phase);
      record->phase = LK_JOB_PHASE_FAILED;
    }
  record->billed = sqlite3_column_int (stmt, i++) != 0;
  record->cost_estimate = column_cost (stmt, i++);
  record->cost_actual = column_cost (stmt, i++);
  record->failure_reason = column_text (stmt, i++);
  record->log_tail = column_text (stmt, i++);
  record->result_json = column_text (stmt, i++);
  record->result_folder = column_text (stmt, i++);
  record->finetune_id = column_text (stmt, i++);

  return record;
}

static gboolean
begin (sqlite3  *db,
       GError  **error)
{
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      return FALSE;
    }

  return TRUE;
}

static gboolean
commit (sqlite3  *db,
        GError  **error)
{
  int rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static void
rollback (sqlite3 *db)
{
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Steps a statement that returns no rows. */
static int
step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static char *
dup_month_key (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return g_date_time_format (local, "%Y-%m");
}

/* A job's own cost goes into the ledger with the job's transition, so the
 * monthly tally can never miss or double it. It is booked in the month it
 * was first known; a corrected amount replaces the first one. */
static int
book_job_cost (sqlite3 *db,
               gint64   job_id,
               double   cost)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *charge_id = NULL;
  g_autofree char *month = NULL;
  int rc;

  if (cost < 0)
    return SQLITE_OK;

  now = g_date_time_new_now_utc ();
  month = dup_month_key (now);
  charge_id = g_strdup_printf ("job:%" G_GINT64_FORMAT, job_id);

  rc = prepare (db,
                "INSERT INTO cost_ledger (job_id, charge_id, amount, recorded_at, month)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (charge_id) DO UPDATE SET amount = excluded.amount",
                &stmt);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_int64 (stmt, 1, job_id);
  bind_text (stmt, 2, charge_id);
  sqlite3_bind_double (stmt, 3, cost);
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (now));
  bind_text (stmt, 5, month);

  return step_done (stmt);
}

static LkJobRecord *
select_job (sqlite3     *db,
            const char  *where,
            gint64       id,
            const char  *key,
            GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *sql = g_strconcat ("SELECT " JOB_COLUMNS " FROM jobs WHERE ", where, NULL);
  int rc;

  rc = prepare (db, sql, &stmt);
  if (rc == SQLITE_OK)
    rc = key != NULL ? bind_text (stmt, 1, key) : sqlite3_bind_int64 (stmt, 1, id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return read_job (stmt);

  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    _lk_store_set_error (error, db, rc);

  return NULL;
}

/* Writes a new row from @record; the id, the creation time and the key are
 * taken from it except where noted. */
static int
insert_row (sqlite3           *db,
            const LkJobRecord *record,
            gint64             created,
            const char        *key)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  int rc;
  int i = 1;

  rc = prepare (db,
                "INSERT INTO jobs (created, updated, name, idempotency_key, parent_id, trainer,"
                " endpoint, preset, inputs, sources, dataset_hash, file_url, request_id,"
                " status_url, response_url, cancel_url, phase, billed, cost_estimate,"
                " cost_actual, failure_reason, log_tail, result, result_folder, finetune_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                "         ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (idempotency_key) DO NOTHING",
                &stmt);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_int64 (stmt, i++, created);
  sqlite3_bind_int64 (stmt, i++, now_seconds ());
  bind_text (stmt, i++, record->name);
  bind_text (stmt, i++, key);
  bind_optional_id (stmt, i++, record->parent_id);
  bind_text (stmt, i++, record->trainer);
  bind_text (stmt, i++, record->endpoint);
  bind_text (stmt, i++, record->preset);
  bind_text (stmt, i++, record->inputs_json);
  bind_text (stmt, i++, record->sources_json);
  bind_text (stmt, i++, record->dataset_hash);
  bind_text (stmt, i++, record->file_url);
  bind_text (stmt, i++, record->request_id);
  bind_text (stmt, i++, record->status_url);
  bind_text (stmt, i++, record->response_url);
  bind_text (stmt, i++, record->cancel_url);
  bind_text (stmt, i++, lk_job_phase_to_nick (record->phase));
  sqlite3_bind_int (stmt, i++, record->billed ? 1 : 0);
  bind_cost (stmt, i++, record->cost_estimate);
  bind_cost (stmt, i++, record->cost_actual);
  bind_text (stmt, i++, record->failure_reason);
  bind_text (stmt, i++, record->log_tail);
  bind_text (stmt, i++, record->result_json);
  bind_text (stmt, i++, record->result_folder);
  bind_text (stmt, i++, record->finetune_id);

  return step_done (stmt);
}

LkJobRecord *
_lk_store_db_insert_job (sqlite3            *db,
                         const LkJobRecord  *record,
                         GError            **error)
{
  g_autofree char *key = NULL;
  LkJobRecord *stored;
  int rc;

  /* A record made without lk_job_record_new () still gets a key. */
  key = record->idempotency_key != NULL ? g_strdup (record->idempotency_key)
                                        : g_uuid_string_random ();

  if (!begin (db, error))
    return NULL;

  rc = insert_row (db, record, record->created > 0 ? record->created : now_seconds (), key);
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      rollback (db);
      return NULL;
    }

  /* Whether the row is new or was inserted earlier with the same key, the
   * caller gets what is stored: one click is one job. */
  stored = select_job (db, "idempotency_key = ?", 0, key, error);
  if (stored == NULL)
    {
      rollback (db);
      return NULL;
    }

  rc = book_job_cost (db, stored->id, stored->cost_actual);
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      lk_job_record_unref (stored);
      rollback (db);
      return NULL;
    }

  if (!commit (db, error))
    {
      lk_job_record_unref (stored);
      return NULL;
    }

  return stored;
}

gboolean
_lk_store_db_update_job (sqlite3            *db,
                         const LkJobRecord  *record,
                         GError            **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  int rc;
  int i = 1;

  if (!begin (db, error))
    return FALSE;

  rc = prepare (db,
                "UPDATE jobs SET updated = ?, name = ?, parent_id = ?, trainer = ?,"
                " endpoint = ?, preset = ?, inputs = ?, sources = ?, dataset_hash = ?,"
                " file_url = ?, request_id = ?, status_url = ?, response_url = ?,"
                " cancel_url = ?, phase = ?, billed = ?, cost_estimate = ?, cost_actual = ?,"
                " failure_reason = ?, log_tail = ?, result = ?, result_folder = ?,"
                " finetune_id = ? WHERE id = ?",
                &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, i++, now_seconds ());
      bind_text (stmt, i++, record->name);
      bind_optional_id (stmt, i++, record->parent_id);
      bind_text (stmt, i++, record->trainer);
      bind_text (stmt, i++, record->endpoint);
      bind_text (stmt, i++, record->preset);
      bind_text (stmt, i++, record->inputs_json);
      bind_text (stmt, i++, record->sources_json);
      bind_text (stmt, i++, record->dataset_hash);
      bind_text (stmt, i++, record->file_url);
      bind_text (stmt, i++, record->request_id);
      bind_text (stmt, i++, record->status_url);
      bind_text (stmt, i++, record->response_url);
      bind_text (stmt, i++, record->cancel_url);
      bind_text (stmt, i++, lk_job_phase_to_nick (record->phase));
      sqlite3_bind_int (stmt, i++, record->billed ? 1 : 0);
      bind_cost (stmt, i++, record->cost_estimate);
      bind_cost (stmt, i++, record->cost_actual);
      bind_text (stmt, i++, record->failure_reason);
      bind_text (stmt, i++, record->log_tail);
      bind_text (stmt, i++, record->result_json);
      bind_text (stmt, i++, record->result_folder);
      bind_text (stmt, i++, record->finetune_id);
      sqlite3_bind_int64 (stmt, i++, record->id);
      rc = step_done (stmt);
    }

  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      rollback (db);
      return FALSE;
    }

  if (sqlite3_changes (db) == 0)
    {
      set_not_found (error, record->id);
      rollback (db);
      return FALSE;
    }

  rc = book_job_cost (db, record->id, record->cost_actual);
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      rollback (db);
      return FALSE;
    }

  return commit (db, error);
}

gboolean
_lk_store_db_claim_submit (sqlite3  *db,
                           gint64    job_id,
                           GError  **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  int rc;

  if (!begin (db, error))
    return FALSE;

  record = select_job (db, "id = ?", job_id, NULL, error);
  if (record == NULL)
    {
      rollback (db);
      return FALSE;
    }

  /* Only a job that fal has never seen may be sent. A job that died while
   * submitting may or may not have reached fal, so it is not sent again
   * without the person deciding. */
  if (record->request_id != NULL || !lk_job_phase_is_local (record->phase))
    {
      rollback (db);
      g_set_error_literal (error, LK_STORE_ERROR, LK_STORE_ERROR_ALREADY_SUBMITTED,
                           _("This job was already sent to fal. It is not sent again, "
                             "so that it is not paid for twice."));
      return FALSE;
    }

  rc = prepare (db, "UPDATE jobs SET phase = ?, updated = ? WHERE id = ?", &stmt);
  if (rc == SQLITE_OK)
    {
      bind_text (stmt, 1, lk_job_phase_to_nick (LK_JOB_PHASE_SUBMITTING));
      sqlite3_bind_int64 (stmt, 2, now_seconds ());
      sqlite3_bind_int64 (stmt, 3, job_id);
      rc = step_done (stmt);
    }
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      rollback (db);
      return FALSE;
    }

  return commit (db, error);
}

LkJobRecord *
_lk_store_db_get_job (sqlite3  *db,
                      gint64    job_id,
                      GError  **error)
{
  return select_job (db, "id = ?", job_id, NULL, error);
}

GPtrArray *
_lk_store_db_list_jobs (sqlite3         *db,
                        LkJobListFlags   flags,
                        const char      *search,
                        GError         **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " JOB_COLUMNS " FROM jobs WHERE 1");
  g_autofree char *folded = NULL;
  int rc;

  if (flags & LK_JOB_LIST_UNFINISHED)
    g_string_append (sql, " AND phase NOT IN ('done', 'failed', 'cancelled')");

  if (search != NULL && *search != '\0')
    {
      g_autofree char *normalized = g_utf8_normalize (search, -1, G_NORMALIZE_ALL);

      folded = g_utf8_casefold (normalized != NULL ? normalized : search, -1);
      g_string_append (sql, " AND instr (lk_fold (name), ?) > 0");
    }

  g_string_append (sql, " ORDER BY created DESC, id DESC");

  rc = prepare (db, sql->str, &stmt);
  if (rc == SQLITE_OK && folded != NULL)
    rc = bind_text (stmt, 1, folded);
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      return NULL;
    }

  jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_job_record_unref);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, read_job (stmt));

  if (rc != SQLITE_DONE)
    {
      _lk_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&jobs);
}

gboolean
_lk_store_db_delete_job (sqlite3  *db,
                         gint64    job_id,
                         GError  **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  int rc;

  if (!begin (db, error))
    return FALSE;

  /* Clones keep their data and lose only the link (ON DELETE SET NULL);
   * the money spent stays in the ledger and in the month's tally. */
  rc = prepare (db, "DELETE FROM jobs WHERE id = ?", &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, job_id);
      rc = step_done (stmt);
    }
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      rollback (db);
      return FALSE;
    }

  if (sqlite3_changes (db) == 0)
    {
      set_not_found (error, job_id);
      rollback (db);
      return FALSE;
    }

  return commit (db, error);
}

LkJobRecord *
_lk_store_db_clone_job (sqlite3  *db,
                        gint64    job_id,
                        GError  **error)
{
  g_autoptr(LkJobRecord) parent = NULL;
  g_autoptr(LkJobRecord) fresh = NULL;
  g_autofree char *key = g_uuid_string_random ();
  LkJobRecord *stored;
  int rc;

  if (!begin (db, error))
    return NULL;

  parent = select_job (db, "id = ?", job_id, NULL, error);
  if (parent == NULL)
    {
      rollback (db);
      return NULL;
    }

  /* The same data and parameters, none of the outcome. The upload is found
   * again through the dataset hash and the upload cache, which knows
   * whether it has expired. */
  fresh = lk_job_record_new ();
  fresh->name = g_strdup (parent->name);
  fresh->parent_id = parent->id;
  fresh->trainer = g_strdup (parent->trainer);
  fresh->endpoint = g_strdup (parent->endpoint);
  fresh->preset = g_strdup (parent->preset);
  fresh->inputs_json = g_strdup (parent->inputs_json);
  fresh->sources_json = g_strdup (parent->sources_json);
  fresh->dataset_hash = g_strdup (parent->dataset_hash);
  fresh->cost_estimate = parent->cost_estimate;

  rc = insert_row (db, fresh, now_seconds (), key);
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      rollback (db);
      return NULL;
    }

  stored = select_job (db, "idempotency_key = ?", 0, key, error);
  if (stored == NULL)
    {
      rollback (db);
      return NULL;
    }

  if (!commit (db, error))
    {
      lk_job_record_unref (stored);
      return NULL;
    }

  return stored;
}

char *
_lk_store_db_lookup_upload (sqlite3     *db,
                            const char  *sha256,
                            gint64       now,
                            gint64      *expires_at,
                            GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  int rc;

  rc = prepare (db,
                "SELECT file_url, expires_at FROM upload_cache WHERE sha256 = ?"
                " AND (expires_at IS NULL OR expires_at > ?)",
                &stmt);
  if (rc == SQLITE_OK)
    {
      bind_text (stmt, 1, sha256);
      sqlite3_bind_int64 (stmt, 2, now + LK_UPLOAD_CACHE_MARGIN_SECONDS);
      rc = sqlite3_step (stmt);
    }

  if (rc == SQLITE_ROW)
    {
      if (expires_at != NULL)
        *expires_at = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                      ? 0 : sqlite3_column_int64 (stmt, 1);
      return column_text (stmt, 0);
    }

  if (rc != SQLITE_DONE)
    _lk_store_set_error (error, db, rc);

  return NULL;
}

gboolean
_lk_store_db_put_upload (sqlite3     *db,
                         const char  *sha256,
                         const char  *file_url,
                         gint64       expires_at,
                         gint64       now,
                         GError     **error)
{
  g_auto(sqlite3_stmt_ptr) put = NULL;
  g_auto(sqlite3_stmt_ptr) purge = NULL;
  int rc;

  if (!begin (db, error))
    return FALSE;

  rc = prepare (db,
                "INSERT INTO upload_cache (sha256, file_url, expires_at) VALUES (?, ?, ?)"
                " ON CONFLICT (sha256) DO UPDATE SET file_url = excluded.file_url,"
                " expires_at = excluded.expires_at",
                &put);
  if (rc == SQLITE_OK)
    {
      bind_text (put, 1, sha256);
      bind_text (put, 2, file_url);
      bind_optional_id (put, 3, expires_at);
      rc = step_done (put);
    }

  /* Housekeeping: expired entries can never be used again. */
  if (rc == SQLITE_OK)
    rc = prepare (db, "DELETE FROM upload_cache WHERE expires_at <= ?", &purge);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (purge, 1, now);
      rc = step_done (purge);
    }

  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      rollback (db);
      return FALSE;
    }

  return commit (db, error);
}

gboolean
_lk_store_db_record_cost (sqlite3     *db,
                          gint64       job_id,
                          const char  *charge_id,
                          double       amount_usd,
                          GDateTime   *when,
                          GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *month = dup_month_key (when);
  int rc;

  if (!begin (db, error))
    return FALSE;

  /* The charge id (fal's request id) makes recording idempotent: a job
   * that reattaches and records its cost again replaces the entry. */
  rc = prepare (db,
                "INSERT INTO cost_ledger (job_id, charge_id, amount, recorded_at, month)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (charge_id) DO UPDATE SET amount = excluded.amount,"
                " job_id = excluded.job_id, recorded_at = excluded.recorded_at,"
                " month = excluded.month",
                &stmt);
  if (rc == SQLITE_OK)
    {
      bind_optional_id (stmt, 1, job_id);
      bind_text (stmt, 2, charge_id);
      sqlite3_bind_double (stmt, 3, amount_usd);
      sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (when));
      bind_text (stmt, 5, month);
      rc = step_done (stmt);
    }

  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      rollback (db);
      return FALSE;
    }

  return commit (db, error);
}

gboolean
_lk_store_db_month_total (sqlite3     *db,
                          GDateTime   *month,
                          double      *total_usd,
                          GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *key = dup_month_key (month);
  int rc;

  rc = prepare (db, "SELECT total (amount) FROM cost_ledger WHERE month = ?", &stmt);
  if (rc == SQLITE_OK)
    {
      bind_text (stmt, 1, key);
      rc = sqlite3_step (stmt);
    }

  if (rc != SQLITE_ROW)
    {
      _lk_store_set_error (error, db, rc);
      return FALSE;
    }

  *total_usd = sqlite3_column_double (stmt, 0);

  return TRUE;
}
