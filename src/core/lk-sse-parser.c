/* lk-sse-parser.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows the event-stream interpretation rules of the HTML standard
 * (§9.2.6), reduced to what a status stream needs: only `data` is kept.
 */

#define G_LOG_DOMAIN "lk-sse-parser"

#include "config.h"

#include <string.h>

#include "lk-sse-parser.h"

/* A status object is a few KiB; anything near this is garbage or an attack,
 * and is dropped rather than buffered without bound. */
#define MAX_EVENT_SIZE (4 * 1024 * 1024)

struct _LkSseParser
{
  GString  *line;
  GString  *data;
  GQueue    events;
  guint     n_oversized;
  /* The previous chunk ended in CR: a leading LF belongs to that line end. */
  gboolean  after_cr;
  /* Bytes of the current line or event were dropped for size. */
  gboolean  skipping;
  /* Still at the very start, where a UTF-8 BOM is skipped. */
  gboolean  at_start;
  guint     bom_matched;
};

LkSseParser *
lk_sse_parser_new (void)
{
  LkSseParser *self = g_new0 (LkSseParser, 1);

  self->line = g_string_new (NULL);
  self->data = g_string_new (NULL);
  g_queue_init (&self->events);
  self->at_start = TRUE;

  return self;
}

void
lk_sse_parser_free (LkSseParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->line, TRUE);
  g_string_free (self->data, TRUE);
  g_queue_clear_full (&self->events, g_free);
  g_free (self);
}

void
lk_sse_parser_reset (LkSseParser *self)
{
  g_return_if_fail (self != NULL);

  g_string_truncate (self->line, 0);
  g_string_truncate (self->data, 0);
  self->after_cr = FALSE;
  self->skipping = FALSE;
  self->at_start = TRUE;
  self->bom_matched = 0;
}

guint
lk_sse_parser_get_n_oversized (LkSseParser *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_oversized;
}

static void
dispatch (LkSseParser *self)
{
  if (self->skipping)
    {
      self->skipping = FALSE;
      self->n_oversized++;
      g_string_truncate (self->data, 0);
      return;
    }

  if (self->data->len == 0)
    return;

  /* Every data line added a trailing LF; the last one is not part of the
   * payload. */
  g_string_truncate (self->data, self->data->len - 1);
  g_queue_push_tail (&self->events, g_strndup (self->data->str, self->data->len));
  g_string_truncate (self->data, 0);
}

static void
process_line (LkSseParser *self)
{
  const char *line = self->line->str;
  gsize len = self->line->len;
  const char *colon;
  const char *value;
  gsize field_len;
  gsize value_len;

  if (len == 0)
    {
      dispatch (self);
      return;
    }

  if (self->skipping || line[0] == ':')
    return;

  colon = memchr (line, ':', len);
  if (colon != NULL)
    {
      field_len = colon - line;
      value = colon + 1;
      value_len = len - field_len - 1;
      if (value_len > 0 && *value == ' ')
        {
          value++;
          value_len--;
        }
    }
  else
    {
      field_len = len;
      value = "";
      value_len = 0;
    }

  if (field_len != 4 || memcmp (line, "data", 4) != 0)
    return;

  if (self->data->len + value_len + 1 > MAX_EVENT_SIZE)
    {
      self->skipping = TRUE;
      g_string_truncate (self->data, 0);
      return;
    }

  g_string_append_len (self->data, value, value_len);
  g_string_append_c (self->data, '\n');
}

void
lk_sse_parser_feed (LkSseParser *self,
                    const char  *data,
                    gsize        length)
{
  static const char bom[] = "\xef\xbb\xbf";
  gsize i = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  /* A BOM may itself arrive split across feeds. */
  while (self->at_start && i < length)
    {
      if ((guchar) data[i] == (guchar) bom[self->bom_matched])
        {
          i++;
          if (++self->bom_matched == 3)
            self->at_start = FALSE;
          continue;
        }

      /* Not a BOM after all: give back the bytes taken for one. */
      self->at_start = FALSE;
      if (self->bom_matched > 0)
        {
          g_string_append_len (self->line, bom, self->bom_matched);
          self->bom_matched = 0;
        }
    }

  for (; i < length; i++)
    {
      char c = data[i];

      if (self->after_cr)
        {
          self->after_cr = FALSE;
          if (c == '\n')
            continue;
        }

      if (c == '\r' || c == '\n')
        {
          self->after_cr = (c == '\r');
          process_line (self);
          g_string_truncate (self->line, 0);
          continue;
        }

      if (self->line->len >= MAX_EVENT_SIZE)
        {
          /* Keep the field name but drop the rest: the event is lost. */
          self->skipping = TRUE;
          continue;
        }

      g_string_append_c (self->line, c);
    }
}

char *
lk_sse_parser_pop (LkSseParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_queue_pop_head (&self->events);
}
