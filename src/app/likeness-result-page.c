/* likeness-result-page.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-result-page"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-actions.h"
#include "likeness-compat.h"
#include "likeness-image-viewer.h"
#include "likeness-result-page.h"
#include "likeness-sample.h"

/*
 * The Result step of a finished LkJob: where the model is, the prompt to
 * use it with, and the sample grid (LkSampleGrid: each prompt at each LoRA
 * scale). Samples are paid inference calls, so the grid is made only when
 * asked, after a confirmation that shows the price; images already on disk
 * are shown at once, read in worker threads.
 *
 * What starts another training (variants, continue, clone) needs the
 * window's job list, so those rows activate the window actions named in
 * likeness-actions.h with the job id as target.
 */

struct _LikenessResultPage
{
  AdwBin            parent_instance;

  LkFalClient      *client;          /* (owned) (nullable) */
  LkJob            *job;             /* (owned) (nullable) */
  GSignalGroup     *job_signals;     /* (owned) */
  LkSampleGrid     *grid;            /* (owned) (nullable): the grid shown */
  LkSampleGrid     *pending_grid;    /* (owned) (nullable): awaiting confirmation */
  GListStore       *samples;         /* (owned) (element-type LikenessSample) */
  GCancellable     *cancellable;     /* (owned): for the page's life and job */
  GCancellable     *run_cancellable; /* (owned) (nullable): the grid being made */
  AdwMessageDialog *confirm_dialog;  /* (nullable) */

  /* Template widgets. */
  GtkLabel         *name_label;
  AdwActionRow     *folder_row;
  AdwActionRow     *prompt_row;
  AdwPreferencesGroup *samples_group;
  GtkButton        *make_samples_button;
  GtkBox           *busy_box;
  GtkSpinner       *spinner;
  GtkLabel         *busy_label;
  GtkLabel         *samples_message;
  GtkLabel         *prompts_label;
  GtkFlowBox       *sample_box;
  AdwEntryRow      *try_row;
  AdwActionRow     *variants_row;
  AdwActionRow     *continue_row;
  AdwActionRow     *clone_row;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_JOB,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessResultPage, likeness_result_page, ADW_TYPE_BIN)

/* Sample cells */

/* Cells are square at any width: the flow box shares the width out and
 * asks for the height that goes with it. */
#define CELL_MIN_SIZE 96
#define CELL_NAT_SIZE 360

static GtkSizeRequestMode
square_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
square_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int child_min = 0, child_nat = 0;

  if (child != NULL)
    gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (child_min, CELL_MIN_SIZE);
      *natural = MAX (*minimum, CELL_NAT_SIZE);
    }
  else
    {
      int side = for_size >= 0 ? for_size : CELL_NAT_SIZE;

      *minimum = *natural = MAX (side, child_min);
    }
}

static void
square_allocate (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
cell_texture_cb (GtkPicture     *picture,
                 GParamSpec     *pspec,
                 LikenessSample *sample)
{
  GdkTexture *texture = likeness_sample_get_texture (sample);
  GtkWidget *empty_icon = g_object_get_data (G_OBJECT (picture), "empty-icon");

  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (empty_icon, texture == NULL);
}

static GtkWidget *
create_cell (gpointer item,
             gpointer user_data)
{
  LikenessSample *sample = item;
  g_autofree char *caption = likeness_sample_dup_caption (sample);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *square = adw_bin_new ();
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *empty_icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_set_size_request (picture, CELL_MIN_SIZE, CELL_MIN_SIZE);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), likeness_sample_get_prompt (sample));
  gtk_widget_add_css_class (picture, "card");
  gtk_widget_add_css_class (picture, "likeness-sample");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);

  gtk_image_set_pixel_size (GTK_IMAGE (empty_icon), 48);
  gtk_widget_add_css_class (empty_icon, "dim-label");
  gtk_widget_set_can_target (empty_icon, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), empty_icon);
  g_object_set_data (G_OBJECT (picture), "empty-icon", empty_icon);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  adw_bin_set_child (ADW_BIN (square), overlay);
  gtk_widget_set_layout_manager (square, gtk_custom_layout_new (square_request_mode, square_measure,
                                                                square_allocate));
  gtk_box_append (GTK_BOX (box), square);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_tooltip_text (box, likeness_sample_get_prompt (sample));

  g_signal_connect_object (sample, "notify::texture", G_CALLBACK (cell_texture_cb), picture,
                           G_CONNECT_SWAPPED);
  cell_texture_cb (GTK_PICTURE (picture), NULL, sample);

  return box;
}

