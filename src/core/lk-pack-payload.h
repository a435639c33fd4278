/* lk-pack-payload.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the packer: the bytes of one image entry, worked out in the
 * worker thread.
 */

#pragma once

#include <gio/gio.h>

#include "lk-image-probe.h"
#include "lk-metadata-strip.h"
#include "lk-pack-manifest.h"

G_BEGIN_DECLS

/* A mapped source file. */
typedef struct
{
  GMappedFile  *mapped;   /* (owned) (nullable) */
  const guint8 *data;
  gsize         length;
} LkPackSource;

/* The bytes of an entry: pieces of the source, or a re-encoded buffer. */
typedef struct
{
  LkStripPlan  *plan;     /* (owned) (nullable) */
  GBytes       *encoded;  /* (owned) (nullable) */
  LkStripPiece  whole;
} LkPackPayload;

/* What the packer decided for one image, before any byte is read. */
typedef struct
{
  LkImageInfo     info;
  guint64         size;
  LkPackTransform transform;
  gboolean        keep_metadata;
  guint           max_side;
} LkPackRecipe;

gboolean     _lk_pack_source_open         (LkPackSource        *source,
                                           GFile               *file,
                                           guint64              expected_size,
                                           GError             **error);
void         _lk_pack_source_clear        (LkPackSource        *source);
gboolean     _lk_pack_payload_prepare     (LkPackPayload       *payload,
                                           const LkPackRecipe  *recipe,
                                           LkPackSource        *source,
                                           gboolean             dry_run,
                                           LkPackEntry         *entry,
                                           GError             **error);
void         _lk_pack_payload_clear       (LkPackPayload       *payload);
guint        _lk_pack_payload_get_n_pieces (LkPackPayload      *payload);
LkStripPiece _lk_pack_payload_get_piece   (LkPackPayload       *payload,
                                           guint                index);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkPackSource, _lk_pack_source_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkPackPayload, _lk_pack_payload_clear)

G_END_DECLS
