/* likeness-job-page.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-job-page"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-actions.h"
#include "likeness-job-page.h"
#include "likeness-log-view.h"

/*
 * The Training step: what a running LkJob is doing, with its log. The page
 * only observes the job, as Nautilus' progress widget observes its
 * NautilusProgressInfo: every label is recomputed from the job's
 * properties, which the job already gathers into one notification batch
 * per LK_JOB_NOTIFY_MSEC. Two timers of its own run only while the page is
 * on screen: a pulse while the fraction is unknown, and a 1 s tick for the
 * clocks ("elapsed", "last log N s ago") while the job runs.
 */

#define PULSE_MSEC 120

struct _LikenessJobPage
{
  AdwBin            parent_instance;

  LkJob            *job;              /* (owned) (nullable) */
  GSignalGroup     *job_signals;      /* (owned) */
  AdwMessageDialog *confirm_dialog;   /* (nullable): the open cancel confirmation */
  guint             pulse_id;
  guint             tick_id;
  guint             cancel_requested : 1;

  /* Template widgets. */
  GtkRevealer      *failure_revealer;
  GtkLabel         *failure_reason_label;
  GtkLabel         *billed_label;
  GtkButton        *show_log_button;
  GtkLabel         *phase_label;
  GtkLabel         *status_label;
  GtkButton        *cancel_button;
  GtkProgressBar   *progress_bar;
  GtkFlowBox       *stats_box;
  GtkLabel         *step_label;
  GtkLabel         *elapsed_label;
  GtkLabel         *eta_label;
  GtkLabel         *queue_label;
  GtkLabel         *rate_label;
  GtkLabel         *last_log_label;
  LikenessLogView  *log_view;
};

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessJobPage, likeness_job_page, ADW_TYPE_BIN)

static void update_timers (LikenessJobPage *self);

/* Formatting */

/* "4:05" or "1:04:05", for a clock that counts up. */
static char *
format_clock (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d",
                            seconds / 3600, (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static char *
format_eta (gint64 seconds)
{
  if (seconds < 60)
    /* Translators: how long the current phase still needs. */
    return g_strdup_printf (ngettext ("About %d second left", "About %d seconds left", (int) seconds),
                            (int) seconds);

  if (seconds < 3600)
    {
      int minutes = (int) ((seconds + 59) / 60);

      /* Translators: how long the current phase still needs. */
      return g_strdup_printf (ngettext ("About %d minute left", "About %d minutes left", minutes),
                              minutes);
    }

  {
    int hours = (int) (seconds / 3600);
    int minutes = (int) (seconds / 60 % 60);

    /* Translators: how long the current phase still needs: hours, then minutes. */
    return g_strdup_printf (_("About %d h %02d min left"), hours, minutes);
  }
}

static void
set_stat (GtkLabel   *label,
          const char *text)
{
  GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (label));
  gboolean visible = text != NULL && *text != '\0';

  gtk_label_set_label (label, visible ? text : "");
  /* The flow box lays out its GtkFlowBoxChild wrappers: hide those. */
  gtk_widget_set_visible (GTK_IS_FLOW_BOX_CHILD (child) ? child : GTK_WIDGET (label), visible);
}

/* What a cancel means for the money, by phase (see the billing rule at the
 * top of lk-job.c). */
static const char *
cancel_consequence (LkJobPhase phase)
{
  switch (phase)
    {
    case LK_JOB_PHASE_PREPARING:
    case LK_JOB_PHASE_PACKING:
      return _("Nothing has been sent to fal yet, so nothing is charged.");

    case LK_JOB_PHASE_UPLOADING:
      return _("The photos are still being uploaded and the training has not started, so nothing is charged.");

    case LK_JOB_PHASE_SUBMITTING:
      return _("The request is on its way to fal. If fal has received it, it is cancelled before it runs, so nothing is charged.");

    case LK_JOB_PHASE_QUEUED:
      return _("The training is still waiting in fal’s queue. Cancelling it now costs nothing.");

    case LK_JOB_PHASE_RUNNING:
      return _("The training is already running on fal. fal may still bill the work done so far.");

    case LK_JOB_PHASE_DOWNLOADING:
      return _("The training has finished and was billed. Cancelling stops the download of the result.");

    case LK_JOB_PHASE_DONE:
    case LK_JOB_PHASE_FAILED:
    case LK_JOB_PHASE_CANCELLED:
    default:
      return NULL;
    }
}

static const char *
billed_text (LkJob *job)
{
  return lk_job_get_billed (job)
    ? _("fal billed the work it did before the job stopped.")
    : _("Nothing was charged for this job.");
}

/* Updating */

/* The status says more than the phase, or nothing at all. */
static void
set_status (LikenessJobPage *self,
            const char      *text)
{
  gboolean shown = text != NULL && *text != '\0' &&
                   g_strcmp0 (text, gtk_label_get_label (self->phase_label)) != 0;

  gtk_label_set_label (self->status_label, shown ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), shown);
}

