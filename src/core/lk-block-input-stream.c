/* lk-block-input-stream.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-block-input-stream"

#include "config.h"

#include <string.h>

#include "lk-block-input-stream.h"

struct _LkBlockInputStream
{
  GInputStream  parent_instance;

  GInputStream *base;        /* (owned) */
  guint8       *block;       /* (owned) block_size bytes */
  gsize         block_size;
  gsize         start;       /* the next unread byte of block */
  gsize         end;         /* the bytes in block */
};

G_DEFINE_FINAL_TYPE (LkBlockInputStream, lk_block_input_stream, G_TYPE_INPUT_STREAM)

typedef struct
{
  void  *buffer;   /* (unowned) the caller's */
  gsize  count;
} ReadData;

static gsize
take (LkBlockInputStream *self,
      void               *buffer,
      gsize               count)
{
  gsize n = MIN (count, self->end - self->start);

  memcpy (buffer, self->block + self->start, n);
  self->start += n;

  return n;
}

static gssize
lk_block_input_stream_read (GInputStream  *stream,
                            void          *buffer,
                            gsize          count,
                            GCancellable  *cancellable,
                            GError       **error)
{
  LkBlockInputStream *self = LK_BLOCK_INPUT_STREAM (stream);
  gssize n;

  if (self->start == self->end)
    {
      if (count >= self->block_size)
        return g_input_stream_read (self->base, buffer, count, cancellable, error);

      n = g_input_stream_read (self->base, self->block, self->block_size, cancellable, error);
      if (n <= 0)
        return n;
      self->start = 0;
      self->end = n;
    }

  return take (self, buffer, count);
}

static void
fill_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkBlockInputStream *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->start = 0;
  self->end = n;
  g_task_return_int (task, take (self, data->buffer, data->count));
}

/* Small reads are answered from the block without a worker thread; only a
 * refill goes to the base stream. */
static void
lk_block_input_stream_read_async (GInputStream        *stream,
                                  void                *buffer,
                                  gsize                count,
                                  int                  io_priority,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  LkBlockInputStream *self = LK_BLOCK_INPUT_STREAM (stream);
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_block_input_stream_read_async);
  g_task_set_priority (task, io_priority);

  if (self->start < self->end || count == 0)
    {
      g_task_return_int (task, take (self, buffer, count));
      return;
    }

  data = g_new (ReadData, 1);
  data->buffer = buffer;
  data->count = count;
  g_task_set_task_data (task, data, g_free);

  g_input_stream_read_async (self->base, self->block, self->block_size, io_priority,
                             cancellable, fill_cb, g_object_ref (task));
}

static gssize
lk_block_input_stream_read_finish (GInputStream  *stream,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_block_input_stream_read_async, -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
lk_block_input_stream_close (GInputStream  *stream,
                             GCancellable  *cancellable,
                             GError       **error)
{
  LkBlockInputStream *self = LK_BLOCK_INPUT_STREAM (stream);

  return g_input_stream_close (self->base, cancellable, error);
}

static void
lk_block_input_stream_finalize (GObject *object)
{
  LkBlockInputStream *self = LK_BLOCK_INPUT_STREAM (object);

  g_clear_object (&self->base);
  g_free (self->block);

  G_OBJECT_CLASS (lk_block_input_stream_parent_class)->finalize (object);
}

static void
lk_block_input_stream_class_init (LkBlockInputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = lk_block_input_stream_finalize;

  stream_class->read_fn = lk_block_input_stream_read;
  stream_class->read_async = lk_block_input_stream_read_async;
  stream_class->read_finish = lk_block_input_stream_read_finish;
  stream_class->close_fn = lk_block_input_stream_close;
}

static void
lk_block_input_stream_init (LkBlockInputStream *self)
{
}

/**
 * lk_block_input_stream_new:
 * @base: the stream to read; closed with this one
 * @block_size: how much of @base to read at a time
 *
 * Returns: (transfer full): a new stream
 */
GInputStream *
lk_block_input_stream_new (GInputStream *base,
                           gsize         block_size)
{
  LkBlockInputStream *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (base), NULL);
  g_return_val_if_fail (block_size > 0, NULL);

  self = g_object_new (LK_TYPE_BLOCK_INPUT_STREAM, NULL);
  self->base = g_object_ref (base);
  self->block_size = block_size;
  self->block = g_malloc (block_size);

  return G_INPUT_STREAM (self);
}
