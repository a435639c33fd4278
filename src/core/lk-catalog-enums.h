/* lk-catalog-enums.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LK_TRAINER_KIND_LORA,
  LK_TRAINER_KIND_FULL_AND_LORA,
} LkTrainerKind;

/* A trainer is never hidden: a deprecated one stays in the catalog with
 * fal's message, and the recommendation moves to its replacement. */
typedef enum
{
  LK_TRAINER_AVAILABLE,
  LK_TRAINER_DEPRECATED,
} LkTrainerAvailability;

typedef enum
{
  LK_TRAINER_FEATURE_AUTO_CROP,
  LK_TRAINER_FEATURE_MASKS,
  LK_TRAINER_FEATURE_MULTIRESOLUTION,
  LK_TRAINER_FEATURE_AUTOCAPTION,
} LkTrainerFeature;

/* Which input of a trainer plays a given part; the names differ per trainer
 * (`images_data_url`, `data_url`, `image_data_url`; `trigger_phrase`,
 * `trigger_word`; `steps`, `iterations`). */
typedef enum
{
  LK_TRAINER_ROLE_DATASET_URL,
  LK_TRAINER_ROLE_TRIGGER,
  LK_TRAINER_ROLE_STEPS,
  LK_TRAINER_ROLE_COMMENT,
  LK_TRAINER_ROLE_CAPTION,
} LkTrainerRole;

typedef enum
{
  LK_FIELD_TYPE_STRING,
  LK_FIELD_TYPE_URL,
  LK_FIELD_TYPE_INT,
  LK_FIELD_TYPE_NUMBER,
  LK_FIELD_TYPE_BOOL,
  LK_FIELD_TYPE_ENUM,
} LkFieldType;

typedef enum
{
  LK_PRICE_UNKNOWN,
  LK_PRICE_PER_RUN,
  LK_PRICE_PER_STEP,
  LK_PRICE_PER_1000_STEPS,
} LkPriceModel;

/* The seed's FALModelType. */
typedef enum
{
  LK_SUBJECT_PORTRAIT,
  LK_SUBJECT_STYLE,
  LK_SUBJECT_PRODUCT,
  LK_SUBJECT_GENERAL,
} LkSubjectType;

typedef enum
{
  LK_PRESET_SOURCE_BUILTIN,
  LK_PRESET_SOURCE_USER,
} LkPresetSource;

typedef enum
{
  LK_COST_CAP_OFF,
  LK_COST_CAP_WARN,
  LK_COST_CAP_BLOCK,
} LkCostCapMode;

typedef enum
{
  LK_COST_VERDICT_OK                 = 0,
  LK_COST_VERDICT_NEEDS_CONFIRMATION = 1 << 0,
  LK_COST_VERDICT_OVER_CAP           = 1 << 1,
  LK_COST_VERDICT_BLOCKED            = 1 << 2,
  LK_COST_VERDICT_PRICE_UNKNOWN      = 1 << 3,
} LkCostVerdict;

G_END_DECLS
