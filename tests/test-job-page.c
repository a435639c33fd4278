/* test-job-page.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Training and Result steps, each bound to a real LkJob that runs
 * against the in-process fake fal, and the log view under a long log.
 */

#include "config.h"

#include "lk-core.h"
#include "lk-fake-fal.h"

#include "likeness-job-page.h"
#include "likeness-log-view.h"
#include "likeness-image-viewer.h"
#include "likeness-result-page.h"
#include "likeness-sample.h"
#include "likeness-test-display.h"
#include "likeness-test-jobs.h"

#define FAST_TRAINER LIKENESS_TEST_FAST_TRAINER

typedef struct
{
  char         *dir;       /* A temporary folder the fixture removes. */
  char         *photos;
  LkFakeFal    *fake;
  LkFalClient  *client;
  LkJobStore   *store;
  LkJobManager *manager;
  GtkWindow    *window;
  GAsyncResult *result;
} Fixture;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *fixture)
{
  LIKENESS_TEST_WAIT_WHILE (fixture->result == NULL);
  return fixture->result;
}

static void
clear_result (Fixture *fixture)
{
  g_clear_object (&fixture->result);
}

static void
configure (Fixture    *fixture,
           const char *json)
{
  g_assert_true (lk_fake_fal_configure (fixture->fake, json));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *db = NULL;
  g_autofree char *models = NULL;

  fixture->dir = g_dir_make_tmp ("likeness-test-job-page-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->photos = g_build_filename (fixture->dir, "photos", NULL);
  g_mkdir (fixture->photos, 0700);
  likeness_test_write_photos (fixture->photos, 6);

  fixture->fake = lk_fake_fal_new ();
  g_assert_true (lk_fake_fal_start (fixture->fake, &error));
  g_assert_no_error (error);
  configure (fixture, "{\"timing\":{\"queue_ms\":100,\"progress_ms\":1500,\"log_interval_ms\":50}}");

  urls = g_strdup_printf ("queue=%s,rest=%s",
                          lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_QUEUE),
                          lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_REST));
  g_setenv ("LIKENESS_FAL_URLS", urls, TRUE);

  fixture->client = lk_fal_client_new ();
  lk_fal_client_set_key (fixture->client, LK_FAKE_FAL_KEY);

  db = g_build_filename (fixture->dir, "jobs.db", NULL);
  fixture->store = lk_job_store_new_sync (db, NULL, &error);
  g_assert_no_error (error);

  fixture->manager = lk_job_manager_new (fixture->client, fixture->store);
  models = g_build_filename (fixture->dir, "models", NULL);
  lk_job_manager_set_download_folder (fixture->manager, models);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 900, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *jobs = lk_job_manager_get_jobs (fixture->manager);

  /* Nothing may still talk to the fake when it goes. */
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LkJob) job = g_list_model_get_item (jobs, i);

      if (lk_job_get_active (job))
        lk_job_detach (job);
      LIKENESS_TEST_WAIT_WHILE (lk_job_get_active (job));
    }

  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (g_steal_pointer (&fixture->window));

  clear_result (fixture);
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->fake);

  likeness_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->photos);
}

static LkJob *
add_job (Fixture *fixture)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->photos);
  GFile *sources[] = { folder };
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  LkJob *job;

  record = lk_job_manager_build_record (fixture->manager, FAST_TRAINER, NULL, NULL,
                                        sources, G_N_ELEMENTS (sources), "Test", &error);
  g_assert_no_error (error);

  lk_job_manager_add_async (fixture->manager, record, NULL, result_cb, fixture);
  job = lk_job_manager_add_finish (fixture->manager, wait_result (fixture), &error);
  g_assert_no_error (error);
  clear_result (fixture);

  return job;
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
label_text (gpointer    widget,
            GType       type,
            const char *name)
{
  return gtk_label_get_label (GTK_LABEL (child (widget, type, name)));
}

