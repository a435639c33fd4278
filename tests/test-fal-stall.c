/* test-fal-stall.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A status stream that goes silent (no events, no keep-alives) is given up
 * after 45 s for the status poll. The test shortens that timeout through
 * the client's private tunable, which the production code path reads, and
 * checks that the default is 45 s.
 */

#include "config.h"

#include "fal-test-common.h"
#include "lk-fal-client-private.h"

#define TEST_STALL_MS 1500

static void
test_stall (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) final = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) polls = NULL;
  g_autofree char *fault = NULL;
  gint64 start;

  fault = fixture_add_fault (fixture, "{\"match\":{\"listener\":\"Q\",\"path\":\"*/status/stream\"},"
                                      "\"times\":1,\"action\":{\"sse\":{\"stall_ms\":120000,"
                                      "\"no_keepalive\":true}}}");
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (_lk_fal_client_get_stall_timeout_ms (fixture->client), ==, 45 * 1000);
  _lk_fal_client_set_stall_timeout_ms (fixture->client, TEST_STALL_MS);

  start = g_get_monotonic_time ();
  final = fixture_watch (fixture, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_fal_status_get_state (final), ==, LK_FAL_STATE_COMPLETED);
  /* The silence is measured from the last byte, which came a little after
   * the start. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (TEST_STALL_MS - 100) * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);

  log = fixture_requests (fixture);
  polls = requests_matching (log, "Q", "GET", "*/status");
  g_assert_cmpuint (polls->len, >=, 1);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/fal-client/stream/stall", Fixture, NULL, fixture_set_up, test_stall,
              fixture_tear_down);

  return g_test_run ();
}
