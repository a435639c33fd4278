/* lk-fal-client.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fal.ai client: one SoupSession, its settings, and the keyed-call
 * machinery with retries and proxy mode. The queue calls, uploads,
 * downloads and the status stream live in their own files.
 */

#define G_LOG_DOMAIN "lk-fal-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-credentials.h"
#include "lk-error.h"
#include "lk-fal-client-private.h"
#include "lk-fal-json-private.h"
#include "lk-util.h"

G_DEFINE_FINAL_TYPE (LkFalClient, lk_fal_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUEUE_URL,
  PROP_REST_URL,
  PROP_PROXY_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_fal_client_finalize (GObject *object)
{
  LkFalClient *self = (LkFalClient *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->key, lk_credentials_free_key);
  g_free (self->queue_url);
  g_free (self->rest_url);
  g_free (self->proxy_url);

  G_OBJECT_CLASS (lk_fal_client_parent_class)->finalize (object);
}

static void
lk_fal_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkFalClient *self = LK_FAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_QUEUE_URL:
      g_value_set_string (value, self->queue_url);
      break;

    case PROP_REST_URL:
      g_value_set_string (value, self->rest_url);
      break;

    case PROP_PROXY_URL:
      g_value_set_string (value, self->proxy_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_fal_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LkFalClient *self = LK_FAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_QUEUE_URL:
      lk_fal_client_set_queue_url (self, g_value_get_string (value));
      break;

    case PROP_REST_URL:
      lk_fal_client_set_rest_url (self, g_value_get_string (value));
      break;

    case PROP_PROXY_URL:
      lk_fal_client_set_proxy_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_fal_client_class_init (LkFalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_fal_client_finalize;
  object_class->get_property = lk_fal_client_get_property;
  object_class->set_property = lk_fal_client_set_property;

  /* The key is deliberately not a property: nothing should be able to read
   * it back through GObject introspection or a binding. */
  properties[PROP_QUEUE_URL] =
    g_param_spec_string ("queue-url", NULL, NULL, LK_FAL_DEFAULT_QUEUE_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REST_URL] =
    g_param_spec_string ("rest-url", NULL, NULL, LK_FAL_DEFAULT_REST_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROXY_URL] =
    g_param_spec_string ("proxy-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_fal_client_init (LkFalClient *self)
{
  self->queue_url = g_strdup (LK_FAL_DEFAULT_QUEUE_URL);
  self->rest_url = g_strdup (LK_FAL_DEFAULT_REST_URL);
  self->stall_timeout_ms = LK_FAL_STALL_TIMEOUT_MS;

  /* Never attach a SoupLogger at HEADERS level or above: it would print the
   * Authorization header. */
  self->session = soup_session_new_with_options ("user-agent", "Likeness/" PACKAGE_VERSION,
                                                 NULL);
}

/**
 * lk_fal_client_new:
 *
 * Creates a client for the real fal hosts, or for the ones named in
 * `LIKENESS_FAL_URLS` ("queue=URL,rest=URL"), which is how tests and the
 * fake service point it elsewhere.
 *
 * Returns: (transfer full): a new client
 */
LkFalClient *
lk_fal_client_new (void)
{
  LkFalClient *self = g_object_new (LK_TYPE_FAL_CLIENT, NULL);
  g_autofree char *queue_url = NULL;
  g_autofree char *rest_url = NULL;
  const char *env = g_getenv (LK_FAL_URLS_ENV);

  if (env != NULL && *env != '\0')
    {
      if (!_lk_fal_parse_urls_env (env, &queue_url, &rest_url))
        g_debug ("Ignoring unreadable parts of %s", LK_FAL_URLS_ENV);

      if (queue_url != NULL)
        lk_fal_client_set_queue_url (self, queue_url);
      if (rest_url != NULL)
        lk_fal_client_set_rest_url (self, rest_url);
    }

  return self;
}

/**
 * lk_fal_client_set_key:
 * @self: a client
 * @key: (nullable): the API key, `<key_id>:<key_secret>`
 *
 * The client keeps its own copy and wipes it when replaced.
 */
void
lk_fal_client_set_key (LkFalClient *self,
                       const char  *key)
{
  g_return_if_fail (LK_IS_FAL_CLIENT (self));

  g_clear_pointer (&self->key, lk_credentials_free_key);
  if (key != NULL && *key != '\0')
    self->key = g_strdup (key);
}

gboolean
lk_fal_client_has_key (LkFalClient *self)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), FALSE);

  return self->key != NULL;
}

static char *
normalize_base_url (const char *url)
{
  gsize len;

  if (url == NULL || *url == '\0')
    return NULL;

  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    len--;

  return g_strndup (url, len);
}

static void
set_url (LkFalClient *self,
         char       **field,
         const char  *url,
         const char  *fallback,
         GParamSpec  *pspec)
{
  g_autofree char *normalized = normalize_base_url (url);

  if (normalized == NULL && fallback != NULL)
    normalized = g_strdup (fallback);

  if (lk_set_str (field, normalized))
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

const char *
lk_fal_client_get_queue_url (LkFalClient *self)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  return self->queue_url;
}

void
lk_fal_client_set_queue_url (LkFalClient *self,
                             const char  *url)
{
  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  set_url (self, &self->queue_url, url, LK_FAL_DEFAULT_QUEUE_URL, properties[PROP_QUEUE_URL]);
}

const char *
lk_fal_client_get_rest_url (LkFalClient *self)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  return self->rest_url;
}

