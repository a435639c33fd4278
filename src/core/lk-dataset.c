/* lk-dataset.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of LkDatasetImage, filled by scans. A scan has one walker
 * thread that enumerates the given files and folders, and a GThreadPool
 * with one worker per core that reads the images. Workers queue finished
 * images under a lock and schedule one coalescing flush on the caller's main
 * context, which appends a bounded batch of them with a single items-changed
 * (at most every 50 ms) and updates the progress properties, so the first
 * images appear long before the scan ends and no frame gets them all.
 */

#define G_LOG_DOMAIN "lk-dataset"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lk-dataset.h"
#include "lk-dataset-image-private.h"
#include "lk-image-scan.h"
#include "lk-trainer-constraints.h"
#include "lk-util.h"

struct _LkDataset
{
  GObject     parent_instance;

  GPtrArray  *images;          /* (owned) (element-type LkDatasetImage) */
  GHashTable *uris;            /* (owned) URIs of the images, for dedup */
  char       *thumbnail_dir;   /* (owned) */
  guint64     max_pixels;
  gboolean    background;

  guint       n_scans;
  guint       files_found;
  guint       files_done;
};

typedef struct
{
  /* Input, set before any thread starts. */
  LkDataset    *self;           /* (owned) */
  GPtrArray    *roots;          /* (owned) (element-type GFile) */
  char         *thumbnail_dir;  /* (owned) */
  guint64       max_pixels;
  gboolean      background;
  GMainContext *context;        /* (owned) */
  GThreadPool  *pool;           /* (owned) */

  /* Shared with the threads, under @lock. */
  GMutex        lock;
  GPtrArray    *ready;          /* (owned) (element-type LkDatasetImage) */
  guint         found;
  guint         done;
  gboolean      walk_finished;
  gboolean      flush_pending;
  gint64        last_flush;     /* monotonic µs, 0 before the first */

  /* Main thread only. */
  guint         reported_found;
  guint         reported_done;
  gboolean      completed;
} ScanOp;

typedef struct
{
  GFile     *file;   /* (owned) */
  GFileInfo *info;   /* (owned) (nullable) */
} ScanItem;

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_SCANNING,
  PROP_FRACTION,
  PROP_FILES_FOUND,
  PROP_FILES_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A list view builds a widget for each newly visible item in one frame:
 * the images arrive at most this often, and only a few at a time while the
 * first screenful fills, so that no frame builds more than a few tiles.
 * Later images land out of sight and cost the view little, so larger
 * batches keep up with any scan. */
#define FLUSH_INTERVAL_USEC 50000
#define SMALL_BATCH         8
#define SMALL_BATCH_UNTIL   48
#define MAX_BATCH           32

static void schedule_flush_locked (GTask  *task,
                                   ScanOp *op);

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkDataset, lk_dataset, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
lk_dataset_get_item_type (GListModel *model)
{
  return LK_TYPE_DATASET_IMAGE;
}

static guint
lk_dataset_get_n_items (GListModel *model)
{
  return LK_DATASET (model)->images->len;
}

static gpointer
lk_dataset_get_item (GListModel *model,
                     guint       position)
{
  LkDataset *self = LK_DATASET (model);

  if (position >= self->images->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->images, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lk_dataset_get_item_type;
  iface->get_n_items = lk_dataset_get_n_items;
  iface->get_item = lk_dataset_get_item;
}

static void
lk_dataset_finalize (GObject *object)
{
  LkDataset *self = (LkDataset *) object;

  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->uris, g_hash_table_unref);
  g_clear_pointer (&self->thumbnail_dir, g_free);

  G_OBJECT_CLASS (lk_dataset_parent_class)->finalize (object);
}

