/* likeness-window-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "likeness-window.h"

G_BEGIN_DECLS

struct _LikenessWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned state. */
  GSettings            *settings;
  GCancellable         *cancellable;   /* Cancelled on close and on "Start Over". */
  GHashTable           *photos;        /* GFile → NULL: the unique photos found so far. */
  GtkFileChooserNative *chooser;       /* (nullable) While a file chooser is open. */
  guint                 n_scans;       /* Scans still running. */

  /* Template widgets. */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *photos_page;
  GtkSpinner           *scan_spinner;
  GtkSpinner           *scanning_spinner;
};

/* likeness-window-dnd.c */
void     _likeness_window_dnd_init          (LikenessWindow       *self);
void     _likeness_window_scan_files_async  (LikenessWindow       *self,
                                             GFile               **files,
                                             guint                 n_files,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean _likeness_window_scan_files_finish (LikenessWindow       *self,
                                             GAsyncResult         *result,
                                             GPtrArray           **photos,
                                             guint                *n_skipped,
                                             guint                *n_unreadable,
                                             GError              **error);

/* likeness-window-actions.c */
void     _likeness_window_class_actions_init (LikenessWindowClass *klass);
void     _likeness_window_actions_update     (LikenessWindow      *self);

G_END_DECLS
