/* likeness-window-dnd.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dropping photos and folders onto the window, and finding the photos in
 * them. The search runs on GIO's asynchronous calls, which do their I/O in
 * GIO's worker threads, so the main loop never waits on the disk.
 */

#define G_LOG_DOMAIN "likeness-window-dnd"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-window-private.h"

/* Deep enough for any sane photo folder; it also ends symlink loops. */
#define MAX_FOLDER_DEPTH 8
#define ENUMERATE_BATCH  64

#define SCAN_ATTRIBUTES                  \
  G_FILE_ATTRIBUTE_STANDARD_NAME ","     \
  G_FILE_ATTRIBUTE_STANDARD_TYPE ","     \
  G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN "," \
  G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE

/* What the fal trainers accept inside a training archive. */
static const char * const photo_types[] = {
  "image/jpeg",
  "image/png",
  "image/webp",
};

typedef struct
{
  /* Output. */
  GPtrArray *photos;       /* (owned) (element-type GFile) */
  guint      n_skipped;    /* Files that are not photos. */
  guint      n_unreadable; /* Dropped items or folders that could not be read. */

  /* In progress. */
  guint      n_pending;    /* Outstanding GIO calls. */
} ScanData;

typedef struct
{
  GTask *task;             /* (owned) */
  GFile *file;             /* (owned) */
  guint  depth;
} ScanItem;

static void scan_folder (GTask *task,
                         GFile *folder,
                         guint  depth);

static void
scan_data_free (ScanData *data)
{
  g_clear_pointer (&data->photos, g_ptr_array_unref);
  g_free (data);
}

static void
scan_item_free (ScanItem *item)
{
  g_clear_object (&item->task);
  g_clear_object (&item->file);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScanItem, scan_item_free)

static ScanItem *
scan_item_new (GTask *task,
               GFile *file,
               guint  depth)
{
  ScanItem *item = g_new0 (ScanItem, 1);
  ScanData *data = g_task_get_task_data (task);

  item->task = g_object_ref (task);
  item->file = g_object_ref (file);
  item->depth = depth;
  data->n_pending++;

  return item;
}

static gboolean
is_photo_type (const char *content_type)
{
  if (content_type == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (photo_types); i++)
    if (g_content_type_equals (content_type, photo_types[i]))
      return TRUE;

  return FALSE;
}

/* Captions sit next to photos as "name.txt"; they are part of a dataset,
 * so they are neither photos nor worth a "skipped" message. */
static gboolean
is_caption (GFileInfo *info)
{
  return g_str_has_suffix (g_file_info_get_name (info), ".txt");
}

static void
scan_item_done (ScanItem *item)
{
  ScanData *data = g_task_get_task_data (item->task);

  g_assert (data->n_pending > 0);

  if (--data->n_pending > 0)
    return;

  if (g_task_return_error_if_cancelled (item->task))
    return;

  g_task_return_boolean (item->task, TRUE);
}

static void
scan_info (GTask     *task,
           GFile     *file,
           GFileInfo *info,
           guint      depth)
{
  ScanData *data = g_task_get_task_data (task);

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      if (depth < MAX_FOLDER_DEPTH)
        scan_folder (task, file, depth + 1);
      break;

    case G_FILE_TYPE_REGULAR:
      if (is_photo_type (g_file_info_get_content_type (info)))
        g_ptr_array_add (data->photos, g_object_ref (file));
      else if (!is_caption (info))
        data->n_skipped++;
      break;

    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      data->n_skipped++;
      break;
    }
}

