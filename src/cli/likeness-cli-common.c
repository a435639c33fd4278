/* likeness-cli-common.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-cli-common"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "likeness-cli-common.h"
#include "likeness-cli.h"

/* Plain (non-TTY) progress lines are written at most this often. */
#define PLAIN_PROGRESS_INTERVAL_USEC (5 * G_USEC_PER_SEC)
/* The TTY bar is redrawn at most this often. */
#define TTY_PROGRESS_INTERVAL_USEC   (G_USEC_PER_SEC / 10)

struct _LkCliProgress
{
  char    *label;               /* (owned) */
  gint64   started_usec;
  gint64   last_print_usec;
  goffset  done;
  goffset  total;
  glong    bar_width;           /* 0 until the first bar is drawn */
  guint    is_tty : 1;
  guint    printed : 1;
  guint    finished : 1;
};

static gboolean
sigint_cb (gpointer user_data)
{
  LkCliSession *self = user_data;

  /* A second Ctrl+C leaves at once, in case an operation is slow to notice
   * the first one. */
  if (self->interrupted)
    exit (LK_CLI_EXIT_CANCELLED);

  self->interrupted = TRUE;
  g_cancellable_cancel (self->cancellable);

  return G_SOURCE_CONTINUE;
}

LkCliSession *
lk_cli_session_new (void)
{
  LkCliSession *self = g_new0 (LkCliSession, 1);

  self->loop = g_main_loop_new (NULL, FALSE);
  self->cancellable = g_cancellable_new ();
  self->sigint_id = g_unix_signal_add (SIGINT, sigint_cb, self);

  return self;
}

void
lk_cli_session_free (LkCliSession *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_object (&self->result);
  g_clear_object (&self->finished);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_free (self);
}

void
lk_cli_session_done_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  LkCliSession *self = user_data;

  g_assert (self != NULL);
  g_assert (self->result == NULL);

  self->result = g_object_ref (result);
  g_main_loop_quit (self->loop);
}

/* Runs the main loop until the operation started with
 * lk_cli_session_done_cb() finishes. The result is borrowed: it stays
 * valid until the next call. */
GAsyncResult *
lk_cli_session_wait (LkCliSession *self)
{
  g_assert (self != NULL);

  while (self->result == NULL)
    g_main_loop_run (self->loop);

  /* The result is kept until the next wait, so the caller can pass it
   * straight to the _finish() function without owning it. */
  g_clear_object (&self->finished);
  self->finished = g_steal_pointer (&self->result);

  return self->finished;
}

/* Looks the key up: FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) first, then
 * the keyring. Returns NULL with LK_FAL_ERROR_NO_KEY when there is none.
 * Free the key with lk_credentials_free_key(). */
char *
lk_cli_session_load_key (LkCliSession  *self,
                         LkKeySource   *source,
                         GError       **error)
{
  g_autoptr(LkCredentials) credentials = lk_credentials_new ();
  LkKeySource found = LK_KEY_SOURCE_NONE;
  char *key;

  lk_credentials_lookup_async (credentials, self->cancellable, lk_cli_session_done_cb, self);
  key = lk_credentials_lookup_finish (credentials, lk_cli_session_wait (self), &found, error);

  if (key == NULL && error != NULL && *error != NULL)
    return NULL;

  if (key == NULL || *key == '\0')
    {
      g_clear_pointer (&key, lk_credentials_free_key);
      g_set_error_literal (error, LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY,
                           _("No fal API key is set. Run “likeness-cli key set”, "
                             "or set the FAL_KEY environment variable."));
      return NULL;
    }

  if (source != NULL)
    *source = found;

  return key;
}

LkFalClient *
lk_cli_session_create_client (LkCliSession  *self,
                              const char    *proxy_url,
                              GError       **error)
{
  g_autoptr(LkFalClient) client = NULL;
  char *key;

  key = lk_cli_session_load_key (self, NULL, error);
  if (key == NULL)
    return NULL;

  /* lk_fal_client_new() reads LIKENESS_FAL_URLS itself. */
  client = lk_fal_client_new ();
  lk_fal_client_set_key (client, key);
  lk_credentials_free_key (key);

  if (proxy_url != NULL && *proxy_url != '\0')
    lk_fal_client_set_proxy_url (client, proxy_url);

  return g_steal_pointer (&client);
}