/* The grid */

static gboolean
is_busy (LikenessResultPage *self)
{
  return self->run_cancellable != NULL;
}

static gboolean
all_loaded (LikenessResultPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->samples));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LikenessSample) sample = g_list_model_get_item (G_LIST_MODEL (self->samples), i);

      if (likeness_sample_get_texture (sample) == NULL)
        return FALSE;
    }

  return n_items > 0;
}

static void
update_actions (LikenessResultPage *self)
{
  gboolean done = self->job != NULL && lk_job_get_phase (self->job) == LK_JOB_PHASE_DONE;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->try_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_RESULT_OPEN_FOLDER,
                                 self->job != NULL && lk_job_get_result_folder (self->job) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_RESULT_COPY_PROMPT, self->job != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_RESULT_MAKE_SAMPLES,
                                 self->grid != NULL && self->client != NULL && !is_busy (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_RESULT_STOP_SAMPLES, is_busy (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_RESULT_TRY_PROMPT,
                                 self->grid != NULL && self->client != NULL && !is_busy (self) &&
                                 *stripped != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_RESULT_VIEW_SAMPLE,
                                 g_list_model_get_n_items (G_LIST_MODEL (self->samples)) > 0);

  /* Once every image is there, making the grid again would cost nothing
   * and change nothing. */
  gtk_widget_set_visible (GTK_WIDGET (self->make_samples_button), self->grid != NULL && !all_loaded (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->variants_row), done);
  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_row), done);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clone_row), self->job != NULL);
}

static void
show_samples_message (LikenessResultPage *self,
                      const char         *message)
{
  gtk_label_set_label (self->samples_message, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->samples_message), message != NULL);
}

/* Fills the sample list from @grid: prompts × scales, in the file names
 * LkSampleGrid saves them under, and starts reading those already made. */
static void
show_grid (LikenessResultPage *self,
           LkSampleGrid       *grid)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) listing = g_string_new (NULL);
  const char * const *prompts;
  const double *scales;
  guint n_scales;

  g_set_object (&self->grid, grid);

  if (grid != NULL)
    {
      prompts = lk_sample_grid_get_prompts (grid);
      scales = lk_sample_grid_get_scales (grid, &n_scales);

      for (guint i = 0; prompts[i] != NULL; i++)
        {
          g_string_append_printf (listing, "%s%u. %s", i > 0 ? "\n" : "", i + 1, prompts[i]);

          for (guint j = 0; j < n_scales; j++)
            {
              g_autofree char *name = g_strdup_printf ("p%u-s%03d.jpg", i + 1, (int) (scales[j] * 100 + 0.5));
              g_autofree char *path = g_build_filename (lk_sample_grid_get_folder (grid), name, NULL);

              g_ptr_array_add (items, likeness_sample_new (i, prompts[i], scales[j], path));
            }
        }
    }

  gtk_label_set_label (self->prompts_label, listing->str);
  gtk_widget_set_visible (GTK_WIDGET (self->prompts_label), listing->len > 0);

  g_list_store_splice (self->samples, 0, g_list_model_get_n_items (G_LIST_MODEL (self->samples)),
                       items->pdata, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      LikenessSample *sample = g_ptr_array_index (items, i);

      g_signal_connect_object (sample, "notify::texture", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      likeness_sample_load (sample, self->cancellable);
    }

  update_actions (self);
}

