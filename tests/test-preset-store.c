/* test-preset-store.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * User presets on disk: save, rename, delete, import, export, the last form,
 * and broken imports that must change nothing.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lk-core.h"

typedef struct
{
  LkCatalog     *catalog;
  LkPresetStore *store;
  GFile         *directory;
  char          *scratch;
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for an async result");
  return G_SOURCE_REMOVE;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  guint timeout_id = g_timeout_add_seconds (10, timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
  return *result;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->catalog = lk_catalog_new (NULL);
  fixture->store = lk_preset_store_new (fixture->catalog, NULL);
  fixture->directory = g_object_ref (lk_preset_store_get_directory (fixture->store));
  fixture->scratch = g_dir_make_tmp ("likeness-presets-XXXXXX", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_object_unref (fixture->catalog);
  g_object_unref (fixture->directory);
  remove_tree (fixture->scratch);
  g_free (fixture->scratch);
}

static char **
list_directory (GFile *directory)
{
  g_autofree char *path = g_file_get_path (directory);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
save (Fixture  *fixture,
      LkPreset *preset)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_preset_store_save_async (fixture->store, preset, NULL, result_cb, &result);
  lk_preset_store_save_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
}

static LkPreset *
make_user_preset (const char *name,
                  guint       steps)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&dict, "steps", "x", (gint64) steps);
  g_variant_dict_insert (&dict, "learning_rate", "d", 0.00012);
  g_variant_dict_insert (&dict, "create_masks", "b", TRUE);
  return lk_preset_new (name, "fal-ai/flux-lora-portrait-trainer", "My faces", g_variant_dict_end (&dict));
}

static guint
reload (Fixture *fixture)
{
  g_autoptr(LkPresetStore) other = lk_preset_store_new (fixture->catalog, fixture->directory);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint skipped = 99;

  lk_preset_store_load_async (other, NULL, result_cb, &result);
  g_assert_true (lk_preset_store_load_finish (other, wait_for (&result), &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, ==, 0);
  return g_list_model_get_n_items (lk_preset_store_get_presets (other));
}

static void
test_save_rename_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LkPreset) first = make_user_preset ("Faces", 1200);
  g_autoptr(LkPreset) second = make_user_preset ("Anna", 800);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *presets = lk_preset_store_get_presets (fixture->store);
  g_autofree char *path = g_file_get_path (fixture->directory);

  g_assert_true (g_str_has_suffix (path, "likeness/presets"));
  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));

  save (fixture, first);
  save (fixture, second);
  g_assert_cmpuint (g_list_model_get_n_items (presets), ==, 2);
  {
    g_autoptr(LkPreset) first_in_list = g_list_model_get_item (presets, 0);
    g_assert_cmpstr (lk_preset_get_name (first_in_list), ==, "Anna");
  }
  g_assert_cmpuint (reload (fixture), ==, 2);

  /* Saving under the same name replaces. */
  {
    g_autoptr(LkPreset) again = make_user_preset ("Faces", 1300);
    gint64 steps = 0;

    save (fixture, again);
    g_assert_cmpuint (g_list_model_get_n_items (presets), ==, 2);
    g_variant_lookup (lk_preset_get_values (lk_preset_store_lookup (fixture->store, "Faces")), "steps", "x", &steps);
    g_assert_cmpint (steps, ==, 1300);
    g_assert_cmpuint (reload (fixture), ==, 2);
  }

  lk_preset_store_rename_async (fixture->store, "Faces", "Anna", NULL, result_cb, &result);
  g_assert_false (lk_preset_store_rename_finish (fixture->store, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A preset named “Anna” already exists.");
  g_clear_error (&error);
  g_clear_object (&result);

  lk_preset_store_rename_async (fixture->store, "Faces", "Zoe", NULL, result_cb, &result);
  g_assert_true (lk_preset_store_rename_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_null (lk_preset_store_lookup (fixture->store, "Faces"));
  g_assert_nonnull (lk_preset_store_lookup (fixture->store, "Zoe"));
  g_assert_cmpuint (reload (fixture), ==, 2);

  lk_preset_store_delete_async (fixture->store, "Anna", NULL, result_cb, &result);
  g_assert_true (lk_preset_store_delete_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (presets), ==, 1);
  g_assert_cmpuint (reload (fixture), ==, 1);

  lk_preset_store_delete_async (fixture->store, "Anna", NULL, result_cb, &result);
  g_assert_false (lk_preset_store_delete_finish (fixture->store, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_save_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LkPreset) bad = make_user_preset ("Too many", 50000);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;

  lk_preset_store_save_async (fixture->store, bad, NULL, result_cb, &result);
  g_assert_false (lk_preset_store_save_finish (fixture->store, wait_for (&result), &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "“steps” must be between 1 and 10000; got 50000.");
  g_assert_cmpuint (g_list_model_get_n_items (lk_preset_store_get_presets (fixture->store)), ==, 0);
  files = list_directory (fixture->directory);
  g_assert_cmpuint (g_strv_length (files), ==, 0);
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->scratch, "quality.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LkPreset *builtin = lk_catalog_lookup_preset (fixture->catalog, "portrait-quality");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPreset) imported = NULL;

  lk_preset_store_export_async (fixture->store, builtin, file, NULL, result_cb, &result);
  g_assert_true (lk_preset_store_export_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  lk_preset_store_import_async (fixture->store, file, NULL, result_cb, &result);
  imported = lk_preset_store_import_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_nonnull (imported);
  g_assert_cmpint (lk_preset_get_source (imported), ==, LK_PRESET_SOURCE_USER);
  g_assert_cmpstr (lk_preset_get_name (imported), ==, "For maximum quality");
  g_assert_cmpstr (lk_preset_get_trainer_id (imported), ==, "fal-ai/flux-lora-portrait-trainer");
  g_assert_true (g_variant_equal (lk_preset_get_values (imported), lk_preset_get_values (builtin)) ||
                 g_variant_n_children (lk_preset_get_values (imported)) == 5);
  g_assert_cmpuint (g_list_model_get_n_items (lk_preset_store_get_presets (fixture->store)), ==, 1);
  g_assert_cmpuint (reload (fixture), ==, 1);

  /* A second import of the same name is refused. */
  lk_preset_store_import_async (fixture->store, file, NULL, result_cb, &result);
  g_assert_null (lk_preset_store_import_finish (fixture->store, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "Cannot import “quality.json”: A preset named “For maximum quality” already exists.");
}

typedef struct
{
  const char *name;
  const char *contents;      /* NULL: 10 MB file */
  int         domain_code;
  const char *message;
} BrokenImport;

static const BrokenImport broken_imports[] = {
  { "bad-json", "{\"format\": \"likeness-preset\", \"version\": 1, ", LK_CATALOG_ERROR_PARSE, NULL },
  { "not-object", "[1, 2, 3]", LK_CATALOG_ERROR_PARSE,
    "Cannot import “not-object.json”: The file does not hold a JSON object." },
  { "wrong-format", "{\"format\": \"other\", \"version\": 1, \"name\": \"x\", \"trainer\": \"fal-ai/flux-lora-portrait-trainer\", \"values\": {}}",
    LK_CATALOG_ERROR_PARSE,
    "Cannot import “wrong-format.json”: This is not a Likeness preset file: “format” is missing or wrong." },
  { "unknown-trainer", "{\"format\": \"likeness-preset\", \"version\": 1, \"name\": \"x\", \"trainer\": \"fal-ai/nope\", \"values\": {}}",
    LK_CATALOG_ERROR_UNKNOWN_TRAINER,
    "Cannot import “unknown-trainer.json”: “trainer”: there is no trainer “fal-ai/nope”." },
  { "out-of-range", "{\"format\": \"likeness-preset\", \"version\": 1, \"name\": \"x\", \"trainer\": \"fal-ai/flux-lora-portrait-trainer\", \"values\": {\"steps\": 20000}}",
    LK_CATALOG_ERROR_OUT_OF_RANGE,
    "Cannot import “out-of-range.json”: “steps” must be between 1 and 10000; got 20000." },
  { "wrong-type", "{\"format\": \"likeness-preset\", \"version\": 1, \"name\": \"x\", \"trainer\": \"fal-ai/flux-lora-portrait-trainer\", \"values\": {\"subject_crop\": \"yes\"}}",
    LK_CATALOG_ERROR_WRONG_TYPE,
    "Cannot import “wrong-type.json”: “subject_crop” must be true or false; got “yes”." },
  { "nested-value", "{\"format\": \"likeness-preset\", \"version\": 1, \"name\": \"x\", \"trainer\": \"fal-ai/flux-lora-portrait-trainer\", \"values\": {\"steps\": [1]}}",
    LK_CATALOG_ERROR_WRONG_TYPE,
    "Cannot import “nested-value.json”: “steps” must be a number, text or true/false." },
  { "unknown-field", "{\"format\": \"likeness-preset\", \"version\": 1, \"name\": \"x\", \"trainer\": \"fal-ai/flux-lora-portrait-trainer\", \"values\": {\"iterations\": 500}}",
    LK_CATALOG_ERROR_UNKNOWN_FIELD,
    "Cannot import “unknown-field.json”: “iterations” is not an input of fal-ai/flux-lora-portrait-trainer." },
  { "no-name", "{\"format\": \"likeness-preset\", \"version\": 1, \"name\": \"  \", \"trainer\": \"fal-ai/flux-lora-portrait-trainer\", \"values\": {}}",
    LK_CATALOG_ERROR_MISSING_FIELD, "Cannot import “no-name.json”: The preset file has no “name”." },
  { "huge", NULL, LK_CATALOG_ERROR_TOO_LARGE,
    "Cannot import “huge.json”: The file is too large for a preset (10.5\u00a0MB; at most 262.1\u00a0kB)." },
};

static void
test_broken_imports (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LkPreset) existing = make_user_preset ("Existing", 900);
  g_auto(GStrv) files_before = NULL;

  save (fixture, existing);
  files_before = list_directory (fixture->directory);

  for (guint i = 0; i < G_N_ELEMENTS (broken_imports); i++)
    {
      const BrokenImport *broken = &broken_imports[i];
      g_autofree char *basename = g_strdup_printf ("%s.json", broken->name);
      g_autofree char *path = g_build_filename (fixture->scratch, basename, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LkPreset) imported = NULL;
      g_auto(GStrv) files_after = NULL;

      if (broken->contents != NULL)
        g_file_set_contents (path, broken->contents, -1, &error);
      else
        {
          /* 10 MB of a valid-looking JSON string. */
          gsize size = 10 * 1000 * 1000 + 500000;
          g_autofree char *big = g_malloc (size);

          memset (big, ' ', size);
          big[0] = '{';
          big[size - 1] = '}';
          g_file_set_contents (path, big, size, &error);
        }
      g_assert_no_error (error);

      lk_preset_store_import_async (fixture->store, file, NULL, result_cb, &result);
      imported = lk_preset_store_import_finish (fixture->store, wait_for (&result), &error);
      g_assert_null (imported);
      g_assert_error (error, LK_CATALOG_ERROR, broken->domain_code);
      if (broken->message != NULL)
        g_assert_cmpstr (error->message, ==, broken->message);
      else
        g_assert_true (g_str_has_prefix (error->message, "Cannot import “bad-json.json”: The file is not valid JSON: "));

      /* Nothing changed: the list and the files on disk. */
      g_assert_cmpuint (g_list_model_get_n_items (lk_preset_store_get_presets (fixture->store)), ==, 1);
      files_after = list_directory (fixture->directory);
      g_assert_true (g_strv_equal ((const char * const *) files_before, (const char * const *) files_after));
    }

  /* A broken file in the folder itself is skipped on load. */
  {
    g_autofree char *dir = g_file_get_path (fixture->directory);
    g_autofree char *junk = g_build_filename (dir, "junk.json", NULL);
    g_autoptr(LkPresetStore) other = lk_preset_store_new (fixture->catalog, fixture->directory);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    guint skipped = 0;

    g_file_set_contents (junk, "{ nope", -1, &error);
    g_assert_no_error (error);
    lk_preset_store_load_async (other, NULL, result_cb, &result);
    g_assert_true (lk_preset_store_load_finish (other, wait_for (&result), &skipped, &error));
    g_assert_cmpuint (skipped, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (lk_preset_store_get_presets (other)), ==, 1);
  }
}

static void
test_last_form (Fixture       *fixture,
                gconstpointer  data)
{
  const char *trainer = "fal-ai/flux-lora-fast-training";
  g_autoptr(GVariant) values = (g_variant_parse (G_VARIANT_TYPE_VARDICT,
                                                                    "{'steps': <int64 750>, 'is_style': <true>}",
                                                                    NULL, NULL, NULL));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) loaded = NULL;
  g_autoptr(GVariant) bad = (g_variant_parse (G_VARIANT_TYPE_VARDICT,
                                                                 "{'steps': <'x'>}", NULL, NULL, NULL));

  /* Nothing saved yet. */
  lk_preset_store_load_last_form_async (fixture->store, trainer, NULL, result_cb, &result);
  loaded = lk_preset_store_load_last_form_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  g_clear_object (&result);

  lk_preset_store_save_last_form_async (fixture->store, trainer, values, NULL, result_cb, &result);
  g_assert_true (lk_preset_store_save_last_form_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  lk_preset_store_load_last_form_async (fixture->store, trainer, NULL, result_cb, &result);
  loaded = lk_preset_store_load_last_form_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (g_variant_n_children (loaded), ==, 2);
  {
    gint64 steps = 0;
    gboolean is_style = FALSE;

    g_assert_true (g_variant_lookup (loaded, "steps", "x", &steps));
    g_assert_true (g_variant_lookup (loaded, "is_style", "b", &is_style));
    g_assert_cmpint (steps, ==, 750);
    g_assert_true (is_style);
  }
  g_clear_object (&result);

  /* The autosave is not a preset. */
  g_assert_cmpuint (reload (fixture), ==, 0);

  lk_preset_store_save_last_form_async (fixture->store, trainer, bad, NULL, result_cb, &result);
  g_assert_false (lk_preset_store_save_last_form_finish (fixture->store, wait_for (&result), &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_WRONG_TYPE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/likeness/preset-store/save-rename-delete", test_save_rename_delete);
  ADD ("/likeness/preset-store/save-invalid", test_save_invalid);
  ADD ("/likeness/preset-store/export-import", test_export_import);
  ADD ("/likeness/preset-store/broken-imports", test_broken_imports);
  ADD ("/likeness/preset-store/last-form", test_last_form);
#undef ADD

  return g_test_run ();
}
