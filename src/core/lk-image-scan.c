/* lk-image-scan.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One image, read once: the header for the size and orientation, the whole
 * content for the SHA-256, and a reduced-scale decode for the thumbnail and
 * the perceptual hash. A thumbnail is cached under its content hash and
 * carries its dHash in a tEXt chunk, so a rescan decodes nothing.
 */

#define G_LOG_DOMAIN "lk-image-scan"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <nettle/sha2.h>
#include <string.h>

#include "lk-dataset-image-private.h"
#include "lk-error.h"
#include "lk-image-decode.h"
#include "lk-image-scan.h"

#define DHASH_OPTION "tEXt::lk-dhash"

static const char * const image_extensions[] = {
  "jpg", "jpeg", "jpe", "jfif", "png", "webp", "heic", "heif", "avif",
  "gif", "bmp", "tif", "tiff",
};

char *
_lk_image_scan_default_thumbnail_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "likeness", "thumbnails", NULL);
}

gboolean
_lk_image_scan_has_image_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (image_extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, image_extensions[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
read_caption (LkDatasetImage *self,
              GCancellable   *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (self->caption_file, cancellable, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          /* Translators: %s explains why the file could not be read. */
          self->caption_problem = g_strdup_printf (_("The caption file could not be read: %s"),
                                                   error->message);
        }
      return;
    }

  if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    {
      self->caption_problem = g_strdup (_("The caption file is not valid UTF-8 text. "
                                          "Save it again as UTF-8."));
      return;
    }

  g_strchomp (contents);
  self->caption = g_steal_pointer (&contents);
}

static gboolean
load_cached_thumbnail (LkDatasetImage *self,
                       const char     *path)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *hex;
  char *end = NULL;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  /* The cached PNG is small; reading it back only to get its tEXt chunk
   * still costs far less than decoding the photo. */
  pixbuf = _lk_image_decode ((const guint8 *) contents, length, 0, 1, NULL);
  if (pixbuf == NULL)
    return FALSE;
  hex = gdk_pixbuf_get_option (pixbuf, "lk-dhash");
  if (hex == NULL)
    return FALSE;
  self->dhash = g_ascii_strtoull (hex, &end, 16);
  if (end == hex || *end != '\0')
    return FALSE;

  self->has_dhash = TRUE;
  self->thumbnail = g_file_new_for_path (path);
  return TRUE;
}

static void
make_thumbnail (LkDatasetImage *self,
                const guint8   *data,
                gsize           length,
                const char     *thumbnail_dir)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat (self->sha256, ".png", NULL);
  g_autofree char *path = g_build_filename (thumbnail_dir, name, NULL);
  g_autofree char *tmp = NULL;
  char hex[17];

  if (load_cached_thumbnail (self, path))
    return;

  pixbuf = _lk_image_decode (data, length, LK_THUMBNAIL_SIZE, self->info.orientation, &error);
  if (pixbuf == NULL)
    {
      _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_CORRUPT, error->message);
      return;
    }

  self->dhash = _lk_image_dhash (pixbuf);
  self->has_dhash = TRUE;

  /* A failed cache write only costs a decode next time. Writing to a
   * temporary name first keeps a half-written file out of the cache when
   * two scans race. */
  g_snprintf (hex, sizeof hex, "%016" G_GINT64_MODIFIER "x", self->dhash);
  tmp = g_strdup_printf ("%s.%p.tmp", path, (void *) self);
  if (g_mkdir_with_parents (thumbnail_dir, 0700) == 0 &&
      gdk_pixbuf_save (pixbuf, tmp, "png", &error, DHASH_OPTION, hex, "compression", "1", NULL) &&
      g_rename (tmp, path) == 0)
    self->thumbnail = g_file_new_for_path (path);
  else
    {
      g_debug ("Could not cache thumbnail %s: %s", path,
               error != NULL ? error->message : g_strerror (errno));
      g_unlink (tmp);
    }
}

static void
hash_content (LkDatasetImage *self,
              const guint8   *data,
              gsize           length)
{
  static const char hex[] = "0123456789abcdef";
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];

  G_STATIC_ASSERT (sizeof self->sha256 >= 2 * SHA256_DIGEST_SIZE + 1);

  /* Nettle uses the CPU's SHA instructions where there are some: four times
   * faster than GChecksum, and the hash was a quarter of the scan. */
  sha256_init (&ctx);
  while (length > 0)
    {
      size_t chunk = MIN (length, (gsize) 1 << 30);

      sha256_update (&ctx, chunk, data);
      data += chunk;
      length -= chunk;
    }
  sha256_digest (&ctx, sizeof digest, digest);

  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      self->sha256[2 * i] = hex[digest[i] >> 4];
      self->sha256[2 * i + 1] = hex[digest[i] & 0xf];
    }
  self->sha256[2 * SHA256_DIGEST_SIZE] = '\0';
}

