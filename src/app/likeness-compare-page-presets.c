/* likeness-compare-page-presets.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preset drop-down of the Trainer step: the trainer's defaults, its
 * built-in presets and the person's own, and saving the form as a preset.
 */

#define G_LOG_DOMAIN "likeness-compare-page"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-compare-page-private.h"
#include "likeness-settings.h"

/* Presets and the form */

void
_likeness_compare_page_preset_selected_cb (LikenessComparePage *self)
{
  guint selected = adw_combo_row_get_selected (self->preset_row);
  LkPreset *preset = NULL;

  if (selected < self->preset_items->len)
    preset = g_ptr_array_index (self->preset_items, selected);

  likeness_param_form_set_values (self->param_form, preset ? lk_preset_get_values (preset) : NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row),
                               preset ? lk_preset_get_purpose (preset) : _("The trainer’s own defaults"));
}

void
_likeness_compare_page_fill_presets (LikenessComparePage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) builtin = NULL;
  GListModel *user = lk_preset_store_get_presets (self->presets);
  LkPreset *recommended = lk_recommendation_get_preset (self->recommendation);
  guint select = 0;

  g_ptr_array_set_size (self->preset_items, 0);
  gtk_string_list_append (names, _("Trainer Defaults"));
  g_ptr_array_add (self->preset_items, NULL);

  if (self->trainer_id != NULL)
    {
      builtin = lk_catalog_dup_presets_for_trainer (self->catalog, self->trainer_id);
      for (guint i = 0; i < g_list_model_get_n_items (builtin); i++)
        {
          g_autoptr(LkPreset) preset = g_list_model_get_item (builtin, i);

          if (preset == recommended)
            select = self->preset_items->len;
          gtk_string_list_append (names, lk_preset_get_name (preset));
          g_ptr_array_add (self->preset_items, g_object_ref (preset));
        }

      for (guint i = 0; i < g_list_model_get_n_items (user); i++)
        {
          g_autoptr(LkPreset) preset = g_list_model_get_item (user, i);
          g_autofree char *name = NULL;

          if (g_strcmp0 (lk_preset_get_trainer_id (preset), self->trainer_id) != 0)
            continue;
          /* Translators: a preset the person saved; %s is its name. */
          name = g_strdup_printf (_("%s (yours)"), lk_preset_get_name (preset));
          gtk_string_list_append (names, name);
          g_ptr_array_add (self->preset_items, g_object_ref (preset));
        }
    }

  adw_combo_row_set_model (self->preset_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->preset_row, select);
  _likeness_compare_page_preset_selected_cb (self);
}

void
likeness_compare_page_reload_presets (LikenessComparePage *self)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  _likeness_compare_page_fill_presets (self);
}

void
_likeness_compare_page_presets_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LikenessComparePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_preset_store_load_finish (LK_PRESET_STORE (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No user presets: %s", error->message);
      return;
    }

  _likeness_compare_page_fill_presets (self);
}

void
_likeness_compare_page_map_cb (LikenessComparePage *self)
{
  /* Presets may have been renamed or imported in the preferences. */
  lk_preset_store_load_async (self->presets, self->cancellable, _likeness_compare_page_presets_loaded_cb, g_object_ref (self));
}

static void
preset_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LikenessComparePage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (!lk_preset_store_save_finish (LK_PRESET_STORE (object), result, &error))
    {
      if (overlay != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
      return;
    }

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Preset saved.")));
  _likeness_compare_page_fill_presets (self);
}

static void
save_preset_response_cb (AdwMessageDialog    *dialog,
                         const char          *response,
                         LikenessComparePage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GVariant) values = NULL;
  g_autoptr(LkPreset) preset = NULL;

  if (g_strcmp0 (response, "save") != 0 || *name == '\0' || self->trainer_id == NULL)
    return;

  values = likeness_param_form_dup_values (self->param_form);
  preset = lk_preset_new (name, self->trainer_id, NULL, values);
  lk_preset_store_save_async (self->presets, preset, self->cancellable, preset_saved_cb, g_object_ref (self));
}

void
_likeness_compare_page_save_preset_cb (LikenessComparePage *self)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Save as Preset"),
                                   _("The parameters as they are now, for this trainer."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preset name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_preset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
