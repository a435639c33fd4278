/* lk-caption-store.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Captions live in `name.txt` beside each image, in the user's folder.
 * Edits first go to a journal of pending edits, a key file in the XDG state
 * directory written atomically after every change, so a crash loses
 * nothing: on the next load, lk_caption_store_restore_async() puts the
 * pending text back as unsaved edits. Saving replaces each sidecar
 * atomically (g_file_replace_contents_bytes_async writes a temporary file
 * and renames it) and then drops the edit from the journal.
 */

#define G_LOG_DOMAIN "lk-caption-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-caption-store.h"
#include "lk-dataset-image-private.h"
#include "lk-trigger-lint.h"

#define JOURNAL_GROUP "pending"

struct _LkCaptionStore
{
  GObject    parent_instance;

  GFile     *journal;          /* (owned) */
  GKeyFile  *pending;          /* (owned) caption URI → text */
  gboolean   writing;
  gboolean   dirty;            /* changed since the write in flight began */
  gboolean   made_dir;
  GPtrArray *waiters;          /* (owned) (element-type GTask) flush requests */
};

G_DEFINE_FINAL_TYPE (LkCaptionStore, lk_caption_store, G_TYPE_OBJECT)

static void write_journal (LkCaptionStore *self);

static void
lk_caption_store_finalize (GObject *object)
{
  LkCaptionStore *self = (LkCaptionStore *) object;

  g_clear_object (&self->journal);
  g_clear_pointer (&self->pending, g_key_file_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_caption_store_parent_class)->finalize (object);
}

static void
lk_caption_store_class_init (LkCaptionStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_caption_store_finalize;
}

static void
lk_caption_store_init (LkCaptionStore *self)
{
  self->pending = g_key_file_new ();
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * lk_caption_store_new:
 * @journal: (nullable): the journal file; by default
 *   `$XDG_STATE_HOME/likeness/caption-journal.ini`
 *
 * Returns: (transfer full): a caption store
 */
LkCaptionStore *
lk_caption_store_new (GFile *journal)
{
  LkCaptionStore *self = g_object_new (LK_TYPE_CAPTION_STORE, NULL);

  if (journal != NULL)
    self->journal = g_object_ref (journal);
  else
    {
      g_autofree char *path = g_build_filename (g_get_user_state_dir (), "likeness",
                                                "caption-journal.ini", NULL);
      self->journal = g_file_new_for_path (path);
    }

  return self;
}

/**
 * lk_caption_store_get_journal:
 * @self: a caption store
 *
 * Returns: (transfer none): the journal file
 */
GFile *
lk_caption_store_get_journal (LkCaptionStore *self)
{
  g_return_val_if_fail (LK_IS_CAPTION_STORE (self), NULL);
  return self->journal;
}

static void
finish_waiters (LkCaptionStore *self,
                const GError   *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
write_journal_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LkCaptionStore) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      /* The edits are still in memory; only crash safety is lost. */
      g_debug ("Could not write the caption journal: %s", error->message);
      finish_waiters (self, error);
      return;
    }

  if (self->dirty)
    write_journal (self);
  else
    finish_waiters (self, NULL);
}

static void
write_journal (LkCaptionStore *self)
{
  g_autoptr(GFile) parent = g_file_get_parent (self->journal);
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize length;

  if (self->writing)
    {
      self->dirty = TRUE;
      return;
    }

  /* Making the state folder is one small mkdir, once per store; GLib 2.74
   * has no asynchronous variant that creates the parents too. */
  if (parent != NULL && !self->made_dir)
    {
      g_file_make_directory_with_parents (parent, NULL, NULL);
      self->made_dir = TRUE;
    }

  data = g_key_file_to_data (self->pending, &length, NULL);
  bytes = g_bytes_new_take (data, length);
  self->writing = TRUE;
  self->dirty = FALSE;
  g_file_replace_contents_bytes_async (self->journal, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE, NULL,
                                       write_journal_cb, g_object_ref (self));
}

static char *
journal_key (LkDatasetImage *image)
{
  return g_file_get_uri (lk_dataset_image_get_caption_file (image));
}

/**
 * lk_caption_store_set_caption:
 * @self: a caption store
 * @image: an image
 * @caption: (nullable): the new caption, valid UTF-8
 *
 * Edits the caption and records the edit in the journal.
 */
