/* lk-preset-file-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

/* The file of the user preset called @name: a hash, so any name is safe. */
GFile    *_lk_preset_file_for_name      (GFile         *directory,
                                         const char    *name);
/* The autosaved form of @trainer_id, in the "last" subfolder. */
GFile    *_lk_preset_file_for_last_form (GFile         *directory,
                                         const char    *trainer_id);
/* Writes @root atomically, creating the folder. Blocking. */
gboolean  _lk_preset_file_write         (GFile         *file,
                                         JsonNode      *root,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* Reads and checks a preset file. Blocking. */
LkPreset *_lk_preset_file_read          (LkCatalog     *catalog,
                                         GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
