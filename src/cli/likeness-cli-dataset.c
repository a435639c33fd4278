/* likeness-cli-dataset.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-cli-dataset"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "likeness-cli-dataset.h"

static gboolean
sigint_cb (gpointer user_data)
{
  LikenessCliRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

void
likeness_cli_run_init (LikenessCliRun *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  run->sigint_id = g_unix_signal_add (SIGINT, sigint_cb, run);
  run->tty = isatty (STDERR_FILENO);
  run->last_step = -1;
}

void
likeness_cli_run_clear (LikenessCliRun *run)
{
  g_clear_handle_id (&run->sigint_id, g_source_remove);
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->cancellable);
}

/* On a terminal one line is redrawn; otherwise a plain line is printed at
 * each tenth, so logs stay readable. */
void
likeness_cli_progress (LikenessCliRun *run,
                       const char     *label,
                       guint           done,
                       guint           total)
{
  int step;

  if (total == 0)
    return;

  if (run->tty)
    {
      fprintf (stderr, "\r%s %u/%u (%u%%)\033[K", label, done, total, done * 100 / total);
      fflush (stderr);
      return;
    }

  step = (int) (done * 10 / total);
  if (step == run->last_step)
    return;
  run->last_step = step;
  fprintf (stderr, "%s %u/%u (%u%%)\n", label, done, total, done * 100 / total);
}

void
likeness_cli_progress_fraction (LikenessCliRun *run,
                                const char     *label,
                                double          fraction)
{
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100);

  if (run->tty)
    {
      fprintf (stderr, "\r%s %d%%\033[K", label, percent);
      fflush (stderr);
      return;
    }
  if (percent / 10 == run->last_step)
    return;
  run->last_step = percent / 10;
  fprintf (stderr, "%s %d%%\n", label, percent);
}

void
likeness_cli_progress_end (LikenessCliRun *run)
{
  if (run->tty)
    fprintf (stderr, "\r\033[K");
  run->last_step = -1;
}

typedef struct
{
  LikenessCliRun *run;
  GError         *error;
  gboolean        done;
} ScanState;

static void
scan_progress_cb (LkDataset  *dataset,
                  GParamSpec *pspec,
                  ScanState  *state)
{
  likeness_cli_progress (state->run, _("Reading images…"),
                         lk_dataset_get_files_done (dataset),
                         lk_dataset_get_files_found (dataset));
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScanState *state = user_data;

  lk_dataset_add_files_finish (LK_DATASET (object), result, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->run->loop);
}

/**
 * likeness_cli_scan:
 * @run: the run
 * @paths: files and folders from the command line
 * @error: a #GError; %G_IO_ERROR_CANCELLED after Ctrl+C
 *
 * Returns: (transfer full) (nullable): the scanned dataset
 */
LkDataset *
likeness_cli_scan (LikenessCliRun  *run,
                   char           **paths,
                   GError         **error)
{
  g_autoptr(LkDataset) dataset = lk_dataset_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  ScanState state = { run, NULL, FALSE };

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (paths[i]));

  g_signal_connect (dataset, "notify::files-done", G_CALLBACK (scan_progress_cb), &state);
  lk_dataset_add_files_async (dataset, (GFile **) files->pdata, files->len, run->cancellable,
                              scan_done_cb, &state);
  if (!state.done)
    g_main_loop_run (run->loop);
  g_signal_handlers_disconnect_by_data (dataset, &state);
  likeness_cli_progress_end (run);

  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return NULL;
    }
  return g_steal_pointer (&dataset);
}

void
likeness_cli_print_report (LkDatasetReport *report,
                           FILE            *stream)
{
  GListModel *model = G_LIST_MODEL (report);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *total = g_format_size (lk_dataset_report_get_total_bytes (report));
  guint n_errors = lk_dataset_report_get_n_errors (report);
  guint n_warnings = lk_dataset_report_get_n_warnings (report);
  guint n_usable = lk_dataset_report_get_n_usable (report);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkDatasetFinding) finding = g_list_model_get_item (model, i);
      LkDatasetImage *image = lk_dataset_finding_get_image (finding);
      const char *severity = lk_dataset_finding_get_severity (finding) == LK_FINDING_SEVERITY_ERROR
                             ? _("error") : _("warning");
      const char *fix = lk_dataset_finding_get_fix_label (finding);

      if (image != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (lk_dataset_image_get_file (image));

          /* Translators: "error: photo.jpg: message". */
          g_string_append_printf (out, _("%s: %s: %s"), severity, name,
                                  lk_dataset_finding_get_message (finding));
        }
      else
        g_string_append_printf (out, "%s: %s", severity, lk_dataset_finding_get_message (finding));
      if (fix != NULL)
        /* Translators: %s is a fix such as "Remove From Dataset". */
        g_string_append_printf (out, _(" [fix: %s]"), fix);
      g_string_append_c (out, '\n');
    }

  /* Translators: the three parts make one summary line. */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u error, ", "%u errors, ", n_errors),
                          n_errors);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u warning, ", "%u warnings, ", n_warnings),
                          n_warnings);
  /* Translators: %u is a count, %s a size such as "300 MB". */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u usable image (%s)\n",
                                            "%u usable images (%s)\n", n_usable),
                          n_usable, total);
  fputs (out->str, stream);
}
