/* lk-image-scan.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal: reads one image in a worker thread.
 */

#pragma once

#include <gio/gio.h>

#include "lk-dataset-image.h"

G_BEGIN_DECLS

#define LK_THUMBNAIL_SIZE 256

#define LK_IMAGE_SCAN_ATTRIBUTES \
  G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_NAME "," \
  G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," \
  G_FILE_ATTRIBUTE_UNIX_DEVICE "," G_FILE_ATTRIBUTE_UNIX_INODE

char           *_lk_image_scan_default_thumbnail_dir (void);
gboolean        _lk_image_scan_has_image_extension   (const char   *name);
LkDatasetImage *_lk_image_scan                       (GFile        *file,
                                                      GFileInfo    *info,
                                                      const char   *thumbnail_dir,
                                                      guint64       max_pixels,
                                                      GCancellable *cancellable);

G_END_DECLS