static void
set_busy (LikenessResultPage *self,
          GCancellable       *cancellable)
{
  if (cancellable != NULL)
    {
      g_autofree char *text = NULL;
      guint n = lk_sample_grid_get_n_images (self->pending_grid);

      /* Translators: while the sample images are made at fal. */
      text = g_strdup_printf (ngettext ("Making %u sample at fal…", "Making %u samples at fal…", n), n);
      gtk_label_set_label (self->busy_label, text);
    }

  g_set_object (&self->run_cancellable, cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_box), cancellable != NULL);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LikenessResultPage) self = user_data;
  LkSampleGrid *grid = LK_SAMPLE_GRID (object);
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;

  paths = lk_sample_grid_run_finish (grid, result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_object (&self->pending_grid);
  set_busy (self, NULL);

  if (paths == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup (_("Stopped. The samples made so far are kept."));
      else
        /* Translators: %s says why the sample images could not be made. */
        message = g_strdup_printf (_("The samples could not be made: %s"), error->message);
      show_samples_message (self, message);
    }
  else
    show_samples_message (self, NULL);

  /* Show the grid that ran, with what it saved (all of it, or part). */
  show_grid (self, grid);
}

static void
run_pending (LikenessResultPage *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  show_samples_message (self, NULL);
  set_busy (self, cancellable);
  lk_sample_grid_run_async (self->pending_grid, cancellable, run_cb, g_object_ref (self));
}

static void
confirm_response_cb (LikenessResultPage *self,
                     const char         *response,
                     AdwMessageDialog   *dialog)
{
  self->confirm_dialog = NULL;

  if (g_strcmp0 (response, "make") == 0 && self->pending_grid != NULL && !is_busy (self))
    run_pending (self);
  else
    g_clear_object (&self->pending_grid);
}

/* Asks before @grid runs at fal, with what it costs. */
static void
confirm_grid (LikenessResultPage *self,
              LkSampleGrid       *grid,
              const char         *heading)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint n = lk_sample_grid_get_n_images (grid);
  double cost = lk_sample_grid_estimate_cost (grid);
  g_autofree char *body = NULL;
  g_autofree char *images = NULL;
  GtkWidget *dialog;

  if (self->confirm_dialog != NULL)
    return;

  g_set_object (&self->pending_grid, grid);

  /* Translators: the start of the sample confirmation, e.g. "9 images will be made at fal". */
  images = g_strdup_printf (ngettext ("%u image will be made at fal.", "%u images will be made at fal.", n), n);
  if (cost >= 0.0)
    {
      g_autofree char *price = lk_format_usd (cost);

      /* Translators: the first %s is the number of images ("9 images will be made at fal."), the second a price. */
      body = g_strdup_printf (_("%s This costs about %s, billed to your fal account."), images, price);
    }
  else
    /* Translators: %s is the number of images ("9 images will be made at fal."). */
    body = g_strdup_printf (_("%s fal does not publish a price for this model, so the cost is unknown."), images);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "make", _("_Make Samples"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "make", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "make");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, G_CONNECT_SWAPPED);

  self->confirm_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  if (self->job == NULL || lk_job_get_result_folder (self->job) == NULL)
    return;

  folder = g_file_new_for_path (lk_job_get_result_folder (self->job));
  uri = g_file_get_uri (folder);
  likeness_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri);
}

static void
copy_prompt_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (widget);
  g_autofree char *prompt = NULL;

  if (self->job == NULL)
    return;

  prompt = lk_job_dup_prompt (self->job);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), prompt);
}

static void
make_samples_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (widget);

  if (self->grid == NULL || is_busy (self))
    return;

  confirm_grid (self, self->grid, _("Make Samples?"));
}

static void
stop_samples_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (widget);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

