/* likeness-cli-job-common.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-cli-job-common"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "likeness-cli-job-common.h"
#include "likeness-cli.h"

/* How often a plain (not a terminal) progress line may be printed. */
#define PLAIN_INTERVAL_USEC (5 * G_USEC_PER_SEC)

LkCliJobs *
lk_cli_jobs_open (const char *verb,
                  gboolean    with_client,
                  gboolean    json,
                  int        *exit_code)
{
  g_autoptr(LkCliJobs) self = g_new0 (LkCliJobs, 1);
  g_autoptr(GError) error = NULL;

  self->session = lk_cli_session_new ();
  self->json = json;

  /* Loopback tests and people without a desktop session have no GNOME
   * proxy settings; GIO then falls back to the environment on its own. */
  if (with_client)
    {
      self->client = lk_cli_session_create_client (self->session, NULL, &error);
      if (self->client == NULL)
        {
          *exit_code = lk_cli_session_report_error (self->session, error, json);
          return NULL;
        }
    }

  lk_job_store_new_async (NULL, self->session->cancellable, lk_cli_session_done_cb, self->session);
  self->store = lk_job_store_new_finish (lk_cli_session_wait (self->session), &error);
  if (self->store == NULL)
    {
      *exit_code = lk_cli_session_report_error (self->session, error, json);
      return NULL;
    }

  if (self->client != NULL)
    self->manager = lk_job_manager_new (self->client, self->store);

  *exit_code = LK_CLI_EXIT_OK;
  return g_steal_pointer (&self);
}

void
lk_cli_jobs_free (LkCliJobs *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->manager);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_pointer (&self->session, lk_cli_session_free);
  g_free (self);
}

gboolean
lk_cli_jobs_parse_id (const char *verb,
                      const char *text,
                      gint64     *job_id,
                      int        *exit_code)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *exit_code = lk_cli_usage_error (verb, _("Give the number of a job, as “likeness-cli jobs” lists it."));
      return FALSE;
    }

  *job_id = (gint64) value;
  return TRUE;
}

LkJob *
lk_cli_jobs_open_job (LkCliJobs *self,
                      gint64     job_id,
                      int       *exit_code)
{
  g_autoptr(GError) error = NULL;
  LkJob *job;

  g_assert (self->manager != NULL);

  job = lk_job_manager_open_sync (self->manager, job_id, NULL, &error);
  if (job == NULL)
    *exit_code = lk_cli_session_report_error (self->session, error, self->json);
  return job;
}

char *
lk_cli_jobs_format_cost (double usd)
{
  if (usd < 0)
    return g_strdup (_("unknown"));
  return lk_format_usd (usd);
}

/* The schema the window's Preferences write; the CLI honours the same
 * spending cap. An uninstalled build may not have it, and then there is no
 * cap to honour. */
#define SETTINGS_SCHEMA_ID "io.github.likeness.Likeness"

static LkCostPolicy *
dup_cost_policy (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;

  settings = g_settings_new_full (schema, NULL, NULL);
  return lk_cost_policy_new_from_settings (settings);
}

/* Checks a run's @estimate against the monthly spending cap: prints why a
 * run needs care, and returns FALSE (with @exit_code set) when the cap
 * blocks it. */
gboolean
lk_cli_jobs_check_spending (LkCliJobs *self,
                            double     estimate,
                            int       *exit_code)
{
  g_autoptr(LkCostPolicy) policy = dup_cost_policy ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  LkCostVerdict verdict;
  double tally = 0;

  if (policy == NULL)
    return TRUE;

  if (!lk_job_store_month_total_sync (self->store, now, &tally, NULL, &error))
    {
      *exit_code = lk_cli_session_report_error (self->session, error, self->json);
      return FALSE;
    }

  verdict = lk_cost_policy_check (policy, estimate, tally, &error);
  message = lk_cost_verdict_describe (policy, verdict, estimate, tally);
  if (verdict & LK_COST_VERDICT_BLOCKED)
    {
      g_printerr ("%s\n", error != NULL ? error->message : message);
      *exit_code = LK_CLI_EXIT_FAILURE;
      return FALSE;
    }

  if (message != NULL)
    g_printerr ("%s\n", message);

  return TRUE;
}

