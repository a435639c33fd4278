/* likeness-job-row.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job in the sidebar: its name, its phase or status and, while it runs,
 * a progress bar. LkJob gathers its notifications (LK_JOB_NOTIFY_MSEC), so
 * following them directly keeps the sidebar cheap even with a busy log.
 */

#define G_LOG_DOMAIN "likeness-job-row"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-job-row.h"

struct _LikenessJobRow
{
  GtkWidget       parent_instance;

  LkJob          *job;            /* (owned) (nullable) */
  gulong          notify_id;

  GtkImage       *state_icon;
  GtkLabel       *name_label;
  GtkLabel       *status_label;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (LikenessJobRow, likeness_job_row, GTK_TYPE_WIDGET)

static const char *
phase_icon (LkJobPhase phase)
{
  switch (phase)
    {
    case LK_JOB_PHASE_DONE:
      return "object-select-symbolic";
    case LK_JOB_PHASE_FAILED:
      return "dialog-error-symbolic";
    case LK_JOB_PHASE_CANCELLED:
      return "process-stop-symbolic";
    case LK_JOB_PHASE_QUEUED:
      return "content-loading-symbolic";
    case LK_JOB_PHASE_PREPARING:
    case LK_JOB_PHASE_PACKING:
    case LK_JOB_PHASE_UPLOADING:
    case LK_JOB_PHASE_SUBMITTING:
    case LK_JOB_PHASE_RUNNING:
    case LK_JOB_PHASE_DOWNLOADING:
    default:
      return "media-playback-start-symbolic";
    }
}

static void
update (LikenessJobRow *self)
{
  LkJobPhase phase;
  const char *status;
  double fraction;
  g_autofree char *accessible = NULL;

  if (self->job == NULL)
    return;

  phase = lk_job_get_phase (self->job);
  status = lk_job_get_status_text (self->job);
  if (phase == LK_JOB_PHASE_FAILED && lk_job_get_failure_reason (self->job) != NULL)
    status = lk_job_get_failure_reason (self->job);
  if (status == NULL || *status == '\0')
    status = lk_job_phase_get_label (phase);

  gtk_label_set_label (self->name_label, lk_job_get_name (self->job));
  gtk_label_set_label (self->status_label, status);
  gtk_image_set_from_icon_name (self->state_icon, phase_icon (phase));

  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "success");
  if (phase == LK_JOB_PHASE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "error");
  else if (phase == LK_JOB_PHASE_DONE)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "success");

  fraction = lk_job_get_fraction (self->job);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), lk_job_get_active (self->job));
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  else
    gtk_progress_bar_pulse (self->progress_bar);

  /* Translators: a job in the sidebar, read by screen readers: its name, then its state. */
  accessible = g_strdup_printf (_("%s: %s"), lk_job_get_name (self->job), status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

void
likeness_job_row_set_job (LikenessJobRow *self,
                          LkJob          *job)
{
  g_return_if_fail (LIKENESS_IS_JOB_ROW (self));
  g_return_if_fail (job == NULL || LK_IS_JOB (job));

  if (self->job == job)
    return;

  g_clear_signal_handler (&self->notify_id, self->job);
  g_set_object (&self->job, job);

  if (job != NULL)
    {
      self->notify_id = g_signal_connect_object (job, "notify", G_CALLBACK (update),
                                                 self, G_CONNECT_SWAPPED);
      update (self);
    }
}

LkJob *
likeness_job_row_get_job (LikenessJobRow *self)
{
  g_return_val_if_fail (LIKENESS_IS_JOB_ROW (self), NULL);

  return self->job;
}

static void
likeness_job_row_dispose (GObject *object)
{
  LikenessJobRow *self = LIKENESS_JOB_ROW (object);
  GtkWidget *child;

  likeness_job_row_set_job (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_JOB_ROW);
  /* The template's top box is not a bound child, so it is left to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (likeness_job_row_parent_class)->dispose (object);
}

static void
likeness_job_row_class_init (LikenessJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_job_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/likeness-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessJobRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobRow, progress_bar);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
likeness_job_row_init (LikenessJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
likeness_job_row_new (void)
{
  return g_object_new (LIKENESS_TYPE_JOB_ROW, NULL);
}
