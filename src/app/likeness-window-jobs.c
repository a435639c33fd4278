/* likeness-window-jobs.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's side of the jobs: the sidebar (this run's jobs with their
 * live progress, then the history from the store), starting a job from the
 * Trainer step, and showing one on the Training step.
 */

#define G_LOG_DOMAIN "likeness-window-jobs"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-job-page.h"
#include "likeness-job-row.h"
#include "likeness-result-page.h"
#include "likeness-window-private.h"

/* Older jobs are a search away in the CLI; the sidebar keeps to the recent ones. */
#define MAX_HISTORY 200

static void
update_jobs_stack (LikenessWindow *self)
{
  guint n_jobs = g_list_model_get_n_items (G_LIST_MODEL (self->jobs_selection));

  gtk_stack_set_visible_child_name (self->jobs_stack, n_jobs > 0 ? "jobs" : "empty");
}

gboolean
_likeness_window_has_active_jobs (LikenessWindow *self)
{
  GListModel *jobs;

  if (self->manager == NULL)
    return FALSE;

  jobs = lk_job_manager_get_jobs (self->manager);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LkJob) job = g_list_model_get_item (jobs, i);

      if (lk_job_get_active (job))
        return TRUE;
    }

  return FALSE;
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, likeness_job_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  likeness_job_row_set_job (LIKENESS_JOB_ROW (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  likeness_job_row_set_job (LIKENESS_JOB_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
job_activated_cb (LikenessWindow *self,
                  guint           position)
{
  g_autoptr(LkJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs_selection), position);

  if (job != NULL)
    likeness_window_show_job (self, job);
}

/* A finished job shows its result; anything else its progress. */
static void
update_training_stack (LikenessWindow *self)
{
  gboolean done = self->shown_job != NULL && lk_job_get_phase (self->shown_job) == LK_JOB_PHASE_DONE;

  if (self->shown_job == NULL)
    gtk_stack_set_visible_child_name (self->training_stack, "none");
  else
    gtk_stack_set_visible_child_name (self->training_stack, done ? "result" : "job");
}

/**
 * likeness_window_show_job:
 * @self: a #LikenessWindow
 * @job: a job of the sidebar
 *
 * Shows @job on the Training step and goes there.
 */
void
likeness_window_show_job (LikenessWindow *self,
                          LkJob          *job)
{
  g_return_if_fail (LIKENESS_IS_WINDOW (self));
  g_return_if_fail (LK_IS_JOB (job));

  if (self->shown_job != job)
    {
      if (self->shown_job != NULL)
        g_signal_handlers_disconnect_by_func (self->shown_job, update_training_stack, self);
      g_set_object (&self->shown_job, job);
      g_signal_connect_object (job, "notify::phase", G_CALLBACK (update_training_stack),
                               self, G_CONNECT_SWAPPED);

      /* Made with the first job, so that the Result page's actions always
       * have a job id to target. */
      if (self->job_page == NULL)
        {
          self->job_page = LIKENESS_JOB_PAGE (likeness_job_page_new ());
          self->result_page = LIKENESS_RESULT_PAGE (likeness_result_page_new (NULL));
          likeness_result_page_set_client (self->result_page,
                                           self->manager ? lk_job_manager_get_client (self->manager) : NULL);
          likeness_job_page_set_job (self->job_page, job);
          likeness_result_page_set_job (self->result_page, job);
          gtk_stack_add_named (self->training_stack, GTK_WIDGET (self->job_page), "job");
          gtk_stack_add_named (self->training_stack, GTK_WIDGET (self->result_page), "result");
        }
      likeness_job_page_set_job (self->job_page, job);
      likeness_result_page_set_job (self->result_page, job);
    }

  update_training_stack (self);
  likeness_window_show_step (self, "training");
}

/**
 * likeness_window_show_job_id:
 * @self: a #LikenessWindow
 * @job_id: a job of this run or of the history
 *
 * Returns: %FALSE if the window lists no such job
 */
gboolean
likeness_window_show_job_id (LikenessWindow *self,
                             gint64          job_id)
{
  GListModel *jobs = G_LIST_MODEL (self->jobs_selection);

  g_return_val_if_fail (LIKENESS_IS_WINDOW (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LkJob) job = g_list_model_get_item (jobs, i);

      if (lk_job_get_id (job) == job_id)
        {
          likeness_window_show_job (self, job);
          return TRUE;
        }
    }

  return FALSE;
}

LkJob *
likeness_window_get_shown_job (LikenessWindow *self)
{
  g_return_val_if_fail (LIKENESS_IS_WINDOW (self), NULL);

  return self->shown_job;
}

/* History */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LikenessWindow) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = lk_job_store_list_finish (LK_JOB_STORE (object), result, &error);
  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        likeness_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  if (self->manager == NULL)
    return;

  for (guint i = 0; i < records->len && i < MAX_HISTORY; i++)
    {
      LkJobRecord *record = g_ptr_array_index (records, i);
      g_autoptr(LkJob) job = NULL;

      /* Unfinished jobs are the manager's: it reattaches to them. */
      if (!lk_job_record_is_finished (record) ||
          lk_job_manager_lookup (self->manager, record->id) != NULL)
        continue;

      job = lk_job_new (lk_job_manager_get_client (self->manager),
                        lk_job_manager_get_store (self->manager),
                        record);
      g_list_store_append (self->history, job);
    }

  update_jobs_stack (self);
}

