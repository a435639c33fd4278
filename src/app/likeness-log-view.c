/* likeness-log-view.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-log-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likeness-actions.h"
#include "likeness-log-view.h"

/*
 * A job's log: a GtkListView over LkLogModel, so only the rows on screen
 * exist as widgets and a hundred thousand lines cost little more than their
 * strings. The model announces appends in batches (LK_LOG_MODEL_FLUSH_MSEC),
 * so the view relayouts a few times a second at most.
 *
 * Following the tail: while :following is set, every append scrolls to the
 * last line with the `list.scroll-to-item` action (gtk_list_view_scroll_to()
 * is GTK 4.12). Scrolling up stops following; coming back down to the end
 * starts it again, as terminals and Builder's build log do.
 *
 * Only the person's scrolling counts: GtkListView moves its adjustment by
 * itself while it lays out (its row heights are estimates until rows are
 * made), and that must not stop following. Layout happens between the
 * frame clock's "update" and "after-paint"; input is handled before, in
 * the flush-events phase, so value changes inside that span are ignored.
 */

/* How close to the end still counts as "at the bottom", in pixels. */
#define BOTTOM_SLACK 4.0

struct _LikenessLogView
{
  GtkWidget             parent_instance;

  LkLogModel           *model;             /* (owned) (nullable) */
  GtkSingleSelection   *selection;         /* (owned) */
  char                 *file_name;         /* (owned) (nullable) */
  GCancellable         *cancellable;       /* (owned): cancelled on dispose */
  GtkFileChooserNative *chooser;           /* (owned) (nullable) */
  double                last_value;
  guint                 stick_tick_id;
  GdkFrameClock        *frame_clock;       /* (nullable): while realized */
  gulong                flush_events_id;
  gulong                update_id;
  gulong                after_paint_id;
  guint                 in_frame : 1;
  guint                 following : 1;
  guint                 auto_scrolling : 1;

  /* Template widgets. */
  GtkBox               *toolbar;
  GtkLabel             *count_label;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkScrolledWindow    *scrolled_window;
  GtkListView          *list_view;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FOLLOWING,
  PROP_FILE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessLogView, likeness_log_view, GTK_TYPE_WIDGET)

/* Row formatting, called from the row template's closures. */

/* g_date_time_to_local() looks the local zone up again for every call,
 * which shows in a profile when a fast log scrolls; the zone is read once
 * and never changes after, so it is shared like a constant. */
static GTimeZone *
local_time_zone (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, g_time_zone_new_local ());

  return zone;
}

static char *
log_row_format_time (GtkListItem *item,
                     const char  *timestamp)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (timestamp == NULL || *timestamp == '\0')
    return g_strdup ("");

  /* fal sends ISO 8601 in UTC, sometimes without the zone. */
  utc = g_time_zone_new_utc ();
  time = g_date_time_new_from_iso8601 (timestamp, utc);
  if (time == NULL)
    return g_strdup (timestamp);

  local = g_date_time_to_timezone (time, local_time_zone ());
  return g_date_time_format (local, "%H:%M:%S");
}

static char *
log_row_format_message (GtkListItem *item,
                        const char  *level,
                        const char  *message)
{
  /* Only the levels worth noticing are shown, as fal spells them. */
  if (level != NULL &&
      (g_ascii_strcasecmp (level, "error") == 0 || g_ascii_strcasecmp (level, "warning") == 0 ||
       g_ascii_strcasecmp (level, "stderr") == 0))
    return g_strdup_printf ("%s: %s", level, message ? message : "");

  return g_strdup (message ? message : "");
}

/* Following */

static gboolean
is_at_bottom (GtkAdjustment *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  double limit = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  return value >= limit - BOTTOM_SLACK;
}

static GtkAdjustment *
get_vadjustment (LikenessLogView *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scrolled_window);
}

/**
 * likeness_log_view_scroll_to_end:
 * @self: a log view
 *
 * Shows the last line.
 */
