/* lk-job-run.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-run"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lk-catalog-enums.h"
#include "lk-dataset-check.h"
#include "lk-dataset-finding.h"
#include "lk-error.h"
#include "lk-fal-errors.h"
#include "lk-fal-status.h"
#include "lk-job-private.h"
#include "lk-pack-manifest.h"
#include "lk-trainer-constraints.h"
#include "lk-trainer.h"

/*
 * The phases before the result, as one chain of callbacks:
 *
 *   prepare: read the dataset's files and check them for the trainer
 *   pack:    plan the ZIP; the plan's content key (a SHA-256 of the sources,
 *            their transforms and the pack options; the ZIP is
 *            deterministic) is known before a byte is packed, so the
 *            upload cache is asked first and a hit skips packing and
 *            uploading entirely. This is the "cheap pre-pass": no temporary
 *            ZIP is written.
 *   upload:  pack into a bounded stream that the upload reads as it is
 *            written (size unknown, so fal's multipart upload).
 *   submit:  the store claims the job (phase "submitting", in one
 *            transaction; a job with a request id is never claimed again),
 *            then the submit; the answer (request id and URLs, phase) is
 *            written in one transaction before the job is followed.
 *   watch:   the status stream with logs, falling back to polling.
 *
 * Every callback first checks for a cancel (lk_job_cancel()) or a detach
 * (lk_job_detach()); see _lk_job_handle_cancel().
 */

static void submit_start (LkJob *self);
static void watch_start  (LkJob *self);

/* Cancelling */

static void
fal_cancel_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GError) error = NULL;
  LkFalCancelOutcome outcome = LK_FAL_CANCEL_ACCEPTED;

  if (!lk_fal_client_cancel_finish (LK_FAL_CLIENT (object), result, &outcome, &error))
    {
      if (g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND))
        {
          /* fal does not know the request (any more): nothing runs there. */
          _lk_job_finish_cancelled (self, self->saw_running);
          return;
        }

      {
        g_autoptr(GError) wrapped = NULL;

        /* Translators: %s is why fal refused or could not be reached. */
        wrapped = g_error_new (error->domain, error->code,
                               _("The job could not be cancelled on fal: %s"), error->message);
        self->cancel_requested = FALSE;
        _lk_job_lost_contact (self, wrapped);
      }
      return;
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (outcome == LK_FAL_CANCEL_ALREADY_COMPLETED)
    {
      /* Too late: the training finished, and it is paid for. Keep it. */
      self->cancel_requested = FALSE;
      _lk_job_set_status_text (self, _("The training had finished already; fetching its result"));
      _lk_job_fetch_result (self);
      return;
    }

  if (!self->saw_running)
    {
      /* A queued request is removed and never runs (protocol §3.5). */
      _lk_job_finish_cancelled (self, FALSE);
      return;
    }

  /* A running trainer gets a cancel signal and may still finish: follow it
   * until fal says COMPLETED. */
  _lk_job_set_status_text (self, _("Cancel requested; waiting for fal to stop the training"));
  watch_start (self);
}

/*
 * _lk_job_handle_cancel:
 *
 * Called by every step with the error it got. Returns %TRUE when the error
 * was the job's own cancellable firing, and deals with it: a detach stops
 * quietly; a cancel asks fal to cancel the request when there is one, or
 * ends the job as cancelled (not billed) when fal never saw it.
 */
gboolean
_lk_job_handle_cancel (LkJob        *self,
                       const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  if (self->cancel_requested)
    {
      if (self->record->phase == LK_JOB_PHASE_DOWNLOADING)
        {
          /* fal has finished (and billed) the training; only the copy
           * stops. The result stays stored for `likeness-cli result`. */
          _lk_job_finish_cancelled (self, TRUE);
        }
      else if (self->request != NULL)
        {
          _lk_job_set_status_text (self, _("Cancelling on fal…"));
          lk_fal_client_cancel_async (self->client, self->request, NULL,
                                      fal_cancel_cb, g_object_ref (self));
        }
      else
        _lk_job_finish_cancelled (self, FALSE);
    }
  else
    _lk_job_stop (self);

  return TRUE;
}

/* A failure before fal ran anything: never billed. */
static void
fail_local (LkJob        *self,
            const GError *error)
{
  _lk_job_fail (self, error, FALSE);
}

/* Watching */

