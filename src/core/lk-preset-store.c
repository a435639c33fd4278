/* lk-preset-store.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-preset-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-error.h"
#include "lk-preset-file-private.h"
#include "lk-preset-store.h"

struct _LkPresetStore
{
  GObject     parent_instance;

  LkCatalog  *catalog;
  GFile      *directory;
  GListStore *presets;     /* LkPreset, user presets sorted by name */
};

G_DEFINE_FINAL_TYPE (LkPresetStore, lk_preset_store, G_TYPE_OBJECT)

/* One operation. Input fields are set on the main thread before the worker
 * starts and only read afterwards; output fields are written by the worker
 * and read back on the main thread when it is done. */
typedef struct
{
  /* Input, owned. */
  LkCatalog  *catalog;
  GFile      *directory;
  GFile      *file;           /* import source, export target */
  LkPreset   *preset;         /* save, export, rename (the new one) */
  char       *old_name;       /* rename, delete */
  char       *trainer_id;     /* last form */
  GVariant   *values;         /* last form */
  char      **taken_names;    /* import: names in use when it started */

  /* Output, owned. */
  GPtrArray  *loaded;         /* load: LkPreset */
  guint       n_skipped;
  LkPreset   *imported;
  GVariant   *last_form;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_object (&data->catalog);
  g_clear_object (&data->directory);
  g_clear_object (&data->file);
  g_clear_object (&data->preset);
  g_clear_pointer (&data->old_name, g_free);
  g_clear_pointer (&data->trainer_id, g_free);
  g_clear_pointer (&data->values, g_variant_unref);
  g_clear_pointer (&data->taken_names, g_strfreev);
  g_clear_pointer (&data->loaded, g_ptr_array_unref);
  g_clear_object (&data->imported);
  g_clear_pointer (&data->last_form, g_variant_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaskData, task_data_free)

static void
lk_preset_store_finalize (GObject *object)
{
  LkPresetStore *self = (LkPresetStore *)object;

  g_clear_object (&self->catalog);
  g_clear_object (&self->directory);
  g_clear_object (&self->presets);

  G_OBJECT_CLASS (lk_preset_store_parent_class)->finalize (object);
}

static void
lk_preset_store_class_init (LkPresetStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_preset_store_finalize;
}

static void
lk_preset_store_init (LkPresetStore *self)
{
  self->presets = g_list_store_new (LK_TYPE_PRESET);
}

LkPresetStore *
lk_preset_store_new (LkCatalog *catalog,
                     GFile     *directory)
{
  LkPresetStore *self;

  g_return_val_if_fail (LK_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (directory == NULL || G_IS_FILE (directory), NULL);

  self = g_object_new (LK_TYPE_PRESET_STORE, NULL);
  self->catalog = g_object_ref (catalog);
  if (directory != NULL)
    self->directory = g_object_ref (directory);
  else
    self->directory = g_file_new_build_filename (g_get_user_config_dir (), "likeness", "presets", NULL);

  return self;
}

GFile *
lk_preset_store_get_directory (LkPresetStore *self)
{
  g_return_val_if_fail (LK_IS_PRESET_STORE (self), NULL);
  return self->directory;
}

GListModel *
lk_preset_store_get_presets (LkPresetStore *self)
{
  g_return_val_if_fail (LK_IS_PRESET_STORE (self), NULL);
  return G_LIST_MODEL (self->presets);
}

static gboolean
find_preset (LkPresetStore *self,
             const char    *name,
             guint         *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->presets));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkPreset) preset = g_list_model_get_item (G_LIST_MODEL (self->presets), i);

      if (g_strcmp0 (lk_preset_get_name (preset), name) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

LkPreset *
lk_preset_store_lookup (LkPresetStore *self,
                        const char    *name)
{
  guint position;
  g_autoptr(LkPreset) preset = NULL;

  g_return_val_if_fail (LK_IS_PRESET_STORE (self), NULL);

  if (!find_preset (self, name, &position))
    return NULL;
  preset = g_list_model_get_item (G_LIST_MODEL (self->presets), position);
  return preset;   /* the store keeps its own reference */
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_utf8_collate (lk_preset_get_name ((LkPreset *) a), lk_preset_get_name ((LkPreset *) b));
}

/* Main thread only. */
static void
put_preset (LkPresetStore *self,
            LkPreset      *preset)
{
  guint position;

  if (find_preset (self, lk_preset_get_name (preset), &position))
    g_list_store_remove (self->presets, position);
  g_list_store_insert_sorted (self->presets, preset, compare_names, NULL);
}

static char **
dup_names (LkPresetStore *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->presets));
  char **names = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkPreset) preset = g_list_model_get_item (G_LIST_MODEL (self->presets), i);

      names[i] = g_strdup (lk_preset_get_name (preset));
    }
  return names;
}

