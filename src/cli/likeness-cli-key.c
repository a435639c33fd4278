/* likeness-cli-key.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli key set|clear|status`. The key is read from a prompt with
 * echo off, or from standard input when it is not a terminal; never from
 * the command line, where other users could see it in `ps`.
 */

#define G_LOG_DOMAIN "likeness-cli-key"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "likeness-cli-common.h"
#include "likeness-cli.h"

/* fal keys are about 70 characters; anything far longer is not a key. */
#define KEY_BUFFER_SIZE 1024

typedef struct
{
  struct termios saved;
  gboolean       restore;
} EchoState;

static void
echo_off (EchoState *state)
{
  struct termios quiet;

  state->restore = FALSE;
  if (tcgetattr (STDIN_FILENO, &state->saved) != 0)
    return;

  quiet = state->saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0)
    state->restore = TRUE;
}

static void
echo_restore (EchoState *state)
{
  if (state->restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &state->saved);
  state->restore = FALSE;
}

/* Reads the first line of standard input into @buffer, without the line
 * end. Reads are asynchronous so that Ctrl+C at the prompt still restores
 * the terminal. */
static gboolean
read_key_line (LkCliSession  *session,
               char          *buffer,
               gsize          size,
               GError       **error)
{
  g_autoptr(GInputStream) stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  gsize len = 0;

  for (;;)
    {
      gssize n;
      char *end;

      if (len >= size - 1)
        {
          g_set_error_literal (error, LK_FAL_ERROR, LK_FAL_ERROR_INVALID_KEY_FORMAT,
                               _("The key is too long to be a fal API key."));
          return FALSE;
        }

      g_input_stream_read_async (stream, buffer + len, size - 1 - len, G_PRIORITY_DEFAULT,
                                 session->cancellable, lk_cli_session_done_cb, session);
      n = g_input_stream_read_finish (stream, lk_cli_session_wait (session), error);
      if (n < 0)
        return FALSE;

      len += (gsize) n;
      buffer[len] = '\0';

      end = memchr (buffer, '\n', len);
      if (end != NULL)
        {
          /* The rest of the input is not part of the key. */
          explicit_bzero (end, len - (gsize) (end - buffer));
          return TRUE;
        }

      if (n == 0)
        return TRUE;
    }
}

static gboolean
env_key_is_set (void)
{
  const char *value = g_getenv ("FAL_KEY");

  return value != NULL && *value != '\0';
}

