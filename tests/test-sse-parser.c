/* test-sse-parser.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-sse-parser.h"

/* Feeds @input in pieces of @step bytes and returns the events, joined with
 * "|". */
static char *
parse_in_steps (const char *input,
                gsize       step)
{
  g_autoptr(LkSseParser) parser = lk_sse_parser_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  gsize len = strlen (input);
  char *event;

  for (gsize i = 0; i < len; i += step)
    lk_sse_parser_feed (parser, input + i, MIN (step, len - i));

  while ((event = lk_sse_parser_pop (parser)) != NULL)
    {
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append (out, event);
      g_free (event);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
check_all_splits (const char *input,
                  const char *expected)
{
  gsize len = strlen (input);

  for (gsize step = 1; step <= len + 1; step++)
    {
      g_autofree char *got = parse_in_steps (input, step);

      if (g_strcmp0 (got, expected) != 0)
        g_error ("step %" G_GSIZE_FORMAT ": expected «%s», got «%s»", step, expected, got);
    }
}

static void
test_basic (void)
{
  check_all_splits ("data: {\"status\":\"IN_QUEUE\"}\n\n", "{\"status\":\"IN_QUEUE\"}");
  check_all_splits ("data: a\n\ndata: b\n\n", "a|b");
  /* No space after the colon, and only one space is removed. */
  check_all_splits ("data:x\n\ndata:  y\n\n", "x| y");
}

static void
test_line_endings (void)
{
  check_all_splits ("data: a\r\n\r\ndata: b\r\r", "a|b");
  check_all_splits ("data: a\r\ndata: b\r\n\r\n", "a\nb");
  check_all_splits ("data: a\rdata: b\n\n", "a\nb");
}

static void
test_comments_and_fields (void)
{
  check_all_splits (": ping\n\n: ping\n\ndata: a\n\n", "a");
  check_all_splits ("event: status\nid: 7\nretry: 1000\ndata: a\n\n", "a");
  /* An event with no data is not dispatched. */
  check_all_splits ("event: x\n\n", "");
  /* A bare "data" line contributes an empty line. */
  check_all_splits ("data\ndata: b\n\n", "\nb");
  /* "datax" is another field. */
  check_all_splits ("datax: no\ndata: yes\n\n", "yes");
}

static void
test_incomplete (void)
{
  /* An event without its blank line is not complete. */
  check_all_splits ("data: a\n\ndata: b\n", "a");
  check_all_splits ("data: a", "");
}

static void
test_bom (void)
{
  check_all_splits ("\xef\xbb\xbf" "data: a\n\n", "a");
  /* Only at the very start. */
  check_all_splits ("data: a\n\n\xef\xbb\xbf" "data: b\n\n", "a");
}

static void
test_reset (void)
{
  g_autoptr(LkSseParser) parser = lk_sse_parser_new ();
  g_autofree char *event = NULL;

  lk_sse_parser_feed (parser, "data: half", 10);
  lk_sse_parser_reset (parser);
  lk_sse_parser_feed (parser, "data: new\n\n", 11);
  event = lk_sse_parser_pop (parser);
  g_assert_cmpstr (event, ==, "new");
  g_assert_null (lk_sse_parser_pop (parser));
}

static void
test_oversized (void)
{
  g_autoptr(LkSseParser) parser = lk_sse_parser_new ();
  g_autofree char *chunk = g_malloc (1024 * 1024);
  g_autofree char *event = NULL;

  memset (chunk, 'x', 1024 * 1024);
  lk_sse_parser_feed (parser, "data: ", 6);
  for (guint i = 0; i < 6; i++)
    lk_sse_parser_feed (parser, chunk, 1024 * 1024);
  lk_sse_parser_feed (parser, "\n\ndata: ok\n\n", 12);

  event = lk_sse_parser_pop (parser);
  g_assert_cmpstr (event, ==, "ok");
  g_assert_cmpuint (lk_sse_parser_get_n_oversized (parser), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/sse-parser/basic", test_basic);
  g_test_add_func ("/likeness/sse-parser/line-endings", test_line_endings);
  g_test_add_func ("/likeness/sse-parser/comments-and-fields", test_comments_and_fields);
  g_test_add_func ("/likeness/sse-parser/incomplete", test_incomplete);
  g_test_add_func ("/likeness/sse-parser/bom", test_bom);
  g_test_add_func ("/likeness/sse-parser/reset", test_reset);
  g_test_add_func ("/likeness/sse-parser/oversized", test_oversized);

  return g_test_run ();
}