/* Asks a yes/no question on the terminal. Without one, only --yes says yes. */
gboolean
lk_cli_jobs_confirm (const char *question,
                     gboolean    yes,
                     int        *exit_code)
{
  char answer[64];

  if (yes)
    return TRUE;

  if (!isatty (STDIN_FILENO))
    {
      g_printerr ("%s\n", _("Standard input is not a terminal, so nothing can be confirmed. "
                            "Add --yes to accept the price."));
      *exit_code = LK_CLI_EXIT_USAGE;
      return FALSE;
    }

  /* Translators: the question is followed by the answers the person may
   * type; keep “y” and “N” as they are. */
  g_printerr ("%s %s ", question, _("[y/N]"));
  fflush (stderr);
  if (fgets (answer, sizeof answer, stdin) == NULL ||
      (answer[0] != 'y' && answer[0] != 'Y'))
    {
      g_printerr ("%s\n", _("Nothing was started."));
      *exit_code = LK_CLI_EXIT_CANCELLED;
      return FALSE;
    }

  return TRUE;
}

/* Following a job */

typedef struct
{
  LkCliJobs  *jobs;
  LkJob      *job;
  GMainLoop  *loop;
  gboolean    tty;
  gboolean    drawn;
  gboolean    asking;
  gboolean    detached;
  gint64      last_plain;
  guint       last_step;
} Follow;

static void
json_event (Follow     *follow,
            const char *event,
            GString    *object)
{
  lk_cli_json_add_string (object, "event", event);
  lk_cli_json_add_int (object, "job", lk_job_get_id (follow->job));
  lk_cli_json_print (object);
  fflush (stdout);
}

static void
clear_line (Follow *follow)
{
  if (follow->tty && follow->drawn)
    {
      g_printerr ("\r\033[K");
      follow->drawn = FALSE;
    }
}

static char *
format_eta (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("");
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static void
draw (Follow *follow)
{
  LkJob *job = follow->job;
  LkJobPhase phase = lk_job_get_phase (job);
  double fraction = lk_job_get_fraction (job);
  g_autofree char *eta = format_eta (lk_job_get_eta_seconds (job));
  g_autoptr(GString) line = g_string_new (NULL);
  /* While training, the trainer's own last words; otherwise what the job
   * is doing ("Downloading pytorch_lora_weights.safetensors…"). */
  const char *log = phase == LK_JOB_PHASE_RUNNING ? lk_job_get_last_log_line (job)
                                                  : lk_job_get_status_text (job);
  const char *columns = g_getenv ("COLUMNS");
  glong width = columns != NULL ? MAX (40, atoi (columns)) : 80;

  if (lk_job_phase_is_finished (phase) || follow->asking)
    return;

  if (!follow->tty)
    {
      gint64 now = g_get_monotonic_time ();

      if (lk_job_get_step (job) == follow->last_step || now - follow->last_plain < PLAIN_INTERVAL_USEC)
        return;
      follow->last_plain = now;
      follow->last_step = lk_job_get_step (job);
      /* Translators: step X of Y, then the time left (may be empty). */
      g_printerr (_("Training: step %u of %u %s\n"), lk_job_get_step (job), lk_job_get_total_steps (job), eta);
      return;
    }

  if (g_strcmp0 (log, lk_job_phase_get_label (phase)) == 0)
    log = NULL;

  g_string_append (line, lk_job_phase_get_label (phase));
  if (fraction >= 0)
    {
      int filled = (int) (fraction * 20 + 0.5);

      g_string_append (line, " [");
      for (int i = 0; i < 20; i++)
        g_string_append_c (line, i < filled ? '#' : '-');
      g_string_append_printf (line, "] %3d%%", (int) (fraction * 100 + 0.5));
    }
  if (phase == LK_JOB_PHASE_RUNNING && lk_job_get_total_steps (job) > 0)
    /* Translators: a training's progress, "step 10/1000". */
    g_string_append_printf (line, _("  step %u/%u"), lk_job_get_step (job), lk_job_get_total_steps (job));
  if (phase == LK_JOB_PHASE_QUEUED && lk_job_get_queue_position (job) >= 0)
    /* Translators: the number of requests ahead in fal's queue. */
    g_string_append_printf (line, _("  position %d"), lk_job_get_queue_position (job));
  if (*eta != '\0')
    /* Translators: the estimated time left, such as "1:23". */
    g_string_append_printf (line, _("  ETA %s"), eta);
  if (log != NULL && g_utf8_strlen (line->str, -1) + 5 < width)
    {
      glong room = width - g_utf8_strlen (line->str, -1) - 4;
      g_autofree char *clean = g_strdup (log);

      g_strdelimit (clean, "\r\n\t", ' ');
      if (g_utf8_strlen (clean, -1) > room)
        {
          char *cut = g_utf8_offset_to_pointer (clean, room - 1);

          *cut = '\0';
        }
      g_string_append_printf (line, "  %s", clean);
    }

  g_printerr ("\r\033[K%s", line->str);
  follow->drawn = TRUE;
}

static void
notify_cb (LkJob      *job,
           GParamSpec *pspec,
           Follow     *follow)
{
  draw (follow);
}

static void
phase_cb (LkJob      *job,
          LkJobPhase  old_phase,
          LkJobPhase  new_phase,
          Follow     *follow)
{
  if (follow->jobs->json)
    {
      GString *object = lk_cli_json_object_new ();
      LkJobRecord *record = NULL;

      lk_cli_json_add_string (object, "phase", lk_job_phase_to_nick (new_phase));
      record = lk_job_dup_record (job);
      if (record->request_id != NULL)
        lk_cli_json_add_string (object, "request_id", record->request_id);
      lk_job_record_unref (record);
      json_event (follow, "phase", object);
    }

  if (lk_job_phase_is_finished (new_phase))
    return;

  clear_line (follow);
  if (!follow->tty)
    /* Translators: %s is a job phase such as “Uploading”. */
    g_printerr (_("%s…\n"), lk_job_phase_get_label (new_phase));
  draw (follow);
}

static void
stopped_cb (LkJob  *job,
            Follow *follow)
{
  g_main_loop_quit (follow->loop);
}

static void
answer_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char answer[64];

  if (fgets (answer, sizeof answer, stdin) == NULL)
    answer[0] = '\0';
  g_task_return_int (task, answer[0]);
}

