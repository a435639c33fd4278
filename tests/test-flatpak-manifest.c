/* test-flatpak-manifest.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads flatpak/APP_ID.json as JSON and checks what the app relies on: the
 * id, the command, a stable GNOME runtime, and a sandbox with no more
 * permissions than STYLE.md allows.
 */

#include "config.h"

#include <json-glib/json-glib.h>

typedef struct
{
  JsonParser *parser;
  JsonObject *root;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  path = g_test_build_filename (G_TEST_DIST, "..", "flatpak", EXPECTED_APP_ID ".json", NULL);
  fixture->parser = json_parser_new ();
  json_parser_load_from_file (fixture->parser, path, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (fixture->parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  fixture->root = json_node_get_object (root);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->parser);
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), value) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_manifest_identity (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *id;

  /* flatpak-builder accepts both spellings. */
  id = json_object_get_string_member_with_default (fixture->root, "id", NULL);
  if (id == NULL)
    id = json_object_get_string_member_with_default (fixture->root, "app-id", NULL);

  g_assert_cmpstr (id, ==, EXPECTED_APP_ID);
  g_assert_cmpstr (json_object_get_string_member_with_default (fixture->root, "command", NULL), ==, "likeness");
}

static void
test_manifest_runtime (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *version;

  g_assert_cmpstr (json_object_get_string_member_with_default (fixture->root, "runtime", NULL), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member_with_default (fixture->root, "sdk", NULL), ==, "org.gnome.Sdk");

  /* A stable branch is a number; "master" is for nightly Devel builds. */
  version = json_object_get_string_member_with_default (fixture->root, "runtime-version", "");
  g_assert_cmpstr (version, !=, "");
  g_assert_cmpstr (version, !=, "master");
  g_assert_true (g_ascii_isdigit (version[0]));
}

static void
test_manifest_sandbox (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char * const required[] = {
    "--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
  };
  JsonArray *args;

  g_assert_true (json_object_has_member (fixture->root, "finish-args"));
  args = json_object_get_array_member (fixture->root, "finish-args");

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (array_has_string (args, required[i]));

  /* Files come through the portals and the key through the Secret portal. */
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      JsonNode *node = json_array_get_element (args, i);
      const char *arg;

      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      arg = json_node_get_string (node);
      g_assert_nonnull (arg);
      g_assert_false (g_str_has_prefix (arg, "--filesystem="));
      g_assert_false (g_str_has_prefix (arg, "--talk-name=org.freedesktop.secrets"));
    }
}

static void
test_manifest_module (Fixture       *fixture,
                      gconstpointer  user_data)
{
  JsonArray *modules;
  JsonObject *module;
  JsonArray *sources;
  JsonObject *source;

  g_assert_true (json_object_has_member (fixture->root, "modules"));
  modules = json_object_get_array_member (fixture->root, "modules");
  g_assert_cmpuint (json_array_get_length (modules), ==, 1);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_array_get_element (modules, 0)));
  module = json_array_get_object_element (modules, 0);
  g_assert_cmpstr (json_object_get_string_member_with_default (module, "buildsystem", NULL), ==, "meson");

  g_assert_true (json_object_has_member (module, "sources"));
  sources = json_object_get_array_member (module, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_array_get_element (sources, 0)));
  source = json_array_get_object_element (sources, 0);
  g_assert_cmpstr (json_object_get_string_member_with_default (source, "type", NULL), ==, "dir");
  g_assert_cmpstr (json_object_get_string_member_with_default (source, "path", NULL), ==, "..");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/flatpak-manifest/identity", Fixture, NULL,
              fixture_set_up, test_manifest_identity, fixture_tear_down);
  g_test_add ("/likeness/flatpak-manifest/runtime", Fixture, NULL,
              fixture_set_up, test_manifest_runtime, fixture_tear_down);
  g_test_add ("/likeness/flatpak-manifest/sandbox", Fixture, NULL,
              fixture_set_up, test_manifest_sandbox, fixture_tear_down);
  g_test_add ("/likeness/flatpak-manifest/module", Fixture, NULL,
              fixture_set_up, test_manifest_module, fixture_tear_down);

  return g_test_run ();
}
