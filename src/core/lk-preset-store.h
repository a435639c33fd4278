/* lk-preset-store.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"
#include "lk-preset.h"

G_BEGIN_DECLS

#define LK_TYPE_PRESET_STORE (lk_preset_store_get_type ())

G_DECLARE_FINAL_TYPE (LkPresetStore, lk_preset_store, LK, PRESET_STORE, GObject)

/* The user's presets, one JSON file each under @directory (default:
 * $XDG_CONFIG_HOME/likeness/presets), and the last form of each trainer
 * (under its "last" subfolder). All file work happens in worker threads;
 * the list changes on the caller's main context. Every value is checked
 * against the catalog's schema before anything is written. */
LkPresetStore *lk_preset_store_new                (LkCatalog            *catalog,
                                                   GFile                *directory) G_GNUC_WARN_UNUSED_RESULT;
GFile         *lk_preset_store_get_directory      (LkPresetStore        *self);
/* (transfer none): GListModel of the user's LkPreset, sorted by name. */
GListModel    *lk_preset_store_get_presets        (LkPresetStore        *self);
LkPreset      *lk_preset_store_lookup             (LkPresetStore        *self,
                                                   const char           *name);

void           lk_preset_store_load_async         (LkPresetStore        *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* Files that cannot be read are skipped; @n_skipped says how many. */
gboolean       lk_preset_store_load_finish        (LkPresetStore        *self,
                                                   GAsyncResult         *result,
                                                   guint                *n_skipped,
                                                   GError              **error);

/* Adds @preset, or replaces the user preset of the same name. */
void           lk_preset_store_save_async         (LkPresetStore        *self,
                                                   LkPreset             *preset,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       lk_preset_store_save_finish        (LkPresetStore        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void           lk_preset_store_rename_async       (LkPresetStore        *self,
                                                   const char           *old_name,
                                                   const char           *new_name,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       lk_preset_store_rename_finish      (LkPresetStore        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void           lk_preset_store_delete_async       (LkPresetStore        *self,
                                                   const char           *name,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       lk_preset_store_delete_finish      (LkPresetStore        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Reads a preset file someone exported; on any problem (too large, not
 * JSON, unknown trainer, a bad value) the error names it and nothing
 * changes. */
void           lk_preset_store_import_async       (LkPresetStore        *self,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
LkPreset      *lk_preset_store_import_finish      (LkPresetStore        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Writes any preset (built-in ones too) as a preset file. */
void           lk_preset_store_export_async       (LkPresetStore        *self,
                                                   LkPreset             *preset,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       lk_preset_store_export_finish      (LkPresetStore        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* The form as the user last left it for @trainer_id (a{sv}). */
void           lk_preset_store_save_last_form_async  (LkPresetStore     *self,
                                                      const char        *trainer_id,
                                                      GVariant          *values,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
gboolean       lk_preset_store_save_last_form_finish (LkPresetStore     *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);
void           lk_preset_store_load_last_form_async  (LkPresetStore     *self,
                                                      const char        *trainer_id,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
/* (nullable): NULL without an error when nothing usable was saved. */
GVariant      *lk_preset_store_load_last_form_finish (LkPresetStore     *self,
                                                      GAsyncResult      *result,
                                                      GError           **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
