/* likeness-window.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "likeness-application.h"
#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_WINDOW (likeness_window_get_type ())

G_DECLARE_FINAL_TYPE (LikenessWindow, likeness_window, LIKENESS, WINDOW, AdwApplicationWindow)

LikenessWindow *likeness_window_new             (LikenessApplication  *application) G_GNUC_WARN_UNUSED_RESULT;
void            likeness_window_add_files       (LikenessWindow       *self,
                                                 GFile               **files,
                                                 guint                 n_files);
void            likeness_window_clear_photos    (LikenessWindow       *self);
guint           likeness_window_get_photo_count (LikenessWindow       *self);
gboolean        likeness_window_get_busy        (LikenessWindow       *self);
void            likeness_window_add_toast       (LikenessWindow       *self,
                                                 AdwToast             *toast);
void            likeness_window_set_job_manager (LikenessWindow       *self,
                                                 LkJobManager         *manager);
LkJobManager   *likeness_window_get_job_manager (LikenessWindow       *self);
void            likeness_window_show_job        (LikenessWindow       *self,
                                                 LkJob                *job);
gboolean        likeness_window_show_job_id     (LikenessWindow       *self,
                                                 gint64                job_id);
LkJob          *likeness_window_get_shown_job   (LikenessWindow       *self);
gboolean        likeness_window_show_step       (LikenessWindow       *self,
                                                 const char           *step);

G_END_DECLS
