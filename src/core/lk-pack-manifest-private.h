/* lk-pack-manifest-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-pack-manifest.h"

G_BEGIN_DECLS

LkPackManifest *_lk_pack_manifest_new              (gboolean        keep_metadata,
                                                    guint           max_side);
LkPackEntry    *_lk_pack_manifest_add_entry        (LkPackManifest *self,
                                                    const char     *name,
                                                    LkPackEntryKind kind,
                                                    LkDatasetImage *image);
void            _lk_pack_manifest_add_skipped      (LkPackManifest *self,
                                                    LkDatasetImage *image,
                                                    const char     *reason);
void            _lk_pack_manifest_set_exact        (LkPackManifest *self,
                                                    guint64         archive_size);
void            _lk_pack_manifest_set_content_key  (LkPackManifest *self,
                                                    const char     *key);

G_END_DECLS
