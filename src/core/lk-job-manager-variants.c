/* lk-job-manager-variants.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-manager-variants"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-job-manager.h"
#include "lk-job-private.h"
#include "lk-util.h"

typedef struct
{
  GPtrArray *records;   /* (owned) (element-type LkJobRecord) */
  GPtrArray *jobs;      /* (owned) (element-type LkJob) */
  guint      next;
} VariantsData;

static void
variants_data_free (VariantsData *data)
{
  g_ptr_array_unref (data->records);
  g_ptr_array_unref (data->jobs);
  g_free (data);
}

/* The first variant packs and uploads; the others start once its upload
 * is known, with the same file URL, and run in parallel. If the first one
 * stops before its upload, the others start anyway and find the upload
 * themselves: one failing never stops the others. */
typedef struct
{
  GPtrArray *others;     /* (owned) (element-type LkJob) */
  gulong     phase_id;
  gulong     stopped_id;
  gboolean   started;
} VariantFollow;

static void
variant_follow_free (VariantFollow *follow)
{
  g_ptr_array_unref (follow->others);
  g_free (follow);
}

static void
start_others (LkJob         *first,
              VariantFollow *follow)
{
  if (follow->started)
    return;
  follow->started = TRUE;
  g_clear_signal_handler (&follow->phase_id, first);
  g_clear_signal_handler (&follow->stopped_id, first);

  for (guint i = 0; i < follow->others->len; i++)
    {
      LkJob *job = g_ptr_array_index (follow->others, i);

      if (first->record->file_url != NULL && job->record->file_url == NULL &&
          g_strcmp0 (job->record->sources_json, first->record->sources_json) == 0)
        {
          job->record->file_url = g_strdup (first->record->file_url);
          lk_set_str (&job->record->dataset_hash, first->record->dataset_hash);
        }
      lk_job_start (job);
    }
}

static void
first_variant_phase_cb (LkJob         *first,
                        GParamSpec    *pspec,
                        VariantFollow *follow)
{
  if (first->record->file_url == NULL && lk_job_phase_is_local (lk_job_get_phase (first)))
    return;
  start_others (first, follow);
}

static void
first_variant_stopped_cb (LkJob         *first,
                          VariantFollow *follow)
{
  start_others (first, follow);
}

static void
variant_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkJobManager *self = g_task_get_source_object (task);
  VariantsData *data = g_task_get_task_data (task);
  g_autoptr(LkJob) job = NULL;
  GError *error = NULL;

  job = lk_job_manager_add_finish (self, result, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (data->jobs, g_steal_pointer (&job));

  if (data->next < data->records->len)
    {
      LkJobRecord *record = g_ptr_array_index (data->records, data->next++);
      GCancellable *cancellable = g_task_get_cancellable (task);

      lk_job_manager_add_async (self, record, cancellable, variant_added_cb, g_steal_pointer (&task));
      return;
    }

  /* All written down: start the first, the others follow its upload. */
  {
    LkJob *first = g_ptr_array_index (data->jobs, 0);

    if (data->jobs->len > 1)
      {
        VariantFollow *follow = g_new0 (VariantFollow, 1);

        follow->others = g_ptr_array_new_with_free_func (g_object_unref);
        for (guint i = 1; i < data->jobs->len; i++)
          g_ptr_array_add (follow->others, g_object_ref (g_ptr_array_index (data->jobs, i)));
        g_object_set_data_full (G_OBJECT (first), "lk-variant-follow", follow,
                                (GDestroyNotify) variant_follow_free);
        follow->phase_id = g_signal_connect (first, "notify::phase",
                                             G_CALLBACK (first_variant_phase_cb), follow);
        follow->stopped_id = g_signal_connect (first, "stopped",
                                               G_CALLBACK (first_variant_stopped_cb), follow);
      }

    lk_job_start (first);
  }

  g_task_return_pointer (task, g_ptr_array_ref (data->jobs), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * lk_job_manager_start_variants_async:
 * @self: a manager
 * @records: (element-type LkJobRecord): 1 to %LK_JOB_MAX_VARIANTS records
 *   on the same sources, with different presets or trainers
 * @cancellable: (nullable): a #GCancellable for writing them down
 * @callback: called once every job is stored and started
 * @user_data: data for @callback
 *
 * Trains several variants of one dataset in parallel; the dataset is
 * packed and uploaded once.
 */
void
lk_job_manager_start_variants_async (LkJobManager        *self,
                                     GPtrArray           *records,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VariantsData *data;

  g_return_if_fail (LK_IS_JOB_MANAGER (self));
  g_return_if_fail (records != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_job_manager_start_variants_async);

  if (records->len == 0 || records->len > LK_JOB_MAX_VARIANTS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               /* Translators: %d is the most variants one run may have. */
                               g_dngettext (GETTEXT_PACKAGE,
                                            "Train between 1 and %d variant at a time.",
                                            "Train between 1 and %d variants at a time.",
                                            LK_JOB_MAX_VARIANTS),
                               LK_JOB_MAX_VARIANTS);
      return;
    }

  data = g_new0 (VariantsData, 1);
  data->records = g_ptr_array_ref (records);
  data->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  data->next = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) variants_data_free);

  lk_job_manager_add_async (self, g_ptr_array_index (records, 0), cancellable,
                            variant_added_cb, g_steal_pointer (&task));
}

/**
 * lk_job_manager_start_variants_finish:
 * @self: a manager
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type LkJob): the jobs, in the
 *   order of the records
 */
GPtrArray *
lk_job_manager_start_variants_finish (LkJobManager  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_job_manager_start_variants_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
