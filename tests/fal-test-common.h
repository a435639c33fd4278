/* fal-test-common.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared fixture for the fal client tests: an in-process fake fal service
 * and a client pointed at it through LIKENESS_FAL_URLS, the same override
 * a user would set.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lk-error.h"
#include "lk-fake-fal.h"
#include "lk-fal-client.h"

G_BEGIN_DECLS

typedef struct
{
  LkFakeFal    *fake;
  LkFalClient  *client;
  GAsyncResult *result;
  GPtrArray    *statuses;   /* (element-type LkFalStatus) from watch */
  GPtrArray    *logs;       /* (element-type utf8) "timestamp|message" */
  GCancellable *cancel_on_status;
  GCancellable *cancel_on_progress;
  goffset       progress_done;
  goffset       progress_total;
  guint         n_progress;
} Fixture;

void          fixture_set_up        (Fixture       *fixture,
                                     gconstpointer  user_data);
void          fixture_tear_down     (Fixture       *fixture,
                                     gconstpointer  user_data);
void          fixture_configure     (Fixture       *fixture,
                                     const char    *json);
char         *fixture_add_fault     (Fixture       *fixture,
                                     const char    *json);
GAsyncResult *fixture_wait          (Fixture       *fixture);
void          fixture_result_cb     (GObject       *object,
                                     GAsyncResult  *result,
                                     gpointer       user_data);
void          fixture_iterate_ms    (guint          ms);

LkFalRequest *fixture_submit        (Fixture       *fixture,
                                     const char    *endpoint_id,
                                     const char    *input_json,
                                     const char    *webhook_url,
                                     GCancellable  *cancellable,
                                     LkFalStatus  **initial,
                                     GError       **error);
LkFalStatus  *fixture_status        (Fixture       *fixture,
                                     LkFalRequest  *request,
                                     gboolean       with_logs,
                                     GError       **error);
LkFalStatus  *fixture_watch         (Fixture       *fixture,
                                     LkFalRequest  *request,
                                     GCancellable  *cancellable,
                                     GError       **error);
JsonObject   *fixture_result        (Fixture       *fixture,
                                     LkFalRequest  *request,
                                     GError       **error);
gboolean      fixture_cancel        (Fixture       *fixture,
                                     LkFalRequest  *request,
                                     LkFalCancelOutcome *outcome,
                                     GError       **error);
gboolean      fixture_check_key     (Fixture       *fixture,
                                     GError       **error);
char         *fixture_upload_file   (Fixture       *fixture,
                                     GFile         *file,
                                     GCancellable  *cancellable,
                                     GError       **error);
char         *fixture_upload_stream (Fixture       *fixture,
                                     GInputStream  *stream,
                                     goffset        size,
                                     GError       **error);
gboolean      fixture_download      (Fixture       *fixture,
                                     const char    *url,
                                     GFile         *destination,
                                     goffset        expected_size,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* A request that completes quickly, for tests about other things. */
#define FAST_TRAINER  "fal-ai/flux-lora-fast-training"
#define FAST_INPUT    "{\"images_data_url\":\"https://example.invalid/data.zip\",\"steps\":100}"

/* The request log, filtered: each is a JsonObject (borrowed from @log). */
JsonArray    *fixture_requests      (Fixture       *fixture);
GPtrArray    *requests_matching     (JsonArray     *log,
                                     const char    *listener,
                                     const char    *method,
                                     const char    *path_pattern);
const char   *request_header        (JsonObject    *request,
                                     const char    *name);
GFile        *make_temp_file        (const char    *name,
                                     gsize          size);
/* Completes @request and returns its result. */
JsonObject   *run_to_result         (Fixture       *fixture,
                                     LkFalRequest  *request);

G_END_DECLS
