/* lk-fal-errors-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lk-fal-errors.h"

G_BEGIN_DECLS

/* What the failed call was, so 400/404/500 can be read in context. */
typedef enum
{
  LK_FAL_OP_SUBMIT,
  LK_FAL_OP_STATUS,
  LK_FAL_OP_STREAM,
  LK_FAL_OP_RESULT,
  LK_FAL_OP_CANCEL,
  LK_FAL_OP_INITIATE,
  LK_FAL_OP_UPLOAD,
  LK_FAL_OP_DOWNLOAD,
} LkFalOp;

/* Maps a non-2xx reply to an LK_FAL_ERROR (protocol §5). @headers may be
 * NULL. */
GError *_lk_fal_error_from_http      (LkFalOp             op,
                                      guint               status,
                                      SoupMessageHeaders *headers,
                                      GBytes             *body);
/* Text for the validation error of a `detail` (list or string), e.g.
 * "steps: Input should be less than or equal to 10000". */
char   *_lk_fal_format_detail        (JsonNode           *detail);
GError *_lk_fal_error_malformed      (void);
GError *_lk_fal_error_network        (const GError       *transport_error);

G_END_DECLS
