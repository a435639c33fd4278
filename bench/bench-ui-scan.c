/* bench-ui-scan.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Does the window keep up while 300 photos are dropped on it? The photos
 * (640×800 JPEGs, made before the clock starts) go to a visible window
 * exactly as a drop does; the dataset reads them in its threads while the
 * grid, the doctor and the readiness line follow. A 1 ms timeout measures
 * the longest gap between two of its runs, which is the longest time the
 * main loop could not answer the person. Fails when it exceeds 50 ms.
 *
 *   bench-ui-scan              prints "key value" lines
 *   bench-ui-scan --core-only  the same scan into an LkDataset alone
 *
 * LIKENESS_BENCH_PHOTOS changes the number of photos (default 300), and
 * LIKENESS_BENCH_PHOTO_DIR scans that folder instead of making one. Run it
 * under xvfb-run -a; it sets GDK_BACKEND=x11 GSK_RENDERER=cairo itself.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <adwaita.h>

#include "dataset-fixtures.h"
#include "likeness-test-display.h"
#include "likeness-window.h"

#define STALL_LIMIT_MS 50

static gint64 last_tick;
static gint64 max_gap;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    max_gap = MAX (max_gap, now - last_tick);

  last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
core_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  lk_dataset_add_files_finish (LK_DATASET (object), result, NULL);
  *done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = likeness_test_display_init (&argc, &argv);
  g_autofree char *dir = NULL;
  g_autoptr(GFile) folder = NULL;
  const char *env = g_getenv ("LIKENESS_BENCH_PHOTOS");
  guint n_photos = env ? (guint) atoi (env) : 300;
  LikenessWindow *window;
  struct rusage usage;
  gint64 started, elapsed;
  guint tick;

  dir = g_dir_make_tmp ("likeness-bench-scan-XXXXXX", NULL);
  g_assert_nonnull (dir);
  for (guint i = 0; i < n_photos && !g_getenv ("LIKENESS_BENCH_PHOTO_DIR"); i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (640, 800, i + 1);
      g_autoptr(GBytes) jpeg = fixture_jpeg (pixbuf, 85, 1, FIXTURE_EXIF_NONE);
      g_autofree char *name = g_strdup_printf ("photo-%03u.jpg", i);

      fixture_write (dir, name, jpeg);
    }
  /* A folder of photos made before, to profile the scan alone. */
  if (g_getenv ("LIKENESS_BENCH_PHOTO_DIR") != NULL)
    folder = g_file_new_for_path (g_getenv ("LIKENESS_BENCH_PHOTO_DIR"));
  else
    folder = g_file_new_for_path (dir);

  /* The same scan without the window: what the core alone costs the
   * main loop, for comparison. */
  if (argc > 1 && g_str_equal (argv[1], "--core-only"))
    {
      g_autoptr(LkDataset) dataset = lk_dataset_new ();
      gboolean done = FALSE;

      tick = g_timeout_add (1, tick_cb, NULL);
      started = g_get_monotonic_time ();
      lk_dataset_add_files_async (dataset, (GFile * const *) &folder, 1, NULL, core_done_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      elapsed = g_get_monotonic_time () - started;
      g_source_remove (tick);
      printf ("core_only_photos %u\n", g_list_model_get_n_items (G_LIST_MODEL (dataset)));
      printf ("core_only_scan_ms %" G_GINT64_FORMAT "\n", elapsed / 1000);
      printf ("core_only_max_main_loop_gap_ms %.1f\n", max_gap / 1000.0);
      likeness_test_remove_tree (dir);
      return 0;
    }

  window = g_object_ref_sink (likeness_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  tick = g_timeout_add (1, tick_cb, NULL);
  started = g_get_monotonic_time ();
  likeness_window_add_files (window, &folder, 1);
  while (likeness_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - started;
  g_source_remove (tick);

  getrusage (RUSAGE_SELF, &usage);
  printf ("photos %u\n", likeness_window_get_photo_count (window));
  printf ("scan_ms %" G_GINT64_FORMAT "\n", elapsed / 1000);
  printf ("max_main_loop_gap_ms %.1f\n", max_gap / 1000.0);
  printf ("peak_rss_kib %ld\n", usage.ru_maxrss);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  likeness_test_remove_tree (dir);
  likeness_test_display_shutdown (g_steal_pointer (&home));

  if (max_gap > STALL_LIMIT_MS * 1000)
    {
      fprintf (stderr, "The main loop stalled for %.1f ms (limit %d ms)\n", max_gap / 1000.0, STALL_LIMIT_MS);
      return 1;
    }

  return 0;
}
