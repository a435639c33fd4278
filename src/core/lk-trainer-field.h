/* lk-trainer-field.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog-enums.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINER_FIELD (lk_trainer_field_get_type ())

G_DECLARE_FINAL_TYPE (LkTrainerField, lk_trainer_field, LK, TRAINER_FIELD, GObject)

/* One input of a trainer: name, type, default, range or choices, and a
 * translated label and help. Values are GVariants: "s" for strings, URLs and
 * choices, "x" for whole numbers, "d" for numbers, "b" for booleans. */
const char          *lk_trainer_field_get_name        (LkTrainerField  *self);
LkFieldType          lk_trainer_field_get_field_type  (LkTrainerField  *self);
const char          *lk_trainer_field_get_label       (LkTrainerField  *self);
const char          *lk_trainer_field_get_help        (LkTrainerField  *self);
gboolean             lk_trainer_field_is_required     (LkTrainerField  *self);
/* (nullable): NULL when fal states no default. */
GVariant            *lk_trainer_field_get_default     (LkTrainerField  *self);
gboolean             lk_trainer_field_get_range       (LkTrainerField  *self,
                                                       double          *min,
                                                       double          *max);
/* (nullable): the choices of an enum field, or NULL. */
const char * const  *lk_trainer_field_get_choices     (LkTrainerField  *self);
/* (nullable): the allowed values of a whole-number field with choices. */
const gint64        *lk_trainer_field_get_int_choices (LkTrainerField  *self,
                                                       guint           *n_choices);

/* Checks @value against the field and returns it in canonical form ("x" and
 * "d" as above; a whole number given for a number field becomes "d").
 * A floating @value is consumed.
 * On failure the translated error names the field, the range and the value. */
GVariant            *lk_trainer_field_validate        (LkTrainerField  *self,
                                                       GVariant        *value,
                                                       GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* Formats a value for people: numbers without trailing zeroes. */
char                *lk_format_value                  (GVariant        *value) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