static gboolean
name_is_usable (const char *name)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  stripped = g_strstrip (g_strdup (name));
  return *stripped != '\0';
}

static void
set_name_taken_error (GError     **error,
                      const char  *name)
{
  /* Translators: %s is a preset name. */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("A preset named “%s” already exists."), name);
}

static void
set_no_such_preset_error (GError     **error,
                          const char  *name)
{
  /* Translators: %s is a preset name. */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("There is no preset named “%s”."), name);
}

/* Running an operation: the worker runs in a thread on an inner task; its
 * callback applies the outcome to the list on the main context and then
 * completes the caller's task. */

static GTask *
start_inner (LkPresetStore       *self,
             GTask               *outer,
             TaskData            *data,
             GTaskThreadFunc      thread_func,
             GAsyncReadyCallback  done_cb)
{
  /* The inner task has no source object: the worker thread may drop its
   * reference to it after the callback ran, and it must not keep the store
   * alive then. */
  GTask *inner = g_task_new (NULL, g_task_get_cancellable (outer), done_cb, outer);

  g_task_set_source_tag (inner, start_inner);
  g_task_set_task_data (inner, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (inner, thread_func);
  return inner;
}

static TaskData *
task_data_new (LkPresetStore *self)
{
  TaskData *data = g_new0 (TaskData, 1);

  data->catalog = g_object_ref (self->catalog);
  data->directory = g_object_ref (self->directory);
  return data;
}

/* load */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  data->loaded = g_ptr_array_new_with_free_func (g_object_unref);

  enumerator = g_file_enumerate_children (data->directory,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (enumerator == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      g_autoptr(LkPreset) preset = NULL;
      g_autoptr(GError) file_error = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          !g_str_has_suffix (g_file_info_get_name (info), ".json"))
        continue;

      preset = _lk_preset_file_read (data->catalog, child, cancellable, &file_error);
      if (preset == NULL)
        {
          g_debug ("Skipping preset file %s: %s", g_file_info_get_name (info), file_error->message);
          data->n_skipped++;
          continue;
        }
      if (g_hash_table_contains (seen, lk_preset_get_name (preset)))
        {
          data->n_skipped++;
          continue;
        }
      g_ptr_array_add (data->loaded, g_object_ref (preset));
      g_hash_table_add (seen, (gpointer) lk_preset_get_name (preset));
    }

  g_task_return_boolean (task, TRUE);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkPresetStore *self = g_task_get_source_object (task);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_list_store_remove_all (self->presets);
  for (guint i = 0; i < data->loaded->len; i++)
    g_list_store_insert_sorted (self->presets, g_ptr_array_index (data->loaded, i), compare_names, NULL);

  g_task_return_int (task, data->n_skipped);
}

void
lk_preset_store_load_async (LkPresetStore       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (LK_IS_PRESET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_preset_store_load_async);
  inner = start_inner (self, g_steal_pointer (&task), task_data_new (self), load_thread, load_done_cb);
}

gboolean
lk_preset_store_load_finish (LkPresetStore  *self,
                             GAsyncResult   *result,
                             guint          *n_skipped,
                             GError        **error)
{
  gssize skipped;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_preset_store_load_async, FALSE);

  skipped = g_task_propagate_int (G_TASK (result), error);
  if (skipped < 0)
    return FALSE;
  if (n_skipped != NULL)
    *n_skipped = (guint) skipped;
  return TRUE;
}

