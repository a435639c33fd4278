/* lk-job-store.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job store object: one SQLite connection, used by one worker thread
 * that runs the requests in the order they were made. Results come back on
 * the caller's thread-default main context, through GTask.
 */

#define G_LOG_DOMAIN "lk-job-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-error.h"
#include "lk-job-store-private.h"

struct _LkJobStore
{
  GObject      parent_instance;

  char        *path;   /* (owned) */

  /* The connection is used by one thread at a time: the worker, or a
   * caller of a _sync function. */
  GMutex       lock;
  sqlite3     *db;     /* (owned) (nullable) under @lock */

  /* One thread, so requests run, and complete, in order. */
  GThreadPool *pool;   /* (owned) */
};

G_DEFINE_FINAL_TYPE (LkJobStore, lk_job_store, G_TYPE_OBJECT)

G_DEFINE_FLAGS_TYPE (LkJobListFlags, lk_job_list_flags,
  G_DEFINE_ENUM_VALUE (LK_JOB_LIST_ALL, "all"),
  G_DEFINE_ENUM_VALUE (LK_JOB_LIST_UNFINISHED, "unfinished"))

LkStoreOp *
_lk_store_op_new (LkStoreOpKind kind)
{
  LkStoreOp *op = g_new0 (LkStoreOp, 1);

  op->kind = kind;

  return op;
}

void
_lk_store_op_free (LkStoreOp *op)
{
  g_clear_pointer (&op->record, lk_job_record_unref);
  g_clear_pointer (&op->text, g_free);
  g_clear_pointer (&op->text2, g_free);
  g_clear_pointer (&op->when, g_date_time_unref);
  g_clear_pointer (&op->out_record, lk_job_record_unref);
  g_clear_pointer (&op->out_jobs, g_ptr_array_unref);
  g_clear_pointer (&op->out_text, g_free);
  g_clear_error (&op->error);
  g_free (op);
}

/* Runs @op against the connection; @self->lock must be held. */
static gboolean
run_op (LkJobStore  *self,
        LkStoreOp   *op,
        GError     **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (op->kind == LK_STORE_OP_OPEN)
    {
      g_assert (self->db == NULL);
      self->db = _lk_store_db_open (self->path, error);
      return self->db != NULL;
    }

  g_assert (self->db != NULL);

  switch (op->kind)
    {
    case LK_STORE_OP_INSERT:
      op->out_record = _lk_store_db_insert_job (self->db, op->record, error);
      return op->out_record != NULL;

    case LK_STORE_OP_UPDATE:
      return _lk_store_db_update_job (self->db, op->record, error);

    case LK_STORE_OP_CLAIM_SUBMIT:
      return _lk_store_db_claim_submit (self->db, op->id, error);

    case LK_STORE_OP_GET:
      op->out_record = _lk_store_db_get_job (self->db, op->id, error);
      return op->out_record != NULL;

    case LK_STORE_OP_LIST:
      op->out_jobs = _lk_store_db_list_jobs (self->db, op->flags, op->text, error);
      return op->out_jobs != NULL;

    case LK_STORE_OP_DELETE:
      return _lk_store_db_delete_job (self->db, op->id, error);

    case LK_STORE_OP_CLONE:
      op->out_record = _lk_store_db_clone_job (self->db, op->id, error);
      return op->out_record != NULL;

    case LK_STORE_OP_LOOKUP_UPLOAD:
      {
        g_autoptr(GError) local_error = NULL;

        op->out_time = 0;
        op->out_text = _lk_store_db_lookup_upload (self->db, op->text, now,
                                                   &op->out_time, &local_error);
        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        return TRUE;
      }

    case LK_STORE_OP_PUT_UPLOAD:
      return _lk_store_db_put_upload (self->db, op->text, op->text2, op->time, now, error);

    case LK_STORE_OP_RECORD_COST:
      return _lk_store_db_record_cost (self->db, op->id, op->text, op->amount, op->when, error);

    case LK_STORE_OP_MONTH_TOTAL:
      return _lk_store_db_month_total (self->db, op->when, &op->out_amount, error);

    case LK_STORE_OP_OPEN:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
run_op_locked (LkJobStore  *self,
               LkStoreOp   *op,
               GError     **error)
{
  gboolean ret;

  g_mutex_lock (&self->lock);
  ret = run_op (self, op, error);
  g_mutex_unlock (&self->lock);

  return ret;
}

gboolean
_lk_job_store_run_sync (LkJobStore    *self,
                        LkStoreOp     *op,
                        GCancellable  *cancellable,
                        GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return run_op_locked (self, op, error);
}

/* Runs on the caller's main context: hands the worker's outcome to the
 * task. Doing this here rather than on the worker means that the last
 * reference to the task, and so maybe to the store, is always dropped on
 * the caller's thread, never on the worker that the store owns. */
static gboolean
complete_cb (gpointer data)
{
  GTask *task = data;
  LkJobStore *self = g_task_get_source_object (task);
  LkStoreOp *op = g_task_get_task_data (task);

  if (op->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&op->error));
      return G_SOURCE_REMOVE;
    }

  switch (op->kind)
    {
    case LK_STORE_OP_OPEN:
      g_task_return_pointer (task, g_object_ref (self), g_object_unref);
      break;

    case LK_STORE_OP_INSERT:
    case LK_STORE_OP_GET:
    case LK_STORE_OP_CLONE:
      g_task_return_pointer (task, g_steal_pointer (&op->out_record),
                             (GDestroyNotify) lk_job_record_unref);
      break;

    case LK_STORE_OP_LIST:
      g_task_return_pointer (task, g_steal_pointer (&op->out_jobs),
                             (GDestroyNotify) g_ptr_array_unref);
      break;

    case LK_STORE_OP_LOOKUP_UPLOAD:
      g_task_return_pointer (task, g_steal_pointer (&op->out_text), g_free);
      break;

    case LK_STORE_OP_UPDATE:
    case LK_STORE_OP_CLAIM_SUBMIT:
    case LK_STORE_OP_DELETE:
    case LK_STORE_OP_PUT_UPLOAD:
    case LK_STORE_OP_RECORD_COST:
    case LK_STORE_OP_MONTH_TOTAL:
    default:
      g_task_return_boolean (task, TRUE);
      break;
    }

  return G_SOURCE_REMOVE;
}

