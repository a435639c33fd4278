/* lk-core.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only core header the front ends include.
 */

#pragma once

#include "lk-types.h"
#include "lk-enums.h"
#include "lk-enum-types.h"
#include "lk-error.h"
#include "lk-util.h"
#include "lk-fal-status.h"
#include "lk-fal-client.h"
#include "lk-credentials.h"
#include "lk-fal-errors.h"
/* dataset */
#include "lk-image-probe.h"
#include "lk-metadata-strip.h"
#include "lk-trainer-constraints.h"
#include "lk-trigger-lint.h"
#include "lk-dataset-image.h"
#include "lk-dataset.h"
#include "lk-dataset-finding.h"
#include "lk-dataset-check.h"
#include "lk-caption-store.h"
#include "lk-pack-manifest.h"
#include "lk-packer.h"
/* catalog */
#include "lk-catalog-enums.h"
#include "lk-catalog.h"
#include "lk-comparison.h"
#include "lk-comparison-row.h"
#include "lk-cost.h"
#include "lk-preset.h"
#include "lk-preset-store.h"
#include "lk-recommendation.h"
#include "lk-trainer.h"
#include "lk-trainer-field.h"
#include "lk-trigger.h"
/* jobs */
#include "lk-job-record.h"
#include "lk-job-store.h"
#include "lk-log-line.h"
#include "lk-log-model.h"
#include "lk-job.h"
#include "lk-job-manager.h"
#include "lk-sample-grid.h"
