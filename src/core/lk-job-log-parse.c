/* lk-job-log-parse.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-job-log-parse"

#include "config.h"

#include <string.h>

#include "lk-job.h"

/* Trainers write their progress in several ways. The fake writes
 * "step 10/1000, loss=0.1234"; fal's trainers write "Step 10/1000", tqdm
 * bars such as " 1%|▏ | 10/1000 [00:05<08:00, 2.0it/s]" or
 * "steps: 10 of 1000". A number pair counts only next to a word that means
 * "step" or inside a tqdm bar, so that "Preprocessing 3/14 images" or a
 * date is not read as progress. */

static const char *const step_words[] = {
  "step", "steps", "iter", "iters", "iteration", "iterations", "global_step",
};

static gboolean
read_number (const char  *text,
             gsize       *pos,
             guint64     *value)
{
  gsize i = *pos;
  guint64 v = 0;

  if (!g_ascii_isdigit (text[i]))
    return FALSE;

  while (g_ascii_isdigit (text[i]))
    {
      if (v > G_MAXUINT32)
        return FALSE;
      v = v * 10 + (guint64) (text[i] - '0');
      i++;
    }

  /* "1.5/3" is not a step count. */
  if (text[i] == '.' && g_ascii_isdigit (text[i + 1]))
    return FALSE;

  *pos = i;
  *value = v;
  return TRUE;
}

static gsize
skip_spaces (const char *text,
             gsize       i)
{
  while (text[i] == ' ' || text[i] == '\t')
    i++;
  return i;
}

/* Reads "A/B" or "A of B" at @start; @end is set after B. */
static gboolean
read_pair (const char *text,
           gsize       start,
           guint64    *a,
           guint64    *b,
           gsize      *end)
{
  gsize i = start;

  if (!read_number (text, &i, a))
    return FALSE;

  i = skip_spaces (text, i);
  if (text[i] == '/')
    i++;
  else if (g_ascii_strncasecmp (text + i, "of", 2) == 0 && (text[i + 2] == ' ' || text[i + 2] == '\t'))
    i += 2;
  else
    return FALSE;

  i = skip_spaces (text, i);
  if (!read_number (text, &i, b))
    return FALSE;

  *end = i;
  return TRUE;
}

/* Whether the word that ends just before @pos (after spaces, ':', '=' or
 * '[') means "step". */
static gboolean
preceded_by_step_word (const char *text,
                       gsize       pos)
{
  gsize end = pos;
  gsize start;

  while (end > 0 && strchr (" \t:=[(#", text[end - 1]) != NULL)
    end--;

  start = end;
  while (start > 0 && (g_ascii_isalpha (text[start - 1]) || text[start - 1] == '_'))
    start--;

  if (start == end)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (step_words); i++)
    if (strlen (step_words[i]) == end - start &&
        g_ascii_strncasecmp (text + start, step_words[i], end - start) == 0)
      return TRUE;

  return FALSE;
}

/* tqdm: "…| 10/1000 [00:05<…" */
static gboolean
is_tqdm_pair (const char *text,
              gsize       start,
              gsize       end)
{
  gsize before = start;
  gsize after = skip_spaces (text, end);

  while (before > 0 && text[before - 1] == ' ')
    before--;

  return before > 0 && text[before - 1] == '|' && text[after] == '[';
}

/**
 * lk_job_parse_step:
 * @line: one log message
 * @step: (out): the step reached
 * @total: (out): the number of steps
 *
 * Finds a trainer's progress in one log line. Tolerant of case, spacing,
 * "of" instead of "/", and tqdm bars; the first match wins.
 *
 * Returns: %TRUE if @line reports a step
 */
gboolean
lk_job_parse_step (const char *line,
                   guint      *step,
                   guint      *total)
{
  g_return_val_if_fail (step != NULL && total != NULL, FALSE);

  if (line == NULL)
    return FALSE;

  for (gsize i = 0; line[i] != '\0'; i++)
    {
      guint64 a, b;
      gsize end;

      if (!g_ascii_isdigit (line[i]) || (i > 0 && g_ascii_isdigit (line[i - 1])))
        continue;

      if (!read_pair (line, i, &a, &b, &end))
        continue;

      if (b == 0 || a > b || b > G_MAXUINT32)
        continue;

      if (preceded_by_step_word (line, i) || is_tqdm_pair (line, i, end))
        {
          *step = (guint) a;
          *total = (guint) b;
          return TRUE;
        }
    }

  return FALSE;
}
