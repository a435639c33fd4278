/* test-window.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole flow through the real window, its actions and widgets: drop a
 * folder, read the doctor's findings, fix one, pick a trainer from the
 * comparison, see an invalid value stop Start with its reason, start
 * against the in-process fake fal, and land on the Training step. Also the
 * 360 px fold. Every wait is on widget state, with a bound.
 */

#include "config.h"

#include "dataset-fixtures.h"
#include "likeness-test-display.h"
#include "likeness-compare-page.h"
#include "likeness-dataset-page.h"
#include "likeness-image-tile.h"
#include "likeness-param-form.h"
#include "likeness-trainer-card.h"
#include "likeness-window.h"
#include "lk-fake-fal.h"

#define PORTRAIT_TRAINER "fal-ai/flux-lora-portrait-trainer"
#define FAST_TRAINER     "fal-ai/flux-lora-fast-training"

typedef struct
{
  char           *dir;       /* The photos; removed by the fixture. */
  char           *state;     /* Store and downloads; removed by the fixture. */
  LikenessWindow *window;
  LkFakeFal      *fake;
  LkFalClient    *client;
  LkJobStore     *store;
  LkJobManager   *manager;
} Fixture;

static GtkWidget *
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

#define WINDOW_CHILD(f, name)  child (GTK_WIDGET ((f)->window), LIKENESS_TYPE_WINDOW, name)
#define DATASET_CHILD(f, name) child (WINDOW_CHILD (f, "dataset_page"), LIKENESS_TYPE_DATASET_PAGE, name)
#define COMPARE_CHILD(f, name) child (WINDOW_CHILD (f, "compare_page"), LIKENESS_TYPE_COMPARE_PAGE, name)

/* Twelve distinct photos big enough for every trainer, one exact copy and
 * one too small: the doctor has two findings to report. */
static void
write_dataset (const char *dir)
{
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (640, 640, i + 1);
      g_autoptr(GBytes) jpeg = fixture_jpeg (pixbuf, 85, 1, FIXTURE_EXIF_NONE);
      g_autofree char *name = g_strdup_printf ("photo-%02u.jpg", i);

      fixture_write (dir, name, jpeg);
      if (i == 0)
        fixture_write (dir, "copy-of-photo-00.jpg", jpeg);
    }

  {
    g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (300, 300, 99);
    g_autoptr(GBytes) png = fixture_png (pixbuf, FALSE);

    fixture_write (dir, "tiny.png", png);
  }
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* What GTK does when files are let go over the window. */
static gboolean
drop_files (LikenessWindow *window,
            GFile         **files,
            guint           n_files)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *list = NULL;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);

  for (guint i = n_files; i > 0; i--)
    list = g_slist_prepend (list, files[i - 1]);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);

  return accepted;
}

static void
drop_dataset (Fixture *fixture)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);

  g_assert_true (drop_files (fixture->window, &folder, 1));
  g_assert_true (likeness_window_get_busy (fixture->window));
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));
}

/* The finding rows in the doctor's list, whose title starts with @prefix. */
static AdwActionRow *
find_finding_row (Fixture    *fixture,
                  const char *prefix)
{
  GtkWidget *list = DATASET_CHILD (fixture, "findings_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) &&
        g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), prefix))
      return ADW_ACTION_ROW (row);

  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static LikenessTrainerCard *
