/* likeness-cli-common.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-core.h"

G_BEGIN_DECLS

/* One run of a verb: the main loop, the cancellable that SIGINT cancels,
 * and the result of the operation that finished last. Verbs start an async
 * call with lk_cli_session_done_cb() as its callback and then call
 * lk_cli_session_wait(), so a sequence of calls reads straight down. */
typedef struct
{
  GMainLoop    *loop;          /* (owned) */
  GCancellable *cancellable;   /* (owned): cancelled on SIGINT */
  GAsyncResult *result;        /* (owned) (nullable): just finished, not yet waited for */
  GAsyncResult *finished;      /* (owned) (nullable): what the last wait returned */
  guint         sigint_id;
  guint         interrupted : 1;
} LkCliSession;

typedef struct _LkCliProgress LkCliProgress;

LkCliSession   *lk_cli_session_new              (void);
void            lk_cli_session_free             (LkCliSession        *self);
void            lk_cli_session_done_cb          (GObject             *source_object,
                                                 GAsyncResult        *result,
                                                 gpointer             user_data);
GAsyncResult   *lk_cli_session_wait             (LkCliSession        *self);
char           *lk_cli_session_load_key         (LkCliSession        *self,
                                                 LkKeySource         *source,
                                                 GError             **error);
LkFalClient    *lk_cli_session_create_client    (LkCliSession        *self,
                                                 const char          *proxy_url,
                                                 GError             **error);
int             lk_cli_session_report_error     (LkCliSession        *self,
                                                 const GError        *error,
                                                 gboolean             json);

GOptionContext *lk_cli_option_context_new       (const char          *verb,
                                                 const char          *parameter_string,
                                                 const char          *summary);
int             lk_cli_parse_options            (GOptionContext      *context,
                                                 const char          *verb,
                                                 int                 *argc,
                                                 char              ***argv);
int             lk_cli_usage_error              (const char          *verb,
                                                 const char          *message);
gboolean        lk_cli_is_http_url              (const char          *url);
gboolean        lk_cli_check_proxy_url          (const char          *verb,
                                                 const char          *proxy_url,
                                                 int                 *exit_code);
gboolean        lk_cli_check_request_id         (const char          *verb,
                                                 const char          *request_id,
                                                 int                 *exit_code);

const char     *lk_cli_state_to_string          (LkFalState           state);
char           *lk_cli_describe_status          (LkFalStatus         *status);

/* A tiny JSON writer for --json output; the front ends may not use
 * json-glib (see STYLE.md, "What may include what"). */
GString        *lk_cli_json_object_new          (void);
void            lk_cli_json_add_string          (GString             *object,
                                                 const char          *name,
                                                 const char          *value);
void            lk_cli_json_add_int             (GString             *object,
                                                 const char          *name,
                                                 gint64               value);
void            lk_cli_json_add_double          (GString             *object,
                                                 const char          *name,
                                                 double               value);
void            lk_cli_json_add_bool            (GString             *object,
                                                 const char          *name,
                                                 gboolean             value);
void            lk_cli_json_add_raw             (GString             *object,
                                                 const char          *name,
                                                 const char          *json);
void            lk_cli_json_append_string       (GString             *out,
                                                 const char          *value);
char           *lk_cli_json_object_end          (GString             *object);
void            lk_cli_json_print               (GString             *object);
char           *lk_cli_status_to_json           (LkFalStatus         *status,
                                                 const char          *type);
char           *lk_cli_log_to_json              (const LkFalLog      *log,
                                                 const char          *type);

LkCliProgress  *lk_cli_progress_new             (const char          *label);
void            lk_cli_progress_update_cb       (goffset              done,
                                                 goffset              total,
                                                 gpointer             user_data);
void            lk_cli_progress_finish          (LkCliProgress       *self,
                                                 gboolean             success);
void            lk_cli_progress_free            (LkCliProgress       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCliSession, lk_cli_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCliProgress, lk_cli_progress_free)

G_END_DECLS