static void
try_prompt_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (widget);
  g_autofree char *prompt = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(LkSampleGrid) grid = NULL;
  g_autoptr(GError) error = NULL;

  if (self->job == NULL || self->client == NULL || is_busy (self))
    return;

  prompt = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->try_row))));
  if (*prompt == '\0')
    return;

  record = lk_job_dup_record (self->job);
  grid = lk_sample_grid_new (self->client, record, &error);
  if (grid == NULL)
    {
      show_samples_message (self, error->message);
      return;
    }

  /* Each prompt gets a folder of its own, so its images never take the
   * place of the preset grid's (LkSampleGrid skips files already there). */
  lk_sample_grid_add_prompt (grid, prompt, TRUE);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, lk_sample_grid_get_prompts (grid)[0], -1);
  checksum[12] = '\0';
  folder = g_build_filename (lk_sample_grid_get_folder (grid), checksum, NULL);
  lk_sample_grid_set_folder (grid, folder);

  confirm_grid (self, grid, _("Try This Prompt?"));
}

static void
view_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  guint position = g_variant_get_uint32 (parameter);
  LikenessImageViewer *viewer;
  guint n_scales = 3;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->samples)))
    return;

  if (self->grid != NULL)
    lk_sample_grid_get_scales (self->grid, &n_scales);

  viewer = likeness_image_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      G_LIST_MODEL (self->samples), n_scales);
  likeness_image_viewer_set_position (viewer, position);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
sample_activated_cb (LikenessResultPage *self,
                     GtkFlowBoxChild    *child)
{
  gtk_widget_activate_action (GTK_WIDGET (self), LIKENESS_RESULT_VIEW_SAMPLE, "u",
                              (guint32) gtk_flow_box_child_get_index (child));
}

static void
try_row_activated_cb (LikenessResultPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), LIKENESS_RESULT_TRY_PROMPT, NULL);
}

static void
try_row_changed_cb (LikenessResultPage *self)
{
  update_actions (self);
}

/* The job */

static void
update_job (LikenessResultPage *self)
{
  g_autoptr(LkSampleGrid) grid = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;
  const char *folder;
  GVariant *target;

  if (self->job == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      adw_action_row_set_subtitle (self->folder_row, "");
      adw_action_row_set_subtitle (self->prompt_row, "");
      show_samples_message (self, NULL);
      show_grid (self, NULL);
      return;
    }

  gtk_label_set_label (self->name_label, lk_job_get_name (self->job));

  folder = lk_job_get_result_folder (self->job);
  adw_action_row_set_subtitle (self->folder_row, folder ? folder : _("Not downloaded"));

  prompt = lk_job_dup_prompt (self->job);
  adw_action_row_set_subtitle (self->prompt_row, prompt);

  target = g_variant_ref_sink (g_variant_new_int64 (lk_job_get_id (self->job)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->variants_row), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->continue_row), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->clone_row), target);
  g_variant_unref (target);

  if (self->client != NULL && lk_job_get_phase (self->job) == LK_JOB_PHASE_DONE)
    {
      g_autoptr(LkJobRecord) record = lk_job_dup_record (self->job);

      grid = lk_sample_grid_new (self->client, record, &error);
    }

  show_samples_message (self, error ? error->message : NULL);
  show_grid (self, grid);
}

/* GObject */

static void
likeness_result_page_dispose (GObject *object)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  self->confirm_dialog = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_RESULT_PAGE);

  if (self->job_signals != NULL)
    g_signal_group_set_target (self->job_signals, NULL);
  g_clear_object (&self->job);
  g_clear_object (&self->client);
  g_clear_object (&self->grid);
  g_clear_object (&self->pending_grid);
  g_clear_object (&self->run_cancellable);

  G_OBJECT_CLASS (likeness_result_page_parent_class)->dispose (object);
}

static void
likeness_result_page_finalize (GObject *object)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (object);

  g_clear_object (&self->samples);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job_signals);

  G_OBJECT_CLASS (likeness_result_page_parent_class)->finalize (object);
}

