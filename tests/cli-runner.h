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

G_BEGIN_DECLS

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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

G_END_DECLS
