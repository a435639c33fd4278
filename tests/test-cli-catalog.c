/* test-cli-catalog.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli trainers | compare | presets | preset`, run as a user would.
 */

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

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

static void
cli (Run *run,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIKENESS_CLI"));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  /* The isolated folders of this test, not the caller's. */
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_trainers (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *trainers;
  JsonObject *pro;

  cli (&run, "trainers", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "fal-ai/flux-lora-portrait-trainer"));
  g_assert_nonnull (strstr (run.out, "Availability: Deprecated."));
  g_clear_pointer (&run.out, g_free);
  g_clear_pointer (&run.err, g_free);

  cli (&run, "trainers", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  trainers = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (trainers), ==, 5);
  pro = json_array_get_object_element (trainers, 0);
  g_assert_cmpstr (json_object_get_string_member (pro, "id"), ==, "fal-ai/flux-pro-trainer");
  g_assert_cmpstr (json_object_get_string_member (pro, "availability"), ==, "deprecated");
  g_assert_cmpstr (json_object_get_string_member (pro, "replacement"), ==, "fal-ai/flux-lora-fast-training");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (pro, "ratings"), "quality"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pro, "price"), "model"), ==, "unknown");
}

/* Display columns, counting wide characters (emoji) as two. */
static glong
columns_before_bars (const char *line,
                     GArray     *positions)
{
  glong width = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2502)  /* │ */
        g_array_append_val (positions, width);
      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
test_compare_table (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (glong));
  guint n_table_lines = 0;

  cli (&run, "compare", "--images", "12", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  for (guint i = 0; i < 10; i++)
    {
      static const char * const labels[] = { "Main purpose", "Model types", "Training time", "Number of steps",
                                             "Learning rate", "Auto-crop", "Mask creation", "Multi-resolution",
                                             "Auto-captions", "Training modes" };
      g_assert_nonnull (strstr (run.out, labels[i]));
    }
  g_assert_nonnull (strstr (run.out, "⭐⭐⭐⭐⭐ (Very high)"));
  g_assert_nonnull (strstr (run.out, "5-30 minutes"));
  g_assert_nonnull (strstr (run.out, "12 images: enough"));
  g_assert_nonnull (strstr (run.out, "$1.00"));

  /* Every table line puts its column bars at the same terminal columns. */
  lines = g_strsplit (run.out, "\n", -1);
  columns_before_bars (lines[0], first);
  g_assert_cmpuint (first->len, ==, 3);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GArray) here = g_array_new (FALSE, FALSE, sizeof (glong));

      columns_before_bars (lines[i], here);
      if (here->len == 0)
        continue;
      n_table_lines++;
      g_assert_cmpuint (here->len, ==, first->len);
      for (guint b = 0; b < here->len; b++)
        g_assert_cmpint (g_array_index (here, glong, b), ==, g_array_index (first, glong, b));
    }
  g_assert_cmpuint (n_table_lines, >=, 22);
}

static void
test_compare_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rows;
  gboolean found = FALSE;

  cli (&run, "compare", "--steps", "1000", "--json", "--trainer", "fal-ai/turbo-flux-trainer", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  rows = json_object_get_array_member (json_node_get_object (root), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (row, "id"), "run-price"))
        {
          g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (row, "cells"), 0), ==, "$2.40");
          found = TRUE;
        }
    }
  g_assert_true (found);

  g_clear_pointer (&run.out, g_free);
  g_clear_pointer (&run.err, g_free);
  cli (&run, "compare", "--trainer", "fal-ai/nope", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "There is no trainer “fal-ai/nope”."));

  g_clear_pointer (&run.out, g_free);
  g_clear_pointer (&run.err, g_free);
  cli (&run, "compare", "--images", "lots", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_presets_and_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("likeness-cli-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "fast.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *presets;

  cli (&run, "presets", "fal-ai/flux-lora-portrait-trainer", "--json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  presets = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (presets), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (presets, 1), "name"), ==,
                   "For fast prototyping");
  run_clear (&run);

  cli (&run, "presets", "fal-ai/flux-lora-fast-training", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "fallback-optimal — Optimal settings for styles"));
  g_assert_nonnull (strstr (run.out, "Costs about $1.00 for 500 steps."));
  g_assert_nonnull (strstr (run.out, "“learning_rate” is not sent"));
  run_clear (&run);

  cli (&run, "preset", "export", "portrait-fast", "-o", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  run_clear (&run);

  cli (&run, "preset", "import", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported “For fast prototyping” for fal-ai/flux-lora-portrait-trainer.\n");
  run_clear (&run);

  cli (&run, "presets", "fal-ai/flux-lora-portrait-trainer", NULL);
  g_assert_nonnull (strstr (run.out, "For fast prototyping (yours)"));
  run_clear (&run);

  cli (&run, "preset", "import", file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "A preset named “For fast prototyping” already exists."));
  run_clear (&run);

  g_file_set_contents (bad, "{\"format\":\"likeness-preset\",\"version\":1,\"name\":\"b\","
                       "\"trainer\":\"fal-ai/flux-lora-fast-training\",\"values\":{\"steps\":0}}", -1, NULL);
  cli (&run, "preset", "import", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "Cannot import “bad.json”: “steps” must be between 1 and 10000; got 0.\n");
  run_clear (&run);

  cli (&run, "preset", "export", "nope", "-o", file, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  cli (&run, "preset", "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);

  g_remove (file);
  g_remove (bad);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/cli/catalog/trainers", test_trainers);
  g_test_add_func ("/likeness/cli/catalog/compare-table", test_compare_table);
  g_test_add_func ("/likeness/cli/catalog/compare-json", test_compare_json);
  g_test_add_func ("/likeness/cli/catalog/presets-and-files", test_presets_and_files);

  return g_test_run ();
}
