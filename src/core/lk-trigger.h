/* lk-trigger.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Triggers as the seed's service makes them: "TOK_" and the first 8 hex
 * characters of a fresh id (avatar_id.hex[:8]). */
char     *lk_trigger_new      (void) G_GNUC_WARN_UNUSED_RESULT;
/* The same from an existing id (a UUID, with or without dashes). */
char     *lk_trigger_for_id   (const char *uuid) G_GNUC_WARN_UNUSED_RESULT;
gboolean  lk_trigger_is_valid (const char *trigger);

G_END_DECLS
