/* lk-fake-fal.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * LkFakeFal is a loopback imitation of fal.ai that follows
 * shared/fal-protocol.md §8. It runs five plain HTTP/1.1 listeners on
 * 127.0.0.1 (queue, REST, upload, CDN and control) on the thread-default
 * main context of the caller of lk_fake_fal_start(); nothing runs in threads.
 *
 * Simulated trainings write these log lines, `timing.log_batch` of them
 * (default 1, each with its own timestamp) every `log_interval_ms`:
 *
 *   Preprocessing <N> images            (N counted in the ZIP, 14 if unknown)
 *   Loading model...
 *   step <s>/<total>, loss=<x.xxxx>     (strictly increasing s; the last body
 *   [  micro-batch <k>, loss=<x.xxxx>]   line is always <total>/<total>)
 *   Saving LoRA weights
 *
 * There are L = max (1, progress_ms / log_interval_ms × log_batch - 3) body
 * lines; line i has reached step floor (total × i / L) and is a step line
 * when that step is new, a micro-batch line otherwise (only when L > total).
 * So the log text only depends on the configuration and the input (`steps`,
 * `iterations` or the trainer default), never on timing. Inference apps log
 * "Loading LoRA weights" and "Generating image <i>/<n>".
 *
 * Outcomes are deterministic: output files have fixed bytes for a given app
 * and input, so two clients driving the same scenario see equal results.
 */

/* A key registered as "ok" by lk_fake_fal_start() and after every reset. */
#define LK_FAKE_FAL_KEY        "fake-key-id:fake-key-secret"
#define LK_FAKE_FAL_KEY_ID     "fake-key-id"

typedef enum
{
  LK_FAKE_FAL_QUEUE,
  LK_FAKE_FAL_REST,
  LK_FAKE_FAL_UPLOAD,
  LK_FAKE_FAL_CDN,
  LK_FAKE_FAL_CONTROL,
  LK_FAKE_FAL_N_LISTENERS
} LkFakeFalListener;

#define LK_TYPE_FAKE_FAL (lk_fake_fal_get_type ())

G_DECLARE_FINAL_TYPE (LkFakeFal, lk_fake_fal, LK, FAKE_FAL, GObject)

/* lk_fake_fal_dup_urls_json(): {"queue","rest","upload","cdn","control"};
 * lk_fake_fal_dup_urls_env(): "queue=<Q>,rest=<R>", the LIKENESS_FAL_URLS form. */

LkFakeFal  *lk_fake_fal_new                (void) G_GNUC_WARN_UNUSED_RESULT;
void        lk_fake_fal_set_base_port      (LkFakeFal         *self,
                                            guint              port);
gboolean    lk_fake_fal_start              (LkFakeFal         *self,
                                            GError           **error);
const char *lk_fake_fal_get_url            (LkFakeFal         *self,
                                            LkFakeFalListener  which);
char       *lk_fake_fal_dup_urls_json      (LkFakeFal         *self) G_GNUC_WARN_UNUSED_RESULT;
char       *lk_fake_fal_dup_urls_env       (LkFakeFal         *self) G_GNUC_WARN_UNUSED_RESULT;

gboolean    lk_fake_fal_configure          (LkFakeFal         *self,
                                            const char        *config_json);
char       *lk_fake_fal_dup_config_json    (LkFakeFal         *self) G_GNUC_WARN_UNUSED_RESULT;
char       *lk_fake_fal_add_fault          (LkFakeFal         *self,
                                            const char        *rule_json) G_GNUC_WARN_UNUSED_RESULT;
gboolean    lk_fake_fal_remove_fault       (LkFakeFal         *self,
                                            const char        *rule_id);
void        lk_fake_fal_reset              (LkFakeFal         *self);

char       *lk_fake_fal_dup_requests_json  (LkFakeFal         *self) G_GNUC_WARN_UNUSED_RESULT;
char       *lk_fake_fal_dup_jobs_json      (LkFakeFal         *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean    lk_fake_fal_steer_job          (LkFakeFal         *self,
                                            const char        *request_id,
                                            const char        *json);
/* Requests that reached U or C with an Authorization header (a fal key). */
guint       lk_fake_fal_get_auth_leaks     (LkFakeFal         *self);
/* Requests whose URL, or whose body (uploads aside), held a registered secret. */
guint       lk_fake_fal_get_url_key_leaks  (LkFakeFal         *self);
guint       lk_fake_fal_get_body_key_leaks (LkFakeFal         *self);
guint       lk_fake_fal_get_n_requests     (LkFakeFal         *self);

G_END_DECLS
