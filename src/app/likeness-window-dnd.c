/* likeness-window-dnd.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dropping photos and folders anywhere on the window. The dataset reads
 * them in its worker threads; this only hands the files over.
 */

#define G_LOG_DOMAIN "likeness-window-dnd"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-window-private.h"

static gboolean
drop_target_drop_cb (LikenessWindow *self,
                     const GValue   *value,
                     double          x,
                     double          y,
                     GtkDropTarget  *target)
{
  g_autoptr(GSList) list = NULL;
  g_autoptr(GPtrArray) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      likeness_window_add_toast (self, adw_toast_new (_("Only files and folders can be dropped here.")));
      return FALSE;
    }

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  files = g_ptr_array_new ();
  for (const GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  if (files->len == 0)
    {
      likeness_window_add_toast (self, adw_toast_new (_("Nothing was dropped. Drop photos or folders.")));
      return FALSE;
    }

  /* Whatever step was showing, the photos are what the person looks at now. */
  likeness_window_show_step (self, "photos");
  likeness_window_add_files (self, (GFile **) files->pdata, files->len);

  return TRUE;
}

void
_likeness_window_dnd_init (LikenessWindow *self)
{
  GtkDropTarget *target;

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target,
                           "drop",
                           G_CALLBACK (drop_target_drop_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