static void
next_files_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GFileEnumerator *enumerator = G_FILE_ENUMERATOR (object);
  g_autoptr(ScanItem) item = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  GList *infos;

  infos = g_file_enumerator_next_files_finish (enumerator, result, &error);

  if (error != NULL)
    {
      ScanData *data = g_task_get_task_data (item->task);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Could not read a folder: %s", error->message);
          data->n_unreadable++;
        }
      scan_item_done (item);
      return;
    }

  if (infos == NULL)
    {
      scan_item_done (item);
      return;
    }

  for (const GList *l = infos; l != NULL; l = l->next)
    {
      GFileInfo *info = l->data;
      g_autoptr(GFile) child = NULL;

      if (g_file_info_get_is_hidden (info))
        continue;

      child = g_file_enumerator_get_child (enumerator, info);
      scan_info (item->task, child, info, item->depth);
    }
  g_list_free_full (infos, g_object_unref);

  /* Arguments are evaluated in no fixed order: take the cancellable
   * before the item is stolen. */
  cancellable = g_task_get_cancellable (item->task);
  g_file_enumerator_next_files_async (enumerator,
                                      ENUMERATE_BATCH,
                                      G_PRIORITY_LOW,
                                      cancellable,
                                      next_files_cb,
                                      g_steal_pointer (&item));
}

static void
enumerate_children_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GFile *folder = G_FILE (object);
  g_autoptr(ScanItem) item = user_data;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  enumerator = g_file_enumerate_children_finish (folder, result, &error);

  if (enumerator == NULL)
    {
      ScanData *data = g_task_get_task_data (item->task);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Could not open a folder: %s", error->message);
          data->n_unreadable++;
        }
      scan_item_done (item);
      return;
    }

  /* Arguments are evaluated in no fixed order: take the cancellable
   * before the item is stolen. */
  cancellable = g_task_get_cancellable (item->task);
  g_file_enumerator_next_files_async (enumerator,
                                      ENUMERATE_BATCH,
                                      G_PRIORITY_LOW,
                                      cancellable,
                                      next_files_cb,
                                      g_steal_pointer (&item));
}

static void
scan_folder (GTask *task,
             GFile *folder,
             guint  depth)
{
  g_file_enumerate_children_async (folder,
                                   SCAN_ATTRIBUTES,
                                   G_FILE_QUERY_INFO_NONE,
                                   G_PRIORITY_LOW,
                                   g_task_get_cancellable (task),
                                   enumerate_children_cb,
                                   scan_item_new (task, folder, depth));
}

static void
query_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GFile *file = G_FILE (object);
  g_autoptr(ScanItem) item = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (file, result, &error);

  if (info == NULL)
    {
      ScanData *data = g_task_get_task_data (item->task);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Could not read a dropped item: %s", error->message);
          data->n_unreadable++;
        }
    }
  else
    scan_info (item->task, file, info, item->depth);

  scan_item_done (item);
}

void
_likeness_window_scan_files_async (LikenessWindow       *self,
                                   GFile               **files,
                                   guint                 n_files,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;

  g_return_if_fail (LIKENESS_IS_WINDOW (self));
  g_return_if_fail (n_files > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _likeness_window_scan_files_async);

  data = g_new0 (ScanData, 1);
  data->photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) scan_data_free);

  /* One extra pending count while the first calls are being started, so
   * that a call finishing early cannot complete the task. */
  data->n_pending++;

  for (guint i = 0; i < n_files; i++)
    g_file_query_info_async (files[i],
                             SCAN_ATTRIBUTES,
                             G_FILE_QUERY_INFO_NONE,
                             G_PRIORITY_DEFAULT,
                             cancellable,
                             query_info_cb,
                             scan_item_new (task, files[i], 0));

  {
    g_autoptr(ScanItem) guard = g_new0 (ScanItem, 1);

    guard->task = g_steal_pointer (&task);
    scan_item_done (guard);
  }
}

gboolean
_likeness_window_scan_files_finish (LikenessWindow  *self,
                                    GAsyncResult    *result,
                                    GPtrArray      **photos,
                                    guint           *n_skipped,
                                    guint           *n_unreadable,
                                    GError         **error)
{
  ScanData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _likeness_window_scan_files_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));

  if (photos != NULL)
    *photos = g_steal_pointer (&data->photos);
  if (n_skipped != NULL)
    *n_skipped = data->n_skipped;
  if (n_unreadable != NULL)
    *n_unreadable = data->n_unreadable;

  return TRUE;
}

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
