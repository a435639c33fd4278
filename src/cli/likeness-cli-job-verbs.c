/* likeness-cli-job-verbs.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-cli-job-verbs"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "likeness-cli-job-common.h"
#include "likeness-cli.h"

/* The job verbs: `train` lives in likeness-cli-train.c; here are `attach`,
 * `try`, `jobs --json` and the subcommands `jobs cancel|result|delete|clone
 * ID`. The plain `jobs` list (with this month's spending) is
 * likeness-cli-jobs.c. */

static int
list_jobs (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliJobs) jobs = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  gboolean json = FALSE;
  gboolean unfinished = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only jobs whose name contains TEXT"), N_("TEXT") },
    { "unfinished", 0, 0, G_OPTION_ARG_NONE, &unfinished, N_("Only jobs that have not ended"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the list as JSON"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new ("jobs", N_("[cancel|result|delete|clone ID]"),
                                       _("List the training jobs, newest first, or act on one:\n"
                                         "  jobs cancel ID          cancel it (on fal too)\n"
                                         "  jobs result ID [-o DIR] show its result, or download it again\n"
                                         "  jobs delete ID          forget it (the local record only)\n"
                                         "  jobs clone ID           make a new job with the same data and "
                                         "settings\n\n"
                                         "Follow a job with “likeness-cli attach ID”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, "jobs", &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;
  if (argc != 1)
    return lk_cli_usage_error ("jobs", _("Unknown subcommand; see the list in the help."));

  jobs = lk_cli_jobs_open ("jobs", FALSE, json, &status);
  if (jobs == NULL)
    return status;

  lk_job_store_list_async (jobs->store, unfinished ? LK_JOB_LIST_UNFINISHED : LK_JOB_LIST_ALL, search,
                           NULL, lk_cli_session_done_cb, jobs->session);
  records = lk_job_store_list_finish (jobs->store, lk_cli_session_wait (jobs->session), &error);
  if (records == NULL)
    return lk_cli_session_report_error (jobs->session, error, json);

  /* The plain list, with this month's spending, is lk_cli_jobs(). */
  {
    g_autoptr(GString) out = g_string_new ("{\"jobs\":[");

    for (guint i = 0; i < records->len; i++)
      {
        LkJobRecord *record = g_ptr_array_index (records, i);
        GString *object = lk_cli_json_object_new ();
        g_autofree char *text = NULL;

        lk_cli_json_add_int (object, "id", record->id);
        lk_cli_json_add_string (object, "name", record->name);
        lk_cli_json_add_string (object, "trainer", record->trainer);
        lk_cli_json_add_string (object, "preset", record->preset);
        lk_cli_json_add_string (object, "phase", lk_job_phase_to_nick (record->phase));
        lk_cli_json_add_string (object, "request_id", record->request_id);
        lk_cli_json_add_int (object, "created", record->created);
        lk_cli_json_add_bool (object, "billed", record->billed);
        lk_cli_json_add_double (object, "cost_estimate", record->cost_estimate);
        lk_cli_json_add_double (object, "cost_actual", record->cost_actual);
        lk_cli_json_add_string (object, "failure_reason", record->failure_reason);
        lk_cli_json_add_string (object, "result_folder", record->result_folder);
        lk_cli_json_add_string (object, "finetune_id", record->finetune_id);
        text = lk_cli_json_object_end (object);
        if (i > 0)
          g_string_append_c (out, ',');
        g_string_append (out, text);
      }
    g_string_append (out, "]}");
    printf ("%s\n", out->str);
  }

  return LK_CLI_EXIT_OK;
}

static int
one_job_verb (int          argc,
              char       **argv,
              const char  *verb,
              const char  *summary,
              gboolean     with_output,
              gint64      *job_id,
              gboolean    *json,
              char       **output)
{
  g_autoptr(GOptionContext) context = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Write the outcome as JSON"), NULL },
    { NULL }
  };
  const GOptionEntry output_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, output, N_("Download the result into a folder under DIR"), N_("DIR") },
    { NULL }
  };

  context = lk_cli_option_context_new (verb, N_("ID"), summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (with_output)
    g_option_context_add_main_entries (context, output_entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, verb, &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;
  if (argc != 2)
    return lk_cli_usage_error (verb, _("Give the number of a job, as “likeness-cli jobs” lists it."));
  if (!lk_cli_jobs_parse_id (verb, argv[1], job_id, &status))
    return status;

  return LK_CLI_EXIT_OK;
}

int
lk_cli_job_cancel (int    argc,
                   char **argv)
{
  g_autoptr(LkCliJobs) jobs = NULL;
  g_autoptr(LkJob) job = NULL;
  gboolean json = FALSE;
  gint64 id = 0;
  int status;

  status = one_job_verb (argc, argv, "jobs cancel",
                         _("Cancel a job: local work stops, and fal is asked to cancel the training "
                           "when it has it."), FALSE, &id, &json, NULL);
  if (status != LK_CLI_EXIT_OK)
    return status;

  jobs = lk_cli_jobs_open ("jobs cancel", TRUE, json, &status);
  if (jobs == NULL)
    return status;
  job = lk_cli_jobs_open_job (jobs, id, &status);
  if (job == NULL)
    return status;

  if (lk_job_phase_is_finished (lk_job_get_phase (job)))
    {
      /* Translators: %s is a job phase such as “Done”. */
      g_printerr (_("This job has ended already (%s); there is nothing to cancel.\n"),
                  lk_job_phase_get_label (lk_job_get_phase (job)));
      return LK_CLI_EXIT_FAILURE;
    }

  lk_job_cancel (job);
  status = lk_cli_jobs_follow (jobs, job);
  /* A cancel that fal answered "already completed" ends with the result. */
  return status == LK_CLI_EXIT_CANCELLED ? LK_CLI_EXIT_OK : status;
}

int
lk_cli_job_result (int    argc,
                   char **argv)
{
  g_autoptr(LkCliJobs) jobs = NULL;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gboolean json = FALSE;
  gint64 id = 0;
  int status;
  LkJobPhase phase;

  status = one_job_verb (argc, argv, "jobs result",
                         _("Show where a finished job’s model is and the prompt to use it with. "
                           "With -o DIR, or when the files are missing, download them again."),
                         TRUE, &id, &json, &output);
  if (status != LK_CLI_EXIT_OK)
    return status;

  jobs = lk_cli_jobs_open ("jobs result", TRUE, json, &status);
  if (jobs == NULL)
    return status;
  if (output != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_commandline_arg (output);
      g_autofree char *path = g_file_get_path (folder);

      lk_job_manager_set_download_folder (jobs->manager, path);
    }
  job = lk_cli_jobs_open_job (jobs, id, &status);
  if (job == NULL)
    return status;

  phase = lk_job_get_phase (job);
  if (phase == LK_JOB_PHASE_DONE && output == NULL && lk_job_get_result_folder (job) != NULL &&
      g_file_test (lk_job_get_result_folder (job), G_FILE_TEST_IS_DIR))
    {
      lk_cli_jobs_print_result (jobs, job);
      return LK_CLI_EXIT_OK;
    }

  if (!lk_job_phase_is_finished (phase) && phase != LK_JOB_PHASE_CANCELLED)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* Translators: %s is a job number. */
      g_printerr (_("Job %s has no result yet; follow it with “likeness-cli attach %s”.\n"), number, number);
      return LK_CLI_EXIT_FAILURE;
    }

  if (!lk_job_fetch_files (job, &error))
    return lk_cli_session_report_error (jobs->session, error, json);
  return lk_cli_jobs_follow (jobs, job);
}