static gboolean
can_cancel (LikenessJobPage *self)
{
  return self->job != NULL &&
         !self->cancel_requested &&
         !lk_job_phase_is_finished (lk_job_get_phase (self->job));
}

static void
update_actions (LikenessJobPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_JOB_CANCEL, can_cancel (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_JOB_SHOW_LOG, self->job != NULL);
}

static void
update_clocks (LikenessJobPage *self)
{
  LkJobPhase phase;
  gint64 elapsed;
  gint64 age;
  g_autofree char *elapsed_text = NULL;
  g_autofree char *age_text = NULL;

  if (self->job == NULL)
    {
      set_stat (self->elapsed_label, NULL);
      set_stat (self->last_log_label, NULL);
      return;
    }

  phase = lk_job_get_phase (self->job);
  elapsed = lk_job_get_elapsed_seconds (self->job);
  age = lk_job_get_last_log_age (self->job);

  if (phase == LK_JOB_PHASE_RUNNING)
    {
      g_autofree char *clock = format_clock (elapsed);

      /* Translators: %s is the time the training has been running, as 4:05 or 1:04:05. */
      elapsed_text = g_strdup_printf (_("Elapsed %s"), clock);
    }

  if (age >= 0 && (phase == LK_JOB_PHASE_RUNNING || phase == LK_JOB_PHASE_QUEUED))
    {
      if (age == 0)
        age_text = g_strdup (_("Last log just now"));
      else
        /* Translators: how long ago the training last wrote to its log. */
        age_text = g_strdup_printf (ngettext ("Last log %d second ago", "Last log %d seconds ago",
                                              (int) MIN (age, G_MAXINT)),
                                    (int) MIN (age, G_MAXINT));
    }

  set_stat (self->elapsed_label, elapsed_text);
  set_stat (self->last_log_label, age_text);
}

static void
update_progress (LikenessJobPage *self)
{
  LkJobPhase phase;
  double fraction;

  if (self->job == NULL)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      return;
    }

  phase = lk_job_get_phase (self->job);
  fraction = lk_job_get_fraction (self->job);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar),
                          phase != LK_JOB_PHASE_FAILED && phase != LK_JOB_PHASE_CANCELLED);

  if (phase == LK_JOB_PHASE_DONE)
    gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  else if (fraction >= 0.0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);

  update_timers (self);
}

static void
update_stats (LikenessJobPage *self)
{
  LkJobPhase phase;
  guint step, total;
  gint64 eta;
  int position;
  double rate;
  g_autofree char *step_text = NULL;
  g_autofree char *eta_text = NULL;
  g_autofree char *queue_text = NULL;
  g_autofree char *rate_text = NULL;

  if (self->job != NULL)
    {
      phase = lk_job_get_phase (self->job);
      step = lk_job_get_step (self->job);
      total = lk_job_get_total_steps (self->job);
      eta = lk_job_get_eta_seconds (self->job);
      position = lk_job_get_queue_position (self->job);
      rate = lk_job_get_bytes_per_second (self->job);

      if (total > 0 && !lk_job_phase_is_local (phase))
        /* Translators: training steps, as in "Step 250 of 1000". */
        step_text = g_strdup_printf (_("Step %u of %u"), MIN (step, total), total);

      if (eta >= 0 && !lk_job_phase_is_finished (phase))
        eta_text = format_eta (eta);

      if (phase == LK_JOB_PHASE_QUEUED && position > 0)
        /* Translators: the number of requests ahead of this one in fal's queue. */
        queue_text = g_strdup_printf (ngettext ("%d job ahead in the queue", "%d jobs ahead in the queue",
                                                position), position);
      else if (phase == LK_JOB_PHASE_QUEUED && position == 0)
        queue_text = g_strdup (_("Next in the queue"));

      if ((phase == LK_JOB_PHASE_UPLOADING || phase == LK_JOB_PHASE_DOWNLOADING) && rate > 0)
        {
          g_autofree char *size = g_format_size ((guint64) rate);

          /* Translators: a transfer rate; %s is a size such as "2.1 MB". */
          rate_text = g_strdup_printf (_("%s/s"), size);
        }
    }

  set_stat (self->step_label, step_text);
  set_stat (self->eta_label, eta_text);
  set_stat (self->queue_label, queue_text);
  set_stat (self->rate_label, rate_text);
  update_clocks (self);
}