static void
apply_status (LkJob       *self,
              LkFalStatus *status)
{
  LkFalState state = lk_fal_status_get_state (status);
  GPtrArray *logs = lk_fal_status_get_logs (status);

  if (state == LK_FAL_STATE_IN_QUEUE && self->record->phase != LK_JOB_PHASE_RUNNING)
    {
      int position = lk_fal_status_get_queue_position (status);

      if (self->record->phase != LK_JOB_PHASE_QUEUED)
        {
          _lk_job_set_phase (self, LK_JOB_PHASE_QUEUED);
          _lk_job_save (self);
        }
      if (position != self->queue_position)
        {
          g_autofree char *text = NULL;

          self->queue_position = position;
          _lk_job_mark_dirty (self, PROP_QUEUE_POSITION);
          if (position >= 0)
            {
              /* Translators: %d is the number of requests ahead in fal's queue. */
              text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Queued, %d request ahead",
                                                   "Queued, %d requests ahead", position),
                                      position);
              _lk_job_set_status_text (self, text);
            }
        }
    }
  else if (state == LK_FAL_STATE_IN_PROGRESS && self->record->phase != LK_JOB_PHASE_RUNNING)
    {
      _lk_job_set_phase (self, LK_JOB_PHASE_RUNNING);
      _lk_job_save (self);
    }
  else if (state == LK_FAL_STATE_COMPLETED && lk_fal_status_get_inference_time (status) >= 0)
    self->inference_time = lk_fal_status_get_inference_time (status);

  if (logs->len > 0)
    _lk_job_add_logs (self, logs);
}

static void
status_func (LkFalStatus *status,
             gpointer     user_data)
{
  apply_status (LK_JOB (user_data), status);
}

static void
handle_completed (LkJob       *self,
                  LkFalStatus *status)
{
  const char *error_type = lk_fal_status_get_error_type (status);

  if (lk_fal_status_get_inference_time (status) >= 0)
    self->inference_time = lk_fal_status_get_inference_time (status);

  if (lk_fal_status_is_failed (status))
    {
      g_autoptr(GError) error = NULL;
      gboolean billed = self->saw_running && self->inference_time > 0;

      if (g_strcmp0 (error_type, "client_cancelled") == 0 || self->cancel_requested)
        {
          /* Cancelled here or by another process (likeness-cli cancel). */
          _lk_job_finish_cancelled (self, self->saw_running);
          return;
        }

      error = lk_fal_error_from_failure (lk_fal_status_get_error (status), error_type);
      _lk_job_fail (self, error, billed);
      return;
    }

  _lk_job_fetch_result (self);
}

static void
watch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = lk_fal_client_watch_finish (LK_FAL_CLIENT (object), result, &error);
  if (status == NULL)
    {
      if (_lk_job_handle_cancel (self, error))
        return;
      if (g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND))
        {
          g_autoptr(GError) gone = g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND,
                                                        _("fal no longer knows this request; "
                                                          "its result can no longer be fetched."));

          _lk_job_fail (self, gone, self->saw_running);
          return;
        }
      _lk_job_lost_contact (self, error);
      return;
    }

  apply_status (self, status);
  handle_completed (self, status);
}

static void
watch_start (LkJob *self)
{
  lk_fal_client_watch_async (self->client, self->request, TRUE,
                             status_func, g_object_ref (self), g_object_unref,
                             self->cancellable, watch_cb, g_object_ref (self));
}

static void
reattach_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = lk_fal_client_status_finish (LK_FAL_CLIENT (object), result, &error);
  if (status == NULL)
    {
      if (_lk_job_handle_cancel (self, error))
        return;
      if (g_error_matches (error, LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND))
        {
          g_autoptr(GError) gone = g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND,
                                                        _("fal no longer knows this request; "
                                                          "its result can no longer be fetched."));

          _lk_job_fail (self, gone, self->saw_running);
          return;
        }
      _lk_job_lost_contact (self, error);
      return;
    }

  /* The logs fal still has are replayed; the stream's repeats are dropped
   * by identity. */
  apply_status (self, status);
  if (lk_fal_status_get_state (status) == LK_FAL_STATE_COMPLETED)
    {
      handle_completed (self, status);
      return;
    }

  watch_start (self);
}

static void
reattach (LkJob *self)
{
  _lk_job_set_status_text (self, _("Attaching to fal…"));
  lk_fal_client_status_async (self->client, self->request, TRUE, self->cancellable,
                              reattach_cb, g_object_ref (self));
}

/* Submitting */

