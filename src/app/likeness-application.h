/* likeness-application.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIKENESS_TYPE_APPLICATION (likeness_application_get_type ())

G_DECLARE_FINAL_TYPE (LikenessApplication, likeness_application, LIKENESS, APPLICATION, AdwApplication)

LikenessApplication *likeness_application_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
