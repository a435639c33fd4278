/* likeness-compare-page.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_COMPARE_PAGE (likeness_compare_page_get_type ())

G_DECLARE_FINAL_TYPE (LikenessComparePage, likeness_compare_page, LIKENESS, COMPARE_PAGE, GtkWidget)

void          likeness_compare_page_set_dataset      (LikenessComparePage *self,
                                                      LkDataset           *dataset);
void          likeness_compare_page_set_report       (LikenessComparePage *self,
                                                      LkDatasetReport     *report,
                                                      gboolean             scanning);
void          likeness_compare_page_set_job_manager  (LikenessComparePage *self,
                                                      LkJobManager        *manager);
void          likeness_compare_page_set_starting     (LikenessComparePage *self,
                                                      gboolean             starting);
LkTrainer    *likeness_compare_page_get_trainer      (LikenessComparePage *self);
gboolean      likeness_compare_page_select_trainer   (LikenessComparePage *self,
                                                      const char          *trainer_id);
void          likeness_compare_page_set_subject      (LikenessComparePage *self,
                                                      LkSubjectType        subject);
char         *likeness_compare_page_dup_start_problem (LikenessComparePage *self) G_GNUC_WARN_UNUSED_RESULT;
LkJobRecord  *likeness_compare_page_build_record     (LikenessComparePage *self,
                                                      GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void          likeness_compare_page_reload_presets   (LikenessComparePage *self);

G_END_DECLS
