/* lk-catalog.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog-enums.h"
#include "lk-preset.h"
#include "lk-trainer.h"

G_BEGIN_DECLS

#define LK_TYPE_CATALOG (lk_catalog_get_type ())

G_DECLARE_FINAL_TYPE (LkCatalog, lk_catalog, LK, CATALOG, GObject)

/* The trainers and the built-in presets, read from the core resource
 * (resources/catalog/trainers.json); no file I/O happens here. */
LkCatalog   *lk_catalog_new                    (GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* (transfer none): GListModel of LkTrainer, in the catalog's order. */
GListModel  *lk_catalog_get_trainers           (LkCatalog   *self);
LkTrainer   *lk_catalog_lookup_trainer         (LkCatalog   *self,
                                                const char  *trainer_id);
/* The trainer to submit to: @trainer itself, or its replacement when fal
 * has deprecated it. */
LkTrainer   *lk_catalog_get_live_trainer       (LkCatalog   *self,
                                                LkTrainer   *trainer);

/* (transfer none): GListModel of every built-in LkPreset. */
GListModel  *lk_catalog_get_presets            (LkCatalog   *self);
/* (transfer full): the built-in presets of one trainer. */
GListModel  *lk_catalog_dup_presets_for_trainer (LkCatalog  *self,
                                                const char  *trainer_id) G_GNUC_WARN_UNUSED_RESULT;
LkPreset    *lk_catalog_lookup_preset          (LkCatalog   *self,
                                                const char  *preset_id);
/* The seed's "optimal" preset for a trainer, or NULL. */
LkPreset    *lk_catalog_get_optimal_preset     (LkCatalog   *self,
                                                const char  *trainer_id);

/* Checks that the preset's trainer exists and its values fit the schema. */
gboolean     lk_catalog_validate_preset        (LkCatalog   *self,
                                                LkPreset    *preset,
                                                GError     **error);
/* The steps a run of @preset makes (the trainer's default if it sets none). */
guint        lk_catalog_get_preset_steps       (LkCatalog   *self,
                                                LkPreset    *preset);
/* One translated line: "Costs about $1.00 (500 steps)." or why it is unknown. */
char        *lk_catalog_dup_preset_cost_line   (LkCatalog   *self,
                                                LkPreset    *preset) G_GNUC_WARN_UNUSED_RESULT;

/* lk_trainer_build_input() for the preset's trainer. */
char        *lk_catalog_build_input            (LkCatalog   *self,
                                                LkPreset    *preset,
                                                GVariant    *overrides,
                                                const char  *mode,
                                                const char  *dataset_url,
                                                const char  *trigger,
                                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* JSON text for `likeness-cli … --json`. */
char        *lk_catalog_dup_trainers_json      (LkCatalog   *self) G_GNUC_WARN_UNUSED_RESULT;
char        *lk_catalog_dup_presets_json       (LkCatalog   *self,
                                                GListModel  *presets) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