static void
submitted_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_job_store_update_finish (LK_JOB_STORE (object), result, &error))
    g_debug ("Could not save the submitted job: %s", error->message);

  _lk_job_announce_phase (self, self->submitted_from);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

      _lk_job_handle_cancel (self, cancelled);
      return;
    }

  watch_start (self);
}

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) initial = NULL;
  g_autoptr(GError) error = NULL;
  LkJobRecord *record = self->record;

  request = lk_fal_client_submit_finish (LK_FAL_CLIENT (object), result, &initial, &error);
  if (request == NULL)
    {
      /* fal answered with an error, so it queued nothing: not billed. */
      fail_local (self, error);
      return;
    }

  g_clear_pointer (&self->request, lk_fal_request_unref);
  self->request = lk_fal_request_ref (request);

  g_free (record->request_id);
  record->request_id = g_strdup (lk_fal_request_get_request_id (request));
  g_free (record->status_url);
  record->status_url = g_strdup (lk_fal_request_get_status_url (request));
  g_free (record->response_url);
  record->response_url = g_strdup (lk_fal_request_get_response_url (request));
  g_free (record->cancel_url);
  record->cancel_url = g_strdup (lk_fal_request_get_cancel_url (request));

  /* Request id, URLs and phase in one transaction, before anything else;
   * the phase is announced once it is stored. */
  self->submitted_from = record->phase;
  if (initial != NULL && lk_fal_status_get_state (initial) == LK_FAL_STATE_IN_PROGRESS)
    {
      record->phase = LK_JOB_PHASE_RUNNING;
      self->saw_running = TRUE;
      self->running_since = g_get_real_time ();
    }
  else
    record->phase = LK_JOB_PHASE_QUEUED;
  lk_job_store_update_async (self->store, self->record, NULL, submitted_saved_cb, g_object_ref (self));
}

static char *
build_submit_input (LkJob   *self,
                    GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  const char *url_name;
  JsonNode *root;

  if (self->record->inputs_json == NULL ||
      !json_parser_load_from_data (parser, self->record->inputs_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LK_STORE_ERROR, LK_STORE_ERROR_CORRUPT,
                           _("The job's stored input is not a JSON object."));
      return NULL;
    }

  url_name = _lk_job_input_name (self, LK_TRAINER_ROLE_DATASET_URL);
  if (url_name == NULL)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_TRAINER,
                   /* Translators: %s is a fal endpoint id. */
                   _("The trainer “%s” is not in the catalog."), self->record->trainer);
      return NULL;
    }

  json_object_set_string_member (json_node_get_object (root), url_name, self->record->file_url);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
claim_get_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(LkJobRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = lk_job_store_get_finish (LK_JOB_STORE (object), result, &error);
  if (stored == NULL)
    {
      fail_local (self, error);
      return;
    }

  if (stored->request_id != NULL)
    {
      /* Another process submitted it: follow that request. */
      g_clear_pointer (&self->record, lk_job_record_unref);
      self->record = lk_job_record_copy (stored);
      self->request = lk_fal_request_new (stored->endpoint, stored->request_id, stored->status_url,
                                          stored->response_url, stored->cancel_url);
      reattach (self);
      return;
    }

  {
    g_autoptr(GError) refused = g_error_new_literal (LK_STORE_ERROR, LK_STORE_ERROR_ALREADY_SUBMITTED,
                                                     _("This job may already have reached fal: it was being "
                                                       "submitted when Likeness stopped. It is not sent again, "
                                                       "so that it is not paid for twice. Clone it to train "
                                                       "again."));

    _lk_job_set_phase (self, LK_JOB_PHASE_SUBMITTING);
    _lk_job_fail (self, refused, FALSE);
  }
}

static void
claim_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;

  if (!lk_job_store_claim_submit_finish (LK_JOB_STORE (object), result, &error))
    {
      if (g_error_matches (error, LK_STORE_ERROR, LK_STORE_ERROR_ALREADY_SUBMITTED))
        {
          lk_job_store_get_async (self->store, self->record->id, NULL, claim_get_cb, g_object_ref (self));
          return;
        }
      fail_local (self, error);
      return;
    }

  _lk_job_set_phase (self, LK_JOB_PHASE_SUBMITTING);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      /* Claimed but not sent: put it back for the record, then cancel. */
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

      if (!self->cancel_requested)
        {
          /* A detach here leaves a job fal never saw: offer it again. */
          _lk_job_set_phase (self, LK_JOB_PHASE_UPLOADING);
          _lk_job_save (self);
        }
      _lk_job_handle_cancel (self, cancelled);
      return;
    }

  input = build_submit_input (self, &error);
  if (input == NULL)
    {
      fail_local (self, error);
      return;
    }

  /* The submit itself is not cancelled half-way: its answer tells whether
   * fal has the request, and a cancel then goes to fal. */
  lk_fal_client_submit_async (self->client, self->record->endpoint, input, NULL, NULL,
                              submit_cb, g_object_ref (self));
}

