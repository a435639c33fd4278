/* likeness-cli-train.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-cli-train"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "likeness-cli-job-common.h"
#include "likeness-cli.h"

static GVariant *
parse_settings (LkCliJobs   *jobs,
                const char  *trainer,
                char       **settings,
                int         *exit_code)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autoptr(GError) error = NULL;
      const char *equals = strchr (settings[i], '=');

      if (equals == NULL || equals == settings[i])
        {
          *exit_code = lk_cli_usage_error ("train", _("Write each --set as NAME=VALUE, e.g. --set steps=1000."));
          return NULL;
        }

      name = g_strndup (settings[i], equals - settings[i]);
      value = lk_job_manager_parse_setting (jobs->manager, trainer, name, equals + 1, &error);
      if (value == NULL)
        {
          *exit_code = lk_cli_usage_error ("train", error->message);
          return NULL;
        }
      g_variant_dict_insert_value (&dict, name, value);
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/**
 * lk_cli_train:
 *
 * `likeness-cli train DIR… --trainer ID [--preset NAME] [--set key=value…]
 * [--yes] [--max-cost USD] [--json]`: the whole job, from the folder to the
 * LoRA on disk. The price is shown and confirmed before anything is sent.
 */
int
lk_cli_train (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliJobs) jobs = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GVariant) overrides = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trainer = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *name = NULL;
  g_autofree char *max_cost_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *price = NULL;
  g_autofree char *question = NULL;
  g_auto(GStrv) settings = NULL;
  gboolean yes = FALSE;
  gboolean json = FALSE;
  double max_cost = -1;
  gint64 continue_id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "trainer", 't', 0, G_OPTION_ARG_STRING, &trainer, N_("The fal trainer, e.g. fal-ai/flux-lora-portrait-trainer"), N_("ID") },
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset, N_("A preset of that trainer, e.g. portrait-fast"), N_("NAME") },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &settings, N_("Set one input of the trainer (repeatable)"), N_("NAME=VALUE") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("What to call the job (the folder’s name by default)"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Put the model in a folder under DIR"), N_("DIR") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Start without asking to confirm the price"), NULL },
    { "max-cost", 0, 0, G_OPTION_ARG_STRING, &max_cost_text, N_("Refuse to start if the estimate is above USD"), N_("USD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write progress and the outcome as JSON lines"), NULL },
    { "continue", 0, 0, G_OPTION_ARG_INT64, &continue_id,
      N_("Continue training job ID from its LoRA, on the same data (portrait trainer)"), N_("ID") },
    { NULL }
  };

  context = lk_cli_option_context_new ("train", N_("DIR…"),
                                       _("Train a LoRA on the images in DIR (folders and image files) "
                                         "with a fal trainer, and download it.\n\n"
                                         "The price is shown first and asked for (or accepted with --yes). "
                                         "Progress goes to standard error. Ctrl+C asks whether to cancel "
                                         "the training on fal or to detach and let it run; without a "
                                         "terminal it detaches. A detached or interrupted job is followed "
                                         "again with “likeness-cli attach ID”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, "train", &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;

  if (continue_id < 0)
    return lk_cli_usage_error ("train", _("Give the number of a job, as “likeness-cli jobs” lists it."));
  if (continue_id == 0 && argc < 2)
    return lk_cli_usage_error ("train", _("Give at least one folder or image to train on."));
  if (continue_id > 0 && argc > 1)
    return lk_cli_usage_error ("train", _("A continued training uses the data of the first one; give no folders."));
  if (continue_id == 0 && (trainer == NULL || *trainer == '\0'))
    return lk_cli_usage_error ("train", _("Choose a trainer with --trainer ID, e.g. "
                                          "--trainer fal-ai/flux-lora-portrait-trainer."));
  if (max_cost_text != NULL)
    {
      char *end = NULL;

      max_cost = g_ascii_strtod (max_cost_text, &end);
      if (end == max_cost_text || *end != '\0' || max_cost < 0)
        return lk_cli_usage_error ("train", _("--max-cost takes an amount in US dollars, e.g. 2.50."));
    }

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (sources, g_file_new_for_commandline_arg (argv[i]));

  jobs = lk_cli_jobs_open ("train", TRUE, json, &status);
  if (jobs == NULL)
    return status;
  if (output != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_commandline_arg (output);
      g_autofree char *path = g_file_get_path (folder);

      lk_job_manager_set_download_folder (jobs->manager, path);
    }

  if (continue_id > 0)
    {
      g_autoptr(LkJobRecord) done = NULL;
      g_autoptr(GVariant) steps = NULL;
      gint64 n_steps = 0;

      lk_job_store_get_async (jobs->store, continue_id, NULL, lk_cli_session_done_cb, jobs->session);
      done = lk_job_store_get_finish (jobs->store, lk_cli_session_wait (jobs->session), &error);
      if (done == NULL)
        return lk_cli_session_report_error (jobs->session, error, json);

      g_free (trainer);
      trainer = g_strdup (done->trainer);
      overrides = parse_settings (jobs, trainer, settings, &status);
      if (overrides == NULL)
        return status;
      steps = g_variant_lookup_value (overrides, "steps", G_VARIANT_TYPE_INT64);
      if (steps != NULL)
        n_steps = g_variant_get_int64 (steps);

      record = lk_job_manager_build_continuation (jobs->manager, done, (guint) CLAMP (n_steps, 0, G_MAXUINT),
                                                  &error);
    }
  else
    {
      overrides = parse_settings (jobs, trainer, settings, &status);
      if (overrides == NULL)
        return status;

      record = lk_job_manager_build_record (jobs->manager, trainer, preset, overrides,
                                            (GFile * const *) sources->pdata, sources->len, name, &error);
    }
  if (record == NULL)
    return lk_cli_session_report_error (jobs->session, error, json);

  price = lk_cli_jobs_format_cost (record->cost_estimate);
  if (record->cost_estimate >= 0)
    /* Translators: the first %s is an amount such as “$2.00”, the second a trainer id. */
    g_printerr (_("This training costs about %s on %s.\n"), price, trainer);
  else
    /* Translators: %s is a trainer id. */
    g_printerr (_("fal publishes no price for %s; the cost is not known in advance.\n"), trainer);

  if (max_cost >= 0 && (record->cost_estimate < 0 || record->cost_estimate > max_cost))
    {
      g_autofree char *limit = lk_format_usd (max_cost);

      /* Translators: %s is the limit given with --max-cost, such as “$2.00”. */
      g_printerr (_("Not started: the estimate is above (or not known to be under) --max-cost %s.\n"), limit);
      return LK_CLI_EXIT_FAILURE;
    }

  if (!lk_cli_jobs_check_spending (jobs, record->cost_estimate, &status))
    return status;

  question = g_strdup (_("Start the training?"));
  if (!lk_cli_jobs_confirm (question, yes, &status))
    return status;

  lk_job_manager_add_async (jobs->manager, record, NULL, lk_cli_session_done_cb, jobs->session);
  job = lk_job_manager_add_finish (jobs->manager, lk_cli_session_wait (jobs->session), &error);
  if (job == NULL)
    return lk_cli_session_report_error (jobs->session, error, json);

  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, lk_job_get_id (job));

    /* Translators: %s is a job number. */
    g_printerr (_("Job %s started.\n"), number);
  }

  lk_job_start (job);
  return lk_cli_jobs_follow (jobs, job);
}
