/* likeness-window-results.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Result page offers after a training: variants on the same
 * upload, more steps from the trained model, or the same job again. The
 * page names the finished job by id; the window builds and starts the new
 * jobs through the manager and shows the first one.
 */

#define G_LOG_DOMAIN "likeness-window-results"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-actions.h"
#include "likeness-window-private.h"

static LkJob *
lookup_job (LikenessWindow *self,
            GVariant       *parameter)
{
  gint64 job_id = g_variant_get_int64 (parameter);
  LkJob *job = NULL;

  if (self->manager != NULL)
    job = lk_job_manager_lookup (self->manager, job_id);

  /* Jobs of earlier runs are in the history, not in the manager. */
  for (guint i = 0; job == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->history)); i++)
    {
      g_autoptr(LkJob) old = g_list_model_get_item (G_LIST_MODEL (self->history), i);

      if (lk_job_get_id (old) == job_id)
        job = old;
    }

  if (job == NULL)
    likeness_window_add_toast (self, adw_toast_new (_("That job is no longer in the list.")));

  return job;
}

static void
show_error (LikenessWindow *self,
            const GError   *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    likeness_window_add_toast (self, adw_toast_new (error->message));
}

/* Clone */

static void
clone_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LikenessWindow) self = user_data;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(GError) error = NULL;

  job = lk_job_manager_clone_finish (LK_JOB_MANAGER (object), result, &error);
  if (job == NULL)
    {
      show_error (self, error);
      return;
    }

  lk_job_start (job);
  likeness_window_show_job (self, job);
}

static void
clone_job_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LikenessWindow *self = LIKENESS_WINDOW (widget);

  if (self->manager == NULL || lookup_job (self, parameter) == NULL)
    return;

  lk_job_manager_clone_async (self->manager, g_variant_get_int64 (parameter), self->cancellable,
                              clone_cb, g_object_ref (self));
}

/* Continue */

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LikenessWindow) self = user_data;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(GError) error = NULL;

  job = lk_job_manager_add_finish (LK_JOB_MANAGER (object), result, &error);
  if (job == NULL)
    {
      show_error (self, error);
      return;
    }

  lk_job_start (job);
  likeness_window_show_job (self, job);
}

static void
continue_training_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LikenessWindow *self = LIKENESS_WINDOW (widget);
  g_autoptr(LkJobRecord) done = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  LkJob *job;

  if (self->manager == NULL || (job = lookup_job (self, parameter)) == NULL)
    return;

  /* The same number of steps again: twice the training in all. */
  done = lk_job_dup_record (job);
  record = lk_job_manager_build_continuation (self->manager, done, 0, &error);
  if (record == NULL)
    {
      show_error (self, error);
      return;
    }

  lk_job_manager_add_async (self->manager, record, self->cancellable, add_cb, g_object_ref (self));
}

/* Variants */

static void
variants_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LikenessWindow) self = user_data;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  jobs = lk_job_manager_start_variants_finish (LK_JOB_MANAGER (object), result, &error);
  if (jobs == NULL)
    {
      show_error (self, error);
      return;
    }

  if (jobs->len > 0)
    likeness_window_show_job (self, g_ptr_array_index (jobs, 0));
}

static void
variants_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LikenessWindow   *self)
{
  GPtrArray *records = g_object_get_data (G_OBJECT (dialog), "records");

  if (g_strcmp0 (response, "train") != 0 || self->manager == NULL)
    return;

  lk_job_manager_start_variants_async (self->manager, records, self->cancellable,
                                       variants_cb, g_object_ref (self));
}

/* One variant per built-in preset of the finished job's trainer, on the
 * same photos, so they share one upload. */
static GPtrArray *
build_variants (LikenessWindow  *self,
                LkJob           *job,
                double          *total_usd,
                GError         **error)
{
  g_autoptr(LkJobRecord) done = lk_job_dup_record (job);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_job_record_unref);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GVariant) uris = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(GListModel) presets = NULL;

  /* The sources are a JSON array of URIs, which GVariant text reads too. */
  uris = g_variant_parse (G_VARIANT_TYPE_STRING_ARRAY, done->sources_json ? done->sources_json : "", NULL, NULL, NULL);
  if (uris == NULL || g_variant_n_children (uris) == 0)
    {
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_EMPTY, _("The job has no dataset files."));
      return NULL;
    }
  for (gsize i = 0; i < g_variant_n_children (uris); i++)
    {
      const char *uri = NULL;

      g_variant_get_child (uris, i, "&s", &uri);
      g_ptr_array_add (files, g_file_new_for_uri (uri));
    }

  catalog = lk_catalog_new (error);
  if (catalog == NULL)
    return NULL;

  *total_usd = 0;
  presets = lk_catalog_dup_presets_for_trainer (catalog, done->trainer);
  for (guint i = 0; i < g_list_model_get_n_items (presets) && records->len < LK_JOB_MAX_VARIANTS; i++)
    {
      g_autoptr(LkPreset) preset = g_list_model_get_item (presets, i);
      LkJobRecord *record;

      record = lk_job_manager_build_record (self->manager, done->trainer, lk_preset_get_id (preset), NULL,
                                            (GFile * const *) files->pdata, files->len, NULL, error);
      if (record == NULL)
        return NULL;

      /* Translators: a variant's name: the job's name and a preset's name. */
      g_free (record->name);
      record->name = g_strdup_printf (_("%s (%s)"), done->name, lk_preset_get_name (preset));
      if (record->cost_estimate > 0)
        *total_usd += record->cost_estimate;
      g_ptr_array_add (records, record);
    }

  if (records->len == 0)
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_FIELD,
                           _("This trainer has no presets to train variants with."));
      return NULL;
    }

  return g_steal_pointer (&records);
}

static void
train_variants_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LikenessWindow *self = LIKENESS_WINDOW (widget);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *price = NULL;
  g_autofree char *heading = NULL;
  double total = 0;
  GtkWidget *dialog;
  LkJob *job;

  if (self->manager == NULL || (job = lookup_job (self, parameter)) == NULL)
    return;

  records = build_variants (self, job, &total, &error);
  if (records == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      LkJobRecord *record = g_ptr_array_index (records, i);

      g_string_append_printf (body, "• %s\n", record->name);
    }
  price = lk_format_usd (total);
  /* Translators: %s is a total price, "$3.00". */
  g_string_append_printf (body, _("The photos are uploaded once. Together these cost about %s."), price);

  /* Translators: %u is how many trainings start at once. */
  heading = g_strdup_printf (ngettext ("Train %u Variant?", "Train %u Variants?", records->len), records->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "train", _("_Train Variants"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "train", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "records", g_steal_pointer (&records),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (variants_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_likeness_window_class_results_init (LikenessWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_TRAIN_VARIANTS, "x", train_variants_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_CONTINUE_TRAINING, "x", continue_training_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_CLONE_JOB, "x", clone_job_action);
}
