/* likeness-trainer-card.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column of the seed's comparison table as a card: the trainer's name
 * and kind, the stars and feature ticks, and this dataset's price and time.
 */

#define G_LOG_DOMAIN "likeness-trainer-card"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-trainer-card.h"

struct _LikenessTrainerCard
{
  GtkWidget  parent_instance;

  LkTrainer *trainer;       /* (owned) */
  gboolean   recommended;

  GtkLabel  *name_label;
  GtkLabel  *type_label;
  GtkLabel  *recommended_label;
  GtkLabel  *reason_label;
  GtkLabel  *deprecated_label;
  GtkGrid   *rows_grid;
};

G_DEFINE_FINAL_TYPE (LikenessTrainerCard, likeness_trainer_card, GTK_TYPE_WIDGET)

/* Shown in the card's header rather than as rows. */
static const char * const header_rows[] = { "type", "specialisation", "availability", NULL };

/* Colour emoji are not on every system, and the card is text: plain stars
 * and ticks read the same and follow the theme's colours. */
static char *
plain_symbols (const char *cell)
{
  static const struct { const char *from; const char *to; } map[] = {
    { "⭐", "★" }, { "✅", "✓" }, { "❌", "✗" },
  };
  g_autoptr(GString) text = g_string_new (cell);

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    g_string_replace (text, map[i].from, map[i].to, 0);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_row (LikenessTrainerCard *self,
         int                  line,
         LkComparisonRow     *row,
         guint                column)
{
  g_autofree char *value = plain_symbols (lk_comparison_row_get_cell (row, column));
  GtkWidget *label = gtk_label_new (lk_comparison_row_get_label (row));
  GtkWidget *cell = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_add_css_class (label, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (cell), 0);
  gtk_label_set_wrap (GTK_LABEL (cell), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (cell), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (cell), 16);
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_widget_set_name (cell, lk_comparison_row_get_id (row));
  /* What this run costs and takes is what people compare first. */
  if (g_str_equal (lk_comparison_row_get_id (row), "run-price") ||
      g_str_equal (lk_comparison_row_get_id (row), "run-time"))
    gtk_widget_add_css_class (cell, "heading");

  gtk_grid_attach (self->rows_grid, label, 0, line, 1, 1);
  gtk_grid_attach (self->rows_grid, cell, 1, line, 1, 1);
}

static void
fill (LikenessTrainerCard *self,
      LkComparison        *comparison,
      guint                column)
{
  LkComparisonRow *type = lk_comparison_lookup_row (comparison, "type");
  int line = 0;

  self->trainer = g_object_ref (lk_comparison_get_column (comparison, column));

  gtk_label_set_label (self->name_label, lk_trainer_get_name (self->trainer));
  gtk_label_set_label (self->type_label, type ? lk_comparison_row_get_cell (type, column)
                                              : lk_trainer_get_type_label (self->trainer));

  if (lk_trainer_get_availability (self->trainer) == LK_TRAINER_DEPRECATED)
    {
      gtk_label_set_label (self->deprecated_label, lk_trainer_get_availability_message (self->trainer));
      gtk_widget_set_visible (GTK_WIDGET (self->deprecated_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "deprecated");
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (comparison)); i++)
    {
      g_autoptr(LkComparisonRow) row = g_list_model_get_item (G_LIST_MODEL (comparison), i);

      if (g_strv_contains (header_rows, lk_comparison_row_get_id (row)))
        continue;
      add_row (self, line++, row, column);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, lk_trainer_get_name (self->trainer),
                                  -1);
}

LkTrainer *
likeness_trainer_card_get_trainer (LikenessTrainerCard *self)
{
  g_return_val_if_fail (LIKENESS_IS_TRAINER_CARD (self), NULL);

  return self->trainer;
}

/**
 * likeness_trainer_card_set_recommended:
 * @self: a card
 * @reason: (nullable): why this trainer is the one to use, or %NULL if not
 */
void
likeness_trainer_card_set_recommended (LikenessTrainerCard *self,
                                       const char          *reason)
{
  g_return_if_fail (LIKENESS_IS_TRAINER_CARD (self));

  self->recommended = reason != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->recommended_label), reason != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  gtk_label_set_label (self->reason_label, reason ? reason : "");

  if (reason != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "recommended");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "recommended");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason ? reason : "",
                                  -1);
}

gboolean
likeness_trainer_card_get_recommended (LikenessTrainerCard *self)
{
  g_return_val_if_fail (LIKENESS_IS_TRAINER_CARD (self), FALSE);

  return self->recommended;
}

static void
likeness_trainer_card_dispose (GObject *object)
{
  LikenessTrainerCard *self = LIKENESS_TRAINER_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKENESS_TYPE_TRAINER_CARD);
  /* The template's top box is not a bound child, so it is left to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->trainer);

  G_OBJECT_CLASS (likeness_trainer_card_parent_class)->dispose (object);
}

static void
likeness_trainer_card_class_init (LikenessTrainerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_trainer_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/likeness-trainer-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainerCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainerCard, type_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainerCard, recommended_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainerCard, reason_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainerCard, deprecated_label);
  gtk_widget_class_bind_template_child (widget_class, LikenessTrainerCard, rows_grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trainercard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
likeness_trainer_card_init (LikenessTrainerCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
likeness_trainer_card_new (LkComparison *comparison,
                           guint         column)
{
  LikenessTrainerCard *self;

  g_return_val_if_fail (LK_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (column < lk_comparison_get_n_columns (comparison), NULL);

  self = g_object_new (LIKENESS_TYPE_TRAINER_CARD, NULL);
  fill (self, comparison, column);

  return GTK_WIDGET (self);
}
