/* lk-packer.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the dataset as a ZIP of stored entries with libarchive, in a
 * worker thread, as a stream: to a file, or into a bounded pipe that an
 * upload reads at the same time. Each image is mapped, its metadata
 * dropped by writing only the kept byte ranges (no copy), and its caption
 * written next to it. Only images with an EXIF rotation to bake, or larger
 * than the chosen maximum side, are decoded and re-encoded.
 *
 * The packer snapshots the images on the main thread when an operation
 * starts, so the worker never touches an object the UI watches.
 */

#define G_LOG_DOMAIN "lk-packer"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-dataset-image-private.h"
#include "lk-error.h"
#include "lk-image-decode.h"
#include "lk-pack-manifest-private.h"
#include "lk-pack-names.h"
#include "lk-pack-payload.h"
#include "lk-pack-stream.h"
#include "lk-packer.h"

/* 2020-01-01 00:00 UTC on every entry: equal input gives an equal ZIP. */
#define ENTRY_MTIME 1577836800
#define STREAM_CAPACITY (4 * 1024 * 1024)

struct _LkPacker
{
  GObject     parent_instance;

  GListModel *images;          /* (owned) */
  gboolean    keep_metadata;
  guint       max_side;

  double      fraction;
  guint64     bytes_written;
};

typedef struct
{
  LkDatasetImage  *image;          /* (owned) only ref'd off the main thread */
  GFile           *file;           /* (owned) */
  char            *sha256;         /* (owned) */
  guint64          size;
  LkImageInfo      info;
  char            *caption;        /* (owned) (nullable) */
  char            *name;           /* (owned) image entry name */
  char            *caption_name;   /* (owned) */
  char            *skip_reason;    /* (owned) (nullable) translated */
  LkPackTransform  transform;
  gboolean         reencode;
  gboolean         usable;
} PackItem;

typedef struct
{
  /* Input, fixed at the start. */
  LkPacker       *self;            /* (owned) */
  GPtrArray      *items;           /* (owned) (element-type PackItem) */
  gboolean        keep_metadata;
  guint           max_side;
  char           *content_key;     /* (owned) */
  guint64         expected_bytes;
  GFile          *destination;     /* (owned) (nullable) */
  LkPackStream   *stream;          /* (owned) (nullable) */
  GMainContext   *context;         /* (owned) */

  /* Worker state. */
  GOutputStream  *output;          /* (owned) (nullable) */
  GCancellable   *cancellable;     /* (unowned) */
  GError         *sink_error;      /* (owned) (nullable) */
  gboolean        abandoned;       /* the pack failed: refuse every write */
  guint64         written;

  /* Progress, under @lock. */
  GMutex          lock;
  guint64         progress_bytes;
  gboolean        progress_pending;
} PackOp;

enum {
  PROP_0,
  PROP_KEEP_METADATA,
  PROP_MAX_SIDE,
  PROP_FRACTION,
  PROP_BYTES_WRITTEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkPacker, lk_packer, G_TYPE_OBJECT)

static void
pack_item_free (PackItem *item)
{
  g_clear_object (&item->image);
  g_clear_object (&item->file);
  g_free (item->sha256);
  g_free (item->caption);
  g_free (item->name);
  g_free (item->caption_name);
  g_free (item->skip_reason);
  g_free (item);
}

static void
pack_op_free (PackOp *op)
{
  g_clear_object (&op->self);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_clear_pointer (&op->content_key, g_free);
  g_clear_object (&op->destination);
  g_clear_object (&op->stream);
  g_clear_object (&op->output);
  g_clear_pointer (&op->context, g_main_context_unref);
  g_clear_error (&op->sink_error);
  g_mutex_clear (&op->lock);
  g_free (op);
}

static void
lk_packer_finalize (GObject *object)
{
  LkPacker *self = (LkPacker *) object;

  g_clear_object (&self->images);

  G_OBJECT_CLASS (lk_packer_parent_class)->finalize (object);
}

