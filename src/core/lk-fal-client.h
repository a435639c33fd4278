/* lk-fal-client.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-enums.h"
#include "lk-fal-status.h"
#include "lk-types.h"

G_BEGIN_DECLS

/* The one documented override of fal's hosts, used by tests and by anyone
 * who runs the fake service: "queue=URL,rest=URL". */
#define LK_FAL_URLS_ENV          "LIKENESS_FAL_URLS"
#define LK_FAL_DEFAULT_QUEUE_URL "https://queue.fal.run"
#define LK_FAL_DEFAULT_REST_URL  "https://rest.fal.ai"

/* Reported on the main context of the caller, at most every 100 ms. */
typedef void (*LkFalProgressFunc) (goffset  done,
                                   goffset  total,
                                   gpointer user_data);

/* Called for each status update while watching; @status holds only the
 * log entries not seen before. */
typedef void (*LkFalStatusFunc)   (LkFalStatus *status,
                                   gpointer     user_data);

#define LK_TYPE_FAL_CLIENT (lk_fal_client_get_type ())

G_DECLARE_FINAL_TYPE (LkFalClient, lk_fal_client, LK, FAL_CLIENT, GObject)

LkFalClient  *lk_fal_client_new                 (void) G_GNUC_WARN_UNUSED_RESULT;
void          lk_fal_client_set_key             (LkFalClient          *self,
                                                 const char           *key);
gboolean      lk_fal_client_has_key             (LkFalClient          *self);
const char   *lk_fal_client_get_queue_url       (LkFalClient          *self);
void          lk_fal_client_set_queue_url       (LkFalClient          *self,
                                                 const char           *url);
const char   *lk_fal_client_get_rest_url        (LkFalClient          *self);
void          lk_fal_client_set_rest_url        (LkFalClient          *self,
                                                 const char           *url);
const char   *lk_fal_client_get_proxy_url       (LkFalClient          *self);
void          lk_fal_client_set_proxy_url       (LkFalClient          *self,
                                                 const char           *url);

void          lk_fal_client_submit_async        (LkFalClient          *self,
                                                 const char           *endpoint_id,
                                                 const char           *input_json,
                                                 const char           *webhook_url,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
LkFalRequest *lk_fal_client_submit_finish       (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 LkFalStatus         **initial_status,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void          lk_fal_client_status_async        (LkFalClient          *self,
                                                 LkFalRequest         *request,
                                                 gboolean              with_logs,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
LkFalStatus  *lk_fal_client_status_finish       (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void          lk_fal_client_watch_async         (LkFalClient          *self,
                                                 LkFalRequest         *request,
                                                 gboolean              with_logs,
                                                 LkFalStatusFunc       status_func,
                                                 gpointer              status_data,
                                                 GDestroyNotify        status_notify,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
LkFalStatus  *lk_fal_client_watch_finish        (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void          lk_fal_client_result_async        (LkFalClient          *self,
                                                 LkFalRequest         *request,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GBytes       *lk_fal_client_result_finish       (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void          lk_fal_client_cancel_async        (LkFalClient          *self,
                                                 LkFalRequest         *request,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean      lk_fal_client_cancel_finish       (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 LkFalCancelOutcome   *outcome,
                                                 GError              **error);

void          lk_fal_client_upload_file_async   (LkFalClient          *self,
                                                 GFile                *file,
                                                 const char           *content_type,
                                                 LkFalProgressFunc     progress_func,
                                                 gpointer              progress_data,
                                                 GDestroyNotify        progress_notify,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char         *lk_fal_client_upload_file_finish  (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void          lk_fal_client_upload_stream_async (LkFalClient          *self,
                                                 GInputStream         *stream,
                                                 goffset               size,
                                                 const char           *file_name,
                                                 const char           *content_type,
                                                 LkFalProgressFunc     progress_func,
                                                 gpointer              progress_data,
                                                 GDestroyNotify        progress_notify,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char         *lk_fal_client_upload_stream_finish (LkFalClient         *self,
                                                  GAsyncResult        *result,
                                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;

void          lk_fal_client_download_async      (LkFalClient          *self,
                                                 const char           *url,
                                                 GFile                *destination,
                                                 goffset               expected_size,
                                                 LkFalProgressFunc     progress_func,
                                                 gpointer              progress_data,
                                                 GDestroyNotify        progress_notify,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean      lk_fal_client_download_finish     (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* "Test connection": asks fal for something that needs a valid, funded key
 * and uploads nothing. */
void          lk_fal_client_check_key_async     (LkFalClient          *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean      lk_fal_client_check_key_finish    (LkFalClient          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
