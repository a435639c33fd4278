/* lk-comparison-row.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  LK_COMPARISON_SECTION_OVERVIEW,  /* the seed's «Обзор доступных моделей» */
  LK_COMPARISON_SECTION_SEED,      /* the seed's «Детальное сравнение» table */
  LK_COMPARISON_SECTION_COMPUTED,  /* this dataset and these parameters */
} LkComparisonSection;

#define LK_TYPE_COMPARISON_ROW (lk_comparison_row_get_type ())

G_DECLARE_FINAL_TYPE (LkComparisonRow, lk_comparison_row, LK, COMPARISON_ROW, GObject)

/* One row of the side-by-side comparison: a stable id, a translated label,
 * and one translated cell per column (trainer). */
LkComparisonRow     *lk_comparison_row_new         (const char          *id,
                                                    LkComparisonSection  section,
                                                    const char          *label,
                                                    const char * const  *cells) G_GNUC_WARN_UNUSED_RESULT;
const char          *lk_comparison_row_get_id      (LkComparisonRow     *self);
LkComparisonSection  lk_comparison_row_get_section (LkComparisonRow     *self);
const char          *lk_comparison_row_get_label   (LkComparisonRow     *self);
guint                lk_comparison_row_get_n_cells (LkComparisonRow     *self);
const char          *lk_comparison_row_get_cell    (LkComparisonRow     *self,
                                                    guint                column);
const char * const  *lk_comparison_row_get_cells   (LkComparisonRow     *self);

G_END_DECLS
