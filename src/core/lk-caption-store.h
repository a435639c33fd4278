/* lk-caption-store.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-dataset-image.h"

G_BEGIN_DECLS

#define LK_TYPE_CAPTION_STORE (lk_caption_store_get_type ())

G_DECLARE_FINAL_TYPE (LkCaptionStore, lk_caption_store, LK, CAPTION_STORE, GObject)

LkCaptionStore *lk_caption_store_new                (GFile                *journal);
GFile          *lk_caption_store_get_journal        (LkCaptionStore       *self);
void            lk_caption_store_set_caption        (LkCaptionStore       *self,
                                                     LkDatasetImage       *image,
                                                     const char           *caption);
guint           lk_caption_store_prefix_trigger     (LkCaptionStore       *self,
                                                     GListModel           *images,
                                                     const char           *trigger);
guint           lk_caption_store_replace            (LkCaptionStore       *self,
                                                     GListModel           *images,
                                                     const char           *find,
                                                     const char           *replacement);
void            lk_caption_store_flush_journal_async (LkCaptionStore      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        lk_caption_store_flush_journal_finish (LkCaptionStore     *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);
void            lk_caption_store_save_async         (LkCaptionStore       *self,
                                                     GListModel           *images,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        lk_caption_store_save_finish        (LkCaptionStore       *self,
                                                     GAsyncResult         *result,
                                                     guint                *n_saved,
                                                     GError              **error);
void            lk_caption_store_restore_async      (LkCaptionStore       *self,
                                                     GListModel           *images,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        lk_caption_store_restore_finish     (LkCaptionStore       *self,
                                                     GAsyncResult         *result,
                                                     guint                *n_restored,
                                                     GError              **error);

G_END_DECLS
