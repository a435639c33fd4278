/* lk-fal-errors.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns fal's replies into LK_FAL_ERROR values with plain, translated
 * messages that say what to do next (protocol §5). HTTP status, request id
 * and error type go to g_debug so the messages stay readable.
 */

#define G_LOG_DOMAIN "lk-fal-errors"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-error.h"
#include "lk-fal-errors-private.h"
#include "lk-fal-json-private.h"

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_strdown (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static GError *
quota_error (const char *detail)
{
  /* fal says "User is locked. Reason: Admin lock. Please contact
   * support@fal.ai" when money is not the problem. */
  if (contains_casefold (detail, "admin lock"))
    return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED,
                                _("API quota exceeded. fal.ai has locked the account; "
                                  "contact support@fal.ai."));

  return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_QUOTA_EXCEEDED,
                              _("API quota exceeded. Top up the balance at "
                                "fal.ai/dashboard/billing, then try again."));
}

static GError *
rate_limit_error (void)
{
  return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_RATE_LIMITED,
                              _("Request limit exceeded, try again later"));
}

/**
 * lk_fal_error_from_failure:
 * @detail: (nullable): fal's `detail` or `error` text of a failed job
 * @error_type: (nullable): fal's `error_type`
 *
 * The four cases of the user's spec are recognised the way the spec does it,
 * by looking for the phrase in the lower-cased text.
 *
 * Returns: (transfer full): a new #GError in the LK_FAL_ERROR domain
 */
GError *
lk_fal_error_from_failure (const char *detail,
                           const char *error_type)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (error_type, "client_cancelled") == 0 ||
      g_strcmp0 (error_type, "client_disconnected") == 0)
    return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_CANCELLED,
                                _("The training was cancelled."));

  text = g_strjoin (" ", detail ? detail : "", error_type ? error_type : "", NULL);

  if (contains_casefold (text, "insufficient data"))
    return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_INSUFFICIENT_DATA,
                                _("Not enough data for training (at least 10 images)"));

  if (contains_casefold (text, "invalid format"))
    return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_INVALID_FORMAT,
                                _("Invalid data format (a ZIP archive is required)"));

  if (contains_casefold (text, "rate limit"))
    return rate_limit_error ();

  if (contains_casefold (text, "quota exceeded"))
    return quota_error (detail);

  if (detail == NULL || *detail == '\0')
    detail = error_type;

  if (detail == NULL || *detail == '\0')
    return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_FAILED,
                                _("Training error: fal.ai gave no reason"));

  /* Translators: %s is fal.ai's own (English) description of the failure. */
  return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_FAILED, _("Training error: %s"), detail);
}

static void
append_loc (GString  *out,
            JsonArray *loc)
{
  guint n = loc ? json_array_get_length (loc) : 0;
  gboolean first = TRUE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (loc, i);

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;

      /* "body" only says the error is in the request body. */
      if (i == 0 && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), "body") == 0)
        continue;

      if (!first)
        g_string_append_c (out, '.');
      first = FALSE;

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append (out, json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
    }

  if (!first)
    g_string_append (out, ": ");
}

char *
_lk_fal_format_detail (JsonNode *detail)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (detail == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (detail) && json_node_get_value_type (detail) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (detail));

  if (JSON_NODE_HOLDS_ARRAY (detail))
    {
      JsonArray *array = json_node_get_array (detail);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonObject *item = _lk_fal_json_array_get_object (array, i);
          const char *msg = _lk_fal_json_get_string (item, "msg");

          if (msg == NULL)
            continue;

          if (out->len > 0)
            g_string_append (out, "; ");
          append_loc (out, _lk_fal_json_get_array (item, "loc"));
          g_string_append (out, msg);
        }
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

GError *
_lk_fal_error_malformed (void)
{
  return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_MALFORMED,
                              _("fal.ai sent a reply Likeness does not understand. "
                                "Try again later; if this keeps happening, please report a bug."));
}

GError *
_lk_fal_error_network (const GError *transport_error)
{
  /* Translators: %s is the system's description of the network problem. */
  return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_NETWORK,
                      _("Could not reach fal.ai: %s. Check the internet connection "
                        "and the proxy setting, then try again."),
                      transport_error ? transport_error->message : _("unknown error"));
}

static GError *
not_found_error (LkFalOp op)
{
  switch (op)
    {
    case LK_FAL_OP_SUBMIT:
      return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND,
                                  _("fal.ai has no app with this endpoint id. It may have "
                                    "been retired; choose another trainer."));
    case LK_FAL_OP_STATUS:
    case LK_FAL_OP_STREAM:
    case LK_FAL_OP_RESULT:
    case LK_FAL_OP_CANCEL:
      return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND,
                                  _("fal.ai no longer knows this request. Results are kept "
                                    "only for a limited time after a training ends."));
    case LK_FAL_OP_DOWNLOAD:
      return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND,
                                  _("The file is no longer available on fal.ai. "
                                    "Files are kept only for a limited time."));
    case LK_FAL_OP_INITIATE:
    case LK_FAL_OP_UPLOAD:
    default:
      return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_NOT_FOUND,
                                  _("fal.ai storage did not answer at this address. "
                                    "Check the proxy setting."));
    }
}

