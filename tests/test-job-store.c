/* test-job-store.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lk-core.h"

#define WAIT_LIMIT_USEC (10 * G_USEC_PER_SEC)

/* Each test gets its own XDG directories from G_TEST_OPTION_ISOLATE_DIRS. */
static char *
test_store_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "store-test", NULL);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));

  return g_build_filename (dir, name, NULL);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until *slot is set, failing after a bound. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  guint wake = g_timeout_add (100, wake_cb, NULL);

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);

  return *slot;
}

static LkJobStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkJobStore *store;

  lk_job_store_new_async (path, NULL, result_cb, &result);
  store = lk_job_store_new_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (LK_IS_JOB_STORE (store));

  return store;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static int
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
}

static LkJobRecord *
make_job (const char *name)
{
  LkJobRecord *record = lk_job_record_new ();

  record->name = g_strdup (name);
  record->trainer = g_strdup ("fal-ai/flux-lora-portrait-trainer");
  record->endpoint = g_strdup ("fal-ai/flux-lora-portrait-trainer");
  record->preset = g_strdup ("optimal");
  record->inputs_json = g_strdup ("{\"steps\":2500,\"learning_rate\":0.0002}");
  record->sources_json = g_strdup ("[\"file:///home/me/photos\"]");
  record->dataset_hash = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  record->cost_estimate = 6.0;

  return record;
}