static void
answer_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Follow *follow = user_data;
  int answer = (int) g_task_propagate_int (G_TASK (result), NULL);

  follow->asking = FALSE;
  if (answer == 'c' || answer == 'C')
    lk_job_cancel (follow->job);
  else if (answer == 'd' || answer == 'D')
    {
      follow->detached = TRUE;
      lk_job_detach (follow->job);
    }
  else
    draw (follow);
}

static gboolean
sigint_cb (gpointer user_data)
{
  Follow *follow = user_data;

  if (follow->asking || follow->detached)
    exit (LK_CLI_EXIT_CANCELLED);

  clear_line (follow);

  if (!isatty (STDIN_FILENO))
    {
      /* Nobody can answer: leave the paid job running at fal. */
      follow->detached = TRUE;
      lk_job_detach (follow->job);
      return G_SOURCE_CONTINUE;
    }

  follow->asking = TRUE;
  g_printerr ("\n%s ", _("Cancel the training on fal (c), detach and let it run there (d), "
                         "or go on watching (w)? [c/d/w]"));
  {
    g_autoptr(GTask) task = g_task_new (NULL, NULL, answer_cb, follow);

    g_task_run_in_thread (task, answer_thread);
  }
  return G_SOURCE_CONTINUE;
}

static const char *
billed_sentence (LkJob *job)
{
  return lk_job_get_billed (job)
         ? _("fal bills this run.")
         : _("fal does not bill this run.");
}

void
lk_cli_jobs_print_result (LkCliJobs *self,
                          LkJob     *job)
{
  g_autofree char *prompt = lk_job_dup_prompt (job);
  g_autofree char *lora = lk_job_dup_lora_url (job);
  const char *folder = lk_job_get_result_folder (job);
  const char *finetune = lk_job_get_finetune_id (job);

  if (finetune != NULL)
    /* Translators: %s is fal's id of a trained pro model. */
    g_printerr (_("Finetune id: %s\n"), finetune);
  if (folder != NULL)
    /* Translators: %s is a folder. */
    g_printerr (_("The model is in %s\n"), folder);
  /* Translators: %s is a prompt such as “a photo of TOK_1a2b3c4d”. */
  g_printerr (_("Use it with this prompt: %s\n"), prompt);

  if (self->json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_string (object, "event", "done");
      lk_cli_json_add_int (object, "job", lk_job_get_id (job));
      lk_cli_json_add_string (object, "folder", folder);
      lk_cli_json_add_string (object, "prompt", prompt);
      lk_cli_json_add_string (object, "finetune_id", finetune);
      lk_cli_json_add_string (object, "lora_url", lora);
      lk_cli_json_print (object);
      fflush (stdout);
    }
}

