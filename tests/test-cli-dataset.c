/* test-cli-dataset.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built likeness-cli on generated folders: `check` and `pack`.
 * The path of likeness-cli is the first argument.
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dataset-fixtures.h"

static const char *cli_path;

typedef struct
{
  char *dir;
  char *out;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("likeness-cli-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->out = g_strconcat (f->dir, ".zip", NULL);

  for (guint i = 1; i <= 11; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (600, 560, 700 + i);
      g_autoptr(GBytes) jpeg = fixture_jpeg (pixbuf, 90, 1, FIXTURE_EXIF_ORIENTATION | FIXTURE_EXIF_GPS);
      g_autofree char *name = g_strdup_printf ("face%02u.jpg", i);

      fixture_write (f->dir, name, jpeg);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_unlink (f->out);
  g_free (f->dir);
  g_free (f->out);
}

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli_path);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *zero = g_build_filename (f->dir, "zero.jpg", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  /* Clean: exit 0. */
  g_assert_cmpint (run_cli (&out, &err, "check", f->dir, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 errors"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An empty file is an error: exit 4. */
  g_assert_true (g_file_set_contents (zero, "", 0, NULL));
  g_assert_cmpint (run_cli (&out, &err, "check", "--trainer", "fal-ai/unknown", f->dir, NULL), ==, 4);
  g_assert_nonnull (strstr (out, "zero.jpg"));
  g_assert_nonnull (strstr (out, "empty"));
  g_assert_nonnull (strstr (err, "fal-ai/unknown"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "check", "--json", "--trigger", "man", f->dir, NULL), ==, 4);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "errors"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "usable_images"), ==, 11);
  g_assert_nonnull (strstr (out, "\"trigger-common-word\""));
  g_assert_nonnull (strstr (out, "TOK_"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad usage: exit 2. */
  g_assert_cmpint (run_cli (&out, &err, "check", NULL), ==, 2);
}

static void
test_pack (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  struct archive *a;
  struct archive_entry *entry;
  guint n = 0;

  g_assert_cmpint (run_cli (&out, &err, "pack", f->dir, "-o", f->out, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "face01.jpg"));
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "pack", f->dir, "-o", f->out, "--max-side", "512", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "face11.jpg"));
  g_assert_nonnull (strstr (out, "GPS location"));
  g_assert_nonnull (strstr (out, "resized to 512×478"));
  /* Progress goes to stderr, as plain lines when it is not a terminal. */
  g_assert_nonnull (strstr (err, "100%"));
  g_assert_null (strstr (err, "\r"));

  a = archive_read_new ();
  archive_read_support_format_zip (a);
  g_assert_cmpint (archive_read_open_filename (a, f->out, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      g_assert_true (g_str_has_prefix (archive_entry_pathname (entry), "face"));
      n++;
    }
  archive_read_free (a);
  g_assert_cmpuint (n, ==, 11);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "pack", f->dir, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];

  g_test_add ("/likeness/cli/check", Fixture, NULL, fixture_set_up, test_check, fixture_tear_down);
  g_test_add ("/likeness/cli/pack", Fixture, NULL, fixture_set_up, test_pack, fixture_tear_down);

  return g_test_run ();
}
