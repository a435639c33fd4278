/* lk-fal-client-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lk-fal-client.h"
#include "lk-fal-errors-private.h"

G_BEGIN_DECLS

struct _LkFalClient
{
  GObject      parent_instance;

  SoupSession *session;
  /* Only ever copied into the Authorization header of keyed calls. */
  char        *key;
  char        *queue_url;
  char        *rest_url;
  char        *proxy_url;
  /* A status stream silent this long is given up for the poll. */
  guint        stall_timeout_ms;
};

/* fal writes a keep-alive comment every 15 s (protocol §3.3). */
#define LK_FAL_STALL_TIMEOUT_MS    (45 * 1000)

/* Storage: single PUT up to this size, multipart above (protocol §4.2). */
#define LK_FAL_MULTIPART_THRESHOLD (90 * 1024 * 1024)
#define LK_FAL_MULTIPART_CHUNK     (10 * 1024 * 1024)
#define LK_FAL_PART_ATTEMPTS       3
#define LK_FAL_UPLOAD_BUFFER       (1024 * 1024)
/* Progress callbacks run at most this often. */
#define LK_FAL_PROGRESS_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

/* A keyed call's reply, whatever its HTTP status. */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
} LkFalResponse;

void           _lk_fal_response_free            (LkFalResponse  *response);
/* The body as a JSON object, or LK_FAL_ERROR_MALFORMED when it is empty,
 * not JSON, not an object or not labelled application/json. */
JsonObject    *_lk_fal_response_get_object      (LkFalResponse  *response,
                                                 GError        **error);
gboolean       _lk_fal_response_is_success      (LkFalResponse  *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkFalResponse, _lk_fal_response_free)

/* Sends a keyed call (the key goes in Authorization; through the proxy when
 * one is set), retrying as the official client does for @op. Fails only for
 * transport problems, a missing key or cancellation; HTTP errors come back
 * as a response. */
void           _lk_fal_client_send_async        (LkFalClient          *self,
                                                 LkFalOp               op,
                                                 const char           *method,
                                                 const char           *url,
                                                 GBytes               *json_body,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
LkFalResponse *_lk_fal_client_send_finish       (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* The reply of a keyed call as a JSON object: a transport error, the HTTP
 * error mapped for @op, or LK_FAL_ERROR_MALFORMED otherwise. @response,
 * when given, receives the reply too. */
JsonObject    *_lk_fal_client_send_finish_object (LkFalClient         *self,
                                                  GAsyncResult        *result,
                                                  LkFalOp              op,
                                                  LkFalResponse      **response,
                                                  GError             **error);
/* A message for a keyed call: proxied and with the key when configured. */
SoupMessage   *_lk_fal_client_new_keyed_message (LkFalClient          *self,
                                                 LkFalOp               op,
                                                 const char           *method,
                                                 const char           *url,
                                                 GError              **error);
/* For tests: a shorter stall timeout, on the same code path. */
void           _lk_fal_client_set_stall_timeout_ms (LkFalClient       *self,
                                                    guint              timeout_ms);
guint          _lk_fal_client_get_stall_timeout_ms (LkFalClient       *self);
/* A message for a call that must never carry the key nor be proxied:
 * presigned uploads, multipart parts, CDN downloads. */
SoupMessage   *_lk_fal_client_new_plain_message (LkFalClient          *self,
                                                 const char           *method,
                                                 const char           *url,
                                                 GError              **error);
void           _lk_fal_debug_reply              (const char           *method,
                                                 const char           *url,
                                                 SoupMessage          *message);

/* URLs (protocol §2). */
gboolean       _lk_fal_parse_endpoint_id        (const char           *endpoint_id,
                                                 char                **full_id,
                                                 char                **base_id);
char          *_lk_fal_build_submit_url         (const char           *queue_url,
                                                 const char           *endpoint_id,
                                                 const char           *webhook_url,
                                                 GError              **error);
char          *_lk_fal_build_request_url        (const char           *queue_url,
                                                 const char           *endpoint_id,
                                                 const char           *request_id,
                                                 const char           *suffix,
                                                 GError              **error);
/* Appends @path_suffix to the path of @url and @query_param to its query. */
char          *_lk_fal_url_extend               (const char           *url,
                                                 const char           *path_suffix,
                                                 const char           *query_param);
char          *_lk_fal_client_status_url        (LkFalClient          *self,
                                                 LkFalRequest         *request,
                                                 gboolean              stream,
                                                 gboolean              with_logs,
                                                 GError              **error);
gboolean       _lk_fal_parse_urls_env           (const char           *value,
                                                 char                **queue_url,
                                                 char                **rest_url);

/* Retries (protocol §5.5). */
typedef struct
{
  guint         max_retries;
  guint         base_ms;
  guint         max_ms;
  const guint  *codes;
  gboolean      transport;
} LkFalRetryPolicy;

const LkFalRetryPolicy *_lk_fal_retry_policy_for          (LkFalOp                 op);
gboolean                _lk_fal_retry_status_is_retryable (const LkFalRetryPolicy *policy,
                                                           guint                   status,
                                                           SoupMessageHeaders     *headers);
gboolean                _lk_fal_retry_error_is_retryable  (const LkFalRetryPolicy *policy,
                                                           const GError           *error);
/* Delay before retry @retry (0-based): min(base·2^retry, max) ±25 % (@random
 * in [0, 1) picks the jitter), and never less than a 429's Retry-After. */
guint                   _lk_fal_retry_delay_ms            (const LkFalRetryPolicy *policy,
                                                           guint                   retry,
                                                           double                  random,
                                                           gint64                  retry_after_ms);
/* Retry-After in milliseconds (seconds or an HTTP date), or -1. */
gint64                  _lk_fal_retry_after_ms            (SoupMessageHeaders     *headers);

void                    _lk_fal_sleep_async               (guint                   ms,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean                _lk_fal_sleep_finish              (GAsyncResult           *result,
                                                           GError                **error);

/* Throttles progress callbacks to one per LK_FAL_PROGRESS_INTERVAL_US. */
typedef struct
{
  LkFalProgressFunc func;
  gpointer          data;
  GDestroyNotify    notify;
  gint64            last_report;
} LkFalProgress;

void           _lk_fal_progress_init            (LkFalProgress        *progress,
                                                 LkFalProgressFunc     func,
                                                 gpointer              data,
                                                 GDestroyNotify        notify);
void           _lk_fal_progress_report          (LkFalProgress        *progress,
                                                 goffset               done,
                                                 goffset               total,
                                                 gboolean              force);
void           _lk_fal_progress_clear           (LkFalProgress        *progress);

G_END_DECLS
