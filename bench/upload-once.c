/* upload-once.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upload-once"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "lk-core.h"

/* Uploads one file through LkFalClient and prints its file URL, so that
 * bench-upload can measure the client alone in a process of its own (wall
 * time and peak RSS from wait4()). The hosts come from LIKENESS_FAL_URLS and
 * the key from FAL_KEY, as for any other use of the client; a progress
 * callback is attached, as the app and the CLI attach one. */

typedef struct
{
  GMainLoop *loop;
  char      *file_url;
  GError    *error;
  guint      n_progress;
  goffset    last_done;
} UploadOnce;

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  UploadOnce *state = user_data;

  state->n_progress++;
  state->last_done = done;
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  UploadOnce *state = user_data;

  state->file_url = lk_fal_client_upload_file_finish (LK_FAL_CLIENT (object), result,
                                                      &state->error);
  g_main_loop_quit (state->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LkFalClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GFile) file = NULL;
  UploadOnce state = { 0 };
  const char *key = g_getenv ("FAL_KEY");

  setlocale (LC_ALL, "");

  if (argc != 2)
    {
      g_printerr ("Usage: upload-once FILE  (hosts from LIKENESS_FAL_URLS, key from FAL_KEY)\n");
      return EXIT_FAILURE;
    }
  if (key == NULL || *key == '\0')
    {
      g_printerr ("upload-once: FAL_KEY is not set\n");
      return EXIT_FAILURE;
    }

  client = lk_fal_client_new ();
  lk_fal_client_set_key (client, key);
  file = g_file_new_for_commandline_arg (argv[1]);
  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;

  lk_fal_client_upload_file_async (client, file, "application/octet-stream",
                                   progress_cb, &state, NULL, NULL, upload_cb, &state);
  g_main_loop_run (loop);

  if (state.file_url == NULL)
    {
      g_printerr ("upload-once: %s\n", state.error->message);
      g_clear_error (&state.error);
      return EXIT_FAILURE;
    }

  g_print ("%s\n", state.file_url);
  g_printerr ("upload-once: %u progress reports, last at %" G_GOFFSET_FORMAT " bytes\n",
              state.n_progress, state.last_done);
  g_free (state.file_url);

  return EXIT_SUCCESS;
}
