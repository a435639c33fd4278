/* likeness-trainer-card.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_TRAINER_CARD (likeness_trainer_card_get_type ())

G_DECLARE_FINAL_TYPE (LikenessTrainerCard, likeness_trainer_card, LIKENESS, TRAINER_CARD, GtkWidget)

GtkWidget  *likeness_trainer_card_new             (LkComparison        *comparison,
                                                   guint                column);
LkTrainer  *likeness_trainer_card_get_trainer     (LikenessTrainerCard *self);
void        likeness_trainer_card_set_recommended (LikenessTrainerCard *self,
                                                   const char          *reason);
gboolean    likeness_trainer_card_get_recommended (LikenessTrainerCard *self);

G_END_DECLS
