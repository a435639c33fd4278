/* lk-fal-read-ahead-stream-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Told of every @n_bytes a body stream hands out, in the reading thread. */
typedef void (*LkFalBytesFunc) (gsize    n_bytes,
                                gpointer user_data);

#define LK_TYPE_FAL_READ_AHEAD_STREAM (lk_fal_read_ahead_stream_get_type ())

G_DECLARE_FINAL_TYPE (LkFalReadAheadStream, lk_fal_read_ahead_stream, LK, FAL_READ_AHEAD_STREAM,
                      GFilterInputStream)

GInputStream *_lk_fal_read_ahead_stream_new           (GInputStream   *base,
                                                      gsize           block_size);
/* Calls @func for the bytes each read returns. */
void          _lk_fal_read_ahead_stream_set_bytes_func (GInputStream   *stream,
                                                      LkFalBytesFunc  func,
                                                      gpointer        user_data);

G_END_DECLS
