/* lk-fake-fal-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lk-fake-fal.h"

G_BEGIN_DECLS

typedef enum
{
  FAKE_PHASE_IN_QUEUE,
  FAKE_PHASE_IN_PROGRESS,
  FAKE_PHASE_COMPLETED,
} FakePhase;

typedef enum
{
  FAKE_APP_LORA_TRAINER,
  FAKE_APP_PRO_TRAINER,
  FAKE_APP_INFERENCE,
  FAKE_APP_GENERIC,
} FakeAppKind;

typedef enum
{
  FAKE_CANCEL_NONE,
  FAKE_CANCEL_REQUESTED,
  FAKE_CANCEL_DONE,
  FAKE_CANCEL_IGNORED,
} FakeCancel;

typedef enum
{
  FAKE_TOKEN_CDN = 1,
  FAKE_TOKEN_JWT = 2,
} FakeTokenKind;

typedef struct _FakeJob FakeJob;

/* One HTTP request, attached to its SoupServerMessage. */
typedef struct
{
  LkFakeFal         *self;           /* (unowned) (nullable): NULL once the fake is disposed */
  SoupServerMessage *msg;            /* (unowned) */
  LkFakeFalListener  listener;       /* where it arrived */
  LkFakeFalListener  route;          /* where it is handled (differs behind the proxy) */
  JsonObject        *record;         /* (owned) entry of the request log */
  JsonObject        *action;         /* (owned) (nullable) fault action that fired */
  char              *request_id;     /* (owned) x-fal-request-id for Q answers */
  gboolean           omit_request_id;
  char              *malform;        /* (owned) (nullable) */

  /* Streaming request bodies (U). */
  char              *body_path;      /* (owned) (nullable) temp file */
  GOutputStream     *body_out;       /* (owned) (nullable) */
  GChecksum         *md5;            /* (owned) (nullable) */
  goffset            received;
  gint64             reset_after;    /* -1: never */
  gboolean           reset_done;
  gboolean           streaming;
  gboolean           finished;
} FakeRequest;

/* A file served by C: one or more segments on disk (multipart parts are not joined). */
typedef struct
{
  char      *cdn_path;               /* "/files/<dir>/<name>" */
  char      *content_type;
  char      *file_name;
  GPtrArray *segments;               /* (element-type utf8) paths on disk */
  GArray    *sizes;                  /* (element-type goffset) */
  goffset    size;
} FakeFile;

/* A pending upload created by storage initiate. */
typedef struct
{
  char       *token;
  char       *signature;
  gboolean    multipart;
  gboolean    used;
  char       *cdn_path;
  char       *content_type;
  char       *file_name;
  GHashTable *parts;                 /* partNumber → FakePart */
} FakeUpload;

typedef struct
{
  guint  number;
  char  *path;
  char  *etag;                       /* with quotes, as sent */
  goffset size;
} FakePart;

typedef struct
{
  char        *id;
  char        *listener;             /* (nullable) "Q" … or "any" */
  char        *method;               /* (nullable) */
  GPatternSpec *path;                /* (nullable) */
  char        *app;                  /* (nullable) */
  gint64       nth;                  /* 0: any */
  gint64       times;                /* -1: unlimited */
  gint64       seen;
  JsonObject  *action;
} FakeFault;

typedef struct
{
  char    *message;
  char    *level;
  char    *timestamp;
} FakeLog;

struct _FakeJob
{
  LkFakeFal   *self;                 /* (unowned) */
  char        *id;
  char        *app;                  /* full endpoint id */
  char        *base;                 /* [namespace/]owner/alias */
  FakeAppKind  kind;
  JsonNode    *input;
  JsonObject  *outcome;              /* (owned) merged outcome knobs */
  JsonObject  *headers;              /* x-fal-* headers seen at submit */
  char        *webhook;
  char        *response_url;

  FakePhase    phase;
  gint         queue_position;
  GPtrArray   *logs;                 /* (element-type FakeLog) */
  GPtrArray   *script;               /* (element-type utf8) the whole log script */
  guint        script_total;
  guint        script_next;          /* index of the next line to write */
  gboolean     hold;
  FakeCancel   cancel;

  /* Problems found at submit, applied when the job runs. */
  JsonNode    *invalid_detail;       /* (nullable) 422 detail list */
  char        *fail_error;           /* (nullable) */
  char        *fail_error_type;
  guint        fail_status;
  JsonNode    *fail_body;
  guint        n_images;

  /* Final state. */
  char        *error;
  char        *error_type;
  guint        result_status;
  JsonNode    *result_body;
  gint64       started_us;
  gint64       tick_origin_us;       /* monotonic time of tick 0 while writing the log, 0 when unset */
  guint64      ticks_done;
  gint64       last_log_real_us;     /* wall-clock time of the last log line */
  gint64       completed_us;
  double       inference_time;

