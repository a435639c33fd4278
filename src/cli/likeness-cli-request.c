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
#include <stdio.h>

#include "likeness-cli.h"
#include "likeness-cli-common.h"

typedef struct
{
  char     *endpoint;   /* (owned) (nullable) */
  char     *proxy_url;  /* (owned) (nullable) */
  gboolean  json;
  gboolean  follow;
} RequestOptions;

static void
request_options_clear (RequestOptions *options)
{
  g_clear_pointer (&options->endpoint, g_free);
  g_clear_pointer (&options->proxy_url, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RequestOptions, request_options_clear)

/* Parses the options every request verb shares and leaves the request id in
 * (*argv)[1]. Returns LK_CLI_EXIT_OK or the exit code to leave with. */
static int
parse_request_options (const char       *verb,
                       const char       *summary,
                       gboolean          with_follow,
                       RequestOptions   *options,
                       int              *argc,
                       char           ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "endpoint", 'e', 0, G_OPTION_ARG_STRING, &options->endpoint,
      N_("The endpoint the request was submitted to (required)"), N_("ENDPOINT") },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &options->proxy_url,
      N_("Send fal requests through this proxy"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Write machine-readable JSON"), NULL },
    { NULL }
  };
  const GOptionEntry follow_entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &options->follow,
      N_("Keep printing new log lines until the request completes"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new (verb, N_("ID"), summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (with_follow)
    g_option_context_add_main_entries (context, follow_entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, verb, argc, argv)) != LK_CLI_EXIT_OK)
    return status;

  if (*argc != 2)
    return lk_cli_usage_error (verb, _("Give exactly one request ID, as printed by “likeness-cli submit”."));

  if (options->endpoint == NULL || *options->endpoint == '\0')
    return lk_cli_usage_error (verb, _("The endpoint is required: --endpoint ENDPOINT, e.g. "
                                       "--endpoint fal-ai/flux-lora-fast-training."));

  if (!lk_cli_check_request_id (verb, (*argv)[1], &status))
    return status;

  if (!lk_cli_check_proxy_url (verb, options->proxy_url, &status))
    return status;

  return LK_CLI_EXIT_OK;
}

