/* likeness-job-row.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_JOB_ROW (likeness_job_row_get_type ())

G_DECLARE_FINAL_TYPE (LikenessJobRow, likeness_job_row, LIKENESS, JOB_ROW, GtkWidget)

GtkWidget *likeness_job_row_new     (void);
void       likeness_job_row_set_job (LikenessJobRow *self,
                                     LkJob          *job);
LkJob     *likeness_job_row_get_job (LikenessJobRow *self);

G_END_DECLS