  guint        timer_id;
  guint        fail_timer_id;
  guint        cancel_timer_id;
  guint        start_timeout_id;     /* x-fal-request-timeout: deadline to leave the queue */
  gboolean     user_timeout;
  GList       *streams;              /* (element-type FakeStream) (unowned) */
};

typedef struct _FakeStream FakeStream;

struct _LkFakeFal
{
  GObject       parent_instance;

  SoupServer   *servers[LK_FAKE_FAL_N_LISTENERS];
  char         *urls[LK_FAKE_FAL_N_LISTENERS];
  guint         base_port;
  char         *tmpdir;
  GMainContext *context;             /* (owned) thread-default context at start */
  gboolean      started;

  /* Configuration (PUT /__fake/config). */
  GHashTable   *keys;                /* key → "ok" | "exhausted_balance" | "admin_lock" */
  GHashTable   *apps;                /* app → "active" | "deprecated" | "missing" */
  GHashTable   *min_images;          /* app or "*" → GINT_TO_POINTER */
  guint         queue_ms;
  guint         progress_ms;
  guint         log_interval_ms;
  guint         log_batch;           /* log lines written per tick, ≥ 1 */
  guint         keepalive_ms;
  guint         log_window;
  guint         queue_position_start;
  guint         cancel_ok_code;
  gboolean      strict_no_auth;
  gint64        result_ttl_ms;       /* -1: forever */
  gboolean      validate_at_submit;
  gboolean      reject_unknown_fields;
  gboolean      python_storage;

  /* State. */
  GHashTable   *jobs;                /* id → FakeJob */
  GPtrArray    *job_order;           /* (element-type utf8) ids */
  GHashTable   *uploads;             /* token → FakeUpload */
  GHashTable   *files;               /* cdn path → FakeFile */
  GHashTable   *cdn_tokens;          /* token → FakeTokenKind: CDN (Python path) or JWT (/tokens/) */
  GPtrArray    *faults;              /* (element-type FakeFault) */
  guint         next_fault_id;
  guint         next_file_id;
  GPtrArray    *requests;            /* (element-type JsonObject) */
  gint64        seq;
  guint         auth_leaks;
  guint         url_key_leaks;
  guint         body_key_leaks;
  GList        *streams;             /* (element-type FakeStream) */
  GList        *downloads;           /* (element-type FakeDownload) */
  GList        *live;                /* (element-type FakeRequest) requests not yet freed */
};

/* lk-fake-fal.c */
const char  *_lk_fake_fal_listener_name    (LkFakeFalListener  listener);
guint        _lk_fake_fal_timeout_add      (LkFakeFal         *self,
                                            guint              interval_ms,
                                            GSourceFunc        func,
                                            gpointer           data);
void         _lk_fake_fal_source_clear     (LkFakeFal         *self,
                                            guint             *id);
void         _lk_fake_fal_respond_json     (FakeRequest       *req,
                                            guint              status,
                                            JsonNode          *node);
void         _lk_fake_fal_respond_detail   (FakeRequest       *req,
                                            guint              status,
                                            const char        *detail);
void         _lk_fake_fal_respond_text     (FakeRequest       *req,
                                            guint              status,
                                            const char        *content_type,
                                            const char        *text);
JsonNode    *_lk_fake_fal_parse_body       (FakeRequest       *req);
JsonObject  *_lk_fake_fal_match_fault      (LkFakeFal         *self,
                                            FakeRequest       *req,
                                            const char        *method,
                                            const char        *path,
                                            const char        *app,
                                            const char        *kind);
FakeFault   *_lk_fake_fal_find_fault       (LkFakeFal         *self,
                                            const char        *id);
const char  *_lk_fake_fal_check_auth       (FakeRequest       *req,
                                            gboolean           needs_balance);
char        *_lk_fake_fal_new_uuid         (void);
char        *_lk_fake_fal_now_iso          (void);
void         _lk_fake_fal_apply_config     (LkFakeFal         *self,
                                            JsonObject        *config);
JsonObject  *_lk_fake_fal_json_object      (const char        *json);

FakeFault   *_lk_fake_fal_fault_new        (LkFakeFal         *self,
                                            JsonObject        *rule);
void         _lk_fake_fal_fault_free       (gpointer           data);
JsonNode    *_lk_fake_fal_requests_to_json (LkFakeFal         *self,
                                            gint64             since);

/* lk-fake-fal-control.c */
void         _lk_fake_fal_set_defaults     (LkFakeFal         *self);
void         _lk_fake_fal_handle_control   (LkFakeFal         *self,
                                            FakeRequest       *req,
                                            const char        *path,
                                            const char        *query);

/* lk-fake-fal-job.c */
gint64       _lk_fake_fal_outcome_int      (FakeJob           *job,
                                            const char        *name,
                                            gint64             fallback);
const char  *_lk_fake_fal_outcome_string   (FakeJob           *job,
                                            const char        *name);
