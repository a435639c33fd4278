/* likeness-training-preferences.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_TRAINING_PREFERENCES (likeness_training_preferences_get_type ())

G_DECLARE_FINAL_TYPE (LikenessTrainingPreferences, likeness_training_preferences,
                      LIKENESS, TRAINING_PREFERENCES, AdwPreferencesPage)

GtkWidget     *likeness_training_preferences_new         (void);
LkPresetStore *likeness_training_preferences_get_presets (LikenessTrainingPreferences *self);

G_END_DECLS