static void
lk_dataset_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LkDataset *self = LK_DATASET (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->images->len);
      break;

    case PROP_SCANNING:
      g_value_set_boolean (value, lk_dataset_get_scanning (self));
      break;

    case PROP_FRACTION:
      g_value_set_double (value, lk_dataset_get_fraction (self));
      break;

    case PROP_FILES_FOUND:
      g_value_set_uint (value, self->files_found);
      break;

    case PROP_FILES_DONE:
      g_value_set_uint (value, self->files_done);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_dataset_class_init (LkDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_dataset_finalize;
  object_class->get_property = lk_dataset_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCANNING] =
    g_param_spec_boolean ("scanning", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILES_FOUND] =
    g_param_spec_uint ("files-found", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILES_DONE] =
    g_param_spec_uint ("files-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_dataset_init (LkDataset *self)
{
  LkTrainerConstraints defaults;

  lk_trainer_constraints_init_default (&defaults);
  self->images = g_ptr_array_new_with_free_func (g_object_unref);
  self->uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thumbnail_dir = _lk_image_scan_default_thumbnail_dir ();
  self->max_pixels = defaults.max_pixels;
}

/**
 * lk_dataset_new:
 *
 * Returns: (transfer full): an empty dataset
 */
LkDataset *
lk_dataset_new (void)
{
  return g_object_new (LK_TYPE_DATASET, NULL);
}

/**
 * lk_dataset_set_max_pixels:
 * @self: a dataset
 * @max_pixels: images whose header claims more pixels are not decoded
 *
 * Applies to scans started afterwards.
 */
void
lk_dataset_set_max_pixels (LkDataset *self,
                           guint64    max_pixels)
{
  g_return_if_fail (LK_IS_DATASET (self));
  self->max_pixels = max_pixels;
}

/**
 * lk_dataset_set_thumbnail_dir:
 * @self: a dataset
 * @path: the thumbnail cache folder; the default is
 *   `$XDG_CACHE_HOME/likeness/thumbnails`
 */
void
lk_dataset_set_thumbnail_dir (LkDataset  *self,
                              const char *path)
{
  g_return_if_fail (LK_IS_DATASET (self));
  g_return_if_fail (path != NULL);
  lk_set_str (&self->thumbnail_dir, path);
}

/**
 * lk_dataset_set_background:
 * @self: a dataset
 * @background: whether scans yield the CPU to the rest of the process
 *
 * A window sets this, so that its main loop keeps a core while all the
 * others decode photos: scan workers then run at a lower priority (nice
 * +5 on Linux). The default, for the command line, is full speed.
 */
void
lk_dataset_set_background (LkDataset *self,
                           gboolean   background)
{
  g_return_if_fail (LK_IS_DATASET (self));
  self->background = !!background;
}

static void
scan_item_free (ScanItem *item)
{
  g_clear_object (&item->file);
  g_clear_object (&item->info);
  g_free (item);
}

static void
scan_op_free (ScanOp *op)
{
  if (op->pool != NULL)
    g_thread_pool_free (op->pool, TRUE, TRUE);
  g_clear_object (&op->self);
  g_clear_pointer (&op->roots, g_ptr_array_unref);
  g_clear_pointer (&op->thumbnail_dir, g_free);
  g_clear_pointer (&op->context, g_main_context_unref);
  g_clear_pointer (&op->ready, g_ptr_array_unref);
  g_mutex_clear (&op->lock);
  g_free (op);
}

static void
notify_progress (LkDataset *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILES_FOUND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILES_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static gboolean
flush_cb (gpointer user_data)
{
  GTask *task = user_data;
  ScanOp *op = g_task_get_task_data (task);
  LkDataset *self = op->self;
  g_autoptr(GPtrArray) batch = NULL;
  guint found, done, position, added = 0, max_batch;
  gboolean finished;

  max_batch = self->images->len < SMALL_BATCH_UNTIL ? SMALL_BATCH : MAX_BATCH;

  g_mutex_lock (&op->lock);
  if (op->ready->len <= max_batch)
    {
      batch = g_steal_pointer (&op->ready);
      op->ready = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      /* The rest follows with the next flush. */
      batch = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < max_batch; i++)
        g_ptr_array_add (batch, g_object_ref (g_ptr_array_index (op->ready, i)));
      g_ptr_array_remove_range (op->ready, 0, max_batch);
    }
  found = op->found;
  done = op->done;
  finished = op->walk_finished && op->done == op->found && op->ready->len == 0;
  op->flush_pending = FALSE;
  op->last_flush = g_get_monotonic_time ();
  if (op->ready->len > 0 && !op->completed)
    schedule_flush_locked (task, op);
  g_mutex_unlock (&op->lock);

  if (op->completed)
    return G_SOURCE_REMOVE;

  position = self->images->len;
  for (guint i = 0; i < batch->len; i++)
    {
      LkDatasetImage *image = g_ptr_array_index (batch, i);
      char *uri = g_file_get_uri (lk_dataset_image_get_file (image));

      /* The same file given twice, or reached through two links. */
      if (!g_hash_table_add (self->uris, uri))
        continue;
      g_ptr_array_add (self->images, g_object_ref (image));
      added++;
    }

  self->files_found += found - op->reported_found;
  self->files_done += done - op->reported_done;
  op->reported_found = found;
  op->reported_done = done;

  if (added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  notify_progress (self);

  if (finished)
    {
      op->completed = TRUE;
      self->n_scans--;
      if (self->n_scans == 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);

      if (!g_task_return_error_if_cancelled (task))
        g_task_return_boolean (task, TRUE);

      /* The reference that kept the scan alive while workers ran. */
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

/* Any thread. Call with @op->lock held. */
static void
schedule_flush_locked (GTask  *task,
                       ScanOp *op)
{
  g_autoptr(GSource) source = NULL;
  gint64 wait;

  if (op->flush_pending)
    return;
  op->flush_pending = TRUE;

  wait = op->last_flush == 0 ? 0 : op->last_flush + FLUSH_INTERVAL_USEC - g_get_monotonic_time ();
  if (wait > 0)
    source = g_timeout_source_new ((guint) ((wait + 999) / 1000));
  else
    source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, flush_cb, g_object_ref (task), g_object_unref);
  g_source_set_name (source, "[likeness] dataset scan flush");
  g_source_attach (source, op->context);
}

/* In the background, workers yield to the thread that draws the window: on
 * a machine with as many workers as cores, a worker at the same priority
 * takes the core from the main loop for whole time slices. Linux gives each
 * thread its own nice value. The pool's threads are shared, so the old
 * value is put back after each image; where that is not allowed
 * (RLIMIT_NICE), the thread stays at the process's value plus the
 * increment, never lower. */
#define WORKER_NICE_INCREMENT 5

static int
lower_thread_priority (void)
{
#ifdef SYS_gettid
  id_t tid = (id_t) syscall (SYS_gettid);
  int old, base, target;

  errno = 0;
  old = getpriority (PRIO_PROCESS, tid);
  if (errno != 0)
    return G_MININT;
  base = getpriority (PRIO_PROCESS, (id_t) getpid ());
  if (errno != 0)
    base = old;
  target = MIN (19, base + WORKER_NICE_INCREMENT);
  if (old >= target || setpriority (PRIO_PROCESS, tid, target) != 0)
    return G_MININT;
  return old;
#else
  return G_MININT;
#endif
}

static void
restore_thread_priority (int old)
{
#ifdef SYS_gettid
  if (old != G_MININT)
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), old);
#endif
}

static void
scan_worker (gpointer data,
             gpointer user_data)
{
  ScanItem *item = data;
  GTask *task = user_data;
  ScanOp *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  LkDatasetImage *image = NULL;
  int old_priority = op->background ? lower_thread_priority () : G_MININT;

  if (!g_cancellable_is_cancelled (cancellable))
    image = _lk_image_scan (item->file, item->info, op->thumbnail_dir, op->max_pixels, cancellable);

  restore_thread_priority (old_priority);

  g_mutex_lock (&op->lock);
  if (image != NULL)
    g_ptr_array_add (op->ready, image);
  op->done++;
  schedule_flush_locked (task, op);
  g_mutex_unlock (&op->lock);

  scan_item_free (item);
}

static void
submit (GTask     *task,
        ScanOp    *op,
        GFile     *file,
        GFileInfo *info)
{
  ScanItem *item = g_new0 (ScanItem, 1);

  item->file = g_object_ref (file);
  item->info = info != NULL ? g_object_ref (info) : NULL;

  g_mutex_lock (&op->lock);
  op->found++;
  schedule_flush_locked (task, op);
  g_mutex_unlock (&op->lock);

  g_thread_pool_push (op->pool, item, NULL);
}

static char *
file_key (GFileInfo *info)
{
  if (!g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_INODE))
    return NULL;
  return g_strdup_printf ("%u:%" G_GUINT64_FORMAT,
                          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *ia = *(GFileInfo **) a;
  GFileInfo *ib = *(GFileInfo **) b;

  return g_strcmp0 (g_file_info_get_name (ia), g_file_info_get_name (ib));
}

static void
walk (GTask      *task,
      ScanOp     *op,
      GFile      *file,
      GFileInfo  *info,
      gboolean    explicit,
      GHashTable *visited)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  GFileInfo *child_info;

  if (g_cancellable_is_cancelled (cancellable))
    return;

  /* Symlinks are followed, so each directory and file is identified by its
   * device and inode: a link back to an ancestor is then seen once. */
  key = file_key (info);
  if (key != NULL && !g_hash_table_add (visited, g_steal_pointer (&key)))
    return;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      if (explicit || _lk_image_scan_has_image_extension (g_file_info_get_name (info)))
        submit (task, op, file, info);
      return;
    }

  enumerator = g_file_enumerate_children (file, LK_IMAGE_SCAN_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                          cancellable, &error);
  if (enumerator == NULL)
    {
      g_debug ("Skipping folder %s: %s", g_file_peek_path (file), error->message);
      return;
    }

  children = g_ptr_array_new_with_free_func (g_object_unref);
  while ((child_info = g_file_enumerator_next_file (enumerator, cancellable, &error)) != NULL)
    {
      const char *name = g_file_info_get_name (child_info);

      if (name[0] == '.')
        g_object_unref (child_info);
      else
        g_ptr_array_add (children, child_info);
    }
  if (error != NULL)
    g_debug ("Stopped listing %s: %s", g_file_peek_path (file), error->message);

  g_ptr_array_sort (children, compare_infos);
  for (guint i = 0; i < children->len; i++)
    {
      GFileInfo *ci = g_ptr_array_index (children, i);
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (ci));

      walk (task, op, child, ci, FALSE, visited);
    }
}

