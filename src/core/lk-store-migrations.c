/* lk-store-migrations.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening the job store: checks that leave a damaged or newer file exactly
 * as it is, then WAL mode and the ordered schema migrations, tracked with
 * PRAGMA user_version.
 */

#define G_LOG_DOMAIN "lk-store-migrations"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lk-error.h"
#include "lk-job-store-private.h"

typedef struct
{
  int         version;
  const char *sql;
} Migration;

/* Append only: a released migration never changes. Each runs inside the
 * transaction that also sets user_version to its version. */
static const Migration migrations[] = {
  { 1,
    "CREATE TABLE jobs ("
    "  id             INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  created        INTEGER NOT NULL,"
    "  updated        INTEGER NOT NULL,"
    "  name           TEXT,"
    "  trainer        TEXT,"
    "  endpoint       TEXT,"
    "  preset         TEXT,"
    "  inputs         TEXT,"
    "  dataset_hash   TEXT,"
    "  file_url       TEXT,"
    "  request_id     TEXT,"
    "  status_url     TEXT,"
    "  response_url   TEXT,"
    "  cancel_url     TEXT,"
    "  phase          TEXT NOT NULL,"
    "  billed         INTEGER NOT NULL DEFAULT 0,"
    "  cost_estimate  REAL,"
    "  cost_actual    REAL,"
    "  failure_reason TEXT,"
    "  log_tail       TEXT,"
    "  result         TEXT,"
    "  result_folder  TEXT"
    ");"
    "CREATE TABLE upload_cache ("
    "  sha256     TEXT PRIMARY KEY,"
    "  file_url   TEXT NOT NULL,"
    "  expires_at INTEGER"
    ");" },

  /* Idempotent submission, clones and variants, the pro trainer's
   * finetune_id, the dataset's sources, and the cost ledger. Jobs written
   * by version 1 get a random version-4 UUID as their key. */
  { 2,
    "ALTER TABLE jobs ADD COLUMN idempotency_key TEXT;"
    "ALTER TABLE jobs ADD COLUMN parent_id INTEGER"
    "  REFERENCES jobs (id) ON DELETE SET NULL;"
    "ALTER TABLE jobs ADD COLUMN sources TEXT;"
    "ALTER TABLE jobs ADD COLUMN finetune_id TEXT;"
    "UPDATE jobs SET idempotency_key ="
    "  lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) ||"
    "  '-4' || substr (lower (hex (randomblob (2))), 2) || '-' ||"
    "  substr ('89ab', 1 + (abs (random ()) % 4), 1) ||"
    "  substr (lower (hex (randomblob (2))), 2) || '-' ||"
    "  lower (hex (randomblob (6)))"
    "  WHERE idempotency_key IS NULL;"
    "CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key);"
    "CREATE INDEX jobs_phase ON jobs (phase);"
    "CREATE INDEX jobs_parent ON jobs (parent_id);"
    "CREATE TABLE cost_ledger ("
    "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  job_id      INTEGER REFERENCES jobs (id) ON DELETE SET NULL,"
    "  charge_id   TEXT NOT NULL UNIQUE,"
    "  amount      REAL NOT NULL,"
    "  recorded_at INTEGER NOT NULL,"
    "  month       TEXT NOT NULL"
    ");"
    "CREATE INDEX cost_ledger_month ON cost_ledger (month);" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LK_STORE_SCHEMA_VERSION);

static void
set_corrupt_error (GError     **error,
                   const char  *path)
{
  g_set_error (error, LK_STORE_ERROR, LK_STORE_ERROR_CORRUPT,
               /* Translators: %s is a file path. */
               _("The job history in “%s” is damaged or is not a Likeness job history. "
                 "It was left as it is: move it elsewhere to start a new history."),
               path);
}

/**
 * _lk_store_set_error:
 * @error: where to put the error
 * @db: the connection that failed
 * @rc: the SQLite result code
 *
 * Turns a failed SQLite call into a translated store error. A damaged file
 * found after opening is reported as %LK_STORE_ERROR_CORRUPT.
 */
void
_lk_store_set_error (GError  **error,
                     sqlite3  *db,
                     int       rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int primary = rc & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    {
      set_corrupt_error (error, db != NULL ? sqlite3_db_filename (db, "main") : "");
      return;
    }

  if (primary == SQLITE_FULL)
    {
      g_set_error_literal (error, LK_STORE_ERROR, LK_STORE_ERROR_FAILED,
                           _("The job history could not be saved because the disk is full."));
      return;
    }

  g_set_error (error, LK_STORE_ERROR, LK_STORE_ERROR_FAILED,
               /* Translators: %s is a technical reason from the database. */
               _("The job history could not be read or saved: %s"),
               detail);
}

/* Runs a statement that yields one integer, such as a PRAGMA. */
static int
query_int (sqlite3    *db,
           const char *sql,
           int        *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      *value = 0;
      rc = SQLITE_OK;
    }

  sqlite3_finalize (stmt);

  return rc;
}

/* PRAGMA quick_check reads every page, which is cheap for a job history of
 * a few hundred rows, and finds damage that the header check misses. */
static int
quick_check (sqlite3  *db,
             gboolean *ok)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *ok = FALSE;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      *ok = g_strcmp0 (text, "ok") == 0;
      rc = SQLITE_OK;
    }

  sqlite3_finalize (stmt);

  return rc;
}

