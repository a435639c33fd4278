/* lk-pack-payload.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One image entry of the ZIP. Most images are written as slices of their
 * mapped file with the metadata segments left out, so nothing is copied.
 * Only an image with an EXIF rotation to bake, or one above the maximum
 * side, is decoded and re-encoded.
 */

#define G_LOG_DOMAIN "lk-pack-payload"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sys/mman.h>

#include "lk-error.h"
#include "lk-image-decode.h"
#include "lk-pack-payload.h"

#define REENCODE_JPEG_QUALITY "95"

void
_lk_pack_source_clear (LkPackSource *source)
{
  g_clear_pointer (&source->mapped, g_mapped_file_unref);
  source->data = NULL;
  source->length = 0;
}

gboolean
_lk_pack_source_open (LkPackSource  *source,
                      GFile         *file,
                      guint64        expected_size,
                      GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *display = g_filename_display_name (path != NULL ? path : "");

  if (path == NULL)
    {
      g_set_error (error, LK_ARCHIVE_ERROR, LK_ARCHIVE_ERROR_FAILED,
                   /* Translators: %s is a file name. */
                   _("“%s” is not a local file."), display);
      return FALSE;
    }

  source->mapped = g_mapped_file_new (path, FALSE, error);
  if (source->mapped == NULL)
    return FALSE;
  source->data = (const guint8 *) g_mapped_file_get_contents (source->mapped);
  source->length = g_mapped_file_get_length (source->mapped);

  if (source->length != expected_size)
    {
      g_set_error (error, LK_ARCHIVE_ERROR, LK_ARCHIVE_ERROR_FAILED,
                   /* Translators: %s is a file name. */
                   _("“%s” changed after it was scanned. Add the folder again."), display);
      return FALSE;
    }

  if (source->length > 0)
    posix_madvise ((void *) source->data, source->length, POSIX_MADV_SEQUENTIAL);
  return TRUE;
}

void
_lk_pack_payload_clear (LkPackPayload *payload)
{
  g_clear_pointer (&payload->plan, lk_strip_plan_free);
  g_clear_pointer (&payload->encoded, g_bytes_unref);
}

guint
_lk_pack_payload_get_n_pieces (LkPackPayload *payload)
{
  if (payload->plan != NULL)
    return lk_strip_plan_get_n_pieces (payload->plan);
  return 1;
}

LkStripPiece
_lk_pack_payload_get_piece (LkPackPayload *payload,
                            guint          index)
{
  LkStripPiece piece;

  if (payload->plan != NULL)
    return *lk_strip_plan_get_piece (payload->plan, index);
  if (payload->encoded != NULL)
    {
      piece.data = g_bytes_get_data (payload->encoded, &piece.length);
      return piece;
    }
  return payload->whole;
}

/**
 * _lk_pack_payload_prepare:
 * @payload: (out caller-allocates): the bytes to write
 * @recipe: what to do with the image
 * @source: the mapped file; may be unopened in a dry run of a re-encode
 * @dry_run: only fill @entry, estimating the size of a re-encode
 * @entry: the manifest entry to fill
 * @error: a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_lk_pack_payload_prepare (LkPackPayload       *payload,
                          const LkPackRecipe  *recipe,
                          LkPackSource        *source,
                          gboolean             dry_run,
                          LkPackEntry         *entry,
                          GError             **error)
{
  const LkImageInfo *info = &recipe->info;
  guint w = info->width;
  guint h = info->height;

  if (LK_ORIENTATION_SWAPS_AXES (info->orientation) && (recipe->transform & LK_PACK_TRANSFORM_ROTATED))
    {
      w = info->height;
      h = info->width;
    }
  if (recipe->transform & LK_PACK_TRANSFORM_RESIZED)
    {
      double scale = (double) recipe->max_side / MAX (w, h);

      w = MAX (1, (guint) (w * scale + 0.5));
      h = MAX (1, (guint) (h * scale + 0.5));
    }
  entry->width = w;
  entry->height = h;
  entry->transform = recipe->transform;

  if (recipe->transform != LK_PACK_TRANSFORM_NONE)
    {
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autofree char *buffer = NULL;
      gsize length = 0;
      gboolean png = info->format == LK_IMAGE_FORMAT_PNG;

      /* Everything outside the pixels is lost in a re-encode. */
      entry->stripped = info->metadata;

      if (dry_run)
        {
          double area = (double) w * h / MAX (1.0, (double) info->width * info->height);

          entry->size = (guint64) (recipe->size * MIN (1.0, area));
          entry->size_exact = FALSE;
          return TRUE;
        }

      pixbuf = _lk_image_decode (source->data, source->length,
                                 (recipe->transform & LK_PACK_TRANSFORM_RESIZED) ? recipe->max_side : 0,
                                 info->orientation, error);
      if (pixbuf == NULL)
        return FALSE;

      if (!(png ? gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", error, NULL)
                : gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", error,
                                             "quality", REENCODE_JPEG_QUALITY, NULL)))
        return FALSE;

      entry->width = (guint) gdk_pixbuf_get_width (pixbuf);
      entry->height = (guint) gdk_pixbuf_get_height (pixbuf);
      payload->encoded = g_bytes_new_take (g_steal_pointer (&buffer), length);
      entry->size = length;
      return TRUE;
    }

  if (!recipe->keep_metadata &&
      (info->format == LK_IMAGE_FORMAT_JPEG || info->format == LK_IMAGE_FORMAT_PNG ||
       info->format == LK_IMAGE_FORMAT_WEBP))
    {
      payload->plan = lk_strip_plan_new (source->data, source->length, error);
      if (payload->plan == NULL)
        return FALSE;
      entry->stripped = lk_strip_plan_get_stripped (payload->plan);
      entry->size = lk_strip_plan_get_size (payload->plan);
      return TRUE;
    }

  entry->kept = info->metadata;
  payload->whole.data = source->data;
  payload->whole.length = source->length;
  entry->size = source->length;
  return TRUE;
}
