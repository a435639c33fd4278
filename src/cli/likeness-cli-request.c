/* likeness-cli-request.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli status|logs|result|cancel --endpoint ENDPOINT ID`: follow up
 * on a submitted request. The URLs are rebuilt from the endpoint and the id
 * (protocol §2); `submit` prints the URLs fal returned for reference.
 */

#define G_LOG_DOMAIN "likeness-cli-request"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdio.h>

#include "likeness-cli-common.h"
#include "likeness-cli.h"

/* One run of a request verb: its options, then what they lead to. */
typedef struct
{
  char         *endpoint;    /* (owned) (nullable) */
  char         *proxy_url;   /* (owned) (nullable) */
  gboolean      json;
  gboolean      follow;
  const char   *request_id;  /* (unowned): points into argv */
  LkCliSession *session;     /* (owned) (nullable) */
  LkFalClient  *client;      /* (owned) (nullable) */
  LkFalRequest *request;     /* (owned) (nullable) */
} RequestRun;

static void
request_run_clear (RequestRun *run)
{
  g_clear_pointer (&run->request, lk_fal_request_unref);
  g_clear_object (&run->client);
  g_clear_pointer (&run->session, lk_cli_session_free);
  g_clear_pointer (&run->endpoint, g_free);
  g_clear_pointer (&run->proxy_url, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RequestRun, request_run_clear)

/* Parses the options every request verb shares, then sets up the session,
 * the client and the request, rebuilt from the endpoint and the id.
 * Returns LK_CLI_EXIT_OK, or the exit code to leave with (the problem is
 * already reported). */
static int
request_run_start (RequestRun  *run,
                   const char  *verb,
                   const char  *summary,
                   gboolean     with_follow,
                   int          argc,
                   char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "endpoint", 'e', 0, G_OPTION_ARG_STRING, &run->endpoint,
      N_("The endpoint the request was submitted to (required)"), N_("ENDPOINT") },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &run->proxy_url,
      N_("Send fal requests through this proxy"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &run->json, N_("Write machine-readable JSON"), NULL },
    { NULL }
  };
  const GOptionEntry follow_entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &run->follow,
      N_("Keep printing new log lines until the request completes"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new (verb, N_("ID"), summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (with_follow)
    g_option_context_add_main_entries (context, follow_entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, verb, &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;

  if (argc != 2)
    return lk_cli_usage_error (verb, _("Give exactly one request ID, as printed by “likeness-cli submit”."));

  if (run->endpoint == NULL || *run->endpoint == '\0')
    return lk_cli_usage_error (verb, _("The endpoint is required: --endpoint ENDPOINT, e.g. "
                                       "--endpoint fal-ai/flux-lora-fast-training."));

  if (!lk_cli_check_request_id (verb, argv[1], &status))
    return status;

  if (!lk_cli_check_proxy_url (verb, run->proxy_url, &status))
    return status;

  run->request_id = argv[1];
  run->session = lk_cli_session_new ();
  run->client = lk_cli_session_create_client (run->session, run->proxy_url, &error);
  if (run->client == NULL)
    return lk_cli_session_report_error (run->session, error, run->json);

  run->request = lk_fal_request_new (run->endpoint, run->request_id, NULL, NULL, NULL);

  return LK_CLI_EXIT_OK;
}

typedef struct
{
  GHashTable *seen;        /* (owned): "timestamp\nmessage" of printed entries */
  char       *last_state;  /* (owned) (nullable): last state line shown */
  gboolean    json;
} LogPrinter;

/* Prints the entries of @status not printed before. fal's status replies
 * carry a moving window of entries, so they are told apart by identity
 * (timestamp and message), never by position (protocol §3.2). */
static void
log_printer_print (LogPrinter  *printer,
                   LkFalStatus *status)
{
  GPtrArray *logs = lk_fal_status_get_logs (status);

  for (guint i = 0; logs != NULL && i < logs->len; i++)
    {
      const LkFalLog *log = g_ptr_array_index (logs, i);
      char *identity = g_strdup_printf ("%s\n%s", log->timestamp ? log->timestamp : "",
                                        log->message ? log->message : "");

      if (!g_hash_table_add (printer->seen, identity))
        continue;

      if (printer->json)
        {
          g_autofree char *line = lk_cli_log_to_json (log, "log");

          g_print ("%s\n", line);
        }
      else
        {
          g_print ("%s\n", log->message != NULL ? log->message : "");
        }
    }

  fflush (stdout);
}

static void
watch_status_cb (LkFalStatus *status,
                 gpointer     user_data)
{
  LogPrinter *printer = user_data;
  g_autofree char *state = NULL;

  log_printer_print (printer, status);

  /* State changes are progress messages, so they go to stderr; stdout keeps
   * the log lines and the final status. */
  if (lk_fal_status_get_state (status) == LK_FAL_STATE_COMPLETED)
    return;

  state = lk_cli_describe_status (status);
  if (g_strcmp0 (state, printer->last_state) != 0)
    {
      g_printerr ("%s\n", state);
      g_free (printer->last_state);
      printer->last_state = g_steal_pointer (&state);
    }
}

/* @type tags the JSON object, for the JSON Lines of `logs`. */
static void
print_status (LkFalStatus *status,
              gboolean     json,
              const char  *type)
{
  g_autofree char *text = json ? lk_cli_status_to_json (status, type) : lk_cli_describe_status (status);

  g_print ("%s\n", text);
}

int
lk_cli_status (int    argc,
               char **argv)
{
  g_auto(RequestRun) run = { 0 };
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  code = request_run_start (&run, "status", _("Show the state of request ID: in queue (with its position), "
                                              "in progress, completed or failed."),
                            FALSE, argc, argv);
  if (code != LK_CLI_EXIT_OK)
    return code;

  lk_fal_client_status_async (run.client, run.request, FALSE, run.session->cancellable,
                              lk_cli_session_done_cb, run.session);
  status = lk_fal_client_status_finish (run.client, lk_cli_session_wait (run.session), &error);
  if (status == NULL)
    return lk_cli_session_report_error (run.session, error, run.json);

  print_status (status, run.json, NULL);

  return LK_CLI_EXIT_OK;
}

int
lk_cli_logs (int    argc,
             char **argv)
{
  g_auto(RequestRun) run = { 0 };
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  LogPrinter printer = { 0 };
  int code;

  code = request_run_start (&run, "logs",
                            _("Print the log lines of request ID, then its state.\n\n"
                              "With --follow, new lines are printed as they arrive until the "
                              "request completes; the exit status is then 1 if it failed. "
                              "With --json, each line is a JSON object (JSON Lines): "
                              "\"type\": \"log\" for log entries and \"status\" for the state."),
                            TRUE, argc, argv);
  if (code != LK_CLI_EXIT_OK)
    return code;

  printer.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  printer.json = run.json;

  if (run.follow)
    {
      lk_fal_client_watch_async (run.client, run.request, TRUE, watch_status_cb, &printer, NULL,
                                 run.session->cancellable, lk_cli_session_done_cb, run.session);
      status = lk_fal_client_watch_finish (run.client, lk_cli_session_wait (run.session), &error);
    }
  else
    {
      lk_fal_client_status_async (run.client, run.request, TRUE, run.session->cancellable,
                                  lk_cli_session_done_cb, run.session);
      status = lk_fal_client_status_finish (run.client, lk_cli_session_wait (run.session), &error);
    }

  if (status != NULL)
    {
      log_printer_print (&printer, status);
      print_status (status, run.json, "status");
    }

  g_hash_table_unref (printer.seen);
  g_free (printer.last_state);

  if (status == NULL)
    return lk_cli_session_report_error (run.session, error, run.json);

  if (run.follow && lk_fal_status_is_failed (status))
    return LK_CLI_EXIT_FAILURE;

  return LK_CLI_EXIT_OK;
}

/* `cancel ID` and `result ID` also take a job number from `likeness-cli
 * jobs`: a fal request id is never all digits, and a request needs
 * --endpoint while a job does not. */
static gboolean
names_a_job (int    argc,
             char **argv)
{
  gboolean has_number = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--endpoint") || g_str_equal (argv[i], "-e"))
        return FALSE;
      if (argv[i][0] != '\0' && strspn (argv[i], "0123456789") == strlen (argv[i]))
        has_number = TRUE;
    }

  return has_number;
}

int
lk_cli_result (int    argc,
               char **argv)
{
  g_auto(RequestRun) run = { 0 };
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length = 0;
  int code;

  if (names_a_job (argc, argv))
    return lk_cli_job_result (argc, argv);

  code = request_run_start (&run, "result",
                            _("Print the output of completed request ID, as the JSON fal returns "
                              "(with or without --json). File URLs in it can be fetched with "
                              "“likeness-cli download”."),
                            FALSE, argc, argv);
  if (code != LK_CLI_EXIT_OK)
    return code;

  lk_fal_client_result_async (run.client, run.request, run.session->cancellable,
                              lk_cli_session_done_cb, run.session);
  result = lk_fal_client_result_finish (run.client, lk_cli_session_wait (run.session), &error);
  if (result == NULL)
    return lk_cli_session_report_error (run.session, error, run.json);

  data = g_bytes_get_data (result, &length);
  if (length > 0)
    fwrite (data, 1, length, stdout);
  if (length == 0 || data[length - 1] != '\n')
    fputc ('\n', stdout);
  fflush (stdout);

  return LK_CLI_EXIT_OK;
}

int
lk_cli_cancel (int    argc,
               char **argv)
{
  g_auto(RequestRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  LkFalCancelOutcome outcome = LK_FAL_CANCEL_ACCEPTED;
  const char *message;
  int code;

  if (names_a_job (argc, argv))
    return lk_cli_job_cancel (argc, argv);

  code = request_run_start (&run, "cancel",
                            _("Cancel request ID. A queued request never runs; a running one is "
                              "asked to stop, and may still complete."),
                            FALSE, argc, argv);
  if (code != LK_CLI_EXIT_OK)
    return code;

  lk_fal_client_cancel_async (run.client, run.request, run.session->cancellable,
                              lk_cli_session_done_cb, run.session);
  if (!lk_fal_client_cancel_finish (run.client, lk_cli_session_wait (run.session), &outcome, &error))
    return lk_cli_session_report_error (run.session, error, run.json);

  if (outcome == LK_FAL_CANCEL_ALREADY_COMPLETED)
    message = _("The request had already completed; there was nothing to cancel.");
  else
    message = _("Cancellation requested.");

  if (run.json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_string (object, "request_id", run.request_id);
      lk_cli_json_add_string (object, "outcome",
                              outcome == LK_FAL_CANCEL_ALREADY_COMPLETED ? "already_completed" : "accepted");
      lk_cli_json_print (object);
      g_printerr ("%s\n", message);
    }
  else
    {
      g_print ("%s\n", message);
    }

  return LK_CLI_EXIT_OK;
}
