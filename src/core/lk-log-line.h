/* lk-log-line.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_LOG_LINE (lk_log_line_get_type ())

G_DECLARE_FINAL_TYPE (LkLogLine, lk_log_line, LK, LOG_LINE, GObject)

LkLogLine  *lk_log_line_new           (const char *timestamp,
                                       const char *level,
                                       const char *message) G_GNUC_WARN_UNUSED_RESULT;
const char *lk_log_line_get_timestamp (LkLogLine  *self);
const char *lk_log_line_get_level     (LkLogLine  *self);
const char *lk_log_line_get_message   (LkLogLine  *self);

G_END_DECLS