static void
submit_start (LkJob *self)
{
  _lk_job_set_status_text (self, _("Submitting to fal…"));
  lk_job_store_claim_submit_async (self->store, self->record->id, NULL, claim_cb, g_object_ref (self));
}

/* Packing and uploading */

static void
put_upload_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lk_job_store_put_upload_finish (LK_JOB_STORE (object), result, &error))
    g_debug ("Could not remember the upload: %s", error->message);
}

static void
maybe_uploaded (LkJob *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->pack_done || !self->upload_done)
    return;

  g_clear_object (&self->pack_stream);

  if (self->uploaded_url == NULL || self->pack_error != NULL)
    {
      /* The upload's error says more: a pack error is mostly the packer
       * noticing that its reader went away. */
      if (self->error != NULL && !g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        error = g_error_copy (self->error);
      else if (self->pack_error != NULL && !g_error_matches (self->pack_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        error = g_error_copy (self->pack_error);
      else if (self->error != NULL)
        error = g_error_copy (self->error);
      else
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      g_clear_error (&self->pack_error);
      g_clear_error (&self->error);

      if (_lk_job_handle_cancel (self, error))
        return;
      fail_local (self, error);
      return;
    }

  g_free (self->record->file_url);
  self->record->file_url = g_steal_pointer (&self->uploaded_url);
  lk_job_store_put_upload_async (self->store, self->record->dataset_hash, self->record->file_url,
                                 g_get_real_time () / G_USEC_PER_SEC + LK_JOB_UPLOAD_LIFETIME_SECONDS,
                                 NULL, put_upload_cb, NULL);
  _lk_job_save (self);
  submit_start (self);
}

static void
pack_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(LkPackManifest) manifest = NULL;

  manifest = lk_packer_pack_finish (LK_PACKER (object), result, &self->pack_error);
  self->pack_done = TRUE;
  if (manifest != NULL)
    self->upload_total = lk_pack_manifest_get_archive_size (manifest);
  maybe_uploaded (self);
}

static void
upload_progress_cb (goffset  done,
                    goffset  total,
                    gpointer user_data)
{
  LkJob *self = user_data;

  _lk_job_update_bytes (self, done, total > 0 ? total : (goffset) self->upload_total);
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GError) error = NULL;

  self->uploaded_url = lk_fal_client_upload_stream_finish (LK_FAL_CLIENT (object), result, &error);
  self->upload_done = TRUE;
  if (self->uploaded_url == NULL)
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      /* Stop the packer, which may wait for a reader that is gone. */
      if (self->pack_stream != NULL)
        g_input_stream_close (self->pack_stream, NULL, NULL);
    }
  maybe_uploaded (self);
}

/* Behind a proxy the ZIP is packed to a file first; see upload_start(). */

static void
remove_pack_file (LkJob *self)
{
  g_autoptr(GFile) folder = NULL;

  if (self->pack_file == NULL)
    return;

  /* Small and local, and the job is done with it either way. */
  folder = g_file_get_parent (self->pack_file);
  g_file_delete (self->pack_file, NULL, NULL);
  if (folder != NULL)
    g_file_delete (folder, NULL, NULL);
  g_clear_object (&self->pack_file);
}

static void
file_upload_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GError) error = NULL;

  self->uploaded_url = lk_fal_client_upload_file_finish (LK_FAL_CLIENT (object), result, &error);
  self->upload_done = TRUE;
  if (self->uploaded_url == NULL)
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
    }
  remove_pack_file (self);
  maybe_uploaded (self);
}

static void
file_pack_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(LkPackManifest) manifest = NULL;

  manifest = lk_packer_pack_finish (LK_PACKER (object), result, &self->pack_error);
  self->pack_done = TRUE;
  if (manifest == NULL)
    {
      self->upload_done = TRUE;
      remove_pack_file (self);
      maybe_uploaded (self);
      return;
    }

  self->upload_total = lk_pack_manifest_get_archive_size (manifest);
  lk_fal_client_upload_file_async (self->client, self->pack_file, "application/zip",
                                   upload_progress_cb, g_object_ref (self), g_object_unref,
                                   self->cancellable, file_upload_cb, g_object_ref (self));
}

