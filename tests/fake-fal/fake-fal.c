/* fake-fal.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-fal"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "lk-fake-fal.h"

/* The fake fal service as a program: prints one JSON line with the five base
 * URLs ({"queue","rest","upload","cdn","control"}) and serves until SIGINT,
 * SIGTERM or, with --exit-on-eof, until stdin closes. */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
stdin_cb (gint         fd,
          GIOCondition condition,
          gpointer     user_data)
{
  char buffer[256];
  gssize n = read (fd, buffer, sizeof buffer);

  if (n > 0)
    return G_SOURCE_CONTINUE;

  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFakeFal) fake = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *urls = NULL;
  gboolean exit_on_eof = FALSE;
  gint port = 0;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Listen on PORT … PORT+4 (queue, rest, upload, cdn, control)", "PORT" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file,
      "Apply this JSON configuration (as PUT /__fake/config)", "FILE" },
    { "exit-on-eof", 0, 0, G_OPTION_ARG_NONE, &exit_on_eof, "Exit when standard input closes", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- loopback imitation of fal.ai for tests");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("fake-fal: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > 65530)
    {
      g_printerr ("fake-fal: --port must be between 0 and 65530\n");
      return EXIT_FAILURE;
    }

  fake = lk_fake_fal_new ();
  lk_fake_fal_set_base_port (fake, port);

  if (config_file != NULL)
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (config_file, &contents, NULL, &error))
        {
          g_printerr ("fake-fal: %s\n", error->message);
          return EXIT_FAILURE;
        }
      if (!lk_fake_fal_configure (fake, contents))
        {
          g_printerr ("fake-fal: %s is not a JSON object\n", config_file);
          return EXIT_FAILURE;
        }
    }

  if (!lk_fake_fal_start (fake, &error))
    {
      g_printerr ("fake-fal: %s\n", error->message);
      return EXIT_FAILURE;
    }

  urls = lk_fake_fal_dup_urls_json (fake);
  g_print ("%s\n", urls);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  if (exit_on_eof)
    g_unix_fd_add (0, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, loop);

  g_main_loop_run (loop);

  return EXIT_SUCCESS;
}
