/* lk-dataset-image.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-dataset-image"

#include "config.h"

#include <string.h>

#include "lk-dataset-image-private.h"
#include "lk-util.h"

G_DEFINE_FINAL_TYPE (LkDatasetImage, lk_dataset_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_DISPLAY_NAME,
  PROP_THUMBNAIL,
  PROP_CAPTION,
  PROP_CAPTION_MODIFIED,
  PROP_BAKE_ROTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_dataset_image_finalize (GObject *object)
{
  LkDatasetImage *self = (LkDatasetImage *) object;

  g_clear_object (&self->file);
  g_clear_object (&self->thumbnail);
  g_clear_object (&self->caption_file);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->problem_message, g_free);
  g_clear_pointer (&self->caption, g_free);
  g_clear_pointer (&self->caption_problem, g_free);

  G_OBJECT_CLASS (lk_dataset_image_parent_class)->finalize (object);
}

static void
lk_dataset_image_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkDatasetImage *self = LK_DATASET_IMAGE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;

    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;

    case PROP_CAPTION_MODIFIED:
      g_value_set_boolean (value, self->caption_modified);
      break;

    case PROP_BAKE_ROTATION:
      g_value_set_boolean (value, self->bake_rotation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_dataset_image_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LkDatasetImage *self = LK_DATASET_IMAGE (object);

  switch (prop_id)
    {
    case PROP_CAPTION:
      lk_dataset_image_set_caption (self, g_value_get_string (value));
      break;

    case PROP_BAKE_ROTATION:
      lk_dataset_image_set_bake_rotation (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_dataset_image_class_init (LkDatasetImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_dataset_image_finalize;
  object_class->get_property = lk_dataset_image_get_property;
  object_class->set_property = lk_dataset_image_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_THUMBNAIL] =
    g_param_spec_object ("thumbnail", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION_MODIFIED] =
    g_param_spec_boolean ("caption-modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BAKE_ROTATION] =
    g_param_spec_boolean ("bake-rotation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_dataset_image_init (LkDatasetImage *self)
{
  self->info.orientation = 1;
}

LkDatasetImage *
_lk_dataset_image_new (GFile *file)
{
  LkDatasetImage *self = g_object_new (LK_TYPE_DATASET_IMAGE, NULL);
  g_autofree char *base = g_file_get_basename (file);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *stem = NULL;
  g_autofree char *txt = NULL;
  char *dot;

  self->file = g_object_ref (file);
  self->display_name = g_filename_display_name (base);

  stem = g_strdup (base);
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  txt = g_strconcat (stem, ".txt", NULL);
  self->caption_file = parent != NULL ? g_file_get_child (parent, txt) : g_file_new_for_path (txt);

  return self;
}

void
_lk_dataset_image_set_problem (LkDatasetImage *self,
                               LkImageProblem  problem,
                               const char     *message)
{
  self->problem = problem;
  lk_set_str (&self->problem_message, message);
}

/* Sets the caption as read from or written to disk: not a pending edit. */
void
_lk_dataset_image_set_saved_caption (LkDatasetImage *self,
                                     const char     *caption)
{
  if (lk_set_str (&self->caption, caption))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
  if (self->caption_modified)
    {
      self->caption_modified = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION_MODIFIED]);
    }
}

/**
 * lk_dataset_image_get_file:
 * @self: an image
 *
 * Returns: (transfer none): the image file
 */
GFile *
lk_dataset_image_get_file (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), NULL);
  return self->file;
}

const char *
lk_dataset_image_get_display_name (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), NULL);
  return self->display_name;
}

guint64
lk_dataset_image_get_size (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), 0);
  return self->size;
}

LkImageFormat
lk_dataset_image_get_format (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), LK_IMAGE_FORMAT_UNKNOWN);
  return self->info.format;
}

/**
 * lk_dataset_image_get_width:
 * @self: an image
 *
 * Returns: the width as displayed, after the EXIF orientation; 0 if unknown
 */
guint
lk_dataset_image_get_width (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), 0);
  if (!self->info.size_known)
    return 0;
  return LK_ORIENTATION_SWAPS_AXES (self->info.orientation) ? self->info.height : self->info.width;
}

guint
lk_dataset_image_get_height (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), 0);
  if (!self->info.size_known)
    return 0;
  return LK_ORIENTATION_SWAPS_AXES (self->info.orientation) ? self->info.width : self->info.height;
}