static void
test_migrate_empty (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = NULL;
  g_autofree char *default_path = lk_job_store_dup_default_path ();

  g_assert_true (g_str_has_prefix (default_path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (default_path, "/likeness/jobs.sqlite3"));

  store = open_store (path);
  g_assert_cmpstr (lk_job_store_get_path (store), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_int (path, "SELECT count (*) FROM pragma_journal_mode"
                                  " WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count (*) FROM sqlite_master WHERE type = 'table'"
                                  " AND name IN ('jobs', 'upload_cache', 'cost_ledger')"), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&store));

  /* Opening again is a no-op migration. */
  store = lk_job_store_new_sync (path, NULL, NULL);
  g_assert_nonnull (store);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_migrate_default_path (void)
{
  g_autofree char *path = lk_job_store_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJobStore) store = NULL;

  /* The folder is created on the way. */
  store = lk_job_store_new_sync (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_job_store_get_path (store), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* The schema as version 1 wrote it, kept here as a fixture. */
static const char v1_schema[] =
  "CREATE TABLE jobs ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT, created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL, name TEXT, trainer TEXT, endpoint TEXT, preset TEXT,"
  "  inputs TEXT, dataset_hash TEXT, file_url TEXT, request_id TEXT, status_url TEXT,"
  "  response_url TEXT, cancel_url TEXT, phase TEXT NOT NULL,"
  "  billed INTEGER NOT NULL DEFAULT 0, cost_estimate REAL, cost_actual REAL,"
  "  failure_reason TEXT, log_tail TEXT, result TEXT, result_folder TEXT);"
  "CREATE TABLE upload_cache (sha256 TEXT PRIMARY KEY, file_url TEXT NOT NULL,"
  "  expires_at INTEGER);"
  "INSERT INTO jobs (created, updated, name, trainer, request_id, phase, billed, cost_actual)"
  "  VALUES (1767225600, 1767225600, 'Old run', 'fal-ai/flux-pro-trainer', 'req-old',"
  "          'done', 1, 2.5);"
  "INSERT INTO jobs (created, updated, name, phase) VALUES (1767225700, 1767225700,"
  "  'Old queued', 'queued');"
  "INSERT INTO upload_cache VALUES ('abc', 'https://v3.fal.media/files/old.zip', NULL);"
  "PRAGMA user_version = 1;";

static void
test_migrate_v1 (void)
{
  g_autofree char *path = test_store_path ("v1.sqlite3");
  g_autoptr(LkJobStore) store = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(LkJobRecord) added = NULL;
  g_autoptr(LkJobRecord) record = make_job ("New run");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  LkJobRecord *old;

  raw_exec (path, v1_schema);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 1);

  store = open_store (path);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);

  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_ALL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 2);

  /* Newest first. */
  old = g_ptr_array_index (jobs, 1);
  g_assert_cmpstr (old->name, ==, "Old run");
  g_assert_cmpstr (old->request_id, ==, "req-old");
  g_assert_cmpint (old->phase, ==, LK_JOB_PHASE_DONE);
  g_assert_true (old->billed);
  g_assert_cmpfloat (old->cost_actual, ==, 2.5);
  g_assert_cmpfloat (old->cost_estimate, ==, -1);
  g_assert_cmpint (old->parent_id, ==, 0);
  g_assert_null (old->finetune_id);
  /* Old jobs get distinct version-4 UUIDs as keys. */
  g_assert_true (g_uuid_string_is_valid (old->idempotency_key));
  g_assert_cmpint (old->idempotency_key[14], ==, '4');
  g_assert_cmpstr (old->idempotency_key, !=,
                   ((LkJobRecord *) g_ptr_array_index (jobs, 0))->idempotency_key);

  url = lk_job_store_lookup_upload_sync (store, "abc", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://v3.fal.media/files/old.zip");

  added = lk_job_store_insert_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (added->id, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
assert_refused_full (const char *path,
                     int         code,
                     gboolean    had_wal)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(LkJobStore) store = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  lk_job_store_new_async (path, NULL, result_cb, &result);
  store = lk_job_store_new_finish (wait_for (&result), &error);
  g_assert_null (store);
  g_assert_error (error, LK_STORE_ERROR, code);
  /* The message tells the person which file it is. */
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  store = lk_job_store_new_sync (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, LK_STORE_ERROR, code);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  if (!had_wal)
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
assert_refused (const char *path,
                int         code)
{
  assert_refused_full (path, code, FALSE);
}

static void
test_corrupt (void)
{
  g_autofree char *path = test_store_path ("garbage.sqlite3");
  g_autofree char *damaged = test_store_path ("damaged.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = NULL;
  guint8 garbage[4096];
  guint8 *bytes;
  gsize len;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_test_rand_int_range (0, 256);
  garbage[0] = 'x';
  g_file_set_contents (path, (const char *) garbage, sizeof garbage, &error);
  g_assert_no_error (error);
  assert_refused (path, LK_STORE_ERROR_CORRUPT);

  /* A real store whose pages were overwritten: the header still says
   * SQLite, the content does not. */
  {
    g_autoptr(LkJobStore) store = lk_job_store_new_sync (damaged, NULL, &error);
    g_autoptr(LkJobRecord) record = make_job ("Soon damaged");
    g_autoptr(LkJobRecord) stored = NULL;

    g_assert_no_error (error);
    stored = lk_job_store_insert_sync (store, record, NULL, &error);
    g_assert_no_error (error);
    g_assert_finalize_object (g_steal_pointer (&store));
  }

  good = read_bytes (damaged);
  bytes = g_bytes_unref_to_data (g_steal_pointer (&good), &len);
  g_assert_cmpuint (len, >, 4096);
  memset (bytes + 100, 0xa5, len - 100);
  g_file_set_contents (damaged, (const char *) bytes, len, &error);
  g_assert_no_error (error);
  g_free (bytes);
  assert_refused (damaged, LK_STORE_ERROR_CORRUPT);

  /* With a WAL beside it, as after a crash, the read-write connection
   * checks it, and still changes nothing. */
  {
    g_autofree char *wal = g_strconcat (damaged, "-wal", NULL);

    g_file_set_contents (wal, "", 0, &error);
    g_assert_no_error (error);
    assert_refused_full (damaged, LK_STORE_ERROR_CORRUPT, TRUE);
    assert_refused_full (path, LK_STORE_ERROR_CORRUPT, FALSE);
  }
}

static void
test_foreign (void)
{
  g_autofree char *path = test_store_path ("other.sqlite3");

  raw_exec (path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');");
  assert_refused (path, LK_STORE_ERROR_CORRUPT);
}

static void
test_newer (void)
{
  g_autofree char *path = test_store_path ("newer.sqlite3");

  raw_exec (path, v1_schema);
  raw_exec (path, "ALTER TABLE jobs ADD COLUMN from_the_future TEXT; PRAGMA user_version = 7;");
  assert_refused (path, LK_STORE_ERROR_NEWER_VERSION);
}

static void
test_jobs (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = open_store (path);
  g_autoptr(LkJobRecord) first = make_job ("Портрет Ани");
  g_autoptr(LkJobRecord) second = make_job ("Product shots");
  g_autoptr(LkJobRecord) a = NULL;
  g_autoptr(LkJobRecord) b = NULL;
  g_autoptr(LkJobRecord) got = NULL;
  g_autoptr(LkJobRecord) clone = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_job_store_insert_async (store, first, NULL, result_cb, &result);
  a = lk_job_store_insert_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (a->id, >, 0);
  g_assert_cmpstr (a->name, ==, "Портрет Ани");
  g_assert_cmpstr (a->idempotency_key, ==, first->idempotency_key);
  g_assert_cmpint (a->phase, ==, LK_JOB_PHASE_PREPARING);
  g_assert_cmpfloat (a->cost_estimate, ==, 6.0);
  g_assert_cmpfloat (a->cost_actual, ==, -1);

  second->created = a->created + 10;
  b = lk_job_store_insert_sync (store, second, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (b->id, >, a->id);

  /* A transition writes the phase and what came with it together. */
  a->phase = LK_JOB_PHASE_QUEUED;
  a->request_id = g_strdup ("019d9e0b-6eb0-7920-827a-868d042ec76e");
  a->status_url = g_strdup ("https://queue.fal.run/fal-ai/x/requests/019d/status");
  a->response_url = g_strdup ("https://queue.fal.run/fal-ai/x/requests/019d");
  a->cancel_url = g_strdup ("https://queue.fal.run/fal-ai/x/requests/019d/cancel");
  a->file_url = g_strdup ("https://v3.fal.media/files/zip.zip");
  lk_job_store_update_async (store, a, NULL, result_cb, &result);
  g_assert_true (lk_job_store_update_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  lk_job_store_get_async (store, a->id, NULL, result_cb, &result);
  got = lk_job_store_get_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (got->phase, ==, LK_JOB_PHASE_QUEUED);
  g_assert_cmpstr (got->request_id, ==, a->request_id);
  g_assert_cmpstr (got->cancel_url, ==, a->cancel_url);
  g_assert_cmpstr (got->inputs_json, ==, first->inputs_json);
  g_assert_cmpstr (got->sources_json, ==, first->sources_json);
  g_assert_cmpint (got->created, ==, a->created);
  g_clear_pointer (&got, lk_job_record_unref);

  /* b finishes; only a is unfinished. */
  b->phase = LK_JOB_PHASE_FAILED;
  b->billed = TRUE;
  b->failure_reason = g_strdup ("Ошибка обучения: CUDA out of memory");
  b->log_tail = g_strdup ("step 1\nstep 2\nTraceback");
  g_assert_true (lk_job_store_update_sync (store, b, NULL, &error));
  g_assert_no_error (error);

  lk_job_store_list_async (store, LK_JOB_LIST_ALL, NULL, NULL, result_cb, &result);
  jobs = lk_job_store_list_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpint (((LkJobRecord *) g_ptr_array_index (jobs, 0))->id, ==, b->id);
  g_assert_true (((LkJobRecord *) g_ptr_array_index (jobs, 0))->billed);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_UNFINISHED, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpint (((LkJobRecord *) g_ptr_array_index (jobs, 0))->id, ==, a->id);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* Search ignores case, also outside ASCII. */
  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_ALL, "ПОРТРЕТ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpint (((LkJobRecord *) g_ptr_array_index (jobs, 0))->id, ==, a->id);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_ALL, "shots", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpint (((LkJobRecord *) g_ptr_array_index (jobs, 0))->id, ==, b->id);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* LIKE wildcards are plain characters. */
  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_ALL, "%", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 0);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_UNFINISHED, "shots", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 0);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* Clone: same data and parameters, a new key, none of the outcome. */
  lk_job_store_clone_async (store, b->id, NULL, result_cb, &result);
  clone = lk_job_store_clone_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (clone->id, >, b->id);
  g_assert_cmpint (clone->parent_id, ==, b->id);
  g_assert_cmpstr (clone->name, ==, b->name);
  g_assert_cmpstr (clone->inputs_json, ==, b->inputs_json);
  g_assert_cmpstr (clone->dataset_hash, ==, b->dataset_hash);
  g_assert_cmpstr (clone->sources_json, ==, b->sources_json);
  g_assert_cmpstr (clone->preset, ==, b->preset);
  g_assert_cmpstr (clone->idempotency_key, !=, b->idempotency_key);
  g_assert_true (g_uuid_string_is_valid (clone->idempotency_key));
  g_assert_cmpint (clone->phase, ==, LK_JOB_PHASE_PREPARING);
  g_assert_null (clone->request_id);
  g_assert_null (clone->failure_reason);
  g_assert_false (clone->billed);

  /* Delete forgets the local record only; the clone keeps its data. */
  lk_job_store_delete_async (store, b->id, NULL, result_cb, &result);
  g_assert_true (lk_job_store_delete_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  got = lk_job_store_get_sync (store, b->id, NULL, &error);
  g_assert_null (got);
  g_assert_error (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (lk_job_store_delete_sync (store, b->id, NULL, &error));
  g_assert_error (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (lk_job_store_update_sync (store, b, NULL, &error));
  g_assert_error (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  got = lk_job_store_clone_sync (store, b->id, NULL, &error);
  g_assert_null (got);
  g_assert_error (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  got = lk_job_store_get_sync (store, clone->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->parent_id, ==, 0);
  g_assert_cmpstr (got->inputs_json, ==, first->inputs_json);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_idempotent (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = open_store (path);
  g_autoptr(LkJobStore) other = NULL;
  g_autoptr(LkJobRecord) record = make_job ("One click");
  g_autoptr(LkJobRecord) first = NULL;
  g_autoptr(LkJobRecord) again = NULL;
  g_autoptr(LkJobRecord) from_other = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  first = lk_job_store_insert_sync (store, record, NULL, &error);
  g_assert_no_error (error);

  /* The same key again, even with other fields: the stored job comes back
   * and nothing new is written. */
  g_free (record->name);
  record->name = g_strdup ("Second click");
  again = lk_job_store_insert_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, first->id);
  g_assert_cmpstr (again->name, ==, "One click");

  /* A second process (the CLI beside the app) sees the same. */
  other = lk_job_store_new_sync (path, NULL, &error);
  g_assert_no_error (error);
  from_other = lk_job_store_insert_sync (other, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (from_other->id, ==, first->id);

  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_ALL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_claim_submit (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = open_store (path);
  g_autoptr(LkJobStore) other = NULL;
  g_autoptr(LkJobRecord) record = make_job ("Claimed");
  g_autoptr(LkJobRecord) stored = NULL;
  g_autoptr(LkJobRecord) got = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  record->phase = LK_JOB_PHASE_UPLOADING;
  stored = lk_job_store_insert_sync (store, record, NULL, &error);
  g_assert_no_error (error);

  lk_job_store_claim_submit_async (store, stored->id, NULL, result_cb, &result);
  g_assert_true (lk_job_store_claim_submit_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  got = lk_job_store_get_sync (store, stored->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->phase, ==, LK_JOB_PHASE_SUBMITTING);

  /* A resumed job, here through a second connection, may not send again. */
  other = lk_job_store_new_sync (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (lk_job_store_claim_submit_sync (other, stored->id, NULL, &error));
  g_assert_error (error, LK_STORE_ERROR, LK_STORE_ERROR_ALREADY_SUBMITTED);
  g_clear_error (&error);

  /* Nor may a job that fal already knows, whatever its phase. */
  stored->phase = LK_JOB_PHASE_PACKING;
  stored->request_id = g_strdup ("req-1");
  g_assert_true (lk_job_store_update_sync (store, stored, NULL, &error));
  g_assert_false (lk_job_store_claim_submit_sync (store, stored->id, NULL, &error));
  g_assert_error (error, LK_STORE_ERROR, LK_STORE_ERROR_ALREADY_SUBMITTED);
  g_clear_error (&error);

  g_assert_false (lk_job_store_claim_submit_sync (store, 4242, NULL, &error));
  g_assert_error (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND);

  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_upload_cache (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = open_store (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 expires_at = -1;
  char *url;

  url = lk_job_store_lookup_upload_sync (store, "missing", &expires_at, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (url);
  g_assert_cmpint (expires_at, ==, 0);

  /* Expired, and about to expire: both unusable. */
  g_assert_true (lk_job_store_put_upload_sync (store, "old", "https://f/old.zip", now - 10,
                                               NULL, &error));
  g_assert_true (lk_job_store_put_upload_sync (store, "soon", "https://f/soon.zip",
                                               now + LK_UPLOAD_CACHE_MARGIN_SECONDS / 2,
                                               NULL, &error));
  g_assert_no_error (error);

  url = lk_job_store_lookup_upload_sync (store, "old", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (url);
  url = lk_job_store_lookup_upload_sync (store, "soon", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (url);

  lk_job_store_put_upload_async (store, "good", "https://f/good.zip", now + 86400, NULL,
                                 result_cb, &result);
  g_assert_true (lk_job_store_put_upload_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  lk_job_store_lookup_upload_async (store, "good", NULL, result_cb, &result);
  url = lk_job_store_lookup_upload_finish (store, wait_for (&result), &expires_at, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (url, ==, "https://f/good.zip");
  g_assert_cmpint (expires_at, ==, now + 86400);
  g_free (url);

  /* A new upload of the same content replaces the entry; no expiry means
   * it stays usable. */
  g_assert_true (lk_job_store_put_upload_sync (store, "good", "https://f/new.zip", 0,
                                               NULL, &error));
  url = lk_job_store_lookup_upload_sync (store, "good", &expires_at, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://f/new.zip");
  g_assert_cmpint (expires_at, ==, 0);
  g_free (url);

  /* Expired rows are cleaned up on the next put. */
  g_assert_cmpint (raw_int (path, "SELECT count (*) FROM upload_cache WHERE sha256 = 'old'"),
                   ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT count (*) FROM upload_cache WHERE sha256 = 'soon'"),
                   ==, 1);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_cost_month_boundary (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = open_store (path);
  g_autoptr(LkJobRecord) record = make_job ("Costly");
  g_autoptr(LkJobRecord) job = NULL;
  g_autoptr(GDateTime) jan_end = g_date_time_new_local (2026, 1, 31, 23, 59, 30);
  g_autoptr(GDateTime) feb_start = g_date_time_new_local (2026, 2, 1, 0, 0, 30);
  g_autoptr(GDateTime) feb_mid = g_date_time_new_local (2026, 2, 14, 12, 0, 0);
  g_autoptr(GDateTime) mar = g_date_time_new_local (2026, 3, 1, 0, 0, 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double total = -1;

  job = lk_job_store_insert_sync (store, record, NULL, &error);
  g_assert_no_error (error);

  lk_job_store_record_cost_async (store, job->id, "req-jan", 1.5, jan_end, NULL,
                                  result_cb, &result);
  g_assert_true (lk_job_store_record_cost_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_true (lk_job_store_record_cost_sync (store, job->id, "req-feb", 2.0, feb_start,
                                                NULL, &error));
  g_assert_true (lk_job_store_record_cost_sync (store, 0, "req-try", 0.25, feb_mid,
                                                NULL, &error));
  /* Recording a charge again replaces it rather than counting it twice. */
  g_assert_true (lk_job_store_record_cost_sync (store, job->id, "req-feb", 2.0, feb_start,
                                                NULL, &error));
  g_assert_no_error (error);

  lk_job_store_month_total_async (store, jan_end, NULL, result_cb, &result);
  g_assert_true (lk_job_store_month_total_finish (store, wait_for (&result), &total, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpfloat_with_epsilon (total, 1.5, 1e-9);

  g_assert_true (lk_job_store_month_total_sync (store, feb_mid, &total, NULL, &error));
  g_assert_cmpfloat_with_epsilon (total, 2.25, 1e-9);
  g_assert_true (lk_job_store_month_total_sync (store, mar, &total, NULL, &error));
  g_assert_cmpfloat_with_epsilon (total, 0.0, 1e-9);

  /* Now, local time, by default. */
  g_assert_true (lk_job_store_month_total_sync (store, NULL, &total, NULL, &error));
  g_assert_cmpfloat_with_epsilon (total, 0.0, 1e-9);
  g_assert_true (lk_job_store_record_cost_sync (store, job->id, "req-now", 0.75, NULL,
                                                NULL, &error));
  g_assert_true (lk_job_store_month_total_sync (store, NULL, &total, NULL, &error));
  g_assert_cmpfloat_with_epsilon (total, 0.75, 1e-9);

  /* A job's own cost is booked with its transition, once. */
  job->cost_actual = 4.0;
  g_assert_true (lk_job_store_update_sync (store, job, NULL, &error));
  g_assert_true (lk_job_store_month_total_sync (store, NULL, &total, NULL, &error));
  g_assert_cmpfloat_with_epsilon (total, 4.75, 1e-9);
  job->cost_actual = 4.5;
  g_assert_true (lk_job_store_update_sync (store, job, NULL, &error));
  g_assert_true (lk_job_store_update_sync (store, job, NULL, &error));
  g_assert_true (lk_job_store_month_total_sync (store, NULL, &total, NULL, &error));
  g_assert_cmpfloat_with_epsilon (total, 5.25, 1e-9);
  g_assert_no_error (error);

  /* Forgetting a job does not refund it. */
  g_assert_true (lk_job_store_delete_sync (store, job->id, NULL, &error));
  g_assert_true (lk_job_store_month_total_sync (store, feb_mid, &total, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (total, 2.25, 1e-9);
  g_assert_true (lk_job_store_month_total_sync (store, NULL, &total, NULL, &error));
  g_assert_cmpfloat_with_epsilon (total, 5.25, 1e-9);

  g_assert_finalize_object (g_steal_pointer (&store));
}

typedef struct
{
  LkJobStore *store;
  GArray     *order;
  guint       index;
  gint64      id;
} Call;

static void
ordered_insert_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJobRecord) record = NULL;

  record = lk_job_store_insert_finish (call->store, result, &error);
  g_assert_no_error (error);
  call->id = record->id;
  g_array_append_val (call->order, call->index);
}

static void
ordered_get_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJobRecord) record = NULL;

  /* Each get was queued right after its insert, so it finds it. */
  record = lk_job_store_get_finish (call->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->id, ==, call[-1].id);
  g_array_append_val (call->order, call->index);
}

static void
test_concurrency (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = open_store (path);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 200;
  Call *calls = g_new0 (Call, 2 * n);
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkJobRecord) record = make_job ("Many");
      Call *insert = &calls[2 * i];
      Call *get = &calls[2 * i + 1];

      *insert = (Call) { store, order, 2 * i, 0 };
      *get = (Call) { store, order, 2 * i + 1, 0 };

      lk_job_store_insert_async (store, record, NULL, ordered_insert_cb, insert);
      /* Ids start at 1 in a new store; the get runs after its insert. */
      lk_job_store_get_async (store, (gint64) i + 1, NULL, ordered_get_cb, get);
    }

  /* Nothing completes before the main context runs. */
  g_assert_cmpuint (order->len, ==, 0);

  while (order->len < 2 * n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 0; i < 2 * n; i++)
    g_assert_cmpuint (g_array_index (order, guint, i), ==, i);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (calls[2 * i].id, ==, (gint64) i + 1);

  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_ALL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, n);

  g_free (calls);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_cancelled (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = open_store (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LkJobRecord) record = make_job ("Never");
  g_autoptr(LkJobRecord) stored = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  lk_job_store_insert_async (store, record, cancellable, result_cb, &result);
  stored = lk_job_store_insert_finish (store, wait_for (&result), &error);
  g_assert_null (stored);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_null (lk_job_store_insert_sync (store, record, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  jobs = lk_job_store_list_sync (store, LK_JOB_LIST_ALL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&store));
}

typedef struct
{
  LkJobStore   *store;
  GMainContext *context;
  gboolean      done;
} ThreadCall;

static void
thread_get_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ThreadCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJobRecord) record = NULL;

  /* Delivered on the context that was the caller's thread-default one. */
  g_assert_true (g_main_context_is_owner (call->context));
  g_assert_true (g_main_context_get_thread_default () == call->context);

  record = lk_job_store_get_finish (call->store, result, &error);
  g_assert_null (record);
  g_assert_error (error, LK_STORE_ERROR, LK_STORE_ERROR_NOT_FOUND);
  call->done = TRUE;
}

static gpointer
thread_func (gpointer data)
{
  ThreadCall *call = data;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  g_main_context_push_thread_default (call->context);
  lk_job_store_get_async (call->store, 999, NULL, thread_get_cb, call);
  while (!call->done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (call->context, TRUE);
    }
  g_main_context_pop_thread_default (call->context);

  return NULL;
}

static void
test_caller_context (void)
{
  g_autofree char *path = test_store_path ("jobs.sqlite3");
  g_autoptr(LkJobStore) store = open_store (path);
  g_autoptr(GMainContext) context = g_main_context_new ();
  ThreadCall call = { store, context, FALSE };
  GThread *thread;

  thread = g_thread_new ("caller", thread_func, &call);
  g_thread_join (thread);
  g_assert_true (call.done);

  /* Sources left on that context hold nothing back. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_phases (void)
{
  GEnumClass *klass = g_type_class_ref (LK_TYPE_JOB_PHASE);
  LkJobPhase bogus = LK_JOB_PHASE_QUEUED;

  for (guint i = 0; i <= LK_JOB_PHASE_CANCELLED; i++)
    {
      LkJobPhase phase = LK_JOB_PHASE_DONE;
      GEnumValue *value = g_enum_get_value (klass, i);

      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, lk_job_phase_to_nick (i));
      g_assert_true (lk_job_phase_from_nick (lk_job_phase_to_nick (i), &phase));
      g_assert_cmpint (phase, ==, i);
      g_assert_nonnull (lk_job_phase_get_label (i));
      g_assert_false (lk_job_phase_is_finished (i) && lk_job_phase_is_local (i));
    }

  g_assert_false (lk_job_phase_from_nick ("bogus", &bogus));
  g_assert_false (lk_job_phase_from_nick (NULL, &bogus));
  g_assert_cmpint (bogus, ==, LK_JOB_PHASE_QUEUED);
  g_assert_true (lk_job_phase_is_local (LK_JOB_PHASE_UPLOADING));
  g_assert_false (lk_job_phase_is_local (LK_JOB_PHASE_SUBMITTING));
  g_assert_true (lk_job_phase_is_finished (LK_JOB_PHASE_CANCELLED));
  g_assert_false (lk_job_phase_is_finished (LK_JOB_PHASE_DOWNLOADING));

  g_type_class_unref (klass);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/job-store/phases", test_phases);
  g_test_add_func ("/likeness/job-store/migrate/empty", test_migrate_empty);
  g_test_add_func ("/likeness/job-store/migrate/default-path", test_migrate_default_path);
  g_test_add_func ("/likeness/job-store/migrate/v1", test_migrate_v1);
  g_test_add_func ("/likeness/job-store/refuse/corrupt", test_corrupt);
  g_test_add_func ("/likeness/job-store/refuse/foreign", test_foreign);
  g_test_add_func ("/likeness/job-store/refuse/newer", test_newer);
  g_test_add_func ("/likeness/job-store/jobs/crud", test_jobs);
  g_test_add_func ("/likeness/job-store/jobs/idempotent", test_idempotent);
  g_test_add_func ("/likeness/job-store/jobs/claim-submit", test_claim_submit);
  g_test_add_func ("/likeness/job-store/upload-cache", test_upload_cache);
  g_test_add_func ("/likeness/job-store/cost/month-boundary", test_cost_month_boundary);
  g_test_add_func ("/likeness/job-store/async/order", test_concurrency);
  g_test_add_func ("/likeness/job-store/async/cancelled", test_cancelled);
  g_test_add_func ("/likeness/job-store/async/caller-context", test_caller_context);

  return g_test_run ();
}
