/* test-block-input-stream.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "lk-block-input-stream.h"

static GBytes *
pattern_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + i / 256);

  return g_bytes_new_take (data, size);
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gssize
read_async_wait (GInputStream  *stream,
                 void          *buffer,
                 gsize          count,
                 GError       **error)
{
  Wait wait = { NULL };
  gssize n;

  g_input_stream_read_async (stream, buffer, count, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  n = g_input_stream_read_finish (stream, wait.result, error);
  g_object_unref (wait.result);

  return n;
}

/* Reads all of @stream in @chunk-sized reads, sync or async. */
static GBytes *
read_everything (GInputStream *stream,
                 gsize         chunk,
                 gboolean      async)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (chunk);
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      gssize n = async ? read_async_wait (stream, buffer, chunk, &error)
                       : g_input_stream_read (stream, buffer, chunk, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >=, 0);
      g_assert_cmpint (n, <=, chunk);
      if (n == 0)
        break;
      g_byte_array_append (out, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
test_contents (void)
{
  g_autoptr(GBytes) data = pattern_bytes (100000);
  const gsize chunks[] = { 1, 777, 8192, 4096 * 3 + 5, 200000 };

  /* Every read size, smaller and larger than the block, sync and async,
   * gives back exactly the base stream's bytes. */
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    for (guint async = 0; async < 2; async++)
      {
        g_autoptr(GInputStream) base = g_memory_input_stream_new_from_bytes (data);
        g_autoptr(GInputStream) stream = lk_block_input_stream_new (base, 16384);
        g_autoptr(GBytes) read = NULL;

        if (chunks[i] == 1 && async)
          continue;
        read = read_everything (stream, chunks[i], async);
        g_assert_true (g_bytes_equal (read, data));
      }
}

static void
test_file_and_close (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "block.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) data = pattern_bytes (3 * 65536 + 123);
  g_autoptr(GFileInputStream) base = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (data, NULL),
                                      g_bytes_get_size (data), &error));
  g_assert_no_error (error);
  base = g_file_read (file, NULL, &error);
  g_assert_no_error (error);

  /* 8 KiB async reads of a file, as libsoup does with a request body. */
  stream = lk_block_input_stream_new (G_INPUT_STREAM (base), 65536);
  read = read_everything (stream, 8192, TRUE);
  g_assert_true (g_bytes_equal (read, data));

  /* Closing it closes the file. */
  g_assert_true (g_input_stream_close (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_input_stream_is_closed (G_INPUT_STREAM (base)));
}

static void
test_error (void)
{
  g_autoptr(GInputStream) base = g_memory_input_stream_new ();
  g_autoptr(GInputStream) stream = lk_block_input_stream_new (base, 4096);
  g_autoptr(GError) error = NULL;
  char buffer[16];

  /* A failing base stream fails the read; a closed one is an error. */
  g_assert_true (g_input_stream_close (base, NULL, NULL));
  g_assert_cmpint (read_async_wait (stream, buffer, sizeof buffer, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/block-input-stream/contents", test_contents);
  g_test_add_func ("/likeness/block-input-stream/file-and-close", test_file_and_close);
  g_test_add_func ("/likeness/block-input-stream/error", test_error);

  return g_test_run ();
}
