/* lk-fal-retry.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The retry rules of the official JavaScript client (protocol §5.5), and no
 * more: per-call limits, exponential backoff with ±25 % jitter, transport
 * errors retried, never a user cancel nor a 504 the caller's own deadline
 * caused. Unlike that client, a 429's Retry-After is honoured.
 */

#define G_LOG_DOMAIN "lk-fal-retry"

#include "config.h"

#include "lk-fal-client-private.h"

/* A Retry-After longer than this is not waited out: the call fails with
 * RATE_LIMITED and the user decides when to try again. */
#define MAX_RETRY_AFTER_MS (120 * 1000)

static const guint codes_default[] = { 429, 502, 503, 504, 0 };
static const guint codes_status[] = { 429, 500, 502, 503, 504, 0 };
static const guint codes_none[] = { 0 };

static const LkFalRetryPolicy policy_submit = { 3, 1000, 60000, codes_default, TRUE };
static const LkFalRetryPolicy policy_status = { 5, 1000, 30000, codes_status, TRUE };
static const LkFalRetryPolicy policy_other = { 3, 1000, 30000, codes_default, TRUE };
static const LkFalRetryPolicy policy_stream = { 3, 1000, 30000, codes_none, TRUE };
static const LkFalRetryPolicy policy_never = { 0, 0, 0, codes_none, FALSE };

const LkFalRetryPolicy *
_lk_fal_retry_policy_for (LkFalOp op)
{
  switch (op)
    {
    case LK_FAL_OP_SUBMIT:
    case LK_FAL_OP_RESULT:
      return &policy_submit;

    case LK_FAL_OP_STATUS:
      return &policy_status;

    case LK_FAL_OP_CANCEL:
    case LK_FAL_OP_INITIATE:
      return &policy_other;

    case LK_FAL_OP_STREAM:
      return &policy_stream;

    /* Presigned PUTs, multipart complete and downloads are not retried;
     * multipart parts have their own immediate retries. */
    case LK_FAL_OP_UPLOAD:
    case LK_FAL_OP_DOWNLOAD:
    default:
      return &policy_never;
    }
}

gboolean
_lk_fal_retry_status_is_retryable (const LkFalRetryPolicy *policy,
                                   guint                   status,
                                   SoupMessageHeaders     *headers)
{
  if (status == 504 && headers != NULL &&
      g_strcmp0 (soup_message_headers_get_one (headers, "x-fal-request-timeout-type"), "user") == 0)
    return FALSE;

  if (status == 429 && _lk_fal_retry_after_ms (headers) > MAX_RETRY_AFTER_MS)
    return FALSE;

  for (guint i = 0; policy->codes[i] != 0; i++)
    if (policy->codes[i] == status)
      return TRUE;

  return FALSE;
}

gboolean
_lk_fal_retry_error_is_retryable (const LkFalRetryPolicy *policy,
                                  const GError           *error)
{
  if (!policy->transport || error == NULL)
    return FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  /* A bad certificate will not get better by asking again. */
  if (error->domain == G_TLS_ERROR)
    return FALSE;

  return TRUE;
}

guint
_lk_fal_retry_delay_ms (const LkFalRetryPolicy *policy,
                        guint                   retry,
                        double                  random,
                        gint64                  retry_after_ms)
{
  double delay = policy->base_ms;

  for (guint i = 0; i < retry && delay < policy->max_ms; i++)
    delay *= 2;

  delay = MIN (delay, (double) policy->max_ms);
  delay *= 0.75 + 0.5 * CLAMP (random, 0.0, 1.0);

  if (retry_after_ms > 0 && delay < retry_after_ms)
    delay = retry_after_ms;

  return (guint) delay;
}

gint64
_lk_fal_retry_after_ms (SoupMessageHeaders *headers)
{
  const char *value;
  char *end = NULL;
  guint64 seconds;

  if (headers == NULL)
    return -1;

  value = soup_message_headers_get_one (headers, "Retry-After");
  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0' || seconds > G_MAXINT32)
        return -1;
      return (gint64) seconds * 1000;
    }
  else
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = NULL;
      GTimeSpan span;

      if (when == NULL)
        return -1;

      now = g_date_time_new_now_utc ();
      span = g_date_time_difference (when, now);
      return span > 0 ? span / 1000 : 0;
    }
}

/* Sleeping without blocking: a timeout on the caller's context that a
 * cancellation cuts short. */

typedef struct
{
  GSource      *timeout;
  GCancellable *cancellable;
  gulong        cancelled_id;
} SleepData;

static void
sleep_data_free (SleepData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  g_free (data);
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  SleepData *data = g_task_get_task_data (task);

  g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;
  g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

static gboolean
sleep_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  SleepData *data = g_task_get_task_data (task);

  /* The timeout may have won the race and returned already. */
  if (g_source_is_destroyed (data->timeout))
    return G_SOURCE_REMOVE;

  g_source_destroy (data->timeout);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
sleep_cancelled_cb (GCancellable *cancellable,
                    GTask        *task)
{
  g_autoptr(GSource) idle = g_idle_source_new ();

  /* "cancelled" may fire in another thread; return on the task's context. */
  g_source_set_callback (idle, sleep_cancelled_idle_cb, g_object_ref (task), g_object_unref);
  g_source_attach (idle, g_task_get_context (task));
}

void
_lk_fal_sleep_async (guint                ms,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SleepData *data = g_new0 (SleepData, 1);

  g_task_set_source_tag (task, _lk_fal_sleep_async);
  g_task_set_task_data (task, data, (GDestroyNotify) sleep_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  data->timeout = g_timeout_source_new (ms);
  g_source_set_callback (data->timeout, sleep_done_cb, g_object_ref (task), g_object_unref);
  g_source_attach (data->timeout, g_task_get_context (task));

  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (sleep_cancelled_cb),
                                                task, NULL);
    }
}

gboolean
_lk_fal_sleep_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