static void
update_phase (LikenessJobPage *self)
{
  LkJobPhase phase;
  const char *reason;

  if (self->job == NULL)
    {
      gtk_label_set_label (self->phase_label, "");
      set_status (self, NULL);
      gtk_revealer_set_reveal_child (self->failure_revealer, FALSE);
      update_actions (self);
      return;
    }

  phase = lk_job_get_phase (self->job);
  gtk_label_set_label (self->phase_label, lk_job_phase_get_label (phase));

  if (phase == LK_JOB_PHASE_FAILED)
    {
      reason = lk_job_get_failure_reason (self->job);
      if (reason == NULL || *reason == '\0')
        reason = _("fal did not say why.");
      gtk_label_set_label (self->failure_reason_label, reason);
      gtk_label_set_label (self->billed_label, billed_text (self->job));
      gtk_revealer_set_reveal_child (self->failure_revealer, TRUE);
      /* The reason comes first; the raw log is one click away. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
          !gtk_widget_has_focus (GTK_WIDGET (self->show_log_button)))
        gtk_widget_grab_focus (GTK_WIDGET (self->show_log_button));
    }
  else
    gtk_revealer_set_reveal_child (self->failure_revealer, FALSE);

  if (phase == LK_JOB_PHASE_CANCELLED)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", _("The training was cancelled."),
                                               billed_text (self->job));

      set_status (self, text);
    }
  else if (phase == LK_JOB_PHASE_FAILED)
    set_status (self, NULL);
  else
    set_status (self, lk_job_get_status_text (self->job));

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !lk_job_phase_is_finished (phase));

  update_actions (self);
  update_progress (self);
  update_stats (self);
}

/* Timers */

static gboolean
pulse_cb (gpointer user_data)
{
  LikenessJobPage *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  LikenessJobPage *self = user_data;

  update_clocks (self);
  return G_SOURCE_CONTINUE;
}

static void
update_timers (LikenessJobPage *self)
{
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));
  gboolean running = FALSE;
  gboolean pulsing = FALSE;

  if (self->job != NULL && lk_job_get_active (self->job))
    {
      LkJobPhase phase = lk_job_get_phase (self->job);

      running = phase == LK_JOB_PHASE_QUEUED || phase == LK_JOB_PHASE_RUNNING;
      pulsing = !lk_job_phase_is_finished (phase) && lk_job_get_fraction (self->job) < 0.0;
    }

  if (mapped && pulsing && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PULSE_MSEC, pulse_cb, self);
  else if (!(mapped && pulsing))
    g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (mapped && running && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  else if (!(mapped && running))
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* Job signals */

static void
job_phase_cb (LikenessJobPage *self)
{
  update_phase (self);
}

static void
job_progress_cb (LikenessJobPage *self)
{
  update_progress (self);
}

static void
job_stats_cb (LikenessJobPage *self)
{
  update_stats (self);
}

static void
job_status_text_cb (LikenessJobPage *self)
{
  LkJobPhase phase = lk_job_get_phase (self->job);

  if (!lk_job_phase_is_finished (phase))
    set_status (self, lk_job_get_status_text (self->job));
}

static void
job_billed_cb (LikenessJobPage *self)
{
  gtk_label_set_label (self->billed_label, billed_text (self->job));
  update_phase (self);
}

/* Actions */

static void
confirm_response_cb (LikenessJobPage  *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  self->confirm_dialog = NULL;

  if (g_strcmp0 (response, "cancel") != 0 || !can_cancel (self))
    return;

  self->cancel_requested = TRUE;
  update_actions (self);
  lk_job_cancel (self->job);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LikenessJobPage *self = LIKENESS_JOB_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (!can_cancel (self) || self->confirm_dialog != NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Cancel Training?"),
                                   cancel_consequence (lk_job_get_phase (self->job)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Training"),
                                    "cancel", _("_Cancel Training"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->confirm_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_log_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LikenessJobPage *self = LIKENESS_JOB_PAGE (widget);

  /* The raw log is right below the banner; this brings its end into view
   * and the keyboard focus to it, ready for Ctrl+F. */
  likeness_log_view_set_following (self->log_view, TRUE);
  likeness_log_view_scroll_to_end (self->log_view);
  gtk_widget_grab_focus (GTK_WIDGET (likeness_log_view_get_list_view (self->log_view)));
}

/* GtkWidget */

static void
likeness_job_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (likeness_job_page_parent_class)->map (widget);
  update_phase (LIKENESS_JOB_PAGE (widget));
}

static void
likeness_job_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (likeness_job_page_parent_class)->unmap (widget);
  update_timers (LIKENESS_JOB_PAGE (widget));
}

/* GObject */

static void
likeness_job_page_dispose (GObject *object)
{
  LikenessJobPage *self = LIKENESS_JOB_PAGE (object);

  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  self->confirm_dialog = NULL;

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->job_signals != NULL)
    g_signal_group_set_target (self->job_signals, NULL);
  g_clear_object (&self->job);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_JOB_PAGE);

  G_OBJECT_CLASS (likeness_job_page_parent_class)->dispose (object);
}

static void
likeness_job_page_finalize (GObject *object)
{
  LikenessJobPage *self = LIKENESS_JOB_PAGE (object);

  g_clear_object (&self->job_signals);

  G_OBJECT_CLASS (likeness_job_page_parent_class)->finalize (object);
}

static void
likeness_job_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LikenessJobPage *self = LIKENESS_JOB_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_job_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LikenessJobPage *self = LIKENESS_JOB_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOB:
      likeness_job_page_set_job (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_job_page_class_init (LikenessJobPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_job_page_dispose;
  object_class->finalize = likeness_job_page_finalize;
  object_class->get_property = likeness_job_page_get_property;
  object_class->set_property = likeness_job_page_set_property;

  widget_class->map = likeness_job_page_map;
  widget_class->unmap = likeness_job_page_unmap;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, LK_TYPE_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIKENESS_TYPE_LOG_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/likeness/Likeness/ui/likeness-job-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, failure_revealer);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, failure_reason_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, billed_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, show_log_button);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, phase_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, step_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, eta_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, queue_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, rate_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, last_log_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessJobPage, log_view);

  gtk_widget_class_install_action (widget_class, LIKENESS_JOB_CANCEL, NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_JOB_SHOW_LOG, NULL, show_log_action);
}

