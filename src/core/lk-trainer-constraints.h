/* lk-trainer-constraints.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a trainer asks of a dataset. The catalog fills one per trainer; the
 * dataset doctor (lk-dataset-check.h) checks against it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bits of LkImageFormat accepted by the trainer: 1 << LK_IMAGE_FORMAT_JPEG … */
#define LK_FORMAT_BIT(f) (1u << (f))

typedef struct
{
  guint    min_images;              /* below: finding (10) */
  gboolean min_images_is_error;     /* error or warning (TRUE) */
  guint    max_images;              /* 0 = no limit */
  guint    min_short_side;          /* px (512) */
  guint64  max_pixels;              /* decompression-bomb limit, from the header */
  guint64  max_total_bytes;         /* upload limit for the ZIP; 0 = none */
  gboolean trigger_needs_token;     /* the trigger must be one rare token */
  guint    min_trigger_length;      /* shorter triggers are flagged (4) */
  guint    near_duplicate_distance; /* dHash Hamming distance, inclusive (6) */
  guint32  supported_formats;       /* LK_FORMAT_BIT mask */
} LkTrainerConstraints;

void lk_trainer_constraints_init_default (LkTrainerConstraints *constraints);

G_END_DECLS
