/* likeness-window.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-window"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-settings.h"
#include "likeness-window-private.h"

/* Trainers do best with this many photos of one subject. */
#define GOOD_MIN_PHOTOS 10
#define GOOD_MAX_PHOTOS 30

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PHOTO_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessWindow, likeness_window, ADW_TYPE_APPLICATION_WINDOW)

static void
likeness_window_update (LikenessWindow *self)
{
  guint n_photos = g_hash_table_size (self->photos);
  gboolean busy = self->n_scans > 0;

  if (n_photos > 0)
    {
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;

      /* Translators: The title of the page shown after photos were added. */
      title = g_strdup_printf (ngettext ("%u Photo", "%u Photos", n_photos), n_photos);

      if (n_photos < GOOD_MIN_PHOTOS)
        {
          guint missing = GOOD_MIN_PHOTOS - n_photos;

          /* Translators: %u is how many more photos to add to reach 10. */
          description = g_strdup_printf (ngettext ("Add %u more for a good likeness: trainers do "
                                                   "best with 10 to 30 photos.",
                                                   "Add %u more for a good likeness: trainers do "
                                                   "best with 10 to 30 photos.",
                                                   missing),
                                         missing);
        }
      else if (n_photos <= GOOD_MAX_PHOTOS)
        description = g_strdup (_("A good number for training."));
      else
        description = g_strdup (_("More than 30 photos rarely make a better likeness. "
                                  "Consider keeping only the best ones."));

      adw_status_page_set_title (self->photos_page, title);
      adw_status_page_set_description (self->photos_page, description);
      gtk_stack_set_visible_child_name (self->stack, "photos");
    }
  else if (busy)
    gtk_stack_set_visible_child_name (self->stack, "scanning");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  /* The big spinner has the page to itself; once photos are shown, further
   * scans only turn the small one in the header bar. */
  gtk_widget_set_visible (GTK_WIDGET (self->scan_spinner), busy && n_photos > 0);
  gtk_spinner_set_spinning (self->scan_spinner, busy && n_photos > 0);
  gtk_spinner_set_spinning (self->scanning_spinner, busy && n_photos == 0);

  _likeness_window_actions_update (self);
}

static void
show_scan_outcome (LikenessWindow *self,
                   guint           n_found,
                   guint           n_new,
                   guint           n_skipped,
                   guint           n_unreadable)
{
  g_autofree char *message = NULL;

  if (n_found == 0 && n_unreadable == 0)
    message = g_strdup (_("No photos found. Likeness reads JPEG, PNG and WebP images."));
  else if (n_unreadable > 0)
    /* Translators: %u is a number of dropped files or folders. */
    message = g_strdup_printf (ngettext ("%u item could not be read.",
                                         "%u items could not be read.",
                                         n_unreadable),
                               n_unreadable);
  else if (n_skipped > 0)
    /* Translators: %u is a number of files. */
    message = g_strdup_printf (ngettext ("%u file is not a photo and was skipped.",
                                         "%u files are not photos and were skipped.",
                                         n_skipped),
                               n_skipped);
  else if (n_new == 0)
    message = g_strdup (_("These photos were already added."));

  /* The latest drop is what the person is looking at: its outcome replaces
   * an older toast rather than queueing behind it. */
  if (message != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      likeness_window_add_toast (self, toast);
    }
}