static void
likeness_job_page_init (LikenessJobPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->job_signals = g_signal_group_new (LK_TYPE_JOB);
  g_signal_group_connect_swapped (self->job_signals, "notify::phase", G_CALLBACK (job_phase_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::active", G_CALLBACK (job_phase_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::failure-reason", G_CALLBACK (job_phase_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::billed", G_CALLBACK (job_billed_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::fraction", G_CALLBACK (job_progress_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::status-text", G_CALLBACK (job_status_text_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::step", G_CALLBACK (job_stats_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::total-steps", G_CALLBACK (job_stats_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::eta-seconds", G_CALLBACK (job_stats_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::queue-position", G_CALLBACK (job_stats_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::bytes-per-second", G_CALLBACK (job_stats_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::elapsed-seconds", G_CALLBACK (job_stats_cb), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::last-log-age", G_CALLBACK (job_stats_cb), self);

  update_phase (self);
}

GtkWidget *
likeness_job_page_new (void)
{
  return g_object_new (LIKENESS_TYPE_JOB_PAGE, NULL);
}

/**
 * likeness_job_page_get_job:
 * @self: a job page
 *
 * Returns: (transfer none) (nullable): the job shown
 */
LkJob *
likeness_job_page_get_job (LikenessJobPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_JOB_PAGE (self), NULL);
  return self->job;
}

void
likeness_job_page_set_job (LikenessJobPage *self,
                           LkJob           *job)
{
  g_return_if_fail (LIKENESS_IS_JOB_PAGE (self));
  g_return_if_fail (!job || LK_IS_JOB (job));

  if (!g_set_object (&self->job, job))
    return;

  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  self->confirm_dialog = NULL;
  self->cancel_requested = FALSE;

  g_signal_group_set_target (self->job_signals, job);
  likeness_log_view_set_model (self->log_view, job ? lk_job_get_log_model (job) : NULL);
  if (job != NULL)
    {
      g_autofree char *file_name = g_strdup_printf ("likeness-job-%" G_GINT64_FORMAT ".log",
                                                    lk_job_get_id (job));

      likeness_log_view_set_file_name (self->log_view, file_name);
    }

  update_phase (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}
