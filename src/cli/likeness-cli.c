/* likeness-cli.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "lk-core.h"

#include "likeness-cli.h"

static const LkCliCommand commands[] = {
  /* Area: fal verbs (issue 3) */
  { "key",      lk_cli_key,      N_("Store, remove or locate the fal API key") },
  { "upload",   lk_cli_upload,   N_("Upload a file to fal storage and print its URL") },
  { "submit",   lk_cli_submit,   N_("Submit a request to a fal endpoint") },
  { "status",   lk_cli_status,   N_("Show the state of a request") },
  { "logs",     lk_cli_logs,     N_("Print or follow the logs of a request") },
  { "result",   lk_cli_result,   N_("Print the output of a completed request") },
  { "cancel",   lk_cli_cancel,   N_("Cancel a request") },
  { "download", lk_cli_download, N_("Download a result file") },

  /* Area: dataset verbs (issue 4) */
  { "check", likeness_cli_check, N_("Check a dataset for problems") },
  { "pack", likeness_cli_pack, N_("Pack a dataset into a private ZIP") },

  /* Area: catalog verbs (issue 5) */
  { "trainers", lk_cli_trainers, N_("List the fal trainers, their inputs and prices") },
  { "compare", lk_cli_compare, N_("Compare trainers side by side, with price and time") },
  { "presets", lk_cli_presets, N_("List the built-in presets and your own") },
  { "preset", lk_cli_preset, N_("Export a preset to a file, or import one") },

  /* Area: job verbs (issue 6) */
  { "jobs", lk_cli_jobs_main, N_("List training jobs and this month’s spending") },
  { "train", lk_cli_train, N_("Train a LoRA on a folder of images, from upload to download") },
  { "attach", lk_cli_attach, N_("Follow a job again, or resume one that stopped") },
  { "try", lk_cli_try, N_("Try a trained model on sample prompts") },

  { NULL, NULL, NULL },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: likeness-cli COMMAND [OPTION…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “likeness-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "\n%s\n", _("Exit status: 0 success, 1 failure, 2 bad usage, 3 missing or refused API key, "
                               "4 dataset has errors, 130 cancelled."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* stdout carries --json output; GLib's debug messages must not mix in. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2)
    {
      print_usage (stderr);
      return LK_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return LK_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("likeness-cli %s\n", PACKAGE_VERSION);
      return LK_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].func (argc - 1, argv + 1);
    }

  /* Translators: %s is the command the user typed. */
  g_printerr (_("Unknown command “%s”.\n"), argv[1]);
  print_usage (stderr);
  return LK_CLI_EXIT_USAGE;
}
