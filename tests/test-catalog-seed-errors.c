/* test-catalog-seed-errors.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seed's four error cases and its generic «Ошибка обучения: …», as the
 * fal client maps fal's failures (lk_fal_error_from_failure), in English and
 * in po/ru.po. Built only once the client's lk-fal-errors.h is in the tree.
 */

#include "config.h"

#include <string.h>

#include "lk-core.h"
#include "lk-fal-errors.h"

static const struct {
  const char *detail;
  int         code;
  const char *english_prefix;
  const char *seed_russian;
} cases[] = {
  { "Insufficient data: need more images", LK_FAL_ERROR_INSUFFICIENT_DATA,
    "Not enough data for training (at least 10 images)",
    "Недостаточно данных для обучения (минимум 10 изображений)" },
  { "invalid format of archive", LK_FAL_ERROR_INVALID_FORMAT,
    "Invalid data format (a ZIP archive is required)",
    "Неверный формат данных (требуется ZIP архив)" },
  { "Rate limit reached", LK_FAL_ERROR_RATE_LIMITED,
    "Request limit exceeded, try again later",
    "Превышен лимит запросов, попробуйте позже" },
  { "Quota exceeded", LK_FAL_ERROR_QUOTA_EXCEEDED,
    "API quota exceeded",
    "Превышена квота API" },
  { "CUDA out of memory", LK_FAL_ERROR_FAILED,
    "Training error: CUDA out of memory",
    "Ошибка обучения: " },
};

static void
test_english (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = lk_fal_error_from_failure (cases[i].detail, NULL);

      g_assert_error (error, LK_FAL_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].english_prefix));
    }
}

/* Each English message's translation in po/ru.po holds the seed's words. */
static void
test_russian (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "ru.po", NULL);
  g_autofree char *po = NULL;
  guint found = 0;

  g_assert_true (g_file_get_contents (path, &po, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *msgid = g_strdup_printf ("msgid \"%s", cases[i].english_prefix);
      const char *entry = strstr (po, msgid);
      const char *msgstr;
      const char *next;

      if (entry == NULL)
        {
          /* The generic case is a format string, "Training error: %s". */
          if (g_str_has_prefix (cases[i].english_prefix, "Training error: "))
            entry = strstr (po, "msgid \"Training error: %s\"");
          if (entry == NULL)
            continue;
        }
      found++;
      msgstr = strstr (entry, "\nmsgstr");
      g_assert_nonnull (msgstr);
      next = strstr (msgstr, "\n\n");
      {
        g_autofree char *translation = next ? g_strndup (msgstr, next - msgstr) : g_strdup (msgstr);

        if (strstr (translation, cases[i].seed_russian) == NULL)
          g_error ("The Russian for “%s” does not use the seed's «%s»: %s",
                   cases[i].english_prefix, cases[i].seed_russian, translation);
      }
    }

  if (found == 0)
    g_test_skip ("The client's Russian strings are not merged into po/ru.po yet.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/catalog/seed-errors/english", test_english);
  g_test_add_func ("/likeness/catalog/seed-errors/russian", test_russian);

  return g_test_run ();
}
