/* likeness-param-form.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LIKENESS_TYPE_PARAM_FORM (likeness_param_form_get_type ())

G_DECLARE_FINAL_TYPE (LikenessParamForm, likeness_param_form, LIKENESS, PARAM_FORM, GtkWidget)

GtkWidget *likeness_param_form_new         (void);
void       likeness_param_form_set_trainer (LikenessParamForm *self,
                                            LkTrainer         *trainer,
                                            GVariant          *values);
void       likeness_param_form_set_values  (LikenessParamForm *self,
                                            GVariant          *values);
GVariant  *likeness_param_form_dup_values  (LikenessParamForm *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean   likeness_param_form_get_valid   (LikenessParamForm *self);
char      *likeness_param_form_dup_problem (LikenessParamForm *self) G_GNUC_WARN_UNUSED_RESULT;
GtkWidget *likeness_param_form_lookup_row  (LikenessParamForm *self,
                                            const char        *name);

G_END_DECLS
