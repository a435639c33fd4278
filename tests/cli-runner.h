/* cli-runner.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built likeness-cli in a subprocess for the 'cli' and 'keyring'
 * suites, while the test's main context keeps turning (an in-process fake
 * fal service may be serving on it).
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ARGV(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define ENV(...)  ((const char * const[]) { __VA_ARGS__, NULL })

typedef struct
{
  int      status;     /* exit code, or 128 + signal */
  gboolean signalled;  /* killed by a signal rather than exiting */
  char    *out;        /* (owned) */
  char    *err;        /* (owned) */
} CliRun;

void     cli_run_clear        (CliRun             *run);
/* @env: NULL-terminated "NAME=VALUE" pairs set on top of the test's own
 * environment ("NAME" alone unsets). @stdin_text may be NULL. */
void     cli_run              (CliRun             *run,
                               const char * const *env,
                               const char         *stdin_text,
                               const char * const *argv);
/* Starts likeness-cli and returns it, for tests that signal it. */
GSubprocess *cli_spawn        (const char * const *env,
                               const char * const *argv,
                               GError            **error);
void     cli_wait             (CliRun             *run,
                               GSubprocess        *subprocess);
/* Iterates the default main context until *@flag is TRUE, failing the
 * test after @timeout_ms. */
void     cli_iterate_until    (gboolean           *flag,
                               guint               timeout_ms);

/* Parses @text, failing the test if it is not JSON. */
JsonNode *cli_parse_json       (const char         *text);
/* Fails the test if @secret shows in the run's output. */
void     cli_assert_no_secret (const CliRun       *run,
                               const char         *secret);

/* Fails the test if any file under @path contains @secret. */
void     cli_assert_not_in_tree (const char       *path,
                                 const char       *secret);

/* Everything written to the master side of a pty, read asynchronously
 * until the other side closes. */
typedef struct
{
  GInputStream *stream;
  GString      *text;
  char          buffer[4096];
  gboolean      done;
} PtyReader;

void     pty_reader_start     (PtyReader          *reader,
                               int                 master);
void     pty_reader_finish    (PtyReader          *reader);
/* A launcher for likeness-cli with one standard stream on a pty. */
GSubprocessLauncher *cli_pty_launcher (const char * const *env);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

G_END_DECLS
