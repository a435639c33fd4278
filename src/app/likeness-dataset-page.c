/* likeness-dataset-page.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Photos step: the dataset as a grid of thumbnails that fills in while
 * the scan streams, the doctor's findings with their one-click fixes, and
 * the captions, one at a time or all at once.
 */

#define G_LOG_DOMAIN "likeness-dataset-page"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-dataset-page.h"
#include "likeness-image-tile.h"

/* Findings are recomputed at most this often while a scan streams in. */
#define RECHECK_DELAY_MSEC 150

/* Rows of wrapped text are costly to lay out; a few hundred findings
 * would stall the window. The rest follow as these are fixed. */
#define MAX_FINDING_ROWS 30

struct _LikenessDatasetPage
{
  GtkWidget             parent_instance;

  LkDataset            *dataset;
  LkCaptionStore       *captions;
  LkDatasetReport      *report;        /* (nullable) */
  LkTrainerConstraints  constraints;
  char                 *trigger;
  GCancellable         *cancellable;   /* Cancelled by clear and dispose. */
  GHashTable           *tiles;         /* LikenessImageTile → NULL: the bound ones */
  GHashTable           *badges;        /* LkDatasetImage → Badges: its findings as text */
  guint                 n_scans;
  guint                 n_before_scan;  /* Photos before the running scans began. */
  guint                 recheck_source;

  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkLabel             *summary_label;
  GtkSpinner           *scan_spinner;
  AdwFlap              *flap;
  GtkGridView          *grid_view;
  GtkSingleSelection   *selection;
  GtkListBox           *findings_list;
  GtkLabel             *more_findings_label;
  AdwPreferencesGroup  *caption_group;
  AdwEntryRow          *caption_row;
  AdwEntryRow          *find_row;
  AdwEntryRow          *replace_row;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_TRIGGER,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessDatasetPage, likeness_dataset_page, GTK_TYPE_WIDGET)

typedef struct
{
  GString *errors;
  GString *warnings;
} Badges;

static void
badges_free (Badges *badges)
{
  g_string_free (badges->errors, TRUE);
  g_string_free (badges->warnings, TRUE);
  g_free (badges);
}

/* The report lists findings, not images: one pass gathers each image's,
 * so that binding a tile is a lookup. */
static void
collect_badges (LikenessDatasetPage *self)
{
  GListModel *findings = G_LIST_MODEL (self->report);

  g_hash_table_remove_all (self->badges);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(LkDatasetFinding) finding = g_list_model_get_item (findings, i);
      LkDatasetImage *image = lk_dataset_finding_get_image (finding);
      Badges *badges;
      GString *out;

      if (image == NULL)
        continue;

      badges = g_hash_table_lookup (self->badges, image);
      if (badges == NULL)
        {
          badges = g_new0 (Badges, 1);
          badges->errors = g_string_new (NULL);
          badges->warnings = g_string_new (NULL);
          g_hash_table_insert (self->badges, image, badges);
        }

      out = lk_dataset_finding_get_severity (finding) == LK_FINDING_SEVERITY_ERROR ? badges->errors
                                                                                  : badges->warnings;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lk_dataset_finding_get_message (finding));
    }
}

static void
bind_tile (LikenessDatasetPage *self,
           LikenessImageTile   *tile,
           LkDatasetImage      *image)
{
  Badges *badges = image ? g_hash_table_lookup (self->badges, image) : NULL;

  likeness_image_tile_set_image (tile, image,
                                 badges ? badges->errors->str : NULL,
                                 badges ? badges->warnings->str : NULL);
}

