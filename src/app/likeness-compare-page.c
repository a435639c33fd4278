/* likeness-compare-page.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Trainer step: the trainers side by side, the one the seed document
 * recommends for this subject marked, a preset, the parameters, the trigger
 * word, and what exactly leaves the machine for how much, all before Start.
 * The page never starts a job itself: it says "start-requested" once the
 * person confirmed, and the window does the rest.
 */

#define G_LOG_DOMAIN "likeness-compare-page"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-compare-page.h"
#include "likeness-param-form.h"
#include "likeness-settings.h"
#include "likeness-trainer-card.h"

struct _LikenessComparePage
{
  GtkWidget            parent_instance;

  GSettings           *settings;
  LkCatalog           *catalog;
  LkPresetStore       *presets;
  LkJobManager        *manager;      /* (nullable) */
  LkDataset           *dataset;      /* (nullable) */
  LkDatasetReport     *report;       /* (nullable) */
  LkPackManifest      *manifest;     /* (nullable) */
  LkRecommendation    *recommendation;
  GPtrArray           *preset_items; /* (element-type LkPreset) NULL for the defaults */
  GCancellable        *cancellable;
  char                *trainer_id;
  char                *trigger;
  double               month_total;
  gboolean             scanning;
  gboolean             starting;
  gboolean             planning;
  guint                plan_source;

  AdwComboRow         *subject_row;
  GtkFlowBox          *cards_box;
  AdwComboRow         *preset_row;
  AdwPreferencesGroup *trigger_group;
  AdwEntryRow         *trigger_row;
  LikenessParamForm   *param_form;
  AdwExpanderRow      *files_row;
  AdwActionRow        *price_row;
  AdwActionRow        *spending_row;
  GtkButton           *start_button;
  GtkLabel            *start_reason_label;
  GList               *file_rows;    /* Rows added under files_row. */
};

enum {
  PROP_0,
  PROP_TRIGGER,
  PROP_TRAINER_ID,
  N_PROPS
};

enum {
  START_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LikenessComparePage, likeness_compare_page, GTK_TYPE_WIDGET)

static void update_start (LikenessComparePage *self);

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static LkCostPolicy *
dup_policy (LikenessComparePage *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, LIKENESS_SETTINGS_SPENDING_CAP_MODE);
  LkCostCapMode cap_mode = LK_COST_CAP_WARN;

  if (g_strcmp0 (mode, "off") == 0)
    cap_mode = LK_COST_CAP_OFF;
  else if (g_strcmp0 (mode, "block") == 0)
    cap_mode = LK_COST_CAP_BLOCK;

  return lk_cost_policy_new (cap_mode,
                             g_settings_get_double (self->settings, LIKENESS_SETTINGS_SPENDING_CAP_USD),
                             g_settings_get_double (self->settings, LIKENESS_SETTINGS_CONFIRM_THRESHOLD));
}

LkTrainer *
likeness_compare_page_get_trainer (LikenessComparePage *self)
{
  g_return_val_if_fail (LIKENESS_IS_COMPARE_PAGE (self), NULL);

  return self->trainer_id ? lk_catalog_lookup_trainer (self->catalog, self->trainer_id) : NULL;
}

static guint
current_steps (LikenessComparePage *self)
{
  LkTrainer *trainer = likeness_compare_page_get_trainer (self);
  g_autoptr(GVariant) values = likeness_param_form_dup_values (self->param_form);
  const char *steps_name;
  gint64 steps;

  if (trainer == NULL)
    return 0;

  steps_name = lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_STEPS);
  if (steps_name != NULL && g_variant_lookup (values, steps_name, "x", &steps))
    return (guint) CLAMP (steps, 0, G_MAXUINT);

  return lk_trainer_get_default_steps (trainer);
}

static double
current_estimate (LikenessComparePage *self)
{
  LkTrainer *trainer = likeness_compare_page_get_trainer (self);
  double usd;

  if (trainer != NULL && lk_trainer_estimate_cost (trainer, current_steps (self), &usd))
    return usd;

  return LK_COST_UNKNOWN;
}

