/* lk-pack-manifest.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-dataset-image.h"

G_BEGIN_DECLS

typedef enum
{
  LK_PACK_ENTRY_IMAGE,
  LK_PACK_ENTRY_CAPTION,
} LkPackEntryKind;

typedef enum
{
  LK_PACK_TRANSFORM_NONE    = 0,
  LK_PACK_TRANSFORM_ROTATED = 1 << 0,  /* re-encoded to bake the EXIF orientation */
  LK_PACK_TRANSFORM_RESIZED = 1 << 1,  /* re-encoded at a smaller size */
} LkPackTransform;

/* One file of the ZIP, exactly as it leaves the machine. */
typedef struct
{
  char            *name;        /* ASCII entry name, no directories */
  LkPackEntryKind  kind;
  LkDatasetImage  *image;       /* the source image (or the captioned one) */
  guint64          size;        /* bytes stored */
  gboolean         size_exact;  /* FALSE in a plan for re-encoded images */
  LkImageMetadata  stripped;    /* what was removed */
  LkImageMetadata  kept;        /* metadata left in (with --keep-metadata) */
  LkPackTransform  transform;
  guint            width;       /* upright size stored, 0 if unknown */
  guint            height;
} LkPackEntry;

#define LK_TYPE_PACK_MANIFEST (lk_pack_manifest_get_type ())

G_DECLARE_FINAL_TYPE (LkPackManifest, lk_pack_manifest, LK, PACK_MANIFEST, GObject)

guint              lk_pack_manifest_get_n_entries   (LkPackManifest *self);
const LkPackEntry *lk_pack_manifest_get_entry       (LkPackManifest *self,
                                                     guint           index);
const LkPackEntry *lk_pack_manifest_find_entry      (LkPackManifest *self,
                                                     const char     *name);
guint              lk_pack_manifest_get_n_skipped   (LkPackManifest *self);
LkDatasetImage    *lk_pack_manifest_get_skipped     (LkPackManifest *self,
                                                     guint           index);
const char        *lk_pack_manifest_get_skipped_reason (LkPackManifest *self,
                                                     guint           index);
gboolean           lk_pack_manifest_is_exact        (LkPackManifest *self);
guint64            lk_pack_manifest_get_entries_size (LkPackManifest *self);
guint64            lk_pack_manifest_get_archive_size (LkPackManifest *self);
const char        *lk_pack_manifest_get_content_key (LkPackManifest *self);
gboolean           lk_pack_manifest_get_keep_metadata (LkPackManifest *self);
guint              lk_pack_manifest_get_max_side    (LkPackManifest *self);
char              *lk_pack_manifest_describe_entry  (LkPackManifest *self,
                                                     guint           index);
char              *lk_pack_manifest_format          (LkPackManifest *self);

G_END_DECLS