static int
key_set (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean from_tty;
  char buffer[KEY_BUFFER_SIZE];
  char *key;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the outcome as JSON"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new ("key set", NULL,
                                       _("Store the fal API key in the keyring.\n\n"
                                         "On a terminal the key is asked for with the input hidden; "
                                         "otherwise the first line of standard input is read, e.g.\n"
                                         "  likeness-cli key set < key.txt\n"
                                         "The key is never accepted as an argument."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* GOption would quote an unknown option back, and that text may be the
   * key itself, so the message here names nothing the user typed. */
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return lk_cli_usage_error ("key set", _("Unknown option."));

  if (argc > 1)
    return lk_cli_usage_error ("key set",
                               _("“key set” takes no arguments: the key is read from a prompt "
                                 "or from standard input, never from the command line."));

  session = lk_cli_session_new ();
  from_tty = isatty (STDIN_FILENO);

  if (from_tty)
    {
      EchoState echo;

      /* Echo goes off before the prompt shows, so nothing typed after the
       * prompt is ever displayed. The prompt goes to stderr so that stdout
       * stays clean for --json. */
      echo_off (&echo);
      g_printerr ("%s", _("fal API key (input is hidden): "));
      ok = read_key_line (session, buffer, sizeof buffer, &error);
      echo_restore (&echo);
      /* ECHONL echoed the Enter; after Ctrl+C the line still needs ending. */
      if (!ok)
        g_printerr ("\n");
    }
  else
    {
      ok = read_key_line (session, buffer, sizeof buffer, &error);
    }

  if (!ok)
    {
      explicit_bzero (buffer, sizeof buffer);
      return lk_cli_session_report_error (session, error, json);
    }

  key = g_strstrip (buffer);

  if (*key == '\0')
    {
      explicit_bzero (buffer, sizeof buffer);
      g_set_error_literal (&error, LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY,
                           from_tty ? _("No key was entered; nothing was stored.")
                                    : _("Standard input was empty; nothing was stored."));
      return lk_cli_session_report_error (session, error, json);
    }

  if (!lk_credentials_key_is_valid (key))
    {
      explicit_bzero (buffer, sizeof buffer);
      g_set_error_literal (&error, LK_FAL_ERROR, LK_FAL_ERROR_INVALID_KEY_FORMAT,
                           _("This is not a fal API key: a key has the form KEY_ID:KEY_SECRET. "
                             "Copy it again from fal.ai/dashboard/keys."));
      return lk_cli_session_report_error (session, error, json);
    }

  credentials = lk_credentials_new ();
  lk_credentials_store_async (credentials, key, session->cancellable, lk_cli_session_done_cb, session);
  explicit_bzero (buffer, sizeof buffer);
  key = NULL;

  if (!lk_credentials_store_finish (credentials, lk_cli_session_wait (session), &error))
    return lk_cli_session_report_error (session, error, json);

  if (json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_bool (object, "stored", TRUE);
      lk_cli_json_print (object);
    }

  g_printerr ("%s\n", _("The API key was stored in the keyring."));

  if (env_key_is_set ())
    g_printerr ("%s\n", _("Note: FAL_KEY is set in the environment and is used instead "
                          "of the stored key."));

  return LK_CLI_EXIT_OK;
}

static int
key_clear (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(LkCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the outcome as JSON"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new ("key clear", NULL,
                                       _("Remove the fal API key from the keyring."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, "key clear", &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;

  if (argc > 1)
    return lk_cli_usage_error ("key clear", _("“key clear” takes no arguments."));

  session = lk_cli_session_new ();
  credentials = lk_credentials_new ();
  lk_credentials_clear_async (credentials, session->cancellable, lk_cli_session_done_cb, session);

  if (!lk_credentials_clear_finish (credentials, lk_cli_session_wait (session), &error))
    return lk_cli_session_report_error (session, error, json);

  if (json)
    {
      GString *object = lk_cli_json_object_new ();

      lk_cli_json_add_bool (object, "cleared", TRUE);
      lk_cli_json_print (object);
    }

  g_printerr ("%s\n", _("The API key was removed from the keyring."));

  if (env_key_is_set ())
    g_printerr ("%s\n", _("Note: FAL_KEY is still set in the environment and is still used."));

  return LK_CLI_EXIT_OK;
}

static int
key_status (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCliSession) session = NULL;
  g_autoptr(GError) error = NULL;
  LkKeySource source = LK_KEY_SOURCE_NONE;
  const char *source_name;
  const char *message;
  g_autofree char *proxy_url = NULL;
  gboolean json = FALSE;
  gboolean check = FALSE;
  gboolean valid = FALSE;
  gboolean accepted = FALSE;
  char *key;
  int status;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Also ask fal whether it accepts the key (nothing is uploaded or billed)"), NULL },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &proxy_url, N_("Send fal requests through this proxy"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the outcome as JSON"), NULL },
    { NULL }
  };

  context = lk_cli_option_context_new ("key status", NULL,
                                       _("Say where the fal API key comes from: the environment, "
                                         "the keyring, or nowhere. The key itself is never shown.\n\n"
                                         "Exits with 3 when no key is set, or with --check when fal "
                                         "refuses it."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if ((status = lk_cli_parse_options (context, "key status", &argc, &argv)) != LK_CLI_EXIT_OK)
    return status;

  if (argc > 1)
    return lk_cli_usage_error ("key status", _("“key status” takes no arguments."));

  if (!lk_cli_check_proxy_url ("key status", proxy_url, &status))
    return status;

  session = lk_cli_session_new ();
  key = lk_cli_session_load_key (session, &source, &error);

  if (key == NULL && !g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY))
    return lk_cli_session_report_error (session, error, json);

  if (key != NULL)
    valid = lk_credentials_key_is_valid (key);
  else
    source = LK_KEY_SOURCE_NONE;

  /* The same call as the window's "Test connection": it needs a valid,
   * funded key and creates nothing. */
  if (key != NULL && check)
    {
      g_autoptr(LkFalClient) client = lk_fal_client_new ();

      lk_fal_client_set_key (client, key);
      if (proxy_url != NULL)
        lk_fal_client_set_proxy_url (client, proxy_url);
      lk_fal_client_check_key_async (client, session->cancellable, lk_cli_session_done_cb, session);
      accepted = lk_fal_client_check_key_finish (client, lk_cli_session_wait (session), &error);
    }
  g_clear_pointer (&key, lk_credentials_free_key);

  switch (source)
    {
    case LK_KEY_SOURCE_ENVIRONMENT:
      source_name = "environment";
      if (env_key_is_set ())
        message = _("The API key comes from the FAL_KEY environment variable.");
      else
        message = _("The API key comes from the FAL_KEY_ID and FAL_KEY_SECRET "
                    "environment variables.");
      break;

    case LK_KEY_SOURCE_KEYRING:
      source_name = "keyring";
      message = _("The API key comes from the keyring.");
      break;

    case LK_KEY_SOURCE_NONE:
    default:
      source_name = "none";
      message = _("No API key is set. Run “likeness-cli key set”, or set the FAL_KEY "
                  "environment variable.");
      break;
    }

  /* With --json, stdout holds only the JSON object. */
  if (json)
    {
      GString *object = lk_cli_json_object_new ();

      g_printerr ("%s\n", message);
      lk_cli_json_add_string (object, "source", source_name);
      if (source != LK_KEY_SOURCE_NONE)
        lk_cli_json_add_bool (object, "valid_format", valid);
      if (source != LK_KEY_SOURCE_NONE && check)
        lk_cli_json_add_bool (object, "accepted", accepted);
      lk_cli_json_print (object);
    }
  else
    {
      g_print ("%s\n", message);
      if (accepted)
        g_print ("%s\n", _("fal.ai accepted the key."));
    }

  if (json && accepted)
    g_printerr ("%s\n", _("fal.ai accepted the key."));

  if (source != LK_KEY_SOURCE_NONE && !valid)
    g_printerr ("%s\n", _("Warning: the key does not have the form KEY_ID:KEY_SECRET, "
                          "so fal will refuse it."));

  /* The reason fal gave goes to stderr; --json already said accepted: false. */
  if (source != LK_KEY_SOURCE_NONE && check && !accepted)
    return lk_cli_session_report_error (session, error, FALSE);

  return source == LK_KEY_SOURCE_NONE ? LK_CLI_EXIT_AUTH : LK_CLI_EXIT_OK;
}

int
lk_cli_key (int    argc,
            char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub != NULL && g_str_equal (sub, "set"))
    return key_set (argc - 1, argv + 1);
  if (sub != NULL && g_str_equal (sub, "clear"))
    return key_clear (argc - 1, argv + 1);
  if (sub != NULL && g_str_equal (sub, "status"))
    return key_status (argc - 1, argv + 1);

  if (sub != NULL && (g_str_equal (sub, "--help") || g_str_equal (sub, "-h")))
    {
      g_print ("%s\n\n", _("Usage: likeness-cli key set|clear|status [--json]"));
      g_print ("  %-8s %s\n", "set", _("Store the API key in the keyring (read from a prompt or stdin)"));
      g_print ("  %-8s %s\n", "clear", _("Remove the API key from the keyring"));
      g_print ("  %-8s %s\n", "status", _("Say where the API key comes from, without showing it"));
      g_print ("\n%s\n", _("FAL_KEY in the environment takes precedence over the keyring."));
      return LK_CLI_EXIT_OK;
    }

  /* The unknown word is not repeated: it could be a key typed by mistake. */
  return lk_cli_usage_error ("key", _("Use “key set”, “key clear” or “key status”."));
}
