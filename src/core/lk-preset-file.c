/* lk-preset-file.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preset files on disk: where they live, and reading them with every check
 * (size, JSON, shape, schema). Blocking: called from worker threads only.
 */

#define G_LOG_DOMAIN "lk-preset-file"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-error.h"
#include "lk-preset-file-private.h"

#define LAST_FORM_FOLDER "last"

GFile *
_lk_preset_file_for_name (GFile      *directory,
                          const char *name)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  g_autofree char *basename = g_strdup_printf ("%.16s.json", digest);

  return g_file_get_child (directory, basename);
}

GFile *
_lk_preset_file_for_last_form (GFile      *directory,
                               const char *trainer_id)
{
  g_autofree char *basename = g_strdup_printf ("%s.json", trainer_id);
  g_autoptr(GFile) folder = g_file_get_child (directory, LAST_FORM_FOLDER);

  g_strdelimit (basename, "/\\", '_');
  return g_file_get_child (folder, basename);
}

gboolean
_lk_preset_file_write (GFile         *file,
                       JsonNode      *root,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_make_directory_with_parents (parent, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  data = _lk_json_to_string (root, TRUE);
  length = strlen (data);

  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, cancellable, error);
}

/* Reads and checks one preset file: size first (nothing large is read),
 * then JSON, then shape, then every value against the trainer's schema. */
LkPreset *
_lk_preset_file_read (LkCatalog     *catalog,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(LkPreset) preset = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  JsonNode *root;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                           _("This is not a regular file."));
      return NULL;
    }

  if (g_file_info_get_size (info) > LK_PRESET_FILE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (LK_PRESET_FILE_MAX_SIZE);

      /* Translators: the first %s is the file's size, the second the limit, e.g. “10.5 MB”, “262.1 kB”. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_TOO_LARGE,
                   _("The file is too large for a preset (%s; at most %s)."), size, limit);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  /* The file may have grown since it was measured. */
  if (length > LK_PRESET_FILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (LK_PRESET_FILE_MAX_SIZE);

      /* Translators: %s is the limit, e.g. “262.1 kB”. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_TOO_LARGE,
                   _("The file is too large for a preset (at most %s)."), limit);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      /* Translators: %s is the JSON parser's own message. */
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                   _("The file is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_PARSE,
                           _("The file does not hold a JSON object."));
      return NULL;
    }

  preset = _lk_preset_new_from_json (json_node_get_object (root), error);
  if (preset == NULL)
    return NULL;

  if (!lk_catalog_validate_preset (catalog, preset, error))
    return NULL;

  return g_steal_pointer (&preset);
}