static char *
log_line_to_json (const LkFalLog *log)
{
  GString *object = lk_cli_json_object_new ();

  lk_cli_json_add_string (object, "type", "log");
  lk_cli_json_add_string (object, "message", log->message);
  lk_cli_json_add_string (object, "level", log->level);
  lk_cli_json_add_string (object, "source", log->source);
  lk_cli_json_add_string (object, "timestamp", log->timestamp);

  return lk_cli_json_object_end (object);
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
          g_autofree char *line = log_line_to_json (log);

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

static void
print_status (LkFalStatus *status,
              gboolean     json)
{
  if (json)
    {
      g_autofree char *object = lk_cli_status_to_json (status);
      g_autofree char *line = NULL;

      /* One JSON Lines stream for `logs`: the status line is tagged. */
      line = g_strdup_printf ("{\"type\":\"status\",%s", object + 1);
      g_print ("%s\n", line);
    }
  else
    {
      g_autofree char *state = lk_cli_describe_status (status);

      g_print ("%s\n", state);
    }
}

static LkFalClient *
open_request (LkCliSession          *session,
              const RequestOptions  *options,
              const char            *request_id,
              LkFalRequest         **request,
              GError               **error)
{
  LkFalClient *client = lk_cli_session_create_client (session, options->proxy_url, error);

  if (client != NULL)
    *request = lk_fal_request_new (options->endpoint, request_id, NULL, NULL, NULL);

  return client;
}

int
lk_cli_status (int    argc,
               char **argv)
{
  g_auto(RequestOptions) options = { 0 };
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  code = parse_request_options ("status", _("Show the state of request ID: in queue (with its position), "
                                            "in progress, completed or failed."),
                                FALSE, &options, &argc, &argv);
  if (code != LK_CLI_EXIT_OK)
    return code;

  session = lk_cli_session_new ();
  client = open_request (session, &options, argv[1], &request, &error);
  if (client == NULL)
    return lk_cli_session_report_error (session, error, options.json);

  lk_fal_client_status_async (client, request, FALSE, session->cancellable, lk_cli_session_done_cb, session);
  status = lk_fal_client_status_finish (client, lk_cli_session_wait (session), &error);
  if (status == NULL)
    return lk_cli_session_report_error (session, error, options.json);

  if (options.json)
    {
      g_autofree char *object = lk_cli_status_to_json (status);

      g_print ("%s\n", object);
    }
  else
    {
      g_autofree char *state = lk_cli_describe_status (status);

      g_print ("%s\n", state);
    }

  return LK_CLI_EXIT_OK;
}

int
lk_cli_logs (int    argc,
             char **argv)
{
  g_auto(RequestOptions) options = { 0 };
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  LogPrinter printer = { 0 };
  int code;

  code = parse_request_options ("logs",
                                _("Print the log lines of request ID, then its state.\n\n"
                                  "With --follow, new lines are printed as they arrive until the "
                                  "request completes; the exit status is then 1 if it failed. "
                                  "With --json, each line is a JSON object (JSON Lines): "
                                  "\"type\": \"log\" for log entries and \"status\" for the state."),
                                TRUE, &options, &argc, &argv);
  if (code != LK_CLI_EXIT_OK)
    return code;

  session = lk_cli_session_new ();
  client = open_request (session, &options, argv[1], &request, &error);
  if (client == NULL)
    return lk_cli_session_report_error (session, error, options.json);

  printer.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  printer.json = options.json;

  if (options.follow)
    {
      lk_fal_client_watch_async (client, request, TRUE, watch_status_cb, &printer, NULL,
                                 session->cancellable, lk_cli_session_done_cb, session);
      status = lk_fal_client_watch_finish (client, lk_cli_session_wait (session), &error);
    }
  else
    {
      lk_fal_client_status_async (client, request, TRUE, session->cancellable,
                                  lk_cli_session_done_cb, session);
      status = lk_fal_client_status_finish (client, lk_cli_session_wait (session), &error);
    }

  if (status != NULL)
    {
      log_printer_print (&printer, status);
      print_status (status, options.json);
    }

  g_hash_table_unref (printer.seen);
  g_free (printer.last_state);

  if (status == NULL)
    return lk_cli_session_report_error (session, error, options.json);

  if (options.follow && lk_fal_status_is_failed (status))
    return LK_CLI_EXIT_FAILURE;

  return LK_CLI_EXIT_OK;
}

int
lk_cli_result (int    argc,
               char **argv)
{
  g_auto(RequestOptions) options = { 0 };
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length = 0;
  int code;

  code = parse_request_options ("result",
                                _("Print the output of completed request ID, as the JSON fal returns "
                                  "(with or without --json). File URLs in it can be fetched with "
                                  "“likeness-cli download”."),
                                FALSE, &options, &argc, &argv);
  if (code != LK_CLI_EXIT_OK)
    return code;

  session = lk_cli_session_new ();
  client = open_request (session, &options, argv[1], &request, &error);
  if (client == NULL)
    return lk_cli_session_report_error (session, error, options.json);

  lk_fal_client_result_async (client, request, session->cancellable, lk_cli_session_done_cb, session);
  result = lk_fal_client_result_finish (client, lk_cli_session_wait (session), &error);
  if (result == NULL)
    return lk_cli_session_report_error (session, error, options.json);

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
  g_auto(RequestOptions) options = { 0 };
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  LkFalCancelOutcome outcome = LK_FAL_CANCEL_ACCEPTED;
  const char *message;
  int code;

  code = parse_request_options ("cancel",
                                _("Cancel request ID. A queued request never runs; a running one is "
                                  "asked to stop, and may still complete."),
                                FALSE, &options, &argc, &argv);
  if (code != LK_CLI_EXIT_OK)
    return code;

  session = lk_cli_session_new ();
  client = open_request (session, &options, argv[1], &request, &error);
  if (client == NULL)
    return lk_cli_session_report_error (session, error, options.json);

  lk_fal_client_cancel_async (client, request, session->cancellable, lk_cli_session_done_cb, session);
  if (!lk_fal_client_cancel_finish (client, lk_cli_session_wait (session), &outcome, &error))
    return lk_cli_session_report_error (session, error, options.json);

  if (outcome == LK_FAL_CANCEL_ALREADY_COMPLETED)
    message = _("The request had already completed; there was nothing to cancel.");
  else
    message = _("Cancellation requested.");

  if (options.json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_string (object, "request_id", argv[1]);
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
