/* lk-fal-status-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lk-fal-status.h"

G_BEGIN_DECLS

/* Parses one status object (a status reply, a stream event or the submit
 * reply). Fails with LK_FAL_ERROR_MALFORMED. */
LkFalStatus  *_lk_fal_status_new_from_json   (const char   *data,
                                              gsize         length,
                                              GError      **error);
LkFalStatus  *_lk_fal_status_new_from_object (JsonObject   *object,
                                              GError      **error);
/* The three URLs fal echoes in status objects; NULL when absent. */
const char   *_lk_fal_status_get_status_url   (LkFalStatus *self);
const char   *_lk_fal_status_get_response_url (LkFalStatus *self);
const char   *_lk_fal_status_get_cancel_url   (LkFalStatus *self);

/* Remembers log entries by identity (timestamp + message) across poll
 * replies and stream events, whose log lists are sliding windows. */
typedef struct _LkFalLogDedup LkFalLogDedup;

LkFalLogDedup *_lk_fal_log_dedup_new    (void);
void           _lk_fal_log_dedup_free   (LkFalLogDedup *dedup);
/* Returns a copy of @status holding only the entries not seen before, and
 * remembers them. */
LkFalStatus   *_lk_fal_log_dedup_filter (LkFalLogDedup *dedup,
                                         LkFalStatus   *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkFalLogDedup, _lk_fal_log_dedup_free)

G_END_DECLS