static void
lk_packer_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkPacker *self = LK_PACKER (object);

  switch (prop_id)
    {
    case PROP_KEEP_METADATA:
      g_value_set_boolean (value, self->keep_metadata);
      break;

    case PROP_MAX_SIDE:
      g_value_set_uint (value, self->max_side);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_BYTES_WRITTEN:
      g_value_set_uint64 (value, self->bytes_written);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_packer_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LkPacker *self = LK_PACKER (object);

  switch (prop_id)
    {
    case PROP_KEEP_METADATA:
      lk_packer_set_keep_metadata (self, g_value_get_boolean (value));
      break;

    case PROP_MAX_SIDE:
      lk_packer_set_max_side (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_packer_class_init (LkPackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_packer_finalize;
  object_class->get_property = lk_packer_get_property;
  object_class->set_property = lk_packer_set_property;

  properties[PROP_KEEP_METADATA] =
    g_param_spec_boolean ("keep-metadata", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_SIDE] =
    g_param_spec_uint ("max-side", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BYTES_WRITTEN] =
    g_param_spec_uint64 ("bytes-written", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_packer_init (LkPacker *self)
{
}

/**
 * lk_packer_new:
 * @images: a #GListModel of #LkDatasetImage, usually an #LkDataset
 *
 * Returns: (transfer full): a packer that strips metadata and keeps sizes
 */
LkPacker *
lk_packer_new (GListModel *images)
{
  LkPacker *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (images), NULL);

  self = g_object_new (LK_TYPE_PACKER, NULL);
  self->images = g_object_ref (images);
  return self;
}

void
lk_packer_set_keep_metadata (LkPacker *self,
                             gboolean  keep_metadata)
{
  g_return_if_fail (LK_IS_PACKER (self));

  keep_metadata = !!keep_metadata;
  if (self->keep_metadata == keep_metadata)
    return;
  self->keep_metadata = keep_metadata;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_METADATA]);
}

gboolean
lk_packer_get_keep_metadata (LkPacker *self)
{
  g_return_val_if_fail (LK_IS_PACKER (self), FALSE);
  return self->keep_metadata;
}

/**
 * lk_packer_set_max_side:
 * @self: a packer
 * @max_side: the longest side in pixels of a packed image; larger images
 *   are re-encoded smaller. 0 keeps every size.
 */
void
lk_packer_set_max_side (LkPacker *self,
                        guint     max_side)
{
  g_return_if_fail (LK_IS_PACKER (self));

  if (self->max_side == max_side)
    return;
  self->max_side = max_side;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SIDE]);
}

guint
lk_packer_get_max_side (LkPacker *self)
{
  g_return_val_if_fail (LK_IS_PACKER (self), 0);
  return self->max_side;
}

double
lk_packer_get_fraction (LkPacker *self)
{
  g_return_val_if_fail (LK_IS_PACKER (self), 0.0);
  return self->fraction;
}

guint64
lk_packer_get_bytes_written (LkPacker *self)
{
  g_return_val_if_fail (LK_IS_PACKER (self), 0);
  return self->bytes_written;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const PackItem *ia = *(PackItem **) a;
  const PackItem *ib = *(PackItem **) b;
  g_autofree char *ua = g_file_get_uri (ia->file);
  g_autofree char *ub = g_file_get_uri (ib->file);

  return g_strcmp0 (ua, ub);
}

static const char *
output_extension (const PackItem *item)
{
  if (item->reencode && item->info.format != LK_IMAGE_FORMAT_PNG)
    return "jpg";
  return lk_image_format_get_extension (item->info.format);
}

/* The formats fal's trainers read from a ZIP. */
static gboolean
trainer_format (LkImageFormat format)
{
  return format == LK_IMAGE_FORMAT_JPEG || format == LK_IMAGE_FORMAT_PNG ||
         format == LK_IMAGE_FORMAT_WEBP;
}

