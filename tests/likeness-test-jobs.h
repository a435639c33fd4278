/* likeness-test-jobs.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the job page tests and screenshots share: a trainer the fake fal
 * runs quickly, and photos that pass the dataset doctor.
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

#define LIKENESS_TEST_FAST_TRAINER "fal-ai/flux-lora-fast-training"

/* @n JPEG photos of 512 × 512 in @dir, different enough that the doctor
 * sees no duplicates. */
static inline void
likeness_test_write_photos (const char *dir,
                            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 512, 512);
      g_autoptr(GRand) rand = g_rand_new_with_seed (i + 1);
      g_autofree char *name = g_strdup_printf ("photo-%u.jpg", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);

      for (int y = 0; y < 512; y++)
        for (int x = 0; x < 512; x++)
          {
            guchar *p = pixels + y * stride + x * 3;

            p[0] = (guchar) ((x * (i + 1) + g_rand_int_range (rand, 0, 32)) & 0xff);
            p[1] = (guchar) ((y * (i + 2)) & 0xff);
            p[2] = (guchar) (((x ^ y) * (i + 3)) & 0xff);
          }

      if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "80", NULL))
        g_error ("Cannot write %s: %s", path, error->message);
    }
}

G_END_DECLS