static gboolean
upload_through_file (LkJob *self)
{
  const char *proxy = lk_fal_client_get_proxy_url (self->client);
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;

  if (proxy == NULL || *proxy == '\0')
    return FALSE;

  folder = g_dir_make_tmp ("likeness-upload-XXXXXX", &error);
  if (folder == NULL)
    {
      g_debug ("No temporary folder for the ZIP, streaming it instead: %s", error->message);
      return FALSE;
    }

  g_clear_object (&self->pack_file);
  self->pack_file = g_file_new_build_filename (folder, "dataset.zip", NULL);
  lk_packer_pack_to_file_async (self->packer, self->pack_file, self->cancellable,
                                file_pack_cb, g_object_ref (self));
  return TRUE;
}

static void
upload_start (LkJob *self)
{
  _lk_job_set_phase (self, LK_JOB_PHASE_UPLOADING);
  _lk_job_save (self);
  _lk_job_set_status_text (self, _("Packing and uploading the dataset…"));

  self->pack_done = FALSE;
  self->upload_done = FALSE;
  g_clear_error (&self->pack_error);
  g_clear_object (&self->pack_stream);

  /* A ZIP streamed while it is packed has no size yet, so it always goes
   * multipart; fal's reference server proxy lets storage "initiate" through
   * but not "initiate-multipart" (protocol §1.3). Behind a proxy, pack to a
   * file first so that a dataset under 90 MiB goes as one PUT. */
  if (upload_through_file (self))
    return;

  self->pack_stream = lk_packer_pack_to_stream_async (self->packer, self->cancellable,
                                                      pack_cb, g_object_ref (self));
  lk_fal_client_upload_stream_async (self->client, self->pack_stream, -1, "dataset.zip", "application/zip",
                                     upload_progress_cb, g_object_ref (self), g_object_unref,
                                     self->cancellable, upload_cb, g_object_ref (self));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 expires_at = 0;

  url = lk_job_store_lookup_upload_finish (LK_JOB_STORE (object), result, &expires_at, &error);
  if (error != NULL)
    g_debug ("Upload cache: %s", error->message);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

      _lk_job_handle_cancel (self, cancelled);
      return;
    }

  if (url != NULL)
    {
      /* The same ZIP is at fal already: nothing to pack or send. */
      g_free (self->record->file_url);
      self->record->file_url = g_steal_pointer (&url);
      _lk_job_set_status_text (self, _("The dataset was uploaded before; using that upload"));
      _lk_job_save (self);
      submit_start (self);
      return;
    }

  upload_start (self);
}

static void
plan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(LkPackManifest) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = lk_packer_plan_finish (LK_PACKER (object), result, &error);
  if (plan == NULL)
    {
      if (!_lk_job_handle_cancel (self, error))
        fail_local (self, error);
      return;
    }

  g_free (self->record->dataset_hash);
  self->record->dataset_hash = g_strdup (lk_pack_manifest_get_content_key (plan));
  self->upload_total = lk_pack_manifest_get_entries_size (plan);
  _lk_job_save (self);

  lk_job_store_lookup_upload_async (self->store, self->record->dataset_hash, NULL,
                                    lookup_cb, g_object_ref (self));
}

static void
init_constraints (LkJob                *self,
                  LkTrainerConstraints *constraints)
{
  LkCatalog *catalog = _lk_job_get_catalog (self, NULL);
  LkTrainer *trainer = catalog ? lk_catalog_lookup_trainer (catalog, self->record->trainer) : NULL;

  lk_trainer_constraints_init_default (constraints);
  if (trainer == NULL)
    return;

  if (lk_trainer_get_min_images (trainer) > 0)
    constraints->min_images = lk_trainer_get_min_images (trainer);
}