/* Price, time and the spending cap */

static void
update_price (LikenessComparePage *self)
{
  LkTrainer *trainer = likeness_compare_page_get_trainer (self);
  g_autoptr(LkCostPolicy) policy = dup_policy (self);
  g_autofree char *price = NULL;
  g_autofree char *time = NULL;
  g_autofree char *verdict_text = NULL;
  double estimate = current_estimate (self);
  guint min_minutes, max_minutes;
  LkCostVerdict verdict;

  if (trainer == NULL)
    return;

  if (estimate >= 0)
    {
      g_autofree char *usd = lk_format_usd (estimate);

      /* Translators: %s is an amount of money, "$2.00". */
      price = g_strdup_printf (_("About %s"), usd);
    }
  else
    price = g_strdup (_("Price unknown: fal publishes none for this trainer"));

  if (lk_trainer_estimate_minutes (trainer, current_steps (self), &min_minutes, &max_minutes))
    /* Translators: a time range for the training, in minutes. */
    time = g_strdup_printf (_("About %u–%u minutes"), min_minutes, max_minutes);
  else
    time = g_strdup (_("Time unknown"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->price_row), price);
  adw_action_row_set_subtitle (self->price_row, time);

  verdict = lk_cost_policy_check (policy, estimate, self->month_total, NULL);
  verdict_text = lk_cost_verdict_describe (policy, verdict, estimate, self->month_total);
  if (verdict_text == NULL)
    {
      g_autofree char *spent = lk_format_usd (self->month_total);

      /* Translators: %s is an amount of money, "$2.00". */
      verdict_text = g_strdup_printf (_("Spent this month: %s. Within your limits."), spent);
    }
  adw_action_row_set_subtitle (self->spending_row, verdict_text);

  if (verdict & LK_COST_VERDICT_BLOCKED)
    gtk_widget_add_css_class (GTK_WIDGET (self->spending_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->spending_row), "error");
}

static void
month_total_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LikenessComparePage) self = user_data;
  g_autoptr(GError) error = NULL;
  double total = 0;

  if (!lk_job_store_month_total_finish (LK_JOB_STORE (object), result, &total, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No month total: %s", error->message);
      return;
    }

  self->month_total = total;
  update_price (self);
  update_start (self);
}

static void
refresh_month_total (LikenessComparePage *self)
{
  if (self->manager == NULL)
    return;

  lk_job_store_month_total_async (lk_job_manager_get_store (self->manager), NULL,
                                  self->cancellable, month_total_cb, g_object_ref (self));
}

/* What leaves the machine */

static void
clear_file_rows (LikenessComparePage *self)
{
  for (GList *l = self->file_rows; l != NULL; l = l->next)
    adw_expander_row_remove (self->files_row, l->data);
  g_clear_pointer (&self->file_rows, g_list_free);
}

