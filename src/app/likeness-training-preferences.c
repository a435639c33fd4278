/* likeness-training-preferences.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Training page of the preferences: where results go, how large photos
 * are uploaded, the spending limits, and the person's own presets (import,
 * export, rename, delete).
 */

#define G_LOG_DOMAIN "likeness-training-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-settings.h"
#include "likeness-training-preferences.h"

struct _LikenessTrainingPreferences
{
  AdwPreferencesPage    parent_instance;

  GSettings            *settings;
  LkCatalog            *catalog;
  LkPresetStore        *presets;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;      /* (nullable) */

  AdwActionRow         *folder_row;
  GtkWidget            *folder_reset_button;
  GtkSpinButton        *downscale_spin;
  AdwComboRow          *cap_mode_row;
  GtkSpinButton        *cap_spin;
  GtkSpinButton        *threshold_spin;
  GtkListBox           *presets_list;
};

G_DEFINE_FINAL_TYPE (LikenessTrainingPreferences, likeness_training_preferences, ADW_TYPE_PREFERENCES_PAGE)

/* The schema's order: "off", "warn", "block". */
static const char * const cap_modes[] = { "off", "warn", "block" };

static void
show_toast (LikenessTrainingPreferences *self,
            const char                  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static gboolean
cap_mode_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *mode = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cap_modes); i++)
    if (g_str_equal (mode, cap_modes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
cap_mode_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (cap_modes))
    return NULL;

  return g_variant_new_string (cap_modes[selected]);
}

/* The download folder */

static void
update_folder (LikenessTrainingPreferences *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, LIKENESS_SETTINGS_DOWNLOAD_FOLDER);

  if (*folder == '\0')
    {
      g_autofree char *fallback = lk_job_dup_default_models_dir ();
      g_autofree char *shown = NULL;
      g_autofree char *subtitle = NULL;

      /* Paths in the home folder read as "~/…", as Files shows them. */
      if (g_str_has_prefix (fallback, g_get_home_dir ()) && fallback[strlen (g_get_home_dir ())] == '/')
        shown = g_strconcat ("~", fallback + strlen (g_get_home_dir ()), NULL);
      else
        shown = g_strdup (fallback);
      /* Translators: %s is a folder path. */
      subtitle = g_strdup_printf (_("Default: %s"), shown);

      adw_action_row_set_subtitle (self->folder_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->folder_row, folder);

  gtk_widget_set_visible (self->folder_reset_button, *folder != '\0');
}

static void
folder_response_cb (LikenessTrainingPreferences *self,
                    int                          response,
                    GtkFileChooserNative        *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, LIKENESS_SETTINGS_DOWNLOAD_FOLDER, path);
      else
        show_toast (self, _("Choose a folder on this computer."));
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
choose_folder_cb (LikenessTrainingPreferences *self)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Download Folder"),
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (folder_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
reset_folder_cb (LikenessTrainingPreferences *self)
{
  g_settings_reset (self->settings, LIKENESS_SETTINGS_DOWNLOAD_FOLDER);
}

/* Presets */

static void
report (LikenessTrainingPreferences *self,
        gboolean                     ok,
        const GError                *error,
        const char                  *done_message)
{
  if (ok && done_message != NULL)
    show_toast (self, done_message);
  else if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message);
}

static void
rename_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LikenessTrainingPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lk_preset_store_rename_finish (LK_PRESET_STORE (object), result, &error);

  report (self, ok, error, NULL);
}

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LikenessTrainingPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lk_preset_store_delete_finish (LK_PRESET_STORE (object), result, &error);

  report (self, ok, error, _("Preset deleted."));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LikenessTrainingPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lk_preset_store_export_finish (LK_PRESET_STORE (object), result, &error);

  report (self, ok, error, _("Preset exported."));
}

static void
rename_response_cb (AdwMessageDialog            *dialog,
                    const char                  *response,
                    LikenessTrainingPreferences *self)
{
  LkPreset *preset = g_object_get_data (G_OBJECT (dialog), "preset");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "rename") != 0 || *name == '\0')
    return;

  lk_preset_store_rename_async (self->presets, lk_preset_get_name (preset), name,
                                self->cancellable, rename_done_cb, g_object_ref (self));
}

static void
rename_clicked_cb (LikenessTrainingPreferences *self,
                   GtkButton                   *button)
{
  LkPreset *preset = g_object_get_data (G_OBJECT (button), "preset");
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Rename Preset"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), lk_preset_get_name (preset));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "preset", g_object_ref (preset), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog            *dialog,
                    const char                  *response,
                    LikenessTrainingPreferences *self)
{
  LkPreset *preset = g_object_get_data (G_OBJECT (dialog), "preset");

  if (g_strcmp0 (response, "delete") == 0)
    lk_preset_store_delete_async (self->presets, lk_preset_get_name (preset),
                                  self->cancellable, delete_done_cb, g_object_ref (self));
}

