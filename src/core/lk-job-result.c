/* lk-job-result.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-result"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lk-error.h"
#include "lk-fal-json-private.h"
#include "lk-job-private.h"
#include "lk-util.h"

/*
 * The result of a training: fal's output JSON is stored first (fal keeps it
 * for about an hour, protocol §3.4), then the files are fetched into the
 * job's own folder, `<models dir>/<job id>/`:
 *
 *   <file_name of diffusers_lora_file>   (pytorch_lora_weights.safetensors)
 *   <file_name of config_file>           (config.json)
 *   prompt.txt                           the prompt to use, with the trigger
 *
 * Each download is streamed to a temporary file and checked against the
 * size fal reported before it replaces the target (lk_fal_client_download),
 * so an interrupted download never leaves a truncated file. A restart
 * skips the files that are already there at the right size and fetches
 * the rest again from the start. A pro trainer's result is a finetune id,
 * recorded with nothing to download.
 */

static void download_next (LkJob *self);

static gboolean
safe_file_name (const char *name)
{
  return name != NULL && name[0] != '\0' && name[0] != '.' &&
         strchr (name, '/') == NULL && strchr (name, '\\') == NULL &&
         g_utf8_validate (name, -1, NULL);
}

static void
add_download (LkJob      *self,
              const char *folder,
              JsonObject *result,
              const char *member,
              const char *default_name)
{
  JsonNode *node = json_object_get_member (result, member);
  JsonObject *file;
  const char *url;
  const char *name;
  JobDownload *download;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  file = json_node_get_object (node);
  url = _lk_fal_json_get_string (file, "url");
  if (url == NULL)
    return;

  name = _lk_fal_json_get_string (file, "file_name");
  if (!safe_file_name (name))
    name = default_name;

  download = g_new0 (JobDownload, 1);
  download->url = g_strdup (url);
  download->path = g_build_filename (folder, name, NULL);
  if (!_lk_fal_json_get_int (file, "file_size", &download->size) || download->size < 0)
    download->size = -1;
  g_ptr_array_add (self->downloads, download);
}

static char *
job_folder (LkJob *self)
{
  g_autofree char *base = self->download_folder != NULL
                          ? g_strdup (self->download_folder)
                          : lk_job_dup_default_models_dir ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->record->id);

  return g_build_filename (base, id, NULL);
}

/*
 * _lk_job_parse_result:
 *
 * Reads the stored output: a finetune id, or the files to fetch.
 */
gboolean
_lk_job_parse_result (LkJob   *self,
                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *folder = NULL;
  JsonObject *result;
  JsonNode *root;
  const char *finetune_id;

  g_ptr_array_set_size (self->downloads, 0);

  if (self->record->result_json == NULL ||
      !json_parser_load_from_data (parser, self->record->result_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED,
                           _("fal's result for this job is not a JSON object."));
      return FALSE;
    }
  result = json_node_get_object (root);

  finetune_id = _lk_fal_json_get_string (result, "finetune_id");
  if (finetune_id != NULL)
    lk_set_str (&self->record->finetune_id, finetune_id);

  folder = job_folder (self);
  add_download (self, folder, result, "diffusers_lora_file", "pytorch_lora_weights.safetensors");
  add_download (self, folder, result, "config_file", "config.json");

  if (self->downloads->len == 0 && self->record->finetune_id == NULL)
    {
      g_set_error_literal (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED,
                           _("fal's result has neither a LoRA file nor a finetune id."));
      return FALSE;
    }

  lk_set_str (&self->record->result_folder, folder);
  return TRUE;
}

/* The folder, in a thread: make it, write the prompt, and leave out the
 * files already there at the right size. */

typedef struct
{
  char      *folder;     /* (owned) */
  char      *prompt;     /* (owned) */
  GPtrArray *downloads;  /* (owned) (element-type JobDownload): (transfer none) entries */
} FolderData;

static void
folder_data_free (FolderData *data)
{
  g_free (data->folder);
  g_free (data->prompt);
  g_ptr_array_unref (data->downloads);
  g_free (data);
}

static void
prepare_folder_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  FolderData *data = task_data;
  g_autoptr(GPtrArray) needed = g_ptr_array_new ();
  g_autofree char *prompt_path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (data->folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               /* Translators: %s is a folder, then why it could not be made. */
                               _("Could not create the folder %s: %s"),
                               data->folder, g_strerror (saved_errno));
      return;
    }

  prompt_path = g_build_filename (data->folder, "prompt.txt", NULL);
  if (!g_file_set_contents (prompt_path, data->prompt, -1, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < data->downloads->len; i++)
    {
      JobDownload *download = g_ptr_array_index (data->downloads, i);
      GStatBuf buf;

      if (download->size >= 0 && g_stat (download->path, &buf) == 0 && buf.st_size == download->size)
        continue;
      g_ptr_array_add (needed, download);
    }

  g_task_return_pointer (task, g_steal_pointer (&needed), (GDestroyNotify) g_ptr_array_unref);
}