static void
show_toast (LikenessDatasetPage *self,
            const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  /* The latest outcome replaces an older toast instead of queueing. */
  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
update_summary (LikenessDatasetPage *self)
{
  guint n_images = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));
  guint n_errors = self->report ? lk_dataset_report_get_n_errors (self->report) : 0;
  guint n_warnings = self->report ? lk_dataset_report_get_n_warnings (self->report) : 0;
  g_autofree char *photos = NULL;
  g_autofree char *summary = NULL;

  /* Translators: the start of the readiness line, e.g. "14 photos". */
  photos = g_strdup_printf (ngettext ("%u photo", "%u photos", n_images), n_images);

  if (self->n_scans > 0)
    /* Translators: %s is "14 photos". */
    summary = g_strdup_printf (_("Looking for photos… %s so far"), photos);
  else if (n_errors > 0)
    {
      g_autofree char *problems = NULL;

      /* Translators: part of the readiness line. */
      problems = g_strdup_printf (ngettext ("%u problem to fix", "%u problems to fix", n_errors), n_errors);
      /* Translators: the readiness line: "14 photos", "2 problems to fix". */
      summary = g_strdup_printf (_("Not ready: %s, %s"), photos, problems);
    }
  else if (n_warnings > 0)
    {
      g_autofree char *warnings = NULL;

      /* Translators: part of the readiness line. */
      warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
      /* Translators: the readiness line: "14 photos", "3 warnings". */
      summary = g_strdup_printf (_("Ready to train: %s, %s"), photos, warnings);
    }
  else
    /* Translators: the readiness line; %s is "14 photos". */
    summary = g_strdup_printf (_("Ready to train: %s, no problems found"), photos);

  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_spinner), self->n_scans > 0);
  gtk_spinner_set_spinning (self->scan_spinner, self->n_scans > 0);
}

static void
update_stack (LikenessDatasetPage *self)
{
  guint n_images = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));

  /* The grid shows as soon as a scan starts, with the readiness line
   * saying that photos are being looked for: building the page is then
   * one frame, and the first tiles are another, instead of both at once. */
  if (n_images > 0 || self->n_scans > 0)
    gtk_stack_set_visible_child_name (self->stack, "photos");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  update_summary (self);
}

static void
fix_clicked_cb (LikenessDatasetPage *self,
                GtkButton           *button)
{
  LkDatasetFinding *finding = g_object_get_data (G_OBJECT (button), "finding");
  g_autoptr(LkDatasetFinding) keep = g_object_ref (finding);
  g_autofree char *new_trigger = NULL;
  g_autoptr(GError) error = NULL;

  if (!lk_dataset_finding_apply_fix (keep, self->dataset, self->trigger, &new_trigger, &error))
    {
      show_toast (self, error->message);
      return;
    }

  if (new_trigger != NULL)
    likeness_dataset_page_set_trigger (self, new_trigger);

  likeness_dataset_page_recheck (self);
}

static GtkWidget *
create_finding_row (gpointer item,
                    gpointer user_data)
{
  LikenessDatasetPage *self = user_data;
  LkDatasetFinding *finding = item;
  LkDatasetImage *image = lk_dataset_finding_get_image (finding);
  LkDatasetImage *other = lk_dataset_finding_get_other (finding);
  const char *fix_label = lk_dataset_finding_get_fix_label (finding);
  gboolean is_error = lk_dataset_finding_get_severity (finding) == LK_FINDING_SEVERITY_ERROR;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lk_dataset_finding_get_message (finding));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  if (image != NULL && other != NULL)
    {
      /* Translators: two file names of photos that look the same. */
      g_autofree char *subtitle = g_strdup_printf (_("%s and %s"),
                                                   lk_dataset_image_get_display_name (image),
                                                   lk_dataset_image_get_display_name (other));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else if (image != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lk_dataset_image_get_display_name (image));

  icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, is_error ? _("Problem") : _("Warning"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (fix_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (fix_label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "finding", g_object_ref (finding), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (fix_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  gtk_widget_add_css_class (row, is_error ? "finding-error" : "finding-warning");

  return row;
}

static gboolean
recheck_cb (gpointer user_data)
{
  LikenessDatasetPage *self = user_data;
  GHashTableIter iter;
  gpointer tile;

  self->recheck_source = 0;

  g_clear_object (&self->report);
  self->report = lk_dataset_check (G_LIST_MODEL (self->dataset), &self->constraints, self->trigger);
  collect_badges (self);

  /* While a scan streams in, only the summary and the badges follow; the
   * list of findings is built once the photos are all read. */
  if (self->n_scans == 0)
    {
      guint n_findings = g_list_model_get_n_items (G_LIST_MODEL (self->report));
      g_autoptr(GtkSliceListModel) shown = NULL;

      shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->report)), 0, MAX_FINDING_ROWS);
      gtk_list_box_bind_model (self->findings_list, G_LIST_MODEL (shown), create_finding_row, self, NULL);

      gtk_widget_set_visible (GTK_WIDGET (self->more_findings_label), n_findings > MAX_FINDING_ROWS);
      if (n_findings > MAX_FINDING_ROWS)
        {
          guint n_more = n_findings - MAX_FINDING_ROWS;
          /* Translators: %u is a number of findings not listed yet. */
          g_autofree char *more = g_strdup_printf (ngettext ("%u more finding appears as these are fixed.",
                                                             "%u more findings appear as these are fixed.",
                                                             n_more),
                                                   n_more);
          gtk_label_set_label (self->more_findings_label, more);
        }
    }

  /* Bound tiles keep the report they were bound with; give them the new one. */
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &tile, NULL))
    bind_tile (self, tile, likeness_image_tile_get_image (tile));

  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);

  return G_SOURCE_REMOVE;
}

