/* test-fal-storage.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Storage uploads (single and multipart, from files and streams) and CDN
 * downloads against the fake fal service, with their faults and cancels.
 */

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "fal-test-common.h"

#define add_test(path, func) \
  g_test_add ("/likeness/fal-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static char *
file_checksum (GFile *file)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autofree guint8 *buffer = g_malloc (1024 * 1024);
  gssize n;

  g_assert_nonnull (stream);
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 1024 * 1024, NULL, NULL)) > 0)
    g_checksum_update (checksum, buffer, n);
  g_assert_cmpint (n, ==, 0);

  return g_strdup (g_checksum_get_string (checksum));
}

/* Downloads @url into the cache dir and checks it equals @original. */
static void
assert_round_trip (Fixture    *fixture,
                   const char *url,
                   GFile      *original)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = g_file_new_build_filename (g_get_user_cache_dir (), "round-trip", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  fixture_download (fixture, url, copy, -1, NULL, &error);
  g_assert_no_error (error);
  a = file_checksum (original);
  b = file_checksum (copy);
  g_assert_cmpstr (a, ==, b);
  g_file_delete (copy, NULL, NULL);
}

static void
assert_dir_has_no_partials (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  g_assert_nonnull (children);
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_assert_false (g_str_has_suffix (g_file_info_get_name (info), ".part"));
      g_object_unref (info);
    }
}

static void
test_single_upload (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("dataset.zip", 300 * 1024);
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) initiates = NULL;
  g_autoptr(GPtrArray) puts = NULL;
  g_autofree char *url = NULL;
  JsonObject *initiate;
  JsonObject *put;
  JsonObject *body;

  url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_CDN)));
  g_assert_cmpint (fixture->progress_done, ==, 300 * 1024);
  g_assert_cmpint (fixture->progress_total, ==, 300 * 1024);
  g_assert_cmpuint (fixture->n_progress, >=, 2);

  log = fixture_requests (fixture);
  initiates = requests_matching (log, "R", "POST", "/storage/upload/initiate");
  g_assert_cmpuint (initiates->len, ==, 1);
  initiate = g_ptr_array_index (initiates, 0);
  g_assert_cmpstr (json_object_get_string_member (initiate, "query"), ==, "storage_type=fal-cdn-v3");
  g_assert_cmpstr (json_object_get_string_member (initiate, "auth"), ==, "present");
  body = json_object_get_object_member (initiate, "json");
  g_assert_cmpstr (json_object_get_string_member (body, "content_type"), ==, "application/zip");
  g_assert_cmpstr (json_object_get_string_member (body, "file_name"), ==, "dataset.zip");

  puts = requests_matching (log, "U", "PUT", NULL);
  g_assert_cmpuint (puts->len, ==, 1);
  put = g_ptr_array_index (puts, 0);
  g_assert_cmpstr (json_object_get_string_member (put, "auth"), ==, "absent");
  g_assert_cmpstr (request_header (put, "content-type"), ==, "application/zip");
  g_assert_cmpint (json_object_get_int_member (put, "body_length"), ==, 300 * 1024);

  assert_round_trip (fixture, url, file);
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (fixture->fake), ==, 0);
}

static void
test_stream_unknown_size (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("stream.bin", 200 * 1024);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) initiates = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) completes = NULL;
  g_autofree char *url = NULL;

  /* Size -1: the only way is multipart. */
  url = fixture_upload_stream (fixture, G_INPUT_STREAM (stream), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->progress_done, ==, 200 * 1024);

  log = fixture_requests (fixture);
  initiates = requests_matching (log, "R", "POST", "/storage/upload/initiate-multipart");
  g_assert_cmpuint (initiates->len, ==, 1);
  parts = requests_matching (log, "U", "PUT", "*/1");
  g_assert_cmpuint (parts->len, ==, 1);
  /* Parts carry no headers of their own. */
  g_assert_null (request_header (g_ptr_array_index (parts, 0), "content-type"));
  completes = requests_matching (log, "U", "POST", "*/complete");
  g_assert_cmpuint (completes->len, ==, 1);

  assert_round_trip (fixture, url, file);
}

static GFile *
make_big_file (const char *name,
               goffset     size)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree guint8 *block = g_malloc (1024 * 1024);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);

  for (goffset written = 0; written < size; written += 1024 * 1024)
    {
      gsize n = MIN (1024 * 1024, size - written);

      /* Different bytes per block, so a misplaced part changes the hash. */
      memset (block, (int) (written / (1024 * 1024)) & 0xff, n);
      block[0] = 0xa5;
      g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), block, n, NULL, NULL, &error));
    }
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));

  return g_steal_pointer (&file);
}

