/* lk-pack-manifest.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a pack puts in the ZIP. A plan (lk_packer_plan_async) gives it before
 * anything is written, with exact sizes except for re-encoded images; the
 * pack itself returns the exact one.
 */

#define G_LOG_DOMAIN "lk-pack-manifest"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-pack-manifest-private.h"

struct _LkPackManifest
{
  GObject    parent_instance;

  GArray    *entries;        /* (owned) (element-type LkPackEntry) */
  GPtrArray *skipped;        /* (owned) (element-type LkDatasetImage) */
  GPtrArray *skip_reasons;   /* (owned) (element-type utf8) translated */
  gboolean   exact;
  gboolean   keep_metadata;
  guint      max_side;
  guint64    archive_size;   /* 0 until exact */
  char      *content_key;    /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (LkPackManifest, lk_pack_manifest, G_TYPE_OBJECT)

static void
clear_entry (gpointer data)
{
  LkPackEntry *entry = data;

  g_clear_pointer (&entry->name, g_free);
  g_clear_object (&entry->image);
}

static void
lk_pack_manifest_finalize (GObject *object)
{
  LkPackManifest *self = (LkPackManifest *) object;

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->skip_reasons, g_ptr_array_unref);
  g_clear_pointer (&self->content_key, g_free);

  G_OBJECT_CLASS (lk_pack_manifest_parent_class)->finalize (object);
}

static void
lk_pack_manifest_class_init (LkPackManifestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_pack_manifest_finalize;
}

static void
lk_pack_manifest_init (LkPackManifest *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (LkPackEntry));
  g_array_set_clear_func (self->entries, clear_entry);
  self->skipped = g_ptr_array_new_with_free_func (g_object_unref);
  self->skip_reasons = g_ptr_array_new_with_free_func (g_free);
}

LkPackManifest *
_lk_pack_manifest_new (gboolean keep_metadata,
                       guint    max_side)
{
  LkPackManifest *self = g_object_new (LK_TYPE_PACK_MANIFEST, NULL);

  self->keep_metadata = keep_metadata;
  self->max_side = max_side;
  return self;
}

/* The returned pointer is valid until the next entry is added. */
LkPackEntry *
_lk_pack_manifest_add_entry (LkPackManifest  *self,
                             const char      *name,
                             LkPackEntryKind  kind,
                             LkDatasetImage  *image)
{
  LkPackEntry entry = { 0 };

  entry.name = g_strdup (name);
  entry.kind = kind;
  entry.image = g_object_ref (image);
  entry.size_exact = TRUE;
  g_array_append_val (self->entries, entry);
  return &g_array_index (self->entries, LkPackEntry, self->entries->len - 1);
}

void
_lk_pack_manifest_add_skipped (LkPackManifest *self,
                               LkDatasetImage *image,
                               const char     *reason)
{
  g_ptr_array_add (self->skipped, g_object_ref (image));
  g_ptr_array_add (self->skip_reasons, g_strdup (reason != NULL ? reason : ""));
}

void
_lk_pack_manifest_set_exact (LkPackManifest *self,
                             guint64         archive_size)
{
  self->exact = TRUE;
  self->archive_size = archive_size;
}

void
_lk_pack_manifest_set_content_key (LkPackManifest *self,
                                   const char     *key)
{
  g_free (self->content_key);
  self->content_key = g_strdup (key);
}

guint
lk_pack_manifest_get_n_entries (LkPackManifest *self)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), 0);
  return self->entries->len;
}

/**
 * lk_pack_manifest_get_entry:
 * @self: a manifest
 * @index: an entry index
 *
 * Returns: (transfer none): the entry, in ZIP order
 */
const LkPackEntry *
lk_pack_manifest_get_entry (LkPackManifest *self,
                            guint           index)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, LkPackEntry, index);
}

/**
 * lk_pack_manifest_find_entry:
 * @self: a manifest
 * @name: an entry name
 *
 * Returns: (transfer none) (nullable): the entry called @name
 */
const LkPackEntry *
lk_pack_manifest_find_entry (LkPackManifest *self,
                             const char     *name)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const LkPackEntry *entry = &g_array_index (self->entries, LkPackEntry, i);

      if (g_str_equal (entry->name, name))
        return entry;
    }
  return NULL;
}

guint
lk_pack_manifest_get_n_skipped (LkPackManifest *self)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), 0);
  return self->skipped->len;
}

/**
 * lk_pack_manifest_get_skipped:
 * @self: a manifest
 * @index: an index
 *
 * Returns: (transfer none): an image left out because it cannot be used
 */
LkDatasetImage *
lk_pack_manifest_get_skipped (LkPackManifest *self,
                              guint           index)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), NULL);
  g_return_val_if_fail (index < self->skipped->len, NULL);
  return g_ptr_array_index (self->skipped, index);
}

/**
 * lk_pack_manifest_is_exact:
 * @self: a manifest
 *
 * Returns: %TRUE once the ZIP has been written; %FALSE for a plan
 */
/**
 * lk_pack_manifest_get_skipped_reason:
 * @self: a manifest
 * @index: an index
 *
 * Returns: why the image was left out, translated
 */
const char *
lk_pack_manifest_get_skipped_reason (LkPackManifest *self,
                                     guint           index)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), NULL);
  g_return_val_if_fail (index < self->skip_reasons->len, NULL);
  return g_ptr_array_index (self->skip_reasons, index);
}

gboolean
lk_pack_manifest_is_exact (LkPackManifest *self)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), FALSE);
  return self->exact;
}

