/* likeness-image-viewer.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-image-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-actions.h"
#include "likeness-image-viewer.h"
#include "likeness-sample.h"

/*
 * The sample grid, one image at a time and as large as the window allows.
 * Left and Right step through the samples, Up and Down move a row of the
 * grid (one prompt: its scales), Escape closes.
 */

struct _LikenessImageViewer
{
  AdwWindow       parent_instance;

  GListModel     *samples;        /* (owned) (element-type LikenessSample) */
  LikenessSample *shown;          /* (owned) (nullable) */
  guint           position;
  guint           columns;

  /* Template widgets. */
  AdwWindowTitle *window_title;
  GtkPicture     *picture;
  GtkLabel       *prompt_label;
};

enum {
  PROP_0,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessImageViewer, likeness_image_viewer, ADW_TYPE_WINDOW)

static void
shown_texture_cb (LikenessImageViewer *self)
{
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (likeness_sample_get_texture (self->shown)));
}

static void
update (LikenessImageViewer *self)
{
  guint n_items = g_list_model_get_n_items (self->samples);
  g_autoptr(LikenessSample) sample = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *counter = NULL;

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_func (self->shown, shown_texture_cb, self);
  g_clear_object (&self->shown);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_VIEWER_PREVIOUS, self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_VIEWER_NEXT, self->position + 1 < n_items);

  if (self->position >= n_items)
    {
      gtk_picture_set_paintable (self->picture, NULL);
      adw_window_title_set_title (self->window_title, "");
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_label_set_label (self->prompt_label, "");
      return;
    }

  sample = g_list_model_get_item (self->samples, self->position);
  self->shown = g_object_ref (sample);
  g_signal_connect_object (sample, "notify::texture", G_CALLBACK (shown_texture_cb), self,
                           G_CONNECT_SWAPPED);
  shown_texture_cb (self);

  caption = likeness_sample_dup_caption (sample);
  /* Translators: which sample is shown, as in "4 of 9". */
  counter = g_strdup_printf (_("%u of %u"), self->position + 1, n_items);
  adw_window_title_set_title (self->window_title, caption);
  adw_window_title_set_subtitle (self->window_title, counter);
  gtk_label_set_label (self->prompt_label, likeness_sample_get_prompt (sample));
}

static void
move (LikenessImageViewer *self,
      int                  delta)
{
  gint64 target = (gint64) self->position + delta;
  guint n_items = g_list_model_get_n_items (self->samples);

  if (target < 0 || target >= n_items)
    return;

  likeness_image_viewer_set_position (self, (guint) target);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move (LIKENESS_IMAGE_VIEWER (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move (LIKENESS_IMAGE_VIEWER (widget), 1);
}

static void
up_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  LikenessImageViewer *self = LIKENESS_IMAGE_VIEWER (widget);

  move (self, -(int) self->columns);
}

static void
down_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LikenessImageViewer *self = LIKENESS_IMAGE_VIEWER (widget);

  move (self, (int) self->columns);
}

/* GtkWindow binds the arrow keys to moving the focus; here they walk the
 * grid, so they are caught before the window sees them. */
static gboolean
key_pressed_cb (LikenessImageViewer   *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  const char *action = NULL;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      action = LIKENESS_VIEWER_PREVIOUS;
      break;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      action = LIKENESS_VIEWER_NEXT;
      break;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      action = LIKENESS_VIEWER_UP;
      break;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      action = LIKENESS_VIEWER_DOWN;
      break;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return GDK_EVENT_STOP;
}

static void
likeness_image_viewer_dispose (GObject *object)
{
  LikenessImageViewer *self = LIKENESS_IMAGE_VIEWER (object);

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_func (self->shown, shown_texture_cb, self);
  g_clear_object (&self->shown);
  g_clear_object (&self->samples);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_IMAGE_VIEWER);

  G_OBJECT_CLASS (likeness_image_viewer_parent_class)->dispose (object);
}

static void
likeness_image_viewer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LikenessImageViewer *self = LIKENESS_IMAGE_VIEWER (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_image_viewer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LikenessImageViewer *self = LIKENESS_IMAGE_VIEWER (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      likeness_image_viewer_set_position (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_image_viewer_class_init (LikenessImageViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_image_viewer_dispose;
  object_class->get_property = likeness_image_viewer_get_property;
  object_class->set_property = likeness_image_viewer_set_property;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/likeness/Likeness/ui/likeness-image-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessImageViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, LikenessImageViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, LikenessImageViewer, prompt_label);

  gtk_widget_class_install_action (widget_class, LIKENESS_VIEWER_PREVIOUS, NULL, previous_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_VIEWER_NEXT, NULL, next_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_VIEWER_UP, NULL, up_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_VIEWER_DOWN, NULL, down_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, LIKENESS_VIEWER_PREVIOUS, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, LIKENESS_VIEWER_PREVIOUS, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, LIKENESS_VIEWER_NEXT, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, LIKENESS_VIEWER_NEXT, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, LIKENESS_VIEWER_UP, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, LIKENESS_VIEWER_UP, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, LIKENESS_VIEWER_DOWN, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, LIKENESS_VIEWER_DOWN, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
likeness_image_viewer_init (LikenessImageViewer *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * likeness_image_viewer_new:
 * @parent: (nullable): the window it belongs to
 * @samples: a #GListModel of #LikenessSample
 * @columns: samples per row of the grid, for Up and Down
 *
 * Returns: (transfer full): a new viewer on the first sample
 */
LikenessImageViewer *
likeness_image_viewer_new (GtkWindow  *parent,
                           GListModel *samples,
                           guint       columns)
{
  LikenessImageViewer *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (samples), NULL);

  self = g_object_new (LIKENESS_TYPE_IMAGE_VIEWER,
                       "transient-for", parent,
                       NULL);
  self->samples = g_object_ref (samples);
  self->columns = MAX (columns, 1);
  g_signal_connect_object (samples, "items-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return self;
}

guint
likeness_image_viewer_get_position (LikenessImageViewer *self)
{
  g_return_val_if_fail (LIKENESS_IS_IMAGE_VIEWER (self), 0);
  return self->position;
}

void
likeness_image_viewer_set_position (LikenessImageViewer *self,
                                    guint                position)
{
  g_return_if_fail (LIKENESS_IS_IMAGE_VIEWER (self));

  if (self->position == position)
    return;

  self->position = position;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