static void
worker_cb (gpointer data,
           gpointer user_data)
{
  GTask *task = data;
  LkJobStore *self = user_data;
  LkStoreOp *op = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;

  /* A request is skipped when cancelled before it starts. Once started it
   * runs to the end, and its real outcome is reported. */
  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &op->error))
    run_op_locked (self, op, &op->error);

  /* The worker touches nothing after this: the task, which holds the
   * store, now belongs to the idle source. g_main_context_invoke () is not
   * used, since it runs the function right here when the worker manages to
   * acquire an idle default context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, complete_cb, task, g_object_unref);
  g_source_set_static_name (source, "[lk-job-store] complete");
  g_source_attach (source, g_task_get_context (task));
}

/* Queues @op (transferred) on the worker. The task keeps the store alive
 * until the result has been delivered on the caller's main context, so the
 * store is never finalized on the worker thread. */
void
_lk_job_store_push (LkJobStore          *self,
                    LkStoreOp           *op,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) _lk_store_op_free);
  g_task_set_check_cancellable (task, FALSE);

  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

static void
lk_job_store_finalize (GObject *object)
{
  LkJobStore *self = (LkJobStore *)object;

  /* Every queued request holds a reference, so the queue is empty. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lk_job_store_parent_class)->finalize (object);
}

static void
lk_job_store_class_init (LkJobStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_job_store_finalize;
}

static void
lk_job_store_init (LkJobStore *self)
{
  g_mutex_init (&self->lock);
  /* Creating a shared pool with one thread cannot fail. */
  self->pool = g_thread_pool_new (worker_cb, self, 1, FALSE, NULL);
}

static LkJobStore *
store_new (const char *path)
{
  LkJobStore *self = g_object_new (LK_TYPE_JOB_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : lk_job_store_dup_default_path ();

  return self;
}

/**
 * lk_job_store_dup_default_path:
 *
 * Returns: (transfer full): where the job history lives:
 *   `$XDG_DATA_HOME/likeness/jobs.sqlite3`
 */
char *
lk_job_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "likeness", "jobs.sqlite3", NULL);
}

/**
 * lk_job_store_new_async:
 * @path: (nullable): the store file, or %NULL for the default path
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the store is open
 * @user_data: data for @callback
 *
 * Opens the job store, creating it or bringing its schema up to date. A
 * damaged file fails with %LK_STORE_ERROR_CORRUPT and one from a newer
 * version with %LK_STORE_ERROR_NEWER_VERSION; either file is left exactly
 * as it was, and the message names it.
 */
void
lk_job_store_new_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(LkJobStore) self = NULL;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = store_new (path);
  _lk_job_store_push (self, _lk_store_op_new (LK_STORE_OP_OPEN), lk_job_store_new_async,
                      cancellable, callback, user_data);
}

