/* likeness-dataset-page.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_DATASET_PAGE (likeness_dataset_page_get_type ())

G_DECLARE_FINAL_TYPE (LikenessDatasetPage, likeness_dataset_page, LIKENESS, DATASET_PAGE, GtkWidget)

LkDataset       *likeness_dataset_page_get_dataset     (LikenessDatasetPage        *self);
LkDatasetReport *likeness_dataset_page_get_report      (LikenessDatasetPage        *self);
gboolean         likeness_dataset_page_get_busy        (LikenessDatasetPage        *self);
const char      *likeness_dataset_page_get_trigger     (LikenessDatasetPage        *self);
void             likeness_dataset_page_set_trigger     (LikenessDatasetPage        *self,
                                                        const char                 *trigger);
void             likeness_dataset_page_set_constraints (LikenessDatasetPage        *self,
                                                        const LkTrainerConstraints *constraints);
void             likeness_dataset_page_add_files       (LikenessDatasetPage        *self,
                                                        GFile * const              *files,
                                                        guint                       n_files);
void             likeness_dataset_page_clear           (LikenessDatasetPage        *self);
void             likeness_dataset_page_recheck         (LikenessDatasetPage        *self);
void             likeness_dataset_page_save_captions_async  (LikenessDatasetPage   *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean         likeness_dataset_page_save_captions_finish (LikenessDatasetPage   *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

G_END_DECLS
