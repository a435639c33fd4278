/* likeness-preferences-window.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-core.h"

#include "likeness-actions.h"
#include "likeness-compat.h"
#include "likeness-preferences-window.h"
#include "likeness-settings.h"
#include "likeness-training-preferences.h"

struct _LikenessPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned state. */
  GSettings            *settings;
  LkCredentials        *credentials;
  GCancellable         *cancellable;      /* Cancelled when the window closes. */
  GCancellable         *test_cancellable; /* (nullable) The running connection test. */
  LkKeySource           key_source;
  guint                 n_key_operations; /* Keyring lookups and changes running. */

  /* Template widgets. */
  AdwPasswordEntryRow  *key_row;
  AdwActionRow         *key_source_row;
  GtkButton            *remove_key_button;
  AdwEntryRow          *proxy_row;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  GtkStack             *test_button_stack;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_KEY_SOURCE,
  PROP_TESTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LikenessPreferencesWindow, likeness_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void refresh_key_source (LikenessPreferencesWindow *self);

static gboolean
is_closed (LikenessPreferencesWindow *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

static void
show_toast (LikenessPreferencesWindow *self,
            const char                *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
update_actions (LikenessPreferencesWindow *self)
{
  gboolean testing = self->test_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_PREFS_REMOVE_KEY,
                                 self->key_source == LK_KEY_SOURCE_KEYRING &&
                                 self->n_key_operations == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_PREFS_TEST_CONNECTION, !testing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), LIKENESS_PREFS_CANCEL_TEST, testing);
}

static void
key_operation_begin (LikenessPreferencesWindow *self)
{
  if (self->n_key_operations++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_actions (self);
}

static void
key_operation_end (LikenessPreferencesWindow *self)
{
  g_assert (self->n_key_operations > 0);

  if (--self->n_key_operations == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_actions (self);
}

static void
set_key_source (LikenessPreferencesWindow *self,
                LkKeySource                source,
                const char                *problem)
{
  const char *subtitle;

  switch (source)
    {
    case LK_KEY_SOURCE_ENVIRONMENT:
      subtitle = _("The FAL_KEY environment variable is set, so its key is used and the "
                   "keyring is ignored. A key saved here takes effect once FAL_KEY is unset.");
      break;

    case LK_KEY_SOURCE_KEYRING:
      subtitle = _("Saved in the keyring");
      break;

    case LK_KEY_SOURCE_NONE:
    default:
      subtitle = problem != NULL ? problem : _("No key yet. Paste one above and press Enter.");
      break;
    }

  adw_action_row_set_subtitle (self->key_source_row, subtitle);

  if (source == LK_KEY_SOURCE_ENVIRONMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self->key_source_row), "key-source-environment");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_source_row), "key-source-environment");

  if (self->key_source != source)
    {
      self->key_source = source;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_SOURCE]);
    }

  update_actions (self);
}

static void
lookup_source_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LikenessPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LkKeySource source = LK_KEY_SOURCE_NONE;
  char *key;

  key = lk_credentials_lookup_finish (LK_CREDENTIALS (object), result, &source, &error);
  lk_credentials_free_key (key);

  if (!is_closed (self))
    {
      /* A missing key is not a problem worth the error's wording here. */
      if (error != NULL && !g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY))
        set_key_source (self, LK_KEY_SOURCE_NONE, error->message);
      else
        set_key_source (self, key != NULL ? source : LK_KEY_SOURCE_NONE, NULL);
    }

  key_operation_end (self);
}

static void
refresh_key_source (LikenessPreferencesWindow *self)
{
  key_operation_begin (self);
  lk_credentials_lookup_async (self->credentials,
                               self->cancellable,
                               lookup_source_cb,
                               g_object_ref (self));
}

/* Whitespace sneaks in when a key is copied from a web page. */
static char *
dup_entered_key (LikenessPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->key_row));

  return g_strstrip (g_strdup (text));
}

static void
show_key_error (LikenessPreferencesWindow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
  show_toast (self, _("This is not a fal.ai API key. A key looks like “key-id:key-secret”."));
}

static void
store_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LikenessPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_credentials_store_finish (LK_CREDENTIALS (object), result, &error))
    {
      if (!is_closed (self))
        show_toast (self, error->message);
    }
  else if (!is_closed (self))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
      show_toast (self, _("The API key was saved to the keyring."));
      refresh_key_source (self);
    }

  if (!is_closed (self))
    gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), TRUE);

  key_operation_end (self);
}

static void
key_row_apply_cb (LikenessPreferencesWindow *self)
{
  char *key = dup_entered_key (self);

  if (!lk_credentials_key_is_valid (key))
    show_key_error (self);
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), FALSE);
      key_operation_begin (self);
      lk_credentials_store_async (self->credentials,
                                  key,
                                  self->cancellable,
                                  store_key_cb,
                                  g_object_ref (self));
    }

  lk_credentials_free_key (key);
}

static void
key_row_changed_cb (LikenessPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
}

