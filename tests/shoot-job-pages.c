/* shoot-job-pages.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Screenshots of the Training and Result steps alone, each page in a
 * window of the given size, bound to real jobs that run against the
 * in-process fake fal:
 *
 *   shoot-job-pages OUTPUT_DIR WIDTH HEIGHT TAG
 *
 * writes OUTPUT_DIR/<shot>-TAG-WIDTHxHEIGHT.png for the shots training,
 * cancel-dialog, failed, result, result-samples and viewer. The language
 * is the process's (LANGUAGE, LC_ALL); LIKENESS_LOCALEDIR points at the
 * compiled catalogs. tests/screenshots-job-pages.sh runs it under Xvfb.
 * Pages are rendered in-process with the window's own renderer, so no
 * window manager or screen grabber is needed.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "lk-core.h"
#include "lk-fake-fal.h"

#include "likeness-image-viewer.h"
#include "likeness-job-page.h"
#include "likeness-result-page.h"
#include "likeness-test-display.h"
#include "likeness-test-jobs.h"

typedef struct
{
  const char   *output_dir;
  const char   *tag;
  int           width;
  int           height;
  char         *dir;
  LkFakeFal    *fake;
  LkFalClient  *client;
  LkJobStore   *store;
  LkJobManager *manager;
  GAsyncResult *result;
} Shooter;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Shooter *self = user_data;

  self->result = g_object_ref (result);
}

/* Lets animations (revealers, the pulse) run for @msec. */
static void
settle (guint msec)
{
  gint64 until = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
shoot (Shooter    *self,
       GtkWindow  *window,
       const char *shot)
{
  g_autofree char *name = g_strdup_printf ("%s-%s-%dx%d.png", shot, self->tag, self->width, self->height);
  g_autofree char *path = g_build_filename (self->output_dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  LIKENESS_TEST_WAIT_WHILE (!gtk_widget_get_mapped (GTK_WIDGET (window)));
  settle (600);

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);

  g_print ("%s\n", path);
}

static GtkWindow *
page_window (Shooter   *self,
             GtkWidget *page)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Likeness", NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), self->width, self->height);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

static LkJob *
add_job (Shooter *self)
{
  g_autofree char *photos = g_build_filename (self->dir, "Anna", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (photos);
  GFile *sources[] = { folder };
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  LkJob *job;

  record = lk_job_manager_build_record (self->manager, LIKENESS_TEST_FAST_TRAINER, NULL, NULL,
                                        sources, 1, NULL, &error);
  g_assert_no_error (error);
  lk_job_manager_add_async (self->manager, record, NULL, result_cb, self);
  LIKENESS_TEST_WAIT_WHILE (self->result == NULL);
  job = lk_job_manager_add_finish (self->manager, self->result, &error);
  g_assert_no_error (error);
  g_clear_object (&self->result);

  return job;
}

static AdwMessageDialog *
find_dialog (void)
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
shoot_training (Shooter *self)
{
  g_autoptr(LkJob) job = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *page = likeness_job_page_new ();
  GtkWindow *window;
  GObject *step_label;

  lk_fake_fal_configure (self->fake, "{\"timing\":{\"queue_ms\":100,\"progress_ms\":240000,\"log_interval_ms\":60}}");
  job = add_job (self);
  likeness_job_page_set_job (LIKENESS_JOB_PAGE (page), job);
  window = page_window (self, page);
  step_label = gtk_widget_get_template_child (page, LIKENESS_TYPE_JOB_PAGE, "step_label");

  lk_job_start (job);
  LIKENESS_TEST_WAIT_WHILE (gtk_label_get_label (GTK_LABEL (step_label))[0] == '\0' ||
                            g_list_model_get_n_items (G_LIST_MODEL (lk_job_get_log_model (job))) < 40);
  shoot (self, window, "training");

  gtk_widget_activate_action (page, "job.cancel", NULL);
  LIKENESS_TEST_WAIT_WHILE ((dialog = find_dialog ()) == NULL);
  shoot (self, GTK_WINDOW (dialog), "cancel-dialog");
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));

  lk_job_detach (job);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_active (job));
  gtk_window_destroy (window);
}

static void
shoot_failed (Shooter *self)
{
  g_autoptr(LkJob) job = NULL;
  g_autofree char *rule = NULL;
  GtkWidget *page = likeness_job_page_new ();
  GtkWindow *window;

  lk_fake_fal_configure (self->fake, "{\"timing\":{\"queue_ms\":100,\"progress_ms\":1000,\"log_interval_ms\":60}}");
  rule = lk_fake_fal_add_fault (self->fake,
                                "{\"match\":{\"app\":\"" LIKENESS_TEST_FAST_TRAINER "\"},"
                                "\"action\":{\"outcome\":{\"fail_after_ms\":600,"
                                "\"error\":\"Runner disconnected\",\"error_type\":\"runner_disconnected\","
                                "\"logs\":[\"Preprocessing 6 images\",\"Loading model...\","
                                "\"{\\\"traceback\\\": \\\"RuntimeError: CUDA out of memory\\\"}\"],"
                                "\"result_status\":500,\"result_body\":{\"detail\":\"Runner disconnected\"}}}}");
  job = add_job (self);
  likeness_job_page_set_job (LIKENESS_JOB_PAGE (page), job);
  window = page_window (self, page);

  lk_job_start (job);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_active (job) || lk_job_get_phase (job) != LK_JOB_PHASE_FAILED);
  shoot (self, window, "failed");
  gtk_window_destroy (window);
  lk_fake_fal_remove_fault (self->fake, rule);
}

