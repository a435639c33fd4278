/* likeness-application-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "likeness-application.h"
#include "lk-core.h"

G_BEGIN_DECLS

struct _LikenessApplication
{
  AdwApplication  parent_instance;

  GCancellable   *cancellable;
  GSettings      *settings;
  LkFalClient    *client;
  LkJobManager   *manager;  /* (nullable) until the store is open */
  GHashTable     *held;     /* LkJob → NULL: running jobs the application holds itself for */
};

/* likeness-application-jobs.c */
void _likeness_application_jobs_startup (LikenessApplication *self);
void _likeness_application_reload_key   (LikenessApplication *self);

G_END_DECLS
