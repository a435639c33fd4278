/* likeness-log-view.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_LOG_VIEW (likeness_log_view_get_type ())

G_DECLARE_FINAL_TYPE (LikenessLogView, likeness_log_view, LIKENESS, LOG_VIEW, GtkWidget)

GtkWidget  *likeness_log_view_new            (void);
LkLogModel *likeness_log_view_get_model      (LikenessLogView *self);
void        likeness_log_view_set_model      (LikenessLogView *self,
                                              LkLogModel      *model);
gboolean    likeness_log_view_get_following  (LikenessLogView *self);
void        likeness_log_view_set_following  (LikenessLogView *self,
                                              gboolean         following);
const char *likeness_log_view_get_file_name  (LikenessLogView *self);
void        likeness_log_view_set_file_name  (LikenessLogView *self,
                                              const char      *file_name);
GtkListView *likeness_log_view_get_list_view (LikenessLogView *self);
void        likeness_log_view_scroll_to_end  (LikenessLogView *self);
void        likeness_log_view_save_async     (LikenessLogView     *self,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    likeness_log_view_save_finish    (LikenessLogView     *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