/* Main thread: copies what the worker needs, names the entries and
 * computes the content key. */
static PackOp *
pack_op_new (LkPacker *self)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GChecksum) key = g_checksum_new (G_CHECKSUM_SHA256);
  PackOp *op = g_new0 (PackOp, 1);
  guint n = g_list_model_get_n_items (self->images);
  char options[64];

  g_mutex_init (&op->lock);
  op->self = g_object_ref (self);
  op->keep_metadata = self->keep_metadata;
  op->max_side = self->max_side;
  op->context = g_main_context_ref_thread_default ();
  op->items = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_item_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkDatasetImage) image = g_list_model_get_item (self->images, i);
      PackItem *item = g_new0 (PackItem, 1);
      gboolean decodable;
      guint long_side;

      item->image = g_object_ref (image);
      item->file = g_object_ref (image->file);
      item->sha256 = g_strdup (image->sha256);
      item->size = image->size;
      item->info = image->info;
      item->caption = g_strdup (image->caption);
      item->usable = image->problem == LK_IMAGE_PROBLEM_NONE && image->info.size_known;
      if (!item->usable)
        item->skip_reason = g_strdup (image->problem_message);
      else if (!trainer_format (item->info.format))
        {
          item->usable = FALSE;
          /* Translators: %s is an image format such as GIF. */
          item->skip_reason = g_strdup_printf (_("%s images are not accepted for training. "
                                                 "Convert this one to JPEG or PNG."),
                                               lk_image_format_get_name (item->info.format));
        }

      decodable = item->usable && _lk_image_can_decode (item->info.format);
      long_side = MAX (item->info.width, item->info.height);
      if (decodable && item->info.orientation != 1 && (!op->keep_metadata || image->bake_rotation))
        item->transform |= LK_PACK_TRANSFORM_ROTATED;
      if (decodable && op->max_side > 0 && long_side > op->max_side)
        item->transform |= LK_PACK_TRANSFORM_RESIZED;
      item->reencode = item->transform != LK_PACK_TRANSFORM_NONE;
      /* A re-encode drops the EXIF orientation, so it always bakes it. */
      if (item->reencode && item->info.orientation != 1)
        item->transform |= LK_PACK_TRANSFORM_ROTATED;

      g_ptr_array_add (op->items, item);
    }

  g_ptr_array_sort (op->items, compare_items);

  g_snprintf (options, sizeof options, "likeness-zip-1 keep=%d max=%u\n",
              op->keep_metadata, op->max_side);
  g_checksum_update (key, (const guchar *) options, -1);

  for (guint i = 0; i < op->items->len; i++)
    {
      PackItem *item = g_ptr_array_index (op->items, i);
      g_autofree char *base = NULL;
      g_autofree char *stem = NULL;
      g_autofree char *unique = NULL;
      char flags[16];

      if (!item->usable)
        continue;

      base = g_file_get_basename (item->file);
      stem = _lk_pack_name_stem (base);
      unique = _lk_pack_name_unique (used, stem);
      item->name = g_strconcat (unique, ".", output_extension (item), NULL);
      item->caption_name = g_strconcat (unique, ".txt", NULL);
      op->expected_bytes += item->size + (item->caption != NULL ? strlen (item->caption) : 0);

      g_snprintf (flags, sizeof flags, "%u", item->transform);
      g_checksum_update (key, (const guchar *) item->name, -1);
      g_checksum_update (key, (const guchar *) "", 1);
      g_checksum_update (key, (const guchar *) item->sha256, -1);
      g_checksum_update (key, (const guchar *) flags, -1);
      g_checksum_update (key, (const guchar *) "", 1);
      if (item->caption != NULL)
        {
          g_checksum_update (key, (const guchar *) "c", 1);
          g_checksum_update (key, (const guchar *) item->caption, -1);
        }
      g_checksum_update (key, (const guchar *) "\n", 1);
    }

  op->content_key = g_strdup (g_checksum_get_string (key));
  return op;
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  PackOp *op = g_task_get_task_data (task);
  LkPacker *self = op->self;
  guint64 bytes;

  g_mutex_lock (&op->lock);
  bytes = op->progress_bytes;
  op->progress_pending = FALSE;
  g_mutex_unlock (&op->lock);

  self->bytes_written = bytes;
  self->fraction = op->expected_bytes > 0 ? MIN (1.0, (double) bytes / op->expected_bytes) : 1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_WRITTEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);

  return G_SOURCE_REMOVE;
}

