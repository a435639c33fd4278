/* lk-dataset-check.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-dataset-finding.h"
#include "lk-trainer-constraints.h"

G_BEGIN_DECLS

#define LK_TYPE_DATASET_REPORT (lk_dataset_report_get_type ())

G_DECLARE_FINAL_TYPE (LkDatasetReport, lk_dataset_report, LK, DATASET_REPORT, GObject)

LkDatasetReport *lk_dataset_check                  (GListModel                 *images,
                                                    const LkTrainerConstraints *constraints,
                                                    const char                 *trigger);
guint            lk_dataset_report_get_n_errors    (LkDatasetReport            *self);
guint            lk_dataset_report_get_n_warnings  (LkDatasetReport            *self);
guint            lk_dataset_report_get_n_usable    (LkDatasetReport            *self);
guint64          lk_dataset_report_get_total_bytes (LkDatasetReport            *self);
LkDatasetFinding *lk_dataset_report_find           (LkDatasetReport            *self,
                                                    LkFindingKind               kind,
                                                    LkDatasetImage             *image);
char            *lk_dataset_report_to_json         (LkDatasetReport            *self);

G_END_DECLS
