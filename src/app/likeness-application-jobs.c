/* likeness-application-jobs.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application owns the jobs, not the window: the store, the fal client
 * and the manager live as long as the process, so a training goes on when
 * its window is closed. The application holds itself while a job runs and
 * tells the person with a notification when one ends unseen.
 */

#define G_LOG_DOMAIN "likeness-application-jobs"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-actions.h"
#include "likeness-application-private.h"
#include "likeness-settings.h"
#include "likeness-window.h"

static void
for_each_window (LikenessApplication *self,
                 void               (*func) (LikenessWindow *window,
                                             gpointer        data),
                 gpointer             data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LIKENESS_IS_WINDOW (l->data))
      func (l->data, data);
}

static void
set_manager_cb (LikenessWindow *window,
                gpointer        data)
{
  likeness_window_set_job_manager (window, data);
}

/* A notification only when the person does not see the window; otherwise
 * a toast says the same thing where they look. */
static void
announce_end (LikenessApplication *self,
              LkJob               *job)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, lk_job_get_id (job));
  g_autofree char *notification_id = g_strdup_printf ("job-%s", id);
  g_autofree char *body = NULL;
  const char *title;

  switch (lk_job_get_phase (job))
    {
    case LK_JOB_PHASE_DONE:
      title = _("Training Finished");
      /* Translators: %s is the name of a training job. */
      body = g_strdup_printf (_("“%s” is ready to try."), lk_job_get_name (job));
      break;

    case LK_JOB_PHASE_FAILED:
      title = _("Training Failed");
      body = g_strdup_printf ("%s: %s", lk_job_get_name (job),
                              lk_job_get_failure_reason (job) ? lk_job_get_failure_reason (job) : "");
      break;

    case LK_JOB_PHASE_CANCELLED:
      title = _("Training Cancelled");
      body = g_strdup (lk_job_get_name (job));
      break;

    case LK_JOB_PHASE_PREPARING:
    case LK_JOB_PHASE_PACKING:
    case LK_JOB_PHASE_UPLOADING:
    case LK_JOB_PHASE_SUBMITTING:
    case LK_JOB_PHASE_QUEUED:
    case LK_JOB_PHASE_RUNNING:
    case LK_JOB_PHASE_DOWNLOADING:
    default:
      return;
    }

  if (LIKENESS_IS_WINDOW (window) && gtk_window_is_active (window))
    {
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "app." LIKENESS_APP_SHOW_JOB);
      adw_toast_set_action_target_value (toast, g_variant_new_string (id));
      likeness_window_add_toast (LIKENESS_WINDOW (window), toast);
    }
  else
    {
      g_autoptr(GNotification) notification = g_notification_new (title);

      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app." LIKENESS_APP_SHOW_JOB, "s", id);
      g_notification_add_button_with_target (notification, _("Open"), "app." LIKENESS_APP_SHOW_JOB, "s", id);
      g_application_send_notification (G_APPLICATION (self), notification_id, notification);
    }
}

static void
job_active_cb (LikenessApplication *self,
               GParamSpec          *pspec,
               LkJob               *job)
{
  gboolean held = g_hash_table_contains (self->held, job);

  if (lk_job_get_active (job) && !held)
    {
      g_application_hold (G_APPLICATION (self));
      g_hash_table_add (self->held, g_object_ref (job));
    }
  else if (!lk_job_get_active (job) && held)
    {
      announce_end (self, job);
      g_hash_table_remove (self->held, job);
      g_application_release (G_APPLICATION (self));
    }
}

static void
jobs_changed_cb (LikenessApplication *self,
                 guint                position,
                 guint                removed,
                 guint                added,
                 GListModel          *jobs)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LkJob) job = g_list_model_get_item (jobs, i);

      g_signal_connect_object (job, "notify::active", G_CALLBACK (job_active_cb), self, G_CONNECT_SWAPPED);
      job_active_cb (self, NULL, job);
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LikenessApplication) self = user_data;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  jobs = lk_job_manager_load_finish (LK_JOB_MANAGER (object), result, &error);
  if (jobs == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not reattach to the unfinished jobs: %s", error->message);
}

static void
download_folder_changed_cb (LikenessApplication *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, LIKENESS_SETTINGS_DOWNLOAD_FOLDER);

  if (self->manager != NULL)
    lk_job_manager_set_download_folder (self->manager, *folder != '\0' ? folder : NULL);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LikenessApplication) self = user_data;
  g_autoptr(LkJobStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *jobs;

  store = lk_job_store_new_finish (result, &error);
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not open the list of jobs: %s", error->message);
      return;
    }

  self->manager = lk_job_manager_new (self->client, store);
  download_folder_changed_cb (self);

  jobs = lk_job_manager_get_jobs (self->manager);
  g_signal_connect_object (jobs, "items-changed", G_CALLBACK (jobs_changed_cb), self, G_CONNECT_SWAPPED);
  jobs_changed_cb (self, 0, 0, g_list_model_get_n_items (jobs), jobs);

  for_each_window (self, set_manager_cb, self->manager);
  lk_job_manager_load_async (self->manager, TRUE, self->cancellable, load_cb, g_object_ref (self));
}

static void
key_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LikenessApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  key = lk_credentials_lookup_finish (LK_CREDENTIALS (object), result, NULL, &error);
  /* No key is a normal first run: Start says where to add one. */
  lk_fal_client_set_key (self->client, key);
  if (key != NULL)
    lk_credentials_free_key (key);
  else if (error != NULL)
    g_debug ("No fal key: %s", error->message);

  for_each_window (self, set_manager_cb, self->manager);
}

void
_likeness_application_reload_key (LikenessApplication *self)
{
  g_autoptr(LkCredentials) credentials = lk_credentials_new ();

  lk_credentials_lookup_async (credentials, self->cancellable, key_cb, g_object_ref (self));
}

static void
proxy_changed_cb (LikenessApplication *self)
{
  g_autofree char *proxy = g_settings_get_string (self->settings, LIKENESS_SETTINGS_PROXY_URL);

  /* The preferences only store a proxy that parses as a URL. */
  lk_fal_client_set_proxy_url (self->client, *proxy != '\0' ? proxy : NULL);
}

void
_likeness_application_jobs_startup (LikenessApplication *self)
{
  self->settings = g_settings_new (LIKENESS_SETTINGS_SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::" LIKENESS_SETTINGS_DOWNLOAD_FOLDER,
                           G_CALLBACK (download_folder_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::" LIKENESS_SETTINGS_PROXY_URL,
                           G_CALLBACK (proxy_changed_cb), self, G_CONNECT_SWAPPED);

  /* lk_fal_client_new() honours LIKENESS_FAL_URLS, which the tests and
   * the screenshots use to point it at the fake service. */
  self->client = lk_fal_client_new ();
  proxy_changed_cb (self);

  _likeness_application_reload_key (self);
  lk_job_store_new_async (NULL, self->cancellable, store_cb, g_object_ref (self));
}
