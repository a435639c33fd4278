/* lk-fal-urls.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Endpoint ids to queue URLs, exactly as the official clients build them
 * (protocol §2). Returned URLs are preferred; these are for requests that
 * were stored without them.
 */

#define G_LOG_DOMAIN "lk-fal-urls"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-error.h"
#include "lk-fal-client-private.h"
#include "lk-util.h"

static gboolean
segment_is_valid (const char *segment)
{
  if (*segment == '\0' || strcmp (segment, ".") == 0 || strcmp (segment, "..") == 0)
    return FALSE;

  for (const char *p = segment; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

/* Legacy numeric ids: "^([0-9]+)-([a-zA-Z0-9-]+)$" becomes "<digits>/<rest>". */
static char *
legacy_id_to_path (const char *id)
{
  const char *p = id;

  while (g_ascii_isdigit (*p))
    p++;

  if (p == id || *p != '-' || p[1] == '\0')
    return NULL;

  for (const char *q = p + 1; *q != '\0'; q++)
    if (!g_ascii_isalnum (*q) && *q != '-')
      return NULL;

  return g_strdup_printf ("%.*s/%s", (int) (p - id), id, p + 1);
}

gboolean
_lk_fal_parse_endpoint_id (const char  *endpoint_id,
                           char       **full_id,
                           char       **base_id)
{
  g_autofree char *full = NULL;
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  guint n_base;

  if (endpoint_id == NULL || *endpoint_id == '\0')
    return FALSE;

  if (strchr (endpoint_id, '/') == NULL)
    full = legacy_id_to_path (endpoint_id);
  else
    full = g_strdup (endpoint_id);

  if (full == NULL)
    return FALSE;

  parts = g_strsplit (full, "/", -1);
  n_parts = g_strv_length (parts);

  for (guint i = 0; i < n_parts; i++)
    if (!segment_is_valid (parts[i]))
      return FALSE;

  n_base = (g_str_equal (parts[0], "workflows") || g_str_equal (parts[0], "comfy")) ? 3 : 2;
  if (n_parts < n_base)
    return FALSE;

  if (base_id != NULL)
    {
      char *saved = parts[n_base];

      parts[n_base] = NULL;
      *base_id = g_strjoinv ("/", parts);
      parts[n_base] = saved;
    }

  if (full_id != NULL)
    *full_id = g_steal_pointer (&full);

  return TRUE;
}

static GError *
bad_endpoint_error (const char *endpoint_id)
{
  /* Translators: %s is what was given as a fal endpoint id. */
  return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_BAD_REQUEST,
                      _("“%s” is not a fal.ai endpoint id. It looks like "
                        "“owner/app”, for example “fal-ai/flux-lora-fast-training”."),
                      endpoint_id ? endpoint_id : "");
}

static const char *
strip_slash (const char *url,
             int        *length)
{
  *length = (int) strlen (url);
  while (*length > 0 && url[*length - 1] == '/')
    (*length)--;
  return url;
}

char *
_lk_fal_build_submit_url (const char  *queue_url,
                          const char  *endpoint_id,
                          const char  *webhook_url,
                          GError     **error)
{
  g_autofree char *full = NULL;
  g_autofree char *webhook = NULL;
  int base_len;

  if (!_lk_fal_parse_endpoint_id (endpoint_id, &full, NULL))
    {
      g_propagate_error (error, bad_endpoint_error (endpoint_id));
      return NULL;
    }

  strip_slash (queue_url, &base_len);

  if (webhook_url == NULL || *webhook_url == '\0')
    return g_strdup_printf ("%.*s/%s", base_len, queue_url, full);

  webhook = g_uri_escape_string (webhook_url, NULL, FALSE);
  return g_strdup_printf ("%.*s/%s?fal_webhook=%s", base_len, queue_url, full, webhook);
}

char *
_lk_fal_build_request_url (const char  *queue_url,
                           const char  *endpoint_id,
                           const char  *request_id,
                           const char  *suffix,
                           GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *escaped_id = NULL;
  int base_len;

  if (!_lk_fal_parse_endpoint_id (endpoint_id, NULL, &base))
    {
      g_propagate_error (error, bad_endpoint_error (endpoint_id));
      return NULL;
    }

  strip_slash (queue_url, &base_len);
  escaped_id = g_uri_escape_string (request_id, NULL, FALSE);

  return g_strdup_printf ("%.*s/%s/requests/%s%s", base_len, queue_url, base, escaped_id,
                          suffix ? suffix : "");
}

char *
_lk_fal_url_extend (const char *url,
                    const char *path_suffix,
                    const char *query_param)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  const char *old_query;
  gsize len;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';

  if (path_suffix != NULL)
    {
      char *tmp = g_strconcat (path, path_suffix, NULL);
      g_free (path);
      path = tmp;
    }

  old_query = g_uri_get_query (uri);
  if (query_param == NULL)
    query = g_strdup (old_query);
  else if (old_query == NULL || *old_query == '\0')
    query = g_strdup (query_param);
  else
    query = g_strconcat (old_query, "&", query_param, NULL);

  return g_uri_join (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (uri),
                     g_uri_get_userinfo (uri),
                     g_uri_get_host (uri),
                     g_uri_get_port (uri),
                     path,
                     query,
                     g_uri_get_fragment (uri));
}

/* The status (or stream) URL of @request with `logs=1|0`: derived from the
 * returned status_url, else rebuilt from the endpoint id. */
char *
_lk_fal_client_status_url (LkFalClient   *self,
                           LkFalRequest  *request,
                           gboolean       stream,
                           gboolean       with_logs,
                           GError       **error)
{
  const char *status_url = lk_fal_request_get_status_url (request);
  const char *logs = with_logs ? "logs=1" : "logs=0";
  g_autofree char *rebuilt = NULL;
  char *url;

  if (status_url == NULL)
    {
      rebuilt = _lk_fal_build_request_url (self->queue_url,
                                           lk_fal_request_get_endpoint_id (request),
                                           lk_fal_request_get_request_id (request),
                                           "/status", error);
      if (rebuilt == NULL)
        return NULL;
      status_url = rebuilt;
    }

  url = _lk_fal_url_extend (status_url, stream ? "/stream" : NULL, logs);
  if (url == NULL)
    g_set_error_literal (error, LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED,
                         _("fal.ai gave a status address that is not a valid URL."));

  return url;
}

/* "queue=URL,rest=URL"; either may be left out. */
gboolean
_lk_fal_parse_urls_env (const char  *value,
                        char       **queue_url,
                        char       **rest_url)
{
  g_auto(GStrv) items = NULL;
  gboolean ok = TRUE;

  if (value == NULL || *value == '\0')
    return FALSE;

  items = g_strsplit (value, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      char *eq = strchr (item, '=');
      const char *url;

      if (*item == '\0')
        continue;

      if (eq == NULL)
        {
          ok = FALSE;
          continue;
        }

      *eq = '\0';
      url = g_strstrip (eq + 1);
      if (!g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
        {
          ok = FALSE;
          continue;
        }

      if (g_str_equal (g_strstrip (item), "queue"))
        lk_set_str (queue_url, url);
      else if (g_str_equal (item, "rest"))
        lk_set_str (rest_url, url);
      else
        ok = FALSE;
    }

  return ok;
}
