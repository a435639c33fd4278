/* likeness-compat.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-compat"

#include "config.h"

#include "likeness-compat.h"

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launch_uri_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_debug ("Could not open a link: %s", error->message);
  G_GNUC_END_IGNORE_DEPRECATIONS
}
#endif

/* gtk_show_uri() was deprecated in GTK 4.10 in favour of GtkUriLauncher,
 * which also reports failures. Debian 12 has only the former. */
void
likeness_show_uri (GtkWindow  *parent,
                   const char *uri)
{
  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (uri != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, NULL, launch_uri_cb, NULL);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}