static gboolean
stat_shown (LikenessJobPage *page,
            const char      *name)
{
  GtkWidget *label = child (page, LIKENESS_TYPE_JOB_PAGE, name);

  return gtk_widget_is_visible (label) && gtk_label_get_label (GTK_LABEL (label))[0] != '\0';
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* What clicking a response button does. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static LikenessJobPage *
show_job_page (Fixture *fixture,
               LkJob   *job)
{
  LikenessJobPage *page = LIKENESS_JOB_PAGE (likeness_job_page_new ());

  likeness_job_page_set_job (page, job);
  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  gtk_window_present (fixture->window);
  LIKENESS_TEST_WAIT_WHILE (!gtk_widget_get_mapped (GTK_WIDGET (page)));

  return page;
}

/* Training */

static void
test_job_page_progress (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LkJob) job = add_job (fixture);
  LikenessJobPage *page = show_job_page (fixture, job);
  LikenessLogView *log_view = LIKENESS_LOG_VIEW (child (page, LIKENESS_TYPE_JOB_PAGE, "log_view"));
  GtkListView *list = likeness_log_view_get_list_view (log_view);
  GtkWidget *cancel_button = child (page, LIKENESS_TYPE_JOB_PAGE, "cancel_button");
  g_autofree char *first_step = NULL;
  guint n_lines;

  g_assert_true (likeness_log_view_get_model (log_view) == lk_job_get_log_model (job));
  g_assert_cmpstr (label_text (page, LIKENESS_TYPE_JOB_PAGE, "phase_label"), ==,
                   lk_job_phase_get_label (LK_JOB_PHASE_PREPARING));
  g_assert_true (gtk_widget_get_sensitive (cancel_button));

  /* Slow downloads, so that the transfer rate can be seen. */
  g_free (lk_fake_fal_add_fault (fixture->fake,
                                 "{\"match\":{\"listener\":\"C\"},\"times\":100,"
                                 "\"action\":{\"throttle_bps\":4096}}"));

  lk_job_start (job);

  /* The log streams in while the trainer runs. */
  LIKENESS_TEST_WAIT_WHILE (!stat_shown (page, "step_label"));
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_RUNNING);
  g_assert_cmpstr (label_text (page, LIKENESS_TYPE_JOB_PAGE, "phase_label"), ==,
                   lk_job_phase_get_label (LK_JOB_PHASE_RUNNING));
  g_assert_true (g_str_has_prefix (label_text (page, LIKENESS_TYPE_JOB_PAGE, "step_label"), "Step "));
  g_assert_true (stat_shown (page, "elapsed_label"));
  g_assert_true (stat_shown (page, "last_log_label"));
  first_step = g_strdup (label_text (page, LIKENESS_TYPE_JOB_PAGE, "step_label"));

  n_lines = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
  g_assert_cmpuint (n_lines, >, 0);
  LIKENESS_TEST_WAIT_WHILE (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) == n_lines);
  LIKENESS_TEST_WAIT_WHILE (g_str_equal (first_step, label_text (page, LIKENESS_TYPE_JOB_PAGE, "step_label")));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (page, LIKENESS_TYPE_JOB_PAGE,
                                                                              "progress_bar"))), >, 0.0);

  /* Cancelling now is asked about, with what it may cost; keeping the
   * training changes nothing. */
  {
    AdwMessageDialog *dialog;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "job.cancel", NULL));
    LIKENESS_TEST_WAIT_WHILE ((dialog = find_message_dialog ()) == NULL);
    g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                     "The training is already running on fal. fal may still bill the work done so far.");
    respond (dialog, "keep");
    g_assert_true (gtk_widget_get_sensitive (cancel_button));
  }

  /* The download shows its rate. */
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_DOWNLOADING);
  LIKENESS_TEST_WAIT_WHILE (!stat_shown (page, "rate_label"));
  g_assert_true (g_str_has_suffix (label_text (page, LIKENESS_TYPE_JOB_PAGE, "rate_label"), "/s"));

  /* To the end: the result is downloaded and nothing can be cancelled. */
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_DONE);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_active (job));
  g_assert_cmpstr (label_text (page, LIKENESS_TYPE_JOB_PAGE, "phase_label"), ==,
                   lk_job_phase_get_label (LK_JOB_PHASE_DONE));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (page, LIKENESS_TYPE_JOB_PAGE,
                                                                              "progress_bar"))), ==, 1.0);
  g_assert_false (gtk_widget_get_sensitive (cancel_button));
  g_assert_false (gtk_widget_get_visible (cancel_button));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (page, LIKENESS_TYPE_JOB_PAGE,
                                                                       "failure_revealer"))));
}