find_card (Fixture    *fixture,
           const char *trainer_id)
{
  GtkWidget *box = COMPARE_CHILD (fixture, "cards_box");

  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      LikenessTrainerCard *card = LIKENESS_TRAINER_CARD (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c)));

      if (g_strcmp0 (lk_trainer_get_id (likeness_trainer_card_get_trainer (card)), trainer_id) == 0)
        return card;
    }

  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("likeness-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->state = g_dir_make_tmp ("likeness-test-state-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (likeness_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* A job manager on the in-process fake, as the application builds one. */
static void
fake_fixture_set_up (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *db = NULL;
  g_autofree char *models = NULL;

  fixture->fake = lk_fake_fal_new ();
  g_assert_true (lk_fake_fal_start (fixture->fake, &error));
  g_assert_no_error (error);
  g_assert_true (lk_fake_fal_configure (fixture->fake,
                                        "{\"timing\":{\"queue_ms\":50,\"progress_ms\":300,\"log_interval_ms\":20}}"));

  urls = g_strdup_printf ("queue=%s,rest=%s",
                          lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_QUEUE),
                          lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_REST));
  g_setenv (LK_FAL_URLS_ENV, urls, TRUE);

  fixture_set_up (fixture, user_data);

  fixture->client = lk_fal_client_new ();
  lk_fal_client_set_key (fixture->client, LK_FAKE_FAL_KEY);
  db = g_build_filename (fixture->state, "jobs.db", NULL);
  fixture->store = lk_job_store_new_sync (db, NULL, &error);
  g_assert_no_error (error);
  fixture->manager = lk_job_manager_new (fixture->client, fixture->store);
  models = g_build_filename (fixture->state, "models", NULL);
  lk_job_manager_set_download_folder (fixture->manager, models);

  likeness_window_set_job_manager (fixture->window, fixture->manager);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->fake);

  likeness_test_remove_tree (fixture->dir);
  likeness_test_remove_tree (fixture->state);
  g_free (fixture->dir);
  g_free (fixture->state);
}

static void
test_window_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkStack *stack = GTK_STACK (DATASET_CHILD (fixture, "stack"));
  GtkStack *jobs_stack = GTK_STACK (WINDOW_CHILD (fixture, "jobs_stack"));
  AdwViewStack *steps = ADW_VIEW_STACK (WINDOW_CHILD (fixture, "view_stack"));

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (steps), ==, "photos");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (jobs_stack), ==, "empty");
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window), "Drop Photos Here"));

  /* Nothing to train on: Start says so instead of doing nothing. */
  g_assert_false (gtk_widget_get_sensitive (COMPARE_CHILD (fixture, "start_button")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (COMPARE_CHILD (fixture, "start_reason_label"))), ==,
                   "Add photos on the Photos step first.");

  /* The steps can be visited freely, by action as by Alt+number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-step", "s", "training"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (steps), ==, "training");
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window), "No Training Running"));
}

static void
test_window_drop_folder (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkGridView *grid = GTK_GRID_VIEW (DATASET_CHILD (fixture, "grid_view"));
  GListModel *model;
  AdwActionRow *copy_row;
  AdwActionRow *small_row;
  GtkWidget *fix_button;
  GtkWidget *tile;

  write_dataset (fixture->dir);
  drop_dataset (fixture);

  model = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 14);
  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 14);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (DATASET_CHILD (fixture, "stack"))), ==, "photos");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (DATASET_CHILD (fixture, "summary_label"))), ==,
                   "Ready to train: 14 photos, 2 warnings");

  /* The doctor's findings, each with its one-click fix. */
  copy_row = find_finding_row (fixture, "This is an exact copy of");
  small_row = find_finding_row (fixture, "The image is only 300×300 pixels");
  g_assert_nonnull (copy_row);
  g_assert_nonnull (small_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (small_row), ==, "tiny.png");

  /* The tiles carry the badges: at least the tiny photo's is drawn. */
  tile = find_descendant (GTK_WIDGET (grid), LIKENESS_TYPE_IMAGE_TILE);
  g_assert_nonnull (tile);

  fix_button = find_descendant (GTK_WIDGET (copy_row), GTK_TYPE_BUTTON);
  g_assert_nonnull (fix_button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (fix_button)), ==, "Remove From Dataset");
  g_signal_emit_by_name (fix_button, "clicked");

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  g_assert_null (find_finding_row (fixture, "This is an exact copy of"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (DATASET_CHILD (fixture, "summary_label"))), ==,
                   "Ready to train: 13 photos, 1 warning");

  /* A caption, one photo at a time, then for every photo at once. */
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_grid_view_get_model (grid));
    GtkWidget *page = WINDOW_CHILD (fixture, "dataset_page");
    GtkWidget *caption_row = DATASET_CHILD (fixture, "caption_row");
    const char *trigger = likeness_dataset_page_get_trigger (LIKENESS_DATASET_PAGE (page));
    g_autofree char *expected = NULL;
    LkDatasetImage *first;

    gtk_single_selection_set_selected (selection, 0);
    first = gtk_single_selection_get_selected_item (selection);
    g_assert_true (gtk_widget_get_sensitive (caption_row));
    gtk_editable_set_text (GTK_EDITABLE (caption_row), "a photo on a beach");
    g_signal_emit_by_name (caption_row, "apply");
    g_assert_cmpstr (lk_dataset_image_get_caption (first), ==, "a photo on a beach");

    g_signal_emit_by_name (find_button (page, "_Add"), "clicked");
    expected = g_strdup_printf ("%s, a photo on a beach", trigger);
    g_assert_cmpstr (lk_dataset_image_get_caption (first), ==, expected);
    g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window),
                                             "The trigger word was added to 13 captions."));

    gtk_editable_set_text (GTK_EDITABLE (DATASET_CHILD (fixture, "find_row")), "beach");
    gtk_editable_set_text (GTK_EDITABLE (DATASET_CHILD (fixture, "replace_row")), "lake");
    g_signal_emit_by_name (find_button (page, "_Replace All"), "clicked");
    g_assert_true (g_str_has_suffix (lk_dataset_image_get_caption (first), "a photo on a lake"));
    g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window), "1 caption changed."));
  }

  /* Dropping a photo that is already there adds nothing, and says so. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "photo-01.jpg", NULL);
    g_autoptr(GFile) photo = g_file_new_for_path (path);

    g_assert_true (drop_files (fixture->window, &photo, 1));
    LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));
  }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window), "These photos were already added."));

  /* "Start Over" empties the dataset. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-photos", NULL));
  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (DATASET_CHILD (fixture, "stack"))), ==, "empty");
}

static void
test_window_drop_unsupported (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "scan.pdf", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "%PDF-1.4\n", -1, NULL));
  g_assert_true (drop_files (fixture->window, &pdf, 1));
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (fixture->window));

  /* The file stays listed, so the doctor can say what is wrong with it. */
  g_assert_cmpuint (likeness_window_get_photo_count (fixture->window), ==, 1);
  g_assert_true (likeness_test_find_label (GTK_WIDGET (fixture->window),
                                           "No photos found. Likeness reads JPEG, PNG and WebP images."));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (DATASET_CHILD (fixture, "summary_label"))), ==,
                   "Not ready: 1 photo, 2 problems to fix");
}

