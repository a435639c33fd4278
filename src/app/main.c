/* main.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-main"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "likeness-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LikenessApplication) app = NULL;
  const char *localedir = LOCALEDIR;

  /* For development only: run an uninstalled build with the translations
   * built in its po/ directory (tests/screenshots.sh uses this). */
  if (g_getenv ("LIKENESS_LOCALEDIR") != NULL)
    localedir = g_getenv ("LIKENESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Likeness"));

  app = likeness_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