static void
test_job_page_cancel (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LkJob) job = NULL;
  LikenessJobPage *page;
  GtkWidget *cancel_button;
  AdwMessageDialog *dialog;

  /* A long queue: the job waits there until it is cancelled. */
  configure (fixture, "{\"timing\":{\"queue_ms\":600000,\"progress_ms\":1500,\"log_interval_ms\":50}}");
  job = add_job (fixture);
  page = show_job_page (fixture, job);
  cancel_button = child (page, LIKENESS_TYPE_JOB_PAGE, "cancel_button");

  lk_job_start (job);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_QUEUED);
  LIKENESS_TEST_WAIT_WHILE (!stat_shown (page, "queue_label"));
  g_assert_true (gtk_widget_get_sensitive (cancel_button));

  /* Keeping the training changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "job.cancel", NULL));
  LIKENESS_TEST_WAIT_WHILE ((dialog = find_message_dialog ()) == NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The training is still waiting in fal’s queue. Cancelling it now costs nothing.");
  respond (dialog, "keep");
  LIKENESS_TEST_WAIT_WHILE (find_message_dialog () != NULL);
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_QUEUED);
  g_assert_true (gtk_widget_get_sensitive (cancel_button));

  /* Cancelling it does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "job.cancel", NULL));
  LIKENESS_TEST_WAIT_WHILE ((dialog = find_message_dialog ()) == NULL);
  respond (dialog, "cancel");
  g_assert_false (gtk_widget_get_sensitive (cancel_button));

  LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_CANCELLED);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_active (job));
  g_assert_false (lk_job_get_billed (job));
  g_assert_cmpstr (label_text (page, LIKENESS_TYPE_JOB_PAGE, "phase_label"), ==,
                   lk_job_phase_get_label (LK_JOB_PHASE_CANCELLED));
  g_assert_nonnull (strstr (label_text (page, LIKENESS_TYPE_JOB_PAGE, "status_label"),
                            "Nothing was charged for this job."));
  g_assert_false (gtk_widget_get_sensitive (cancel_button));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (page, LIKENESS_TYPE_JOB_PAGE,
                                                                       "failure_revealer"))));
}

static void
test_job_page_failure (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LkJob) job = NULL;
  g_autofree char *rule = NULL;
  LikenessJobPage *page;
  LikenessLogView *log_view;
  const char *reason;

  rule = lk_fake_fal_add_fault (fixture->fake,
                                "{\"match\":{\"app\":\"" FAST_TRAINER "\"},"
                                "\"action\":{\"outcome\":{\"fail_after_ms\":300,"
                                "\"error\":\"Runner disconnected\",\"error_type\":\"runner_disconnected\","
                                "\"logs\":[\"Preprocessing 6 images\","
                                "\"{\\\"traceback\\\": \\\"ValueError: not enough images\\\"}\"],"
                                "\"result_status\":500,\"result_body\":{\"detail\":\"not enough images\"}}}}");
  g_assert_nonnull (rule);

  job = add_job (fixture);
  page = show_job_page (fixture, job);
  log_view = LIKENESS_LOG_VIEW (child (page, LIKENESS_TYPE_JOB_PAGE, "log_view"));

  lk_job_start (job);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_FAILED);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_active (job));

  reason = lk_job_get_failure_reason (job);
  g_assert_nonnull (reason);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (page, LIKENESS_TYPE_JOB_PAGE,
                                                                      "failure_revealer"))));
  g_assert_cmpstr (label_text (page, LIKENESS_TYPE_JOB_PAGE, "failure_reason_label"), ==, reason);
  g_assert_cmpstr (label_text (page, LIKENESS_TYPE_JOB_PAGE, "billed_label"), ==,
                   lk_job_get_billed (job)
                   ? "fal billed the work it did before the job stopped."
                   : "Nothing was charged for this job.");
  g_assert_false (gtk_widget_get_sensitive (child (page, LIKENESS_TYPE_JOB_PAGE, "cancel_button")));

  /* The raw log stays below the banner; "Show Log" takes the focus to it. */
  g_assert_true (gtk_widget_get_sensitive (child (page, LIKENESS_TYPE_JOB_PAGE, "show_log_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "job.show-log", NULL));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (likeness_log_view_get_list_view (log_view))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (likeness_log_view_get_list_view (log_view))));
  g_assert_true (likeness_log_view_get_following (log_view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lk_job_get_log_model (job))), >, 0);
}

/* Result */

static guint
count_pictures (GtkWidget *widget,
                gboolean   loaded_only)
{
  guint n = 0;

  if (GTK_IS_PICTURE (widget))
    return !loaded_only || gtk_picture_get_paintable (GTK_PICTURE (widget)) != NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_pictures (c, loaded_only);

  return n;
}

static LikenessImageViewer *
find_viewer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LIKENESS_IS_IMAGE_VIEWER (window))
        return LIKENESS_IMAGE_VIEWER (window);
    }

  return NULL;
}

