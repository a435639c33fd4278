/* bench-log-model.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Appends 100 000 log lines in batches of 20, as a 2 000 lines/s status
 * stream delivers them (without sleeping), to LkLogModel and to a plain
 * GListStore of one-string GObjects (what a GtkStringList amounts to).
 * Each side runs in its own child process so that its peak RSS (VmHWM) is
 * its own; the parent prints ratios.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lk-core.h"

#define N_LINES     100000
#define BATCH       20
/* 2 000 lines/s with LkLogModel's 100 ms flush: a flush every 200 lines. */
#define FLUSH_EVERY (2000 * LK_LOG_MODEL_FLUSH_MSEC / 1000 / BATCH)
#define N_RUNS      3
/* The cap a log view might set to keep memory flat on endless logs. */
#define CAPPED_LINES 10000

/* The GListStore side's item: one string, as GtkStringObject. */
#define BENCH_TYPE_LINE (bench_line_get_type ())
G_DECLARE_FINAL_TYPE (BenchLine, bench_line, BENCH, LINE, GObject)

struct _BenchLine
{
  GObject  parent_instance;
  char    *string;
};

G_DEFINE_FINAL_TYPE (BenchLine, bench_line, G_TYPE_OBJECT)

static void
bench_line_finalize (GObject *object)
{
  g_free (BENCH_LINE (object)->string);
  G_OBJECT_CLASS (bench_line_parent_class)->finalize (object);
}

static void
bench_line_class_init (BenchLineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_line_finalize;
}

static void
bench_line_init (BenchLine *self)
{
}

static gint64
read_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

static GPtrArray *
make_entries (void)
{
  GPtrArray *entries = g_ptr_array_new_full (N_LINES, NULL);

  for (guint i = 0; i < N_LINES; i++)
    {
      LkFalLog *entry = g_new0 (LkFalLog, 1);

      entry->timestamp = g_strdup_printf ("2026-11-25T08:%02u:%02u.%06uZ",
                                          i / 120000 % 60, i / 2000 % 60, i % 2000 * 500);
      entry->message = g_strdup_printf ("Step %u/100000: loss=0.%06u lr=0.0002 (%u.%u it/s)",
                                        i + 1, (i * 7919) % 1000000, 10 + i % 7, i % 10);
      entry->level = g_strdup ("INFO");
      entry->source = g_strdup ("user");
      g_ptr_array_add (entries, entry);
    }

  return entries;
}

/* A following view fetches the newest row after each change. */
static void
follow_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           gpointer    user_data)
{
  guint n = g_list_model_get_n_items (model);

  if (n > 0)
    g_object_unref (g_list_model_get_item (model, n - 1));
}

static void
run_log_model (GPtrArray *entries,
               guint      max_lines)
{
  g_autoptr(LkLogModel) model = lk_log_model_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_sized_new (BATCH);

  lk_log_model_set_max_lines (model, max_lines);

  g_signal_connect (model, "items-changed", G_CALLBACK (follow_cb), NULL);

  for (guint i = 0; i < N_LINES; i += BATCH)
    {
      g_ptr_array_set_size (batch, 0);
      for (guint j = i; j < i + BATCH; j++)
        g_ptr_array_add (batch, g_ptr_array_index (entries, j));

      lk_log_model_append_entries (model, batch);

      if ((i / BATCH + 1) % FLUSH_EVERY == 0)
        lk_log_model_flush (model);
    }

  lk_log_model_flush (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    max_lines > 0 ? MIN (max_lines, N_LINES) : N_LINES);
}

static void
run_list_store (GPtrArray *entries)
{
  g_autoptr(GListStore) store = g_list_store_new (BENCH_TYPE_LINE);
  gpointer items[BATCH];

  g_signal_connect (store, "items-changed", G_CALLBACK (follow_cb), NULL);

  for (guint i = 0; i < N_LINES; i += BATCH)
    {
      for (guint j = 0; j < BATCH; j++)
        {
          const LkFalLog *entry = g_ptr_array_index (entries, i + j);
          BenchLine *line = g_object_new (BENCH_TYPE_LINE, NULL);

          line->string = g_strconcat (entry->timestamp, " ", entry->message, NULL);
          items[j] = line;
        }

      g_list_store_splice (store, i, 0, items, BATCH);

      for (guint j = 0; j < BATCH; j++)
        g_object_unref (items[j]);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, N_LINES);
}

