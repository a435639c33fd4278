/* test-catalog-po.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Russian translations of everything the catalog mirrors from the seed
 * document must be the seed's own words. Reads po/ru.po (or the file named by
 * LIKENESS_TEST_PO, e.g. the catalog fragment before it is merged).
 */

#include "config.h"

#include <string.h>

#include <glib.h>

typedef struct
{
  char      *context;
  char      *msgid;
  GPtrArray *msgstr;   /* one, or one per plural form */
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->context);
  g_free (entry->msgid);
  g_ptr_array_unref (entry->msgstr);
  g_free (entry);
}

static char *
key_for (const char *context,
         const char *msgid)
{
  return g_strdup_printf ("%s\004%s", context ? context : "", msgid);
}

/* Reads the quoted strings that follow a keyword, across continuation lines. */
static char *
read_string (char  **lines,
             guint  *i,
             const char *first)
{
  GString *value = g_string_new (NULL);
  const char *quote = strchr (first, '"');

  for (;;)
    {
      g_autofree char *inner = NULL;
      g_autofree char *raw = NULL;
      const char *end;

      if (quote == NULL)
        break;
      end = strrchr (quote, '"');
      raw = g_strndup (quote + 1, end - quote - 1);
      inner = g_strcompress (raw);
      g_string_append (value, inner);

      if (lines[*i + 1] == NULL || lines[*i + 1][0] != '"')
        break;
      (*i)++;
      quote = lines[*i];
    }
  return g_string_free (value, FALSE);
}

static GHashTable *
parse_po (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  Entry *current = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "msgctxt ") || (g_str_has_prefix (line, "msgid ") && (current == NULL || current->msgstr->len > 0)))
        {
          if (current != NULL && current->msgid != NULL)
            g_hash_table_replace (entries, key_for (current->context, current->msgid), current);
          else if (current != NULL)
            entry_free (current);
          current = g_new0 (Entry, 1);
          current->msgstr = g_ptr_array_new_with_free_func (g_free);
        }

      if (g_str_has_prefix (line, "msgctxt "))
        current->context = read_string (lines, &i, line);
      else if (g_str_has_prefix (line, "msgid "))
        current->msgid = read_string (lines, &i, line);
      else if (g_str_has_prefix (line, "msgstr"))
        g_ptr_array_add (current->msgstr, read_string (lines, &i, line));
    }
  if (current != NULL && current->msgid != NULL)
    g_hash_table_replace (entries, key_for (current->context, current->msgid), current);
  else if (current != NULL)
    entry_free (current);

  return entries;
}

/* (context, English, the seed's Russian) */
static const char * const seed_strings[][3] = {
  /* «Детальное сравнение»: row labels. */
  { "comparison row", "Main purpose", "Основное назначение" },
  { "comparison row", "Model types", "Типы моделей" },
  { "comparison row", "Training time", "Время обучения" },
  { "comparison row", "Number of steps", "Количество шагов" },
  { "comparison row", "Learning rate", "Learning rate" },
  { "comparison row", "Auto-crop", "Автообрезка" },
  { "comparison row", "Mask creation", "Создание масок" },
  { "comparison row", "Multi-resolution", "Мультиразрешение" },
  { "comparison row", "Auto-captions", "Автоподписи" },
  { "comparison row", "Training modes", "Режимы обучения" },
  /* «Обзор доступных моделей». */
  { "comparison row", "Type", "Тип" },
  { "comparison row", "Specialisation", "Специализация" },
  { "comparison row", "Quality", "Качество" },
  { "comparison row", "Speed", "Скорость" },
  { "comparison row", "Flexibility", "Гибкость" },
  /* Cells. */
  { "catalog", "Universal training", "Универсальное обучение" },
  { "catalog", "Portraits of people", "Портреты людей" },
  { "catalog", "Full + LoRA", "Full + LoRA" },
  { "catalog", "LoRA only", "Только LoRA" },
  { "catalog", "1e-5 (full), 1e-4 (LoRA)", "1e-5 (full), 1e-4 (LoRA)" },
  { "catalog", "0.00009-0.0002", "0.00009-0.0002" },
  { "catalog", "character, style, product, general", "character, style, product, general" },
  { "catalog", "portrait (fixed)", "portrait (фиксированный)" },
  { "catalog", "Full training + LoRA", "Полное обучение + LoRA" },
  { "catalog", "LoRA made for portraits", "LoRA специально для портретов" },
  { "catalog", "Universal model", "Универсальная модель" },
  { "catalog", "Portraits", "Портреты" },
  { "catalog", "Very high", "Очень высокое" },
  { "catalog", "Medium", "Средняя" },
  { "catalog", "Maximum", "Максимальная" },
  { "catalog", "Very high for portraits", "Очень высокое для портретов" },
  { "catalog", "Fast", "Быстрая" },
  { "catalog", "Limited to portraits", "Ограниченная портретами" },
  /* Presets. */
  { "catalog", "For fast prototyping", "Для быстрого прототипирования" },
  { "catalog", "For maximum quality", "Для максимального качества" },
  { "catalog", "For production", "Для продукции" },
  { "catalog", "Optimal settings for portraits", "Оптимальные настройки для портретов" },
  { "catalog", "Optimal settings for styles", "Оптимальные настройки для стилей" },
};

