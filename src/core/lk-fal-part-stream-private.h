/* lk-fal-part-stream-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-fal-read-ahead-stream-private.h"

G_BEGIN_DECLS

/* One multipart part: @length bytes of @source, kept in @data as they are
 * read so that the part can be sent again. */
typedef struct
{
  GInputStream *source;
  guint8       *data;
  gsize         length;
  gsize         filled;         /* bytes of the part read so far */
  GError       *source_error;   /* why reading @source failed, if it did */
} LkFalPart;

#define LK_TYPE_FAL_PART_STREAM (lk_fal_part_stream_get_type ())

G_DECLARE_FINAL_TYPE (LkFalPartStream, lk_fal_part_stream, LK, FAL_PART_STREAM, GInputStream)

/* A stream of @part's bytes from its start, which reads the rest of the part
 * from its source, in large blocks, only once it is needed: the part is sent
 * while it is read. @part must outlive the stream. @func (nullable) is told
 * of the bytes each read returns. */
GInputStream *_lk_fal_part_stream_new (LkFalPart      *part,
                                       LkFalBytesFunc  func,
                                       gpointer        user_data);

G_END_DECLS