static void
show_manifest (LikenessComparePage *self)
{
  g_autofree char *size = NULL;
  g_autofree char *title = NULL;
  g_autofree char *stripped_text = NULL;
  LkImageMetadata stripped = LK_IMAGE_META_NONE;
  guint n_entries;

  clear_file_rows (self);

  if (self->manifest == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->files_row), _("Nothing to upload yet"));
      adw_expander_row_set_subtitle (self->files_row, _("Add photos on the Photos step."));
      return;
    }

  n_entries = lk_pack_manifest_get_n_entries (self->manifest);
  /* A plan knows the archive's size only when nothing is re-encoded. */
  if (lk_pack_manifest_is_exact (self->manifest) && lk_pack_manifest_get_archive_size (self->manifest) > 0)
    {
      size = g_format_size (lk_pack_manifest_get_archive_size (self->manifest));
      /* Translators: the first %u is a number of files, %s a size ("2.1 MB"). */
      title = g_strdup_printf (ngettext ("%u file in one ZIP archive, %s", "%u files in one ZIP archive, %s",
                                         n_entries),
                               n_entries, size);
    }
  else
    {
      size = g_format_size (lk_pack_manifest_get_entries_size (self->manifest));
      /* Translators: the first %u is a number of files, %s a size ("2.1 MB"). */
      title = g_strdup_printf (ngettext ("%u file in one ZIP archive, about %s",
                                         "%u files in one ZIP archive, about %s", n_entries),
                               n_entries, size);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->files_row), title);

  for (guint i = 0; i < n_entries; i++)
    {
      const LkPackEntry *entry = lk_pack_manifest_get_entry (self->manifest, i);
      g_autofree char *description = lk_pack_manifest_describe_entry (self->manifest, i);
      GtkWidget *row = adw_action_row_new ();

      stripped |= entry->stripped;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      adw_expander_row_add_row (self->files_row, row);
      self->file_rows = g_list_prepend (self->file_rows, row);
    }

  if (stripped != LK_IMAGE_META_NONE)
    {
      g_autofree char *what = lk_image_metadata_describe (stripped);

      /* Translators: %s lists metadata, e.g. "location, camera details". */
      stripped_text = g_strdup_printf (_("Removed before upload: %s. Nothing else is sent."), what);
    }
  else
    stripped_text = g_strdup (_("The photos carry no metadata to remove. Nothing else is sent."));
  adw_expander_row_set_subtitle (self->files_row, stripped_text);
}

static void
plan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LikenessComparePage) self = user_data;
  g_autoptr(LkPackManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;

  manifest = lk_packer_plan_finish (LK_PACKER (object), result, &error);
  if (manifest == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->planning = FALSE;
  g_set_object (&self->manifest, manifest);
  show_manifest (self);
  if (error != NULL)
    adw_expander_row_set_subtitle (self->files_row, error->message);
  update_start (self);
}

static gboolean
plan_timeout_cb (gpointer user_data)
{
  LikenessComparePage *self = user_data;
  g_autoptr(LkPacker) packer = NULL;

  self->plan_source = 0;

  if (self->dataset == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->dataset)) == 0)
    {
      g_clear_object (&self->manifest);
      show_manifest (self);
      return G_SOURCE_REMOVE;
    }

  self->planning = TRUE;
  packer = lk_packer_new (G_LIST_MODEL (self->dataset));
  lk_packer_set_max_side (packer, (guint) g_settings_get_int (self->settings,
                                                               LIKENESS_SETTINGS_DOWNSCALE_LONG_SIDE));
  lk_packer_plan_async (packer, self->cancellable, plan_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_plan (LikenessComparePage *self)
{
  if (self->plan_source == 0)
    self->plan_source = g_timeout_add (200, plan_timeout_cb, self);
}

/* Start */

/**
 * likeness_compare_page_dup_start_problem:
 * @self: a page
 *
 * Returns: (transfer full) (nullable): why Start cannot be pressed now, or
 *   %NULL when it can
 */
char *
likeness_compare_page_dup_start_problem (LikenessComparePage *self)
{
  g_autoptr(LkCostPolicy) policy = NULL;
  guint n_images;
  guint n_errors;
  char *problem;

  g_return_val_if_fail (LIKENESS_IS_COMPARE_PAGE (self), NULL);

  n_images = self->dataset ? g_list_model_get_n_items (G_LIST_MODEL (self->dataset)) : 0;
  n_errors = self->report ? lk_dataset_report_get_n_errors (self->report) : 0;

  if (self->starting)
    return g_strdup (_("Starting the training…"));
  if (n_images == 0)
    return g_strdup (_("Add photos on the Photos step first."));
  if (self->scanning)
    return g_strdup (_("Wait until every photo has been read."));
  if (n_errors > 0)
    /* Translators: %u is a number of problems in the dataset. */
    return g_strdup_printf (ngettext ("Fix %u problem on the Photos step first.",
                                      "Fix %u problems on the Photos step first.", n_errors),
                            n_errors);
  if (self->trainer_id == NULL)
    return g_strdup (_("Choose a trainer."));
  if (self->trigger == NULL || *self->trigger == '\0')
    return g_strdup (_("Enter a trigger word."));
  if ((problem = likeness_param_form_dup_problem (self->param_form)) != NULL)
    return problem;
  if (self->manager == NULL)
    return g_strdup (_("Opening the list of jobs…"));
  if (!lk_fal_client_has_key (lk_job_manager_get_client (self->manager)))
    return g_strdup (_("Add your fal.ai API key in Preferences first."));

  policy = dup_policy (self);
  if (lk_cost_policy_check (policy, current_estimate (self), self->month_total, NULL) & LK_COST_VERDICT_BLOCKED)
    return lk_cost_verdict_describe (policy, LK_COST_VERDICT_BLOCKED, current_estimate (self), self->month_total);

  return NULL;
}

static void
update_start (LikenessComparePage *self)
{
  g_autofree char *problem = likeness_compare_page_dup_start_problem (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), problem == NULL);
  gtk_label_set_label (self->start_reason_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->start_reason_label), problem != NULL);
  /* The insensitive button cannot be focused: its reason is read with it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->start_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem ? problem : "",
                                  -1);
}

static void
confirm_response_cb (LikenessComparePage *self,
                     const char          *response)
{
  if (g_strcmp0 (response, "start") == 0)
    g_signal_emit (self, signals[START_REQUESTED], 0);
}

static void
start_clicked_cb (LikenessComparePage *self)
{
  g_autoptr(LkCostPolicy) policy = dup_policy (self);
  g_autofree char *problem = likeness_compare_page_dup_start_problem (self);
  double estimate = current_estimate (self);
  LkCostVerdict verdict;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (problem != NULL)
    return;

  verdict = lk_cost_policy_check (policy, estimate, self->month_total, NULL);
  if (verdict == LK_COST_VERDICT_OK)
    {
      g_signal_emit (self, signals[START_REQUESTED], 0);
      return;
    }

  body = lk_cost_verdict_describe (policy, verdict, estimate, self->month_total);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Start This Training?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Training"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * likeness_compare_page_build_record:
 * @self: a page
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the record of a job as the page shows it
 */