/* Prints "usec hwm_before_kb hwm_after_kb". The models are measured while
 * alive: the child exits right after reading VmHWM. */
static int
run_child (const char *which)
{
  g_autoptr(GPtrArray) entries = make_entries ();
  gint64 before = read_hwm_kb ();
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  if (g_str_equal (which, "lk"))
    run_log_model (entries, 0);
  else if (g_str_equal (which, "lk-capped"))
    run_log_model (entries, CAPPED_LINES);
  else if (g_str_equal (which, "store"))
    run_list_store (entries);
  else
    return 2;

  elapsed = g_get_monotonic_time () - start;
  printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
          elapsed, before, read_hwm_kb ());
  fflush (stdout);

  /* The entries are leaked on purpose: freeing 400 000 strings is no part
   * of the measure. */
  _exit (0);
}

typedef struct
{
  gint64 usec;
  gint64 rss_delta_kb;
} Sample;

static gboolean
run_in_child (const char *self_path,
              const char *which,
              Sample     *sample)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self_path, "--child", which, NULL };
  gint64 usec, before, after;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-log-model: child %s failed: %s\n", which, error->message);
      return FALSE;
    }

  if (sscanf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
              &usec, &before, &after) != 3 || before < 0 || after < 0)
    {
      g_printerr ("bench-log-model: child %s printed “%s”\n", which, out);
      return FALSE;
    }

  sample->usec = usec;
  sample->rss_delta_kb = after - before;

  return TRUE;
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const Sample *sa = a;
  const Sample *sb = b;

  return (sa->usec > sb->usec) - (sa->usec < sb->usec);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self_path = NULL;
  Sample lk[N_RUNS];
  Sample store[N_RUNS];
  Sample capped[N_RUNS];
  Sample lk_median, store_median, capped_median;

  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  /* Interleaved, so that a busy moment on the machine hits both sides. */
  for (guint i = 0; i < N_RUNS; i++)
    {
      if (!run_in_child (self_path, "lk", &lk[i]) ||
          !run_in_child (self_path, "store", &store[i]) ||
          !run_in_child (self_path, "lk-capped", &capped[i]))
        return 1;
    }

  qsort (lk, N_RUNS, sizeof (Sample), compare_samples);
  qsort (store, N_RUNS, sizeof (Sample), compare_samples);
  qsort (capped, N_RUNS, sizeof (Sample), compare_samples);
  lk_median = lk[N_RUNS / 2];
  store_median = store[N_RUNS / 2];
  capped_median = capped[N_RUNS / 2];

  printf ("bench-log-model: %d lines in batches of %d (a 2000 lines/s stream, "
          "a flush every %d batches), median of %d runs each\n",
          N_LINES, BATCH, FLUSH_EVERY, N_RUNS);
  printf ("  append time, LkLogModel / GListStore: %.2f\n",
          (double) lk_median.usec / (double) MAX (store_median.usec, 1));
  printf ("  peak RSS growth, LkLogModel / GListStore: %.2f "
          "(%.1f MiB vs %.1f MiB; %.0f vs %.0f bytes a line)\n",
          (double) lk_median.rss_delta_kb / (double) MAX (store_median.rss_delta_kb, 1),
          lk_median.rss_delta_kb / 1024.0, store_median.rss_delta_kb / 1024.0,
          lk_median.rss_delta_kb * 1024.0 / N_LINES,
          store_median.rss_delta_kb * 1024.0 / N_LINES);
  printf ("  with max-lines %d, LkLogModel / GListStore: time %.2f, peak RSS growth %.2f "
          "(%.1f MiB)\n",
          CAPPED_LINES,
          (double) capped_median.usec / (double) MAX (store_median.usec, 1),
          (double) capped_median.rss_delta_kb / (double) MAX (store_median.rss_delta_kb, 1),
          capped_median.rss_delta_kb / 1024.0);

  return 0;
}
