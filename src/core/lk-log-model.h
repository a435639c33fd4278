/* lk-log-model.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-log-line.h"
#include "lk-types.h"

G_BEGIN_DECLS

/* Longer lines are cut to this many bytes, so that one runaway line cannot
 * take the memory of thousands. */
#define LK_LOG_LINE_MAX_BYTES 8192

/* How long appends are gathered before the model announces them. */
#define LK_LOG_MODEL_FLUSH_MSEC 100

#define LK_TYPE_LOG_MODEL (lk_log_model_get_type ())

G_DECLARE_FINAL_TYPE (LkLogModel, lk_log_model, LK, LOG_MODEL, GObject)

LkLogModel *lk_log_model_new            (void) G_GNUC_WARN_UNUSED_RESULT;
guint       lk_log_model_get_max_lines  (LkLogModel   *self);
void        lk_log_model_set_max_lines  (LkLogModel   *self,
                                         guint         max_lines);
void        lk_log_model_append         (LkLogModel   *self,
                                         const char   *timestamp,
                                         const char   *level,
                                         const char   *message);
void        lk_log_model_append_entries (LkLogModel   *self,
                                         GPtrArray    *entries);
guint       lk_log_model_append_window  (LkLogModel   *self,
                                         GPtrArray    *entries);
void        lk_log_model_flush          (LkLogModel   *self);
gboolean    lk_log_model_search         (LkLogModel   *self,
                                         const char   *text,
                                         guint         from,
                                         guint        *position);
char       *lk_log_model_dup_text       (LkLogModel   *self) G_GNUC_WARN_UNUSED_RESULT;
GStrv       lk_log_model_dup_tail       (LkLogModel   *self,
                                         guint         n_lines) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