/**
 * lk_job_store_new_finish:
 * @result: the result given to the callback
 * @error: where to put the error
 *
 * Returns: (transfer full) (nullable): the open store
 */
LkJobStore *
lk_job_store_new_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_job_store_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lk_job_store_new_sync:
 * @path: (nullable): the store file, or %NULL for the default path
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put the error
 *
 * Like lk_job_store_new_async(), blocking; for the CLI and tests only.
 *
 * Returns: (transfer full) (nullable): the open store
 */
LkJobStore *
lk_job_store_new_sync (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(LkJobStore) self = NULL;
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_OPEN);

  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = store_new (path);
  if (!_lk_job_store_run_sync (self, op, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lk_job_store_get_path:
 * @self: a store
 *
 * Returns: (transfer none): the store's file
 */
const char *
lk_job_store_get_path (LkJobStore *self)
{
  g_return_val_if_fail (LK_IS_JOB_STORE (self), NULL);

  return self->path;
}

gboolean
_lk_job_store_check_result (LkJobStore   *self,
                            GAsyncResult *result,
                            gpointer      source_tag)
{
  return g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/**
 * lk_job_store_insert_async:
 * @self: a store
 * @record: the job to write down; its id is ignored
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes a new job. When a job with the same idempotency key is already
 * stored, nothing is written and that job is returned instead, so a retried
 * insert never makes a second job. A known cost_actual is booked in the
 * cost ledger in the same transaction.
 */
void
lk_job_store_insert_async (LkJobStore          *self,
                           const LkJobRecord   *record,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));
  g_return_if_fail (record != NULL);

  op = _lk_store_op_new (LK_STORE_OP_INSERT);
  op->record = lk_job_record_copy (record);
  _lk_job_store_push (self, op, lk_job_store_insert_async, cancellable, callback, user_data);
}

/**
 * lk_job_store_insert_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: where to put the error
 *
 * Returns: (transfer full) (nullable): the job as stored, with its id
 */
LkJobRecord *
lk_job_store_insert_finish (LkJobStore    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result, lk_job_store_insert_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lk_job_store_insert_sync:
 * @self: a store
 * @record: the job to write down
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put the error
 *
 * Blocking lk_job_store_insert_async(), for the CLI and tests.
 *
 * Returns: (transfer full) (nullable): the job as stored, with its id
 */
LkJobRecord *
lk_job_store_insert_sync (LkJobStore         *self,
                          const LkJobRecord  *record,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_INSERT);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  op->record = lk_job_record_copy (record);
  if (!_lk_job_store_run_sync (self, op, cancellable, error))
    return NULL;

  return g_steal_pointer (&op->out_record);
}

/**
 * lk_job_store_update_async:
 * @self: a store
 * @record: the job, with the id it was stored under
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes every field of @record (except its creation time and key) in one
 * transaction: a transition is stored whole or not at all. A known
 * @record->cost_actual is booked in the cost ledger in the same
 * transaction, in the month it first became known. Fails with
 * %LK_STORE_ERROR_NOT_FOUND when the job was deleted.
 */
void
lk_job_store_update_async (LkJobStore          *self,
                           const LkJobRecord   *record,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));
  g_return_if_fail (record != NULL);

  op = _lk_store_op_new (LK_STORE_OP_UPDATE);
  op->record = lk_job_record_copy (record);
  _lk_job_store_push (self, op, lk_job_store_update_async, cancellable, callback, user_data);
}

gboolean
lk_job_store_update_finish (LkJobStore    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result,
                                                    lk_job_store_update_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lk_job_store_update_sync (LkJobStore         *self,
                          const LkJobRecord  *record,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_UPDATE);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  op->record = lk_job_record_copy (record);

  return _lk_job_store_run_sync (self, op, cancellable, error);
}

/**
 * lk_job_store_claim_submit_async:
 * @self: a store
 * @job_id: the job about to be sent to fal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Moves a job that fal has never seen to %LK_JOB_PHASE_SUBMITTING, in one
 * transaction, just before its submit request is sent. Only one caller
 * across all processes wins; the others, and any later attempt, fail with
 * %LK_STORE_ERROR_ALREADY_SUBMITTED. This is what keeps a resumed or
 * double-clicked job from being paid for twice.
 */
void
lk_job_store_claim_submit_async (LkJobStore          *self,
                                 gint64               job_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));

  op = _lk_store_op_new (LK_STORE_OP_CLAIM_SUBMIT);
  op->id = job_id;
  _lk_job_store_push (self, op, lk_job_store_claim_submit_async, cancellable, callback, user_data);
}

