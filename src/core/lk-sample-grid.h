/* lk-sample-grid.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-job-record.h"
#include "lk-types.h"

G_BEGIN_DECLS

/* Every image of a grid uses this seed, so grids can be compared. */
#define LK_SAMPLE_GRID_SEED 42

/* Prices as fal publishes them, for the estimate shown before a grid runs:
 * fal-ai/flux-lora bills per megapixel, the pro finetuned endpoint per
 * image. */
#define LK_SAMPLE_FLUX_LORA_USD_PER_MEGAPIXEL 0.035
#define LK_SAMPLE_FLUX_PRO_ULTRA_USD_PER_IMAGE 0.06

#define LK_TYPE_SAMPLE_GRID (lk_sample_grid_get_type ())

G_DECLARE_FINAL_TYPE (LkSampleGrid, lk_sample_grid, LK, SAMPLE_GRID, GObject)

LkSampleGrid  *lk_sample_grid_new               (LkFalClient         *client,
                                                 const LkJobRecord   *record,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
const char    *lk_sample_grid_get_endpoint      (LkSampleGrid        *self);
const char    *lk_sample_grid_get_folder        (LkSampleGrid        *self);
void           lk_sample_grid_set_folder        (LkSampleGrid        *self,
                                                 const char          *folder);
/* Replaces the preset prompts with @prompt (the trigger is added when the
 * prompt does not name it) or, with @replace FALSE, adds it to them. */
void           lk_sample_grid_add_prompt        (LkSampleGrid        *self,
                                                 const char          *prompt,
                                                 gboolean             replace);
const char * const *lk_sample_grid_get_prompts  (LkSampleGrid        *self);
const double  *lk_sample_grid_get_scales        (LkSampleGrid        *self,
                                                 guint               *n_scales);
guint          lk_sample_grid_get_n_images      (LkSampleGrid        *self);
double         lk_sample_grid_estimate_cost     (LkSampleGrid        *self);

void           lk_sample_grid_run_async         (LkSampleGrid        *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray     *lk_sample_grid_run_finish        (LkSampleGrid        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
