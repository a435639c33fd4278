/* lk-fal-part-stream.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body of one multipart part. Reading the whole part before sending it
 * left the upload host idle for as long as the read took, once per part;
 * this stream reads the part from the source as libsoup asks for it (one
 * block at a time, served in libsoup's small reads from memory) and keeps
 * every byte in the part's buffer, so another attempt at the part reads it
 * from there and the source is read exactly once. Blocking reads only: it
 * is used from the upload's worker thread.
 */

#define G_LOG_DOMAIN "lk-fal-part-stream"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-error.h"
#include "lk-fal-part-stream-private.h"

/* How much of the source one read asks for. */
#define READ_BLOCK (1024 * 1024)

struct _LkFalPartStream
{
  GInputStream  parent_instance;

  LkFalPart      *part;
  gsize           position;
  LkFalBytesFunc  bytes_func;
  gpointer        bytes_data;
};

G_DEFINE_FINAL_TYPE (LkFalPartStream, lk_fal_part_stream, G_TYPE_INPUT_STREAM)

/* Reads the next block of the part from its source. */
static gboolean
fill (LkFalPart     *part,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  n = g_input_stream_read (part->source, part->data + part->filled,
                           MIN (part->length - part->filled, READ_BLOCK),
                           cancellable, &local_error);
  if (n > 0)
    {
      part->filled += n;
      return TRUE;
    }

  if (n == 0)
    local_error = g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_FILE,
                                       _("The file to upload ended before its stated size. "
                                         "Was it changed while it was being uploaded?"));
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why the file could not be read. */
      GError *file_error = g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_FILE,
                                        _("Could not read the file to upload: %s"),
                                        local_error->message);

      g_clear_error (&local_error);
      local_error = file_error;
    }

  /* Remembered, so the uploader can tell a file error from a network one. */
  if (local_error->domain == LK_FAL_ERROR && part->source_error == NULL)
    part->source_error = g_error_copy (local_error);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gssize
lk_fal_part_stream_read (GInputStream  *stream,
                         void          *buffer,
                         gsize          count,
                         GCancellable  *cancellable,
                         GError       **error)
{
  LkFalPartStream *self = LK_FAL_PART_STREAM (stream);
  LkFalPart *part = self->part;
  gsize n;

  if (self->position == part->filled && part->filled < part->length &&
      !fill (part, cancellable, error))
    return -1;

  n = MIN (count, part->filled - self->position);
  memcpy (buffer, part->data + self->position, n);
  self->position += n;
  if (self->bytes_func != NULL && n > 0)
    self->bytes_func (n, self->bytes_data);

  return n;
}

static void
lk_fal_part_stream_class_init (LkFalPartStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = lk_fal_part_stream_read;
}

static void
lk_fal_part_stream_init (LkFalPartStream *self)
{
}

GInputStream *
_lk_fal_part_stream_new (LkFalPart      *part,
                         LkFalBytesFunc  func,
                         gpointer        user_data)
{
  LkFalPartStream *self;

  g_return_val_if_fail (part != NULL, NULL);
  g_return_val_if_fail (part->filled <= part->length, NULL);

  self = g_object_new (LK_TYPE_FAL_PART_STREAM, NULL);
  self->part = part;
  self->bytes_func = func;
  self->bytes_data = user_data;

  return G_INPUT_STREAM (self);
}
