/* lk-comparison.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"
#include "lk-comparison-row.h"

G_BEGIN_DECLS

#define LK_TYPE_COMPARISON (lk_comparison_get_type ())

G_DECLARE_FINAL_TYPE (LkComparison, lk_comparison, LK, COMPARISON, GObject)

/* A GListModel of LkComparisonRow, one column per trainer: the seed's
 * overview and «Детальное сравнение» rows, then rows computed for
 * @n_images images (0: none chosen yet) and @steps steps (0: each trainer's
 * optimal preset, or fal's default). @trainer_ids NULL means the seed's two
 * trainers and the live fallback. */
LkComparison *lk_comparison_new           (LkCatalog          *catalog,
                                           const char * const *trainer_ids,
                                           guint               n_images,
                                           guint               steps,
                                           GError            **error) G_GNUC_WARN_UNUSED_RESULT;
guint         lk_comparison_get_n_columns (LkComparison       *self);
LkTrainer    *lk_comparison_get_column    (LkComparison       *self,
                                           guint               column);
/* The steps each column's estimate uses. */
guint         lk_comparison_get_steps     (LkComparison       *self,
                                           guint               column);
LkComparisonRow *lk_comparison_lookup_row (LkComparison       *self,
                                           const char         *row_id);

/* JSON text for `likeness-cli compare --json`. */
char         *lk_comparison_dup_json      (LkComparison       *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
