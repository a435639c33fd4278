/* lk-pack-stream.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pipe between two threads. The producer blocks while @capacity bytes
 * wait to be read; the reader blocks while nothing is buffered. GIO runs
 * the read of a non-pollable stream in a worker thread for the async API,
 * so libsoup can upload from this stream without blocking the main loop.
 */

#define G_LOG_DOMAIN "lk-pack-stream"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-pack-stream.h"

#define CHUNK_SIZE (256 * 1024)

struct _LkPackStream
{
  GInputStream parent_instance;

  GMutex       lock;
  GCond        cond;
  GQueue       chunks;         /* (element-type GBytes) under @lock */
  gsize        offset;         /* read position in the head chunk */
  gsize        buffered;       /* bytes in @chunks not yet read */
  gsize        capacity;
  gsize        peak;
  gboolean     finished;       /* the producer is done */
  gboolean     reader_closed;
  GError      *error;          /* (owned) (nullable): the producer's failure */
};

G_DEFINE_FINAL_TYPE (LkPackStream, lk_pack_stream, G_TYPE_INPUT_STREAM)

static void
wake_cb (GCancellable *cancellable,
         gpointer      user_data)
{
  LkPackStream *self = user_data;

  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static gssize
lk_pack_stream_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  LkPackStream *self = LK_PACK_STREAM (stream);
  gulong handler = 0;
  gsize done = 0;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_cb), self, NULL);

  g_mutex_lock (&self->lock);
  while (self->buffered == 0 && !self->finished && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&self->cond, &self->lock);

  if (self->buffered == 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        done = (gsize) -1;
      else if (self->error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->error));
          done = (gsize) -1;
        }
    }
  else
    {
      while (done < count && !g_queue_is_empty (&self->chunks))
        {
          GBytes *head = g_queue_peek_head (&self->chunks);
          gsize size = 0;
          const guint8 *data = g_bytes_get_data (head, &size);
          gsize n = MIN (count - done, size - self->offset);

          memcpy ((guint8 *) buffer + done, data + self->offset, n);
          done += n;
          self->offset += n;
          self->buffered -= n;
          if (self->offset == size)
            {
              g_bytes_unref (g_queue_pop_head (&self->chunks));
              self->offset = 0;
            }
        }
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  return done == (gsize) -1 ? -1 : (gssize) done;
}

static gboolean
lk_pack_stream_close (GInputStream  *stream,
                      GCancellable  *cancellable,
                      GError       **error)
{
  LkPackStream *self = LK_PACK_STREAM (stream);

  g_mutex_lock (&self->lock);
  self->reader_closed = TRUE;
  g_queue_clear_full (&self->chunks, (GDestroyNotify) g_bytes_unref);
  self->buffered = 0;
  self->offset = 0;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static void
lk_pack_stream_finalize (GObject *object)
{
  LkPackStream *self = (LkPackStream *) object;

  g_queue_clear_full (&self->chunks, (GDestroyNotify) g_bytes_unref);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (lk_pack_stream_parent_class)->finalize (object);
}

static void
lk_pack_stream_class_init (LkPackStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = lk_pack_stream_finalize;
  stream_class->read_fn = lk_pack_stream_read;
  stream_class->close_fn = lk_pack_stream_close;
}

static void
lk_pack_stream_init (LkPackStream *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->chunks);
}

LkPackStream *
_lk_pack_stream_new (gsize capacity)
{
  LkPackStream *self = g_object_new (LK_TYPE_PACK_STREAM, NULL);

  self->capacity = MAX (capacity, CHUNK_SIZE);
  return self;
}

/* Producer side: blocks until there is room. Fails if the reader closed
 * the stream or @cancellable fires. */
gboolean
_lk_pack_stream_push (LkPackStream  *self,
                      const void    *data,
                      gsize          length,
                      GCancellable  *cancellable,
                      GError       **error)
{
  const guint8 *p = data;
  gulong handler = 0;
  gboolean ok = TRUE;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_cb), self, NULL);

  g_mutex_lock (&self->lock);
  while (length > 0)
    {
      gsize n = MIN (length, CHUNK_SIZE);

      while (self->buffered + n > self->capacity && !self->reader_closed &&
             !g_cancellable_is_cancelled (cancellable))
        g_cond_wait (&self->cond, &self->lock);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (self->reader_closed)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("The upload stopped reading the archive."));
          ok = FALSE;
          break;
        }

      g_queue_push_tail (&self->chunks, g_bytes_new (p, n));
      self->buffered += n;
      self->peak = MAX (self->peak, self->buffered);
      p += n;
      length -= n;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  return ok;
}

/* Producer side: no more data. With @error, the reader gets it after the
 * buffered bytes. */
void
_lk_pack_stream_finish (LkPackStream *self,
                        const GError *error)
{
  g_mutex_lock (&self->lock);
  self->finished = TRUE;
  if (error != NULL && self->error == NULL)
    self->error = g_error_copy (error);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

gsize
_lk_pack_stream_get_peak_buffered (LkPackStream *self)
{
  gsize peak;

  g_mutex_lock (&self->lock);
  peak = self->peak;
  g_mutex_unlock (&self->lock);
  return peak;
}