static void
download_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_fal_client_download_finish (LK_FAL_CLIENT (object), result, &error))
    {
      if (_lk_job_handle_cancel (self, error))
        return;
      /* The training is done and paid; only the copy failed. The job
       * stays in "downloading" so that attaching again fetches it. */
      _lk_job_lost_contact (self, error);
      return;
    }

  self->download_index++;
  download_next (self);
}

static void
download_progress_cb (goffset  done,
                      goffset  total,
                      gpointer user_data)
{
  _lk_job_update_bytes (LK_JOB (user_data), done, total);
}

static void
download_next (LkJob *self)
{
  JobDownload *download;
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

      _lk_job_handle_cancel (self, cancelled);
      return;
    }

  if (self->download_index >= self->downloads->len)
    {
      _lk_job_finish_done (self);
      return;
    }

  download = g_ptr_array_index (self->downloads, self->download_index);
  file = g_file_new_for_path (download->path);
  basename = g_path_get_basename (download->path);
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_("Downloading %s…"), basename);
  _lk_job_set_status_text (self, text);
  self->rate_time = 0;

  lk_fal_client_download_async (self->client, download->url, file, download->size,
                                download_progress_cb, g_object_ref (self), g_object_unref,
                                self->cancellable, download_cb, g_object_ref (self));
}

static void
prepare_folder_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GPtrArray) needed = NULL;
  g_autoptr(GError) error = NULL;

  needed = g_task_propagate_pointer (G_TASK (result), &error);
  if (needed == NULL)
    {
      if (!_lk_job_handle_cancel (self, error))
        _lk_job_lost_contact (self, error);
      return;
    }

  /* Keep only what is missing; the others are there already. */
  for (guint i = self->downloads->len; i > 0; i--)
    {
      gboolean wanted = FALSE;

      for (guint j = 0; j < needed->len && !wanted; j++)
        wanted = g_ptr_array_index (needed, j) == g_ptr_array_index (self->downloads, i - 1);
      if (!wanted)
        g_ptr_array_remove_index (self->downloads, i - 1);
    }

  self->download_index = 0;
  download_next (self);
}

void
_lk_job_download_result (LkJob *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  FolderData *data;

  if (!_lk_job_parse_result (self, &error))
    {
      _lk_job_fail (self, error, self->saw_running);
      return;
    }

  if (self->record->phase != LK_JOB_PHASE_DOWNLOADING)
    _lk_job_set_phase (self, LK_JOB_PHASE_DOWNLOADING);
  _lk_job_save (self);

  data = g_new0 (FolderData, 1);
  data->folder = g_strdup (self->record->result_folder);
  data->prompt = lk_job_dup_prompt (self);
  data->downloads = g_ptr_array_ref (self->downloads);

  task = g_task_new (NULL, self->cancellable, prepare_folder_cb, g_object_ref (self));
  g_task_set_source_tag (task, _lk_job_download_result);
  g_task_set_task_data (task, data, (GDestroyNotify) folder_data_free);
  g_task_run_in_thread (task, prepare_folder_thread);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  bytes = lk_fal_client_result_finish (LK_FAL_CLIENT (object), result, &error);
  if (bytes == NULL)
    {
      if (_lk_job_handle_cancel (self, error))
        return;
      if (g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_NETWORK))
        {
          _lk_job_lost_contact (self, error);
          return;
        }
      if (self->cancel_requested)
        {
          /* fal accepted our cancel and then had no result to give: the
           * cancel took effect (protocol §3.5), whatever the status said. */
          g_debug ("Result after an accepted cancel failed: %s", error->message);
          _lk_job_finish_cancelled (self, self->saw_running);
          return;
        }
      /* The model failed at the end (e.g. 422 on its input): fal bills the
       * compute it reported. */
      _lk_job_fail (self, error, self->saw_running && self->inference_time > 0);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  g_free (self->record->result_json);
  self->record->result_json = g_strndup (data, size);
  _lk_job_download_result (self);
}

void
_lk_job_fetch_result (LkJob *self)
{
  _lk_job_set_status_text (self, _("Fetching the result…"));
  lk_fal_client_result_async (self->client, self->request, self->cancellable,
                              result_cb, g_object_ref (self));
}