LkJobRecord *
likeness_compare_page_build_record (LikenessComparePage  *self,
                                    GError              **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GVariant) form_values = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) overrides = NULL;
  LkTrainer *trainer = likeness_compare_page_get_trainer (self);
  LkPreset *preset = NULL;
  g_autofree char *name = NULL;
  const char *trigger_name;
  guint selected;

  g_return_val_if_fail (LIKENESS_IS_COMPARE_PAGE (self), NULL);
  g_return_val_if_fail (self->manager != NULL && trainer != NULL && self->dataset != NULL, NULL);

  /* The photos one by one, not their folders: photos removed by the
   * doctor must stay out of the upload. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->dataset)); i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (G_LIST_MODEL (self->dataset), i);

      if (lk_dataset_image_is_usable (image))
        g_ptr_array_add (sources, lk_dataset_image_get_file (image));
    }

  form_values = likeness_param_form_dup_values (self->param_form);
  for (gsize i = 0; i < g_variant_n_children (form_values); i++)
    g_variant_builder_add_value (&builder, g_variant_get_child_value (form_values, i));
  trigger_name = lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_TRIGGER);
  if (trigger_name != NULL)
    g_variant_builder_add (&builder, "{sv}", trigger_name, g_variant_new_string (self->trigger));
  overrides = g_variant_ref_sink (g_variant_builder_end (&builder));

  selected = adw_combo_row_get_selected (self->preset_row);
  if (selected < self->preset_items->len)
    preset = g_ptr_array_index (self->preset_items, selected);

  /* A job is named after the photos' folder, as people name datasets. */
  if (sources->len > 0)
    {
      g_autoptr(GFile) parent = g_file_get_parent (g_ptr_array_index (sources, 0));

      if (parent != NULL)
        name = g_file_get_basename (parent);
    }

  return lk_job_manager_build_record (self->manager,
                                      self->trainer_id,
                                      preset && lk_preset_get_source (preset) == LK_PRESET_SOURCE_BUILTIN
                                        ? lk_preset_get_id (preset) : NULL,
                                      overrides,
                                      (GFile * const *) sources->pdata,
                                      sources->len,
                                      name,
                                      error);
}

