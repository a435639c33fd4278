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

#include "likeness-compare-page-private.h"
#include "likeness-param-form.h"
#include "likeness-settings.h"
#include "likeness-trainer-card.h"


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


static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

LkTrainer *
likeness_compare_page_get_trainer (LikenessComparePage *self)
{
  g_return_val_if_fail (LIKENESS_IS_COMPARE_PAGE (self), NULL);

  return self->trainer_id ? lk_catalog_lookup_trainer (self->catalog, self->trainer_id) : NULL;
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

  policy = _likeness_compare_page_dup_policy (self);
  if (lk_cost_policy_check (policy, _likeness_compare_page_current_estimate (self), self->month_total, NULL) & LK_COST_VERDICT_BLOCKED)
    return lk_cost_verdict_describe (policy, LK_COST_VERDICT_BLOCKED, _likeness_compare_page_current_estimate (self), self->month_total);

  return NULL;
}

void
_likeness_compare_page_update_start (LikenessComparePage *self)
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
  g_autoptr(LkCostPolicy) policy = _likeness_compare_page_dup_policy (self);
  g_autofree char *problem = likeness_compare_page_dup_start_problem (self);
  double estimate = _likeness_compare_page_current_estimate (self);
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

static void
form_changed_cb (LikenessComparePage *self)
{
  _likeness_compare_page_update_price (self);
  _likeness_compare_page_update_start (self);
}

/* The trainer cards */

static void
show_trainer (LikenessComparePage *self)
{
  LkTrainer *trainer = likeness_compare_page_get_trainer (self);

  likeness_param_form_set_trainer (self->param_form, trainer, NULL);
  _likeness_compare_page_fill_presets (self);
  _likeness_compare_page_update_price (self);
  _likeness_compare_page_update_start (self);
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

  _likeness_compare_page_update_start (self);
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
  _likeness_compare_page_schedule_plan (self);
}

void
likeness_compare_page_set_report (LikenessComparePage *self,
                                  LkDatasetReport     *report,
                                  gboolean             scanning)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  g_set_object (&self->report, report);
  self->scanning = scanning;

  /* While a scan streams in, the report changes several times a second;
   * the cards and the upload plan follow once it is done. */
  if (!scanning)
    {
      rebuild_cards (self);
      _likeness_compare_page_schedule_plan (self);
    }
  _likeness_compare_page_update_start (self);
}

void
likeness_compare_page_set_job_manager (LikenessComparePage *self,
                                       LkJobManager        *manager)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  g_set_object (&self->manager, manager);
  _likeness_compare_page_refresh_month_total (self);
  _likeness_compare_page_update_start (self);
}

void
likeness_compare_page_set_starting (LikenessComparePage *self,
                                    gboolean             starting)
{
  g_return_if_fail (LIKENESS_IS_COMPARE_PAGE (self));

  self->starting = starting;
  if (!starting)
    _likeness_compare_page_refresh_month_total (self);
  _likeness_compare_page_update_start (self);
}

static void
settings_changed_cb (LikenessComparePage *self,
                     const char          *key)
{
  if (g_strcmp0 (key, LIKENESS_SETTINGS_DOWNSCALE_LONG_SIDE) == 0)
    _likeness_compare_page_schedule_plan (self);
  _likeness_compare_page_update_price (self);
  _likeness_compare_page_update_start (self);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "preset_selected_cb",
                                                G_CALLBACK (_likeness_compare_page_preset_selected_cb));
  gtk_widget_class_bind_template_callback (widget_class, trigger_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggest_trigger_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "save_preset_cb",
                                                G_CALLBACK (_likeness_compare_page_save_preset_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "map_cb",
                                                G_CALLBACK (_likeness_compare_page_map_cb));

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
  lk_preset_store_load_async (self->presets, self->cancellable, _likeness_compare_page_presets_loaded_cb, g_object_ref (self));

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  subject_selected_cb (self);
  _likeness_compare_page_show_manifest (self);
  _likeness_compare_page_update_start (self);
}
