/* fuzz-metadata-strip.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stripper must never read outside the file, and its output must never
 * be larger than its input plus a rewritten header.
 */

#include "config.h"

#include <stdint.h>

#include "lk-image-probe.h"
#include "lk-metadata-strip.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  LkStripPlan *plan = lk_strip_plan_new (data, size, &error);

  if (plan == NULL)
    {
      g_assert (error != NULL);
      g_error_free (error);
      return 0;
    }

  g_assert (lk_strip_plan_get_size (plan) <= size);
  for (guint i = 0; i < lk_strip_plan_get_n_pieces (plan); i++)
    {
      const LkStripPiece *piece = lk_strip_plan_get_piece (plan, i);
      gboolean inside = piece->data >= data && piece->data + piece->length <= data + size;

      /* Either a slice of the input, or a short rewritten header. */
      g_assert (inside || piece->length <= size);
    }

  {
    GBytes *bytes = lk_strip_plan_to_bytes (plan);
    LkImageInfo info;

    /* Stripping twice changes nothing more. */
    if (lk_image_probe (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &info, NULL))
      {
        LkStripPlan *again = lk_strip_plan_new (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);

        if (again != NULL)
          g_assert (lk_strip_plan_get_size (again) <= g_bytes_get_size (bytes));
        lk_strip_plan_free (again);
      }
    g_bytes_unref (bytes);
  }

  lk_strip_plan_free (plan);
  return 0;
}
