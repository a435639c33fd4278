/* likeness-job-page.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_JOB_PAGE (likeness_job_page_get_type ())

G_DECLARE_FINAL_TYPE (LikenessJobPage, likeness_job_page, LIKENESS, JOB_PAGE, AdwBin)

GtkWidget *likeness_job_page_new     (void);
LkJob     *likeness_job_page_get_job (LikenessJobPage *self);
void       likeness_job_page_set_job (LikenessJobPage *self,
                                      LkJob           *job);

G_END_DECLS
