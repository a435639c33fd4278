/* lk-credentials.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fal API key comes from FAL_KEY, else FAL_KEY_ID:FAL_KEY_SECRET (the
 * official clients' rule), else the Secret Service. The key is never logged.
 */

#define G_LOG_DOMAIN "lk-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "lk-credentials.h"
#include "lk-error.h"

struct _LkCredentials
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LkCredentials, lk_credentials, G_TYPE_OBJECT)

static const SecretSchema key_schema = {
  "io.github.likeness.Likeness.ApiKey",
  SECRET_SCHEMA_NONE,
  {
    { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

#define KEY_SERVICE "fal.ai"

static void
lk_credentials_class_init (LkCredentialsClass *klass)
{
}

static void
lk_credentials_init (LkCredentials *self)
{
}

LkCredentials *
lk_credentials_new (void)
{
  return g_object_new (LK_TYPE_CREDENTIALS, NULL);
}

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return (value != NULL && *value != '\0') ? value : NULL;
}

/* Returns the key from the environment, or NULL. */
static char *
key_from_environment (void)
{
  const char *key = getenv_nonempty ("FAL_KEY");
  const char *key_id;
  const char *key_secret;

  if (key != NULL)
    return g_strdup (key);

  key_id = getenv_nonempty ("FAL_KEY_ID");
  key_secret = getenv_nonempty ("FAL_KEY_SECRET");
  if (key_id != NULL && key_secret != NULL)
    return g_strconcat (key_id, ":", key_secret, NULL);

  return NULL;
}

typedef enum
{
  KEYRING_READ,
  KEYRING_STORE,
  KEYRING_CLEAR,
} KeyringOp;

static GError *
keyring_error (const GError *error,
               KeyringOp     op)
{
  switch (op)
    {
    case KEYRING_READ:
      /* Translators: %s is the Secret Service's own reason. */
      return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_KEYRING,
                          _("Could not read the API key from the keyring: %s. Make sure a "
                            "keyring (such as GNOME Keyring) is running and unlocked."),
                          error->message);

    case KEYRING_STORE:
      /* Translators: %s is the Secret Service's own reason. */
      return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_KEYRING,
                          _("Could not save the API key in the keyring: %s. Make sure a "
                            "keyring (such as GNOME Keyring) is running and unlocked."),
                          error->message);

    case KEYRING_CLEAR:
    default:
      /* Translators: %s is the Secret Service's own reason. */
      return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_KEYRING,
                          _("Could not remove the API key from the keyring: %s. Make sure a "
                            "keyring (such as GNOME Keyring) is running and unlocked."),
                          error->message);
    }
}

/* The key lives in ordinary memory only as long as needed and is wiped when
 * freed; libsecret's own copy (non-pageable) is released at once. */
static char *
take_secret (char *secret)
{
  char *copy;

  if (secret == NULL)
    return NULL;

  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, keyring_error (error, KEYRING_READ));
      return;
    }

  g_task_set_task_data (task, GINT_TO_POINTER (secret ? LK_KEY_SOURCE_KEYRING : LK_KEY_SOURCE_NONE),
                        NULL);
  g_task_return_pointer (task, take_secret (secret), (GDestroyNotify) lk_credentials_free_key);
}

/**
 * lk_credentials_lookup_async:
 * @self: the credentials
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the lookup is done
 * @user_data: data for @callback
 *
 * Looks the key up in the environment, then in the Secret Service. Finding
 * no key at all is not an error: the finish function returns %NULL with
 * @source set to %LK_KEY_SOURCE_NONE.
 */
void
lk_credentials_lookup_async (LkCredentials       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char *key;

  g_return_if_fail (LK_IS_CREDENTIALS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_credentials_lookup_async);

  key = key_from_environment ();
  if (key != NULL)
    {
      g_debug ("Using the API key from the environment");
      g_task_set_task_data (task, GINT_TO_POINTER (LK_KEY_SOURCE_ENVIRONMENT), NULL);
      g_task_return_pointer (task, key, (GDestroyNotify) lk_credentials_free_key);
      return;
    }

  secret_password_lookup (&key_schema, cancellable, lookup_cb, g_steal_pointer (&task),
                          "service", KEY_SERVICE,
                          NULL);
}

/**
 * lk_credentials_lookup_finish:
 * @self: the credentials
 * @result: the result
 * @source: (out) (optional): where the key came from
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the key, to be freed with
 *   lk_credentials_free_key(), or %NULL when there is none or on error
 */
char *
lk_credentials_lookup_finish (LkCredentials  *self,
                              GAsyncResult   *result,
                              LkKeySource    *source,
                              GError        **error)
{
  char *key;

  g_return_val_if_fail (LK_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  key = g_task_propagate_pointer (G_TASK (result), error);
  if (source != NULL)
    *source = key ? GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result))) : LK_KEY_SOURCE_NONE;

  return key;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, keyring_error (error, KEYRING_STORE));
      return;
    }

  g_debug ("Stored the API key in the keyring");
  g_task_return_boolean (task, TRUE);
}

void
lk_credentials_store_async (LkCredentials       *self,
                            const char          *key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CREDENTIALS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_credentials_store_async);

  if (!lk_credentials_key_is_valid (key))
    {
      g_task_return_new_error (task, LK_FAL_ERROR, LK_FAL_ERROR_INVALID_KEY_FORMAT, "%s",
                               _("The API key has the wrong format. A fal.ai key looks "
                                 "like “key-id:key-secret”; copy it again from "
                                 "fal.ai/dashboard/keys."));
      return;
    }

  secret_password_store (&key_schema, SECRET_COLLECTION_DEFAULT,
                         _("fal.ai API key for Likeness"), key,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "service", KEY_SERVICE,
                         NULL);
}

gboolean
lk_credentials_store_finish (LkCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (LK_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error means there was nothing to remove: fine. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, keyring_error (error, KEYRING_CLEAR));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
lk_credentials_clear_async (LkCredentials       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CREDENTIALS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_credentials_clear_async);

  secret_password_clear (&key_schema, cancellable, clear_cb, g_steal_pointer (&task),
                         "service", KEY_SERVICE,
                         NULL);
}

gboolean
lk_credentials_clear_finish (LkCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (LK_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lk_credentials_key_is_valid:
 * @key: (nullable): a candidate key
 *
 * Checks the shape only: a non-empty id and secret around exactly one `:`,
 * printable ASCII without spaces (anything else could not travel in an HTTP
 * header anyway).
 *
 * Returns: %TRUE when @key looks like a fal key
 */
gboolean
lk_credentials_key_is_valid (const char *key)
{
  const char *colon;

  if (key == NULL || *key == '\0')
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (*p <= ' ' || *p >= 0x7f)
      return FALSE;

  colon = strchr (key, ':');
  if (colon == NULL || colon == key || colon[1] == '\0' || strchr (colon + 1, ':') != NULL)
    return FALSE;

  return TRUE;
}

/**
 * lk_credentials_free_key:
 * @key: (nullable) (transfer full): a key from lk_credentials_lookup_finish()
 *
 * Overwrites the key before freeing it.
 */
void
lk_credentials_free_key (char *key)
{
  if (key == NULL)
    return;

  explicit_bzero (key, strlen (key));
  g_free (key);
}
