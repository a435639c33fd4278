/* lk-fal-errors.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Maps a failed training (fal's `detail`/`error` text and `error_type`) to
 * an LK_FAL_ERROR with the messages of the user's spec: "insufficient data",
 * "invalid format", "rate limit", "quota exceeded", otherwise
 * "Training error: <detail>". */
GError *lk_fal_error_from_failure (const char *detail,
                                   const char *error_type) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