void
likeness_log_view_scroll_to_end (LikenessLogView *self)
{
  guint n_items;

  g_return_if_fail (LIKENESS_IS_LOG_VIEW (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n_items == 0)
    return;

  self->auto_scrolling = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", n_items - 1);
}

static void
set_following (LikenessLogView *self,
               gboolean         following)
{
  following = !!following;
  if (self->following == following)
    return;

  self->following = following;
  if (following)
    likeness_log_view_scroll_to_end (self);
  else
    self->auto_scrolling = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

static void
vadjustment_value_changed_cb (LikenessLogView *self,
                              GtkAdjustment   *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  gboolean at_bottom = is_at_bottom (adjustment);

  if (at_bottom)
    self->auto_scrolling = FALSE;

  if (self->in_frame)
    {
      self->last_value = value;
      return;
    }

  if (!at_bottom && value < self->last_value && !self->auto_scrolling)
    set_following (self, FALSE);
  else if (at_bottom && value > self->last_value && !self->following)
    set_following (self, TRUE);

  self->last_value = value;
}

/* GTK 4.8 lines the last item up from estimated row heights, which can
 * leave the view a row short of the end; once the list has its real size,
 * a following view is pinned to the very bottom before the next frame. */
static gboolean
stick_to_bottom_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (widget);
  GtkAdjustment *adjustment = get_vadjustment (self);

  self->stick_tick_id = 0;

  if (self->following && !is_at_bottom (adjustment))
    {
      self->auto_scrolling = TRUE;
      gtk_adjustment_set_value (adjustment,
                                gtk_adjustment_get_upper (adjustment) -
                                gtk_adjustment_get_page_size (adjustment));
    }

  return G_SOURCE_REMOVE;
}

static void
vadjustment_changed_cb (LikenessLogView *self,
                        GtkAdjustment   *adjustment)
{
  if (self->following && self->stick_tick_id == 0 && !is_at_bottom (adjustment))
    self->stick_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), stick_to_bottom_cb, NULL, NULL);
}

static void
frame_update_cb (LikenessLogView *self)
{
  self->in_frame = TRUE;
}

static void
frame_after_paint_cb (LikenessLogView *self)
{
  self->in_frame = FALSE;
}

static void
likeness_log_view_realize (GtkWidget *widget)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (widget);

  GTK_WIDGET_CLASS (likeness_log_view_parent_class)->realize (widget);

  self->frame_clock = gtk_widget_get_frame_clock (widget);
  /* Input is handled in flush-events, before update: a frame that ends
   * early (a frozen clock skips after-paint) must not leave input ignored. */
  self->flush_events_id = g_signal_connect_swapped (self->frame_clock, "flush-events",
                                                    G_CALLBACK (frame_after_paint_cb), self);
  self->update_id = g_signal_connect_swapped (self->frame_clock, "update",
                                              G_CALLBACK (frame_update_cb), self);
  self->after_paint_id = g_signal_connect_swapped (self->frame_clock, "after-paint",
                                                   G_CALLBACK (frame_after_paint_cb), self);
}

static void
likeness_log_view_unrealize (GtkWidget *widget)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (widget);

  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->flush_events_id, self->frame_clock);
      g_clear_signal_handler (&self->update_id, self->frame_clock);
      g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
      self->frame_clock = NULL;
    }
  self->in_frame = FALSE;

  GTK_WIDGET_CLASS (likeness_log_view_parent_class)->unrealize (widget);
}

/* A wheel or touchpad scroll upwards is the person reading back, even
 * before the adjustment has moved. */
static gboolean
scroll_cb (LikenessLogView          *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  if (dy < 0)
    {
      self->auto_scrolling = FALSE;
      set_following (self, FALSE);
    }

  return GDK_EVENT_PROPAGATE;
}

/* The model */

static void
update_count (LikenessLogView *self)
{
  guint n_items = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *text = NULL;

  /* Translators: the number of lines in a training's log. */
  text = g_strdup_printf (ngettext ("%u line", "%u lines", n_items), n_items);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n_items > 0);
  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "lines" : "empty");
}

static void
items_changed_cb (LikenessLogView *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  update_count (self);

  if (added > 0 && self->following)
    likeness_log_view_scroll_to_end (self);
}

/* Search */

static void
set_search_failed (LikenessLogView *self,
                   gboolean         failed)
{
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
}

