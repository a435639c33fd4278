/* lk-dataset-image-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanner fills an image in a worker thread before anyone else can see
 * it; after that, only the main thread touches it.
 */

#pragma once

#include "lk-dataset-image.h"

G_BEGIN_DECLS

struct _LkDatasetImage
{
  GObject          parent_instance;

  GFile           *file;             /* (owned) */
  char            *display_name;     /* (owned) UTF-8 */
  guint64          size;
  gint64           mtime;            /* seconds */
  LkImageInfo      info;
  char             sha256[65];       /* empty when unknown */
  guint64          dhash;
  gboolean         has_dhash;
  GFile           *thumbnail;        /* (owned) (nullable) */
  LkImageProblem   problem;
  char            *problem_message;  /* (owned) (nullable) translated */

  GFile           *caption_file;     /* (owned) name.txt beside the image */
  char            *caption;          /* (owned) (nullable) NULL: no sidecar */
  char            *caption_problem;  /* (owned) (nullable) translated */
  guint            caption_modified : 1;
  guint            bake_rotation : 1;
};

LkDatasetImage *_lk_dataset_image_new             (GFile          *file);
void            _lk_dataset_image_set_problem     (LkDatasetImage *self,
                                                   LkImageProblem  problem,
                                                   const char     *message);
void            _lk_dataset_image_set_saved_caption (LkDatasetImage *self,
                                                     const char     *caption);

G_END_DECLS