static int
delete_job (int    argc,
            char **argv)
{
  g_autoptr(LkCliJobs) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  gboolean json = FALSE;
  gint64 id = 0;
  int status;

  status = one_job_verb (argc, argv, "jobs delete",
                         _("Forget a job. Only the local record is deleted: nothing is cancelled "
                           "at fal and the downloaded files stay."), FALSE, &id, &json, NULL);
  if (status != LK_CLI_EXIT_OK)
    return status;

  jobs = lk_cli_jobs_open ("jobs delete", FALSE, json, &status);
  if (jobs == NULL)
    return status;

  lk_job_store_delete_async (jobs->store, id, NULL, lk_cli_session_done_cb, jobs->session);
  if (!lk_job_store_delete_finish (jobs->store, lk_cli_session_wait (jobs->session), &error))
    return lk_cli_session_report_error (jobs->session, error, json);

  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: %s is a job number. */
  g_printerr (_("Deleted the local record of job %s. Nothing was changed at fal, and no files were removed.\n"),
              number);
  return LK_CLI_EXIT_OK;
}

static int
clone_job (int    argc,
           char **argv)
{
  g_autoptr(LkCliJobs) jobs = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  gboolean json = FALSE;
  gint64 id = 0;
  int status;

  status = one_job_verb (argc, argv, "jobs clone",
                         _("Make a new job with the same data and settings. It is not started: "
                           "start it with “likeness-cli attach ID”."), FALSE, &id, &json, NULL);
  if (status != LK_CLI_EXIT_OK)
    return status;

  jobs = lk_cli_jobs_open ("jobs clone", FALSE, json, &status);
  if (jobs == NULL)
    return status;

  lk_job_store_clone_async (jobs->store, id, NULL, lk_cli_session_done_cb, jobs->session);
  record = lk_job_store_clone_finish (jobs->store, lk_cli_session_wait (jobs->session), &error);
  if (record == NULL)
    return lk_cli_session_report_error (jobs->session, error, json);

  number = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
  /* Translators: %s is a job number. */
  g_printerr (_("Created job %s. Start it with “likeness-cli attach %s”.\n"), number, number);
  if (json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_int (object, "id", record->id);
      lk_cli_json_print (object);
    }
  return LK_CLI_EXIT_OK;
}

