/* likeness-sample.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-sample"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-sample.h"

/*
 * One image of a sample grid: a prompt at a LoRA scale, the file it is
 * saved to, and the texture once it is read. Decoding a 1024 × 1024 JPEG
 * takes tens of milliseconds, so textures are made in a worker thread
 * (GdkTexture is immutable and may be created off the main thread) and
 * handed back to the main context.
 */

struct _LikenessSample
{
  GObject     parent_instance;

  guint       prompt_index;
  char       *prompt;     /* (owned) */
  double      scale;
  char       *path;       /* (owned) */
  GdkTexture *texture;    /* (owned) (nullable) */
  guint       loading;    /* Loads in flight. */
};

enum {
  PROP_0,
  PROP_TEXTURE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessSample, likeness_sample, G_TYPE_OBJECT)

static void
likeness_sample_finalize (GObject *object)
{
  LikenessSample *self = LIKENESS_SAMPLE (object);

  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (likeness_sample_parent_class)->finalize (object);
}

static void
likeness_sample_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LikenessSample *self = LIKENESS_SAMPLE (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_sample_class_init (LikenessSampleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = likeness_sample_finalize;
  object_class->get_property = likeness_sample_get_property;

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
likeness_sample_init (LikenessSample *self)
{
}

/**
 * likeness_sample_new:
 * @prompt_index: which prompt of the grid, from 0
 * @prompt: the prompt
 * @scale: the LoRA scale
 * @path: where the image is (or will be) saved
 *
 * Returns: (transfer full): a sample without a texture yet
 */
LikenessSample *
likeness_sample_new (guint       prompt_index,
                     const char *prompt,
                     double      scale,
                     const char *path)
{
  LikenessSample *self;

  g_return_val_if_fail (prompt != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LIKENESS_TYPE_SAMPLE, NULL);
  self->prompt_index = prompt_index;
  self->prompt = g_strdup (prompt);
  self->scale = scale;
  self->path = g_strdup (path);

  return self;
}

guint
likeness_sample_get_prompt_index (LikenessSample *self)
{
  g_return_val_if_fail (LIKENESS_IS_SAMPLE (self), 0);
  return self->prompt_index;
}

const char *
likeness_sample_get_prompt (LikenessSample *self)
{
  g_return_val_if_fail (LIKENESS_IS_SAMPLE (self), NULL);
  return self->prompt;
}

double
likeness_sample_get_scale (LikenessSample *self)
{
  g_return_val_if_fail (LIKENESS_IS_SAMPLE (self), 0.0);
  return self->scale;
}

const char *
likeness_sample_get_path (LikenessSample *self)
{
  g_return_val_if_fail (LIKENESS_IS_SAMPLE (self), NULL);
  return self->path;
}

/**
 * likeness_sample_get_texture:
 * @self: a sample
 *
 * Returns: (transfer none) (nullable): the image, once loaded
 */
GdkTexture *
likeness_sample_get_texture (LikenessSample *self)
{
  g_return_val_if_fail (LIKENESS_IS_SAMPLE (self), NULL);
  return self->texture;
}

gboolean
likeness_sample_get_loading (LikenessSample *self)
{
  g_return_val_if_fail (LIKENESS_IS_SAMPLE (self), FALSE);
  return self->loading > 0;
}

/**
 * likeness_sample_dup_caption:
 * @self: a sample
 *
 * Returns: (transfer full): "Prompt 2 · scale 0.8", for people
 */
char *
likeness_sample_dup_caption (LikenessSample *self)
{
  g_return_val_if_fail (LIKENESS_IS_SAMPLE (self), NULL);

  /* Translators: one image of the sample grid: which prompt, and the LoRA
   * scale it was made at (0.6, 0.8 or 1.0). */
  return g_strdup_printf (_("Prompt %u · scale %.1f"), self->prompt_index + 1, self->scale);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (task_data);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;

  texture = gdk_texture_new_from_file (file, &error);
  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LikenessSample *self = LIKENESS_SAMPLE (object);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  self->loading--;

  /* A sample not made yet has no file: it keeps its empty icon. */
  if (texture == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not read the sample %s: %s", self->path, error->message);

  if (texture != NULL && g_set_object (&self->texture, texture))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);

  if (self->loading == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * likeness_sample_load:
 * @self: a sample
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the image in a worker thread and sets #LikenessSample:texture when
 * it is there. A missing file leaves the sample without a texture.
 */
void
likeness_sample_load (LikenessSample *self,
                      GCancellable   *cancellable)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIKENESS_IS_SAMPLE (self));

  task = g_task_new (self, cancellable, load_cb, NULL);
  g_task_set_source_tag (task, likeness_sample_load);
  g_task_set_task_data (task, g_strdup (self->path), g_free);

  if (self->loading++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  g_task_run_in_thread (task, load_thread);
}
