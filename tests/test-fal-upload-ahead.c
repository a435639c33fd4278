/* test-fal-upload-ahead.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Uploads stream their source from the upload's worker thread
 * (lk-fal-upload-transfer.c): a part is kept while it is read, so that it
 * can be sent again, and a single PUT reads its file through a read-ahead
 * buffer. These tests check that the bytes fal stores are the bytes read,
 * in order, whatever the size, with a part sent again, with a file stream,
 * and when the upload is cancelled while parts are in flight.
 */

#include "config.h"

#include <string.h>

#include "fal-test-common.h"

#define add_test(path, func) \
  g_test_add ("/likeness/fal-upload-ahead/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

#define PART (10 * 1024 * 1024)

/* Distinct bytes everywhere, so that a part sent twice or out of order
 * shows up in the stored file. */
static GBytes *
random_bytes (gsize size)
{
  guint64 *words = g_malloc (size + sizeof (guint64));
  guint64 x = 0x2545F4914F6CDD1Dull;

  for (gsize i = 0; i < size / sizeof (guint64) + 1; i++)
    {
      x ^= x >> 12;
      x ^= x << 25;
      x ^= x >> 27;
      words[i] = x * 0x9E3779B97F4A7C15ull;
    }

  return g_bytes_new_take (words, size);
}

/* Downloads @file_url and compares it with @expected. */
static void
assert_stored (Fixture    *fixture,
               const char *file_url,
               GBytes     *expected)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "stored.bin", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (fixture_download (fixture, file_url, destination,
                                   g_bytes_get_size (expected), NULL, &error));
  g_assert_no_error (error);

  stored = g_file_load_bytes (destination, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (stored), ==, g_bytes_get_size (expected));
  g_assert_true (g_bytes_equal (stored, expected));
}

static guint
count_requests (Fixture    *fixture,
                const char *method,
                const char *pattern)
{
  g_autoptr(JsonArray) log = fixture_requests (fixture);
  g_autoptr(GPtrArray) matches = requests_matching (log, "U", method, pattern);

  return matches->len;
}

static void
check_size (Fixture *fixture,
            gsize    size)
{
  g_autoptr(GBytes) data = random_bytes (size);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *file_url = NULL;

  lk_fake_fal_reset (fixture->fake);

  /* An unknown size always takes the multipart path. */
  file_url = fixture_upload_stream (fixture, stream, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file_url);

  g_assert_cmpuint (count_requests (fixture, "PUT", "/multipart/*/*"), ==,
                    MAX (1, (size + PART - 1) / PART));
  g_assert_cmpuint (count_requests (fixture, "POST", "/multipart/*/complete"), ==, 1);
  g_assert_cmpint (fixture->progress_done, ==, size);
  assert_stored (fixture, file_url, data);
}

static void
test_sizes (Fixture       *fixture,
            gconstpointer  user_data)
{
  /* Several parts and a short last one; an exact number of parts, where
   * the part read ahead is empty; less than one part. */
  check_size (fixture, 2 * PART + 12345);
  check_size (fixture, 2 * PART);
  check_size (fixture, PART - 1);
}

static void
test_part_retry (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GBytes) data = random_bytes (3 * PART + 7);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *file_url = NULL;
  g_autofree char *rule = NULL;

  /* Part 2 fails once while part 3 is being read ahead: part 2 must be
   * sent again from its own buffer, untouched by the read of part 3. */
  rule = fixture_add_fault (fixture, "{\"match\":{\"listener\":\"U\",\"method\":\"PUT\","
                                     "\"path\":\"/multipart/*/2\"},\"times\":1,"
                                     "\"action\":{\"respond\":{\"status\":503}}}");
  file_url = fixture_upload_stream (fixture, stream, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count_requests (fixture, "PUT", "/multipart/*/2"), ==, 2);
  g_assert_cmpuint (count_requests (fixture, "PUT", "/multipart/*/*"), ==, 5);
  assert_stored (fixture, file_url, data);
}

static void
test_file_stream (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GFile) file = make_temp_file ("source.bin", 2 * PART + 4096);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_url = NULL;

  /* A file stream answers reads from a worker thread. */
  data = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);

  file_url = fixture_upload_stream (fixture, G_INPUT_STREAM (stream), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "PUT", "/multipart/*/*"), ==, 3);
  assert_stored (fixture, file_url, data);
}

static void
test_single_put_file (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GFile) file = make_temp_file ("single.bin", 3 * 1024 * 1024 + 4321);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_url = NULL;

  data = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);

  file_url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "PUT", "/upload/*"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "PUT", "/multipart/*"), ==, 0);
  g_assert_cmpint (fixture->progress_done, ==, g_bytes_get_size (data));
  assert_stored (fixture, file_url, data);
}

static void
test_cancel_while_reading_ahead (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GFile) file = make_temp_file ("source.bin", 3 * PART);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_url = NULL;
  gint64 deadline;

  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);

  lk_fal_client_upload_stream_async (fixture->client, G_INPUT_STREAM (stream), -1, "x.bin",
                                     NULL, NULL, NULL, NULL, cancellable, fixture_result_cb,
                                     fixture);

  /* Cancelled once the fake sees part 1 (the initiate was request 1): the
   * worker is then sending part 1, waiting for its reply or starting part
   * 2, each a blocking call that the cancel interrupts. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (lk_fake_fal_get_n_requests (fixture->fake) < 2 && fixture->result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_cancellable_cancel (cancellable);

  result = fixture_wait (fixture);
  file_url = lk_fal_client_upload_stream_finish (fixture->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (file_url);

  /* The worker ends on its own and leaves the stream free; no part after
   * the one in flight, and no complete. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_input_stream_has_pending (G_INPUT_STREAM (stream)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  fixture_iterate_ms (100);
  g_assert_cmpuint (count_requests (fixture, "PUT", "/multipart/*/2"), <=, 1);
  g_assert_cmpuint (count_requests (fixture, "PUT", "/multipart/*/3"), ==, 0);
  g_assert_cmpuint (count_requests (fixture, "POST", "/multipart/*/complete"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The isolated XDG dirs hide the system's GSettings schemas, which GIO's
   * GNOME proxy resolver needs; the tests only talk to 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("sizes", test_sizes);
  add_test ("part-retry", test_part_retry);
  add_test ("file-stream", test_file_stream);
  add_test ("single-put-file", test_single_put_file);
  add_test ("cancel-while-reading-ahead", test_cancel_while_reading_ahead);

  return g_test_run ();
}
