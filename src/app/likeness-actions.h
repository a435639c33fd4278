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

/* LikenessWindow (gtk_widget_class_install_action). */
#define LIKENESS_WIN_ADD_PHOTOS         "win.add-photos"
#define LIKENESS_WIN_ADD_FOLDER         "win.add-folder"
#define LIKENESS_WIN_CLEAR_PHOTOS       "win.clear-photos"
/* Added by GtkApplicationWindow for resources/gtk/help-overlay.ui. */
#define LIKENESS_WIN_SHOW_HELP_OVERLAY  "win.show-help-overlay"

/* LikenessPreferencesWindow. */
#define LIKENESS_PREFS_REMOVE_KEY       "prefs.remove-key"
#define LIKENESS_PREFS_OPEN_KEY_PAGE    "prefs.open-key-page"
#define LIKENESS_PREFS_TEST_CONNECTION  "prefs.test-connection"
#define LIKENESS_PREFS_CANCEL_TEST      "prefs.cancel-test"
