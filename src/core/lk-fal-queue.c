/* lk-fal-queue.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue calls (protocol §3): submit, status, result, cancel, and the
 * key check through storage initiate. Each is one keyed call through
 * _lk_fal_client_send_async(), whose retries follow the official client.
 */

#define G_LOG_DOMAIN "lk-fal-queue"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-error.h"
#include "lk-fal-client-private.h"
#include "lk-fal-json-private.h"
#include "lk-fal-status-private.h"

/* Submit */

typedef struct
{
  char         *endpoint_id;
  LkFalRequest *request;
  LkFalStatus  *status;
} SubmitData;

static void
submit_data_free (SubmitData *data)
{
  g_free (data->endpoint_id);
  g_clear_pointer (&data->request, lk_fal_request_unref);
  g_clear_object (&data->status);
  g_free (data);
}

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkFalClient *self = LK_FAL_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  SubmitData *data = g_task_get_task_data (task);
  g_autoptr(LkFalResponse) response = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  const char *request_id = NULL;

  response = _lk_fal_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!_lk_fal_response_is_success (response))
    {
      g_task_return_error (task, _lk_fal_error_from_http (LK_FAL_OP_SUBMIT, response->status,
                                                         response->headers, response->body));
      return;
    }

  reply = _lk_fal_response_get_object (response, &error);
  if (reply != NULL)
    {
      /* Both official clients read only the id and the URLs here; a reply
       * without a status still means fal has queued the request. */
      request_id = _lk_fal_json_get_string (reply, "request_id");
      if (request_id != NULL && !json_object_has_member (reply, "status"))
        json_object_set_string_member (reply, "status", "IN_QUEUE");
      status = _lk_fal_status_new_from_object (reply, NULL);
    }
  if (status == NULL || request_id == NULL || *request_id == '\0')
    {
      g_autoptr(JsonObject) queued = NULL;

      /* A 2xx means fal has queued (and will bill) the request even when
       * its body is unreadable. Losing it would mean paying for a run
       * nobody follows, or submitting it twice; x-fal-request-id names it,
       * and its URLs can be rebuilt from the endpoint. */
      request_id = soup_message_headers_get_one (response->headers, "x-fal-request-id");
      if (request_id == NULL || *request_id == '\0')
        {
          g_debug ("Submit reply without a request id");
          g_task_return_error (task, error != NULL ? g_steal_pointer (&error) : _lk_fal_error_malformed ());
          return;
        }

      g_debug ("Unreadable submit reply; following request %s from its header", request_id);
      queued = json_object_new ();
      json_object_set_string_member (queued, "status", "IN_QUEUE");
      json_object_set_string_member (queued, "request_id", request_id);
      g_clear_object (&status);
      status = _lk_fal_status_new_from_object (queued, &error);
      g_assert (status != NULL);
    }

  g_debug ("Submitted to %s as request %s", data->endpoint_id, request_id);

  data->request = lk_fal_request_new (data->endpoint_id, request_id,
                                      _lk_fal_status_get_status_url (status),
                                      _lk_fal_status_get_response_url (status),
                                      _lk_fal_status_get_cancel_url (status));
  data->status = g_steal_pointer (&status);
  g_task_return_boolean (task, TRUE);
}

/**
 * lk_fal_client_submit_async:
 * @self: a client
 * @endpoint_id: the app, e.g. `fal-ai/flux-lora-fast-training`
 * @input_json: the model input, a JSON object
 * @webhook_url: (nullable): where fal should POST the outcome
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when fal has queued the request
 * @user_data: data for @callback
 */
void
lk_fal_client_submit_async (LkFalClient         *self,
                            const char          *endpoint_id,
                            const char          *input_json,
                            const char          *webhook_url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) input = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  SubmitData *data;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (input_json != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_fal_client_submit_async);

  data = g_new0 (SubmitData, 1);
  data->endpoint_id = g_strdup (endpoint_id);
  g_task_set_task_data (task, data, (GDestroyNotify) submit_data_free);

  url = _lk_fal_build_submit_url (self->queue_url, endpoint_id, webhook_url, &error);
  if (url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  input = _lk_fal_json_parse_object (input_json, strlen (input_json));
  if (input == NULL)
    {
      g_task_return_new_error (task, LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION, "%s",
                               _("The training input is not a JSON object."));
      return;
    }

  body = g_bytes_new (input_json, strlen (input_json));
  _lk_fal_client_send_async (self, LK_FAL_OP_SUBMIT, "POST", url, body, cancellable,
                             submit_cb, g_steal_pointer (&task));
}

/**
 * lk_fal_client_submit_finish:
 * @self: a client
 * @result: the result
 * @initial_status: (out) (optional) (transfer full): the status in fal's reply
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the queued request, or %NULL on error
 */
LkFalRequest *
lk_fal_client_submit_finish (LkFalClient   *self,
                             GAsyncResult  *result,
                             LkFalStatus  **initial_status,
                             GError       **error)
{
  SubmitData *data;

  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (initial_status != NULL)
    *initial_status = g_object_ref (data->status);

  return lk_fal_request_ref (data->request);
}

