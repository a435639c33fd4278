/* test-fal-canary.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canary: a unique key goes through every client call, and must then
 * be found only where it belongs (the Authorization header of keyed calls):
 * not in any URL, query or body the fake recorded, not on the upload or CDN
 * listeners, not in any log message (all debug output is captured), not in
 * any error message, and not in any file under the test's HOME and XDG dirs.
 */

#include "config.h"

#include <string.h>

#include "fal-test-common.h"

/* Everything logged, in every domain. Tests may keep such state. */
static GString *captured_logs;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (captured_logs, fields[i].value);
      else
        g_string_append_len (captured_logs, fields[i].value, fields[i].length);
      g_string_append_c (captured_logs, ' ');
    }
  g_string_append_c (captured_logs, '\n');

  /* Warnings and worse still reach the default writer, which makes them
   * fatal under G_DEBUG=fatal-warnings. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static void
assert_absent (const char *haystack,
               gsize       length,
               const char *needle,
               const char *where)
{
  gsize n = strlen (needle);

  if (haystack == NULL || length < n)
    return;

  /* Files may hold NUL bytes, so no strstr (). */
  for (gsize i = 0; i + n <= length; i++)
    if (haystack[i] == needle[0] && memcmp (haystack + i, needle, n) == 0)
      g_error ("the canary key was found in %s", where);
}

static void
scan_dir (GFile      *dir,
          const char *secret,
          guint      *n_files)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        scan_dir (child, secret, n_files);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *contents = NULL;
          g_autofree char *path = g_file_get_path (child);
          gsize length = 0;

          g_assert_true (g_file_load_contents (child, NULL, &contents, &length, NULL, NULL));
          assert_absent (contents, length, secret, path);
          (*n_files)++;
        }
      g_object_unref (info);
    }
}

static void
check_error (GError     *error,
             const char *secret)
{
  if (error != NULL)
    assert_absent (error->message, strlen (error->message), secret, "an error message");
}

static void
test_canary (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *secret = NULL;
  g_autofree char *key = NULL;
  g_autofree char *config = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *file_url = NULL;
  g_autofree char *stream_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_temp_file ("canary.zip", 256 * 1024);
  g_autoptr(GFile) stream_file = make_temp_file ("canary-stream.bin", 64 * 1024);
  g_autoptr(GFileInputStream) stream = g_file_read (stream_file, NULL, NULL);
  g_autoptr(GFile) destination = NULL;
  g_autoptr(LkFalRequest) request = NULL;
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  const char *dirs[6];
  LkFalCancelOutcome outcome;
  guint n_files = 0;
  guint n_keyed = 0;

  {
    g_autoptr(GRand) rand = g_rand_new ();

    secret = g_strdup_printf ("%08x%08x%08x%08x", g_rand_int (rand), g_rand_int (rand),
                              g_rand_int (rand), g_rand_int (rand));
  }
  key = g_strdup_printf ("canary-%s:%s", uuid, secret);
  config = g_strdup_printf ("{\"keys\":{\"%s\":\"ok\"}}", key);
  fixture_configure (fixture, config);
  lk_fal_client_set_key (fixture->client, key);

  /* Every call, the happy way. */
  g_assert_true (fixture_check_key (fixture, &error));
  g_assert_no_error (error);
  file_url = fixture_upload_file (fixture, file, NULL, &error);
  g_assert_no_error (error);
  stream_url = fixture_upload_stream (fixture, G_INPUT_STREAM (stream), -1, &error);
  g_assert_no_error (error);
  request = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, "https://example.org/hook",
                            NULL, NULL, &error);
  g_assert_no_error (error);
  status = fixture_status (fixture, request, TRUE, &error);
  g_assert_no_error (error);
  result = run_to_result (fixture, request);
  g_assert_true (fixture_cancel (fixture, request, &outcome, &error));
  destination = g_file_new_build_filename (g_get_user_data_dir (), "canary.safetensors", NULL);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (fixture_download (fixture,
                                   json_object_get_string_member (json_object_get_object_member (result, "diffusers_lora_file"), "url"),
                                   destination, -1, NULL, &error));
  g_assert_no_error (error);

  /* And the failing ways, whose messages must not quote the key. */
  {
    g_autofree char *locked = g_strdup_printf ("{\"keys\":{\"%s\":\"exhausted_balance\"}}", key);
    g_autoptr(LkFalRequest) refused = NULL;

    fixture_configure (fixture, locked);
    refused = fixture_submit (fixture, FAST_TRAINER, FAST_INPUT, NULL, NULL, NULL, &error);
    g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED);
    check_error (error, secret);
    g_clear_error (&error);
    fixture_configure (fixture, config);
  }
  {
    g_autofree char *wrong = g_strdup_printf ("canary-%s:%sX", uuid, secret);

    lk_fal_client_set_key (fixture->client, wrong);
    g_assert_false (fixture_check_key (fixture, &error));
    g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_UNAUTHORIZED);
    check_error (error, secret);
    g_clear_error (&error);
    lk_fal_client_set_key (fixture->client, key);
  }

  /* Through a proxy too. */
  lk_fal_client_set_queue_url (fixture->client, NULL);
  lk_fal_client_set_rest_url (fixture->client, NULL);
  proxy = g_strconcat (lk_fake_fal_get_url (fixture->fake, LK_FAKE_FAL_QUEUE), "/api/fal/proxy", NULL);
  lk_fal_client_set_proxy_url (fixture->client, proxy);
  g_assert_true (fixture_check_key (fixture, &error));
  g_assert_no_error (error);

  /* The request log: never in a URL, query, header (other than the
   * reduced Authorization record) or body. */
  requests = lk_fake_fal_dup_requests_json (fixture->fake);
  assert_absent (requests, strlen (requests), secret, "the fake's request log");
  assert_absent (requests, strlen (requests), key, "the fake's request log");
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (fixture->fake), ==, 0);

  log = fixture_requests (fixture);
  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *record = json_array_get_object_element (log, i);
      const char *url = json_object_get_string_member (record, "url");
      const char *listener = json_object_get_string_member (record, "listener");

      g_assert_null (strstr (url, uuid));
      if (g_str_equal (listener, "U") || g_str_equal (listener, "C"))
        g_assert_cmpstr (json_object_get_string_member (record, "auth"), ==, "absent");
      else if (g_strcmp0 (json_object_get_string_member (record, "auth"), "present") == 0)
        n_keyed++;
    }
  g_assert_cmpuint (n_keyed, >=, 8);
  plain = requests_matching (log, "U", NULL, NULL);
  g_assert_cmpuint (plain->len, >=, 3);

  /* Logs: everything, debug included, was captured. */
  g_assert_cmpuint (captured_logs->len, >, 0);
  assert_absent (captured_logs->str, captured_logs->len, secret, "the log output");
  assert_absent (captured_logs->str, captured_logs->len, uuid, "the log output");

  /* Files written under the test's HOME and XDG dirs. */
  dirs[0] = g_get_home_dir ();
  dirs[1] = g_get_user_data_dir ();
  dirs[2] = g_get_user_cache_dir ();
  dirs[3] = g_get_user_config_dir ();
  dirs[4] = g_get_user_runtime_dir ();
  dirs[5] = g_get_user_state_dir ();
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (dirs[i]);

      scan_dir (dir, secret, &n_files);
    }
  g_assert_cmpuint (n_files, >=, 3);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  captured_logs = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/fal-client/canary", Fixture, NULL, fixture_set_up, test_canary,
              fixture_tear_down);

  return g_test_run ();
}
