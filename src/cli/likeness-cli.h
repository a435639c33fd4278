/* likeness-cli.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit codes, documented in `likeness-cli --help`. */
enum
{
  LK_CLI_EXIT_OK       = 0,
  LK_CLI_EXIT_FAILURE  = 1,  /* the operation failed (fal, network, files) */
  LK_CLI_EXIT_USAGE    = 2,  /* bad command line */
  LK_CLI_EXIT_AUTH     = 3,  /* no key, or the key was refused */
  LK_CLI_EXIT_FINDINGS = 4,  /* `check` found errors in the dataset */
  LK_CLI_EXIT_CANCELLED = 130,
};

/* A subcommand: argv[0] is the verb itself. Returns an exit code. */
typedef int (*LkCliCommandFunc) (int    argc,
                                 char **argv);

typedef struct
{
  const char       *name;
  LkCliCommandFunc  func;
  const char       *summary;   /* N_() marked */
} LkCliCommand;

/* Area: fal verbs (issue 3) */
int lk_cli_key      (int    argc,
                     char **argv);
int lk_cli_upload   (int    argc,
                     char **argv);
int lk_cli_submit   (int    argc,
                     char **argv);
int lk_cli_status   (int    argc,
                     char **argv);
int lk_cli_logs     (int    argc,
                     char **argv);
int lk_cli_result   (int    argc,
                     char **argv);
int lk_cli_cancel   (int    argc,
                     char **argv);
int lk_cli_download (int    argc,
                     char **argv);

/* Area: dataset verbs (issue 4) */
int likeness_cli_check (int    argc,
                        char **argv);
int likeness_cli_pack  (int    argc,
                        char **argv);

/* Area: catalog verbs (issue 5) */
int lk_cli_trainers (int    argc,
                     char **argv);
int lk_cli_compare  (int    argc,
                     char **argv);
int lk_cli_presets  (int    argc,
                     char **argv);
int lk_cli_preset   (int    argc,
                     char **argv);

/* Area: job verbs (issue 6) */
int lk_cli_jobs (int    argc,
                 char **argv);
int lk_cli_jobs_main  (int    argc,
                       char **argv);
int lk_cli_train      (int    argc,
                       char **argv);
int lk_cli_attach     (int    argc,
                       char **argv);
int lk_cli_try        (int    argc,
                       char **argv);
/* `jobs cancel ID` and `jobs result ID`; the fal verbs `cancel` and
 * `result` take a request id. */
int lk_cli_job_cancel (int    argc,
                       char **argv);
int lk_cli_job_result (int    argc,
                       char **argv);

G_END_DECLS