static void
report_progress (GTask  *task,
                 PackOp *op)
{
  g_autoptr(GSource) source = NULL;

  g_mutex_lock (&op->lock);
  op->progress_bytes = op->written;
  if (!op->progress_pending)
    {
      op->progress_pending = TRUE;
      /* Default priority, so the last update lands before the task's
       * callback, which is queued after it at the same priority. */
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, progress_idle_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (source, op->context);
    }
  g_mutex_unlock (&op->lock);
}

static la_ssize_t
sink_write_cb (struct archive *archive,
               void           *client_data,
               const void     *buffer,
               size_t          length)
{
  PackOp *op = client_data;

  if (op->sink_error != NULL || op->abandoned)
    return -1;

  if (op->stream != NULL)
    {
      if (!_lk_pack_stream_push (op->stream, buffer, length, op->cancellable, &op->sink_error))
        return -1;
    }
  else if (!g_output_stream_write_all (op->output, buffer, length, NULL, op->cancellable,
                                       &op->sink_error))
    return -1;

  op->written += length;
  return (la_ssize_t) length;
}

static gboolean
archive_failed (PackOp          *op,
                struct archive  *archive,
                GError         **error)
{
  if (op->sink_error != NULL)
    g_propagate_error (error, g_steal_pointer (&op->sink_error));
  else
    g_set_error (error, LK_ARCHIVE_ERROR, LK_ARCHIVE_ERROR_FAILED,
                 /* Translators: %s is libarchive's explanation. */
                 _("The archive could not be written: %s"),
                 archive_error_string (archive) != NULL ? archive_error_string (archive) : "");
  return FALSE;
}

static gboolean
write_entry (PackOp          *op,
             struct archive  *archive,
             const char      *name,
             LkPackPayload   *payload,
             guint64          size,
             GError         **error)
{
  struct archive_entry *entry = archive_entry_new ();
  int r;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) size);
  archive_entry_set_mtime (entry, ENTRY_MTIME, 0);
  r = archive_write_header (archive, entry);
  archive_entry_free (entry);
  if (r != ARCHIVE_OK)
    return archive_failed (op, archive, error);

  for (guint i = 0; i < _lk_pack_payload_get_n_pieces (payload); i++)
    {
      LkStripPiece piece = _lk_pack_payload_get_piece (payload, i);
      gsize done = 0;

      while (done < piece.length)
        {
          la_ssize_t n = archive_write_data (archive, piece.data + done, piece.length - done);

          if (n <= 0)
            return archive_failed (op, archive, error);
          done += (gsize) n;
        }
    }

  if (archive_write_finish_entry (archive) != ARCHIVE_OK)
    return archive_failed (op, archive, error);

  return TRUE;
}

