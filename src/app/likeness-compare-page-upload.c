/* likeness-compare-page-upload.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Trainer step's last word before Start: the packer's plan of exactly
 * what leaves the machine, the price and time of this run, and the spending
 * limits from the preferences checked against this month's tally.
 */

#define G_LOG_DOMAIN "likeness-compare-page"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-compare-page-private.h"
#include "likeness-settings.h"

LkCostPolicy *
_likeness_compare_page_dup_policy (LikenessComparePage *self)
{
  return lk_cost_policy_new_from_settings (self->settings);
}

guint
_likeness_compare_page_current_steps (LikenessComparePage *self)
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

double
_likeness_compare_page_current_estimate (LikenessComparePage *self)
{
  LkTrainer *trainer = likeness_compare_page_get_trainer (self);
  double usd;

  if (trainer != NULL && lk_trainer_estimate_cost (trainer, _likeness_compare_page_current_steps (self), &usd))
    return usd;

  return LK_COST_UNKNOWN;
}

/* Price, time and the spending cap */

void
_likeness_compare_page_update_price (LikenessComparePage *self)
{
  LkTrainer *trainer = likeness_compare_page_get_trainer (self);
  g_autoptr(LkCostPolicy) policy = _likeness_compare_page_dup_policy (self);
  g_autofree char *price = NULL;
  g_autofree char *time = NULL;
  g_autofree char *verdict_text = NULL;
  double estimate = _likeness_compare_page_current_estimate (self);
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

  if (lk_trainer_estimate_minutes (trainer, _likeness_compare_page_current_steps (self), &min_minutes, &max_minutes))
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
  _likeness_compare_page_update_price (self);
  _likeness_compare_page_update_start (self);
}

void
_likeness_compare_page_refresh_month_total (LikenessComparePage *self)
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

void
_likeness_compare_page_show_manifest (LikenessComparePage *self)
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
  _likeness_compare_page_show_manifest (self);
  if (error != NULL)
    adw_expander_row_set_subtitle (self->files_row, error->message);
  _likeness_compare_page_update_start (self);
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
      _likeness_compare_page_show_manifest (self);
      return G_SOURCE_REMOVE;
    }

  self->planning = TRUE;
  packer = lk_packer_new (G_LIST_MODEL (self->dataset));
  lk_packer_set_max_side (packer, (guint) g_settings_get_int (self->settings,
                                                               LIKENESS_SETTINGS_DOWNSCALE_LONG_SIDE));
  lk_packer_plan_async (packer, self->cancellable, plan_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

void
_likeness_compare_page_schedule_plan (LikenessComparePage *self)
{
  if (self->plan_source == 0)
    self->plan_source = g_timeout_add (200, plan_timeout_cb, self);
}
