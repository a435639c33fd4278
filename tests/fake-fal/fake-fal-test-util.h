/* fake-fal-test-util.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lk-fake-fal.h"

G_BEGIN_DECLS

#define AUTH       "Key " LK_FAKE_FAL_KEY
#define FAST       "fal-ai/flux-lora-fast-training"
#define DEADLINE_S 15

typedef struct
{
  LkFakeFal   *fake;
  SoupSession *session;
  const char  *q, *r, *u, *c, *ctl;
  char        *zip_url;
} Fixture;

typedef struct
{
  guint        status;
  SoupMessage *msg;
  GBytes      *body;
  JsonNode    *json;
  GError      *error;
  gboolean     done;
} Reply;

void        reply_free        (Reply         *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

void        iterate_until     (gboolean      *flag);
Reply      *http              (Fixture       *f,
                               const char    *method,
                               const char    *url,
                               const char    *auth,
                               const char    *content_type,
                               const char    *body,
                               gssize         len,
                               ...) G_GNUC_NULL_TERMINATED;
JsonObject *obj               (Reply         *reply);
const char *str               (JsonObject    *object,
                               const char    *name);
const char *header            (Reply         *reply,
                               const char    *name);
char       *body_text         (Reply         *reply);
void        assert_detail     (Reply         *reply,
                               guint          status,
                               const char    *detail);
char       *url_of            (const char    *base,
                               const char    *path);
JsonObject *find_job          (Fixture       *f,
                               const char    *id);
gboolean    job_in_phase      (Fixture       *f,
                               const char    *id,
                               const char    *phase);
void        wait_phase        (Fixture       *f,
                               const char    *id,
                               const char    *phase);
char       *read_stream       (Fixture       *f,
                               const char    *url,
                               guint         *status,
                               char         **content_type);
GPtrArray  *parse_events      (const char    *text,
                               guint         *n_pings);
GBytes     *make_zip          (guint          n_images);
char       *upload_bytes      (Fixture       *f,
                               GBytes        *bytes,
                               const char    *content_type);
void        fixture_set_up    (Fixture       *f,
                               gconstpointer  data);
void        fixture_tear_down (Fixture       *f,
                               gconstpointer  data);
char       *submit_json       (Fixture       *f,
                               const char    *app,
                               const char    *input,
                               Reply        **out);
char       *submit_fast       (Fixture       *f,
                               Reply        **out);
char       *request_url       (Fixture       *f,
                               const char    *base,
                               const char    *id,
                               const char    *suffix);

#define GET(f, url)             http (f, "GET", url, AUTH, NULL, NULL, 0, NULL)
#define POST_JSON(f, url, json) http (f, "POST", url, AUTH, "application/json", json, -1, NULL)

G_END_DECLS
