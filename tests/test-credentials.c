/* test-credentials.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a session bus with an unlocked Secret Service, as CI provides:
 *   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock \
 *     --components=secrets; meson test --suite keyring'
 */

#include "config.h"

#include "lk-credentials.h"
#include "lk-error.h"

typedef struct
{
  LkCredentials *credentials;
  GAsyncResult  *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_unsetenv ("FAL_KEY");
  g_unsetenv ("FAL_KEY_ID");
  g_unsetenv ("FAL_KEY_SECRET");
  fixture->credentials = lk_credentials_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_null (fixture->result);
  g_assert_finalize_object (fixture->credentials);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (fixture->result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  return g_steal_pointer (&fixture->result);
}

static char *
lookup (Fixture      *fixture,
        LkKeySource  *source,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_credentials_lookup_async (fixture->credentials, NULL, result_cb, fixture);
  result = wait_result (fixture);
  return lk_credentials_lookup_finish (fixture->credentials, result, source, error);
}

static void
store (Fixture    *fixture,
       const char *key,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_credentials_store_async (fixture->credentials, key, NULL, result_cb, fixture);
  result = wait_result (fixture);
  lk_credentials_store_finish (fixture->credentials, result, error);
}

static void
clear (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_credentials_clear_async (fixture->credentials, NULL, result_cb, fixture);
  result = wait_result (fixture);
  g_assert_true (lk_credentials_clear_finish (fixture->credentials, result, &error));
  g_assert_no_error (error);
}

static void
test_store_lookup_clear (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LkKeySource source = LK_KEY_SOURCE_ENVIRONMENT;
  char *key;

  clear (fixture);
  key = lookup (fixture, &source, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_cmpint (source, ==, LK_KEY_SOURCE_NONE);

  store (fixture, "keyring-id:keyring-secret", &error);
  g_assert_no_error (error);
  key = lookup (fixture, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "keyring-id:keyring-secret");
  g_assert_cmpint (source, ==, LK_KEY_SOURCE_KEYRING);
  lk_credentials_free_key (key);

  /* Storing again replaces the key. */
  store (fixture, "other-id:other-secret", &error);
  g_assert_no_error (error);
  key = lookup (fixture, &source, &error);
  g_assert_cmpstr (key, ==, "other-id:other-secret");
  lk_credentials_free_key (key);

  clear (fixture);
  key = lookup (fixture, &source, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_cmpint (source, ==, LK_KEY_SOURCE_NONE);

  /* Clearing nothing is fine. */
  clear (fixture);
}

static void
test_env_precedence (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LkKeySource source;
  char *key;

  store (fixture, "keyring-id:keyring-secret", &error);
  g_assert_no_error (error);

  g_setenv ("FAL_KEY", "env-id:env-secret", TRUE);
  g_setenv ("FAL_KEY_ID", "pair-id", TRUE);
  g_setenv ("FAL_KEY_SECRET", "pair-secret", TRUE);
  key = lookup (fixture, &source, &error);
  g_assert_cmpstr (key, ==, "env-id:env-secret");
  g_assert_cmpint (source, ==, LK_KEY_SOURCE_ENVIRONMENT);
  lk_credentials_free_key (key);

  /* An empty FAL_KEY counts as unset. */
  g_setenv ("FAL_KEY", "", TRUE);
  key = lookup (fixture, &source, &error);
  g_assert_cmpstr (key, ==, "pair-id:pair-secret");
  g_assert_cmpint (source, ==, LK_KEY_SOURCE_ENVIRONMENT);
  lk_credentials_free_key (key);

  /* Half a pair is no key: the keyring wins. */
  g_setenv ("FAL_KEY_SECRET", "", TRUE);
  key = lookup (fixture, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "keyring-id:keyring-secret");
  g_assert_cmpint (source, ==, LK_KEY_SOURCE_KEYRING);
  lk_credentials_free_key (key);

  clear (fixture);
}

static void
test_store_invalid (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *bad[] = { "", "no-colon", "a:b:c", ":b", "a:", "a b:c" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      store (fixture, bad[i], &error);
      g_assert_error (error, LK_FAL_ERROR, LK_FAL_ERROR_INVALID_KEY_FORMAT);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/credentials/store-lookup-clear", Fixture, NULL,
              fixture_set_up, test_store_lookup_clear, fixture_tear_down);
  g_test_add ("/likeness/credentials/env-precedence", Fixture, NULL,
              fixture_set_up, test_env_precedence, fixture_tear_down);
  g_test_add ("/likeness/credentials/store-invalid", Fixture, NULL,
              fixture_set_up, test_store_invalid, fixture_tear_down);

  return g_test_run ();
}
