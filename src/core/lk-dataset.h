/* lk-dataset.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-dataset-image.h"

G_BEGIN_DECLS

#define LK_TYPE_DATASET (lk_dataset_get_type ())

G_DECLARE_FINAL_TYPE (LkDataset, lk_dataset, LK, DATASET, GObject)

LkDataset      *lk_dataset_new                (void);
void            lk_dataset_set_max_pixels     (LkDataset            *self,
                                               guint64               max_pixels);
void            lk_dataset_set_thumbnail_dir  (LkDataset            *self,
                                               const char           *path);
void            lk_dataset_set_background     (LkDataset            *self,
                                               gboolean              background);
void            lk_dataset_add_files_async    (LkDataset            *self,
                                               GFile * const        *files,
                                               guint                 n_files,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        lk_dataset_add_files_finish   (LkDataset            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
gboolean        lk_dataset_remove             (LkDataset            *self,
                                               LkDatasetImage       *image);
void            lk_dataset_clear              (LkDataset            *self);
gboolean        lk_dataset_get_scanning       (LkDataset            *self);
double          lk_dataset_get_fraction       (LkDataset            *self);
guint           lk_dataset_get_files_found    (LkDataset            *self);
guint           lk_dataset_get_files_done     (LkDataset            *self);

G_END_DECLS