static void
scan_files_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LikenessWindow *self = LIKENESS_WINDOW (object);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  guint n_photos_before = g_hash_table_size (self->photos);
  guint n_skipped = 0;
  guint n_unreadable = 0;

  g_assert (self->n_scans > 0);
  self->n_scans--;

  if (!_likeness_window_scan_files_finish (self, result, &photos, &n_skipped, &n_unreadable, &error))
    {
      /* Cancelled by "Start Over" or by closing the window: stay quiet. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        likeness_window_add_toast (self, adw_toast_new (error->message));
    }
  else
    {
      for (guint i = 0; i < photos->len; i++)
        g_hash_table_add (self->photos, g_object_ref (g_ptr_array_index (photos, i)));

      show_scan_outcome (self,
                         photos->len,
                         g_hash_table_size (self->photos) - n_photos_before,
                         n_skipped,
                         n_unreadable);
    }

  likeness_window_update (self);

  if (g_hash_table_size (self->photos) != n_photos_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO_COUNT]);
  if (self->n_scans == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * likeness_window_add_files:
 * @self: a #LikenessWindow
 * @files: (array length=n_files): files and folders to look through
 * @n_files: the length of @files
 *
 * Looks for photos in @files in the background (folders are searched too)
 * and adds them. Returns at once; #LikenessWindow:busy is %TRUE meanwhile.
 */
void
likeness_window_add_files (LikenessWindow  *self,
                           GFile          **files,
                           guint            n_files)
{
  g_return_if_fail (LIKENESS_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  self->n_scans++;
  _likeness_window_scan_files_async (self, files, n_files, self->cancellable, scan_files_cb, NULL);

  likeness_window_update (self);
  if (self->n_scans == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * likeness_window_clear_photos:
 * @self: a #LikenessWindow
 *
 * Forgets every photo and stops any scan that is still running.
 */
void
likeness_window_clear_photos (LikenessWindow *self)
{
  guint n_photos;

  g_return_if_fail (LIKENESS_IS_WINDOW (self));

  n_photos = g_hash_table_size (self->photos);

  /* Running scans finish with G_IO_ERROR_CANCELLED and lower n_scans
   * themselves; new scans get a fresh cancellable. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_hash_table_remove_all (self->photos);
  likeness_window_update (self);

  if (n_photos > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO_COUNT]);
}

guint
likeness_window_get_photo_count (LikenessWindow *self)
{
  g_return_val_if_fail (LIKENESS_IS_WINDOW (self), 0);

  return g_hash_table_size (self->photos);
}

gboolean
likeness_window_get_busy (LikenessWindow *self)
{
  g_return_val_if_fail (LIKENESS_IS_WINDOW (self), FALSE);

  return self->n_scans > 0;
}

void
likeness_window_add_toast (LikenessWindow *self,
                           AdwToast       *toast)
{
  g_return_if_fail (LIKENESS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
likeness_window_restore_size (LikenessWindow *self)
{
  int width = g_settings_get_int (self->settings, LIKENESS_SETTINGS_WINDOW_WIDTH);
  int height = g_settings_get_int (self->settings, LIKENESS_SETTINGS_WINDOW_HEIGHT);

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, LIKENESS_SETTINGS_WINDOW_MAXIMIZED))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Saved once on close rather than bound, so that resizing does not write
 * settings on every frame, and clamped to the schema's ranges. */
static gboolean
likeness_window_close_request (GtkWindow *window)
{
  LikenessWindow *self = LIKENESS_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width = 0;
  int height = 0;

  g_settings_set_boolean (self->settings, LIKENESS_SETTINGS_WINDOW_MAXIMIZED, maximized);

  gtk_window_get_default_size (window, &width, &height);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, LIKENESS_SETTINGS_WINDOW_WIDTH, CLAMP (width, 360, 32768));
      g_settings_set_int (self->settings, LIKENESS_SETTINGS_WINDOW_HEIGHT, CLAMP (height, 294, 32768));
    }

  return GTK_WINDOW_CLASS (likeness_window_parent_class)->close_request (window);
}

/* Scans hold a reference to the window, so dispose only comes after they
 * end; gtk_window_destroy() unrealizes the window first, and that is when
 * the search should stop. */
static void
likeness_window_unrealize (GtkWidget *widget)
{
  LikenessWindow *self = LIKENESS_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (likeness_window_parent_class)->unrealize (widget);
}

static void
likeness_window_dispose (GObject *object)
{
  LikenessWindow *self = LIKENESS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_WINDOW);

  G_OBJECT_CLASS (likeness_window_parent_class)->dispose (object);
}

static void
likeness_window_finalize (GObject *object)
{
  LikenessWindow *self = LIKENESS_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->photos, g_hash_table_unref);

  G_OBJECT_CLASS (likeness_window_parent_class)->finalize (object);
}

static void
likeness_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LikenessWindow *self = LIKENESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, likeness_window_get_busy (self));
      break;

    case PROP_PHOTO_COUNT:
      g_value_set_uint (value, likeness_window_get_photo_count (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_window_class_init (LikenessWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = likeness_window_dispose;
  object_class->finalize = likeness_window_finalize;
  object_class->get_property = likeness_window_get_property;

  widget_class->unrealize = likeness_window_unrealize;

  window_class->close_request = likeness_window_close_request;

  /**
   * LikenessWindow:busy:
   *
   * Whether the window is still looking for photos in what was added.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LikenessWindow:photo-count:
   *
   * How many different photos were found in what was added.
   */
  properties[PROP_PHOTO_COUNT] =
    g_param_spec_uint ("photo-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/likeness-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, photos_page);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, scan_spinner);
  gtk_widget_class_bind_template_child (widget_class, LikenessWindow, scanning_spinner);

  _likeness_window_class_actions_init (klass);
}

static void
likeness_window_init (LikenessWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (LIKENESS_SETTINGS_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();
  self->photos = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, NULL);

  adw_status_page_set_icon_name (self->empty_page, LIKENESS_ICON_NAME);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  likeness_window_restore_size (self);
  _likeness_window_dnd_init (self);
  likeness_window_update (self);
}

LikenessWindow *
likeness_window_new (LikenessApplication *application)
{
  g_return_val_if_fail (!application || LIKENESS_IS_APPLICATION (application), NULL);

  return g_object_new (LIKENESS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