static void
print_json_error (const GError *error)
{
  g_autoptr(GString) object = lk_cli_json_object_new ();
  g_autoptr(GString) inner = lk_cli_json_object_new ();
  g_autofree char *inner_json = NULL;

  lk_cli_json_add_string (inner, "domain", g_quark_to_string (error->domain));
  lk_cli_json_add_int (inner, "code", error->code);
  lk_cli_json_add_string (inner, "message", error->message);
  inner_json = lk_cli_json_object_end (g_steal_pointer (&inner));
  lk_cli_json_add_raw (object, "error", inner_json);
  lk_cli_json_print (g_steal_pointer (&object));
}

/* Prints @error on stderr (and as JSON on stdout with --json) and returns
 * the exit code that goes with it. */
int
lk_cli_session_report_error (LkCliSession *self,
                             const GError *error,
                             gboolean      json)
{
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("%s\n", _("Interrupted."));
      return LK_CLI_EXIT_CANCELLED;
    }

  /* Translators: %s is an error message, already a full sentence. */
  g_printerr (_("Error: %s\n"), error->message);

  if (json)
    print_json_error (error);

  if (error->domain == LK_FAL_ERROR &&
      (error->code == LK_FAL_ERROR_NO_KEY ||
       error->code == LK_FAL_ERROR_UNAUTHORIZED ||
       error->code == LK_FAL_ERROR_INVALID_KEY_FORMAT))
    return LK_CLI_EXIT_AUTH;

  if (error->domain == G_OPTION_ERROR)
    return LK_CLI_EXIT_USAGE;

  return LK_CLI_EXIT_FAILURE;
}

GOptionContext *
lk_cli_option_context_new (const char *verb,
                           const char *parameter_string,
                           const char *summary)
{
  g_autofree char *prgname = g_strdup_printf ("likeness-cli %s", verb);
  GOptionContext *context;
  GString *description = g_string_new (NULL);

  g_set_prgname (prgname);

  /* Debug and info messages would otherwise go to stdout, into the results
   * and the --json output that scripts read. */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);

  g_string_append (description, _("Exit status:\n"
                                  "  0    success\n"
                                  "  1    failure (fal, the network or a file)\n"
                                  "  2    bad command line\n"
                                  "  3    no API key, or fal refused the key\n"
                                  "  130  interrupted with Ctrl+C\n"));
  g_string_append_c (description, '\n');
  g_string_append (description, _("The API key comes from the FAL_KEY environment variable "
                                  "or from the keyring (see “likeness-cli key --help”); it is "
                                  "never taken from the command line. With --json, results are "
                                  "written to standard output as JSON and messages go to "
                                  "standard error."));
  g_option_context_set_description (context, description->str);
  g_string_free (description, TRUE);

  return context;
}

/* Returns LK_CLI_EXIT_OK when the options parsed, or the exit code to leave
 * with. The message of a parse error is printed; GOption quotes the
 * offending option, which is why `key set` uses its own wording. */
int
lk_cli_parse_options (GOptionContext   *context,
                      const char       *verb,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return lk_cli_usage_error (verb, error->message);

  return LK_CLI_EXIT_OK;
}

int
lk_cli_usage_error (const char *verb,
                    const char *message)
{
  g_printerr ("%s\n", message);
  /* Translators: %s is a command such as “upload” or “key set”. */
  g_printerr (_("Run “likeness-cli %s --help” for usage.\n"), verb);

  return LK_CLI_EXIT_USAGE;
}

/* TRUE for an absolute http:// or https:// URL with a host. */
gboolean
lk_cli_is_http_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0';
}