static void
clear_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LikenessPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_credentials_clear_finish (LK_CREDENTIALS (object), result, &error))
    {
      if (!is_closed (self))
        show_toast (self, error->message);
    }
  else if (!is_closed (self))
    {
      show_toast (self, _("The API key was removed from the keyring."));
      refresh_key_source (self);
    }

  key_operation_end (self);
}

static void
remove_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikenessPreferencesWindow *self = LIKENESS_PREFERENCES_WINDOW (widget);

  key_operation_begin (self);
  lk_credentials_clear_async (self->credentials,
                              self->cancellable,
                              clear_key_cb,
                              g_object_ref (self));
}

static void
open_key_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  likeness_show_uri (GTK_WINDOW (widget), LIKENESS_KEY_PAGE_URL);
}

/* An empty proxy means none; otherwise fal's requests go to an HTTP(S)
 * server that needs a host. */
static gboolean
proxy_url_is_valid (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text[0] == '\0')
    return TRUE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

static void
proxy_row_changed_cb (LikenessPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->proxy_row))));

  if (proxy_url_is_valid (text))
    gtk_widget_remove_css_class (GTK_WIDGET (self->proxy_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->proxy_row), "error");
}

static void
proxy_row_apply_cb (LikenessPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->proxy_row))));

  if (!proxy_url_is_valid (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->proxy_row), "error");
      show_toast (self, _("This is not a proxy URL. Enter an address that starts with "
                          "http:// or https://, or leave it empty."));
      return;
    }

  g_settings_set_string (self->settings, LIKENESS_SETTINGS_PROXY_URL, text);
}

static void
proxy_setting_changed_cb (LikenessPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, LIKENESS_SETTINGS_PROXY_URL);

  if (g_strcmp0 (url, gtk_editable_get_text (GTK_EDITABLE (self->proxy_row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->proxy_row), url);
}

static void
set_test_state (LikenessPreferencesWindow *self,
                GCancellable              *cancellable,
                const char                *message,
                const char                *css_class)
{
  gboolean was_testing = self->test_cancellable != NULL;

  g_set_object (&self->test_cancellable, cancellable);

  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), cancellable != NULL);
  gtk_spinner_set_spinning (self->test_spinner, cancellable != NULL);
  gtk_stack_set_visible_child_name (self->test_button_stack, cancellable != NULL ? "cancel" : "test");

  adw_action_row_set_subtitle (self->test_row, message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_row), css_class);

  update_actions (self);

  if (was_testing != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TESTING]);
}

static void
finish_test (LikenessPreferencesWindow *self,
             const GError              *error)
{
  if (is_closed (self))
    return;

  if (error == NULL)
    set_test_state (self, NULL, _("Connected to fal.ai. The key works."), "success");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_test_state (self, NULL, _("The test was cancelled."), NULL);
  else
    set_test_state (self, NULL, error->message, "error");
}

static void
check_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LikenessPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  lk_fal_client_check_key_finish (LK_FAL_CLIENT (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Connection test failed: %s", error->message);

  finish_test (self, error);
}

static void
start_check (LikenessPreferencesWindow *self,
             const char                *key)
{
  g_autoptr(LkFalClient) client = lk_fal_client_new ();
  g_autofree char *proxy_url = g_settings_get_string (self->settings, LIKENESS_SETTINGS_PROXY_URL);

  lk_fal_client_set_key (client, key);
  if (proxy_url[0] != '\0')
    lk_fal_client_set_proxy_url (client, proxy_url);

  /* The task keeps the client alive until the check ends. */
  lk_fal_client_check_key_async (client,
                                 self->test_cancellable,
                                 check_key_cb,
                                 g_object_ref (self));
}

static void
lookup_for_test_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LikenessPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LkKeySource source = LK_KEY_SOURCE_NONE;
  char *key;

  key = lk_credentials_lookup_finish (LK_CREDENTIALS (object), result, &source, &error);

  if (key == NULL)
    {
      if (error == NULL || g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY))
        {
          g_autoptr(GError) no_key = NULL;

          no_key = g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY,
                                        _("There is no API key to test. Enter one above first."));
          finish_test (self, no_key);
        }
      else
        finish_test (self, error);
      return;
    }

  if (g_cancellable_is_cancelled (self->test_cancellable))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         "Cancelled");
      finish_test (self, cancelled);
    }
  else
    start_check (self, key);

  lk_credentials_free_key (key);
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LikenessPreferencesWindow *self = LIKENESS_PREFERENCES_WINDOW (widget);
  g_autoptr(GCancellable) cancellable = NULL;
  char *entered_key;

  if (self->test_cancellable != NULL)
    return;

  /* A key typed but not yet saved is what the person wants to try. */
  entered_key = dup_entered_key (self);
  if (entered_key[0] != '\0' && !lk_credentials_key_is_valid (entered_key))
    {
      lk_credentials_free_key (entered_key);
      show_key_error (self);
      return;
    }

  cancellable = g_cancellable_new ();
  set_test_state (self, cancellable, _("Connecting to fal.ai…"), NULL);

  if (entered_key[0] != '\0')
    start_check (self, entered_key);
  else
    lk_credentials_lookup_async (self->credentials,
                                 self->test_cancellable,
                                 lookup_for_test_cb,
                                 g_object_ref (self));

  lk_credentials_free_key (entered_key);
}