static void
schedule_recheck (LikenessDatasetPage *self)
{
  if (self->recheck_source == 0)
    self->recheck_source = g_timeout_add (RECHECK_DELAY_MSEC, recheck_cb, self);
}

/**
 * likeness_dataset_page_recheck:
 * @self: a page
 *
 * Runs the doctor again now, e.g. after captions changed.
 */
void
likeness_dataset_page_recheck (LikenessDatasetPage *self)
{
  g_return_if_fail (LIKENESS_IS_DATASET_PAGE (self));

  g_clear_handle_id (&self->recheck_source, g_source_remove);
  recheck_cb (self);
}

static void
items_changed_cb (LikenessDatasetPage *self)
{
  update_stack (self);
  schedule_recheck (self);
}

static guint
count_usable (LikenessDatasetPage *self)
{
  guint n_usable = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->dataset)); i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (G_LIST_MODEL (self->dataset), i);

      n_usable += lk_dataset_image_is_usable (image);
    }

  return n_usable;
}

static void
add_files_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LikenessDatasetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_after;

  g_assert (self->n_scans > 0);
  self->n_scans--;

  n_after = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));

  if (!lk_dataset_add_files_finish (LK_DATASET (object), result, &error))
    {
      /* Cancelled by "Start Over" or by closing the window: stay quiet. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
    }
  else if (count_usable (self) == 0)
    show_toast (self, _("No photos found. Likeness reads JPEG, PNG and WebP images."));
  else if (n_after == self->n_before_scan)
    show_toast (self, _("These photos were already added."));

  if (self->n_scans == 0)
    {
      likeness_dataset_page_recheck (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  else
    update_stack (self);
}

void
likeness_dataset_page_add_files (LikenessDatasetPage *self,
                                 GFile * const       *files,
                                 guint                n_files)
{
  g_return_if_fail (LIKENESS_IS_DATASET_PAGE (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  if (self->n_scans++ == 0)
    self->n_before_scan = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));
  lk_dataset_add_files_async (self->dataset, files, n_files, self->cancellable,
                              add_files_cb, g_object_ref (self));
  update_stack (self);

  if (self->n_scans == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
likeness_dataset_page_clear (LikenessDatasetPage *self)
{
  g_return_if_fail (LIKENESS_IS_DATASET_PAGE (self));

  /* Running scans end with G_IO_ERROR_CANCELLED and lower n_scans. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  lk_dataset_clear (self->dataset);
  likeness_dataset_page_recheck (self);
}

LkDataset *
likeness_dataset_page_get_dataset (LikenessDatasetPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_DATASET_PAGE (self), NULL);

  return self->dataset;
}

LkDatasetReport *
likeness_dataset_page_get_report (LikenessDatasetPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_DATASET_PAGE (self), NULL);

  return self->report;
}

gboolean
likeness_dataset_page_get_busy (LikenessDatasetPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_DATASET_PAGE (self), FALSE);

  return self->n_scans > 0;
}

const char *
likeness_dataset_page_get_trigger (LikenessDatasetPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_DATASET_PAGE (self), NULL);

  return self->trigger;
}

void
likeness_dataset_page_set_trigger (LikenessDatasetPage *self,
                                   const char          *trigger)
{
  g_return_if_fail (LIKENESS_IS_DATASET_PAGE (self));

  if (lk_set_str (&self->trigger, trigger))
    {
      schedule_recheck (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER]);
    }
}

void
likeness_dataset_page_set_constraints (LikenessDatasetPage        *self,
                                       const LkTrainerConstraints *constraints)
{
  g_return_if_fail (LIKENESS_IS_DATASET_PAGE (self));
  g_return_if_fail (constraints != NULL);

  self->constraints = *constraints;
  schedule_recheck (self);
}

/* Captions */

static LkDatasetImage *
selected_image (LikenessDatasetPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
selection_changed_cb (LikenessDatasetPage *self)
{
  LkDatasetImage *image = selected_image (self);
  const char *caption = image ? lk_dataset_image_get_caption (image) : NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->caption_row), image != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->caption_row), caption ? caption : "");
  adw_preferences_group_set_description (self->caption_group,
                                         image ? lk_dataset_image_get_display_name (image)
                                               : _("Select a photo to edit its caption."));
}

