/* lk-preset.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog-enums.h"

G_BEGIN_DECLS

#define LK_TYPE_PRESET (lk_preset_get_type ())

G_DECLARE_FINAL_TYPE (LkPreset, lk_preset, LK, PRESET, GObject)

/* A named set of input values for one trainer: the seed's presets, presets
 * mapped onto the live fallback trainer, and the user's own. */
LkPreset            *lk_preset_new               (const char  *name,
                                                  const char  *trainer_id,
                                                  const char  *purpose,
                                                  GVariant    *values) G_GNUC_WARN_UNUSED_RESULT;
LkPreset            *lk_preset_copy_with_name    (LkPreset    *self,
                                                  const char  *name) G_GNUC_WARN_UNUSED_RESULT;

/* Built-in presets have a stable id ("portrait-fast"); user presets use
 * their name. */
const char          *lk_preset_get_id            (LkPreset    *self);
/* Translated for built-in presets. */
const char          *lk_preset_get_name          (LkPreset    *self);
const char          *lk_preset_get_purpose       (LkPreset    *self);
const char          *lk_preset_get_trainer_id    (LkPreset    *self);
LkPresetSource       lk_preset_get_source        (LkPreset    *self);
/* (transfer none): a{sv}. */
GVariant            *lk_preset_get_values        (LkPreset    *self);
/* What could not be carried over when the preset was mapped from another
 * trainer, translated; empty otherwise. */
const char * const  *lk_preset_get_notes         (LkPreset    *self);

G_END_DECLS
