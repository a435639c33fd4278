/* likeness-image-tile.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One photo in the dataset grid: its thumbnail, the doctor's badges and
 * the first line of its caption. Tiles are recycled by GtkGridView, so
 * everything is set again on each bind.
 */

#define G_LOG_DOMAIN "likeness-image-tile"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-image-tile.h"

struct _LikenessImageTile
{
  GtkWidget       parent_instance;

  LkDatasetImage *image;     /* (owned) (nullable) */
  GCancellable   *loading;   /* (owned) (nullable) the thumbnail being read */
  guint           n_badges;

  GtkPicture     *picture;
  GtkImage       *empty_icon;
  GtkImage       *error_badge;
  GtkImage       *warning_badge;
  GtkInscription *caption;
};

G_DEFINE_FINAL_TYPE (LikenessImageTile, likeness_image_tile, GTK_TYPE_WIDGET)

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_file (task_data, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LikenessImageTile *self = LIKENESS_IMAGE_TILE (object);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("No thumbnail: %s", error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->empty_icon), TRUE);
        }
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
}

/* Decoding even a small image takes milliseconds, and a grid binds dozens
 * of tiles in one frame: the thumbnail is read in a thread. */
static void
load_thumbnail (LikenessImageTile *self,
                GFile             *thumbnail)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_icon), thumbnail == NULL);

  if (thumbnail == NULL)
    return;

  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, load_cb, NULL);
  g_task_set_source_tag (task, load_thumbnail);
  g_task_set_task_data (task, g_object_ref (thumbnail), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * likeness_image_tile_set_image:
 * @self: a tile
 * @image: (nullable): the photo to show
 * @errors: (nullable): the doctor's problems with it, one a line
 * @warnings: (nullable): its warnings, one a line
 */
void
likeness_image_tile_set_image (LikenessImageTile *self,
                               LkDatasetImage    *image,
                               const char        *errors,
                               const char        *warnings)
{
  gboolean has_errors = errors != NULL && *errors != '\0';
  gboolean has_warnings = !has_errors && warnings != NULL && *warnings != '\0';
  g_autofree char *label = NULL;
  const char *caption;

  g_return_if_fail (LIKENESS_IS_IMAGE_TILE (self));
  g_return_if_fail (image == NULL || LK_IS_DATASET_IMAGE (image));

  /* A new report rebinds the same image: keep its thumbnail. */
  if (g_set_object (&self->image, image))
    load_thumbnail (self, image ? lk_dataset_image_get_thumbnail (image) : NULL);

  self->n_badges = has_errors + has_warnings;
  if (image == NULL)
    return;

  /* Setting a tooltip costs an X round trip: only when it changes. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_badge), has_errors);
  if (has_errors && g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->error_badge)), errors) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_badge), errors);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_badge), has_warnings);
  if (has_warnings && g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->warning_badge)), warnings) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning_badge), warnings);

  caption = lk_dataset_image_get_caption (image);
  gtk_inscription_set_text (self->caption,
                            caption != NULL && *caption != '\0' ? caption
                                                                : lk_dataset_image_get_display_name (image));

  /* Screen readers hear the name and what the doctor found, which the
   * badges only show as colour and shape. */
  label = g_strdup_printf ("%s%s%s%s%s",
                           lk_dataset_image_get_display_name (image),
                           has_errors ? ". " : "", has_errors ? errors : "",
                           warnings && *warnings ? ". " : "", warnings ? warnings : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

LkDatasetImage *
likeness_image_tile_get_image (LikenessImageTile *self)
{
  g_return_val_if_fail (LIKENESS_IS_IMAGE_TILE (self), NULL);

  return self->image;
}

guint
likeness_image_tile_get_n_badges (LikenessImageTile *self)
{
  g_return_val_if_fail (LIKENESS_IS_IMAGE_TILE (self), 0);

  return self->n_badges;
}

static void
likeness_image_tile_dispose (GObject *object)
{
  LikenessImageTile *self = LIKENESS_IMAGE_TILE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->image);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_IMAGE_TILE);
  /* The template's top box is not a bound child, so it is left to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (likeness_image_tile_parent_class)->dispose (object);
}

static void
likeness_image_tile_class_init (LikenessImageTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_image_tile_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/likeness-image-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessImageTile, picture);
  gtk_widget_class_bind_template_child (widget_class, LikenessImageTile, empty_icon);
  gtk_widget_class_bind_template_child (widget_class, LikenessImageTile, error_badge);
  gtk_widget_class_bind_template_child (widget_class, LikenessImageTile, warning_badge);
  gtk_widget_class_bind_template_child (widget_class, LikenessImageTile, caption);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "imagetile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
likeness_image_tile_init (LikenessImageTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
likeness_image_tile_new (void)
{
  return g_object_new (LIKENESS_TYPE_IMAGE_TILE, NULL);
}
