/* likeness-window-actions.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-actions.h"
#include "likeness-window-private.h"

static void
chooser_response_cb (LikenessWindow       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      guint n_items = g_list_model_get_n_items (model);

      for (guint i = 0; i < n_items; i++)
        g_ptr_array_add (files, g_list_model_get_item (model, i));

      likeness_window_add_files (self, (GFile **) files->pdata, files->len);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

/* The portal's chooser cannot pick files and folders in one dialog, so
 * photos and folders are two actions sharing this helper. */
static void
show_chooser (LikenessWindow       *self,
              GtkFileChooserAction  action,
              const char           *title)
{
  g_autoptr(GtkFileFilter) filter = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (title,
                                               GTK_WINDOW (self),
                                               action,
                                               _("_Add"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("Photos"));
      gtk_file_filter_add_mime_type (filter, "image/jpeg");
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_filter_add_mime_type (filter, "image/webp");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }

  g_signal_connect_object (self->chooser,
                           "response",
                           G_CALLBACK (chooser_response_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_photos_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_chooser (LIKENESS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Add Photos"));
}

static void
add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_chooser (LIKENESS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Add Folders"));
}

static void
clear_photos_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  likeness_window_clear_photos (LIKENESS_WINDOW (widget));
}

static void
show_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  likeness_window_show_step (LIKENESS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_jobs_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LikenessWindow *self = LIKENESS_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->jobs_view));
}

static void
show_steps_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikenessWindow *self = LIKENESS_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

void
_likeness_window_actions_update (LikenessWindow *self)
{
  gboolean has_work = likeness_window_get_photo_count (self) > 0 || likeness_window_get_busy (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_WIN_CLEAR_PHOTOS, has_work);
}

void
_likeness_window_class_actions_init (LikenessWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_ADD_PHOTOS, NULL, add_photos_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_ADD_FOLDER, NULL, add_folder_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_CLEAR_PHOTOS, NULL, clear_photos_action);

  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_SHOW_STEP, "s", show_step_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_SHOW_JOBS, NULL, show_jobs_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_WIN_SHOW_STEPS, NULL, show_steps_action);

  /* Alt+number moves between the steps, as between tabs elsewhere in GNOME. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       LIKENESS_WIN_SHOW_STEP, "s", "photos");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       LIKENESS_WIN_SHOW_STEP, "s", "trainer");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       LIKENESS_WIN_SHOW_STEP, "s", "training");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       LIKENESS_WIN_SHOW_JOBS, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       LIKENESS_WIN_ADD_PHOTOS, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       LIKENESS_WIN_ADD_FOLDER, NULL);
}