gboolean     _lk_fake_fal_outcome_bool     (FakeJob           *job,
                                            const char        *name);
void         _lk_fake_fal_merge_object     (JsonObject        *into,
                                            JsonObject        *from);
JsonNode    *_lk_fake_fal_detail_body      (const char        *detail,
                                            const char        *error_type);
void         _lk_fake_fal_log_free         (gpointer           data);
void         _lk_fake_fal_job_build_script (FakeJob           *job);
void         _lk_fake_fal_job_arm_timer    (FakeJob           *job);
void         _lk_fake_fal_job_start_progress (FakeJob         *job);
void         _lk_fake_fal_job_finish       (FakeJob           *job);
void         _lk_fake_fal_job_finish_cancelled (FakeJob       *job);
void         _lk_fake_fal_job_cancel_running (FakeJob         *job);
void         _lk_fake_fal_job_set_start_timeout (FakeJob      *job,
                                            double             seconds);
void         _lk_fake_fal_job_add_urls     (JsonBuilder       *builder,
                                            FakeJob           *job);
JsonNode    *_lk_fake_fal_job_status_json  (FakeJob           *job,
                                            gboolean           with_logs,
                                            gint               log_from);

/* lk-fake-fal-stream.c */
void         _lk_fake_fal_stream_open      (LkFakeFal         *self,
                                            FakeRequest       *req,
                                            FakeJob           *job,
                                            gboolean           with_logs,
                                            const char        *path);
void         _lk_fake_fal_job_changed      (FakeJob           *job);
void         _lk_fake_fal_job_close_streams (FakeJob          *job);

/* lk-fake-fal-queue.c */
void         _lk_fake_fal_handle_queue     (LkFakeFal         *self,
                                            FakeRequest       *req,
                                            const char        *path,
                                            const char        *query);
void         _lk_fake_fal_handle_proxy     (LkFakeFal         *self,
                                            FakeRequest       *req);
void         _lk_fake_fal_job_free         (gpointer           data);
void         _lk_fake_fal_stop_streams     (LkFakeFal         *self);
JsonNode    *_lk_fake_fal_jobs_to_json     (LkFakeFal         *self);
gboolean     _lk_fake_fal_steer            (LkFakeFal         *self,
                                            const char        *request_id,
                                            JsonObject        *steer);
gboolean     _lk_fake_fal_take_action      (FakeRequest       *req,
                                            JsonObject        *action);
gboolean     _lk_fake_fal_app_known        (LkFakeFal         *self,
                                            const char        *app);

/* lk-fake-fal-validate.c */
JsonNode    *_lk_fake_fal_validate_input   (LkFakeFal         *self,
                                            const char        *app,
                                            JsonNode          *input);
FakeAppKind  _lk_fake_fal_app_kind         (const char        *app);
const char  *_lk_fake_fal_dataset_field    (const char        *app);
gint64       _lk_fake_fal_steps            (const char        *app,
                                            JsonNode          *input);
const char  *const *_lk_fake_fal_known_apps (void);

/* lk-fake-fal-storage.c */
void         _lk_fake_fal_handle_rest      (LkFakeFal         *self,
                                            FakeRequest       *req,
                                            const char        *path,
                                            const char        *query);
void         _lk_fake_fal_handle_upload    (LkFakeFal         *self,
                                            FakeRequest       *req,
                                            const char        *path,
                                            const char        *query);
gboolean     _lk_fake_fal_python_multipart_on_cdn (LkFakeFal   *self,
                                            FakeRequest       *req,
                                            const char        *path);
void         _lk_fake_fal_handle_cdn       (LkFakeFal         *self,
                                            FakeRequest       *req,
                                            const char        *path);
void         _lk_fake_fal_upload_started   (LkFakeFal         *self,
                                            FakeRequest       *req);
void         _lk_fake_fal_file_free        (gpointer           data);
void         _lk_fake_fal_upload_free      (gpointer           data);
void         _lk_fake_fal_stop_downloads   (LkFakeFal         *self);
FakeFile    *_lk_fake_fal_lookup_url       (LkFakeFal         *self,
                                            const char        *url);
FakeFile    *_lk_fake_fal_store_bytes      (LkFakeFal         *self,
                                            const char        *file_name,
                                            const char        *content_type,
                                            GBytes            *bytes);
char        *_lk_fake_fal_file_url         (LkFakeFal         *self,
                                            FakeFile          *file);

/* lk-fake-fal-assets.c */
GBytes      *_lk_fake_fal_make_safetensors (const char        *seed);
GBytes      *_lk_fake_fal_make_image       (int                width,
                                            int                height,
                                            gboolean           png,
                                            const char        *seed);
gboolean     _lk_fake_fal_inspect_zip      (FakeFile          *file,
                                            guint             *n_images,
                                            char             **error);

G_END_DECLS