static void
show_match (LikenessLogView *self,
            guint            position)
{
  set_following (self, FALSE);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Searches forwards from @from, wrapping around at the end. */
static gboolean
search_forward (LikenessLogView *self,
                const char      *text,
                guint            from)
{
  guint position;

  if (self->model == NULL || *text == '\0')
    return FALSE;

  if (lk_log_model_search (self->model, text, from, &position) ||
      (from > 0 && lk_log_model_search (self->model, text, 0, &position)))
    {
      show_match (self, position);
      return TRUE;
    }

  return FALSE;
}

/* The core searches forwards only; one pass finds the last match before
 * @before, and if there is none, the last match of all (wrapping). */
static gboolean
search_backward (LikenessLogView *self,
                 const char      *text,
                 guint            before)
{
  gboolean found_before = FALSE;
  gboolean found_any = FALSE;
  guint last_before = 0;
  guint last_any = 0;
  guint from = 0;
  guint position;

  if (self->model == NULL || *text == '\0')
    return FALSE;

  while (lk_log_model_search (self->model, text, from, &position))
    {
      if (position < before)
        {
          last_before = position;
          found_before = TRUE;
        }
      last_any = position;
      found_any = TRUE;
      from = position + 1;
    }

  if (found_before)
    show_match (self, last_before);
  else if (found_any)
    show_match (self, last_any);

  return found_any;
}

static guint
selected_position (LikenessLogView *self)
{
  return gtk_single_selection_get_selected (self->selection);
}

static void
search_changed_cb (LikenessLogView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint from = selected_position (self);

  if (*text == '\0')
    {
      set_search_failed (self, FALSE);
      return;
    }

  set_search_failed (self, !search_forward (self, text, from == GTK_INVALID_LIST_POSITION ? 0 : from));
}

static void
search_next_cb (LikenessLogView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint from = selected_position (self);

  if (*text == '\0')
    return;

  set_search_failed (self, !search_forward (self, text, from == GTK_INVALID_LIST_POSITION ? 0 : from + 1));
}

static void
search_previous_cb (LikenessLogView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint before = selected_position (self);

  if (*text == '\0')
    return;

  set_search_failed (self, !search_backward (self, text,
                                             before == GTK_INVALID_LIST_POSITION ? G_MAXUINT : before));
}

static void
stop_search_cb (LikenessLogView *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  search_next_cb (LIKENESS_LOG_VIEW (widget));
}

static void
search_previous_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  search_previous_cb (LIKENESS_LOG_VIEW (widget));
}

static gboolean
start_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* Copy and save */

static void
show_toast (LikenessLogView *self,
            const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->model == NULL)
    return;

  text = lk_log_model_dup_text (self->model);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Log copied"));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * likeness_log_view_save_async:
 * @self: a log view
 * @file: where to write the log
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the whole log to @file, replacing it atomically. The writing
 * happens off the main thread.
 */
void
likeness_log_view_save_async (LikenessLogView     *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (LIKENESS_IS_LOG_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, likeness_log_view_save_async);

  text = self->model ? lk_log_model_dup_text (self->model) : g_strdup ("");
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, save_cb, g_steal_pointer (&task));
}

gboolean
likeness_log_view_save_finish (LikenessLogView  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == likeness_log_view_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (!likeness_log_view_save_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s says why a file could not be written. */
      message = g_strdup_printf (_("Could not save the log: %s"), error->message);
      show_toast (self, message);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is the name of the file the log was saved to. */
  message = g_strdup_printf (_("Log saved to “%s”"), name);
  show_toast (self, message);
}

static void
chooser_response_cb (LikenessLogView      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    likeness_log_view_save_async (self, file, self->cancellable, save_done_cb, g_object_ref (file));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  /* GtkFileChooserNative goes through the file chooser portal in Flatpak;
   * GtkFileDialog is GTK 4.10. */
  self->chooser = gtk_file_chooser_native_new (_("Save Log"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     self->file_name ? self->file_name : "likeness.log");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
likeness_log_view_dispose (GObject *object)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->stick_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->stick_tick_id);
  self->stick_tick_id = 0;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  likeness_log_view_set_model (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_LOG_VIEW);

  G_OBJECT_CLASS (likeness_log_view_parent_class)->dispose (object);
}

static void
likeness_log_view_finalize (GObject *object)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (likeness_log_view_parent_class)->finalize (object);
}

