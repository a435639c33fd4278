/* lk-packer.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-pack-manifest.h"

G_BEGIN_DECLS

#define LK_TYPE_PACKER (lk_packer_get_type ())

G_DECLARE_FINAL_TYPE (LkPacker, lk_packer, LK, PACKER, GObject)

LkPacker       *lk_packer_new                  (GListModel           *images);
void            lk_packer_set_keep_metadata    (LkPacker             *self,
                                                gboolean              keep_metadata);
gboolean        lk_packer_get_keep_metadata    (LkPacker             *self);
void            lk_packer_set_max_side         (LkPacker             *self,
                                                guint                 max_side);
guint           lk_packer_get_max_side         (LkPacker             *self);
double          lk_packer_get_fraction         (LkPacker             *self);
guint64         lk_packer_get_bytes_written    (LkPacker             *self);
void            lk_packer_plan_async           (LkPacker             *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LkPackManifest *lk_packer_plan_finish          (LkPacker             *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            lk_packer_pack_to_file_async   (LkPacker             *self,
                                                GFile                *destination,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GInputStream   *lk_packer_pack_to_stream_async (LkPacker             *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LkPackManifest *lk_packer_pack_finish          (LkPacker             *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
