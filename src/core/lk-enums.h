/* lk-enums.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What fal's queue says about a request. There is no FAILED: a failure is
 * COMPLETED with an error (protocol §3.2). */
typedef enum
{
  LK_FAL_STATE_UNKNOWN,
  LK_FAL_STATE_IN_QUEUE,
  LK_FAL_STATE_IN_PROGRESS,
  LK_FAL_STATE_COMPLETED,
} LkFalState;

typedef enum
{
  LK_FAL_CANCEL_ACCEPTED,
  LK_FAL_CANCEL_ALREADY_COMPLETED,
} LkFalCancelOutcome;

typedef enum
{
  LK_KEY_SOURCE_NONE,
  LK_KEY_SOURCE_ENVIRONMENT,
  LK_KEY_SOURCE_KEYRING,
} LkKeySource;

G_END_DECLS
