/* bench-upload.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Uploads a 1 GiB file to the fake fal service (a separate fake-fal
 * process) with LkFalClient, then the same file with `curl -T` to a
 * presigned URL of the same fake, and prints the throughput ratio and our
 * peak RSS. Fails when the peak RSS reaches 48 MB (issue 3).
 *
 * Usage: bench-upload FAKE_FAL_BIN [SIZE_MIB]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lk-fal-client.h"

#define KEY         "fake-key-id:fake-key-secret"
#define RSS_LIMIT_KB (48 * 1000)

static GAsyncResult *pending;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  pending = g_object_ref (result);
}

static long
peak_rss_kb (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_maxrss;
}

static char *
presigned_url (const char *rest)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (rest, "/storage/upload/initiate?storage_type=fal-cdn-v3", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  static const char json[] = "{\"content_type\":\"application/octet-stream\",\"file_name\":\"curl.bin\"}";

  request = g_bytes_new_static (json, sizeof json - 1);
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                "Key " KEY);
  body = soup_session_send_and_read (session, message, NULL, NULL);
  if (body == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    return NULL;

  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "upload_url"));
}

typedef struct
{
  double ours_s;
  double curl_s;
  long   rss_kb;
} Run;

/* Uploads a sparse file of @size with LkFalClient and then with curl. */
static Run
run_pair (LkFalClient *client,
          JsonObject  *urls,
          goffset      size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *upload_url = NULL;
  g_autofree char *curl_out = NULL;
  g_autofree char *curl_err = NULL;
  const char *curl_argv[10];
  gint64 start;
  int fd, status = 0;
  Run run;

  /* A sparse file: both uploaders read the same bytes without disk I/O. */
  fd = g_file_open_tmp ("bench-upload-XXXXXX", &path, &error);
  if (fd < 0 || ftruncate (fd, size) != 0)
    g_error ("cannot create the test file");
  close (fd);
  file = g_file_new_for_path (path);

  start = g_get_monotonic_time ();
  lk_fal_client_upload_file_async (client, file, "application/octet-stream", NULL, NULL, NULL,
                                   NULL, result_cb, NULL);
  while (pending == NULL)
    g_main_context_iteration (NULL, TRUE);
  url = lk_fal_client_upload_file_finish (client, pending, &error);
  g_clear_object (&pending);
  if (url == NULL)
    g_error ("upload failed: %s", error->message);
  run.ours_s = (g_get_monotonic_time () - start) / 1e6;
  run.rss_kb = peak_rss_kb (RUSAGE_SELF);

  upload_url = presigned_url (json_object_get_string_member (urls, "rest"));
  if (upload_url == NULL)
    g_error ("no presigned URL for curl");
  curl_argv[0] = "curl";
  curl_argv[1] = "-sS";
  curl_argv[2] = "-o";
  curl_argv[3] = "/dev/null";
  curl_argv[4] = "-H";
  curl_argv[5] = "Content-Type: application/octet-stream";
  curl_argv[6] = "-T";
  curl_argv[7] = path;
  curl_argv[8] = upload_url;
  curl_argv[9] = NULL;
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) curl_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &curl_out, &curl_err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("curl failed: %s", error->message);
  run.curl_s = (g_get_monotonic_time () - start) / 1e6;

  g_unlink (path);
  return run;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(GDataInputStream) fake_out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalClient) client = NULL;
  g_autofree char *line = NULL;
  g_autofree char *env = NULL;
  JsonObject *urls;
  goffset sizes[2];
  long rss_before;
  long rss_after = 0;

  if (argc < 2)
    {
      g_printerr ("usage: bench-upload FAKE_FAL_BIN [SIZE_MIB]\n");
      return 2;
    }
  /* One size below the multipart threshold (a single PUT, like curl -T),
   * then the big one (multipart for us, still one PUT for curl). */
  sizes[0] = (goffset) 85 * 1024 * 1024;
  sizes[1] = (goffset) (argc > 2 ? atoi (argv[2]) : 1024) * 1024 * 1024;
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  fake = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                           argv[1], "--exit-on-eof", NULL);
  if (fake == NULL)
    g_error ("%s", error->message);
  fake_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fake));
  line = g_data_input_stream_read_line (fake_out, NULL, NULL, &error);
  if (line == NULL || !json_parser_load_from_data (parser, line, -1, &error))
    g_error ("no URL line from the fake");
  urls = json_node_get_object (json_parser_get_root (parser));

  env = g_strdup_printf ("queue=%s,rest=%s", json_object_get_string_member (urls, "queue"),
                         json_object_get_string_member (urls, "rest"));
  g_setenv (LK_FAL_URLS_ENV, env, TRUE);
  client = lk_fal_client_new ();
  lk_fal_client_set_key (client, KEY);
  rss_before = peak_rss_kb (RUSAGE_SELF);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Run run = run_pair (client, urls, sizes[i]);
      double mib = sizes[i] / 1048576.0;

      printf ("upload %.0f MiB: likeness %.0f MiB/s (%s), curl -T %.0f MiB/s (single PUT); "
              "throughput ratio %.2f\n",
              mib, mib / run.ours_s, sizes[i] > 90 * 1048576 ? "multipart" : "single PUT",
              mib / run.curl_s, run.curl_s / run.ours_s);
      rss_after = MAX (rss_after, run.rss_kb);
    }

  printf ("peak RSS of the likeness process: %.1f MB (%.1f MB before uploading); limit 48 MB; "
          "curl peaked at %.1f MB\n",
          rss_after / 1000.0, rss_before / 1000.0, peak_rss_kb (RUSAGE_CHILDREN) / 1000.0);

  g_output_stream_close (g_subprocess_get_stdin_pipe (fake), NULL, NULL);
  g_subprocess_wait (fake, NULL, NULL);

  return rss_after < RSS_LIMIT_KB ? 0 : 1;
}
