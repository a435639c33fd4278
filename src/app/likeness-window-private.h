/* likeness-window-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "likeness-compare-page.h"
#include "likeness-dataset-page.h"
#include "likeness-job-page.h"
#include "likeness-result-page.h"
#include "likeness-window.h"

G_BEGIN_DECLS

struct _LikenessWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned state. */
  GSettings            *settings;
  GCancellable         *cancellable;    /* Cancelled when the window goes away. */
  GtkFileChooserNative *chooser;        /* (nullable) While a file chooser is open. */
  LkJobManager         *manager;        /* (nullable) Until the application has opened the store. */
  GListStore           *history;        /* LkJob: jobs that ended before this run. */
  GListStore           *job_lists;      /* GListModel: the manager's jobs, then the history. */
  LkJob                *shown_job;      /* (nullable) On the Training step. */
  gboolean              close_confirmed;

  /* Template widgets. */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkWidget            *jobs_button;
  GtkStack             *jobs_stack;
  GtkListView          *jobs_view;
  GtkSingleSelection   *jobs_selection;
  AdwViewStack         *view_stack;
  LikenessDatasetPage  *dataset_page;
  LikenessComparePage  *compare_page;
  GtkStack             *training_stack;
  LikenessJobPage      *job_page;
  LikenessResultPage   *result_page;
};

/* likeness-window-dnd.c */
void _likeness_window_dnd_init           (LikenessWindow      *self);

/* likeness-window-actions.c */
void _likeness_window_class_actions_init (LikenessWindowClass *klass);
void _likeness_window_actions_update     (LikenessWindow      *self);

/* likeness-window-jobs.c */
void _likeness_window_jobs_init          (LikenessWindow      *self);
void _likeness_window_start_job          (LikenessWindow      *self);
gboolean _likeness_window_has_active_jobs (LikenessWindow     *self);

/* likeness-window-results.c */
void _likeness_window_class_results_init (LikenessWindowClass *klass);

G_END_DECLS
