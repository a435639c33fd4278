/* lk-credentials.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-enums.h"

G_BEGIN_DECLS

#define LK_TYPE_CREDENTIALS (lk_credentials_get_type ())

G_DECLARE_FINAL_TYPE (LkCredentials, lk_credentials, LK, CREDENTIALS, GObject)

LkCredentials *lk_credentials_new           (void) G_GNUC_WARN_UNUSED_RESULT;

/* FAL_KEY first, then FAL_KEY_ID:FAL_KEY_SECRET, then the Secret Service.
 * Free the key with lk_credentials_free_key(), which wipes it. */
void           lk_credentials_lookup_async  (LkCredentials        *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char          *lk_credentials_lookup_finish (LkCredentials        *self,
                                             GAsyncResult         *result,
                                             LkKeySource          *source,
                                             GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void           lk_credentials_store_async   (LkCredentials        *self,
                                             const char           *key,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       lk_credentials_store_finish  (LkCredentials        *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void           lk_credentials_clear_async   (LkCredentials        *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       lk_credentials_clear_finish  (LkCredentials        *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* TRUE when the key has the `<key_id>:<key_secret>` shape fal expects. */
gboolean       lk_credentials_key_is_valid  (const char           *key);
void           lk_credentials_free_key      (char                 *key);

G_END_DECLS
