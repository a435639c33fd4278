/* likeness-application.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "likeness-application"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-actions.h"
#include "likeness-application-private.h"
#include "likeness-preferences-window.h"
#include "likeness-settings.h"
#include "likeness-window.h"


G_DEFINE_FINAL_TYPE (LikenessApplication, likeness_application, ADW_TYPE_APPLICATION)

static GtkWindow *
get_or_create_window (LikenessApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* The preferences or a dialog may be the active window. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL && !LIKENESS_IS_WINDOW (window);
       l = l->next)
    window = l->data;

  if (!LIKENESS_IS_WINDOW (window))
    {
      window = GTK_WINDOW (likeness_window_new (self));
      likeness_window_set_job_manager (LIKENESS_WINDOW (window), self->manager);
    }

  return window;
}

static void
likeness_application_activate (GApplication *application)
{
  gtk_window_present (get_or_create_window (LIKENESS_APPLICATION (application)));
}

/* "likeness FOLDER…" and "Open With" in Files: the files are looked
 * through exactly as if they had been dropped on the window. */
static void
likeness_application_open (GApplication  *application,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  LikenessWindow *window;

  window = LIKENESS_WINDOW (get_or_create_window (LIKENESS_APPLICATION (application)));
  likeness_window_add_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LikenessApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it save its state and cancel its work. */
  for (const GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LikenessApplication *self = user_data;
  static const char *developers[] = {
    "The Likeness developers",
    NULL
  };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Likeness"));
  adw_about_window_set_application_icon (about, LIKENESS_ICON_NAME);
  adw_about_window_set_developer_name (about, _("The Likeness developers"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _("Train FLUX LoRAs of a person, style or product on fal.ai."));
  adw_about_window_set_website (about, LIKENESS_WEBSITE_URL);
  adw_about_window_set_issue_url (about, LIKENESS_ISSUE_URL);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 The Likeness developers");
  adw_about_window_set_developers (about, developers);
  /* Translators: Replace "translator-credits" with your name and email,
   * one translator a line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LikenessApplication *self = user_data;
  GtkWindow *parent = get_or_create_window (self);
  LikenessPreferencesWindow *preferences;

  preferences = likeness_preferences_window_new (parent);
  /* A key added or removed there is used by the next job. */
  g_signal_connect_object (preferences, "destroy", G_CALLBACK (_likeness_application_reload_key),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LikenessApplication *self = user_data;
  GtkWindow *window = get_or_create_window (self);

  /* GtkApplication loads gtk/help-overlay.ui from our resources and gives
   * each application window a win.show-help-overlay action for it. */
  gtk_widget_activate_action (GTK_WIDGET (window), LIKENESS_WIN_SHOW_HELP_OVERLAY, NULL);
}

static void
show_job_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  LikenessApplication *self = user_data;
  const char *text = g_variant_get_string (parameter, NULL);
  GtkWindow *window = get_or_create_window (self);
  gint64 job_id = g_ascii_strtoll (text, NULL, 10);

  if (!likeness_window_show_job_id (LIKENESS_WINDOW (window), job_id))
    likeness_window_add_toast (LIKENESS_WINDOW (window),
                               adw_toast_new (_("That job is no longer in the list.")));
  gtk_window_present (window);
}

static void
show_step_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LikenessApplication *self = user_data;
  GtkWindow *window = get_or_create_window (self);

  likeness_window_show_step (LIKENESS_WINDOW (window), g_variant_get_string (parameter, NULL));
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { LIKENESS_APP_QUIT, quit_action },
  { LIKENESS_APP_ABOUT, about_action },
  { LIKENESS_APP_PREFERENCES, preferences_action },
  { LIKENESS_APP_SHORTCUTS, shortcuts_action },
  { LIKENESS_APP_SHOW_JOB, show_job_action, "s" },
  { LIKENESS_APP_SHOW_STEP, show_step_action, "s" },
};

static void
likeness_application_startup (GApplication *application)
{
  LikenessApplication *self = LIKENESS_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app." LIKENESS_APP_QUIT, { "<Control>q", NULL } },
    { "app." LIKENESS_APP_PREFERENCES, { "<Control>comma", NULL } },
    { "app." LIKENESS_APP_SHORTCUTS, { "<Control>question", NULL } },
  };
  static const char *no_accels[] = { NULL };

  G_APPLICATION_CLASS (likeness_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);

  /* app.shortcuts owns Ctrl+? so the menu shows it; GtkApplication would
   * otherwise bind the same keys to win.show-help-overlay as well. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         LIKENESS_WIN_SHOW_HELP_OVERLAY,
                                         no_accels);

  _likeness_application_jobs_startup (self);
}

static void
likeness_application_dispose (GObject *object)
{
  LikenessApplication *self = LIKENESS_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->held, g_hash_table_unref);
  g_clear_object (&self->manager);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (likeness_application_parent_class)->dispose (object);
}

static void
likeness_application_class_init (LikenessApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = likeness_application_dispose;

  app_class->activate = likeness_application_activate;
  app_class->open = likeness_application_open;
  app_class->startup = likeness_application_startup;
}

static void
likeness_application_init (LikenessApplication *self)
{
  self->cancellable = g_cancellable_new ();
  self->held = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

LikenessApplication *
likeness_application_new (void)
{
  return g_object_new (LIKENESS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}
