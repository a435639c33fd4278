/* likeness-cli-upload.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli upload FILE`: puts a file on fal's storage and prints the
 * URL to give a model (e.g. as `images_data_url`).
 */

#define G_LOG_DOMAIN "likeness-cli-upload"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "likeness-cli-common.h"
#include "likeness-cli.h"

/* Checks that @file is a regular, readable file, with a clear message
 * otherwise, and returns its size and guessed MIME type. */
static gboolean
query_file (LkCliSession  *session,
            GFile         *file,
            goffset       *size,
            char         **mime_type,
            GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  const char *content_type;

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                           G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           session->cancellable, lk_cli_session_done_cb, session);
  info = g_file_query_info_finish (file, lk_cli_session_wait (session), &local_error);

  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        /* Translators: %s is a file name. */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The file “%s” does not exist."), name);
      else
        /* Translators: the first %s is a file name, the second the reason. */
        g_set_error (error, local_error->domain, local_error->code, _("Cannot read “%s”: %s"),
                     name, local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      /* Translators: %s is a file name. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("“%s” is not a regular file."), name);
      return FALSE;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      /* Translators: %s is a file name. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Cannot read “%s”: permission denied."), name);
      return FALSE;
    }

  *size = g_file_info_get_size (info);

  content_type = g_file_info_get_content_type (info);
  *mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  if (*mime_type == NULL)
    *mime_type = g_strdup ("application/octet-stream");

  return TRUE;
}

int
lk_cli_upload (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(LkCliProgress) progress = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy_url = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *guessed_type = NULL;
  g_autofree char *file_url = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *label = NULL;
  gboolean json = FALSE;
  goffset size = 0;
  int status;
  const GOptionEntry entries[] = {
    { "content-type", 't', 0, G_OPTION_ARG_STRING, &content_type,
      N_("MIME type to store the file with (guessed from the file by default)"), N_("TYPE") },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &proxy_url, N_("Send fal requests through this proxy"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the result as JSON"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new ("upload", N_("FILE"),
                                       _("Upload FILE to fal storage and print its URL.\n\n"
                                         "The URL can be given to a model, e.g. as images_data_url. "
                                         "Large files are sent in parts; progress is shown on "
                                         "standard error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, "upload", &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;

  if (argc != 2)
    return lk_cli_usage_error ("upload", _("Give exactly one FILE to upload."));

  if (!lk_cli_check_proxy_url ("upload", proxy_url, &status))
    return status;

  if (content_type != NULL && strchr (content_type, '/') == NULL)
    return lk_cli_usage_error ("upload", _("A content type looks like “application/zip”."));

  session = lk_cli_session_new ();
  file = g_file_new_for_commandline_arg (argv[1]);

  if (!query_file (session, file, &size, &guessed_type, &error))
    return lk_cli_session_report_error (session, error, json);

  client = lk_cli_session_create_client (session, proxy_url, &error);
  if (client == NULL)
    return lk_cli_session_report_error (session, error, json);

  basename = g_file_get_basename (file);
  /* Translators: %s is a file name; this labels the progress bar. */
  label = g_strdup_printf (_("Uploading %s"), basename);
  progress = lk_cli_progress_new (label);

  lk_fal_client_upload_file_async (client, file, content_type != NULL ? content_type : guessed_type,
                                   lk_cli_progress_update_cb, progress, NULL,
                                   session->cancellable, lk_cli_session_done_cb, session);
  file_url = lk_fal_client_upload_file_finish (client, lk_cli_session_wait (session), &error);
  lk_cli_progress_finish (progress, file_url != NULL);

  if (file_url == NULL)
    return lk_cli_session_report_error (session, error, json);

  if (json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_string (object, "file_url", file_url);
      lk_cli_json_add_string (object, "file_name", basename);
      lk_cli_json_add_string (object, "content_type", content_type != NULL ? content_type : guessed_type);
      lk_cli_json_add_int (object, "size", size);
      lk_cli_json_print (object);
    }
  else
    {
      g_print ("%s\n", file_url);
    }

  return LK_CLI_EXIT_OK;
}