static void
add_files_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkJob) self = user_data;
  g_autoptr(LkDatasetReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trigger = NULL;
  LkTrainerConstraints constraints;
  guint n_errors;

  if (!lk_dataset_add_files_finish (LK_DATASET (object), result, &error))
    {
      if (!_lk_job_handle_cancel (self, error))
        fail_local (self, error);
      return;
    }

  init_constraints (self, &constraints);
  trigger = lk_job_dup_trigger (self);
  report = lk_dataset_check (G_LIST_MODEL (self->dataset), &constraints, trigger);
  n_errors = lk_dataset_report_get_n_errors (report);
  if (n_errors > 0)
    {
      g_autofree char *json = lk_dataset_report_to_json (report);

      g_debug ("Dataset check of job %" G_GINT64_FORMAT ": %s", self->record->id, json);
    }
  if (n_errors > 0)
    {
      g_autofree char *summary = NULL;
      const char *first = NULL;

      for (guint i = 0; first == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (report)); i++)
        {
          g_autoptr(LkDatasetFinding) finding = g_list_model_get_item (G_LIST_MODEL (report), i);

          if (lk_dataset_finding_get_severity (finding) == LK_FINDING_SEVERITY_ERROR)
            first = g_intern_string (lk_dataset_finding_get_message (finding));
        }

      /* Translators: %u is a number of problems found in the dataset. */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The dataset has %u problem that stops the training.",
                                              "The dataset has %u problems that stop the training.",
                                              n_errors),
                                 n_errors);
      g_set_error (&error, LK_DATASET_ERROR, LK_DATASET_ERROR_UNSUPPORTED, "%s %s", summary,
                   first != NULL ? first : "");
      fail_local (self, error);
      return;
    }

  _lk_job_set_phase (self, LK_JOB_PHASE_PACKING);
  _lk_job_save (self);
  g_clear_object (&self->packer);
  self->packer = lk_packer_new (G_LIST_MODEL (self->dataset));
  lk_packer_plan_async (self->packer, self->cancellable, plan_cb, g_object_ref (self));
}

static GPtrArray *
parse_sources (const char  *json,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_EMPTY,
                           _("The job has no dataset files."));
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (files, g_file_new_for_uri (json_node_get_string (node)));
    }

  if (files->len == 0)
    {
      g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_EMPTY,
                           _("The job has no dataset files."));
      return NULL;
    }

  return g_steal_pointer (&files);
}

static void
prepare_start (LkJob *self)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  /* Uploaded already (a variant, a clone or a continued training). */
  if (self->record->file_url != NULL)
    {
      submit_start (self);
      return;
    }

  _lk_job_set_phase (self, LK_JOB_PHASE_PREPARING);
  _lk_job_save (self);
  _lk_job_set_status_text (self, _("Reading and checking the dataset…"));

  files = parse_sources (self->record->sources_json, &error);
  if (files == NULL)
    {
      fail_local (self, error);
      return;
    }

  g_clear_object (&self->dataset);
  self->dataset = lk_dataset_new ();
  lk_dataset_add_files_async (self->dataset, (GFile * const *) files->pdata, files->len,
                              self->cancellable, add_files_cb, g_object_ref (self));
}

static gboolean
fail_in_idle_cb (gpointer user_data)
{
  LkJob *self = user_data;
  g_autoptr(GError) error = g_error_new_literal (LK_STORE_ERROR, LK_STORE_ERROR_ALREADY_SUBMITTED,
                                                 _("This job may already have reached fal: it was being "
                                                   "submitted when Likeness stopped. It is not sent again, "
                                                   "so that it is not paid for twice. Clone it to train "
                                                   "again."));

  _lk_job_fail (self, error, FALSE);
  return G_SOURCE_REMOVE;
}

void
_lk_job_run (LkJob *self)
{
  switch (self->record->phase)
    {
    case LK_JOB_PHASE_PREPARING:
    case LK_JOB_PHASE_PACKING:
    case LK_JOB_PHASE_UPLOADING:
      if (self->record->request_id != NULL)
        reattach (self);
      else
        prepare_start (self);
      break;

    case LK_JOB_PHASE_SUBMITTING:
      if (self->request != NULL)
        reattach (self);
      else
        g_idle_add_full (G_PRIORITY_DEFAULT, fail_in_idle_cb,
                         g_object_ref (self), g_object_unref);
      break;

    case LK_JOB_PHASE_QUEUED:
    case LK_JOB_PHASE_RUNNING:
      reattach (self);
      break;

    case LK_JOB_PHASE_DOWNLOADING:
      if (self->record->result_json != NULL)
        _lk_job_download_result (self);
      else
        _lk_job_fetch_result (self);
      break;

    case LK_JOB_PHASE_DONE:
    case LK_JOB_PHASE_FAILED:
    case LK_JOB_PHASE_CANCELLED:
    default:
      g_assert_not_reached ();
    }
}
