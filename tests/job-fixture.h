/* job-fixture.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A folder of @n_images distinct PNGs of @side × @side pixels (blocks of
 * random colour, so that no two are near-duplicates), under @parent. */
char   *job_fixture_make_dataset   (const char  *parent,
                                    guint        n_images,
                                    guint        side);

/* Counts the entries of the fake's GET /__fake/jobs answer (a JSON text),
 * optionally only those of @app. */
guint   job_fixture_count_jobs     (const char  *jobs_json,
                                    const char  *app);

/* Counts the requests of the fake's request log on @listener ("Q", "R",
 * "U", "C") with @method whose path contains @path_part (NULL for any). */
guint   job_fixture_count_requests (const char  *requests_json,
                                    const char  *listener,
                                    const char  *method,
                                    const char  *path_part);

/* Main-loop helpers: each waits by iterating the thread-default context,
 * failing the test after 30 s instead of hanging. */
void          job_fixture_result_cb      (GObject       *object,
                                          GAsyncResult  *result,
                                          gpointer       user_data);
GAsyncResult *job_fixture_wait_result    (GAsyncResult **slot);
void          job_fixture_iterate_until  (gboolean      *flag);
void          job_fixture_set_flag_cb    (gpointer       instance,
                                          gboolean      *flag);

G_END_DECLS