gboolean
lk_job_store_claim_submit_finish (LkJobStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result,
                                                    lk_job_store_claim_submit_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lk_job_store_claim_submit_sync (LkJobStore    *self,
                                gint64         job_id,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_CLAIM_SUBMIT);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), FALSE);

  op->id = job_id;

  return _lk_job_store_run_sync (self, op, cancellable, error);
}

/**
 * lk_job_store_get_async:
 * @self: a store
 * @job_id: a job's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads one job; fails with %LK_STORE_ERROR_NOT_FOUND when there is none.
 */
void
lk_job_store_get_async (LkJobStore          *self,
                        gint64               job_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));

  op = _lk_store_op_new (LK_STORE_OP_GET);
  op->id = job_id;
  _lk_job_store_push (self, op, lk_job_store_get_async, cancellable, callback, user_data);
}

/**
 * lk_job_store_get_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: where to put the error
 *
 * Returns: (transfer full) (nullable): the job
 */
LkJobRecord *
lk_job_store_get_finish (LkJobStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result, lk_job_store_get_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LkJobRecord *
lk_job_store_get_sync (LkJobStore    *self,
                       gint64         job_id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_GET);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), NULL);

  op->id = job_id;
  if (!_lk_job_store_run_sync (self, op, cancellable, error))
    return NULL;

  return g_steal_pointer (&op->out_record);
}

/**
 * lk_job_store_list_async:
 * @self: a store
 * @flags: which jobs
 * @search: (nullable): only jobs whose name contains this, ignoring case
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists jobs, newest first.
 */
void
lk_job_store_list_async (LkJobStore          *self,
                         LkJobListFlags       flags,
                         const char          *search,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));
  g_return_if_fail (search == NULL || g_utf8_validate (search, -1, NULL));

  op = _lk_store_op_new (LK_STORE_OP_LIST);
  op->flags = flags;
  op->text = g_strdup (search);
  _lk_job_store_push (self, op, lk_job_store_list_async, cancellable, callback, user_data);
}

/**
 * lk_job_store_list_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: where to put the error
 *
 * Returns: (transfer container) (element-type LkJobRecord) (nullable): the jobs
 */
GPtrArray *
lk_job_store_list_finish (LkJobStore    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result, lk_job_store_list_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
lk_job_store_list_sync (LkJobStore      *self,
                        LkJobListFlags   flags,
                        const char      *search,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_LIST);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), NULL);
  g_return_val_if_fail (search == NULL || g_utf8_validate (search, -1, NULL), NULL);

  op->flags = flags;
  op->text = g_strdup (search);
  if (!_lk_job_store_run_sync (self, op, cancellable, error))
    return NULL;

  return g_steal_pointer (&op->out_jobs);
}

/**
 * lk_job_store_delete_async:
 * @self: a store
 * @job_id: a job's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Forgets a job. Only the local record goes: nothing is cancelled or
 * deleted on fal, downloaded files stay, and its cost stays in the tally.
 */
void
lk_job_store_delete_async (LkJobStore          *self,
                           gint64               job_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));

  op = _lk_store_op_new (LK_STORE_OP_DELETE);
  op->id = job_id;
  _lk_job_store_push (self, op, lk_job_store_delete_async, cancellable, callback, user_data);
}

gboolean
lk_job_store_delete_finish (LkJobStore    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result,
                                                    lk_job_store_delete_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lk_job_store_delete_sync (LkJobStore    *self,
                          gint64         job_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_DELETE);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), FALSE);

  op->id = job_id;

  return _lk_job_store_run_sync (self, op, cancellable, error);
}

/**
 * lk_job_store_clone_async:
 * @self: a store
 * @job_id: the job to copy
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes a new job, in the preparing phase, with the same name, trainer,
 * preset, inputs and dataset as @job_id, and @job_id as its parent.
 */
void
lk_job_store_clone_async (LkJobStore          *self,
                          gint64               job_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));

  op = _lk_store_op_new (LK_STORE_OP_CLONE);
  op->id = job_id;
  _lk_job_store_push (self, op, lk_job_store_clone_async, cancellable, callback, user_data);
}

/**
 * lk_job_store_clone_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: where to put the error
 *
 * Returns: (transfer full) (nullable): the new job
 */
LkJobRecord *
lk_job_store_clone_finish (LkJobStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result, lk_job_store_clone_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LkJobRecord *
lk_job_store_clone_sync (LkJobStore    *self,
                         gint64         job_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_CLONE);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), NULL);

  op->id = job_id;
  if (!_lk_job_store_run_sync (self, op, cancellable, error))
    return NULL;

  return g_steal_pointer (&op->out_record);
}
