/* likeness-cli-check.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * likeness-cli check DIR… [--trainer ID] [--trigger WORD] [--json]
 */

#define G_LOG_DOMAIN "likeness-cli-check"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "likeness-cli.h"
#include "likeness-cli-dataset.h"

int
likeness_cli_check (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkDataset) dataset = NULL;
  g_autoptr(LkDatasetReport) report = NULL;
  g_autofree char *trainer = NULL;
  g_autofree char *trigger = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean json = FALSE;
  LkTrainerConstraints constraints;
  LikenessCliRun run = { 0 };
  const GOptionEntry entries[] = {
    { "trainer", 0, 0, G_OPTION_ARG_STRING, &trainer,
      N_("Check against this trainer’s constraints"), N_("ID") },
    { "trigger", 0, 0, G_OPTION_ARG_STRING, &trigger,
      N_("The trigger word the captions should contain"), N_("WORD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("DIR…") },
    { NULL }
  };
  int status;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Check a dataset for problems before training."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return LK_CLI_EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr ("%s\n", _("Give at least one folder or image to check."));
      return LK_CLI_EXIT_USAGE;
    }
  if (trigger != NULL && !g_utf8_validate (trigger, -1, NULL))
    {
      g_printerr ("%s\n", _("The trigger word is not valid UTF-8."));
      return LK_CLI_EXIT_USAGE;
    }

  lk_trainer_constraints_init_default (&constraints);
  if (trainer != NULL && !g_str_equal (trainer, "default"))
    {
      /* Translators: %s is a trainer id from the command line. */
      g_printerr (_("Trainer “%s” is not known; checking against the default constraints "
                    "(at least 10 images, 512 px short side)."), trainer);
      g_printerr ("\n");
    }

  likeness_cli_run_init (&run);
  dataset = likeness_cli_scan (&run, paths, &error);
  if (dataset == NULL)
    {
      status = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               ? LK_CLI_EXIT_CANCELLED : LK_CLI_EXIT_FAILURE;
      g_printerr ("%s\n", error->message);
      likeness_cli_run_clear (&run);
      return status;
    }

  report = lk_dataset_check (G_LIST_MODEL (dataset), &constraints, trigger);
  if (json)
    {
      g_autofree char *text = lk_dataset_report_to_json (report);

      printf ("%s\n", text);
    }
  else
    likeness_cli_print_report (report, stdout);

  likeness_cli_run_clear (&run);
  return lk_dataset_report_get_n_errors (report) > 0 ? LK_CLI_EXIT_FINDINGS : LK_CLI_EXIT_OK;
}