/* Status */

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkFalClient *self = LK_FAL_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  LkFalStatus *status;

  /* 202 while queued or running, 200 once completed: any 2xx is a status. */
  reply = _lk_fal_client_send_finish_object (self, result, LK_FAL_OP_STATUS, NULL, &error);
  status = reply ? _lk_fal_status_new_from_object (reply, &error) : NULL;
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, status, g_object_unref);
}

void
lk_fal_client_status_async (LkFalClient         *self,
                            LkFalRequest        *request,
                            gboolean             with_logs,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_fal_client_status_async);

  url = _lk_fal_client_status_url (self, request, FALSE, with_logs, &error);
  if (url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _lk_fal_client_send_async (self, LK_FAL_OP_STATUS, "GET", url, NULL, cancellable,
                             status_cb, g_steal_pointer (&task));
}

/**
 * lk_fal_client_status_finish:
 * @self: a client
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the status, or %NULL on error
 */
LkFalStatus *
lk_fal_client_status_finish (LkFalClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Result */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkFalClient *self = LK_FAL_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(LkFalResponse) response = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = _lk_fal_client_send_finish_object (self, result, LK_FAL_OP_RESULT, &response, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_bytes_ref (response->body), (GDestroyNotify) g_bytes_unref);
}

void
lk_fal_client_result_async (LkFalClient         *self,
                            LkFalRequest        *request,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rebuilt = NULL;
  const char *url;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_fal_client_result_async);

  url = lk_fal_request_get_response_url (request);
  if (url == NULL)
    {
      rebuilt = _lk_fal_build_request_url (self->queue_url,
                                           lk_fal_request_get_endpoint_id (request),
                                           lk_fal_request_get_request_id (request),
                                           NULL, &error);
      if (rebuilt == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      url = rebuilt;
    }

  _lk_fal_client_send_async (self, LK_FAL_OP_RESULT, "GET", url, NULL, cancellable,
                             result_cb, g_steal_pointer (&task));
}

/**
 * lk_fal_client_result_finish:
 * @self: a client
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the model's output, a JSON object, or %NULL
 */
GBytes *
lk_fal_client_result_finish (LkFalClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Cancel */

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkFalClient *self = LK_FAL_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(LkFalResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = _lk_fal_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* 200 or 202 (protocol Q1): accepted whatever the body says. 400: the
   * request had finished already, so the caller should fetch its result. */
  if (_lk_fal_response_is_success (response))
    g_task_return_int (task, LK_FAL_CANCEL_ACCEPTED);
  else if (response->status == 400)
    g_task_return_int (task, LK_FAL_CANCEL_ALREADY_COMPLETED);
  else
    g_task_return_error (task, _lk_fal_error_from_http (LK_FAL_OP_CANCEL, response->status,
                                                       response->headers, response->body));
}

void
lk_fal_client_cancel_async (LkFalClient         *self,
                            LkFalRequest        *request,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rebuilt = NULL;
  const char *url;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_fal_client_cancel_async);

  url = lk_fal_request_get_cancel_url (request);
  if (url == NULL)
    {
      rebuilt = _lk_fal_build_request_url (self->queue_url,
                                           lk_fal_request_get_endpoint_id (request),
                                           lk_fal_request_get_request_id (request),
                                           "/cancel", &error);
      if (rebuilt == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      url = rebuilt;
    }

  _lk_fal_client_send_async (self, LK_FAL_OP_CANCEL, "PUT", url, NULL, cancellable,
                             cancel_cb, g_steal_pointer (&task));
}

/**
 * lk_fal_client_cancel_finish:
 * @self: a client
 * @result: the result
 * @outcome: (out) (optional): whether fal accepted the cancel or the request
 *   had already completed
 * @error: return location for a #GError
 *
 * Returns: %TRUE when fal answered the cancel (see @outcome)
 */
gboolean
lk_fal_client_cancel_finish (LkFalClient         *self,
                             GAsyncResult        *result,
                             LkFalCancelOutcome  *outcome,
                             GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (outcome != NULL)
    *outcome = (LkFalCancelOutcome) value;

  return TRUE;
}

/* Key check */

static void
check_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LkFalClient *self = LK_FAL_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = _lk_fal_client_send_finish_object (self, result, LK_FAL_OP_INITIATE, NULL, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * lk_fal_client_check_key_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the outcome
 * @user_data: data for @callback
 *
 * Asks fal storage for an upload slot for a tiny file, which needs a valid
 * key on a funded account, and uploads nothing. The slot is never used.
 */
void
lk_fal_client_check_key_async (LkFalClient         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  static const char body_json[] =
    "{\"content_type\":\"text/plain\",\"file_name\":\"likeness-key-check.txt\"}";
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_fal_client_check_key_async);

  url = g_strconcat (self->rest_url, "/storage/upload/initiate?storage_type=fal-cdn-v3", NULL);
  body = g_bytes_new_static (body_json, sizeof body_json - 1);
  _lk_fal_client_send_async (self, LK_FAL_OP_INITIATE, "POST", url, body, cancellable,
                             check_key_cb, g_steal_pointer (&task));
}

gboolean
lk_fal_client_check_key_finish (LkFalClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
