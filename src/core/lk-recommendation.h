/* lk-recommendation.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"
#include "lk-catalog-enums.h"

G_BEGIN_DECLS

#define LK_TYPE_RECOMMENDATION (lk_recommendation_get_type ())

G_DECLARE_FINAL_TYPE (LkRecommendation, lk_recommendation, LK, RECOMMENDATION, GObject)

/* The seed's adapter: portraits go to the portrait trainer; styles, products
 * and everything else to the pro trainer in the matching mode, or to the
 * live fallback while fal has the pro trainer deprecated. */
LkRecommendation *lk_recommendation_new              (LkCatalog        *catalog,
                                                      LkSubjectType     subject) G_GNUC_WARN_UNUSED_RESULT;

LkSubjectType     lk_recommendation_get_subject      (LkRecommendation *self);
/* The trainer the seed names (may be deprecated). */
LkTrainer        *lk_recommendation_get_seed_trainer (LkRecommendation *self);
/* The trainer to submit to. */
LkTrainer        *lk_recommendation_get_trainer      (LkRecommendation *self);
/* The seed's mode name ("style", "product", "general"), or NULL (portrait). */
const char       *lk_recommendation_get_mode         (LkRecommendation *self);
LkPreset         *lk_recommendation_get_preset       (LkRecommendation *self);
gboolean          lk_recommendation_is_fallback      (LkRecommendation *self);
/* Translated: why this trainer. */
const char       *lk_recommendation_get_reason       (LkRecommendation *self);

/* The seed's service: avatar type "character" → portrait; "style",
 * "product"; anything else → general. */
LkSubjectType     lk_subject_type_from_avatar_type   (const char       *avatar_type);
/* The seed's mode_mapping; NULL for portraits. */
const char       *lk_subject_type_to_mode            (LkSubjectType     subject);

G_END_DECLS