static void
shoot_result (Shooter *self)
{
  g_autoptr(LkJob) job = NULL;
  GtkWidget *page = likeness_result_page_new (self->client);
  AdwMessageDialog *dialog;
  LikenessImageViewer *viewer;
  GtkWindow *window;
  GtkWidget *samples_group;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  lk_fake_fal_configure (self->fake, "{\"timing\":{\"queue_ms\":100,\"progress_ms\":800,\"log_interval_ms\":60}}");
  job = add_job (self);
  lk_job_start (job);
  LIKENESS_TEST_WAIT_WHILE (lk_job_get_active (job));
  g_assert_cmpint (lk_job_get_phase (job), ==, LK_JOB_PHASE_DONE);

  likeness_result_page_set_job (LIKENESS_RESULT_PAGE (page), job);
  window = page_window (self, page);

  gtk_widget_activate_action (page, "result.make-samples", NULL);
  LIKENESS_TEST_WAIT_WHILE ((dialog = find_dialog ()) == NULL);
  adw_message_dialog_response (dialog, "make");
  gtk_window_destroy (GTK_WINDOW (dialog));
  LIKENESS_TEST_WAIT_WHILE (likeness_result_page_get_busy (LIKENESS_RESULT_PAGE (page)));
  settle (500);
  shoot (self, window, "result");

  /* The grid itself, scrolled to. */
  samples_group = GTK_WIDGET (gtk_widget_get_template_child (page, LIKENESS_TYPE_RESULT_PAGE, "samples_group"));
  scrolled = gtk_widget_get_ancestor (samples_group, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (gtk_widget_compute_point (samples_group, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment, point.y - 12);
  shoot (self, window, "result-samples");

  gtk_widget_activate_action (page, "result.view-sample", "u", 4);
  LIKENESS_TEST_WAIT_WHILE ((viewer = find_viewer ()) == NULL);
  gtk_window_set_default_size (GTK_WINDOW (viewer), MIN (self->width, 960), MIN (self->height, 860));
  shoot (self, GTK_WINDOW (viewer), "viewer");
  gtk_window_destroy (GTK_WINDOW (viewer));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *db = NULL;
  g_autofree char *models = NULL;
  g_autofree char *photos = NULL;
  const char *localedir = g_getenv ("LIKENESS_LOCALEDIR");
  Shooter self = { 0 };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc != 5)
    {
      g_printerr ("usage: shoot-job-pages OUTPUT_DIR WIDTH HEIGHT TAG\n");
      return 2;
    }
  self.output_dir = argv[1];
  self.width = atoi (argv[2]);
  self.height = atoi (argv[3]);
  self.tag = argv[4];

  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();
  adw_init ();

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/likeness/Likeness/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/likeness/Likeness/icons");

  self.dir = g_dir_make_tmp ("likeness-shoot-XXXXXX", &error);
  g_assert_no_error (error);
  photos = g_build_filename (self.dir, "Anna", NULL);
  g_mkdir (photos, 0700);
  likeness_test_write_photos (photos, 6);

  self.fake = lk_fake_fal_new ();
  if (!lk_fake_fal_start (self.fake, &error))
    g_error ("Cannot start the fake fal: %s", error->message);
  urls = g_strdup_printf ("queue=%s,rest=%s",
                          lk_fake_fal_get_url (self.fake, LK_FAKE_FAL_QUEUE),
                          lk_fake_fal_get_url (self.fake, LK_FAKE_FAL_REST));
  g_setenv ("LIKENESS_FAL_URLS", urls, TRUE);
  self.client = lk_fal_client_new ();
  lk_fal_client_set_key (self.client, LK_FAKE_FAL_KEY);
  db = g_build_filename (self.dir, "jobs.db", NULL);
  self.store = lk_job_store_new_sync (db, NULL, &error);
  g_assert_no_error (error);
  self.manager = lk_job_manager_new (self.client, self.store);
  models = g_build_filename (self.dir, "models", NULL);
  lk_job_manager_set_download_folder (self.manager, models);

  shoot_training (&self);
  shoot_failed (&self);
  shoot_result (&self);

  g_clear_object (&self.manager);
  g_clear_object (&self.store);
  g_clear_object (&self.client);
  g_clear_object (&self.fake);
  likeness_test_remove_tree (self.dir);
  g_free (self.dir);

  return 0;
}