static void
caption_apply_cb (LikenessDatasetPage *self)
{
  LkDatasetImage *image = selected_image (self);

  if (image == NULL)
    return;

  lk_caption_store_set_caption (self->captions, image,
                                gtk_editable_get_text (GTK_EDITABLE (self->caption_row)));
  likeness_dataset_page_recheck (self);
}

static void
grid_activate_cb (LikenessDatasetPage *self,
                  guint                position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->caption_row));
}

static void
prefix_trigger_cb (LikenessDatasetPage *self)
{
  guint n;
  g_autofree char *message = NULL;

  n = lk_caption_store_prefix_trigger (self->captions, G_LIST_MODEL (self->dataset), self->trigger);
  /* Translators: %u is a number of captions. */
  message = g_strdup_printf (ngettext ("The trigger word was added to %u caption.",
                                       "The trigger word was added to %u captions.", n), n);
  show_toast (self, message);
  selection_changed_cb (self);
  likeness_dataset_page_recheck (self);
}

static void
replace_cb (LikenessDatasetPage *self)
{
  const char *find = gtk_editable_get_text (GTK_EDITABLE (self->find_row));
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_row));
  g_autofree char *message = NULL;
  guint n;

  if (*find == '\0')
    {
      show_toast (self, _("Type the text to find first."));
      return;
    }

  n = lk_caption_store_replace (self->captions, G_LIST_MODEL (self->dataset), find, replacement);
  /* Translators: %u is a number of captions. */
  message = g_strdup_printf (ngettext ("%u caption changed.", "%u captions changed.", n), n);
  show_toast (self, message);
  selection_changed_cb (self);
  likeness_dataset_page_recheck (self);
}

static void
save_for_task_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lk_caption_store_save_finish (LK_CAPTION_STORE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Captions edited here are only in memory until saved; a job reads the
 * caption files again, so the window saves before it starts one. */
void
likeness_dataset_page_save_captions_async (LikenessDatasetPage *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIKENESS_IS_DATASET_PAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, likeness_dataset_page_save_captions_async);
  lk_caption_store_save_async (self->captions, G_LIST_MODEL (self->dataset),
                               cancellable, save_for_task_cb, task);
}

gboolean
likeness_dataset_page_save_captions_finish (LikenessDatasetPage  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (LIKENESS_IS_DATASET_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_captions_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LikenessDatasetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_saved = 0;

  if (!lk_caption_store_save_finish (LK_CAPTION_STORE (object), result, &n_saved, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  /* Translators: %u is a number of caption files written. */
  message = g_strdup_printf (ngettext ("%u caption saved next to its photo.",
                                       "%u captions saved next to their photos.", n_saved), n_saved);
  show_toast (self, message);
}

static void
save_clicked_cb (LikenessDatasetPage *self)
{
  lk_caption_store_save_async (self->captions, G_LIST_MODEL (self->dataset), self->cancellable,
                               save_captions_cb, g_object_ref (self));
}

/* The grid */

static void
tile_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LikenessDatasetPage      *self)
{
  gtk_list_item_set_child (item, likeness_image_tile_new ());
}

static void
tile_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LikenessDatasetPage      *self)
{
  GtkWidget *tile = gtk_list_item_get_child (item);

  bind_tile (self, LIKENESS_IMAGE_TILE (tile), gtk_list_item_get_item (item));
  g_hash_table_add (self->tiles, tile);
}

static void
tile_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LikenessDatasetPage      *self)
{
  GtkWidget *tile = gtk_list_item_get_child (item);

  g_hash_table_remove (self->tiles, tile);
  likeness_image_tile_set_image (LIKENESS_IMAGE_TILE (tile), NULL, NULL, NULL);
}

