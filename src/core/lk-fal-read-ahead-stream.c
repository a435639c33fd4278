/* lk-fal-read-ahead-stream.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup splices an upload body in 8 KiB reads. From a file, each would
 * be a system call (blocking reads, as the upload's worker thread makes
 * them) or a round trip to a GIO worker thread (asynchronous ones). This
 * stream reads its base stream in large blocks and serves the small reads
 * from memory, with a bounded footprint (one block). It can also report
 * the bytes it hands out, which is how the upload counts what it sent.
 */

#define G_LOG_DOMAIN "lk-fal-read-ahead"

#include "config.h"

#include <string.h>

#include "lk-fal-read-ahead-stream-private.h"

struct _LkFalReadAheadStream
{
  GFilterInputStream parent_instance;

  guint8 *buffer;
  gsize   size;
  gsize   start;
  gsize   end;

  LkFalBytesFunc bytes_func;
  gpointer       bytes_data;
};

G_DEFINE_FINAL_TYPE (LkFalReadAheadStream, lk_fal_read_ahead_stream, G_TYPE_FILTER_INPUT_STREAM)

static gsize
serve (LkFalReadAheadStream *self,
       void                 *out,
       gsize                 count)
{
  gsize n = MIN (count, self->end - self->start);

  memcpy (out, self->buffer + self->start, n);
  self->start += n;
  if (self->bytes_func != NULL && n > 0)
    self->bytes_func (n, self->bytes_data);
  return n;
}

static gssize
lk_fal_read_ahead_stream_read (GInputStream  *stream,
                               void          *out,
                               gsize          count,
                               GCancellable  *cancellable,
                               GError       **error)
{
  LkFalReadAheadStream *self = LK_FAL_READ_AHEAD_STREAM (stream);
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n;

  if (self->start < self->end)
    return serve (self, out, count);

  n = g_input_stream_read (base, self->buffer, self->size, cancellable, error);
  if (n <= 0)
    return n;

  self->start = 0;
  self->end = n;
  return serve (self, out, count);
}

typedef struct
{
  void  *out;
  gsize  count;
} ReadData;

static void
fill_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkFalReadAheadStream *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      g_task_return_error (task, error);
      return;
    }

  self->start = 0;
  self->end = n;
  g_task_return_int (task, serve (self, data->out, data->count));
}

static void
lk_fal_read_ahead_stream_read_async (GInputStream        *stream,
                                     void                *out,
                                     gsize                count,
                                     int                  io_priority,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  LkFalReadAheadStream *self = LK_FAL_READ_AHEAD_STREAM (stream);
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  ReadData *data;

  g_task_set_source_tag (task, lk_fal_read_ahead_stream_read_async);
  g_task_set_priority (task, io_priority);

  if (self->start < self->end)
    {
      g_task_return_int (task, serve (self, out, count));
      return;
    }

  data = g_new0 (ReadData, 1);
  data->out = out;
  data->count = count;
  g_task_set_task_data (task, data, g_free);
  g_input_stream_read_async (base, self->buffer, self->size, io_priority, cancellable,
                             fill_cb, g_steal_pointer (&task));
}

static gssize
lk_fal_read_ahead_stream_read_finish (GInputStream  *stream,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static void
lk_fal_read_ahead_stream_finalize (GObject *object)
{
  LkFalReadAheadStream *self = (LkFalReadAheadStream *) object;

  g_free (self->buffer);

  G_OBJECT_CLASS (lk_fal_read_ahead_stream_parent_class)->finalize (object);
}

static void
lk_fal_read_ahead_stream_class_init (LkFalReadAheadStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = lk_fal_read_ahead_stream_finalize;
  stream_class->read_fn = lk_fal_read_ahead_stream_read;
  stream_class->read_async = lk_fal_read_ahead_stream_read_async;
  stream_class->read_finish = lk_fal_read_ahead_stream_read_finish;
}

static void
lk_fal_read_ahead_stream_init (LkFalReadAheadStream *self)
{
}

GInputStream *
_lk_fal_read_ahead_stream_new (GInputStream *base,
                               gsize         block_size)
{
  LkFalReadAheadStream *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (base), NULL);
  g_return_val_if_fail (block_size > 0, NULL);

  self = g_object_new (LK_TYPE_FAL_READ_AHEAD_STREAM,
                       "base-stream", base,
                       "close-base-stream", FALSE,
                       NULL);
  self->size = block_size;
  self->buffer = g_malloc (block_size);

  return G_INPUT_STREAM (self);
}

void
_lk_fal_read_ahead_stream_set_bytes_func (GInputStream   *stream,
                                          LkFalBytesFunc  func,
                                          gpointer        user_data)
{
  LkFalReadAheadStream *self = LK_FAL_READ_AHEAD_STREAM (stream);

  self->bytes_func = func;
  self->bytes_data = user_data;
}