/* Presets and the form */

static void
preset_selected_cb (LikenessComparePage *self)
{
  guint selected = adw_combo_row_get_selected (self->preset_row);
  LkPreset *preset = NULL;

  if (selected < self->preset_items->len)
    preset = g_ptr_array_index (self->preset_items, selected);

  likeness_param_form_set_values (self->param_form, preset ? lk_preset_get_values (preset) : NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row),
                               preset ? lk_preset_get_purpose (preset) : _("The trainer’s own defaults"));
}

static void
fill_presets (LikenessComparePage *self)
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
  preset_selected_cb (self);
}

void
likeness_compare_page_reload_presets (LikenessComparePage *self)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  fill_presets (self);
}

static void
presets_loaded_cb (GObject      *object,
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

  fill_presets (self);
}

static void
map_cb (LikenessComparePage *self)
{
  /* Presets may have been renamed or imported in the preferences. */
  lk_preset_store_load_async (self->presets, self->cancellable, presets_loaded_cb, g_object_ref (self));
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
  fill_presets (self);
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

static void
save_preset_cb (LikenessComparePage *self)
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

static void
form_changed_cb (LikenessComparePage *self)
{
  update_price (self);
  update_start (self);
}

/* The trainer cards */

static void
show_trainer (LikenessComparePage *self)
{
  LkTrainer *trainer = likeness_compare_page_get_trainer (self);

  likeness_param_form_set_trainer (self->param_form, trainer, NULL);
  fill_presets (self);
  update_price (self);
  update_start (self);
}

static void
card_selected_cb (LikenessComparePage *self)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (self->cards_box);
  LikenessTrainerCard *card;
  const char *id;

  if (selected == NULL)
    return;

  card = LIKENESS_TRAINER_CARD (gtk_flow_box_child_get_child (selected->data));
  id = lk_trainer_get_id (likeness_trainer_card_get_trainer (card));
  if (g_strcmp0 (id, self->trainer_id) == 0)
    return;

  g_free (self->trainer_id);
  self->trainer_id = g_strdup (id);
  show_trainer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINER_ID]);
}

static void
mark_selected_card (LikenessComparePage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      LkTrainer *trainer = likeness_trainer_card_get_trainer (LIKENESS_TRAINER_CARD (card));

      if (g_strcmp0 (lk_trainer_get_id (trainer), self->trainer_id) == 0)
        gtk_flow_box_select_child (self->cards_box, GTK_FLOW_BOX_CHILD (child));
    }
}

static void
rebuild_cards (LikenessComparePage *self)
{
  GListModel *trainers = lk_catalog_get_trainers (self->catalog);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(LkComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  LkTrainer *recommended = lk_recommendation_get_trainer (self->recommendation);
  LkTrainer *seed_trainer = lk_recommendation_get_seed_trainer (self->recommendation);
  GtkWidget *child;
  guint n_images = self->dataset ? g_list_model_get_n_items (G_LIST_MODEL (self->dataset)) : 0;

  for (guint i = 0; i < g_list_model_get_n_items (trainers); i++)
    {
      g_autoptr(LkTrainer) trainer = g_list_model_get_item (trainers, i);

      g_ptr_array_add (ids, (gpointer) lk_trainer_get_id (trainer));
    }
  g_ptr_array_add (ids, NULL);

  comparison = lk_comparison_new (self->catalog, (const char * const *) ids->pdata, n_images, 0, &error);
  if (comparison == NULL)
    {
      g_warning ("The catalog cannot be compared: %s", error->message);
      return;
    }

  g_signal_handlers_block_by_func (self->cards_box, card_selected_cb, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_flow_box_remove (self->cards_box, child);

  for (guint i = 0; i < lk_comparison_get_n_columns (comparison); i++)
    {
      GtkWidget *card = likeness_trainer_card_new (comparison, i);
      LkTrainer *trainer = lk_comparison_get_column (comparison, i);

      /* The seed's trainer may be deprecated: then the live replacement
       * carries the mark and the reason says why. */
      if (trainer == recommended || (recommended == NULL && trainer == seed_trainer))
        likeness_trainer_card_set_recommended (LIKENESS_TRAINER_CARD (card),
                                               lk_recommendation_get_reason (self->recommendation));
      gtk_flow_box_append (self->cards_box, card);
    }

  mark_selected_card (self);
  g_signal_handlers_unblock_by_func (self->cards_box, card_selected_cb, self);
}

static void
subject_selected_cb (LikenessComparePage *self)
{
  LkSubjectType subject = adw_combo_row_get_selected (self->subject_row);
  LkTrainer *recommended;

  g_clear_object (&self->recommendation);
  self->recommendation = lk_recommendation_new (self->catalog, subject);
  recommended = lk_recommendation_get_trainer (self->recommendation);

  g_free (self->trainer_id);
  self->trainer_id = recommended ? g_strdup (lk_trainer_get_id (recommended)) : NULL;

  rebuild_cards (self);
  show_trainer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINER_ID]);
}

