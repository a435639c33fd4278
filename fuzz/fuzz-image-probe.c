/* fuzz-image-probe.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header probe and the EXIF reader read untrusted files.
 */

#include "config.h"

#include <stdint.h>

#include "lk-image-probe.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  LkImageInfo info;
  GError *error = NULL;

  if (lk_image_probe (data, size, &info, &error))
    {
      g_assert (error == NULL);
      g_assert (info.orientation >= 1 && info.orientation <= 8);
    }
  else
    {
      g_assert (error != NULL);
      g_error_free (error);
    }

  return 0;
}