static void
test_window_compare (Fixture       *fixture,
                     gconstpointer  user_data)
{
  LikenessComparePage *page = LIKENESS_COMPARE_PAGE (WINDOW_CHILD (fixture, "compare_page"));
  LikenessParamForm *form = LIKENESS_PARAM_FORM (COMPARE_CHILD (fixture, "param_form"));
  GtkWidget *start = COMPARE_CHILD (fixture, "start_button");
  GtkLabel *reason = GTK_LABEL (COMPARE_CHILD (fixture, "start_reason_label"));
  LikenessTrainerCard *card;
  GtkWidget *rate_row;

  write_dataset (fixture->dir);
  drop_dataset (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-step", "s", "trainer"));

  /* Portraits by default: the portrait trainer is recommended, with why. */
  card = find_card (fixture, PORTRAIT_TRAINER);
  g_assert_nonnull (card);
  g_assert_true (likeness_trainer_card_get_recommended (card));
  g_assert_false (likeness_trainer_card_get_recommended (find_card (fixture, FAST_TRAINER)));
  g_assert_cmpstr (lk_trainer_get_id (likeness_compare_page_get_trainer (page)), ==, PORTRAIT_TRAINER);

  /* A style goes elsewhere; the mark follows the subject. */
  likeness_compare_page_set_subject (page, LK_SUBJECT_STYLE);
  g_assert_false (likeness_trainer_card_get_recommended (find_card (fixture, PORTRAIT_TRAINER)));
  likeness_compare_page_set_subject (page, LK_SUBJECT_PORTRAIT);

  /* Picking a card picks its trainer, as a click or Enter would. */
  card = find_card (fixture, FAST_TRAINER);
  gtk_flow_box_select_child (GTK_FLOW_BOX (COMPARE_CHILD (fixture, "cards_box")),
                             GTK_FLOW_BOX_CHILD (gtk_widget_get_parent (GTK_WIDGET (card))));
  g_assert_cmpstr (lk_trainer_get_id (likeness_compare_page_get_trainer (page)), ==, FAST_TRAINER);
  g_assert_true (likeness_test_find_label (GTK_WIDGET (card), "$1.00"));

  /* An invalid value: marked on its row, and Start says why it waits. */
  g_assert_true (likeness_compare_page_select_trainer (page, PORTRAIT_TRAINER));
  rate_row = likeness_param_form_lookup_row (form, "learning_rate");
  g_assert_nonnull (rate_row);
  gtk_editable_set_text (GTK_EDITABLE (rate_row), "fast please");
  g_assert_true (gtk_widget_has_css_class (rate_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (start));
  g_assert_cmpstr (gtk_label_get_label (reason), ==, "Learning rate: Enter a number, like 0.0001.");

  gtk_editable_set_text (GTK_EDITABLE (rate_row), "0.5");
  g_assert_true (gtk_widget_has_css_class (rate_row, "error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (reason), "Learning rate: "));

  /* A decimal comma, as Russian shows numbers, is a number too. */
  gtk_editable_set_text (GTK_EDITABLE (rate_row), "0,0003");
  g_assert_false (gtk_widget_has_css_class (rate_row, "error"));

  gtk_editable_set_text (GTK_EDITABLE (rate_row), "0.0001");
  g_assert_false (gtk_widget_has_css_class (rate_row, "error"));
  /* No job manager in this test: the last reason is the list of jobs. */
  g_assert_cmpstr (gtk_label_get_label (reason), ==, "Opening the list of jobs…");

  /* A bad trigger word stops Start too. */
  gtk_editable_set_text (GTK_EDITABLE (COMPARE_CHILD (fixture, "trigger_row")), "");
  g_assert_cmpstr (gtk_label_get_label (reason), ==, "Enter a trigger word.");
  g_assert_cmpstr (likeness_dataset_page_get_trigger (LIKENESS_DATASET_PAGE (WINDOW_CHILD (fixture, "dataset_page"))),
                   ==, "");
}

static void
test_window_start (Fixture       *fixture,
                   gconstpointer  user_data)
{
  LikenessComparePage *page = LIKENESS_COMPARE_PAGE (WINDOW_CHILD (fixture, "compare_page"));
  AdwViewStack *steps = ADW_VIEW_STACK (WINDOW_CHILD (fixture, "view_stack"));
  GtkListView *jobs_view = GTK_LIST_VIEW (WINDOW_CHILD (fixture, "jobs_view"));
  GtkWidget *start = COMPARE_CHILD (fixture, "start_button");
  LkJob *clone;
  LkJob *job;

  write_dataset (fixture->dir);
  drop_dataset (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-step", "s", "trainer"));

  /* $1.00 is under the confirmation threshold: Start starts at once. */
  g_assert_true (likeness_compare_page_select_trainer (page, FAST_TRAINER));
  LIKENESS_TEST_WAIT_WHILE (!gtk_widget_get_sensitive (start));
  g_assert_null (likeness_compare_page_dup_start_problem (page));
  g_signal_emit_by_name (start, "clicked");

  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_shown_job (fixture->window) == NULL);
  job = likeness_window_get_shown_job (fixture->window);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (steps), ==, "training");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (WINDOW_CHILD (fixture, "training_stack"))),
                   ==, "job");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (jobs_view))), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (WINDOW_CHILD (fixture, "jobs_stack"))), ==, "jobs");

  /* The fake trains quickly; the job ends and the sidebar row with it. */
  LIKENESS_TEST_WAIT_WHILE (!lk_job_phase_is_finished (lk_job_get_phase (job)));
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);
  /* Done: the step shows the result. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (WINDOW_CHILD (fixture, "training_stack"))),
                   ==, "result");
  g_assert_null (likeness_compare_page_dup_start_problem (page));

  /* "Clone Job" on the Result page: the same job again, shown at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clone-job",
                                             "x", lk_job_get_id (job)));
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_shown_job (fixture->window) == job);
  clone = likeness_window_get_shown_job (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (jobs_view))), ==, 2);

  /* Closing while it runs asks first; "Cancel" keeps the window. */
  if (lk_job_get_active (clone))
    {
      AdwMessageDialog *dialog;

      gtk_window_close (GTK_WINDOW (fixture->window));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
      dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Keep Training in the Background?");
      adw_message_dialog_response (dialog, "cancel");
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
    }

  LIKENESS_TEST_WAIT_WHILE (!lk_job_phase_is_finished (lk_job_get_phase (clone)));
  g_assert_cmpint (lk_job_get_phase (clone), ==, LK_JOB_PHASE_DONE);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **jobs = user_data;
  g_autoptr(GError) error = NULL;

  *jobs = lk_job_manager_load_finish (LK_JOB_MANAGER (object), result, &error);
  g_assert_no_error (error);
}