gboolean
lk_cli_check_proxy_url (const char *verb,
                        const char *proxy_url,
                        int        *exit_code)
{
  if (proxy_url == NULL || lk_cli_is_http_url (proxy_url))
    return TRUE;

  *exit_code = lk_cli_usage_error (verb, _("The proxy must be an http:// or https:// URL."));
  return FALSE;
}

/* Request ids are opaque, but they become part of a URL path, so anything
 * that would change the path is refused before it reaches the client. */
gboolean
lk_cli_check_request_id (const char *verb,
                         const char *request_id,
                         int        *exit_code)
{
  gboolean valid = request_id != NULL && *request_id != '\0' && strlen (request_id) <= 200;

  for (const char *p = request_id; valid && *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        valid = FALSE;
    }

  if (!valid || g_str_equal (request_id, ".") || g_str_equal (request_id, ".."))
    {
      *exit_code = lk_cli_usage_error (verb, _("This is not a request id: ids contain only "
                                               "letters, digits, “-”, “_” and “.”."));
      return FALSE;
    }

  return TRUE;
}

const char *
lk_cli_state_to_string (LkFalState state)
{
  switch (state)
    {
    case LK_FAL_STATE_IN_QUEUE:
      return "IN_QUEUE";
    case LK_FAL_STATE_IN_PROGRESS:
      return "IN_PROGRESS";
    case LK_FAL_STATE_COMPLETED:
      return "COMPLETED";
    case LK_FAL_STATE_UNKNOWN:
    default:
      return "UNKNOWN";
    }
}

/* A one-line, translated description of @status. */
char *
lk_cli_describe_status (LkFalStatus *status)
{
  switch (lk_fal_status_get_state (status))
    {
    case LK_FAL_STATE_IN_QUEUE:
      if (lk_fal_status_get_queue_position (status) >= 0)
        /* Translators: %d is the place in fal's queue; 0 means next. */
        return g_strdup_printf (_("In queue, position %d"), lk_fal_status_get_queue_position (status));
      return g_strdup (_("In queue"));

    case LK_FAL_STATE_IN_PROGRESS:
      return g_strdup (_("In progress"));

    case LK_FAL_STATE_COMPLETED:
      if (lk_fal_status_is_failed (status))
        {
          const char *message = lk_fal_status_get_error (status);
          const char *type = lk_fal_status_get_error_type (status);

          if (message == NULL || *message == '\0')
            message = _("no reason given");

          if (type != NULL && *type != '\0')
            /* Translators: the first %s is fal's error message, the second its error type. */
            return g_strdup_printf (_("Failed: %s (%s)"), message, type);
          /* Translators: %s is fal's error message. */
          return g_strdup_printf (_("Failed: %s"), message);
        }
      if (lk_fal_status_get_inference_time (status) >= 0)
        /* Translators: %.1f is a number of seconds. */
        return g_strdup_printf (_("Completed in %.1f s"), lk_fal_status_get_inference_time (status));
      return g_strdup (_("Completed"));

    case LK_FAL_STATE_UNKNOWN:
    default:
      return g_strdup (_("Unknown state"));
    }
}

GString *
lk_cli_json_object_new (void)
{
  return g_string_new ("{");
}

