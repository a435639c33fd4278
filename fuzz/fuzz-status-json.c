/* fuzz-status-json.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses the input as a status reply, runs it through the log de-duplicator
 * and reads every field, and also maps it as an error body.
 */

#include "config.h"

#include <stdint.h>

#include "lk-fal-client-private.h"
#include "lk-fal-status-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LkFalStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) http_error = NULL;
  g_autoptr(GBytes) body = g_bytes_new (data, size);

  status = _lk_fal_status_new_from_json ((const char *) data, size, &error);
  if (status != NULL)
    {
      g_autoptr(LkFalLogDedup) dedup = _lk_fal_log_dedup_new ();
      g_autoptr(LkFalStatus) first = _lk_fal_log_dedup_filter (dedup, status);
      g_autoptr(LkFalStatus) second = _lk_fal_log_dedup_filter (dedup, status);
      GPtrArray *logs = lk_fal_status_get_logs (first);

      /* Everything new the first time; at most the duplicates the second. */
      g_assert_cmpuint (lk_fal_status_get_logs (second)->len, <=, logs->len);
      for (guint i = 0; i < logs->len; i++)
        g_assert_nonnull (((LkFalLog *) g_ptr_array_index (logs, i))->message);

      (void) lk_fal_status_get_state (status);
      (void) lk_fal_status_get_queue_position (status);
      (void) lk_fal_status_get_error (status);
      (void) lk_fal_status_get_error_type (status);
      (void) lk_fal_status_get_inference_time (status);
      (void) lk_fal_status_is_failed (status);
    }
  else
    {
      g_assert_nonnull (error);
    }

  http_error = _lk_fal_error_from_http (LK_FAL_OP_RESULT, size > 0 ? 400 + data[0] % 200 : 422,
                                        NULL, body);
  g_assert_nonnull (http_error);

  return 0;
}