static void
likeness_result_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_result_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LikenessResultPage *self = LIKENESS_RESULT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      likeness_result_page_set_client (self, g_value_get_object (value));
      break;

    case PROP_JOB:
      likeness_result_page_set_job (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_result_page_class_init (LikenessResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_result_page_dispose;
  object_class->finalize = likeness_result_page_finalize;
  object_class->get_property = likeness_result_page_get_property;
  object_class->set_property = likeness_result_page_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_FAL_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, LK_TYPE_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/likeness/Likeness/ui/likeness-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, prompt_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, samples_group);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, make_samples_button);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, samples_message);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, prompts_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, sample_box);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, try_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, variants_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, continue_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessResultPage, clone_row);
  gtk_widget_class_bind_template_callback (widget_class, sample_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, try_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, try_row_changed_cb);

  gtk_widget_class_install_action (widget_class, LIKENESS_RESULT_OPEN_FOLDER, NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_RESULT_COPY_PROMPT, NULL, copy_prompt_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_RESULT_MAKE_SAMPLES, NULL, make_samples_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_RESULT_STOP_SAMPLES, NULL, stop_samples_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_RESULT_TRY_PROMPT, NULL, try_prompt_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_RESULT_VIEW_SAMPLE, "u", view_sample_action);
}

static void
likeness_result_page_init (LikenessResultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->samples = g_list_store_new (LIKENESS_TYPE_SAMPLE);
  gtk_flow_box_bind_model (self->sample_box, G_LIST_MODEL (self->samples), create_cell, NULL, NULL);

  /* The window may show a job here before it is done; the page fills in
   * when the result is on disk. */
  self->job_signals = g_signal_group_new (LK_TYPE_JOB);
  g_signal_group_connect_swapped (self->job_signals, "notify::phase", G_CALLBACK (update_job), self);
  g_signal_group_connect_swapped (self->job_signals, "notify::result-folder", G_CALLBACK (update_job), self);

  update_job (self);
}

/**
 * likeness_result_page_new:
 * @client: (nullable): the fal client the samples are made with
 *
 * Returns: (transfer floating): a new result page
 */
GtkWidget *
likeness_result_page_new (LkFalClient *client)
{
  return g_object_new (LIKENESS_TYPE_RESULT_PAGE, "client", client, NULL);
}

LkFalClient *
likeness_result_page_get_client (LikenessResultPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_RESULT_PAGE (self), NULL);
  return self->client;
}

void
likeness_result_page_set_client (LikenessResultPage *self,
                                 LkFalClient        *client)
{
  g_return_if_fail (LIKENESS_IS_RESULT_PAGE (self));
  g_return_if_fail (!client || LK_IS_FAL_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  update_job (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * likeness_result_page_get_job:
 * @self: a result page
 *
 * Returns: (transfer none) (nullable): the job shown
 */
LkJob *
likeness_result_page_get_job (LikenessResultPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_RESULT_PAGE (self), NULL);
  return self->job;
}

void
likeness_result_page_set_job (LikenessResultPage *self,
                              LkJob              *job)
{
  g_return_if_fail (LIKENESS_IS_RESULT_PAGE (self));
  g_return_if_fail (!job || LK_IS_JOB (job));

  if (!g_set_object (&self->job, job))
    return;

  /* A grid still running or asked about belongs to the job shown before. */
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  self->confirm_dialog = NULL;
  g_clear_object (&self->pending_grid);

  gtk_editable_set_text (GTK_EDITABLE (self->try_row), "");
  g_signal_group_set_target (self->job_signals, job);
  update_job (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

/**
 * likeness_result_page_get_samples:
 * @self: a result page
 *
 * Returns: (transfer none): the grid's samples (#LikenessSample), prompts
 *   × scales, row by row
 */
GListModel *
likeness_result_page_get_samples (LikenessResultPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_RESULT_PAGE (self), NULL);
  return G_LIST_MODEL (self->samples);
}

/**
 * likeness_result_page_get_busy:
 * @self: a result page
 *
 * Returns: whether samples are being made at fal
 */
gboolean
likeness_result_page_get_busy (LikenessResultPage *self)
{
  g_return_val_if_fail (LIKENESS_IS_RESULT_PAGE (self), FALSE);
  return is_busy (self);
}