void
lk_cli_json_append_string (GString    *out,
                           const char *value)
{
  g_autofree char *valid = NULL;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  valid = g_utf8_make_valid (value, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
json_add_name (GString    *object,
               const char *name)
{
  if (object->len > 1)
    g_string_append_c (object, ',');
  lk_cli_json_append_string (object, name);
  g_string_append_c (object, ':');
}

void
lk_cli_json_add_string (GString    *object,
                        const char *name,
                        const char *value)
{
  json_add_name (object, name);
  lk_cli_json_append_string (object, value);
}

void
lk_cli_json_add_int (GString    *object,
                     const char *name,
                     gint64      value)
{
  json_add_name (object, name);
  g_string_append_printf (object, "%" G_GINT64_FORMAT, value);
}

void
lk_cli_json_add_double (GString    *object,
                        const char *name,
                        double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  json_add_name (object, name);
  /* 15 significant digits print 0.906327 as such, not 0.90632699999999999. */
  if (isfinite (value))
    g_string_append (object, g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
  else
    g_string_append (object, "null");
}

void
lk_cli_json_add_bool (GString    *object,
                      const char *name,
                      gboolean    value)
{
  json_add_name (object, name);
  g_string_append (object, value ? "true" : "false");
}

void
lk_cli_json_add_raw (GString    *object,
                     const char *name,
                     const char *json)
{
  json_add_name (object, name);
  g_string_append (object, json != NULL ? json : "null");
}

char *
lk_cli_json_object_end (GString *object)
{
  g_string_append_c (object, '}');
  return g_string_free (object, FALSE);
}

void
lk_cli_json_print (GString *object)
{
  g_autofree char *json = lk_cli_json_object_end (object);

  g_print ("%s\n", json);
}

/* @type, when given, tags the object ("type": "log") for JSON Lines. */
char *
lk_cli_log_to_json (const LkFalLog *log,
                    const char     *type)
{
  GString *object = lk_cli_json_object_new ();

  if (type != NULL)
    lk_cli_json_add_string (object, "type", type);
  lk_cli_json_add_string (object, "message", log->message);
  lk_cli_json_add_string (object, "level", log->level);
  lk_cli_json_add_string (object, "source", log->source);
  lk_cli_json_add_string (object, "timestamp", log->timestamp);

  return lk_cli_json_object_end (object);
}

char *
lk_cli_status_to_json (LkFalStatus *status,
                       const char  *type)
{
  GString *object = lk_cli_json_object_new ();
  g_autoptr(GString) logs = g_string_new ("[");
  GPtrArray *entries = lk_fal_status_get_logs (status);

  if (type != NULL)
    lk_cli_json_add_string (object, "type", type);
  lk_cli_json_add_string (object, "request_id", lk_fal_status_get_request_id (status));
  lk_cli_json_add_string (object, "status", lk_cli_state_to_string (lk_fal_status_get_state (status)));

  if (lk_fal_status_get_queue_position (status) >= 0)
    lk_cli_json_add_int (object, "queue_position", lk_fal_status_get_queue_position (status));

  lk_cli_json_add_bool (object, "failed", lk_fal_status_is_failed (status));
  if (lk_fal_status_get_error (status) != NULL)
    lk_cli_json_add_string (object, "error", lk_fal_status_get_error (status));
  if (lk_fal_status_get_error_type (status) != NULL)
    lk_cli_json_add_string (object, "error_type", lk_fal_status_get_error_type (status));
  if (lk_fal_status_get_inference_time (status) >= 0)
    lk_cli_json_add_double (object, "inference_time", lk_fal_status_get_inference_time (status));

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      g_autofree char *entry = lk_cli_log_to_json (g_ptr_array_index (entries, i), NULL);

      if (i > 0)
        g_string_append_c (logs, ',');
      g_string_append (logs, entry);
    }
  g_string_append_c (logs, ']');
  lk_cli_json_add_raw (object, "logs", logs->str);

  return lk_cli_json_object_end (object);
}

LkCliProgress *
lk_cli_progress_new (const char *label)
{
  LkCliProgress *self = g_new0 (LkCliProgress, 1);

  self->label = g_strdup (label);
  self->started_usec = g_get_monotonic_time ();
  self->is_tty = isatty (STDERR_FILENO);
  self->total = -1;

  return self;
}

void
lk_cli_progress_free (LkCliProgress *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self);
}

static guint
terminal_width (void)
{
  struct winsize size;

  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 40)
    return size.ws_col;

  return 80;
}

