/* lk-error.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-error.h"

G_DEFINE_QUARK (lk-fal-error-quark, lk_fal_error)
G_DEFINE_QUARK (lk-dataset-error-quark, lk_dataset_error)
G_DEFINE_QUARK (lk-archive-error-quark, lk_archive_error)
G_DEFINE_QUARK (lk-store-error-quark, lk_store_error)
G_DEFINE_QUARK (lk-catalog-error-quark, lk_catalog_error)
