/* lk-pack-names.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal: safe, unique ASCII entry names for the ZIP.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_PACK_NAME_MAX_STEM 60

char *_lk_pack_name_stem   (const char *file_name);
char *_lk_pack_name_unique (GHashTable *used_stems,
                            const char *stem);

G_END_DECLS