static void
test_result_page (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LkJob) job = add_job (fixture);
  LikenessResultPage *page;
  LikenessImageViewer *viewer;
  GListModel *samples;
  GtkWidget *sample_box;
  AdwMessageDialog *dialog;
  g_autofree char *prompt = NULL;

  /* The window shows the page as soon as the job starts; it fills in when
   * the result is on disk. */
  page = LIKENESS_RESULT_PAGE (likeness_result_page_new (fixture->client));
  likeness_result_page_set_job (page, job);
  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  gtk_window_present (fixture->window);
  LIKENESS_TEST_WAIT_WHILE (!gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (g_list_model_get_n_items (likeness_result_page_get_samples (page)), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (page, LIKENESS_TYPE_RESULT_PAGE, "make_samples_button")));

  lk_job_start (job);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_DONE);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_active (job));

  /* Where the model is, and the prompt to use it with. */
  g_assert_nonnull (lk_job_get_result_folder (job));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, LIKENESS_TYPE_RESULT_PAGE,
                                                                         "folder_row"))), ==,
                   lk_job_get_result_folder (job));
  prompt = lk_job_dup_prompt (job);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, LIKENESS_TYPE_RESULT_PAGE,
                                                                         "prompt_row"))), ==, prompt);

  /* The grid: every prompt at three scales, made on request. */
  samples = likeness_result_page_get_samples (page);
  g_assert_cmpuint (g_list_model_get_n_items (samples), ==, 3 * 3);
  sample_box = child (page, LIKENESS_TYPE_RESULT_PAGE, "sample_box");
  g_assert_cmpuint (count_pictures (sample_box, FALSE), ==, 9);
  g_assert_cmpuint (count_pictures (sample_box, TRUE), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (page, LIKENESS_TYPE_RESULT_PAGE, "make_samples_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "result.make-samples", NULL));
  LIKENESS_TEST_WAIT_WHILE ((dialog = find_message_dialog ()) == NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "9 images will be made at fal."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "$"));
  respond (dialog, "make");
  g_assert_true (likeness_result_page_get_busy (page));
  LIKENESS_TEST_WAIT_WHILE (likeness_result_page_get_busy (page));
  g_assert_false (gtk_widget_get_visible (child (page, LIKENESS_TYPE_RESULT_PAGE, "samples_message")));
  LIKENESS_TEST_WAIT_WHILE (count_pictures (sample_box, TRUE) < 9);
  g_assert_cmpuint (g_list_model_get_n_items (samples), ==, 9);
  /* Every image is there: nothing left to make. */
  g_assert_false (gtk_widget_get_visible (child (page, LIKENESS_TYPE_RESULT_PAGE, "make_samples_button")));

  /* The viewer opens on a sample; the arrow keys' actions walk the grid. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "result.view-sample", "u", 4));
  LIKENESS_TEST_WAIT_WHILE ((viewer = find_viewer ()) == NULL);
  g_assert_cmpuint (likeness_image_viewer_get_position (viewer), ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next", NULL);
  g_assert_cmpuint (likeness_image_viewer_get_position (viewer), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.up", NULL);
  g_assert_cmpuint (likeness_image_viewer_get_position (viewer), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.down", NULL);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.down", NULL);
  g_assert_cmpuint (likeness_image_viewer_get_position (viewer), ==, 8);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next", NULL);
  g_assert_cmpuint (likeness_image_viewer_get_position (viewer), ==, 8);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.previous", NULL);
  g_assert_cmpuint (likeness_image_viewer_get_position (viewer), ==, 7);
  gtk_window_destroy (GTK_WINDOW (viewer));

  /* Another prompt: a price first, then three images of its own. */
  gtk_editable_set_text (GTK_EDITABLE (child (page, LIKENESS_TYPE_RESULT_PAGE, "try_row")),
                         "riding a bicycle");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "result.try-prompt", NULL));
  LIKENESS_TEST_WAIT_WHILE ((dialog = find_message_dialog ()) == NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "3 images will be made at fal."));
  respond (dialog, "make");
  LIKENESS_TEST_WAIT_WHILE (likeness_result_page_get_busy (page));
  g_assert_cmpuint (g_list_model_get_n_items (samples), ==, 3);
  LIKENESS_TEST_WAIT_WHILE (count_pictures (sample_box, TRUE) < 3);
  {
    g_autoptr(LikenessSample) sample = g_list_model_get_item (samples, 0);

    g_assert_nonnull (strstr (likeness_sample_get_prompt (sample), "riding a bicycle"));
  }

  /* The next steps name the job to the window. */
  {
    GtkActionable *clone_row = GTK_ACTIONABLE (child (page, LIKENESS_TYPE_RESULT_PAGE, "clone_row"));

    g_assert_cmpstr (gtk_actionable_get_action_name (clone_row), ==, "win.clone-job");
    g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (clone_row)), ==,
                     lk_job_get_id (job));
  }
}