/* Russian plural rule, as in ru.po's header. */
static guint
russian_plural (gulong n)
{
  if (n % 10 == 1 && n % 100 != 11)
    return 0;
  if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20))
    return 1;
  return 2;
}

/* "%u-%u минут" with two numbers, without a non-literal printf format. */
static char *
fill_range (const char *format,
            guint       low,
            guint       high)
{
  g_auto(GStrv) parts = g_strsplit (format, "%u", -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  return g_strdup_printf ("%s%u%s%u%s", parts[0], low, parts[1], high, parts[2]);
}

static const char *
po_path (void)
{
  static char *path;

  if (path == NULL)
    path = g_strdup (g_getenv ("LIKENESS_TEST_PO"));
  if (path == NULL)
    path = g_test_build_filename (G_TEST_DIST, "..", "po", "ru.po", NULL);
  return path;
}

static void
test_seed_wording (void)
{
  g_autoptr(GHashTable) entries = parse_po (po_path ());
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (seed_strings); i++)
    {
      g_autofree char *key = key_for (seed_strings[i][0], seed_strings[i][1]);

      if (g_hash_table_contains (entries, key))
        found++;
    }

  if (found == 0 && g_getenv ("LIKENESS_TEST_PO") == NULL)
    {
      g_test_skip ("The catalog's Russian strings are not merged into po/ru.po yet.");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (seed_strings); i++)
    {
      g_autofree char *key = key_for (seed_strings[i][0], seed_strings[i][1]);
      Entry *entry = g_hash_table_lookup (entries, key);

      if (entry == NULL)
        g_error ("No translation for “%s” (%s)", seed_strings[i][1], seed_strings[i][0]);
      g_assert_cmpuint (entry->msgstr->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (entry->msgstr, 0), ==, seed_strings[i][2]);
    }

  /* «5-30 минут», «3-15 минут», and a rating cell as the window shows it. */
  {
    g_autofree char *key = key_for (NULL, "%u-%u minute");
    g_autofree char *key_note = key_for ("catalog", "Very high");
    Entry *entry = g_hash_table_lookup (entries, key);
    Entry *note = g_hash_table_lookup (entries, key_note);
    g_autofree char *pro = NULL;
    g_autofree char *portrait = NULL;
    g_autofree char *stars = NULL;

    g_assert_nonnull (entry);
    g_assert_cmpuint (entry->msgstr->len, ==, 3);
    pro = fill_range (g_ptr_array_index (entry->msgstr, russian_plural (30)), 5, 30);
    portrait = fill_range (g_ptr_array_index (entry->msgstr, russian_plural (15)), 3, 15);
    g_assert_cmpstr (pro, ==, "5-30 минут");
    g_assert_cmpstr (portrait, ==, "3-15 минут");

    stars = g_strdup_printf ("⭐⭐⭐⭐⭐ (%s)", (char *) g_ptr_array_index (note->msgstr, 0));
    g_assert_cmpstr (stars, ==, "⭐⭐⭐⭐⭐ (Очень высокое)");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/catalog-po/seed-wording", test_seed_wording);

  return g_test_run ();
}
