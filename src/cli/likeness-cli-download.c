/* likeness-cli-download.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli download URL -o FILE`: fetches a result file (such as the
 * trained .safetensors) from fal's CDN, streamed to disk with progress.
 */

#define G_LOG_DOMAIN "likeness-cli-download"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-cli-common.h"
#include "likeness-cli.h"

int
lk_cli_download (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkCliProgress) progress = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *proxy_url = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *basename = NULL;
  gint64 expected_size = -1;
  gboolean json = FALSE;
  gboolean ok;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to save the file (required)"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_INT64, &expected_size,
      N_("Expected size in bytes (file_size in the result); a different size is an error"), N_("BYTES") },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &proxy_url, N_("Send fal requests through this proxy"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the outcome as JSON"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new ("download", N_("URL"),
                                       _("Download URL, such as a file URL from “likeness-cli result”, "
                                         "to FILE. Progress is shown on standard error. No API key is "
                                         "sent with the download."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, "download", &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;

  if (argc != 2)
    return lk_cli_usage_error ("download", _("Give exactly one URL to download."));

  if (!lk_cli_is_http_url (argv[1]))
    return lk_cli_usage_error ("download", _("The URL must start with http:// or https://."));

  if (output == NULL || *output == '\0')
    return lk_cli_usage_error ("download", _("Say where to save the file: -o FILE."));

  if (expected_size < -1)
    return lk_cli_usage_error ("download", _("The size must be a number of bytes."));

  if (!lk_cli_check_proxy_url ("download", proxy_url, &status))
    return status;

  session = lk_cli_session_new ();
  destination = g_file_new_for_commandline_arg (output);
  display_name = g_file_get_parse_name (destination);
  basename = g_file_get_basename (destination);

  /* Downloads never carry the key (protocol §1.1), so none is looked up:
   * a public URL can be fetched without one. */
  client = lk_fal_client_new ();
  if (proxy_url != NULL)
    lk_fal_client_set_proxy_url (client, proxy_url);

  parent = g_file_get_parent (destination);
  if (parent != NULL)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *parent_name = g_file_get_parse_name (parent);

      g_file_query_info_async (parent, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT, session->cancellable, lk_cli_session_done_cb, session);
      info = g_file_query_info_finish (parent, lk_cli_session_wait (session), &local_error);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return lk_cli_session_report_error (session, local_error, json);

      if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        {
          /* Translators: %s is a folder name. */
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The folder “%s” does not exist."),
                       parent_name);
          return lk_cli_session_report_error (session, error, json);
        }
    }

  /* Translators: %s is a file name; this labels the progress bar. */
  label = g_strdup_printf (_("Downloading %s"), basename);
  progress = lk_cli_progress_new (label);

  lk_fal_client_download_async (client, argv[1], destination, expected_size,
                                lk_cli_progress_update_cb, progress, NULL,
                                session->cancellable, lk_cli_session_done_cb, session);
  ok = lk_fal_client_download_finish (client, lk_cli_session_wait (session), &error);
  lk_cli_progress_finish (progress, ok);

  if (!ok)
    return lk_cli_session_report_error (session, error, json);

  if (json)
    {
      GString *object = lk_cli_json_object_new ();
      g_autofree char *path = g_file_get_path (destination);

      lk_cli_json_add_string (object, "url", argv[1]);
      lk_cli_json_add_string (object, "path", path != NULL ? path : display_name);
      lk_cli_json_print (object);
    }

  /* Translators: %s is a file name. */
  g_printerr (_("Saved to %s\n"), display_name);

  return LK_CLI_EXIT_OK;
}
