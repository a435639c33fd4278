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
 *
 * max_main_loop_gap_cpu_ms is the most CPU the main thread itself used
 * within one gap: when the gap is much longer, the thread was waiting for a
 * core that other processes had. LIKENESS_BENCH_TRACE=1 prints, on stderr,
 * each gap over 15 ms, each frame over 10 ms with its update, layout and
 * paint phases, and each batch of photos the grid received.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <adwaita.h>

#include "dataset-fixtures.h"
#include "likeness-test-display.h"
#include "likeness-dataset-page.h"
#include "likeness-window-private.h"

#define STALL_LIMIT_MS 50

static gint64 last_tick;
static gint64 max_gap;

static gboolean trace;
static gint64 trace_start;
static gint64 frame_start;

static gint64 last_cpu;
static gint64 max_gap_cpu;

/* The main thread's own CPU time, in µs: a gap much longer than the CPU
 * it used is time the thread waited for a core. */
static gint64
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu ();

  if (last_tick != 0)
    {
      max_gap = MAX (max_gap, now - last_tick);
      max_gap_cpu = MAX (max_gap_cpu, cpu - last_cpu);
    }
  if (trace && last_tick != 0 && now - last_tick > 15000)
    fprintf (stderr, "%7.1f gap %.1f ms (main thread CPU %.1f ms)\n", (now - trace_start) / 1000.0,
             (now - last_tick) / 1000.0, (cpu - last_cpu) / 1000.0);
  last_cpu = cpu;

  last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
frame_begin_cb (GdkFrameClock *clock)
{
  frame_start = g_get_monotonic_time ();
}

static gint64 layout_start, paint_start;

static void
layout_cb (GdkFrameClock *clock)
{
  layout_start = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock)
{
  paint_start = g_get_monotonic_time ();
}

static void
frame_end_cb (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  if (now - frame_start > 10000)
    fprintf (stderr, "%7.1f frame %.1f ms (update %.1f layout %.1f paint %.1f)\n", (now - trace_start) / 1000.0,
             (now - frame_start) / 1000.0, (layout_start - frame_start) / 1000.0,
             (paint_start - layout_start) / 1000.0, (now - paint_start) / 1000.0);
}

static void
items_changed_trace_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added)
{
  fprintf (stderr, "%7.1f items-changed +%u (n=%u)\n", (g_get_monotonic_time () - trace_start) / 1000.0,
           added, g_list_model_get_n_items (model));
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
      printf ("core_only_max_main_loop_gap_cpu_ms %.1f\n", max_gap_cpu / 1000.0);
      likeness_test_remove_tree (dir);
      return 0;
    }

  window = g_object_ref_sink (likeness_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  trace = g_getenv ("LIKENESS_BENCH_TRACE") != NULL;
  if (trace)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      g_signal_connect (clock, "update", G_CALLBACK (frame_begin_cb), NULL);
      g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
      g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
      g_signal_connect_after (clock, "after-paint", G_CALLBACK (frame_end_cb), NULL);
    }

  tick = g_timeout_add (1, tick_cb, NULL);
  started = trace_start = g_get_monotonic_time ();
  likeness_window_add_files (window, &folder, 1);
  if (trace)
    g_signal_connect (likeness_dataset_page_get_dataset (window->dataset_page), "items-changed",
                      G_CALLBACK (items_changed_trace_cb), NULL);
  while (likeness_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - started;
  g_source_remove (tick);

  getrusage (RUSAGE_SELF, &usage);
  printf ("photos %u\n", likeness_window_get_photo_count (window));
  printf ("scan_ms %" G_GINT64_FORMAT "\n", elapsed / 1000);
  printf ("max_main_loop_gap_ms %.1f\n", max_gap / 1000.0);
  printf ("max_main_loop_gap_cpu_ms %.1f\n", max_gap_cpu / 1000.0);
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