guint
lk_dataset_image_get_short_side (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), 0);
  if (!self->info.size_known)
    return 0;
  return MIN (self->info.width, self->info.height);
}

guint
lk_dataset_image_get_orientation (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), 1);
  return self->info.orientation;
}

LkImageMetadata
lk_dataset_image_get_metadata (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), 0);
  return self->info.metadata;
}

/**
 * lk_dataset_image_get_sha256:
 * @self: an image
 *
 * Returns: (nullable): the hex SHA-256 of the file, or %NULL if unread
 */
const char *
lk_dataset_image_get_sha256 (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), NULL);
  return self->sha256[0] != '\0' ? self->sha256 : NULL;
}

/**
 * lk_dataset_image_get_dhash:
 * @self: an image
 * @dhash: (out) (optional): the 64-bit difference hash of the upright image
 *
 * Returns: %TRUE if the image could be decoded and has a perceptual hash
 */
gboolean
lk_dataset_image_get_dhash (LkDatasetImage *self,
                            guint64        *dhash)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), FALSE);
  if (dhash != NULL)
    *dhash = self->dhash;
  return self->has_dhash;
}

/**
 * lk_dataset_image_get_thumbnail:
 * @self: an image
 *
 * Returns: (transfer none) (nullable): a cached PNG, upright, at most 256 px
 */
GFile *
lk_dataset_image_get_thumbnail (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), NULL);
  return self->thumbnail;
}

LkImageProblem
lk_dataset_image_get_problem (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), LK_IMAGE_PROBLEM_NONE);
  return self->problem;
}

/**
 * lk_dataset_image_get_problem_message:
 * @self: an image
 *
 * Returns: (nullable): a translated explanation of the problem
 */
const char *
lk_dataset_image_get_problem_message (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), NULL);
  return self->problem_message;
}

gboolean
lk_dataset_image_is_usable (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), FALSE);
  return self->problem == LK_IMAGE_PROBLEM_NONE;
}

/**
 * lk_dataset_image_get_caption_file:
 * @self: an image
 *
 * Returns: (transfer none): the `name.txt` sidecar, which may not exist
 */
GFile *
lk_dataset_image_get_caption_file (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), NULL);
  return self->caption_file;
}

/**
 * lk_dataset_image_get_caption:
 * @self: an image
 *
 * Returns: (nullable): the caption, with any unsaved edit; %NULL if none
 */
const char *
lk_dataset_image_get_caption (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), NULL);
  return self->caption;
}

/**
 * lk_dataset_image_set_caption:
 * @self: an image
 * @caption: (nullable): valid UTF-8
 *
 * Edits the caption in memory and marks it modified. Use #LkCaptionStore to
 * journal and save edits.
 */
void
lk_dataset_image_set_caption (LkDatasetImage *self,
                              const char     *caption)
{
  g_return_if_fail (LK_IS_DATASET_IMAGE (self));
  g_return_if_fail (caption == NULL || g_utf8_validate (caption, -1, NULL));

  if (!lk_set_str (&self->caption, caption))
    return;

  g_clear_pointer (&self->caption_problem, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
  if (!self->caption_modified)
    {
      self->caption_modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION_MODIFIED]);
    }
}

gboolean
lk_dataset_image_get_caption_modified (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), FALSE);
  return self->caption_modified;
}

/**
 * lk_dataset_image_get_caption_problem:
 * @self: an image
 *
 * Returns: (nullable): why the sidecar could not be read, translated
 */
const char *
lk_dataset_image_get_caption_problem (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), NULL);
  return self->caption_problem;
}

gboolean
lk_dataset_image_get_bake_rotation (LkDatasetImage *self)
{
  g_return_val_if_fail (LK_IS_DATASET_IMAGE (self), FALSE);
  return self->bake_rotation;
}

/**
 * lk_dataset_image_set_bake_rotation:
 * @self: an image
 * @bake_rotation: whether the packer re-encodes the image upright even when
 *   metadata is kept
 */
void
lk_dataset_image_set_bake_rotation (LkDatasetImage *self,
                                    gboolean        bake_rotation)
{
  g_return_if_fail (LK_IS_DATASET_IMAGE (self));

  bake_rotation = !!bake_rotation;
  if (self->bake_rotation == (guint) bake_rotation)
    return;
  self->bake_rotation = bake_rotation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BAKE_ROTATION]);
}