void
lk_caption_store_set_caption (LkCaptionStore *self,
                              LkDatasetImage *image,
                              const char     *caption)
{
  g_autofree char *key = NULL;

  g_return_if_fail (LK_IS_CAPTION_STORE (self));
  g_return_if_fail (LK_IS_DATASET_IMAGE (image));
  g_return_if_fail (caption == NULL || g_utf8_validate (caption, -1, NULL));

  if (g_strcmp0 (lk_dataset_image_get_caption (image), caption) == 0)
    return;

  lk_dataset_image_set_caption (image, caption);
  key = journal_key (image);
  g_key_file_set_string (self->pending, JOURNAL_GROUP, key, caption != NULL ? caption : "");
  write_journal (self);
}

/**
 * lk_caption_store_prefix_trigger:
 * @self: a caption store
 * @images: a #GListModel of #LkDatasetImage
 * @trigger: the trigger word
 *
 * Puts "@trigger, " before every usable image's caption that lacks it;
 * images without a caption get the trigger alone.
 *
 * Returns: the number of captions changed
 */
guint
lk_caption_store_prefix_trigger (LkCaptionStore *self,
                                 GListModel     *images,
                                 const char     *trigger)
{
  guint changed = 0;

  g_return_val_if_fail (LK_IS_CAPTION_STORE (self), 0);
  g_return_val_if_fail (G_IS_LIST_MODEL (images), 0);
  g_return_val_if_fail (trigger != NULL && g_utf8_validate (trigger, -1, NULL), 0);

  if (*trigger == '\0')
    return 0;

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (images, i);
      const char *caption = lk_dataset_image_get_caption (image);
      g_autofree char *updated = NULL;

      if (!lk_dataset_image_is_usable (image) || lk_caption_has_trigger (caption, trigger))
        continue;

      if (caption == NULL || *caption == '\0')
        updated = g_strdup (trigger);
      else
        updated = g_strconcat (trigger, ", ", caption, NULL);
      lk_caption_store_set_caption (self, image, updated);
      changed++;
    }

  return changed;
}

static char *
replace_all (const char *text,
             const char *find,
             const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (text, find, -1);

  return g_strjoinv (replacement, parts);
}

/**
 * lk_caption_store_replace:
 * @self: a caption store
 * @images: a #GListModel of #LkDatasetImage
 * @find: the text to find, case-sensitive, not empty
 * @replacement: what to put instead
 *
 * Returns: the number of captions changed
 */
guint
lk_caption_store_replace (LkCaptionStore *self,
                          GListModel     *images,
                          const char     *find,
                          const char     *replacement)
{
  guint changed = 0;

  g_return_val_if_fail (LK_IS_CAPTION_STORE (self), 0);
  g_return_val_if_fail (G_IS_LIST_MODEL (images), 0);
  g_return_val_if_fail (find != NULL && replacement != NULL, 0);
  g_return_val_if_fail (g_utf8_validate (find, -1, NULL) && g_utf8_validate (replacement, -1, NULL), 0);

  if (*find == '\0')
    return 0;

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (images, i);
      const char *caption = lk_dataset_image_get_caption (image);
      g_autofree char *updated = NULL;

      if (caption == NULL || strstr (caption, find) == NULL)
        continue;

      updated = replace_all (caption, find, replacement);
      lk_caption_store_set_caption (self, image, updated);
      changed++;
    }

  return changed;
}

/**
 * lk_caption_store_flush_journal_async:
 * @self: a caption store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the journal on disk holds every edit so far
 * @user_data: data for @callback
 */
void
lk_caption_store_flush_journal_async (LkCaptionStore      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CAPTION_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_caption_store_flush_journal_async);

  if (!self->writing)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
}

gboolean
lk_caption_store_flush_journal_finish (LkCaptionStore  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GPtrArray *images;   /* (owned) (element-type LkDatasetImage) still to save */
  guint      index;
  guint      saved;
  char      *text;     /* (owned) the caption being written */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_ptr_array_unref (data->images);
  g_free (data->text);
  g_free (data);
}

static void save_next (GTask *task);

static void
save_one_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkCaptionStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  LkDatasetImage *image = g_ptr_array_index (data->images, data->index);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = journal_key (image);

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));

      /* Translators: %s is a file name. */
      g_prefix_error (&error, _("Could not save the caption “%s”: "), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Only clear the edit if it was not changed again while writing. */
  if (g_strcmp0 (lk_dataset_image_get_caption (image), data->text) == 0)
    {
      _lk_dataset_image_set_saved_caption (image, data->text);
      g_key_file_remove_key (self->pending, JOURNAL_GROUP, key, NULL);
    }
  data->saved++;
  data->index++;
  save_next (g_steal_pointer (&task));
}

