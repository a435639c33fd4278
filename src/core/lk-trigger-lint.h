/* lk-trigger-lint.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LK_TRIGGER_OK            = 0,
  LK_TRIGGER_EMPTY         = 1 << 0,
  LK_TRIGGER_TOO_SHORT     = 1 << 1,
  LK_TRIGGER_HAS_SPACES    = 1 << 2,
  LK_TRIGGER_COMMON_WORD   = 1 << 3,
  LK_TRIGGER_DIGITS        = 1 << 4,
} LkTriggerProblem;

LkTriggerProblem  lk_trigger_lint     (const char *trigger,
                                       guint       min_length,
                                       gboolean    needs_token);
char             *lk_trigger_suggest  (void);
gboolean          lk_caption_has_trigger (const char *caption,
                                          const char *trigger);

G_END_DECLS
