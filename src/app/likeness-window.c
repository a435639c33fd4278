/* likeness-window.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window composes the steps (Photos, Trainer, Training) beside the
 * list of jobs and routes what one step needs from another; each step is a
 * template widget of its own.
 */

#define G_LOG_DOMAIN "likeness-window"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-settings.h"
#include "likeness-window-private.h"

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PHOTO_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessWindow, likeness_window, ADW_TYPE_APPLICATION_WINDOW)

/**
 * likeness_window_add_files:
 * @self: a #LikenessWindow
 * @files: (array length=n_files): files and folders to look through
 * @n_files: the length of @files
 *
 * Adds the photos in @files (folders are searched too) to the dataset in
 * the background. Returns at once; #LikenessWindow:busy is %TRUE meanwhile.
 */
void
likeness_window_add_files (LikenessWindow  *self,
                           GFile          **files,
                           guint            n_files)
{
  g_return_if_fail (LIKENESS_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  likeness_dataset_page_add_files (self->dataset_page, files, n_files);
}

/**
 * likeness_window_clear_photos:
 * @self: a #LikenessWindow
 *
 * Forgets every photo and stops any scan that is still running.
 */
void
likeness_window_clear_photos (LikenessWindow *self)
{
  g_return_if_fail (LIKENESS_IS_WINDOW (self));

  likeness_dataset_page_clear (self->dataset_page);
}

guint
likeness_window_get_photo_count (LikenessWindow *self)
{
  g_return_val_if_fail (LIKENESS_IS_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (likeness_dataset_page_get_dataset (self->dataset_page)));
}

gboolean
likeness_window_get_busy (LikenessWindow *self)
{
  g_return_val_if_fail (LIKENESS_IS_WINDOW (self), FALSE);

  return likeness_dataset_page_get_busy (self->dataset_page);
}

void
likeness_window_add_toast (LikenessWindow *self,
                           AdwToast       *toast)
{
  g_return_if_fail (LIKENESS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * likeness_window_show_step:
 * @self: a #LikenessWindow
 * @step: "photos", "trainer" or "training"
 *
 * Returns: %FALSE if there is no such step
 */
gboolean
likeness_window_show_step (LikenessWindow *self,
                           const char     *step)
{
  g_return_val_if_fail (LIKENESS_IS_WINDOW (self), FALSE);

  if (step == NULL || adw_view_stack_get_child_by_name (self->view_stack, step) == NULL)
    return FALSE;

  adw_view_stack_set_visible_child_name (self->view_stack, step);
  adw_leaflet_set_visible_child (self->leaflet, self->content);

  return TRUE;
}

static void
dataset_changed_cb (LikenessWindow *self)
{
  likeness_compare_page_set_report (self->compare_page,
                                    likeness_dataset_page_get_report (self->dataset_page),
                                    likeness_dataset_page_get_busy (self->dataset_page));
  _likeness_window_actions_update (self);
}

static void
items_changed_cb (LikenessWindow *self)
{
  _likeness_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO_COUNT]);
}

static void
busy_changed_cb (LikenessWindow *self)
{
  dataset_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The trainer decides how many photos are enough; the doctor follows. */
static void
trainer_changed_cb (LikenessWindow *self)
{
  LkTrainer *trainer = likeness_compare_page_get_trainer (self->compare_page);
  LkTrainerConstraints constraints;

  lk_trainer_constraints_init_default (&constraints);
  if (trainer != NULL && lk_trainer_get_min_images (trainer) > 0)
    constraints.min_images = lk_trainer_get_min_images (trainer);
  likeness_dataset_page_set_constraints (self->dataset_page, &constraints);
}

static void
folded_changed_cb (LikenessWindow *self)
{
  /* Folding shows the steps, not the list of jobs. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
start_requested_cb (LikenessWindow *self)
{
  _likeness_window_start_job (self);
}

static void
likeness_window_restore_size (LikenessWindow *self)
{
  int width = g_settings_get_int (self->settings, LIKENESS_SETTINGS_WINDOW_WIDTH);
  int height = g_settings_get_int (self->settings, LIKENESS_SETTINGS_WINDOW_HEIGHT);

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, LIKENESS_SETTINGS_WINDOW_MAXIMIZED))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (LikenessWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);
  gboolean maximized = gtk_window_is_maximized (window);
  int width = 0;
  int height = 0;

  g_settings_set_boolean (self->settings, LIKENESS_SETTINGS_WINDOW_MAXIMIZED, maximized);

  gtk_window_get_default_size (window, &width, &height);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, LIKENESS_SETTINGS_WINDOW_WIDTH, CLAMP (width, 360, 32768));
      g_settings_set_int (self->settings, LIKENESS_SETTINGS_WINDOW_HEIGHT, CLAMP (height, 294, 32768));
    }
}

static void
close_response_cb (LikenessWindow *self,
                   const char     *response)
{
  if (g_strcmp0 (response, "close") != 0)
    return;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing while a training runs is allowed: the application holds itself
 * until its jobs end and notifies then. The person is told so first. */
static gboolean
likeness_window_close_request (GtkWindow *window)
{
  LikenessWindow *self = LIKENESS_WINDOW (window);

  if (!self->close_confirmed && _likeness_window_has_active_jobs (self))
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (window, _("Keep Training in the Background?"),
                                       _("The training goes on at fal.ai and Likeness keeps following it "
                                         "without a window. You get a notification when it ends, and "
                                         "opening Likeness again shows it."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "close", _("_Close Window"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  save_size (self);

  return GTK_WINDOW_CLASS (likeness_window_parent_class)->close_request (window);
}

/* Callbacks hold a reference to the window, so dispose only comes after
 * they end; gtk_window_destroy() unrealizes the window first, and that is
 * when the work should stop. */
static void
likeness_window_unrealize (GtkWidget *widget)
{
  LikenessWindow *self = LIKENESS_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (likeness_window_parent_class)->unrealize (widget);
}

static void
likeness_window_dispose (GObject *object)
{
  LikenessWindow *self = LIKENESS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  /* A dialog still finishing its own work (the preferences looking up the
   * key) may outlive this window; it must not point back at it. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (gtk_window_get_transient_for (window) == GTK_WINDOW (self))
          gtk_window_set_transient_for (window, NULL);
      }
  }

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_WINDOW);
  g_clear_object (&self->shown_job);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (likeness_window_parent_class)->dispose (object);
}

static void
likeness_window_finalize (GObject *object)
{
  LikenessWindow *self = LIKENESS_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->history);
  g_clear_object (&self->job_lists);

  G_OBJECT_CLASS (likeness_window_parent_class)->finalize (object);
}

static void
likeness_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LikenessWindow *self = LIKENESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, likeness_window_get_busy (self));
      break;

    case PROP_PHOTO_COUNT:
      g_value_set_uint (value, likeness_window_get_photo_count (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_window_class_init (LikenessWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = likeness_window_dispose;
  object_class->finalize = likeness_window_finalize;
  object_class->get_property = likeness_window_get_property;

  widget_class->unrealize = likeness_window_unrealize;

  window_class->close_request = likeness_window_close_request;

  /**
   * LikenessWindow:busy:
   *
   * Whether the window is still reading the photos that were added.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LikenessWindow:photo-count:
   *
   * How many photos the dataset holds.
   */
  properties[PROP_PHOTO_COUNT] =
    g_param_spec_uint ("photo-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIKENESS_TYPE_DATASET_PAGE);
  g_type_ensure (LIKENESS_TYPE_COMPARE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/likeness-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, content);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, jobs_button);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, jobs_stack);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, jobs_view);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, dataset_page);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, compare_page);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, training_stack);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_requested_cb);

  _likeness_window_class_actions_init (klass);
  _likeness_window_class_results_init (klass);
}

static void
likeness_window_init (LikenessWindow *self)
{
  LkDataset *dataset;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (LIKENESS_SETTINGS_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* One trigger word for the captions (Photos) and the training (Trainer). */
  g_object_bind_property (self->dataset_page, "trigger", self->compare_page, "trigger",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  dataset = likeness_dataset_page_get_dataset (self->dataset_page);
  likeness_compare_page_set_dataset (self->compare_page, dataset);
  g_signal_connect_object (dataset, "items-changed", G_CALLBACK (items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset_page, "notify::report", G_CALLBACK (dataset_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset_page, "notify::busy", G_CALLBACK (busy_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_page, "notify::trainer-id", G_CALLBACK (trainer_changed_cb),
                           self, G_CONNECT_SWAPPED);

  likeness_window_restore_size (self);
  _likeness_window_dnd_init (self);
  _likeness_window_jobs_init (self);
  trainer_changed_cb (self);
  dataset_changed_cb (self);
}

LikenessWindow *
likeness_window_new (LikenessApplication *application)
{
  g_return_val_if_fail (!application || LIKENESS_IS_APPLICATION (application), NULL);

  return g_object_new (LIKENESS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
