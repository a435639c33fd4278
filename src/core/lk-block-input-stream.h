/* lk-block-input-stream.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads its base stream in large blocks and answers small reads from memory,
 * asynchronous ones included. GLib 2.74's GBufferedInputStream has no
 * read_async of its own, so each small async read of a file still costs a
 * worker-thread round trip; libsoup reads request bodies 8 KiB at a time. */

#define LK_TYPE_BLOCK_INPUT_STREAM (lk_block_input_stream_get_type ())

G_DECLARE_FINAL_TYPE (LkBlockInputStream, lk_block_input_stream, LK, BLOCK_INPUT_STREAM, GInputStream)

GInputStream *lk_block_input_stream_new (GInputStream *base,
                                         gsize         block_size) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
