/* lk-fal-status.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-enums.h"
#include "lk-types.h"

G_BEGIN_DECLS

/* One entry of a status reply's `logs`. */
struct _LkFalLog
{
  char *message;
  char *level;
  char *source;
  char *timestamp;
};

#define LK_TYPE_FAL_LOG     (lk_fal_log_get_type ())
#define LK_TYPE_FAL_REQUEST (lk_fal_request_get_type ())
#define LK_TYPE_FAL_STATUS  (lk_fal_status_get_type ())

GType         lk_fal_log_get_type              (void) G_GNUC_CONST;
LkFalLog     *lk_fal_log_copy                  (const LkFalLog *log);
void          lk_fal_log_free                  (LkFalLog       *log);

/* A submitted request: what is needed to follow it later, and what the job
 * store keeps. */
GType         lk_fal_request_get_type          (void) G_GNUC_CONST;
LkFalRequest *lk_fal_request_new               (const char   *endpoint_id,
                                                const char   *request_id,
                                                const char   *status_url,
                                                const char   *response_url,
                                                const char   *cancel_url);
LkFalRequest *lk_fal_request_ref               (LkFalRequest *self);
void          lk_fal_request_unref             (LkFalRequest *self);
const char   *lk_fal_request_get_endpoint_id   (LkFalRequest *self);
const char   *lk_fal_request_get_request_id    (LkFalRequest *self);
/* May be NULL when the request was rebuilt from an id alone. */
const char   *lk_fal_request_get_status_url    (LkFalRequest *self);
const char   *lk_fal_request_get_response_url  (LkFalRequest *self);
const char   *lk_fal_request_get_cancel_url    (LkFalRequest *self);

G_DECLARE_FINAL_TYPE (LkFalStatus, lk_fal_status, LK, FAL_STATUS, GObject)

LkFalState    lk_fal_status_get_state          (LkFalStatus *self);
const char   *lk_fal_status_get_request_id     (LkFalStatus *self);
/* -1 when not queued. */
int           lk_fal_status_get_queue_position (LkFalStatus *self);
/* (element-type LkFalLog): never NULL, maybe empty. */
GPtrArray    *lk_fal_status_get_logs           (LkFalStatus *self);
/* Set only on a failed COMPLETED. */
const char   *lk_fal_status_get_error          (LkFalStatus *self);
const char   *lk_fal_status_get_error_type     (LkFalStatus *self);
/* Seconds, or -1 when fal did not say. */
double        lk_fal_status_get_inference_time (LkFalStatus *self);
gboolean      lk_fal_status_is_failed          (LkFalStatus *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkFalLog, lk_fal_log_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkFalRequest, lk_fal_request_unref)

G_END_DECLS