/* Scans hold a reference to the page: they stop when the window closes. */
static void
likeness_dataset_page_unrealize (GtkWidget *widget)
{
  LikenessDatasetPage *self = LIKENESS_DATASET_PAGE (widget);

  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (likeness_dataset_page_parent_class)->unrealize (widget);
}

static void
likeness_dataset_page_dispose (GObject *object)
{
  LikenessDatasetPage *self = LIKENESS_DATASET_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->recheck_source, g_source_remove);
  if (self->tiles != NULL)
    g_hash_table_remove_all (self->tiles);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_DATASET_PAGE);
  /* The template's top box is not a bound child, so it is left to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (likeness_dataset_page_parent_class)->dispose (object);
}

static void
likeness_dataset_page_finalize (GObject *object)
{
  LikenessDatasetPage *self = LIKENESS_DATASET_PAGE (object);

  g_clear_object (&self->report);
  g_clear_object (&self->captions);
  g_clear_object (&self->dataset);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->badges, g_hash_table_unref);
  g_clear_pointer (&self->trigger, g_free);

  G_OBJECT_CLASS (likeness_dataset_page_parent_class)->finalize (object);
}

static void
likeness_dataset_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LikenessDatasetPage *self = LIKENESS_DATASET_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_scans > 0);
      break;

    case PROP_TRIGGER:
      g_value_set_string (value, self->trigger);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_dataset_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LikenessDatasetPage *self = LIKENESS_DATASET_PAGE (object);

  switch (prop_id)
    {
    case PROP_TRIGGER:
      likeness_dataset_page_set_trigger (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_dataset_page_class_init (LikenessDatasetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_dataset_page_dispose;
  object_class->finalize = likeness_dataset_page_finalize;
  object_class->get_property = likeness_dataset_page_get_property;
  object_class->set_property = likeness_dataset_page_set_property;

  widget_class->unrealize = likeness_dataset_page_unrealize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRIGGER] =
    g_param_spec_string ("trigger", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, LK_TYPE_DATASET_REPORT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/likeness-dataset-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, scan_spinner);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, flap);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, grid_view);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, findings_list);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, more_findings_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, caption_group);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, caption_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, find_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessDatasetPage, replace_row);
  gtk_widget_class_bind_template_callback (widget_class, caption_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, prefix_trigger_cb);
  gtk_widget_class_bind_template_callback (widget_class, replace_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
likeness_dataset_page_init (LikenessDatasetPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autofree char *journal_path = NULL;
  g_autoptr(GFile) journal = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->dataset = lk_dataset_new ();
  lk_dataset_set_background (self->dataset, TRUE);
  self->cancellable = g_cancellable_new ();
  self->tiles = g_hash_table_new (NULL, NULL);
  self->badges = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) badges_free);
  self->trigger = lk_trigger_new ();
  lk_trainer_constraints_init_default (&self->constraints);

  /* Unsaved caption edits survive a crash in the user's state folder. */
  journal_path = g_build_filename (g_get_user_state_dir (), "likeness", "captions.journal", NULL);
  journal = g_file_new_for_path (journal_path);
  self->captions = lk_caption_store_new (journal);

  adw_status_page_set_icon_name (self->empty_page, "io.github.likeness.Likeness");

  /* In the order the scan finds them: a GtkSortListModel here made the
   * grid (GTK 4.8) build a tile for every photo on each insertion. */
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->dataset)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->selection);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (tile_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (tile_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (tile_unbind_cb), self);
  gtk_grid_view_set_factory (self->grid_view, factory);

  g_signal_connect_object (self->dataset, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  selection_changed_cb (self);
  likeness_dataset_page_recheck (self);
}
