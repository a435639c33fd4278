/* lk-job-store-ledger.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job store's upload-reuse cache and cost ledger: the public calls,
 * queued on the store's worker like the job calls in lk-job-store.c.
 */

#define G_LOG_DOMAIN "lk-job-store-ledger"

#include "config.h"

#include "lk-job-store-private.h"

/**
 * lk_job_store_lookup_upload_async:
 * @self: a store
 * @sha256: the packed dataset's SHA-256, in hex
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds where this dataset was uploaded before. Entries that expire within
 * %LK_UPLOAD_CACHE_MARGIN_SECONDS are ignored.
 */
void
lk_job_store_lookup_upload_async (LkJobStore          *self,
                                  const char          *sha256,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));
  g_return_if_fail (sha256 != NULL);

  op = _lk_store_op_new (LK_STORE_OP_LOOKUP_UPLOAD);
  op->text = g_strdup (sha256);
  _lk_job_store_push (self, op, lk_job_store_lookup_upload_async, cancellable, callback, user_data);
}

/**
 * lk_job_store_lookup_upload_finish:
 * @self: a store
 * @result: the result given to the callback
 * @expires_at: (out) (optional): when the upload expires, Unix seconds, or
 *   0 when it does not
 * @error: where to put the error
 *
 * Returns: (transfer full) (nullable): the file URL, or %NULL with no error
 *   when there is no usable entry
 */
char *
lk_job_store_lookup_upload_finish (LkJobStore    *self,
                                   GAsyncResult  *result,
                                   gint64        *expires_at,
                                   GError       **error)
{
  LkStoreOp *op;
  char *url;

  g_return_val_if_fail (_lk_job_store_check_result (self, result,
                                                    lk_job_store_lookup_upload_async),
                        NULL);

  op = g_task_get_task_data (G_TASK (result));
  url = g_task_propagate_pointer (G_TASK (result), error);
  if (expires_at != NULL)
    *expires_at = url != NULL ? op->out_time : 0;

  return url;
}

char *
lk_job_store_lookup_upload_sync (LkJobStore    *self,
                                 const char    *sha256,
                                 gint64        *expires_at,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_LOOKUP_UPLOAD);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  op->text = g_strdup (sha256);
  if (!_lk_job_store_run_sync (self, op, cancellable, error))
    return NULL;

  if (expires_at != NULL)
    *expires_at = op->out_text != NULL ? op->out_time : 0;

  return g_steal_pointer (&op->out_text);
}

/**
 * lk_job_store_put_upload_async:
 * @self: a store
 * @sha256: the packed dataset's SHA-256, in hex
 * @file_url: where fal stored it
 * @expires_at: when fal deletes it, Unix seconds; 0 or less for never
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Remembers an upload, replacing an older one of the same content, and
 * drops entries that have expired.
 */
void
lk_job_store_put_upload_async (LkJobStore          *self,
                               const char          *sha256,
                               const char          *file_url,
                               gint64               expires_at,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));
  g_return_if_fail (sha256 != NULL);
  g_return_if_fail (file_url != NULL);

  op = _lk_store_op_new (LK_STORE_OP_PUT_UPLOAD);
  op->text = g_strdup (sha256);
  op->text2 = g_strdup (file_url);
  op->time = expires_at;
  _lk_job_store_push (self, op, lk_job_store_put_upload_async, cancellable, callback, user_data);
}

gboolean
lk_job_store_put_upload_finish (LkJobStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result,
                                                    lk_job_store_put_upload_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lk_job_store_put_upload_sync (LkJobStore    *self,
                              const char    *sha256,
                              const char    *file_url,
                              gint64         expires_at,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_PUT_UPLOAD);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  g_return_val_if_fail (file_url != NULL, FALSE);

  op->text = g_strdup (sha256);
  op->text2 = g_strdup (file_url);
  op->time = expires_at;

  return _lk_job_store_run_sync (self, op, cancellable, error);
}

