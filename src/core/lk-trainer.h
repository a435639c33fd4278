/* lk-trainer.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog-enums.h"
#include "lk-trainer-field.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINER (lk_trainer_get_type ())

G_DECLARE_FINAL_TYPE (LkTrainer, lk_trainer, LK, TRAINER, GObject)

/* A fal trainer as the catalog describes it. Text getters return translated
 * strings owned by the trainer; a NULL return means "not known". */
const char          *lk_trainer_get_id                   (LkTrainer          *self);
const char          *lk_trainer_get_name                 (LkTrainer          *self);
LkTrainerKind        lk_trainer_get_kind                 (LkTrainer          *self);
const char          *lk_trainer_get_type_label           (LkTrainer          *self);
const char          *lk_trainer_get_specialisation       (LkTrainer          *self);
const char          *lk_trainer_get_purpose              (LkTrainer          *self);
const char          *lk_trainer_get_kinds_label          (LkTrainer          *self);
LkTrainerAvailability lk_trainer_get_availability        (LkTrainer          *self);
const char          *lk_trainer_get_availability_message (LkTrainer          *self);
const char          *lk_trainer_get_replacement_id       (LkTrainer          *self);

/* The seed's star ratings, 1 to 5; FALSE when the seed does not rate it. */
gboolean             lk_trainer_get_ratings              (LkTrainer          *self,
                                                          guint              *quality,
                                                          guint              *speed,
                                                          guint              *flexibility);
/* @which is "quality", "speed" or "flexibility". */
const char          *lk_trainer_get_rating_note          (LkTrainer          *self,
                                                          const char         *which);
gboolean             lk_trainer_get_time_range           (LkTrainer          *self,
                                                          guint              *min_minutes,
                                                          guint              *max_minutes);
gboolean             lk_trainer_get_steps_range          (LkTrainer          *self,
                                                          guint              *min_steps,
                                                          guint              *max_steps,
                                                          gboolean           *open_ended);
gboolean             lk_trainer_get_learning_rate_range  (LkTrainer          *self,
                                                          double             *min_rate,
                                                          double             *max_rate);
const char          *lk_trainer_get_learning_rate_label  (LkTrainer          *self);
gboolean             lk_trainer_has_feature              (LkTrainer          *self,
                                                          LkTrainerFeature    feature);
const char * const  *lk_trainer_get_modes                (LkTrainer          *self);
const char          *lk_trainer_get_modes_label          (LkTrainer          *self);

/* The input that plays @role for this trainer, or NULL if none does. */
const char          *lk_trainer_get_input_name           (LkTrainer          *self,
                                                          LkTrainerRole       role);
/* (transfer none): a GListModel of LkTrainerField. */
GListModel          *lk_trainer_get_fields               (LkTrainer          *self);
LkTrainerField      *lk_trainer_lookup_field             (LkTrainer          *self,
                                                          const char         *name);
const char * const  *lk_trainer_get_outputs              (LkTrainer          *self);
const char          *lk_trainer_get_inference_endpoint   (LkTrainer          *self);

LkPriceModel         lk_trainer_get_price_model          (LkTrainer          *self);
double               lk_trainer_get_price_usd            (LkTrainer          *self);
const char          *lk_trainer_get_price_note           (LkTrainer          *self);
/* The steps fal uses when none are given. */
guint                lk_trainer_get_default_steps        (LkTrainer          *self);
/* FALSE (and @usd untouched) when fal publishes no price. */
gboolean             lk_trainer_estimate_cost            (LkTrainer          *self,
                                                          guint               steps,
                                                          double             *usd);
/* A linear reading of the seed's time and step ranges; FALSE when the seed
 * gives no time for this trainer. */
gboolean             lk_trainer_estimate_minutes         (LkTrainer          *self,
                                                          guint               steps,
                                                          guint              *min_minutes,
                                                          guint              *max_minutes);

/* Dataset constraints, for LkTrainerConstraints (dataset issue). */
guint                lk_trainer_get_min_images           (LkTrainer          *self);
guint                lk_trainer_get_recommended_images   (LkTrainer          *self);
const char          *lk_trainer_get_archive_format       (LkTrainer          *self);
const char * const  *lk_trainer_get_image_extensions     (LkTrainer          *self);
gboolean             lk_trainer_accepts_captions         (LkTrainer          *self);
gboolean             lk_trainer_accepts_masks            (LkTrainer          *self);

/* Checks every member of @values (a{sv}) against the input schema: unknown
 * names, types, ranges and choices. Required inputs are not checked here. */
gboolean             lk_trainer_validate_values          (LkTrainer          *self,
                                                          GVariant           *values,
                                                          GError            **error);

/* The JSON body for fal's submit: the seed adapter's fixed values, then
 * @preset_values, then what @mode selects (the seed's mode name: "character",
 * "style", "product", "general"; NULL for none), then @overrides, then the
 * dataset URL and trigger under this trainer's own input names. Every value
 * is validated and the required inputs must be present. */
char                *lk_trainer_build_input              (LkTrainer          *self,
                                                          GVariant           *preset_values,
                                                          GVariant           *overrides,
                                                          const char         *mode,
                                                          const char         *dataset_url,
                                                          const char         *trigger,
                                                          GError            **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
