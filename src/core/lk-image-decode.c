/* lk-image-decode.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-image-decode"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-error.h"
#include "lk-image-decode.h"

/* gdk-pixbuf's module names. Loaders are picked by name, from our own
 * sniffing: gdk-pixbuf's sniffing needs the shared MIME database, and the
 * file extension proves nothing. */
static const char *
module_for (LkImageFormat format)
{
  switch (format)
    {
    case LK_IMAGE_FORMAT_JPEG: return "jpeg";
    case LK_IMAGE_FORMAT_PNG:  return "png";
    case LK_IMAGE_FORMAT_WEBP: return "webp";
    case LK_IMAGE_FORMAT_HEIF: return "heif";
    case LK_IMAGE_FORMAT_AVIF: return "avif";
    case LK_IMAGE_FORMAT_GIF:  return "gif";
    case LK_IMAGE_FORMAT_BMP:  return "bmp";
    case LK_IMAGE_FORMAT_TIFF: return "tiff";
    case LK_IMAGE_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/* Whether an installed gdk-pixbuf loader reads @format. HEIC, AVIF and WebP
 * come from optional loaders (libheif, webp-pixbuf-loader). */
gboolean
_lk_image_can_decode (LkImageFormat format)
{
  const char *wanted = module_for (format);
  g_autoptr(GSList) formats = NULL;

  if (wanted == NULL)
    return FALSE;

  formats = gdk_pixbuf_get_formats ();
  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_strcmp0 (name, wanted) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  guint max_side = GPOINTER_TO_UINT (user_data);
  double scale;

  if (max_side == 0 || (guint) MAX (width, height) <= max_side)
    return;

  /* The JPEG loader turns this into DCT scaling, so a 12 MP photo is
   * decoded at an eighth of its size. */
  scale = (double) max_side / MAX (width, height);
  gdk_pixbuf_loader_set_size (loader,
                              MAX (1, (int) (width * scale + 0.5)),
                              MAX (1, (int) (height * scale + 0.5)));
}

static GdkPixbuf *
apply_orientation (GdkPixbuf *src,
                   guint      orientation)
{
  g_autoptr(GdkPixbuf) tmp = NULL;

  switch (orientation)
    {
    case 2:
      return gdk_pixbuf_flip (src, TRUE);
    case 3:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4:
      return gdk_pixbuf_flip (src, FALSE);
    case 5:
      tmp = gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
      return gdk_pixbuf_flip (tmp, TRUE);
    case 6:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 7:
      tmp = gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      return gdk_pixbuf_flip (tmp, TRUE);
    case 8:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    default:
      return g_object_ref (src);
    }
}

/**
 * _lk_image_decode:
 * @data: a whole image file
 * @length: its length
 * @max_side: fit within this many pixels, 0 for the full size
 * @orientation: the EXIF orientation to undo, 1 for none
 * @error: a #GError
 *
 * The caller has already checked the pixel count from the header.
 *
 * Returns: (transfer full) (nullable): the upright image
 */
GdkPixbuf *
_lk_image_decode (const guint8  *data,
                  gsize          length,
                  guint          max_side,
                  guint          orientation,
                  GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *module = module_for (lk_image_format_sniff (data, length));
  GdkPixbuf *pixbuf;

  loader = module != NULL ? gdk_pixbuf_loader_new_with_type (module, NULL) : NULL;
  if (loader == NULL)
    {
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_UNSUPPORTED,
                           _("No image loader is installed for this format."));
      return NULL;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb),
                    GUINT_TO_POINTER (max_side));

  if (!gdk_pixbuf_loader_write (loader, data, length, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      /* Close even after a failed write, or the loader complains when it
       * is finalized. */
      gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, LK_DATASET_ERROR, LK_DATASET_ERROR_CORRUPT,
                   /* Translators: %s is the decoder's own explanation. */
                   _("The image could not be decoded: %s"), local_error->message);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_CORRUPT,
                           _("The image could not be decoded."));
      return NULL;
    }

  return apply_orientation (pixbuf, orientation);
}

/**
 * _lk_image_dhash:
 * @pixbuf: an upright image
 *
 * A difference hash: the image is averaged down to 9×8 grey cells and each
 * bit says whether a cell is darker than its right neighbour. Resizing and
 * recompression barely change it; a different photo changes about half of
 * the bits.
 *
 * Returns: the hash
 */
guint64
_lk_image_dhash (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  double cells[8][9] = { { 0 } };
  guint counts[8][9] = { { 0 } };
  guint64 hash = 0;

  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;
      int cy = y * 8 / height;

      for (int x = 0; x < width; x++)
        {
          const guint8 *p = row + (gsize) x * channels;
          int cx = x * 9 / width;

          cells[cy][cx] += 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
          counts[cy][cx]++;
        }
    }

  for (int cy = 0; cy < 8; cy++)
    for (int cx = 0; cx < 9; cx++)
      if (counts[cy][cx] > 0)
        cells[cy][cx] /= counts[cy][cx];

  for (int cy = 0; cy < 8; cy++)
    for (int cx = 0; cx < 8; cx++)
      {
        hash <<= 1;
        if (cells[cy][cx] < cells[cy][cx + 1])
          hash |= 1;
      }

  return hash;
}
