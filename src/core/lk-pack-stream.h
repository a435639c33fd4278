/* lk-pack-stream.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal: a GInputStream fed by the packer's worker thread through a
 * bounded buffer, so an upload can read the ZIP while it is being written
 * and memory stays flat whatever the dataset size.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_PACK_STREAM (lk_pack_stream_get_type ())

G_DECLARE_FINAL_TYPE (LkPackStream, lk_pack_stream, LK, PACK_STREAM, GInputStream)

LkPackStream *_lk_pack_stream_new    (gsize          capacity);
gboolean      _lk_pack_stream_push   (LkPackStream  *self,
                                      const void    *data,
                                      gsize          length,
                                      GCancellable  *cancellable,
                                      GError       **error);
void          _lk_pack_stream_finish (LkPackStream  *self,
                                      const GError  *error);
gsize         _lk_pack_stream_get_peak_buffered (LkPackStream *self);

G_END_DECLS
