/* lk-trainer-constraints.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-trainer-constraints"

#include "config.h"

#include <string.h>

#include "lk-image-probe.h"
#include "lk-trainer-constraints.h"

/**
 * lk_trainer_constraints_init_default:
 * @constraints: (out caller-allocates): the struct to fill
 *
 * Fills in what fal's FLUX LoRA trainers accept, as the seed describes:
 * at least 10 images, 512 px or more on the short side, a rare trigger
 * token, and JPEG, PNG or WebP. fal documents no hard upload limit; 1 GiB
 * keeps a single upload reasonable. The pixel limit (268 MP) is above any
 * phone camera and far below what would exhaust memory when decoding.
 */
void
lk_trainer_constraints_init_default (LkTrainerConstraints *constraints)
{
  g_return_if_fail (constraints != NULL);

  memset (constraints, 0, sizeof *constraints);
  constraints->min_images = 10;
  constraints->min_images_is_error = TRUE;
  constraints->max_images = 1000;
  constraints->min_short_side = 512;
  constraints->max_pixels = (guint64) 16384 * 16384;
  constraints->max_total_bytes = (guint64) 1024 * 1024 * 1024;
  constraints->trigger_needs_token = TRUE;
  constraints->min_trigger_length = 4;
  constraints->near_duplicate_distance = 6;
  constraints->supported_formats = LK_FORMAT_BIT (LK_IMAGE_FORMAT_JPEG) |
                                   LK_FORMAT_BIT (LK_IMAGE_FORMAT_PNG) |
                                   LK_FORMAT_BIT (LK_IMAGE_FORMAT_WEBP);
}