static void
test_multipart_file (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const goffset size = 91 * 1024 * 1024;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_big_file ("big.zip", size);
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) completes = NULL;
  g_autoptr(GPtrArray) initiates = NULL;
  g_autofree char *url = NULL;
  g_autofree char *fault = NULL;
  JsonArray *listed;

  /* Part 2 fails once and is sent again. */
  fault = fixture_add_fault (fixture, "{\"match\":{\"listener\":\"U\",\"method\":\"PUT\",\"path\":\"*/2\"},"
                                      "\"times\":1,\"action\":{\"respond\":{\"status\":503}}}");

  url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->progress_done, ==, size);
  g_assert_cmpint (fixture->progress_total, ==, size);

  log = fixture_requests (fixture);
  initiates = requests_matching (log, "R", "POST", "/storage/upload/initiate-multipart");
  g_assert_cmpuint (initiates->len, ==, 1);
  parts = requests_matching (log, "U", "PUT", NULL);
  /* 10 parts (9 × 10 MiB + 1 MiB) and one retry. */
  g_assert_cmpuint (parts->len, ==, 11);
  for (guint i = 0; i < parts->len; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (parts, i), "auth"), ==, "absent");
  completes = requests_matching (log, "U", "POST", "*/complete");
  g_assert_cmpuint (completes->len, ==, 1);
  listed = json_object_get_array_member (json_object_get_object_member (g_ptr_array_index (completes, 0),
                                                                        "json"), "parts");
  g_assert_cmpuint (json_array_get_length (listed), ==, 10);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (listed, 9), "partNumber"), ==, 10);

  assert_round_trip (fixture, url, file);
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (fixture->fake), ==, 0);
}

static void
test_part_fails (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("parts.bin", 64 * 1024);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *url = NULL;
  g_autofree char *fault = NULL;

  fault = fixture_add_fault (fixture, "{\"match\":{\"listener\":\"U\",\"method\":\"PUT\"},"
                                      "\"times\":5,\"action\":{\"respond\":{\"status\":503}}}");
  url = fixture_upload_stream (fixture, G_INPUT_STREAM (stream), -1, &error);
  g_assert_null (url);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_UPLOAD);

  /* Three attempts in all, no more. */
  log = fixture_requests (fixture);
  parts = requests_matching (log, "U", "PUT", NULL);
  g_assert_cmpuint (parts->len, ==, 3);
}

static void
test_complete_fails (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("complete.bin", 64 * 1024);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) completes = NULL;
  g_autofree char *url = NULL;
  g_autofree char *fault = NULL;

  fault = fixture_add_fault (fixture, "{\"match\":{\"listener\":\"U\",\"method\":\"POST\"},"
                                      "\"times\":1,\"action\":{\"respond\":{\"status\":500,"
                                      "\"body\":{\"detail\":\"boom\"}}}}");
  url = fixture_upload_stream (fixture, G_INPUT_STREAM (stream), -1, &error);
  g_assert_null (url);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_UPLOAD);

  /* Not retried. */
  log = fixture_requests (fixture);
  completes = requests_matching (log, "U", "POST", NULL);
  g_assert_cmpuint (completes->len, ==, 1);
}

static void
test_upload_reset (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("reset.zip", 1024 * 1024);
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) puts = NULL;
  g_autofree char *url = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *jobs = NULL;

  fault = fixture_add_fault (fixture, "{\"match\":{\"listener\":\"U\",\"method\":\"PUT\"},"
                                      "\"times\":1,\"action\":{\"reset_after_bytes\":524288}}");
  url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_null (url);
  g_assert_true (g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_NETWORK) ||
                 g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_UPLOAD));

  /* The presigned PUT is not retried. */
  log = fixture_requests (fixture);
  puts = requests_matching (log, "U", "PUT", NULL);
  g_assert_cmpuint (puts->len, ==, 1);
  jobs = lk_fake_fal_dup_jobs_json (fixture->fake);
  g_assert_null (strstr (jobs, "request_id"));
}

static void
test_upload_errors (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) missing = g_file_new_build_filename (g_get_user_cache_dir (), "missing.zip", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (g_get_user_cache_dir ());
  g_autoptr(GFile) file = make_temp_file ("locked.zip", 1024);
  g_autofree char *url = NULL;
  g_autofree char *fault = NULL;

  url = fixture_upload_file (fixture, missing, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_FILE);
  g_clear_error (&error);

  url = fixture_upload_file (fixture, dir, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_FILE);
  g_clear_error (&error);

  fixture_configure (fixture, "{\"keys\":{\"" LK_FAKE_FAL_KEY "\":\"exhausted_balance\"}}");
  url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED);
  g_clear_error (&error);
  fixture_configure (fixture, "{\"keys\":{\"" LK_FAKE_FAL_KEY "\":\"ok\"}}");

  /* The presigned PUT itself refused. */
  fault = fixture_add_fault (fixture, "{\"match\":{\"listener\":\"U\",\"method\":\"PUT\"},"
                                      "\"times\":1,\"action\":{\"respond\":{\"status\":503}}}");
  url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_UPLOAD);
}