/* Runs the plan (@archive NULL) or the pack. */
static LkPackManifest *
run (GTask           *task,
     PackOp          *op,
     struct archive  *archive,
     GError         **error)
{
  g_autoptr(LkPackManifest) manifest = _lk_pack_manifest_new (op->keep_metadata, op->max_side);
  gboolean dry_run = archive == NULL;

  _lk_pack_manifest_set_content_key (manifest, op->content_key);

  for (guint i = 0; i < op->items->len; i++)
    {
      PackItem *item = g_ptr_array_index (op->items, i);
      g_auto(LkPackSource) source = { 0 };
      g_auto(LkPackPayload) payload = { 0 };
      LkPackRecipe recipe = { item->info, item->size, item->transform, op->keep_metadata, op->max_side };
      LkPackEntry *entry;

      if (g_cancellable_set_error_if_cancelled (op->cancellable, error))
        return NULL;

      if (!item->usable)
        {
          _lk_pack_manifest_add_skipped (manifest, item->image, item->skip_reason);
          continue;
        }

      entry = _lk_pack_manifest_add_entry (manifest, item->name, LK_PACK_ENTRY_IMAGE, item->image);

      /* A plan of a re-encode needs no bytes; everything else is mapped. */
      if ((!dry_run || !item->reencode) && !_lk_pack_source_open (&source, item->file, item->size, error))
        return NULL;
      if (!_lk_pack_payload_prepare (&payload, &recipe, &source, dry_run, entry, error))
        {
          g_prefix_error (error, "%s: ", lk_dataset_image_get_display_name (item->image));
          return NULL;
        }

      if (!dry_run && !write_entry (op, archive, item->name, &payload, entry->size, error))
        return NULL;

      if (item->caption != NULL)
        {
          g_auto(LkPackPayload) text = { 0 };
          gsize length = strlen (item->caption);
          LkPackEntry *caption_entry;

          caption_entry = _lk_pack_manifest_add_entry (manifest, item->caption_name,
                                                       LK_PACK_ENTRY_CAPTION, item->image);
          caption_entry->size = length;
          text.whole.data = (const guint8 *) item->caption;
          text.whole.length = length;
          if (!dry_run && !write_entry (op, archive, item->caption_name, &text, length, error))
            return NULL;
        }

      if (!dry_run)
        report_progress (task, op);
    }

  return g_steal_pointer (&manifest);
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PackOp *op = task_data;
  GError *error = NULL;
  LkPackManifest *manifest;

  op->cancellable = cancellable;
  manifest = run (task, op, NULL, &error);
  if (manifest == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, manifest, g_object_unref);
}

static gboolean
open_output (PackOp        *op,
             GFile        **partial,
             GError       **error)
{
  g_autofree char *base = g_file_get_basename (op->destination);
  g_autofree char *partial_name = g_strconcat (".", base, ".partial", NULL);
  g_autoptr(GFile) parent = g_file_get_parent (op->destination);

  /* Written beside the destination and moved over it at the end, so a
   * failed or cancelled pack never leaves a half ZIP under the real name. */
  *partial = parent != NULL ? g_file_get_child (parent, partial_name) : g_file_new_for_path (partial_name);
  op->output = G_OUTPUT_STREAM (g_file_replace (*partial, NULL, FALSE, G_FILE_CREATE_NONE,
                                                op->cancellable, error));
  return op->output != NULL;
}

static void
pack_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PackOp *op = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) partial = NULL;
  g_autoptr(LkPackManifest) manifest = NULL;
  struct archive *archive = NULL;

  op->cancellable = cancellable;

  if (op->destination != NULL && !open_output (op, &partial, &error))
    goto failed;

  archive = archive_write_new ();
  if (archive_write_set_format_zip (archive) != ARCHIVE_OK ||
      archive_write_set_format_option (archive, "zip", "compression", "store") != ARCHIVE_OK ||
      archive_write_set_bytes_per_block (archive, 0) != ARCHIVE_OK ||
      archive_write_open2 (archive, op, NULL, sink_write_cb, NULL, NULL) != ARCHIVE_OK)
    {
      archive_failed (op, archive, &error);
      goto failed;
    }

  manifest = run (task, op, archive, &error);
  if (manifest == NULL)
    goto failed;

  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      archive_failed (op, archive, &error);
      g_clear_object (&manifest);
      goto failed;
    }
  archive_write_free (archive);
  archive = NULL;

  if (op->output != NULL)
    {
      if (!g_output_stream_close (op->output, cancellable, &error) ||
          !g_file_move (partial, op->destination, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &error))
        goto failed;
    }

  if (op->stream != NULL)
    _lk_pack_stream_finish (op->stream, NULL);

  _lk_pack_manifest_set_exact (manifest, op->written);
  report_progress (task, op);
  g_task_return_pointer (task, g_steal_pointer (&manifest), g_object_unref);
  return;