static LkStoreOp *
record_cost_op_new (gint64      job_id,
                    const char *charge_id,
                    double      amount_usd,
                    GDateTime  *when)
{
  LkStoreOp *op = _lk_store_op_new (LK_STORE_OP_RECORD_COST);

  op->id = job_id;
  op->text = g_strdup (charge_id);
  op->amount = amount_usd;
  op->when = when != NULL ? g_date_time_ref (when) : g_date_time_new_now_utc ();

  return op;
}

/**
 * lk_job_store_record_cost_async:
 * @self: a store
 * @job_id: the job that spent the money, or 0
 * @charge_id: what was paid for, unique: fal's request id
 * @amount_usd: the amount
 * @when: (nullable): when it was spent, or %NULL for now
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds a charge to the ledger, in the month that @when falls in, local
 * time. Recording the same @charge_id again replaces the earlier amount.
 *
 * This is for charges beyond a job's training, such as a "try it" grid: a
 * job's own cost_actual is booked by lk_job_store_insert_async() and
 * lk_job_store_update_async().
 */
void
lk_job_store_record_cost_async (LkJobStore          *self,
                                gint64               job_id,
                                const char          *charge_id,
                                double               amount_usd,
                                GDateTime           *when,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LK_IS_JOB_STORE (self));
  g_return_if_fail (charge_id != NULL);
  g_return_if_fail (amount_usd >= 0);

  _lk_job_store_push (self, record_cost_op_new (job_id, charge_id, amount_usd, when),
           lk_job_store_record_cost_async, cancellable, callback, user_data);
}

gboolean
lk_job_store_record_cost_finish (LkJobStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (_lk_job_store_check_result (self, result,
                                                    lk_job_store_record_cost_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lk_job_store_record_cost_sync (LkJobStore    *self,
                               gint64         job_id,
                               const char    *charge_id,
                               double         amount_usd,
                               GDateTime     *when,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(LkStoreOp) op = NULL;

  g_return_val_if_fail (LK_IS_JOB_STORE (self), FALSE);
  g_return_val_if_fail (charge_id != NULL, FALSE);
  g_return_val_if_fail (amount_usd >= 0, FALSE);

  op = record_cost_op_new (job_id, charge_id, amount_usd, when);

  return _lk_job_store_run_sync (self, op, cancellable, error);
}

/**
 * lk_job_store_month_total_async:
 * @self: a store
 * @month: (nullable): any moment in the month, or %NULL for this month;
 *   months are in local time
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds up what was spent in a month.
 */
void
lk_job_store_month_total_async (LkJobStore          *self,
                                GDateTime           *month,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  LkStoreOp *op;

  g_return_if_fail (LK_IS_JOB_STORE (self));

  op = _lk_store_op_new (LK_STORE_OP_MONTH_TOTAL);
  op->when = month != NULL ? g_date_time_ref (month) : g_date_time_new_now_local ();
  _lk_job_store_push (self, op, lk_job_store_month_total_async, cancellable, callback, user_data);
}

/**
 * lk_job_store_month_total_finish:
 * @self: a store
 * @result: the result given to the callback
 * @total_usd: (out): the month's total, in US dollars
 * @error: where to put the error
 *
 * Returns: whether @total_usd was set
 */
gboolean
lk_job_store_month_total_finish (LkJobStore    *self,
                                 GAsyncResult  *result,
                                 double        *total_usd,
                                 GError       **error)
{
  LkStoreOp *op;

  g_return_val_if_fail (_lk_job_store_check_result (self, result,
                                                    lk_job_store_month_total_async),
                        FALSE);
  g_return_val_if_fail (total_usd != NULL, FALSE);

  op = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  *total_usd = op->out_amount;

  return TRUE;
}

gboolean
lk_job_store_month_total_sync (LkJobStore    *self,
                               GDateTime     *month,
                               double        *total_usd,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(LkStoreOp) op = _lk_store_op_new (LK_STORE_OP_MONTH_TOTAL);

  g_return_val_if_fail (LK_IS_JOB_STORE (self), FALSE);
  g_return_val_if_fail (total_usd != NULL, FALSE);

  op->when = month != NULL ? g_date_time_ref (month) : g_date_time_new_now_local ();
  if (!_lk_job_store_run_sync (self, op, cancellable, error))
    return FALSE;

  *total_usd = op->out_amount;

  return TRUE;
}
