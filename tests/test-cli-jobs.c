/* test-cli-jobs.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli jobs` against a store in the test's own data directory.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lk-core.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the CLI in English, with the isolated XDG directories of this test. */
static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "likeness-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  /* The isolated directories are GLib's own; the child needs them spelled
   * out. */
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_ptr_array_add (argv, cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
test_empty (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "jobs", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "No jobs yet.\nSpent this month: $0.00\n");
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_list (void)
{
  g_autoptr(LkJobStore) store = NULL;
  g_autoptr(LkJobRecord) done = lk_job_record_new ();
  g_autoptr(LkJobRecord) running = lk_job_record_new ();
  g_autoptr(LkJobRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) all = { 0 };
  g_auto(Run) unfinished = { 0 };
  g_auto(Run) search = { 0 };
  g_auto(Run) nothing = { 0 };

  store = lk_job_store_new_sync (NULL, NULL, &error);
  g_assert_no_error (error);

  done->name = g_strdup ("Портрет Ани");
  done->trainer = g_strdup ("fal-ai/flux-lora-portrait-trainer");
  done->phase = LK_JOB_PHASE_DONE;
  done->cost_actual = 3.5;
  done->created = 1767225600;
  /* Its cost goes into this month's tally with it. */
  stored = lk_job_store_insert_sync (store, done, NULL, &error);
  g_assert_no_error (error);

  running->name = g_strdup ("Product shots");
  running->phase = LK_JOB_PHASE_RUNNING;
  running->cost_estimate = 6;
  running->created = 1767225700;
  g_clear_pointer (&stored, lk_job_record_unref);
  stored = lk_job_store_insert_sync (store, running, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));

  run_cli (&all, "jobs", NULL);
  g_assert_cmpint (all.status, ==, 0);
  assert_contains (all.out, "Phase");
  assert_contains (all.out, "Done");
  assert_contains (all.out, "$3.50");
  assert_contains (all.out, "Портрет Ани (fal-ai/flux-lora-portrait-trainer)");
  assert_contains (all.out, "Training");
  assert_contains (all.out, "~$6.00");
  assert_contains (all.out, "Spent this month: $3.50\n");
  /* Newest first. */
  g_assert_true (strstr (all.out, "Product shots") < strstr (all.out, "Портрет Ани"));

  run_cli (&unfinished, "jobs", "--unfinished", NULL);
  g_assert_cmpint (unfinished.status, ==, 0);
  assert_contains (unfinished.out, "Product shots");
  g_assert_null (strstr (unfinished.out, "Портрет"));

  run_cli (&search, "jobs", "-s", "портрет", NULL);
  g_assert_cmpint (search.status, ==, 0);
  assert_contains (search.out, "Портрет Ани");
  g_assert_null (strstr (search.out, "Product"));

  run_cli (&nothing, "jobs", "--search", "landscape", NULL);
  g_assert_cmpint (nothing.status, ==, 0);
  assert_contains (nothing.out, "No jobs match “landscape”.");
}

static void
assert_refused (const char *contents,
                gssize      len,
                const char *expected)
{
  g_autofree char *path = lk_job_store_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gsize after_len = 0;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  run_cli (&run, "jobs", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_contains (run.err, path);
  assert_contains (run.err, expected);

  g_file_get_contents (path, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (after, after_len, contents, len);
}

static void
test_corrupt (void)
{
  char garbage[2048];

  memset (garbage, 'Z', sizeof garbage);
  assert_refused (garbage, sizeof garbage, "damaged");
}

static void
test_newer (void)
{
  g_autofree char *path = lk_job_store_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gsize before_len = 0;
  gsize after_len = 0;
  sqlite3 *db = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE jobs (id INTEGER);"
                                     "CREATE TABLE upload_cache (sha256 TEXT);"
                                     "PRAGMA user_version = 40;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_file_get_contents (path, &before, &before_len, &error);
  g_assert_no_error (error);

  run_cli (&run, "jobs", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, path);
  assert_contains (run.err, "newer version of Likeness");

  g_file_get_contents (path, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (after, after_len, before, before_len);
}

static void
test_usage (void)
{
  g_auto(Run) extra = { 0 };
  g_auto(Run) unknown = { 0 };

  run_cli (&extra, "jobs", "surplus", NULL);
  g_assert_cmpint (extra.status, ==, 2);
  assert_contains (extra.err, "Unexpected argument “surplus”.");

  run_cli (&unknown, "jobs", "--bogus", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/cli/jobs/empty", test_empty);
  g_test_add_func ("/likeness/cli/jobs/list", test_list);
  g_test_add_func ("/likeness/cli/jobs/corrupt-store", test_corrupt);
  g_test_add_func ("/likeness/cli/jobs/newer-store", test_newer);
  g_test_add_func ("/likeness/cli/jobs/usage", test_usage);

  return g_test_run ();
}
