/* lk-metadata-strip.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lk-image-probe.h"

G_BEGIN_DECLS

typedef struct _LkStripPlan LkStripPlan;

/* One piece of the output: either a slice of the source or a few bytes the
 * plan rewrote (a WebP RIFF header, say). */
typedef struct
{
  const guint8 *data;
  gsize         length;
} LkStripPiece;

LkStripPlan     *lk_strip_plan_new          (const guint8  *data,
                                             gsize          length,
                                             GError       **error);
void             lk_strip_plan_free         (LkStripPlan   *plan);
gsize            lk_strip_plan_get_size     (LkStripPlan   *plan);
LkImageMetadata  lk_strip_plan_get_stripped (LkStripPlan   *plan);
guint            lk_strip_plan_get_n_pieces (LkStripPlan   *plan);
const LkStripPiece *lk_strip_plan_get_piece (LkStripPlan   *plan,
                                             guint          index);
GBytes          *lk_strip_plan_to_bytes     (LkStripPlan   *plan);

GBytes          *lk_metadata_strip          (const guint8    *data,
                                             gsize            length,
                                             LkImageMetadata *stripped,
                                             GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkStripPlan, lk_strip_plan_free)

G_END_DECLS
