/* likeness-cli-dataset.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `check` and `pack` share: scanning the given paths with progress,
 * and SIGINT cancelling the current operation.
 */

#pragma once

#include "lk-core.h"

G_BEGIN_DECLS

typedef struct
{
  GMainLoop    *loop;         /* (owned) */
  GCancellable *cancellable;  /* (owned) */
  guint         sigint_id;
  gboolean      tty;          /* stderr is a terminal: redraw one progress line */
  int           last_step;    /* last plain progress line printed, in tenths */
} LikenessCliRun;

void       likeness_cli_run_init    (LikenessCliRun *run);
void       likeness_cli_run_clear   (LikenessCliRun *run);
void       likeness_cli_progress    (LikenessCliRun *run,
                                     const char     *label,
                                     guint           done,
                                     guint           total);
void       likeness_cli_progress_fraction (LikenessCliRun *run,
                                           const char     *label,
                                           double          fraction);
void       likeness_cli_progress_end (LikenessCliRun *run);
LkDataset *likeness_cli_scan        (LikenessCliRun *run,
                                     char          **paths,
                                     GError        **error);
void       likeness_cli_print_report (LkDatasetReport *report,
                                      FILE            *stream);

G_END_DECLS
