/* likeness-cli-pack.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * likeness-cli pack DIR… -o FILE.zip [--max-side N] [--keep-metadata] [--dry-run]
 */

#define G_LOG_DOMAIN "likeness-cli-pack"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "likeness-cli.h"
#include "likeness-cli-dataset.h"

typedef struct
{
  LikenessCliRun *run;
  LkPackManifest *manifest;   /* (owned) (nullable) */
  GError         *error;
  gboolean        done;
} PackState;

static void
pack_progress_cb (LkPacker   *packer,
                  GParamSpec *pspec,
                  PackState  *state)
{
  likeness_cli_progress_fraction (state->run, _("Packing…"), lk_packer_get_fraction (packer));
}

static void
pack_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PackState *state = user_data;

  state->manifest = lk_packer_pack_finish (LK_PACKER (object), result, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->run->loop);
}

static void
plan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PackState *state = user_data;

  state->manifest = lk_packer_plan_finish (LK_PACKER (object), result, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->run->loop);
}

int
likeness_cli_pack (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkDataset) dataset = NULL;
  g_autoptr(LkPacker) packer = NULL;
  g_autoptr(LkDatasetReport) report = NULL;
  g_autoptr(GFile) output_file = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean keep_metadata = FALSE;
  gboolean dry_run = FALSE;
  int max_side = 0;
  LkTrainerConstraints constraints;
  LikenessCliRun run = { 0 };
  PackState state = { &run, NULL, NULL, FALSE };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The ZIP file to write"), N_("FILE.zip") },
    { "max-side", 0, 0, G_OPTION_ARG_INT, &max_side,
      N_("Shrink images whose longest side is longer (pixels)"), N_("N") },
    { "keep-metadata", 0, 0, G_OPTION_ARG_NONE, &keep_metadata,
      N_("Keep EXIF, GPS and other metadata in the images"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only print what would be packed"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("DIR…") },
    { NULL }
  };
  int status = LK_CLI_EXIT_OK;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Pack a dataset into a ZIP for training, without "
                                           "private metadata."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return LK_CLI_EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr ("%s\n", _("Give at least one folder or image to pack."));
      return LK_CLI_EXIT_USAGE;
    }
  if (output == NULL && !dry_run)
    {
      g_printerr ("%s\n", _("Say where to write the ZIP with -o FILE.zip."));
      return LK_CLI_EXIT_USAGE;
    }
  if (max_side < 0 || max_side > 65535 || (max_side > 0 && max_side < 64))
    {
      g_printerr ("%s\n", _("--max-side must be between 64 and 65535 pixels."));
      return LK_CLI_EXIT_USAGE;
    }

  likeness_cli_run_init (&run);
  dataset = likeness_cli_scan (&run, paths, &error);
  if (dataset == NULL)
    {
      status = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               ? LK_CLI_EXIT_CANCELLED : LK_CLI_EXIT_FAILURE;
      g_printerr ("%s\n", error->message);
      goto out;
    }

  lk_trainer_constraints_init_default (&constraints);
  report = lk_dataset_check (G_LIST_MODEL (dataset), &constraints, NULL);
  if (lk_dataset_report_get_n_errors (report) > 0)
    {
      guint n = lk_dataset_report_get_n_errors (report);

      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "The dataset has %u error; run “likeness-cli check” for details. "
                               "Images that cannot be used are left out.\n",
                               "The dataset has %u errors; run “likeness-cli check” for details. "
                               "Images that cannot be used are left out.\n", n), n);
    }

  packer = lk_packer_new (G_LIST_MODEL (dataset));
  lk_packer_set_keep_metadata (packer, keep_metadata);
  lk_packer_set_max_side (packer, (guint) max_side);

  if (dry_run)
    lk_packer_plan_async (packer, run.cancellable, plan_done_cb, &state);
  else
    {
      output_file = g_file_new_for_commandline_arg (output);
      g_signal_connect (packer, "notify::fraction", G_CALLBACK (pack_progress_cb), &state);
      lk_packer_pack_to_file_async (packer, output_file, run.cancellable, pack_done_cb, &state);
    }
  if (!state.done)
    g_main_loop_run (run.loop);
  likeness_cli_progress_end (&run);

  if (state.manifest == NULL)
    {
      status = g_error_matches (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               ? LK_CLI_EXIT_CANCELLED : LK_CLI_EXIT_FAILURE;
      g_printerr ("%s\n", state.error->message);
      g_clear_error (&state.error);
      goto out;
    }

  if (dry_run)
    printf ("%s\n", _("Would pack (sizes marked ~ are estimates):"));
  else
    {
      g_autofree char *name = g_file_get_parse_name (output_file);

      /* Translators: %s is the ZIP file name. */
      printf (_("Wrote %s:\n"), name);
    }
  text = lk_pack_manifest_format (state.manifest);
  fputs (text, stdout);
  if (!keep_metadata)
    printf ("%s\n", _("Location, camera and other metadata were removed from every image."));

out:
  g_clear_object (&state.manifest);
  likeness_cli_run_clear (&run);
  return status;
}
