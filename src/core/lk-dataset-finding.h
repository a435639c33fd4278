/* lk-dataset-finding.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-dataset.h"
#include "lk-dataset-image.h"

G_BEGIN_DECLS

typedef enum
{
  LK_FINDING_SEVERITY_WARNING,
  LK_FINDING_SEVERITY_ERROR,
} LkFindingSeverity;

typedef enum
{
  LK_FINDING_TOO_FEW_IMAGES,
  LK_FINDING_TOO_MANY_IMAGES,
  LK_FINDING_SMALL_IMAGE,
  LK_FINDING_DUPLICATE,
  LK_FINDING_NEAR_DUPLICATE,
  LK_FINDING_ROTATED,
  LK_FINDING_UNREADABLE,
  LK_FINDING_EMPTY_FILE,
  LK_FINDING_NOT_AN_IMAGE,
  LK_FINDING_UNSUPPORTED_FORMAT,
  LK_FINDING_NO_LOADER,
  LK_FINDING_CORRUPT,
  LK_FINDING_TOO_MANY_PIXELS,
  LK_FINDING_TOTAL_TOO_LARGE,
  LK_FINDING_CAPTION_ENCODING,
  LK_FINDING_CAPTION_MISSING_TRIGGER,
  LK_FINDING_TRIGGER_TOO_SHORT,
  LK_FINDING_TRIGGER_HAS_SPACES,
  LK_FINDING_TRIGGER_COMMON_WORD,
  LK_FINDING_TRIGGER_DIGITS,
} LkFindingKind;

/* A one-click fix the core can apply with lk_dataset_finding_apply_fix(). */
typedef enum
{
  LK_FINDING_FIX_NONE,
  LK_FINDING_FIX_REMOVE_IMAGE,
  LK_FINDING_FIX_APPLY_ROTATION,
  LK_FINDING_FIX_ADD_TRIGGER,
  LK_FINDING_FIX_USE_SUGGESTED_TRIGGER,
} LkFindingFix;

#define LK_TYPE_DATASET_FINDING (lk_dataset_finding_get_type ())

G_DECLARE_FINAL_TYPE (LkDatasetFinding, lk_dataset_finding, LK, DATASET_FINDING, GObject)

LkDatasetFinding  *lk_dataset_finding_new            (LkFindingSeverity   severity,
                                                      LkFindingKind       kind,
                                                      LkDatasetImage     *image,
                                                      const char         *message);
LkFindingSeverity  lk_dataset_finding_get_severity   (LkDatasetFinding   *self);
LkFindingKind      lk_dataset_finding_get_kind       (LkDatasetFinding   *self);
const char        *lk_dataset_finding_get_kind_id    (LkDatasetFinding   *self);
LkDatasetImage    *lk_dataset_finding_get_image      (LkDatasetFinding   *self);
LkDatasetImage    *lk_dataset_finding_get_other      (LkDatasetFinding   *self);
void               lk_dataset_finding_set_other      (LkDatasetFinding   *self,
                                                      LkDatasetImage     *other);
const char        *lk_dataset_finding_get_message    (LkDatasetFinding   *self);
LkFindingFix       lk_dataset_finding_get_fix        (LkDatasetFinding   *self);
const char        *lk_dataset_finding_get_fix_label  (LkDatasetFinding   *self);
const char        *lk_dataset_finding_get_suggestion (LkDatasetFinding   *self);
void               lk_dataset_finding_set_fix        (LkDatasetFinding   *self,
                                                      LkFindingFix        fix,
                                                      const char         *suggestion);
gboolean           lk_dataset_finding_apply_fix      (LkDatasetFinding   *self,
                                                      LkDataset          *dataset,
                                                      const char         *trigger,
                                                      char              **new_trigger,
                                                      GError            **error);

G_END_DECLS
