/* likeness-test-display.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the display tests: start GTK on the test's X server,
 * wait for state with a bound instead of sleeping, and look for text on
 * screen.
 */

#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/* Nothing here takes more than a fraction of a second on a loaded CI
 * machine; the bound only turns a hang into a failure. */
#define LIKENESS_TEST_TIMEOUT_USEC (10 * G_USEC_PER_SEC)

/* Iterates the default main context while @cond holds, failing the test
 * after LIKENESS_TEST_TIMEOUT_USEC. */
#define LIKENESS_TEST_WAIT_WHILE(cond)                                       \
  G_STMT_START {                                                             \
    gint64 _deadline = g_get_monotonic_time () + LIKENESS_TEST_TIMEOUT_USEC; \
    while (cond)                                                             \
      {                                                                      \
        if (g_get_monotonic_time () > _deadline)                             \
          g_error ("Timed out waiting for: %s", #cond);                      \
        g_main_context_iteration (NULL, FALSE);                              \
      }                                                                      \
  } G_STMT_END

static inline void
likeness_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      likeness_test_remove_tree (child);
    }
  g_rmdir (path);
}

/* Returns the temporary home to pass to likeness_test_display_shutdown().
 *
 * G_TEST_OPTION_ISOLATE_DIRS also replaces XDG_DATA_DIRS, which hides the
 * shared MIME database and the icon themes: GIO could then no longer tell a
 * JPEG from a PDF, and GTK could not load its own icons. So the display
 * tests isolate only the per-user directories, which is what keeps them
 * from reading or writing the person's own files. */
static inline char *
likeness_test_display_init (int    *argc,
                            char ***argv)
{
  static const char * const user_dirs[] = {
    "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GError) error = NULL;
  char *home;

  home = g_dir_make_tmp ("likeness-display-test-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, user_dirs[i], NULL);

      g_mkdir (dir, 0700);
      g_setenv (user_dirs[i], dir, TRUE);
    }

  /* The lead's CI runs this suite under xvfb-run; these make rendering
   * deterministic there and keep the accessibility bus out of the way. */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run this suite under xvfb-run -a.\n");
      exit (1);
    }

  adw_init ();

  return home;
}

static inline void
likeness_test_display_shutdown (char *home)
{
  likeness_test_remove_tree (home);
  g_free (home);
}

static inline gboolean
likeness_test_find_label (GtkWidget  *widget,
                          const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (likeness_test_find_label (child, text))
      return TRUE;

  return FALSE;
}

G_END_DECLS