GError *
_lk_fal_error_from_http (LkFalOp             op,
                         guint               status,
                         SoupMessageHeaders *headers,
                         GBytes             *body)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *detail = NULL;
  const char *error_type = NULL;
  const char *request_id = NULL;
  const char *timeout_type = NULL;
  const char *body_status = NULL;

  if (body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      object = _lk_fal_json_parse_object (data, length);
    }

  if (object != NULL)
    {
      detail = _lk_fal_format_detail (json_object_get_member (object, "detail"));
      error_type = _lk_fal_json_get_string (object, "error_type");
      body_status = _lk_fal_json_get_string (object, "status");
    }

  if (headers != NULL)
    {
      request_id = soup_message_headers_get_one (headers, "x-fal-request-id");
      timeout_type = soup_message_headers_get_one (headers, "x-fal-request-timeout-type");
      if (error_type == NULL)
        error_type = soup_message_headers_get_one (headers, "x-fal-error-type");
    }

  g_debug ("HTTP %u (request id %s, error type %s): %s",
           status, request_id ? request_id : "none", error_type ? error_type : "none",
           detail ? detail : "no detail");

  if (op == LK_FAL_OP_UPLOAD && status != 404)
    /* Translators: %u is an HTTP status code. */
    return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_UPLOAD,
                        _("The upload to fal.ai storage failed (HTTP %u). Try again."), status);

  if (op == LK_FAL_OP_DOWNLOAD && status != 404 && status != 410)
    /* Translators: %u is an HTTP status code. */
    return g_error_new (LK_FAL_ERROR, status >= 500 ? LK_FAL_ERROR_SERVER : LK_FAL_ERROR_BAD_REQUEST,
                        _("The file could not be downloaded (HTTP %u). Try again later."),
                        status);

  if (g_strcmp0 (error_type, "client_cancelled") == 0 || status == 499)
    return lk_fal_error_from_failure (detail, "client_cancelled");

  switch (status)
    {
    case 400:
      if (op == LK_FAL_OP_RESULT && contains_casefold (detail, "still in progress"))
        return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_STILL_IN_PROGRESS,
                                    _("The training is still running; its result is not "
                                      "ready yet."));
      if (op == LK_FAL_OP_CANCEL && g_strcmp0 (body_status, "ALREADY_COMPLETED") == 0)
        return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_ALREADY_COMPLETED,
                                    _("The request had already finished, so it could not "
                                      "be cancelled."));
      break;

    case 401:
      if (contains_casefold (detail, "header format") || contains_casefold (detail, "expected '<key_id>"))
        return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_INVALID_KEY_FORMAT,
                                    _("The API key has the wrong format. A fal.ai key looks "
                                      "like “key-id:key-secret”; copy it again from "
                                      "fal.ai/dashboard/keys."));
      return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_UNAUTHORIZED,
                                  _("fal.ai refused the API key. Check the key in Preferences "
                                    "or create a new one at fal.ai/dashboard/keys."));

    case 403:
      if (contains_casefold (detail, "user is locked"))
        return quota_error (detail);
      return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_UNAUTHORIZED,
                                  _("fal.ai denied access with this API key. Use a key with "
                                    "the API scope from fal.ai/dashboard/keys."));

    case 404:
    case 410:
      return not_found_error (op);

    case 422:
      if (detail == NULL)
        return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION,
                                    _("fal.ai rejected the input. Check the training settings "
                                      "and submit again."));
      /* Translators: %s lists each rejected field with fal.ai's reason,
       * e.g. "steps: Input should be less than or equal to 10000". */
      return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_VALIDATION,
                          _("fal.ai rejected the input: %s. Correct the settings and "
                            "submit again."), detail);

    case 429:
      return rate_limit_error ();

    case 504:
      if (g_strcmp0 (timeout_type, "user") == 0)
        return g_error_new_literal (LK_FAL_ERROR, LK_FAL_ERROR_TIMEOUT,
                                    _("The request did not start before its deadline. "
                                      "fal.ai is busy; try again later."));
      break;

    default:
      break;
    }

  /* A result call hands back the app's own failure (protocol §3.4); 500 is
   * an app crash, while 502–504 are infrastructure hiccups. */
  if (op == LK_FAL_OP_RESULT && status == 500)
    return lk_fal_error_from_failure (detail, error_type);

  if (status >= 500 && detail != NULL)
    /* Translators: %u is an HTTP status code, %s fal.ai's own (English)
     * description of the problem. */
    return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_SERVER,
                        _("fal.ai is having trouble (HTTP %u: %s). Try again in a few minutes."),
                        status, detail);

  if (status >= 500)
    /* Translators: %u is an HTTP status code. */
    return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_SERVER,
                        _("fal.ai is having trouble (HTTP %u). Try again in a few minutes."),
                        status);

  if (detail != NULL)
    /* Translators: %s is fal.ai's own (English) reason. */
    return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_BAD_REQUEST,
                        _("fal.ai rejected the request: %s"), detail);

  /* Translators: %u is an HTTP status code. */
  return g_error_new (LK_FAL_ERROR, LK_FAL_ERROR_BAD_REQUEST,
                      _("fal.ai rejected the request (HTTP %u)."), status);
}
