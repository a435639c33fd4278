/* likeness-preferences-window.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIKENESS_TYPE_PREFERENCES_WINDOW (likeness_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LikenessPreferencesWindow, likeness_preferences_window, LIKENESS, PREFERENCES_WINDOW, AdwPreferencesWindow)

LikenessPreferencesWindow *likeness_preferences_window_new          (GtkWindow                 *parent) G_GNUC_WARN_UNUSED_RESULT;
gboolean                   likeness_preferences_window_get_testing  (LikenessPreferencesWindow *self);
gboolean                   likeness_preferences_window_get_busy     (LikenessPreferencesWindow *self);

G_END_DECLS
