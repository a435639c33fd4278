/* likeness-cli-submit.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli submit ENDPOINT --input FILE.json [--webhook URL]`: queues
 * a request and prints its id and the URLs fal returned for it.
 */

#define G_LOG_DOMAIN "likeness-cli-submit"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <string.h>

#include "likeness-cli-common.h"
#include "likeness-cli.h"

/* Model inputs are small JSON objects; this only guards against a wrong
 * file (say, the training ZIP) being read whole into memory. */
#define MAX_INPUT_SIZE (16 * 1024 * 1024)

static GBytes *
read_stdin (LkCliSession  *session,
            GError       **error)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  gssize spliced;

  g_output_stream_splice_async (output, input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, session->cancellable,
                                lk_cli_session_done_cb, session);
  spliced = g_output_stream_splice_finish (output, lk_cli_session_wait (session), error);
  if (spliced < 0)
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

static GBytes *
read_input (LkCliSession  *session,
            const char    *path,
            GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (path, "-"))
    return read_stdin (session, error);

  file = g_file_new_for_commandline_arg (path);
  name = g_file_get_parse_name (file);

  g_file_load_contents_async (file, session->cancellable, lk_cli_session_done_cb, session);
  if (!g_file_load_contents_finish (file, lk_cli_session_wait (session), &contents, &length, NULL,
                                    &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        /* Translators: %s is a file name. */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The file “%s” does not exist."), name);
      else
        /* Translators: the first %s is a file name, the second the reason. */
        g_set_error (error, local_error->domain, local_error->code, _("Cannot read “%s”: %s"),
                     name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* fal's model input is one JSON object. Full parsing is left to the
 * client and to fal; this catches the wrong file early. */
static char *
check_input (GBytes  *bytes,
             GError **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *text = NULL;
  char *trimmed;

  if (length > MAX_INPUT_SIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The input is too large for a model input (over 16 MB)."));
      return NULL;
    }

  if (length == 0 || memchr (data, '\0', length) != NULL || !g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The input is not JSON text: it is empty or binary."));
      return NULL;
    }

  text = g_strndup (data, length);
  trimmed = g_strstrip (text);
  if (*trimmed != '{' || trimmed[strlen (trimmed) - 1] != '}')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The input must be one JSON object, such as "
                             "{\"images_data_url\": \"https://…\"}."));
      return NULL;
    }

  return g_strdup (trimmed);
}

static void
print_line (const char *label,
            const char *value)
{
  if (value != NULL)
    g_print ("%-14s %s\n", label, value);
}

int
lk_cli_submit (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) initial = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input_path = NULL;
  g_autofree char *input_json = NULL;
  g_autofree char *webhook_url = NULL;
  g_autofree char *proxy_url = NULL;
  const char *endpoint;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input_path,
      N_("JSON file with the model input (“-” reads standard input)"), N_("FILE.json") },
    { "webhook", 0, 0, G_OPTION_ARG_STRING, &webhook_url,
      N_("Ask fal to POST the outcome to this URL when done"), N_("URL") },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &proxy_url, N_("Send fal requests through this proxy"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the request as JSON"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new ("submit", N_("ENDPOINT"),
                                       _("Submit a request to the fal queue of ENDPOINT, e.g. "
                                         "fal-ai/flux-lora-fast-training, and print the request id "
                                         "and its URLs.\n\n"
                                         "Follow it with “likeness-cli logs --endpoint ENDPOINT "
                                         "--follow ID”, then fetch it with “likeness-cli result”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, "submit", &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;

  if (argc != 2)
    return lk_cli_usage_error ("submit", _("Give exactly one ENDPOINT, e.g. fal-ai/flux-lora-fast-training."));

  if (input_path == NULL)
    return lk_cli_usage_error ("submit", _("The model input is required: --input FILE.json."));

  if (webhook_url != NULL && !lk_cli_is_http_url (webhook_url))
    return lk_cli_usage_error ("submit", _("The webhook must be an http:// or https:// URL."));

  if (!lk_cli_check_proxy_url ("submit", proxy_url, &status))
    return status;

  endpoint = argv[1];
  session = lk_cli_session_new ();

  input = read_input (session, input_path, &error);
  if (input == NULL)
    return lk_cli_session_report_error (session, error, json);

  input_json = check_input (input, &error);
  if (input_json == NULL)
    return lk_cli_session_report_error (session, error, json);

  client = lk_cli_session_create_client (session, proxy_url, &error);
  if (client == NULL)
    return lk_cli_session_report_error (session, error, json);

  lk_fal_client_submit_async (client, endpoint, input_json, webhook_url,
                              session->cancellable, lk_cli_session_done_cb, session);
  request = lk_fal_client_submit_finish (client, lk_cli_session_wait (session), &initial, &error);
  if (request == NULL)
    return lk_cli_session_report_error (session, error, json);

  if (json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_string (object, "request_id", lk_fal_request_get_request_id (request));
      lk_cli_json_add_string (object, "endpoint", lk_fal_request_get_endpoint_id (request));
      lk_cli_json_add_string (object, "status_url", lk_fal_request_get_status_url (request));
      lk_cli_json_add_string (object, "response_url", lk_fal_request_get_response_url (request));
      lk_cli_json_add_string (object, "cancel_url", lk_fal_request_get_cancel_url (request));
      if (initial != NULL)
        {
          lk_cli_json_add_string (object, "status", lk_cli_state_to_string (lk_fal_status_get_state (initial)));
          if (lk_fal_status_get_queue_position (initial) >= 0)
            lk_cli_json_add_int (object, "queue_position", lk_fal_status_get_queue_position (initial));
        }
      lk_cli_json_print (object);
    }
  else
    {
      print_line (_("Request ID:"), lk_fal_request_get_request_id (request));
      print_line (_("Status URL:"), lk_fal_request_get_status_url (request));
      print_line (_("Response URL:"), lk_fal_request_get_response_url (request));
      print_line (_("Cancel URL:"), lk_fal_request_get_cancel_url (request));
      if (initial != NULL)
        {
          g_autofree char *state = lk_cli_describe_status (initial);

          print_line (_("Status:"), state);
        }
    }

  /* Translators: the first %s is the endpoint, the second the request id. */
  g_printerr (_("Follow it with: likeness-cli logs --endpoint %s --follow %s\n"),
              endpoint, lk_fal_request_get_request_id (request));

  return LK_CLI_EXIT_OK;
}