/**
 * likeness_window_set_job_manager:
 * @self: a #LikenessWindow
 * @manager: (nullable): the application's jobs
 *
 * Lets the window list and start jobs; until then Start says why it waits.
 */
void
likeness_window_set_job_manager (LikenessWindow *self,
                                 LkJobManager   *manager)
{
  g_return_if_fail (LIKENESS_IS_WINDOW (self));
  g_return_if_fail (manager == NULL || LK_IS_JOB_MANAGER (manager));

  if (!g_set_object (&self->manager, manager))
    {
      /* The same manager with a new key: Start may be possible now. */
      likeness_compare_page_set_job_manager (self->compare_page, manager);
      return;
    }

  g_list_store_remove_all (self->history);
  g_list_store_remove_all (self->job_lists);
  if (manager != NULL)
    {
      g_list_store_append (self->job_lists, lk_job_manager_get_jobs (manager));
      lk_job_store_list_async (lk_job_manager_get_store (manager), LK_JOB_LIST_ALL, NULL,
                               self->cancellable, list_cb, g_object_ref (self));
    }
  g_list_store_append (self->job_lists, self->history);

  likeness_compare_page_set_job_manager (self->compare_page, manager);
  if (self->result_page != NULL)
    likeness_result_page_set_client (self->result_page, manager ? lk_job_manager_get_client (manager) : NULL);
  update_jobs_stack (self);
}

LkJobManager *
likeness_window_get_job_manager (LikenessWindow *self)
{
  g_return_val_if_fail (LIKENESS_IS_WINDOW (self), NULL);

  return self->manager;
}

/* Starting */

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LikenessWindow) self = user_data;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(GError) error = NULL;

  likeness_compare_page_set_starting (self->compare_page, FALSE);

  job = lk_job_manager_add_finish (LK_JOB_MANAGER (object), result, &error);
  if (job == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        likeness_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  lk_job_start (job);
  likeness_window_show_job (self, job);
}

static void
captions_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LikenessWindow) self = user_data;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  /* The job reads the photos and their caption files again, so edits must
   * be on disk before it starts. */
  if (!likeness_dataset_page_save_captions_finish (LIKENESS_DATASET_PAGE (object), result, &error) ||
      self->manager == NULL ||
      (record = likeness_compare_page_build_record (self->compare_page, &error)) == NULL)
    {
      likeness_compare_page_set_starting (self->compare_page, FALSE);
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        likeness_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  lk_job_manager_add_async (self->manager, record, self->cancellable, add_cb, g_object_ref (self));
}

void
_likeness_window_start_job (LikenessWindow *self)
{
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (self->manager == NULL)
    return;

  /* Built once now so that a mistake shows before anything is written. */
  record = likeness_compare_page_build_record (self->compare_page, &error);
  if (record == NULL)
    {
      likeness_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  likeness_compare_page_set_starting (self->compare_page, TRUE);
  likeness_dataset_page_save_captions_async (self->dataset_page, self->cancellable,
                                             captions_saved_cb, g_object_ref (self));
}

void
_likeness_window_jobs_init (LikenessWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFlattenListModel *flat;

  self->history = g_list_store_new (LK_TYPE_JOB);
  self->job_lists = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->job_lists, self->history);

  flat = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->job_lists)));
  self->jobs_selection = gtk_single_selection_new (G_LIST_MODEL (flat));
  gtk_single_selection_set_autoselect (self->jobs_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->jobs_selection, TRUE);
  gtk_list_view_set_model (self->jobs_view, GTK_SELECTION_MODEL (self->jobs_selection));
  g_object_unref (self->jobs_selection);
  g_signal_connect_object (self->jobs_selection, "items-changed", G_CALLBACK (update_jobs_stack),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->jobs_view, factory);
  g_signal_connect_object (self->jobs_view, "activate", G_CALLBACK (job_activated_cb),
                           self, G_CONNECT_SWAPPED);

  update_jobs_stack (self);
}