void
likeness_compare_page_set_subject (LikenessComparePage *self,
                                   LkSubjectType        subject)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  adw_combo_row_set_selected (self->subject_row, subject);
}

gboolean
likeness_compare_page_select_trainer (LikenessComparePage *self,
                                      const char          *trainer_id)
{
  g_return_val_if_fail (LIKENESS_IS_COMPARE_PAGE (self), FALSE);

  if (lk_catalog_lookup_trainer (self->catalog, trainer_id) == NULL)
    return FALSE;

  g_free (self->trainer_id);
  self->trainer_id = g_strdup (trainer_id);
  g_signal_handlers_block_by_func (self->cards_box, card_selected_cb, self);
  gtk_flow_box_unselect_all (self->cards_box);
  mark_selected_card (self);
  g_signal_handlers_unblock_by_func (self->cards_box, card_selected_cb, self);
  show_trainer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINER_ID]);

  return TRUE;
}

/* The trigger word */

static void
set_trigger (LikenessComparePage *self,
             const char          *trigger)
{
  LkTrainerConstraints constraints;
  LkTriggerProblem problem;
  g_autoptr(GString) lint = g_string_new (NULL);

  if (!lk_set_str (&self->trigger, trigger))
    return;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->trigger_row)), trigger ? trigger : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->trigger_row), trigger ? trigger : "");

  lk_trainer_constraints_init_default (&constraints);
  problem = lk_trigger_lint (trigger, constraints.min_trigger_length, constraints.trigger_needs_token);
  if (problem & LK_TRIGGER_EMPTY)
    g_string_append (lint, _("Enter a word the trainer can learn your subject by."));
  if (problem & LK_TRIGGER_TOO_SHORT)
    g_string_append (lint, _("Short words may already mean something to the model. "));
  if (problem & LK_TRIGGER_HAS_SPACES)
    g_string_append (lint, _("Use a single word without spaces. "));
  if (problem & LK_TRIGGER_COMMON_WORD)
    g_string_append (lint, _("This is a common word: the model already knows it. "));
  if (problem & LK_TRIGGER_DIGITS)
    g_string_append (lint, _("Digits make a trigger harder to use in prompts. "));

  if (lint->len == 0)
    g_string_append (lint, _("A rare word, good for a trigger. Use it in your prompts later."));
  adw_preferences_group_set_description (self->trigger_group, g_strstrip (lint->str));

  if (problem != LK_TRIGGER_OK)
    gtk_widget_add_css_class (GTK_WIDGET (self->trigger_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->trigger_row), "warning");
  if (problem & LK_TRIGGER_EMPTY)
    gtk_widget_add_css_class (GTK_WIDGET (self->trigger_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->trigger_row), "error");

  update_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER]);
}

static void
trigger_changed_cb (LikenessComparePage *self)
{
  set_trigger (self, gtk_editable_get_text (GTK_EDITABLE (self->trigger_row)));
}

static void
suggest_trigger_cb (LikenessComparePage *self)
{
  g_autofree char *trigger = lk_trigger_suggest ();

  set_trigger (self, trigger);
}