/* The log view */

static void
append_lines (LkLogModel *model,
              guint       first,
              guint       n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *message = g_strdup_printf ("step %u/100000, loss=0.%04u", i + 1, i % 10000);

      lk_log_model_append (model, "2026-11-25T09:00:00Z", "info", message);
    }
}

static gboolean
at_bottom (LikenessLogView *view)
{
  GtkWidget *scrolled = child (view, LIKENESS_TYPE_LOG_VIEW, "scrolled_window");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  if (g_getenv ("LIKENESS_TEST_DEBUG"))
    g_printerr ("value %g upper %g page %g\n", gtk_adjustment_get_value (adjustment),
                gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment));
  return gtk_adjustment_get_value (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 4.0;
}

static void
iterate_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 until = g_get_monotonic_time () + 20 * 1000;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
}

static void
test_log_view_long (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LkLogModel) model = lk_log_model_new ();
  LikenessLogView *view = LIKENESS_LOG_VIEW (likeness_log_view_new ());
  GtkListView *list = likeness_log_view_get_list_view (view);
  GtkWidget *scrolled = child (view, LIKENESS_TYPE_LOG_VIEW, "scrolled_window");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *entry = child (view, LIKENESS_TYPE_LOG_VIEW, "search_entry");
  GtkSelectionModel *selection;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_set_child (fixture->window, GTK_WIDGET (view));
  likeness_log_view_set_model (view, model);
  gtk_window_present (fixture->window);
  LIKENESS_TEST_WAIT_WHILE (!gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (likeness_log_view_get_following (view));

  /* A hundred thousand lines, arriving in batches as from a job. */
  for (guint batch = 0; batch < 20; batch++)
    {
      append_lines (model, batch * 5000, 5000);
      lk_log_model_flush (model);
      iterate_frames (1);
    }
  selection = gtk_list_view_get_model (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 100000);
  iterate_frames (3);
  g_assert_true (likeness_log_view_get_following (view));
  g_assert_true (at_bottom (view));

  /* Scrolling up stops following: new lines no longer move the view. */
  gtk_adjustment_set_value (adjustment, 0.0);
  g_assert_false (likeness_log_view_get_following (view));
  append_lines (model, 100000, 100);
  lk_log_model_flush (model);
  iterate_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 100100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, 1000.0);
  g_assert_false (at_bottom (view));

  /* The toggle follows again, at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.follow", NULL));
  g_assert_true (likeness_log_view_get_following (view));
  iterate_frames (3);
  g_assert_true (at_bottom (view));

  /* Search ignores case and selects the match; next and previous walk the
   * matches ("step 5000", "step 50000" … "step 50009") and wrap around. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "STEP 5000");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 4999);
  g_assert_false (likeness_log_view_get_following (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.search-next", NULL));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 49999);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.search-previous", NULL));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 4999);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.search-previous", NULL));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 50008);
  gtk_editable_set_text (GTK_EDITABLE (entry), "no such line");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  /* Save writes every line. */
  path = g_build_filename (fixture->dir, "saved.log", NULL);
  file = g_file_new_for_path (path);
  likeness_log_view_save_async (view, file, NULL, result_cb, fixture);
  g_assert_true (likeness_log_view_save_finish (view, wait_result (fixture), &error));
  g_assert_no_error (error);
  clear_result (fixture);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "step 100100/100000"));
  {
    guint n_newlines = 0;

    for (const char *p = contents; *p; p++)
      n_newlines += *p == '\n';
    g_assert_cmpuint (n_newlines, ==, 100100);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = likeness_test_display_init (&argc, &argv);
  int ret;

  g_test_add ("/likeness/job-page/progress", Fixture, NULL,
              fixture_set_up, test_job_page_progress, fixture_tear_down);
  g_test_add ("/likeness/job-page/cancel", Fixture, NULL,
              fixture_set_up, test_job_page_cancel, fixture_tear_down);
  g_test_add ("/likeness/job-page/failure", Fixture, NULL,
              fixture_set_up, test_job_page_failure, fixture_tear_down);
  g_test_add ("/likeness/result-page/samples", Fixture, NULL,
              fixture_set_up, test_result_page, fixture_tear_down);
  g_test_add ("/likeness/log-view/long", Fixture, NULL,
              fixture_set_up, test_log_view_long, fixture_tear_down);

  ret = g_test_run ();
  likeness_test_display_shutdown (g_steal_pointer (&home));
  return ret;
}
