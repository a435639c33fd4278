/* lk-dataset-image.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-image-probe.h"

G_BEGIN_DECLS

/* Why an image cannot be used as it is, found while scanning. */
typedef enum
{
  LK_IMAGE_PROBLEM_NONE,
  LK_IMAGE_PROBLEM_UNREADABLE,
  LK_IMAGE_PROBLEM_EMPTY,
  LK_IMAGE_PROBLEM_NOT_AN_IMAGE,
  LK_IMAGE_PROBLEM_NO_LOADER,
  LK_IMAGE_PROBLEM_CORRUPT,
  LK_IMAGE_PROBLEM_TOO_MANY_PIXELS,
} LkImageProblem;

#define LK_TYPE_DATASET_IMAGE (lk_dataset_image_get_type ())

G_DECLARE_FINAL_TYPE (LkDatasetImage, lk_dataset_image, LK, DATASET_IMAGE, GObject)

GFile           *lk_dataset_image_get_file            (LkDatasetImage *self);
const char      *lk_dataset_image_get_display_name    (LkDatasetImage *self);
guint64          lk_dataset_image_get_size            (LkDatasetImage *self);
LkImageFormat    lk_dataset_image_get_format          (LkDatasetImage *self);
guint            lk_dataset_image_get_width           (LkDatasetImage *self);
guint            lk_dataset_image_get_height          (LkDatasetImage *self);
guint            lk_dataset_image_get_short_side      (LkDatasetImage *self);
guint            lk_dataset_image_get_orientation     (LkDatasetImage *self);
LkImageMetadata  lk_dataset_image_get_metadata        (LkDatasetImage *self);
const char      *lk_dataset_image_get_sha256          (LkDatasetImage *self);
gboolean         lk_dataset_image_get_dhash           (LkDatasetImage *self,
                                                       guint64        *dhash);
GFile           *lk_dataset_image_get_thumbnail       (LkDatasetImage *self);
LkImageProblem   lk_dataset_image_get_problem         (LkDatasetImage *self);
const char      *lk_dataset_image_get_problem_message (LkDatasetImage *self);
gboolean         lk_dataset_image_is_usable           (LkDatasetImage *self);
GFile           *lk_dataset_image_get_caption_file    (LkDatasetImage *self);
const char      *lk_dataset_image_get_caption         (LkDatasetImage *self);
void             lk_dataset_image_set_caption         (LkDatasetImage *self,
                                                       const char     *caption);
gboolean         lk_dataset_image_get_caption_modified (LkDatasetImage *self);
const char      *lk_dataset_image_get_caption_problem (LkDatasetImage *self);
gboolean         lk_dataset_image_get_bake_rotation   (LkDatasetImage *self);
void             lk_dataset_image_set_bake_rotation   (LkDatasetImage *self,
                                                       gboolean        bake_rotation);

G_END_DECLS