/**
 * lk_cli_jobs_main:
 *
 * `likeness-cli jobs`: the job list, and the subcommands on one job.
 */
int
lk_cli_jobs_main (int    argc,
                  char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "cancel"))
    return lk_cli_job_cancel (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "result"))
    return lk_cli_job_result (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "delete"))
    return delete_job (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "clone"))
    return clone_job (argc - 1, argv + 1);

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--json") || g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return list_jobs (argc, argv);

  return lk_cli_jobs (argc, argv);
}

/**
 * lk_cli_attach:
 *
 * `likeness-cli attach ID`: follows a job again. One that fal knows is
 * reattached (status with its logs, then the stream); one that stopped
 * before reaching fal is resumed, without ever being submitted twice.
 */
int
lk_cli_attach (int    argc,
               char **argv)
{
  g_autoptr(LkCliJobs) jobs = NULL;
  g_autoptr(LkJob) job = NULL;
  gboolean json = FALSE;
  gint64 id = 0;
  int status;
  LkJobPhase phase;

  status = one_job_verb (argc, argv, "attach",
                         _("Follow a job again: after a detach, a crash or on another terminal. "
                           "A job that stopped before it reached fal is resumed; it is never "
                           "submitted twice."), FALSE, &id, &json, NULL);
  if (status != LK_CLI_EXIT_OK)
    return status;

  jobs = lk_cli_jobs_open ("attach", TRUE, json, &status);
  if (jobs == NULL)
    return status;
  job = lk_cli_jobs_open_job (jobs, id, &status);
  if (job == NULL)
    return status;

  phase = lk_job_get_phase (job);
  if (lk_job_phase_is_finished (phase))
    {
      /* Translators: %s is a job phase such as “Done”. */
      g_printerr (_("This job has ended (%s).\n"), lk_job_phase_get_label (phase));
      if (phase == LK_JOB_PHASE_DONE)
        lk_cli_jobs_print_result (jobs, job);
      else if (lk_job_get_failure_reason (job) != NULL)
        g_printerr ("%s\n", lk_job_get_failure_reason (job));
      return phase == LK_JOB_PHASE_DONE ? LK_CLI_EXIT_OK : LK_CLI_EXIT_FAILURE;
    }

  if (lk_job_phase_is_local (phase))
    g_printerr ("%s\n", _("This job stopped before it reached fal; resuming it."));
  else
    g_printerr ("%s\n", _("Attaching to the job at fal…"));

  lk_job_start (job);
  return lk_cli_jobs_follow (jobs, job);
}