void
lk_fal_client_set_rest_url (LkFalClient *self,
                            const char  *url)
{
  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  set_url (self, &self->rest_url, url, LK_FAL_DEFAULT_REST_URL, properties[PROP_REST_URL]);
}

const char *
lk_fal_client_get_proxy_url (LkFalClient *self)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), NULL);
  return self->proxy_url;
}

/**
 * lk_fal_client_set_proxy_url:
 * @self: a client
 * @url: (nullable): a proxy such as `@fal-ai/server-proxy`, or %NULL
 *
 * With a proxy every keyed call goes to @url with its real target in
 * `x-fal-target-url`; presigned uploads and downloads still go direct.
 */
void
lk_fal_client_set_proxy_url (LkFalClient *self,
                             const char  *url)
{
  g_autofree char *stripped = g_strstrip (g_strdup (url ? url : ""));

  g_return_if_fail (LK_IS_FAL_CLIENT (self));

  /* A proxy URL is used verbatim (its path matters), only trimmed. */
  if (lk_set_str (&self->proxy_url, *stripped ? stripped : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROXY_URL]);
}

void
_lk_fal_client_set_stall_timeout_ms (LkFalClient *self,
                                     guint        timeout_ms)
{
  g_return_if_fail (LK_IS_FAL_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  self->stall_timeout_ms = timeout_ms;
}

guint
_lk_fal_client_get_stall_timeout_ms (LkFalClient *self)
{
  g_return_val_if_fail (LK_IS_FAL_CLIENT (self), 0);

  return self->stall_timeout_ms;
}

/* Messages */

static GError *
bad_url_error (const char *url)
{
  /* Translators: %s is a web address. */
  return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_BAD_REQUEST,
                      _("“%s” is not a valid web address. Check the fal.ai and proxy "
                        "settings."), url);
}

SoupMessage *
_lk_fal_client_new_plain_message (LkFalClient  *self,
                                  const char   *method,
                                  const char   *url,
                                  GError      **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_propagate_error (error, bad_url_error (url));
      return NULL;
    }

  return soup_message_new_from_uri (method, uri);
}

SoupMessage *
_lk_fal_client_new_keyed_message (LkFalClient  *self,
                                  LkFalOp       op,
                                  const char   *method,
                                  const char   *url,
                                  GError      **error)
{
  g_autoptr(SoupMessage) message = NULL;
  SoupMessageHeaders *headers;

  if (self->key == NULL && self->proxy_url == NULL)
    {
      g_set_error_literal (error, LK_FAL_ERROR, LK_FAL_ERROR_NO_KEY,
                           _("No fal.ai API key is set. Add one in Preferences; you can "
                             "create a key at fal.ai/dashboard/keys."));
      return NULL;
    }

  /* The target must itself be a valid URL even when it goes to a proxy. */
  message = _lk_fal_client_new_plain_message (self, method, url, error);
  if (message == NULL)
    return NULL;

  if (self->proxy_url != NULL)
    {
      g_clear_object (&message);
      message = _lk_fal_client_new_plain_message (self, method, self->proxy_url, error);
      if (message == NULL)
        return NULL;
      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "x-fal-target-url", url);
    }

  /* A redirect could carry the Authorization header to another host; fal's
   * keyed endpoints do not redirect, so a 3xx is reported, not followed. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept",
                                op == LK_FAL_OP_STREAM ? "text/event-stream" : "application/json");
  if (op == LK_FAL_OP_SUBMIT)
    soup_message_headers_replace (headers, "x-fal-queue-priority", "normal");

  if (self->key != NULL)
    {
      g_autofree char *value = g_strconcat ("Key ", self->key, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (value, strlen (value));
    }

  return g_steal_pointer (&message);
}

/* Logs the method, the path (never the query or a header) and the outcome. */
void
_lk_fal_debug_reply (const char  *method,
                     const char  *url,
                     SoupMessage *message)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *request_id = NULL;

  if (message != NULL)
    request_id = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                               "x-fal-request-id");

  g_debug ("%s %s -> HTTP %u (request id %s)",
           method, uri ? g_uri_get_path (uri) : "(invalid)",
           message ? soup_message_get_status (message) : 0,
           request_id ? request_id : "none");
}

/* Responses */

