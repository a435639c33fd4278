/* lk-image-decode.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal: gdk-pixbuf decoding shared by the scanner and the packer.
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "lk-image-probe.h"

G_BEGIN_DECLS

gboolean   _lk_image_can_decode (LkImageFormat  format);
GdkPixbuf *_lk_image_decode     (const guint8  *data,
                                 gsize          length,
                                 guint          max_side,
                                 guint          orientation,
                                 GError       **error);
guint64    _lk_image_dhash      (GdkPixbuf     *pixbuf);

G_END_DECLS