guint64
lk_pack_manifest_get_entries_size (LkPackManifest *self)
{
  guint64 total = 0;

  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    total += g_array_index (self->entries, LkPackEntry, i).size;
  return total;
}

/**
 * lk_pack_manifest_get_archive_size:
 * @self: a manifest
 *
 * Returns: the size of the ZIP file, once written; 0 in a plan
 */
guint64
lk_pack_manifest_get_archive_size (LkPackManifest *self)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), 0);
  return self->archive_size;
}

/**
 * lk_pack_manifest_get_content_key:
 * @self: a manifest
 *
 * The hex SHA-256 of everything the ZIP is made of: each entry's name, the
 * SHA-256 of its source file, how it is transformed, each caption, and the
 * pack options. The ZIP is deterministic (fixed timestamps, fixed order), so
 * equal keys mean byte-identical ZIPs: the key can map a dataset to an
 * earlier upload without packing it again.
 *
 * Returns: the key, known already in a plan
 */
const char *
lk_pack_manifest_get_content_key (LkPackManifest *self)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), NULL);
  return self->content_key;
}

gboolean
lk_pack_manifest_get_keep_metadata (LkPackManifest *self)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), FALSE);
  return self->keep_metadata;
}

guint
lk_pack_manifest_get_max_side (LkPackManifest *self)
{
  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), 0);
  return self->max_side;
}

/**
 * lk_pack_manifest_describe_entry:
 * @self: a manifest
 * @index: an entry index
 *
 * Returns: (transfer full): a translated sentence saying what happens to
 *   the entry, such as "EXIF, GPS location removed"
 */
char *
lk_pack_manifest_describe_entry (LkPackManifest *self,
                                 guint           index)
{
  const LkPackEntry *entry = lk_pack_manifest_get_entry (self, index);
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *stripped = NULL;
  g_autofree char *kept = NULL;

  if (entry->kind == LK_PACK_ENTRY_CAPTION)
    return g_strdup (_("caption"));

  if (entry->transform & LK_PACK_TRANSFORM_ROTATED)
    g_string_append (str, _("turned upright as its EXIF orientation says"));
  if (entry->transform & LK_PACK_TRANSFORM_RESIZED)
    {
      if (str->len > 0)
        g_string_append (str, "; ");
      /* Translators: %u×%u is the new size in pixels. */
      g_string_append_printf (str, _("resized to %u×%u"), entry->width, entry->height);
    }
  if (entry->transform != LK_PACK_TRANSFORM_NONE)
    {
      /* Only rotated or resized images are re-encoded; all others keep
       * their original bytes. */
      g_string_append (str, "; ");
      g_string_append (str, g_str_has_suffix (entry->name, ".png")
                            ? _("re-encoded as lossless PNG")
                            : _("re-encoded as JPEG at quality 95"));
    }

  stripped = lk_image_metadata_describe (entry->stripped);
  if (*stripped != '\0')
    {
      if (str->len > 0)
        g_string_append (str, "; ");
      /* Translators: %s is a list such as "EXIF, GPS location". */
      g_string_append_printf (str, _("removed: %s"), stripped);
    }

  kept = lk_image_metadata_describe (entry->kept);
  if (*kept != '\0')
    {
      if (str->len > 0)
        g_string_append (str, "; ");
      /* Translators: %s is a list such as "EXIF, GPS location". */
      g_string_append_printf (str, _("kept: %s"), kept);
    }

  if (str->len == 0)
    g_string_append (str, _("unchanged"));

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/**
 * lk_pack_manifest_format:
 * @self: a manifest
 *
 * Returns: (transfer full): the manifest as translated plain text, one line
 *   per entry, for the CLI and for copying
 */
char *
lk_pack_manifest_format (LkPackManifest *self)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *total = NULL;
  guint n_images = 0;

  g_return_val_if_fail (LK_IS_PACK_MANIFEST (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const LkPackEntry *entry = &g_array_index (self->entries, LkPackEntry, i);
      g_autofree char *size = g_format_size (entry->size);
      g_autofree char *what = lk_pack_manifest_describe_entry (self, i);

      if (entry->kind == LK_PACK_ENTRY_IMAGE)
        n_images++;
      g_string_append_printf (str, "  %-40s %s%10s  %s\n", entry->name,
                              entry->size_exact ? " " : "~", size, what);
    }

  for (guint i = 0; i < self->skipped->len; i++)
    {
      LkDatasetImage *image = g_ptr_array_index (self->skipped, i);

      /* Translators: %s is a file name; the problem follows. */
      g_string_append_printf (str, _("  Left out: %s: %s\n"),
                              lk_dataset_image_get_display_name (image),
                              (const char *) g_ptr_array_index (self->skip_reasons, i));
    }

  total = g_format_size (self->exact ? self->archive_size : lk_pack_manifest_get_entries_size (self));
  if (self->exact)
    /* Translators: %u is a number of images, %s a size such as "310 MB". */
    g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE,
                                              "%u image, ZIP of %s\n",
                                              "%u images, ZIP of %s\n", n_images),
                            n_images, total);
  else
    g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE,
                                              "%u image, about %s to upload\n",
                                              "%u images, about %s to upload\n", n_images),
                            n_images, total);

  if (self->content_key != NULL)
    /* Translators: %s is a SHA-256 in hex. */
    g_string_append_printf (str, _("Content key (SHA-256): %s\n"), self->content_key);

  return g_string_free (g_steal_pointer (&str), FALSE);
}
