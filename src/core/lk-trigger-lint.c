/* lk-trigger-lint.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A trigger word works when the text encoder has never seen it: a common
 * word drags its meaning along, a very short one collides with tokens it
 * already knows, and a bare number is split into digits. The seed's
 * remedy is a token such as TOK_1a2b3c4d, which we suggest.
 */

#define G_LOG_DOMAIN "lk-trigger-lint"

#include "config.h"

#include <string.h>

#include "lk-trigger-lint.h"

/* Words that the encoders know well and that people often pick. */
static const char * const common_words[] = {
  "a", "an", "the", "man", "woman", "person", "people", "boy", "girl", "guy",
  "lady", "face", "portrait", "photo", "picture", "image", "style", "art",
  "me", "myself", "selfie", "dog", "cat", "pet", "product", "model", "character",
  "avatar", "human", "child", "baby", "friend", "wife", "husband", "mom", "dad",
  "ohwx", "sks", "tok", "token", "trigger",
};

/**
 * lk_trigger_lint:
 * @trigger: (nullable): the trigger word or phrase
 * @min_length: shorter triggers are flagged
 * @needs_token: whether the trainer wants one token, without spaces
 *
 * Returns: the problems found, %LK_TRIGGER_OK if none
 */
LkTriggerProblem
lk_trigger_lint (const char *trigger,
                 guint       min_length,
                 gboolean    needs_token)
{
  LkTriggerProblem problems = LK_TRIGGER_OK;
  g_autofree char *stripped = NULL;
  g_autofree char *lower = NULL;
  gboolean has_letter = FALSE;

  if (trigger == NULL)
    return LK_TRIGGER_EMPTY;

  stripped = g_strstrip (g_strdup (trigger));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return LK_TRIGGER_EMPTY;

  if (g_utf8_strlen (stripped, -1) < (glong) min_length)
    problems |= LK_TRIGGER_TOO_SHORT;

  if (needs_token)
    {
      for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
        if (g_unichar_isspace (g_utf8_get_char (p)))
          {
            problems |= LK_TRIGGER_HAS_SPACES;
            break;
          }
    }

  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      has_letter = TRUE;
  if (!has_letter)
    problems |= LK_TRIGGER_DIGITS;

  lower = g_utf8_strdown (stripped, -1);
  for (guint i = 0; i < G_N_ELEMENTS (common_words); i++)
    if (g_str_equal (lower, common_words[i]))
      {
        problems |= LK_TRIGGER_COMMON_WORD;
        break;
      }

  return problems;
}

/**
 * lk_trigger_suggest:
 *
 * Returns: (transfer full): a fresh `TOK_` followed by 8 hex digits, as the
 *   seed builds its triggers from an id
 */
char *
lk_trigger_suggest (void)
{
  return g_strdup_printf ("TOK_%08x", g_random_int ());
}

/**
 * lk_caption_has_trigger:
 * @caption: (nullable): a caption
 * @trigger: the trigger
 *
 * Returns: whether @trigger appears in @caption as a whole word
 */
gboolean
lk_caption_has_trigger (const char *caption,
                        const char *trigger)
{
  gsize len;

  if (caption == NULL || trigger == NULL || *trigger == '\0')
    return FALSE;

  len = strlen (trigger);
  for (const char *p = strstr (caption, trigger); p != NULL; p = strstr (p + 1, trigger))
    {
      gboolean start_ok = p == caption || !(g_ascii_isalnum (p[-1]) || p[-1] == '_');
      gboolean end_ok = !(g_ascii_isalnum (p[len]) || p[len] == '_');

      if (start_ok && end_ok)
        return TRUE;
    }

  return FALSE;
}
