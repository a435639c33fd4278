/* lk-sse-parser.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An incremental parser for the server-sent-events framing fal's status
 * stream uses: bytes in, complete `data:` payloads out. Lines may end in
 * CRLF, LF or CR, and input may be split at any byte. Comments and fields
 * other than `data` (`event`, `id`, `retry`) are ignored. */
typedef struct _LkSseParser LkSseParser;

LkSseParser *lk_sse_parser_new       (void);
void         lk_sse_parser_free      (LkSseParser *self);
void         lk_sse_parser_feed      (LkSseParser *self,
                                      const char  *data,
                                      gsize        length);
/* Returns the next complete event's data (lines joined with "\n"), or NULL
 * when none is ready. Free with g_free(). */
char        *lk_sse_parser_pop       (LkSseParser *self);
/* Forgets any partial event, e.g. when a stream is reopened. */
void         lk_sse_parser_reset     (LkSseParser *self);
/* Events dropped because they exceeded the size limit. */
guint        lk_sse_parser_get_n_oversized (LkSseParser *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSseParser, lk_sse_parser_free)

G_END_DECLS