static void
save_next (GTask *task)
{
  LkCaptionStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  LkDatasetImage *image;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *with_newline = NULL;

  if (data->index >= data->images->len)
    {
      write_journal (self);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  image = g_ptr_array_index (data->images, data->index);
  g_free (data->text);
  data->text = g_strdup (lk_dataset_image_get_caption (image));
  with_newline = g_strconcat (data->text != NULL ? data->text : "", "\n", NULL);
  bytes = g_bytes_new_take (g_steal_pointer (&with_newline), strlen (data->text != NULL ? data->text : "") + 1);

  g_file_replace_contents_bytes_async (lk_dataset_image_get_caption_file (image), bytes, NULL, FALSE,
                                       G_FILE_CREATE_NONE, g_task_get_cancellable (task),
                                       save_one_cb, task);
}

/**
 * lk_caption_store_save_async:
 * @self: a caption store
 * @images: a #GListModel of #LkDatasetImage
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every modified caption is saved
 * @user_data: data for @callback
 *
 * Writes each modified caption to its sidecar, atomically, one after
 * another.
 */
void
lk_caption_store_save_async (LkCaptionStore      *self,
                             GListModel          *images,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  SaveData *data;

  g_return_if_fail (LK_IS_CAPTION_STORE (self));
  g_return_if_fail (G_IS_LIST_MODEL (images));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_caption_store_save_async);
  data = g_new0 (SaveData, 1);
  data->images = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (images, i);

      if (lk_dataset_image_get_caption_modified (image))
        g_ptr_array_add (data->images, g_steal_pointer (&image));
    }
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  save_next (task);
}

/**
 * lk_caption_store_save_finish:
 * @self: a caption store
 * @result: the result
 * @n_saved: (out) (optional): how many captions were written
 * @error: a #GError
 *
 * Returns: %TRUE if all modified captions were saved
 */
gboolean
lk_caption_store_save_finish (LkCaptionStore  *self,
                              GAsyncResult    *result,
                              guint           *n_saved,
                              GError         **error)
{
  SaveData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_saved != NULL)
    *n_saved = data->saved;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
restore_load_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkCaptionStore *self = g_task_get_source_object (task);
  GListModel *images = g_task_get_task_data (task);
  g_autoptr(GKeyFile) journal = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint restored = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_int (task, 0);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!g_key_file_load_from_data (journal, contents, length, G_KEY_FILE_NONE, &error))
    {
      /* A journal damaged by the crash it was meant to survive: nothing
       * more can be recovered from it. */
      g_debug ("Ignoring unreadable caption journal: %s", error->message);
      g_task_return_int (task, 0);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (images, i);
      g_autofree char *key = journal_key (image);
      g_autofree char *text = g_key_file_get_string (journal, JOURNAL_GROUP, key, NULL);

      if (text == NULL || !g_utf8_validate (text, -1, NULL))
        continue;

      g_key_file_set_string (self->pending, JOURNAL_GROUP, key, text);
      if (g_strcmp0 (lk_dataset_image_get_caption (image), text) != 0)
        {
          lk_dataset_image_set_caption (image, text);
          restored++;
        }
    }

  g_task_return_int (task, restored);
}

/**
 * lk_caption_store_restore_async:
 * @self: a caption store
 * @images: a #GListModel of #LkDatasetImage, after a scan
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the journal has been replayed
 * @user_data: data for @callback
 *
 * Replays the journal: edits that were never saved come back as unsaved
 * edits of the images they belong to.
 */
void
lk_caption_store_restore_async (LkCaptionStore      *self,
                                GListModel          *images,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LK_IS_CAPTION_STORE (self));
  g_return_if_fail (G_IS_LIST_MODEL (images));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_caption_store_restore_async);
  g_task_set_task_data (task, g_object_ref (images), g_object_unref);
  g_file_load_contents_async (self->journal, cancellable, restore_load_cb, task);
}

/**
 * lk_caption_store_restore_finish:
 * @self: a caption store
 * @result: the result
 * @n_restored: (out) (optional): how many unsaved edits came back
 * @error: a #GError
 *
 * Returns: %TRUE unless the journal could not be read
 */
gboolean
lk_caption_store_restore_finish (LkCaptionStore  *self,
                                 GAsyncResult    *result,
                                 guint           *n_restored,
                                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (n_restored != NULL)
    *n_restored = (guint) n;
  return TRUE;
}