void
_lk_fal_response_free (LkFalResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

gboolean
_lk_fal_response_is_success (LkFalResponse *response)
{
  return response->status >= 200 && response->status < 300;
}

JsonObject *
_lk_fal_response_get_object (LkFalResponse  *response,
                             GError        **error)
{
  const char *content_type;
  JsonObject *object = NULL;

  content_type = soup_message_headers_get_content_type (response->headers, NULL);
  if (content_type != NULL &&
      (g_ascii_strcasecmp (content_type, "application/json") == 0 ||
       g_str_has_suffix (content_type, "+json")))
    {
      gsize length = 0;
      const char *data = response->body ? g_bytes_get_data (response->body, &length) : NULL;

      object = _lk_fal_json_parse_object (data, length);
    }

  if (object == NULL)
    {
      g_debug ("Reply of type %s is not a JSON object", content_type ? content_type : "none");
      g_propagate_error (error, _lk_fal_error_malformed ());
    }

  return object;
}

/* Keyed calls with retries */

typedef struct
{
  LkFalOp      op;
  char        *method;
  char        *url;
  GBytes      *body;
  SoupMessage *message;
  guint        retry;
} SendData;

static void
send_data_free (SendData *data)
{
  g_free (data->method);
  g_free (data->url);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->message);
  g_free (data);
}

static void send_attempt (GTask *task);

static void
send_sleep_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_lk_fal_sleep_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_attempt (g_steal_pointer (&task));
}

static gboolean
send_schedule_retry (GTask              *task,
                     SoupMessageHeaders *headers)
{
  SendData *data = g_task_get_task_data (task);
  const LkFalRetryPolicy *policy = _lk_fal_retry_policy_for (data->op);
  gint64 retry_after = -1;
  guint delay;

  if (data->retry >= policy->max_retries)
    return FALSE;

  if (headers != NULL && soup_message_get_status (data->message) == 429)
    retry_after = _lk_fal_retry_after_ms (headers);

  delay = _lk_fal_retry_delay_ms (policy, data->retry, g_random_double (), retry_after);
  data->retry++;

  g_debug ("Retrying %s in %u ms (retry %u of %u)", data->method, delay, data->retry,
           policy->max_retries);
  _lk_fal_sleep_async (delay, g_task_get_cancellable (task), send_sleep_cb, g_object_ref (task));

  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  const LkFalRetryPolicy *policy = _lk_fal_retry_policy_for (data->op);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  LkFalResponse *response;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      g_debug ("%s failed: %s", data->method, error->message);
      if (_lk_fal_retry_error_is_retryable (policy, error) && send_schedule_retry (task, NULL))
        return;

      g_task_return_error (task, _lk_fal_error_network (error));
      return;
    }

  _lk_fal_debug_reply (data->method, data->url, data->message);

  status = soup_message_get_status (data->message);
  if (status >= 300 &&
      _lk_fal_retry_status_is_retryable (policy, status,
                                         soup_message_get_response_headers (data->message)) &&
      send_schedule_retry (task, soup_message_get_response_headers (data->message)))
    return;

  response = g_new0 (LkFalResponse, 1);
  response->status = status;
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (data->message));
  response->body = g_steal_pointer (&body);

  g_task_return_pointer (task, response, (GDestroyNotify) _lk_fal_response_free);
}

static void
send_attempt (GTask *task)
{
  LkFalClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_object (&data->message);
  data->message = _lk_fal_client_new_keyed_message (self, data->op, data->method, data->url,
                                                    &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (data->message, "application/json", data->body);

  soup_session_send_and_read_async (self->session, data->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_cb, task);
}

void
_lk_fal_client_send_async (LkFalClient         *self,
                           LkFalOp              op,
                           const char          *method,
                           const char          *url,
                           GBytes              *json_body,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  SendData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _lk_fal_client_send_async);

  data = g_new0 (SendData, 1);
  data->op = op;
  data->method = g_strdup (method);
  data->url = g_strdup (url);
  data->body = json_body ? g_bytes_ref (json_body) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  send_attempt (task);
}

LkFalResponse *
_lk_fal_client_send_finish (LkFalClient   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonObject *
_lk_fal_client_send_finish_object (LkFalClient    *self,
                                   GAsyncResult   *result,
                                   LkFalOp         op,
                                   LkFalResponse **response,
                                   GError        **error)
{
  g_autoptr(LkFalResponse) reply = NULL;
  JsonObject *object;

  reply = _lk_fal_client_send_finish (self, result, error);
  if (reply == NULL)
    return NULL;

  if (!_lk_fal_response_is_success (reply))
    {
      g_propagate_error (error, _lk_fal_error_from_http (op, reply->status, reply->headers, reply->body));
      return NULL;
    }

  object = _lk_fal_response_get_object (reply, error);
  if (object != NULL && response != NULL)
    *response = g_steal_pointer (&reply);

  return object;
}