static void
delete_clicked_cb (LikenessTrainingPreferences *self,
                   GtkButton                   *button)
{
  LkPreset *preset = g_object_get_data (G_OBJECT (button), "preset");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a preset's name. */
  body = g_strdup_printf (_("“%s” is removed from this computer. Jobs trained with it keep their settings."),
                          lk_preset_get_name (preset));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Delete Preset?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "preset", g_object_ref (preset), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkFileChooserNative        *chooser,
                    int                          response,
                    LikenessTrainingPreferences *self)
{
  LkPreset *preset = g_object_get_data (G_OBJECT (chooser), "preset");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lk_preset_store_export_async (self->presets, preset, file, self->cancellable,
                                    export_done_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
export_clicked_cb (LikenessTrainingPreferences *self,
                   GtkButton                   *button)
{
  LkPreset *preset = g_object_get_data (G_OBJECT (button), "preset");
  g_autofree char *name = g_strdup_printf ("%s.json", lk_preset_get_name (preset));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Preset"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "preset", g_object_ref (preset), g_object_unref);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
add_button (LikenessTrainingPreferences *self,
            GtkWidget                   *row,
            LkPreset                    *preset,
            const char                  *icon,
            const char                  *label,
            GCallback                    callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "preset", g_object_ref (preset), g_object_unref);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return button;
}

static GtkWidget *
create_preset_row (gpointer item,
                   gpointer user_data)
{
  LikenessTrainingPreferences *self = user_data;
  LkPreset *preset = item;
  LkTrainer *trainer = lk_catalog_lookup_trainer (self->catalog, lk_preset_get_trainer_id (preset));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lk_preset_get_name (preset));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               trainer ? lk_trainer_get_name (trainer) : lk_preset_get_trainer_id (preset));
  add_button (self, row, preset, "document-edit-symbolic", _("Rename"), G_CALLBACK (rename_clicked_cb));
  add_button (self, row, preset, "document-save-as-symbolic", _("Export"), G_CALLBACK (export_clicked_cb));
  add_button (self, row, preset, "user-trash-symbolic", _("Delete"), G_CALLBACK (delete_clicked_cb));

  return row;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LikenessTrainingPreferences) self = user_data;
  g_autoptr(LkPreset) preset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  preset = lk_preset_store_import_finish (LK_PRESET_STORE (object), result, &error);
  if (preset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  /* Translators: %s is a preset's name. */
  message = g_strdup_printf (_("Preset “%s” imported."), lk_preset_get_name (preset));
  show_toast (self, message);
}

static void
import_response_cb (GtkFileChooserNative        *chooser,
                    int                          response,
                    LikenessTrainingPreferences *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lk_preset_store_import_async (self->presets, file, self->cancellable,
                                    import_done_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
import_cb (LikenessTrainingPreferences *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Preset"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Preset Files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
presets_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LikenessTrainingPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_skipped = 0;

  if (!lk_preset_store_load_finish (LK_PRESET_STORE (object), result, &n_skipped, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  if (n_skipped > 0)
    {
      /* Translators: %u is a number of preset files that could not be read. */
      g_autofree char *message = g_strdup_printf (ngettext ("%u preset file could not be read.",
                                                            "%u preset files could not be read.",
                                                            n_skipped),
                                                  n_skipped);
      show_toast (self, message);
    }
}

LkPresetStore *
likeness_training_preferences_get_presets (LikenessTrainingPreferences *self)
{
  g_return_val_if_fail (LIKENESS_IS_TRAINING_PREFERENCES (self), NULL);

  return self->presets;
}

static void
likeness_training_preferences_dispose (GObject *object)
{
  LikenessTrainingPreferences *self = LIKENESS_TRAINING_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_TRAINING_PREFERENCES);

  G_OBJECT_CLASS (likeness_training_preferences_parent_class)->dispose (object);
}

static void
likeness_training_preferences_finalize (GObject *object)
{
  LikenessTrainingPreferences *self = LIKENESS_TRAINING_PREFERENCES (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->presets);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (likeness_training_preferences_parent_class)->finalize (object);
}

static void
likeness_training_preferences_class_init (LikenessTrainingPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_training_preferences_dispose;
  object_class->finalize = likeness_training_preferences_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/likeness-training-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainingPreferences, folder_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainingPreferences, folder_reset_button);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainingPreferences, downscale_spin);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainingPreferences, cap_mode_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainingPreferences, cap_spin);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainingPreferences, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainingPreferences, presets_list);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_cb);
}

static void
likeness_training_preferences_init (LikenessTrainingPreferences *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (LIKENESS_SETTINGS_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();

  g_settings_bind (self->settings, LIKENESS_SETTINGS_DOWNSCALE_LONG_SIDE,
                   self->downscale_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, LIKENESS_SETTINGS_SPENDING_CAP_USD,
                   self->cap_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, LIKENESS_SETTINGS_CONFIRM_THRESHOLD,
                   self->threshold_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, LIKENESS_SETTINGS_SPENDING_CAP_MODE,
                                self->cap_mode_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                cap_mode_get_mapping, cap_mode_set_mapping, NULL, NULL);

  g_signal_connect_object (self->settings, "changed::" LIKENESS_SETTINGS_DOWNLOAD_FOLDER,
                           G_CALLBACK (update_folder), self, G_CONNECT_SWAPPED);
  update_folder (self);

  /* The catalog is a compiled-in resource: it only fails on a broken build. */
  self->catalog = lk_catalog_new (&error);
  g_assert_no_error (error);
  self->presets = lk_preset_store_new (self->catalog, NULL);
  gtk_list_box_bind_model (self->presets_list, lk_preset_store_get_presets (self->presets),
                           create_preset_row, self, NULL);
  lk_preset_store_load_async (self->presets, self->cancellable, presets_loaded_cb, g_object_ref (self));
}

GtkWidget *
likeness_training_preferences_new (void)
{
  return g_object_new (LIKENESS_TYPE_TRAINING_PREFERENCES, NULL);
}