/* Closing Likeness while a training runs at fal, then opening it again:
 * the new process reattaches and the sidebar shows the job running. */
static void
test_window_reattach (Fixture       *fixture,
                      gconstpointer  user_data)
{
  LikenessComparePage *page = LIKENESS_COMPARE_PAGE (WINDOW_CHILD (fixture, "compare_page"));
  GtkWidget *start = COMPARE_CHILD (fixture, "start_button");
  g_autoptr(LkJobManager) manager = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  LikenessWindow *window;
  GListModel *rows;
  LkJob *job;
  gint64 job_id;

  g_assert_true (lk_fake_fal_configure (fixture->fake, "{\"timing\":{\"progress_ms\":600000}}"));
  write_dataset (fixture->dir);
  drop_dataset (fixture);
  g_assert_true (likeness_compare_page_select_trainer (page, FAST_TRAINER));
  LIKENESS_TEST_WAIT_WHILE (!gtk_widget_get_sensitive (start));
  g_signal_emit_by_name (start, "clicked");
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_shown_job (fixture->window) == NULL);
  job = likeness_window_get_shown_job (fixture->window);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_RUNNING);
  job_id = lk_job_get_id (job);

  /* The process goes away without cancelling anything. */
  lk_job_detach (job);

  manager = lk_job_manager_new (fixture->client, fixture->store);
  window = g_object_ref_sink (likeness_window_new (NULL));
  likeness_window_set_job_manager (window, manager);
  gtk_window_present (GTK_WINDOW (window));
  lk_job_manager_load_async (manager, TRUE, NULL, loaded_cb, &jobs);
  LIKENESS_TEST_WAIT_WHILE (jobs == NULL);

  rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (gtk_widget_get_template_child (
           GTK_WIDGET (window), LIKENESS_TYPE_WINDOW, "jobs_view"))));
  LIKENESS_TEST_WAIT_WHILE (g_list_model_get_n_items (rows) == 0);
  g_assert_true (likeness_window_show_job_id (window, job_id));
  job = likeness_window_get_shown_job (window);
  g_assert_true (lk_job_get_active (job));
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_RUNNING);

  /* Cancelled from the new window's job, so the test ends promptly. */
  lk_job_cancel (job);
  LIKENESS_TEST_WAIT_WHILE (!lk_job_phase_is_finished (lk_job_get_phase (job)));
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_CANCELLED);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_window_fold (Fixture       *fixture,
                  gconstpointer  user_data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (WINDOW_CHILD (fixture, "leaflet"));
  GtkWidget *content = WINDOW_CHILD (fixture, "content");

  g_assert_false (adw_leaflet_get_folded (leaflet));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
  LIKENESS_TEST_WAIT_WHILE (!adw_leaflet_get_folded (leaflet));

  /* Folded, the steps show; the jobs are one button away, and back. */
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == content);
  g_assert_true (gtk_widget_get_visible (WINDOW_CHILD (fixture, "jobs_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-jobs", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == WINDOW_CHILD (fixture, "sidebar"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-steps", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == content);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = likeness_test_display_init (&argc, &argv);
  int status;

  g_test_add ("/likeness/window/empty", Fixture, NULL,
              fixture_set_up, test_window_empty, fixture_tear_down);
  g_test_add ("/likeness/window/drop-folder", Fixture, NULL,
              fixture_set_up, test_window_drop_folder, fixture_tear_down);
  g_test_add ("/likeness/window/drop-unsupported", Fixture, NULL,
              fixture_set_up, test_window_drop_unsupported, fixture_tear_down);
  g_test_add ("/likeness/window/compare", Fixture, NULL,
              fixture_set_up, test_window_compare, fixture_tear_down);
  g_test_add ("/likeness/window/start", Fixture, NULL,
              fake_fixture_set_up, test_window_start, fixture_tear_down);
  g_test_add ("/likeness/window/reattach", Fixture, NULL,
              fake_fixture_set_up, test_window_reattach, fixture_tear_down);
  g_test_add ("/likeness/window/fold", Fixture, NULL,
              fixture_set_up, test_window_fold, fixture_tear_down);

  status = g_test_run ();
  likeness_test_display_shutdown (g_steal_pointer (&home));

  return status;
}