static void
likeness_log_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;

    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_log_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LikenessLogView *self = LIKENESS_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      likeness_log_view_set_model (self, g_value_get_object (value));
      break;

    case PROP_FOLLOWING:
      likeness_log_view_set_following (self, g_value_get_boolean (value));
      break;

    case PROP_FILE_NAME:
      likeness_log_view_set_file_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_log_view_class_init (LikenessLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_log_view_dispose;
  object_class->finalize = likeness_log_view_finalize;
  object_class->get_property = likeness_log_view_get_property;
  object_class->set_property = likeness_log_view_set_property;

  widget_class->realize = likeness_log_view_realize;
  widget_class->unrealize = likeness_log_view_unrealize;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LK_TYPE_LOG_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/likeness/Likeness/ui/likeness-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessLogView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LikenessLogView, count_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessLogView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LikenessLogView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LikenessLogView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LikenessLogView, stack);
  gtk_widget_class_bind_template_child (widget_class, LikenessLogView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, LikenessLogView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_property_action (widget_class, LIKENESS_LOG_FOLLOW, "following");
  gtk_widget_class_install_action (widget_class, LIKENESS_LOG_COPY, NULL, copy_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_LOG_SAVE, NULL, save_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_LOG_SEARCH_NEXT, NULL, search_next_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_LOG_SEARCH_PREVIOUS, NULL, search_previous_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, start_search_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "likeness-log-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (LK_TYPE_LOG_LINE);
}

static void
likeness_log_view_init (LikenessLogView *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->following = TRUE;
  self->cancellable = g_cancellable_new ();

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "log_row_format_time", G_CALLBACK (log_row_format_time),
                                           "log_row_format_message", G_CALLBACK (log_row_format_message),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/io/github/likeness/Likeness/ui/likeness-log-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (get_vadjustment (self), "value-changed",
                           G_CALLBACK (vadjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_vadjustment (self), "changed",
                           G_CALLBACK (vadjustment_changed_cb), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), controller);

  update_count (self);
}

GtkWidget *
likeness_log_view_new (void)
{
  return g_object_new (LIKENESS_TYPE_LOG_VIEW, NULL);
}

/**
 * likeness_log_view_get_model:
 * @self: a log view
 *
 * Returns: (transfer none) (nullable): the log shown
 */
LkLogModel *
likeness_log_view_get_model (LikenessLogView *self)
{
  g_return_val_if_fail (LIKENESS_IS_LOG_VIEW (self), NULL);
  return self->model;
}

void
likeness_log_view_set_model (LikenessLogView *self,
                             LkLogModel      *model)
{
  g_return_if_fail (LIKENESS_IS_LOG_VIEW (self));
  g_return_if_fail (!model || LK_IS_LOG_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);

  g_set_object (&self->model, model);

  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));

  self->last_value = 0;
  update_count (self);
  if (self->following)
    likeness_log_view_scroll_to_end (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

gboolean
likeness_log_view_get_following (LikenessLogView *self)
{
  g_return_val_if_fail (LIKENESS_IS_LOG_VIEW (self), FALSE);
  return self->following;
}

void
likeness_log_view_set_following (LikenessLogView *self,
                                 gboolean         following)
{
  g_return_if_fail (LIKENESS_IS_LOG_VIEW (self));
  set_following (self, following);
}

const char *
likeness_log_view_get_file_name (LikenessLogView *self)
{
  g_return_val_if_fail (LIKENESS_IS_LOG_VIEW (self), NULL);
  return self->file_name;
}

/**
 * likeness_log_view_set_file_name:
 * @self: a log view
 * @file_name: (nullable): the name "Save Log…" suggests
 */
void
likeness_log_view_set_file_name (LikenessLogView *self,
                                 const char      *file_name)
{
  g_return_if_fail (LIKENESS_IS_LOG_VIEW (self));

  if (g_strcmp0 (self->file_name, file_name) == 0)
    return;

  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_NAME]);
}

/**
 * likeness_log_view_get_list_view:
 * @self: a log view
 *
 * Returns: (transfer none): the list, for tests and focus handling
 */
GtkListView *
likeness_log_view_get_list_view (LikenessLogView *self)
{
  g_return_val_if_fail (LIKENESS_IS_LOG_VIEW (self), NULL);
  return self->list_view;
}
