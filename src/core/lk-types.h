/* lk-types.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LkFalClient  LkFalClient;
typedef struct _LkFalStatus  LkFalStatus;
typedef struct _LkFalRequest LkFalRequest;
typedef struct _LkFalLog     LkFalLog;
typedef struct _LkCredentials LkCredentials;

G_END_DECLS