/**
 * lk_cli_try:
 *
 * `likeness-cli try ID [--prompt TEXT] [--yes]`: runs the sample grid of a
 * finished job, after showing its price.
 */
int
lk_cli_try (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliJobs) jobs = NULL;
  g_autoptr(LkJobRecord) record = NULL;
  g_autoptr(LkSampleGrid) grid = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *price = NULL;
  g_autofree char *question = NULL;
  gboolean yes = FALSE;
  gboolean json = FALSE;
  const double *scales;
  guint n_scales;
  gint64 id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "prompt", 0, 0, G_OPTION_ARG_STRING, &prompt, N_("Try this prompt instead of the preset ones"), N_("TEXT") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Start without asking to confirm the price"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the saved images as JSON"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new ("try", N_("ID"),
                                       _("Try a trained model: a few prompts that suit it, with the "
                                         "trigger, each at LoRA scales 0.6, 0.8 and 1.0 and one fixed "
                                         "seed. The images are saved beside the model. This is paid; "
                                         "the price is shown first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, "try", &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;
  if (argc != 2)
    return lk_cli_usage_error ("try", _("Give the number of a job, as “likeness-cli jobs” lists it."));
  if (!lk_cli_jobs_parse_id ("try", argv[1], &id, &status))
    return status;

  jobs = lk_cli_jobs_open ("try", TRUE, json, &status);
  if (jobs == NULL)
    return status;

  lk_job_store_get_async (jobs->store, id, NULL, lk_cli_session_done_cb, jobs->session);
  record = lk_job_store_get_finish (jobs->store, lk_cli_session_wait (jobs->session), &error);
  if (record == NULL)
    return lk_cli_session_report_error (jobs->session, error, json);

  grid = lk_sample_grid_new (jobs->client, record, &error);
  if (grid == NULL)
    return lk_cli_session_report_error (jobs->session, error, json);
  if (prompt != NULL && *prompt != '\0')
    lk_sample_grid_add_prompt (grid, prompt, TRUE);

  scales = lk_sample_grid_get_scales (grid, &n_scales);
  price = lk_cli_jobs_format_cost (lk_sample_grid_estimate_cost (grid));
  for (const char * const *p = lk_sample_grid_get_prompts (grid); *p != NULL; p++)
    g_printerr ("  %s\n", *p);
  /* Translators: %u is a number of images, the %.1f are LoRA scales, the
   * last %s an amount such as “$0.33” (or “unknown”). */
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "%u image at scales %.1f to %.1f with %s costs about %s.\n",
                           "%u images at scales %.1f to %.1f with %s cost about %s.\n",
                           lk_sample_grid_get_n_images (grid)),
              lk_sample_grid_get_n_images (grid), scales[0], scales[n_scales - 1],
              lk_sample_grid_get_endpoint (grid), price);

  question = g_strdup (_("Generate the images?"));
  if (!lk_cli_jobs_confirm (question, yes, &status))
    return status;

  lk_sample_grid_run_async (grid, jobs->session->cancellable, lk_cli_session_done_cb, jobs->session);
  images = lk_sample_grid_run_finish (grid, lk_cli_session_wait (jobs->session), &error);
  if (images == NULL)
    return lk_cli_session_report_error (jobs->session, error, json);

  /* Translators: %s is a folder. */
  g_printerr (_("Saved in %s\n"), lk_sample_grid_get_folder (grid));
  if (json)
    {
      GString *object = lk_cli_json_object_new ();
      g_autoptr(GString) list = g_string_new ("[");

      for (guint i = 0; i < images->len; i++)
        {
          if (i > 0)
            g_string_append_c (list, ',');
          lk_cli_json_append_string (list, g_ptr_array_index (images, i));
        }
      g_string_append_c (list, ']');
      lk_cli_json_add_string (object, "folder", lk_sample_grid_get_folder (grid));
      lk_cli_json_add_raw (object, "images", list->str);
      lk_cli_json_print (object);
    }
  else
    for (guint i = 0; i < images->len; i++)
      printf ("%s\n", (const char *) g_ptr_array_index (images, i));

  return LK_CLI_EXIT_OK;
}