static char *
format_duration (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d",
                            seconds / 3600, (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* The numbers after the bar: "42%  12.3 MB / 30.0 MB  4.5 MB/s  ETA 0:04". */
static char *
format_figures (LkCliProgress *self,
                gint64         now_usec)
{
  g_autofree char *done = g_format_size (self->done);
  g_autofree char *rate = NULL;
  g_autofree char *eta = NULL;
  double elapsed = (now_usec - self->started_usec) / (double) G_USEC_PER_SEC;
  double bytes_per_second = elapsed > 0.2 ? self->done / elapsed : 0;
  GString *out = g_string_new (NULL);

  if (self->total > 0)
    {
      g_autofree char *total = g_format_size (self->total);
      int percent = (int) (100.0 * self->done / self->total);

      /* Translators: a progress figure: percent, bytes done and bytes in
       * all, e.g. "42%  12.3 MB / 30.0 MB". */
      g_string_append_printf (out, _("%3d%%  %s / %s"), CLAMP (percent, 0, 100), done, total);
    }
  else
    {
      g_string_append (out, done);
    }

  if (bytes_per_second > 0)
    {
      g_autofree char *size = g_format_size ((guint64) bytes_per_second);

      rate = g_strdup_printf (_("%s/s"), size);
      g_string_append_printf (out, "  %s", rate);

      if (self->total > 0 && self->done < self->total && !self->finished)
        {
          eta = format_duration ((gint64) ((self->total - self->done) / bytes_per_second + 0.5));
          /* Translators: the estimated time left, e.g. "ETA 1:05". */
          g_string_append_printf (out, _("  ETA %s"), eta);
        }
    }

  return g_string_free (out, FALSE);
}

static void
progress_draw (LkCliProgress *self,
               gint64         now_usec)
{
  g_autofree char *figures = format_figures (self, now_usec);

  if (self->is_tty)
    {
      /* One column is kept free: a line that fills the terminal wraps, and
       * \r would then redraw only its last row. */
      glong room = (glong) terminal_width () - 1 - g_utf8_strlen (figures, -1) - 1;
      glong label_chars = g_utf8_strlen (self->label, -1);
      glong bar_width = MIN (room - label_chars - 3, 40);
      g_autoptr(GString) line = g_string_new (NULL);

      /* The bar never grows back once the rate and time left appear, so it
       * does not jitter. */
      if (self->bar_width > 0)
        bar_width = MIN (bar_width, self->bar_width);

      if (label_chars > room)
        {
          const char *end = g_utf8_offset_to_pointer (self->label, MAX (room - 1, 0));

          g_string_append_len (line, self->label, end - self->label);
          g_string_append (line, "…");
        }
      else
        {
          g_string_append (line, self->label);
        }

      if (bar_width >= 10)
        {
          glong filled = 0;

          self->bar_width = bar_width;
          if (self->total > 0)
            filled = (glong) ((double) bar_width * MIN (self->done, self->total) / self->total);

          g_string_append (line, " [");
          for (glong i = 0; i < bar_width; i++)
            g_string_append_c (line, i < filled ? '#' : (self->total > 0 ? '-' : ' '));
          g_string_append_c (line, ']');
        }

      /* \r and "erase to end of line" redraw in place. */
      fprintf (stderr, "\r%s %s\033[K", line->str, figures);
    }
  else
    {
      fprintf (stderr, "%s: %s\n", self->label, figures);
    }

  fflush (stderr);
  self->printed = TRUE;
  self->last_print_usec = now_usec;
}

/* An LkFalProgressFunc. */
void
lk_cli_progress_update_cb (goffset  done,
                           goffset  total,
                           gpointer user_data)
{
  LkCliProgress *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 interval = self->is_tty ? TTY_PROGRESS_INTERVAL_USEC : PLAIN_PROGRESS_INTERVAL_USEC;

  self->done = done;
  self->total = total;

  if (self->printed && now - self->last_print_usec < interval)
    return;

  /* Plain output starts only once an operation has run for a while, so
   * that a quick one writes a single final line. */
  if (!self->is_tty && !self->printed && now - self->started_usec < interval)
    return;

  progress_draw (self, now);
}

void
lk_cli_progress_finish (LkCliProgress *self,
                        gboolean       success)
{
  if (self->finished)
    return;

  self->finished = TRUE;

  if (success)
    {
      if (self->total > 0)
        self->done = self->total;
      progress_draw (self, g_get_monotonic_time ());
    }

  if (self->is_tty && self->printed)
    fputc ('\n', stderr);
  fflush (stderr);
}