failed:
  if (archive != NULL)
    {
      /* Closing with every write refused frees libarchive's state without
       * writing a central directory; archive_write_fail() would leak the
       * client filter instead. */
      op->abandoned = TRUE;
      archive_write_close (archive);
      archive_write_free (archive);
    }
  if (op->output != NULL)
    g_output_stream_close (op->output, NULL, NULL);
  if (partial != NULL)
    g_file_delete (partial, NULL, NULL);
  if (op->stream != NULL)
    _lk_pack_stream_finish (op->stream, error);
  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * lk_packer_plan_async:
 * @self: a packer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the plan
 * @user_data: data for @callback
 *
 * Works out exactly what a pack would write, without writing: entry names,
 * what is stripped, and sizes (exact, except for re-encoded images).
 * Finish with lk_packer_plan_finish().
 */
void
lk_packer_plan_async (LkPacker            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_PACKER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_packer_plan_async);
  g_task_set_task_data (task, pack_op_new (self), (GDestroyNotify) pack_op_free);
  g_task_run_in_thread (task, plan_thread);
}

/**
 * lk_packer_plan_finish:
 * @self: a packer
 * @result: the result
 * @error: a #GError
 *
 * Returns: (transfer full): the planned manifest
 */
LkPackManifest *
lk_packer_plan_finish (LkPacker      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_packer_plan_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lk_packer_pack_to_file_async:
 * @self: a packer
 * @destination: the ZIP to write; replaced only when the pack succeeds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the ZIP is complete
 * @user_data: data for @callback
 *
 * Finish with lk_packer_pack_finish().
 */
void
lk_packer_pack_to_file_async (LkPacker            *self,
                              GFile               *destination,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PackOp *op;

  g_return_if_fail (LK_IS_PACKER (self));
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_packer_pack_to_file_async);
  op = pack_op_new (self);
  op->destination = g_object_ref (destination);
  g_task_set_task_data (task, op, (GDestroyNotify) pack_op_free);
  g_task_run_in_thread (task, pack_thread);
}

/**
 * lk_packer_pack_to_stream_async:
 * @self: a packer
 * @cancellable: (nullable): a #GCancellable; also stops the stream
 * @callback: called when the whole ZIP has been handed to the stream
 * @user_data: data for @callback
 *
 * Starts packing into a stream that an upload reads while the ZIP is being
 * written. At most a few megabytes wait in memory: the packer pauses until
 * the reader catches up. If the pack fails, the reader gets the error after
 * the bytes already written. Closing the stream early stops the pack.
 * Finish with lk_packer_pack_finish().
 *
 * Returns: (transfer full): the stream to read the ZIP from
 */
GInputStream *
lk_packer_pack_to_stream_async (LkPacker            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PackOp *op;

  g_return_val_if_fail (LK_IS_PACKER (self), NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_packer_pack_to_file_async);
  op = pack_op_new (self);
  op->stream = _lk_pack_stream_new (STREAM_CAPACITY);
  g_task_set_task_data (task, op, (GDestroyNotify) pack_op_free);
  g_task_run_in_thread (task, pack_thread);

  return G_INPUT_STREAM (g_object_ref (op->stream));
}

/**
 * lk_packer_pack_finish:
 * @self: a packer
 * @result: the result
 * @error: a #GError
 *
 * Returns: (transfer full): the exact manifest of the written ZIP
 */
LkPackManifest *
lk_packer_pack_finish (LkPacker      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_packer_pack_to_file_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
