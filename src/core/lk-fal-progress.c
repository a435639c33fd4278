/* lk-fal-progress.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fal-progress"

#include "config.h"

#include "lk-fal-client-private.h"

void
_lk_fal_progress_init (LkFalProgress     *progress,
                       LkFalProgressFunc  func,
                       gpointer           data,
                       GDestroyNotify     notify)
{
  progress->func = func;
  progress->data = data;
  progress->notify = notify;
  progress->last_report = 0;
}

/* Called from the caller's main context only (libsoup signals and our
 * callbacks run there), so no locking is needed. */
void
_lk_fal_progress_report (LkFalProgress *progress,
                         goffset        done,
                         goffset        total,
                         gboolean       force)
{
  gint64 now;

  if (progress->func == NULL)
    return;

  now = g_get_monotonic_time ();
  if (!force && progress->last_report != 0 &&
      now - progress->last_report < LK_FAL_PROGRESS_INTERVAL_US)
    return;

  progress->last_report = now;
  progress->func (done, total, progress->data);
}

void
_lk_fal_progress_clear (LkFalProgress *progress)
{
  if (progress->notify != NULL && progress->data != NULL)
    progress->notify (progress->data);

  progress->func = NULL;
  progress->data = NULL;
  progress->notify = NULL;
}