static void
analyze_content (LkDatasetImage *self,
                 const guint8   *data,
                 gsize           length,
                 const char     *thumbnail_dir,
                 guint64         max_pixels)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_file_get_basename (self->file);
  guint64 pixels;

  hash_content (self, data, length);

  if (!lk_image_probe (data, length, &self->info, &error))
    {
      if (g_error_matches (error, LK_DATASET_ERROR, LK_DATASET_ERROR_UNSUPPORTED))
        {
          if (_lk_image_scan_has_image_extension (base))
            _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_NOT_AN_IMAGE,
                                           _("The file is named like an image but its content "
                                             "is not an image."));
          else
            _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_NOT_AN_IMAGE, error->message);
        }
      else
        _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_CORRUPT, error->message);
      return;
    }

  if (self->info.size_known)
    {
      /* The bomb check: from the header, before any pixel is decoded. */
      pixels = (guint64) self->info.width * self->info.height;
      if (pixels == 0)
        {
          _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_CORRUPT,
                                         _("The image header gives a size of zero pixels."));
          return;
        }
      if (max_pixels > 0 && pixels > max_pixels)
        {
          g_autofree char *msg = NULL;

          /* Translators: %u×%u is the image size in pixels, %.0f its megapixels. */
          msg = g_strdup_printf (_("The image claims to be %u×%u pixels (%.0f megapixels), "
                                   "too large to open safely."),
                                 self->info.width, self->info.height, pixels / 1e6);
          _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_TOO_MANY_PIXELS, msg);
          return;
        }
    }

  if (!_lk_image_can_decode (self->info.format))
    {
      if (self->info.format == LK_IMAGE_FORMAT_HEIF || self->info.format == LK_IMAGE_FORMAT_AVIF)
        {
          g_autofree char *msg = NULL;

          msg = g_strdup_printf (/* Translators: %s is a format (HEIC or AVIF), %s a file name. */
                                 _("%s images cannot be read on this system: no image loader "
                                   "is installed for “%s”. Convert it to JPEG, or install the "
                                   "libheif gdk-pixbuf loader."),
                                 lk_image_format_get_name (self->info.format),
                                 self->display_name);
          _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_NO_LOADER, msg);
        }
      /* WebP without a loader stays usable: its header gave the size, and it
       * is packed losslessly; only the thumbnail and near-duplicate check
       * are missing. */
      return;
    }

  /* Without a size from the header (TIFF, HEIF, AVIF) the bomb check
   * cannot run, so nothing is decoded: such images get no thumbnail. */
  if (!self->info.size_known)
    return;

  make_thumbnail (self, data, length, thumbnail_dir);
}

/**
 * _lk_image_scan:
 * @file: the image
 * @info: (nullable): its #GFileInfo with %LK_IMAGE_SCAN_ATTRIBUTES, if known
 * @thumbnail_dir: where thumbnails are cached
 * @max_pixels: the decompression-bomb limit
 * @cancellable: (nullable): a #GCancellable
 *
 * Never fails: problems are recorded on the image for the doctor.
 *
 * Returns: (transfer full): the image
 */
LkDatasetImage *
_lk_image_scan (GFile        *file,
                GFileInfo    *info,
                const char   *thumbnail_dir,
                guint64       max_pixels,
                GCancellable *cancellable)
{
  g_autoptr(LkDatasetImage) self = _lk_dataset_image_new (file);
  g_autoptr(GFileInfo) queried = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const guint8 *data = NULL;
  gsize length = 0;

  if (info == NULL)
    {
      queried = g_file_query_info (file, LK_IMAGE_SCAN_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                   cancellable, &error);
      if (queried == NULL)
        {
          /* Translators: %s explains why the file could not be read. */
          g_autofree char *msg = g_strdup_printf (_("The file could not be read: %s"), error->message);
          _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_UNREADABLE, msg);
          return g_steal_pointer (&self);
        }
      info = queried;
    }

  read_caption (self, cancellable);

  /* Opening a FIFO or a device would block or read forever. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_UNREADABLE,
                                     _("This is not a regular file and cannot be read as an image."));
      return g_steal_pointer (&self);
    }

  self->size = (guint64) g_file_info_get_size (info);
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    self->mtime = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  if (self->size == 0)
    {
      _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_EMPTY, _("The file is empty (0 bytes)."));
      return g_steal_pointer (&self);
    }

  /* A mapping lets the hash, the header probe and the decoder share one
   * read of the file. Non-local files (rare: the portal gives paths) are
   * loaded instead. */
  path = g_file_get_path (file);
  if (path != NULL)
    {
      mapped = g_mapped_file_new (path, FALSE, &error);
      if (mapped != NULL)
        {
          data = (const guint8 *) g_mapped_file_get_contents (mapped);
          length = g_mapped_file_get_length (mapped);
        }
    }
  else if (g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    data = (const guint8 *) contents;

  if (mapped == NULL && contents == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("The file could not be read: %s"), error->message);
      _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_UNREADABLE, msg);
      return g_steal_pointer (&self);
    }

  if (length == 0)
    {
      _lk_dataset_image_set_problem (self, LK_IMAGE_PROBLEM_EMPTY, _("The file is empty (0 bytes)."));
      return g_steal_pointer (&self);
    }

  self->size = length;
  analyze_content (self, data, length, thumbnail_dir, max_pixels);

  return g_steal_pointer (&self);
}
