/* likeness-result-page.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_RESULT_PAGE (likeness_result_page_get_type ())

G_DECLARE_FINAL_TYPE (LikenessResultPage, likeness_result_page, LIKENESS, RESULT_PAGE, AdwBin)

GtkWidget   *likeness_result_page_new         (LkFalClient        *client);
LkFalClient *likeness_result_page_get_client  (LikenessResultPage *self);
void         likeness_result_page_set_client  (LikenessResultPage *self,
                                               LkFalClient        *client);
LkJob       *likeness_result_page_get_job     (LikenessResultPage *self);
void         likeness_result_page_set_job     (LikenessResultPage *self,
                                               LkJob              *job);
GListModel  *likeness_result_page_get_samples (LikenessResultPage *self);
gboolean     likeness_result_page_get_busy    (LikenessResultPage *self);

G_END_DECLS
