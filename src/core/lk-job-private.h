/* lk-job-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog.h"
#include "lk-dataset.h"
#include "lk-fal-client.h"
#include "lk-job.h"
#include "lk-packer.h"

G_BEGIN_DECLS

typedef enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PHASE,
  PROP_ACTIVE,
  PROP_FRACTION,
  PROP_STATUS_TEXT,
  PROP_BYTES_PER_SECOND,
  PROP_ETA_SECONDS,
  PROP_QUEUE_POSITION,
  PROP_STEP,
  PROP_TOTAL_STEPS,
  PROP_ELAPSED_SECONDS,
  PROP_LAST_LOG_AGE,
  PROP_LAST_LOG_LINE,
  PROP_BILLED,
  PROP_FAILURE_REASON,
  PROP_RESULT_FOLDER,
  N_PROPS
} LkJobProperty;

struct _LkJob
{
  GObject       parent_instance;

  /* Inputs. */
  LkFalClient  *client;            /* (owned) */
  LkJobStore   *store;             /* (owned) */
  LkJobRecord  *record;            /* (owned): only this job holds it */
  char         *download_folder;   /* (owned) (nullable) */

  /* The run in flight. */
  GCancellable *cancellable;       /* (owned): replaced when a run starts */
  LkFalRequest *request;           /* (owned) (nullable) */
  LkDataset    *dataset;           /* (owned) (nullable) */
  LkPacker     *packer;            /* (owned) (nullable) */
  LkCatalog    *catalog;           /* (owned) (nullable): loaded on demand */
  GError       *error;             /* (owned) (nullable) */
  guint         active : 1;        /* a run is in flight */
  guint         cancel_requested : 1;
  guint         detach_requested : 1;
  guint         saw_running : 1;
  guint         upload_done : 1;
  guint         pack_done : 1;
  GError       *pack_error;        /* (owned) (nullable) */
  char         *uploaded_url;      /* (owned) (nullable) */
  guint64       upload_total;      /* the planned size, for progress */
  GInputStream *pack_stream;       /* (owned) (nullable): the ZIP on its way */
  GFile        *pack_file;         /* (owned) (nullable): the packed ZIP, behind a proxy */
  double        inference_time;    /* what fal reported, -1 if nothing */
  LkJobPhase    submitted_from;    /* the phase before the submit's answer */
  GPtrArray    *downloads;         /* (owned) (element-type JobDownload) */
  guint         download_index;

  /* What the front ends read. */
  double        fraction;
  char         *status_text;       /* (owned) */
  double        bytes_per_second;
  gint64        eta_seconds;
  int           queue_position;
  guint         step;
  guint         total_steps;
  gint64        running_since;     /* wall-clock µs, 0 if not running */
  gint64        last_log_time;     /* monotonic µs, 0 if none */
  char         *last_log_line;     /* (owned) (nullable) */
  guint64       n_log_lines;       /* received in this process */
  LkLogModel   *log_model;         /* (owned) */

  /* Rates and ETAs. */
  gint64        rate_time;         /* monotonic µs of the last byte sample */
  goffset       rate_bytes;
  gint64        first_step_time;   /* monotonic µs */
  guint         first_step;
  gint64        last_step_time;
  guint         n_step_samples;

  /* Log entries already seen, by identity (timestamp and message). */
  GHashTable   *seen_logs;         /* (owned) */
  GQueue        seen_order;        /* (owned) keys, oldest first */

  /* Coalesced notifications. */
  guint64       dirty;             /* 1 << LkJobProperty */
  guint         notify_id;
  guint         tick_id;
};

typedef struct
{
  char    *url;
  char    *path;
  goffset  size;
} JobDownload;

extern GParamSpec *_lk_job_properties[N_PROPS];

/* lk-job.c */
void          _lk_job_mark_dirty        (LkJob        *self,
                                         LkJobProperty prop);
void          _lk_job_set_phase         (LkJob        *self,
                                         LkJobPhase    phase);
void          _lk_job_announce_phase    (LkJob        *self,
                                         LkJobPhase    old);
void          _lk_job_set_status_text   (LkJob        *self,
                                         const char   *text);
void          _lk_job_set_fraction      (LkJob        *self,
                                         double        fraction);
void          _lk_job_save              (LkJob        *self);
void          _lk_job_stop              (LkJob        *self);
void          _lk_job_fail              (LkJob        *self,
                                         const GError *error,
                                         gboolean      billed);
void          _lk_job_finish_cancelled  (LkJob        *self,
                                         gboolean      billed);
void          _lk_job_finish_done       (LkJob        *self);
void          _lk_job_lost_contact      (LkJob        *self,
                                         const GError *error);
void          _lk_job_add_logs          (LkJob        *self,
                                         GPtrArray    *logs);
void          _lk_job_update_bytes      (LkJob        *self,
                                         goffset       done,
                                         goffset       total);
LkCatalog    *_lk_job_get_catalog       (LkJob        *self,
                                         GError      **error);
const char   *_lk_job_input_name        (LkJob        *self,
                                         int           role);

/* lk-job-run.c */
void          _lk_job_run               (LkJob        *self);
gboolean      _lk_job_handle_cancel     (LkJob        *self,
                                         const GError *error);

/* lk-job-result.c */
void          _lk_job_fetch_result      (LkJob        *self);
void          _lk_job_download_result   (LkJob        *self);
gboolean      _lk_job_parse_result      (LkJob        *self,
                                         GError      **error);

G_END_DECLS
