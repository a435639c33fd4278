/* screenshot-steps.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real window through one step of the flow against the
 * in-process fake fal and renders it to a PNG, for tests/screenshots.sh:
 *
 *   screenshot-steps STEP WIDTH HEIGHT PHOTO_FOLDER OUTPUT.png
 *
 * STEP is photos, trainer, start (the Trainer step scrolled down to the
 * upload summary and Start), training, result or preferences-training. The caller isolates the
 * user folders and sets the locale; nothing here leaves 127.0.0.1.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "likeness-test-display.h"
#include "likeness-compare-page.h"
#include "likeness-preferences-window.h"
#include "likeness-window.h"
#include "lk-fake-fal.h"

/* Long enough for a training to be caught mid-run, short enough for a
 * finished one to be waited for. */
#define RUNNING_CONFIG  "{\"timing\":{\"queue_ms\":50,\"progress_ms\":600000,\"log_interval_ms\":100}}"
#define FINISHED_CONFIG "{\"timing\":{\"queue_ms\":50,\"progress_ms\":400,\"log_interval_ms\":20}}"

static void
settle (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
render (GtkWidget  *window,
        const char *output)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  /* A window between two frames has nothing to draw yet: try again. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      settle (100);
      width = gtk_widget_get_width (window);
      height = gtk_widget_get_height (window);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    g_error ("The window drew nothing");
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, output))
    g_error ("Could not write %s", output);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LkFakeFal) fake = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkJobStore) store = NULL;
  g_autoptr(LkJobManager) manager = NULL;
  g_autoptr(GFile) photos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *db = NULL;
  const char *localedir = g_getenv ("LIKENESS_LOCALEDIR");
  const char *step;
  LikenessWindow *window;
  LkJob *job;
  int width, height;

  if (argc != 6)
    {
      g_printerr ("Usage: %s STEP WIDTH HEIGHT PHOTO_FOLDER OUTPUT.png\n", argv[0]);
      return 2;
    }
  step = argv[1];
  width = atoi (argv[2]);
  height = atoi (argv[3]);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();

  /* AdwApplication loads this for the app; here there is no application. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  if (g_str_equal (step, "preferences-training"))
    {
      GtkWidget *preferences = GTK_WIDGET (likeness_preferences_window_new (NULL));

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "training");
      gtk_window_present (GTK_WINDOW (preferences));
      settle (1500);
      render (preferences, argv[5]);
      gtk_window_destroy (GTK_WINDOW (preferences));
      return 0;
    }

  fake = lk_fake_fal_new ();
  if (!lk_fake_fal_start (fake, &error))
    g_error ("No fake fal: %s", error->message);
  lk_fake_fal_configure (fake, g_str_equal (step, "training") ? RUNNING_CONFIG : FINISHED_CONFIG);
  urls = g_strdup_printf ("queue=%s,rest=%s",
                          lk_fake_fal_get_url (fake, LK_FAKE_FAL_QUEUE),
                          lk_fake_fal_get_url (fake, LK_FAKE_FAL_REST));
  g_setenv (LK_FAL_URLS_ENV, urls, TRUE);

  client = lk_fal_client_new ();
  lk_fal_client_set_key (client, LK_FAKE_FAL_KEY);
  db = g_build_filename (g_get_user_data_dir (), "screenshot-jobs.db", NULL);
  store = lk_job_store_new_sync (db, NULL, &error);
  if (store == NULL)
    g_error ("No job store: %s", error->message);
  manager = lk_job_manager_new (client, store);

  window = likeness_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  likeness_window_set_job_manager (window, manager);
  gtk_window_present (GTK_WINDOW (window));

  photos = g_file_new_for_path (argv[4]);
  likeness_window_add_files (window, &photos, 1);
  LIKENESS_TEST_WAIT_WHILE (likeness_window_get_busy (window));

  if (!g_str_equal (step, "photos"))
    likeness_window_show_step (window, "trainer");

  if (g_str_equal (step, "start"))
    {
      GObject *page = gtk_widget_get_template_child (GTK_WIDGET (window), LIKENESS_TYPE_WINDOW, "compare_page");
      GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (page));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      /* The portrait trainer, as recommended; its plan needs a moment. */
      settle (1500);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }

  if (g_str_equal (step, "training") || g_str_equal (step, "result"))
    {
      GObject *page = gtk_widget_get_template_child (GTK_WIDGET (window), LIKENESS_TYPE_WINDOW, "compare_page");
      GObject *start = gtk_widget_get_template_child (GTK_WIDGET (page), LIKENESS_TYPE_COMPARE_PAGE,
                                                      "start_button");

      /* The fast trainer costs $1.00: no question before it starts. */
      likeness_compare_page_select_trainer (LIKENESS_COMPARE_PAGE (page), "fal-ai/flux-lora-fast-training");
      LIKENESS_TEST_WAIT_WHILE (!gtk_widget_get_sensitive (GTK_WIDGET (start)));
      g_signal_emit_by_name (start, "clicked");
      LIKENESS_TEST_WAIT_WHILE (likeness_window_get_shown_job (window) == NULL);
      job = likeness_window_get_shown_job (window);

      if (g_str_equal (step, "training"))
        LIKENESS_TEST_WAIT_WHILE (lk_job_get_phase (job) != LK_JOB_PHASE_RUNNING ||
                                  lk_job_get_last_log_line (job) == NULL);
      else
        LIKENESS_TEST_WAIT_WHILE (!lk_job_phase_is_finished (lk_job_get_phase (job)));
    }

  /* Thumbnails, log lines and the last frame. */
  settle (1500);
  render (GTK_WIDGET (window), argv[5]);

  gtk_window_destroy (GTK_WINDOW (window));
  settle (100);

  return 0;
}
