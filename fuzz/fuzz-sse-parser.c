/* fuzz-sse-parser.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds the input twice: whole, and split at boundaries taken from its first
 * byte; both must yield the same events.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lk-sse-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static GPtrArray *
collect (const uint8_t *data,
         size_t         size,
         size_t         step)
{
  g_autoptr(LkSseParser) parser = lk_sse_parser_new ();
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  char *event;

  for (size_t i = 0; i < size; i += step)
    {
      lk_sse_parser_feed (parser, (const char *) data + i, MIN (step, size - i));
      while ((event = lk_sse_parser_pop (parser)) != NULL)
        g_ptr_array_add (events, event);
    }

  return events;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(GPtrArray) split = NULL;
  size_t step;

  if (size == 0)
    return 0;

  step = 1 + data[0] % 7;
  whole = collect (data, size, size);
  split = collect (data, size, step);

  if (whole->len != split->len)
    g_error ("%u events whole, %u split", whole->len, split->len);

  for (guint i = 0; i < whole->len; i++)
    if (strcmp (g_ptr_array_index (whole, i), g_ptr_array_index (split, i)) != 0)
      g_error ("event %u differs when split", i);

  return 0;
}
