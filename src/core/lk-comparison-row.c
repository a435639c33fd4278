/* lk-comparison-row.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-comparison-row"

#include "config.h"

#include "lk-comparison-row.h"

struct _LkComparisonRow
{
  GObject              parent_instance;

  char                *id;
  LkComparisonSection  section;
  char                *label;
  char               **cells;
};

G_DEFINE_FINAL_TYPE (LkComparisonRow, lk_comparison_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_comparison_row_finalize (GObject *object)
{
  LkComparisonRow *self = (LkComparisonRow *)object;

  g_free (self->id);
  g_free (self->label);
  g_strfreev (self->cells);

  G_OBJECT_CLASS (lk_comparison_row_parent_class)->finalize (object);
}

static void
lk_comparison_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkComparisonRow *self = LK_COMPARISON_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_comparison_row_class_init (LkComparisonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_comparison_row_finalize;
  object_class->get_property = lk_comparison_row_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_comparison_row_init (LkComparisonRow *self)
{
}

LkComparisonRow *
lk_comparison_row_new (const char          *id,
                       LkComparisonSection  section,
                       const char          *label,
                       const char * const  *cells)
{
  LkComparisonRow *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (cells != NULL, NULL);

  self = g_object_new (LK_TYPE_COMPARISON_ROW, NULL);
  self->id = g_strdup (id);
  self->section = section;
  self->label = g_strdup (label);
  self->cells = g_strdupv ((char **) cells);

  return self;
}

const char *
lk_comparison_row_get_id (LkComparisonRow *self)
{
  g_return_val_if_fail (LK_IS_COMPARISON_ROW (self), NULL);
  return self->id;
}

LkComparisonSection
lk_comparison_row_get_section (LkComparisonRow *self)
{
  g_return_val_if_fail (LK_IS_COMPARISON_ROW (self), LK_COMPARISON_SECTION_SEED);
  return self->section;
}

const char *
lk_comparison_row_get_label (LkComparisonRow *self)
{
  g_return_val_if_fail (LK_IS_COMPARISON_ROW (self), NULL);
  return self->label;
}

guint
lk_comparison_row_get_n_cells (LkComparisonRow *self)
{
  g_return_val_if_fail (LK_IS_COMPARISON_ROW (self), 0);
  return g_strv_length (self->cells);
}

const char *
lk_comparison_row_get_cell (LkComparisonRow *self,
                            guint            column)
{
  g_return_val_if_fail (LK_IS_COMPARISON_ROW (self), NULL);
  g_return_val_if_fail (column < g_strv_length (self->cells), NULL);
  return self->cells[column];
}

const char * const *
lk_comparison_row_get_cells (LkComparisonRow *self)
{
  g_return_val_if_fail (LK_IS_COMPARISON_ROW (self), NULL);
  return (const char * const *) self->cells;
}
