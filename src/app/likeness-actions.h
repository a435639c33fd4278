/* likeness-actions.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every action name, named once for C. The templates in resources/ui and
 * resources/gtk/help-overlay.ui spell the same names.
 */

#pragma once

/* Application actions: names in the GActionEntry table, "app." + name elsewhere. */
#define LIKENESS_APP_QUIT               "quit"
#define LIKENESS_APP_ABOUT              "about"
#define LIKENESS_APP_PREFERENCES        "preferences"
#define LIKENESS_APP_SHORTCUTS          "shortcuts"
/* (s): a job id as text, from a notification's "Open". */
#define LIKENESS_APP_SHOW_JOB           "show-job"
/* (s): "photos", "trainer" or "training". */
#define LIKENESS_APP_SHOW_STEP          "show-step"

/* LikenessWindow (gtk_widget_class_install_action). */
#define LIKENESS_WIN_ADD_PHOTOS         "win.add-photos"
#define LIKENESS_WIN_ADD_FOLDER         "win.add-folder"
#define LIKENESS_WIN_CLEAR_PHOTOS       "win.clear-photos"
#define LIKENESS_WIN_SHOW_STEP          "win.show-step"
#define LIKENESS_WIN_SHOW_JOBS          "win.show-jobs"
#define LIKENESS_WIN_SHOW_STEPS         "win.show-steps"
/* Added by GtkApplicationWindow for resources/gtk/help-overlay.ui. */
#define LIKENESS_WIN_SHOW_HELP_OVERLAY  "win.show-help-overlay"

/* LikenessPreferencesWindow. */
#define LIKENESS_PREFS_REMOVE_KEY       "prefs.remove-key"
#define LIKENESS_PREFS_OPEN_KEY_PAGE    "prefs.open-key-page"
#define LIKENESS_PREFS_TEST_CONNECTION  "prefs.test-connection"
#define LIKENESS_PREFS_CANCEL_TEST      "prefs.cancel-test"

/* Area: ui-job (issue 7 §4 Training, §5 Result) */

/* LikenessJobPage (gtk_widget_class_install_action). */
#define LIKENESS_JOB_CANCEL             "job.cancel"
#define LIKENESS_JOB_SHOW_LOG           "job.show-log"

/* LikenessLogView; "log.follow" is the stateful :following property. */
#define LIKENESS_LOG_FOLLOW             "log.follow"
#define LIKENESS_LOG_COPY               "log.copy"
#define LIKENESS_LOG_SAVE               "log.save"
#define LIKENESS_LOG_SEARCH_NEXT        "log.search-next"
#define LIKENESS_LOG_SEARCH_PREVIOUS    "log.search-previous"

/* LikenessResultPage; "result.view-sample" takes the sample's position ("u"). */
#define LIKENESS_RESULT_OPEN_FOLDER     "result.open-folder"
#define LIKENESS_RESULT_COPY_PROMPT     "result.copy-prompt"
#define LIKENESS_RESULT_MAKE_SAMPLES    "result.make-samples"
#define LIKENESS_RESULT_STOP_SAMPLES    "result.stop-samples"
#define LIKENESS_RESULT_TRY_PROMPT      "result.try-prompt"
#define LIKENESS_RESULT_VIEW_SAMPLE     "result.view-sample"

/* LikenessImageViewer: Left, Right, Up and Down are bound to these. */
#define LIKENESS_VIEWER_PREVIOUS        "viewer.previous"
#define LIKENESS_VIEWER_NEXT            "viewer.next"
#define LIKENESS_VIEWER_UP              "viewer.up"
#define LIKENESS_VIEWER_DOWN            "viewer.down"

/* Window actions the result page activates and LikenessWindow implements
 * (ui-flow). Each takes the finished job's id as target ("x", an int64):
 * - train-variants: offer several trainings on the same upload
 *   (lk_job_manager_start_variants_async);
 * - continue-training: more steps from this model
 *   (lk_job_manager_build_continuation, then lk_job_manager_add_async);
 * - clone-job: the same photos and settings again (lk_job_manager_clone_async). */
#define LIKENESS_WIN_TRAIN_VARIANTS     "win.train-variants"
#define LIKENESS_WIN_CONTINUE_TRAINING  "win.continue-training"
#define LIKENESS_WIN_CLONE_JOB          "win.clone-job"
