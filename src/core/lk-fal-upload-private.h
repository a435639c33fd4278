/* lk-fal-upload-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-fal-client-private.h"

G_BEGIN_DECLS

/* Sends the bytes of an initiated upload (protocol §4.1, §4.2) from a
 * worker thread of its own, with the blocking libsoup API on a session made
 * and used only in that thread: the presigned PUT, or the parts in order
 * and the complete POST. @stream is read in that thread and must not be
 * used by anyone else, nor freed, until @callback has run. @progress belongs to the
 * caller's thread: the worker only posts coalesced updates to the context
 * this is called from, at most one per LK_FAL_PROGRESS_INTERVAL_US, and
 * @progress must stay valid until @callback has run. Cancelling
 * @cancellable interrupts the request in progress. */
void     _lk_fal_upload_transfer_async  (LkFalClient          *self,
                                         GInputStream         *stream,
                                         goffset               size,
                                         const char           *content_type,
                                         const char           *upload_url,
                                         gboolean              multipart,
                                         LkFalProgress        *progress,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Returns the number of bytes stored in @sent. */
gboolean _lk_fal_upload_transfer_finish (GAsyncResult         *result,
                                         goffset              *sent,
                                         GError              **error);

G_END_DECLS