static gboolean
has_upload_request (Fixture *fixture)
{
  g_autoptr(JsonArray) log = fixture_requests (fixture);
  g_autoptr(GPtrArray) puts = requests_matching (log, "U", "PUT", NULL);

  return puts->len > 0;
}

static void
test_cancel_upload (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) destination = g_file_new_build_filename (g_get_user_cache_dir (), "x", NULL);
  g_autofree char *half = g_malloc0 (512 * 1024);
  g_autofree char *url = NULL;
  g_autofree char *jobs = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int fds[2];

  /* A pipe that delivers half the promised bytes, then nothing: the PUT is
   * under way when the cancel comes. */
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_true (g_unix_set_fd_nonblocking (fds[1], TRUE, NULL));
  /* As much as the pipe holds (64 KiB on Linux), without blocking. */
  g_assert_cmpint (write (fds[1], half, 512 * 1024), >, 0);
  stream = g_unix_input_stream_new (fds[0], TRUE);

  lk_fal_client_upload_stream_async (fixture->client, stream, 1024 * 1024, "pipe.zip",
                                     "application/zip", NULL, NULL, NULL, cancellable,
                                     fixture_result_cb, fixture);
  while (!has_upload_request (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_cancellable_cancel (cancellable);
  result = fixture_wait (fixture);
  url = lk_fal_client_upload_stream_finish (fixture->client, result, &error);
  g_assert_null (url);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  close (fds[1]);

  jobs = lk_fake_fal_dup_jobs_json (fixture->fake);
  g_assert_null (strstr (jobs, "request_id"));
}

static void
test_download_checks (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("weights.safetensors", 100 * 1024);
  g_autoptr(GFile) dir = g_file_new_for_path (g_get_user_cache_dir ());
  g_autoptr(GFile) destination = g_file_get_child (dir, "lora.safetensors");
  g_autoptr(GBytes) old = g_bytes_new_static ("old", 3);
  g_autofree char *url = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_no_error (error);

  /* A previous file stays untouched when a download fails. */
  g_assert_true (g_file_replace_contents (destination, "old", 3, NULL, FALSE, 0, NULL, NULL, NULL));

  g_assert_false (fixture_download (fixture, url, destination, 100 * 1024 + 1, NULL, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_SIZE_MISMATCH);
  g_clear_error (&error);
  g_assert_true (g_file_load_contents (destination, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, "old", 3);
  g_clear_pointer (&contents, g_free);
  assert_dir_has_no_partials (dir);

  missing = g_strconcat (lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_CDN), "/files/none/x.bin", NULL);
  g_assert_false (fixture_download (fixture, missing, destination, -1, NULL, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (fixture_download (fixture, "not a url", destination, -1, NULL, &error));
  g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  {
    g_autoptr(GFile) nowhere = g_file_new_build_filename (g_get_user_cache_dir (), "no-such-dir",
                                                          "x.bin", NULL);

    g_assert_false (fixture_download (fixture, url, nowhere, -1, NULL, &error));
    g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_FILE);
    g_clear_error (&error);
  }

  /* Success replaces it. */
  g_assert_true (fixture_download (fixture, url, destination, 100 * 1024, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (destination, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpuint (length, ==, 100 * 1024);
  assert_dir_has_no_partials (dir);
}

static void
test_cancel_download (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("slow.bin", 1024 * 1024);
  g_autoptr(GFile) dir = g_file_new_for_path (g_get_user_data_dir ());
  g_autoptr(GFile) destination = g_file_get_child (dir, "slow.bin");
  g_autofree char *url = NULL;
  g_autofree char *fault = NULL;

  url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);

  fault = fixture_add_fault (fixture, "{\"match\":{\"listener\":\"C\"},\"times\":1,"
                                      "\"action\":{\"throttle_bps\":65536}}");
  fixture->cancel_on_progress = g_cancellable_new ();
  g_assert_false (fixture_download (fixture, url, destination, 1024 * 1024,
                                    fixture->cancel_on_progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (fixture->progress_done, >, 0);
  g_assert_cmpint (fixture->progress_done, <, 1024 * 1024);
  g_assert_false (g_file_query_exists (destination, NULL));
  assert_dir_has_no_partials (dir);
}

int
main (int    argc,
      char **argv)
{
  /* The isolated XDG dirs hide the system's GSettings schemas, which GIO's
   * GNOME proxy resolver needs; the tests only talk to 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("storage/single", test_single_upload);
  add_test ("storage/stream-unknown-size", test_stream_unknown_size);
  add_test ("storage/multipart-file", test_multipart_file);
  add_test ("storage/part-fails", test_part_fails);
  add_test ("storage/complete-fails", test_complete_fails);
  add_test ("storage/reset", test_upload_reset);
  add_test ("storage/errors", test_upload_errors);
  add_test ("cancel/upload", test_cancel_upload);
  add_test ("download/checks", test_download_checks);
  add_test ("cancel/download", test_cancel_download);

  return g_test_run ();
}