/* Inputs from the window */

void
likeness_compare_page_set_dataset (LikenessComparePage *self,
                                   LkDataset           *dataset)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  g_set_object (&self->dataset, dataset);
  schedule_plan (self);
}

void
likeness_compare_page_set_report (LikenessComparePage *self,
                                  LkDatasetReport     *report,
                                  gboolean             scanning)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  g_set_object (&self->report, report);
  self->scanning = scanning;
  rebuild_cards (self);
  schedule_plan (self);
  update_start (self);
}

void
likeness_compare_page_set_job_manager (LikenessComparePage *self,
                                       LkJobManager        *manager)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  g_set_object (&self->manager, manager);
  refresh_month_total (self);
  update_start (self);
}

void
likeness_compare_page_set_starting (LikenessComparePage *self,
                                    gboolean             starting)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  self->starting = starting;
  if (!starting)
    refresh_month_total (self);
  update_start (self);
}

static void
settings_changed_cb (LikenessComparePage *self,
                     const char          *key)
{
  if (g_strcmp0 (key, LIKENESS_SETTINGS_DOWNSCALE_LONG_SIDE) == 0)
    schedule_plan (self);
  update_price (self);
  update_start (self);
}

static void
likeness_compare_page_dispose (GObject *object)
{
  LikenessComparePage *self = LIKENESS_COMPARE_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->plan_source, g_source_remove);
  g_clear_pointer (&self->file_rows, g_list_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_COMPARE_PAGE);
  /* The template's top box is not a bound child, so it is left to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->manager);
  g_clear_object (&self->dataset);
  g_clear_object (&self->report);
  g_clear_object (&self->manifest);

  G_OBJECT_CLASS (likeness_compare_page_parent_class)->dispose (object);
}

static void
likeness_compare_page_finalize (GObject *object)
{
  LikenessComparePage *self = LIKENESS_COMPARE_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->recommendation);
  g_clear_object (&self->presets);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preset_items, g_ptr_array_unref);
  g_clear_pointer (&self->trainer_id, g_free);
  g_clear_pointer (&self->trigger, g_free);

  G_OBJECT_CLASS (likeness_compare_page_parent_class)->finalize (object);
}

static void
likeness_compare_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LikenessComparePage *self = LIKENESS_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TRIGGER:
      g_value_set_string (value, self->trigger);
      break;

    case PROP_TRAINER_ID:
      g_value_set_string (value, self->trainer_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_compare_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LikenessComparePage *self = LIKENESS_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TRIGGER:
      set_trigger (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_compare_page_class_init (LikenessComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_compare_page_dispose;
  object_class->finalize = likeness_compare_page_finalize;
  object_class->get_property = likeness_compare_page_get_property;
  object_class->set_property = likeness_compare_page_set_property;

  properties[PROP_TRIGGER] =
    g_param_spec_string ("trigger", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRAINER_ID] =
    g_param_spec_string ("trainer-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LikenessComparePage::start-requested:
   *
   * The person pressed Start and confirmed the price where needed.
   */
  signals[START_REQUESTED] = g_signal_new ("start-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LIKENESS_TYPE_PARAM_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/likeness-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, preset_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, trigger_group);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, trigger_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, param_form);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, files_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, price_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, spending_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, LikenessComparePage, start_reason_label);
  gtk_widget_class_bind_template_callback (widget_class, subject_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, trigger_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggest_trigger_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_preset_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
likeness_compare_page_init (LikenessComparePage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (LIKENESS_SETTINGS_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();
  self->preset_items = g_ptr_array_new_with_free_func (unref_nullable);

  /* The catalog is a compiled-in resource: it only fails on a broken build. */
  self->catalog = lk_catalog_new (&error);
  g_assert_no_error (error);
  self->presets = lk_preset_store_new (self->catalog, NULL);
  lk_preset_store_load_async (self->presets, self->cancellable, presets_loaded_cb, g_object_ref (self));

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  subject_selected_cb (self);
  show_manifest (self);
  update_start (self);
}