/* Follows @job (started already) until it stops; returns the exit code. */
int
lk_cli_jobs_follow (LkCliJobs *self,
                    LkJob     *job)
{
  Follow follow = { 0, };
  gint64 id = lk_job_get_id (job);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  guint sigint_id;
  LkJobPhase phase;

  follow.jobs = self;
  follow.job = job;
  follow.loop = self->session->loop;
  follow.tty = isatty (STDERR_FILENO);

  /* This verb decides what Ctrl+C means. */
  g_clear_handle_id (&self->session->sigint_id, g_source_remove);
  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, &follow);

  g_signal_connect (job, "phase-changed", G_CALLBACK (phase_cb), &follow);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (notify_cb), &follow);
  g_signal_connect (job, "notify::step", G_CALLBACK (notify_cb), &follow);
  g_signal_connect (job, "notify::status-text", G_CALLBACK (notify_cb), &follow);
  g_signal_connect (job, "notify::last-log-line", G_CALLBACK (notify_cb), &follow);
  g_signal_connect (job, "notify::eta-seconds", G_CALLBACK (notify_cb), &follow);
  g_signal_connect (job, "stopped", G_CALLBACK (stopped_cb), &follow);

  if (self->json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_string (object, "phase", lk_job_phase_to_nick (lk_job_get_phase (job)));
      json_event (&follow, "phase", object);
    }

  if (lk_job_get_active (job))
    g_main_loop_run (follow.loop);

  g_source_remove (sigint_id);
  g_signal_handlers_disconnect_by_data (job, &follow);
  clear_line (&follow);

  phase = lk_job_get_phase (job);
  switch (phase)
    {
    case LK_JOB_PHASE_DONE:
      g_printerr (_("Done.\n"));
      lk_cli_jobs_print_result (self, job);
      return LK_CLI_EXIT_OK;

    case LK_JOB_PHASE_FAILED:
      /* Translators: %s is why the job failed, a full sentence. */
      g_printerr (_("Error: %s\n"), lk_job_get_failure_reason (job));
      g_printerr ("%s\n", billed_sentence (job));
      if (self->json)
        {
          GString *object = lk_cli_json_object_new ();

          lk_cli_json_add_string (object, "reason", lk_job_get_failure_reason (job));
          lk_cli_json_add_bool (object, "billed", lk_job_get_billed (job));
          json_event (&follow, "failed", object);
        }
      return LK_CLI_EXIT_FAILURE;

    case LK_JOB_PHASE_CANCELLED:
      g_printerr ("%s %s\n", _("Cancelled."), billed_sentence (job));
      if (self->json)
        {
          GString *object = lk_cli_json_object_new ();

          lk_cli_json_add_bool (object, "billed", lk_job_get_billed (job));
          json_event (&follow, "cancelled", object);
        }
      return LK_CLI_EXIT_CANCELLED;

    case LK_JOB_PHASE_PREPARING:
    case LK_JOB_PHASE_PACKING:
    case LK_JOB_PHASE_UPLOADING:
    case LK_JOB_PHASE_SUBMITTING:
    case LK_JOB_PHASE_QUEUED:
    case LK_JOB_PHASE_RUNNING:
    case LK_JOB_PHASE_DOWNLOADING:
    default:
      break;
    }

  if (self->json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_string (object, "phase", lk_job_phase_to_nick (phase));
      lk_cli_json_add_string (object, "message", lk_job_get_status_text (job));
      json_event (&follow, follow.detached ? "detached" : "stopped", object);
    }

  if (follow.detached && lk_job_phase_is_local (phase))
    {
      /* Translators: %s is a job number. */
      g_printerr (_("Stopped job %s before it reached fal. Resume it with “likeness-cli attach %s”.\n"),
                  number, number);
      return LK_CLI_EXIT_CANCELLED;
    }
  if (follow.detached)
    {
      /* Translators: %s is a job number. */
      g_printerr (_("Detached from job %s; it goes on at fal. Follow it again with “likeness-cli attach %s”.\n"),
                  number, number);
      return LK_CLI_EXIT_CANCELLED;
    }

  /* Lost contact with fal: the status text says so and how to go on. */
  g_printerr ("%s\n", lk_job_get_status_text (job));
  return LK_CLI_EXIT_FAILURE;
}