static int
exec (sqlite3    *db,
      const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static gboolean
is_damage (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Everything here only reads. A file that fails any check is closed
 * without a checkpoint, so not one byte of it changes. */
static gboolean
check_existing (sqlite3     *db,
                const char  *path,
                int         *version,
                GError     **error)
{
  gboolean ok = FALSE;
  int n_tables = 0;
  int rc;

  rc = query_int (db, "PRAGMA user_version", version);
  if (rc == SQLITE_OK)
    rc = quick_check (db, &ok);
  if (is_damage (rc) || (rc == SQLITE_OK && !ok))
    {
      set_corrupt_error (error, path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      return FALSE;
    }

  if (*version > LK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, LK_STORE_ERROR, LK_STORE_ERROR_NEWER_VERSION,
                   /* Translators: %s is a file path, the numbers are format versions. */
                   _("The job history in “%s” was written by a newer version of Likeness "
                     "(format %d; this version reads formats up to %d). It was left as it "
                     "is: update Likeness to open it."),
                   path, *version, LK_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  rc = query_int (db,
                  *version == 0
                  ? "SELECT count (*) FROM sqlite_master WHERE type = 'table'"
                  : "SELECT count (*) FROM sqlite_master"
                    " WHERE type = 'table' AND name IN ('jobs', 'upload_cache')",
                  &n_tables);
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      return FALSE;
    }

  /* A version of 0 with tables in it is some other program's database;
   * a versioned one must have our tables. */
  if ((*version == 0 && n_tables != 0) || (*version > 0 && n_tables != 2))
    {
      set_corrupt_error (error, path);
      return FALSE;
    }

  return TRUE;
}

/* Checks an existing file through an immutable, read-only connection,
 * which creates no -wal or -shm file beside it: a file that is refused is
 * left exactly as it was found, with nothing added.
 *
 * When a WAL file exists, another connection (the app beside the CLI) may
 * be checkpointing into the file, which an immutable reader would see half
 * written; such a file is checked by the read-write connection only, with
 * proper locking. Its side files exist already, so nothing is added. */
static gboolean
precheck (const char  *path,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *immutable = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;
  GStatBuf st;
  int version = 0;
  int rc;

  if (g_stat (path, &st) != 0 || st.st_size == 0)
    return TRUE;

  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    return TRUE;

  uri = g_filename_to_uri (path, NULL, &local_error);
  if (uri == NULL)
    {
      g_debug ("Not prechecking %s: %s", path, local_error->message);
      return TRUE;
    }

  immutable = g_strconcat (uri, "?immutable=1", NULL);
  rc = sqlite3_open_v2 (immutable, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      /* The read-write open reports this, with its reason. */
      g_debug ("Not prechecking %s: %s", path, sqlite3_errstr (rc));
      sqlite3_close (db);
      return TRUE;
    }

  sqlite3_extended_result_codes (db, 1);
  if (!check_existing (db, path, &version, error))
    {
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_close (db);

  return TRUE;
}

static gboolean
migrate (sqlite3     *db,
         GError     **error)
{
  int version = 0;
  int rc;

  /* Another process (the CLI beside the app) may migrate at the same
   * time: the immediate transaction makes the second one wait, and it then
   * reads the new version and has nothing left to do. */
  rc = exec (db, "BEGIN IMMEDIATE");
  if (rc != SQLITE_OK)
    goto fail;

  rc = query_int (db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    goto rollback;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *set_version = NULL;

      if (migrations[i].version <= version)
        continue;

      g_debug ("Migrating the job store to version %d", migrations[i].version);

      rc = exec (db, migrations[i].sql);
      if (rc != SQLITE_OK)
        goto rollback;

      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      rc = exec (db, set_version);
      if (rc != SQLITE_OK)
        goto rollback;
    }

  rc = exec (db, "COMMIT");
  if (rc != SQLITE_OK)
    goto rollback;

  return TRUE;

rollback:
  _lk_store_set_error (error, db, rc);
  exec (db, "ROLLBACK");
  return FALSE;

fail:
  _lk_store_set_error (error, db, rc);
  return FALSE;
}

/* Case- and accent-width-insensitive matching for the name search, which
 * SQLite's LIKE does only for ASCII; job names are often Cyrillic. */
static void
fold_func (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autofree char *normalized = NULL;
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    {
      sqlite3_result_text (context, text, -1, SQLITE_TRANSIENT);
      return;
    }

  folded = g_utf8_casefold (normalized, -1);
  sqlite3_result_text (context, folded, -1, g_free);
}

/**
 * _lk_store_db_open:
 * @path: the store file; created with its folder when missing
 * @error: where to put the error
 *
 * Opens the store, checks it and brings its schema up to date.
 *
 * Returns: (transfer full) (nullable): the connection
 */
sqlite3 *
_lk_store_db_open (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = NULL;
  sqlite3 *db = NULL;
  int version = 0;
  int mode_ok = 0;
  int rc;

  g_assert (path != NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, the second %s the reason. */
                   _("Could not create the folder “%s” for the job history: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!precheck (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LK_STORE_ERROR, LK_STORE_ERROR_FAILED,
                   /* Translators: %s is a file path, the second %s the reason. */
                   _("Could not open the job history in “%s”: %s"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  /* Until the checks pass, closing must not write back a WAL left by
   * another version. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);

  if (!check_existing (db, path, &version, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  rc = exec (db, "PRAGMA journal_mode = WAL");
  if (rc == SQLITE_OK)
    rc = exec (db, "PRAGMA synchronous = NORMAL");
  if (rc == SQLITE_OK)
    rc = exec (db, "PRAGMA foreign_keys = ON");
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "lk_fold", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     NULL, fold_func, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _lk_store_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  if (!migrate (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  /* WAL cannot be turned on for some file systems; it is worth knowing. */
  if (query_int (db, "SELECT count (*) FROM pragma_journal_mode WHERE journal_mode = 'wal'",
                 &mode_ok) != SQLITE_OK || !mode_ok)
    g_debug ("The job store at %s is not in WAL mode", path);

  return db;
}