/* save, rename, delete, export: a worker that writes, and a main-thread
 * step that updates the list. */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GFile) file = _lk_preset_file_for_name (data->directory, lk_preset_get_name (data->preset));
  g_autoptr(JsonNode) root = _lk_preset_to_json (data->preset);
  GError *error = NULL;

  if (!_lk_preset_file_write (file, root, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->old_name != NULL && g_strcmp0 (data->old_name, lk_preset_get_name (data->preset)) != 0)
    {
      g_autoptr(GFile) old_file = _lk_preset_file_for_name (data->directory, data->old_name);
      g_autoptr(GError) delete_error = NULL;

      if (!g_file_delete (old_file, cancellable, &delete_error) &&
          !g_error_matches (delete_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          /* Do not leave the preset twice on disk. */
          g_file_delete (file, NULL, NULL);
          g_task_return_error (task, g_steal_pointer (&delete_error));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GFile) file = _lk_preset_file_for_name (data->directory, data->old_name);
  g_autoptr(GError) error = NULL;

  if (!g_file_delete (file, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(JsonNode) root = _lk_preset_to_json (data->preset);
  GError *error = NULL;

  if (!_lk_preset_file_write (data->file, root, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkPresetStore *self = g_task_get_source_object (task);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  guint position;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_get_source_tag (task) == lk_preset_store_delete_async)
    {
      if (find_preset (self, data->old_name, &position))
        g_list_store_remove (self->presets, position);
    }
  else if (g_task_get_source_tag (task) == lk_preset_store_save_async ||
           g_task_get_source_tag (task) == lk_preset_store_rename_async)
    {
      if (data->old_name != NULL && find_preset (self, data->old_name, &position))
        g_list_store_remove (self->presets, position);
      put_preset (self, data->preset);
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
finish_boolean (LkPresetStore  *self,
                GAsyncResult   *result,
                gpointer        source_tag,
                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lk_preset_store_save_async (LkPresetStore       *self,
                            LkPreset            *preset,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(TaskData) data = NULL;
  GError *error = NULL;

  g_return_if_fail (LK_IS_PRESET_STORE (self));
  g_return_if_fail (LK_IS_PRESET (preset));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_preset_store_save_async);

  if (!name_is_usable (lk_preset_get_name (preset)))
    {
      g_task_return_new_error (task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MISSING_FIELD,
                               "%s", _("A preset needs a name."));
      return;
    }
  if (!lk_catalog_validate_preset (self->catalog, preset, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = task_data_new (self);
  /* Built-in presets are saved as a user copy. */
  if (lk_preset_get_source (preset) == LK_PRESET_SOURCE_USER)
    data->preset = g_object_ref (preset);
  else
    data->preset = lk_preset_copy_with_name (preset, lk_preset_get_name (preset));

  inner = start_inner (self, g_steal_pointer (&task), g_steal_pointer (&data), save_thread, write_done_cb);
}

gboolean
lk_preset_store_save_finish (LkPresetStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return finish_boolean (self, result, lk_preset_store_save_async, error);
}

void
lk_preset_store_rename_async (LkPresetStore       *self,
                              const char          *old_name,
                              const char          *new_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(TaskData) data = NULL;
  LkPreset *old;

  g_return_if_fail (LK_IS_PRESET_STORE (self));
  g_return_if_fail (old_name != NULL);
  g_return_if_fail (new_name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_preset_store_rename_async);

  old = lk_preset_store_lookup (self, old_name);
  if (old == NULL)
    {
      GError *error = NULL;

      set_no_such_preset_error (&error, old_name);
      g_task_return_error (task, error);
      return;
    }
  if (!name_is_usable (new_name))
    {
      g_task_return_new_error (task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MISSING_FIELD,
                               "%s", _("A preset needs a name."));
      return;
    }
  if (g_strcmp0 (old_name, new_name) != 0 && lk_preset_store_lookup (self, new_name) != NULL)
    {
      GError *error = NULL;

      set_name_taken_error (&error, new_name);
      g_task_return_error (task, error);
      return;
    }

  data = task_data_new (self);
  data->preset = lk_preset_copy_with_name (old, new_name);
  data->old_name = g_strdup (old_name);

  inner = start_inner (self, g_steal_pointer (&task), g_steal_pointer (&data), save_thread, write_done_cb);
}

gboolean
lk_preset_store_rename_finish (LkPresetStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return finish_boolean (self, result, lk_preset_store_rename_async, error);
}

void
lk_preset_store_delete_async (LkPresetStore       *self,
                              const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(TaskData) data = NULL;

  g_return_if_fail (LK_IS_PRESET_STORE (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_preset_store_delete_async);

  if (lk_preset_store_lookup (self, name) == NULL)
    {
      GError *error = NULL;

      set_no_such_preset_error (&error, name);
      g_task_return_error (task, error);
      return;
    }

  data = task_data_new (self);
  data->old_name = g_strdup (name);
  inner = start_inner (self, g_steal_pointer (&task), g_steal_pointer (&data), delete_thread, write_done_cb);
}

gboolean
lk_preset_store_delete_finish (LkPresetStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return finish_boolean (self, result, lk_preset_store_delete_async, error);
}

void
lk_preset_store_export_async (LkPresetStore       *self,
                              LkPreset            *preset,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(TaskData) data = NULL;

  g_return_if_fail (LK_IS_PRESET_STORE (self));
  g_return_if_fail (LK_IS_PRESET (preset));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_preset_store_export_async);

  data = task_data_new (self);
  data->preset = g_object_ref (preset);
  data->file = g_object_ref (file);
  inner = start_inner (self, g_steal_pointer (&task), g_steal_pointer (&data), export_thread, write_done_cb);
}

gboolean
lk_preset_store_export_finish (LkPresetStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return finish_boolean (self, result, lk_preset_store_export_async, error);
}

/* import */

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(LkPreset) preset = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *basename = g_file_get_basename (data->file);
  GError *error = NULL;

  preset = _lk_preset_file_read (data->catalog, data->file, cancellable, &error);
  if (preset == NULL)
    goto fail;

  if (g_strv_contains ((const char * const *) data->taken_names, lk_preset_get_name (preset)))
    {
      set_name_taken_error (&error, lk_preset_get_name (preset));
      goto fail;
    }

  target = _lk_preset_file_for_name (data->directory, lk_preset_get_name (preset));
  root = _lk_preset_to_json (preset);
  if (!_lk_preset_file_write (target, root, cancellable, &error))
    goto fail;

  data->imported = g_steal_pointer (&preset);
  g_task_return_boolean (task, TRUE);
  return;

fail:
  /* Translators: %s is a file name; the reason follows. */
  g_prefix_error (&error, _("Cannot import “%s”: "), basename);
  g_task_return_error (task, error);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkPresetStore *self = g_task_get_source_object (task);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  put_preset (self, data->imported);
  g_task_return_pointer (task, g_object_ref (data->imported), g_object_unref);
}

/**
 * lk_preset_store_import_async:
 * @self: a #LkPresetStore
 * @file: a preset file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: data for @callback
 *
 * Reads @file in a worker thread (at most 256 KiB are read), checks it
 * against the catalog and writes it into the store's folder. The list
 * changes only on success.
 */
void
lk_preset_store_import_async (LkPresetStore       *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(TaskData) data = NULL;

  g_return_if_fail (LK_IS_PRESET_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_preset_store_import_async);

  data = task_data_new (self);
  data->file = g_object_ref (file);
  data->taken_names = dup_names (self);
  inner = start_inner (self, g_steal_pointer (&task), g_steal_pointer (&data), import_thread, import_done_cb);
}

LkPreset *
lk_preset_store_import_finish (LkPresetStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_preset_store_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* last form */

static void
save_last_form_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(LkPreset) preset = lk_preset_new (data->trainer_id, data->trainer_id, NULL, data->values);
  g_autoptr(GFile) file = _lk_preset_file_for_last_form (data->directory, data->trainer_id);
  g_autoptr(JsonNode) root = _lk_preset_to_json (preset);
  GError *error = NULL;

  if (!_lk_preset_file_write (file, root, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_last_form_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GFile) file = _lk_preset_file_for_last_form (data->directory, data->trainer_id);
  g_autoptr(LkPreset) preset = NULL;
  g_autoptr(GError) error = NULL;

  preset = _lk_preset_file_read (data->catalog, file, cancellable, &error);
  if (preset == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* A missing or damaged autosave is not worth an error dialog. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Ignoring the last form of %s: %s", data->trainer_id, error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_strcmp0 (lk_preset_get_trainer_id (preset), data->trainer_id) == 0)
    data->last_form = g_variant_ref (lk_preset_get_values (preset));
  g_task_return_boolean (task, TRUE);
}

static void
last_form_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TaskData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else if (data->last_form != NULL)
    g_task_return_pointer (task, g_variant_ref (data->last_form), (GDestroyNotify) g_variant_unref);
  else
    g_task_return_pointer (task, NULL, NULL);
}

void
lk_preset_store_save_last_form_async (LkPresetStore       *self,
                                      const char          *trainer_id,
                                      GVariant            *values,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(TaskData) data = NULL;
  g_autoptr(GVariant) owned = NULL;
  LkTrainer *trainer;
  GError *error = NULL;

  g_return_if_fail (LK_IS_PRESET_STORE (self));
  g_return_if_fail (trainer_id != NULL);
  g_return_if_fail (values != NULL);

  owned = g_variant_ref_sink (values);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_preset_store_save_last_form_async);

  trainer = lk_catalog_lookup_trainer (self->catalog, trainer_id);
  if (trainer == NULL)
    {
      g_task_return_new_error (task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_TRAINER,
                               _("There is no trainer “%s”."), trainer_id);
      return;
    }
  if (!lk_trainer_validate_values (trainer, owned, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = task_data_new (self);
  data->trainer_id = g_strdup (trainer_id);
  data->values = g_variant_ref (owned);
  inner = start_inner (self, g_steal_pointer (&task), g_steal_pointer (&data),
                       save_last_form_thread, write_done_cb);
}

gboolean
lk_preset_store_save_last_form_finish (LkPresetStore  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return finish_boolean (self, result, lk_preset_store_save_last_form_async, error);
}

void
lk_preset_store_load_last_form_async (LkPresetStore       *self,
                                      const char          *trainer_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(TaskData) data = NULL;

  g_return_if_fail (LK_IS_PRESET_STORE (self));
  g_return_if_fail (trainer_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_preset_store_load_last_form_async);

  data = task_data_new (self);
  data->trainer_id = g_strdup (trainer_id);
  inner = start_inner (self, g_steal_pointer (&task), g_steal_pointer (&data),
                       load_last_form_thread, last_form_done_cb);
}

GVariant *
lk_preset_store_load_last_form_finish (LkPresetStore  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_preset_store_load_last_form_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
