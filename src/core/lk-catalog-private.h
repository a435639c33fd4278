/* lk-catalog-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the catalog files only; the front ends never include it.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lk-preset.h"
#include "lk-trainer.h"
#include "lk-trainer-field.h"

G_BEGIN_DECLS

/* Context of every catalog string; see lk-catalog-strings.c. */
#define LK_CATALOG_CONTEXT "catalog"

/* Upper bound for a preset file; anything larger is refused unread. */
#define LK_PRESET_FILE_MAX_SIZE (256 * 1024)

const char     *_lk_catalog_translate          (const char  *msgid);
gboolean        _lk_catalog_string_is_listed   (const char  *msgid);
const char * const *_lk_catalog_listed_strings (guint       *n_strings);

/* Type-checked readers for untrusted JSON (json-glib's plain getters raise a
 * critical on a wrong type, and tests run with fatal warnings). */
const char     *_lk_json_get_string            (JsonObject  *object,
                                                const char  *member);
JsonObject     *_lk_json_get_object            (JsonObject  *object,
                                                const char  *member);
JsonArray      *_lk_json_get_array             (JsonObject  *object,
                                                const char  *member);
gboolean        _lk_json_get_int               (JsonObject  *object,
                                                const char  *member,
                                                gint64      *value);
gboolean        _lk_json_get_double            (JsonObject  *object,
                                                const char  *member,
                                                double      *value);
gboolean        _lk_json_get_bool              (JsonObject  *object,
                                                const char  *member,
                                                gboolean    *value);
char          **_lk_json_dup_strv              (JsonObject  *object,
                                                const char  *member);
GVariant       *_lk_json_node_to_variant       (JsonNode    *node);
JsonNode       *_lk_variant_to_json_node       (GVariant    *value);
/* JSON text with the shortest exact form of each number. */
char           *_lk_json_to_string             (JsonNode    *node,
                                                gboolean     pretty);

LkTrainerField *_lk_trainer_field_new_from_json (JsonObject *object,
                                                 GError    **error);
LkTrainer      *_lk_trainer_new_from_json       (JsonObject *object,
                                                 GError    **error);
GVariant       *_lk_trainer_get_adapter_base    (LkTrainer  *self);
GVariant       *_lk_trainer_get_mode_values     (LkTrainer  *self,
                                                 const char *mode);
GVariant       *_lk_trainer_map_values          (LkTrainer  *self,
                                                 const char *from_trainer_id,
                                                 GVariant   *values,
                                                 GPtrArray  *notes);
const char     *_lk_trainer_get_maps_from       (LkTrainer  *self);
GPtrArray      *_lk_trainer_get_field_array     (LkTrainer  *self);

LkPreset       *_lk_preset_new_builtin          (const char *id,
                                                 const char *trainer_id,
                                                 const char *name,
                                                 const char *purpose,
                                                 GVariant   *values,
                                                 const char * const *notes);
LkPreset       *_lk_preset_new_from_json        (JsonObject *object,
                                                 GError    **error);
JsonNode       *_lk_preset_to_json              (LkPreset   *self);
const char     *_lk_preset_get_name_msgid       (LkPreset   *self);
const char     *_lk_preset_get_purpose_msgid    (LkPreset   *self);

G_END_DECLS