static void
cancel_test_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LikenessPreferencesWindow *self = LIKENESS_PREFERENCES_WINDOW (widget);

  if (self->test_cancellable != NULL)
    g_cancellable_cancel (self->test_cancellable);
}

gboolean
likeness_preferences_window_get_testing (LikenessPreferencesWindow *self)
{
  g_return_val_if_fail (LIKENESS_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->test_cancellable != NULL;
}

gboolean
likeness_preferences_window_get_busy (LikenessPreferencesWindow *self)
{
  g_return_val_if_fail (LIKENESS_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->n_key_operations > 0;
}

/* Stops a running test and keyring calls; their callbacks see is_closed().
 * Those callbacks hold a reference, so dispose would come only after they
 * end: gtk_window_destroy() unrealizes the window, which is the moment it
 * is gone for the person. */
static void
cancel_everything (LikenessPreferencesWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->test_cancellable != NULL)
    g_cancellable_cancel (self->test_cancellable);
}

static void
likeness_preferences_window_unrealize (GtkWidget *widget)
{
  cancel_everything (LIKENESS_PREFERENCES_WINDOW (widget));

  GTK_WIDGET_CLASS (likeness_preferences_window_parent_class)->unrealize (widget);
}

static void
likeness_preferences_window_dispose (GObject *object)
{
  LikenessPreferencesWindow *self = LIKENESS_PREFERENCES_WINDOW (object);

  cancel_everything (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (likeness_preferences_window_parent_class)->dispose (object);
}

static void
likeness_preferences_window_finalize (GObject *object)
{
  LikenessPreferencesWindow *self = LIKENESS_PREFERENCES_WINDOW (object);

  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->credentials);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (likeness_preferences_window_parent_class)->finalize (object);
}

static void
likeness_preferences_window_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  LikenessPreferencesWindow *self = LIKENESS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, likeness_preferences_window_get_busy (self));
      break;

    case PROP_KEY_SOURCE:
      g_value_set_enum (value, self->key_source);
      break;

    case PROP_TESTING:
      g_value_set_boolean (value, likeness_preferences_window_get_testing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_preferences_window_class_init (LikenessPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_preferences_window_dispose;
  object_class->finalize = likeness_preferences_window_finalize;
  object_class->get_property = likeness_preferences_window_get_property;

  widget_class->unrealize = likeness_preferences_window_unrealize;

  /**
   * LikenessPreferencesWindow:busy:
   *
   * Whether a keyring lookup, save or removal is running.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LikenessPreferencesWindow:key-source:
   *
   * Where the API key in use comes from.
   */
  properties[PROP_KEY_SOURCE] =
    g_param_spec_enum ("key-source", NULL, NULL,
                       LK_TYPE_KEY_SOURCE,
                       LK_KEY_SOURCE_NONE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LikenessPreferencesWindow:testing:
   *
   * Whether a connection test is running.
   */
  properties[PROP_TESTING] =
    g_param_spec_boolean ("testing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/likeness-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessPreferencesWindow, key_source_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessPreferencesWindow, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, LikenessPreferencesWindow, proxy_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, LikenessPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, LikenessPreferencesWindow, test_button_stack);
  gtk_widget_class_bind_template_callback (widget_class, key_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, proxy_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, proxy_row_changed_cb);

  gtk_widget_class_install_action (widget_class, LIKENESS_PREFS_REMOVE_KEY, NULL,
                                   remove_key_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_PREFS_OPEN_KEY_PAGE, NULL,
                                   open_key_page_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_PREFS_TEST_CONNECTION, NULL,
                                   test_connection_action);
  gtk_widget_class_install_action (widget_class, LIKENESS_PREFS_CANCEL_TEST, NULL,
                                   cancel_test_action);
}

static void
likeness_preferences_window_init (LikenessPreferencesWindow *self)
{
  g_autofree char *proxy_url = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (LIKENESS_SETTINGS_SCHEMA_ID);
  self->credentials = lk_credentials_new ();
  self->cancellable = g_cancellable_new ();

  proxy_url = g_settings_get_string (self->settings, LIKENESS_SETTINGS_PROXY_URL);
  gtk_editable_set_text (GTK_EDITABLE (self->proxy_row), proxy_url);
  g_signal_connect_object (self->settings,
                           "changed::" LIKENESS_SETTINGS_PROXY_URL,
                           G_CALLBACK (proxy_setting_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  update_actions (self);
  refresh_key_source (self);
}

static void
parent_destroyed_cb (LikenessPreferencesWindow *self)
{
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
}

LikenessPreferencesWindow *
likeness_preferences_window_new (GtkWindow *parent)
{
  LikenessPreferencesWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (LIKENESS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (likeness_training_preferences_new ()));

  /* The key lookup may keep this window alive after its parent is gone;
   * GTK would then unset the transient parent on a finalized window. */
  if (parent != NULL)
    g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed_cb),
                             self, G_CONNECT_SWAPPED);

  return self;
}