static void
walk_thread (GTask        *walk_task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GTask *task = task_data;
  ScanOp *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < op->roots->len; i++)
    {
      GFile *root = g_ptr_array_index (op->roots, i);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;

      info = g_file_query_info (root, LK_IMAGE_SCAN_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                cancellable, &error);
      if (info == NULL)
        {
          /* The worker records why it cannot be read. */
          submit (task, op, root, NULL);
          continue;
        }
      walk (task, op, root, info, TRUE, visited);
    }

  g_mutex_lock (&op->lock);
  op->walk_finished = TRUE;
  schedule_flush_locked (task, op);
  g_mutex_unlock (&op->lock);

  g_task_return_boolean (walk_task, TRUE);
}

/**
 * lk_dataset_add_files_async:
 * @self: a dataset
 * @files: (array length=n_files): images and folders; folders are walked
 *   recursively, following symlinks but never twice into one folder
 * @n_files: the number of @files
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every file has been read
 * @user_data: data for @callback
 *
 * Images are added to the model as they are read, in batches, on the
 * thread-default main context of the caller. Files that cannot be used are
 * added too, with a problem that lk_dataset_check() reports.
 */
void
lk_dataset_add_files_async (LkDataset           *self,
                            GFile * const       *files,
                            guint                n_files,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) walk_task = NULL;
  ScanOp *op;

  g_return_if_fail (LK_IS_DATASET (self));
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_dataset_add_files_async);

  op = g_new0 (ScanOp, 1);
  g_mutex_init (&op->lock);
  op->self = g_object_ref (self);
  op->roots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (op->roots, g_object_ref (files[i]));
  op->thumbnail_dir = g_strdup (self->thumbnail_dir);
  op->max_pixels = self->max_pixels;
  op->background = self->background;
  op->context = g_main_context_ref_thread_default ();
  op->ready = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, op, (GDestroyNotify) scan_op_free);

  /* Reading a photo is mostly decoding and hashing: one worker per core. */
  op->pool = g_thread_pool_new (scan_worker, task, (int) MAX (1, g_get_num_processors ()),
                                FALSE, NULL);

  if (self->n_scans++ == 0)
    {
      self->files_found = 0;
      self->files_done = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
      notify_progress (self);
    }

  /* Workers use the task without holding a reference; this one is
   * dropped by the flush that sees the last of them finish. */
  g_object_ref (task);

  walk_task = g_task_new (NULL, cancellable, NULL, NULL);
  g_task_set_source_tag (walk_task, walk_thread);
  g_task_set_task_data (walk_task, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (walk_task, walk_thread);
}

