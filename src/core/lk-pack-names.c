/* lk-pack-names.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Entry names leave the user's folder structure and encoding behind: a name
 * from a non-UTF-8 file system, a `../` or a path separator can neither
 * escape the archive nor confuse a trainer's unzip. Names are ASCII letters,
 * digits, '-' and '_' with a lowercase extension, unique without regard to
 * case, so that an image and its caption keep one stem.
 */

#define G_LOG_DOMAIN "lk-pack-names"

#include "config.h"

#include <string.h>

#include "lk-pack-names.h"

/**
 * _lk_pack_name_stem:
 * @file_name: a file's base name, in the file-system encoding
 *
 * Returns: (transfer full): an ASCII stem without extension, never empty
 */
char *
_lk_pack_name_stem (const char *file_name)
{
  g_autofree char *utf8 = g_filename_display_name (file_name);
  g_autofree char *ascii = NULL;
  GString *stem = g_string_new (NULL);
  char *dot;

  dot = strrchr (utf8, '.');
  if (dot != NULL && dot != utf8)
    *dot = '\0';

  /* Transliterates "Фото é" to "Foto e"; what cannot be becomes '?'. */
  ascii = g_str_to_ascii (utf8, "C");

  for (const char *p = ascii; *p != '\0' && stem->len < LK_PACK_NAME_MAX_STEM; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || c == '-')
        g_string_append_c (stem, c);
      else if (stem->len > 0 && stem->str[stem->len - 1] != '_')
        g_string_append_c (stem, '_');
    }

  while (stem->len > 0 && stem->str[stem->len - 1] == '_')
    g_string_truncate (stem, stem->len - 1);

  if (stem->len == 0)
    g_string_append (stem, "image");

  return g_string_free (stem, FALSE);
}

/**
 * _lk_pack_name_unique:
 * @used_stems: lowercase stems taken so far; the result is added
 * @stem: a stem from _lk_pack_name_stem()
 *
 * Returns: (transfer full): @stem, or @stem with "-2", "-3"… appended
 */
char *
_lk_pack_name_unique (GHashTable *used_stems,
                      const char *stem)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (stem) : g_strdup_printf ("%s-%u", stem, n);
      char *lower = g_ascii_strdown (candidate, -1);

      if (g_hash_table_add (used_stems, lower))
        return g_steal_pointer (&candidate);
    }
}
