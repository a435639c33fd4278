/* lk-fal-json-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Type-checked readers for untrusted JSON. json-glib's plain getters raise a
 * critical on a wrong type, which the tests turn into a crash; these return
 * the fallback instead. */
JsonObject *_lk_fal_json_parse_object (const char *data,
                                       gsize       length);
const char *_lk_fal_json_get_string   (JsonObject *object,
                                       const char *member);
gboolean    _lk_fal_json_get_int      (JsonObject *object,
                                       const char *member,
                                       gint64     *value);
gboolean    _lk_fal_json_get_double   (JsonObject *object,
                                       const char *member,
                                       double     *value);
JsonObject *_lk_fal_json_get_object   (JsonObject *object,
                                       const char *member);
JsonArray  *_lk_fal_json_get_array    (JsonObject *object,
                                       const char *member);
JsonObject *_lk_fal_json_array_get_object (JsonArray *array,
                                           guint      index);

G_END_DECLS