/**
 * lk_dataset_add_files_finish:
 * @self: a dataset
 * @result: the result
 * @error: a #GError; %G_IO_ERROR_CANCELLED after a cancel
 *
 * Returns: %TRUE once every file was read
 */
gboolean
lk_dataset_add_files_finish (LkDataset     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lk_dataset_remove:
 * @self: a dataset
 * @image: an image of @self
 *
 * Removes the image from the dataset (never the file from the disk).
 *
 * Returns: %TRUE if @image was in the dataset
 */
gboolean
lk_dataset_remove (LkDataset      *self,
                   LkDatasetImage *image)
{
  g_autofree char *uri = NULL;
  guint position;

  g_return_val_if_fail (LK_IS_DATASET (self), FALSE);
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (image), FALSE);

  if (!g_ptr_array_find (self->images, image, &position))
    return FALSE;

  uri = g_file_get_uri (lk_dataset_image_get_file (image));
  g_hash_table_remove (self->uris, uri);
  g_ptr_array_remove_index (self->images, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

void
lk_dataset_clear (LkDataset *self)
{
  guint n;

  g_return_if_fail (LK_IS_DATASET (self));

  n = self->images->len;
  if (n == 0)
    return;
  g_ptr_array_set_size (self->images, 0);
  g_hash_table_remove_all (self->uris);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
lk_dataset_get_scanning (LkDataset *self)
{
  g_return_val_if_fail (LK_IS_DATASET (self), FALSE);
  return self->n_scans > 0;
}

/**
 * lk_dataset_get_fraction:
 * @self: a dataset
 *
 * Returns: the share of found files already read, 1.0 when idle. While
 *   folders are still being walked, it can move back as files are found.
 */
double
lk_dataset_get_fraction (LkDataset *self)
{
  g_return_val_if_fail (LK_IS_DATASET (self), 0.0);
  if (self->files_found == 0)
    return self->n_scans > 0 ? 0.0 : 1.0;
  return (double) self->files_done / self->files_found;
}

guint
lk_dataset_get_files_found (LkDataset *self)
{
  g_return_val_if_fail (LK_IS_DATASET (self), 0);
  return self->files_found;
}

guint
lk_dataset_get_files_done (LkDataset *self)
{
  g_return_val_if_fail (LK_IS_DATASET (self), 0);
  return self->files_done;
}
