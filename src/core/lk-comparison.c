/* lk-comparison.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-comparison"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-comparison.h"
#include "lk-cost.h"
#include "lk-error.h"

#define CHECK_MARK "✅"
#define CROSS_MARK "❌"
#define STAR       "⭐"

struct _LkComparison
{
  GObject    parent_instance;

  GPtrArray *columns;   /* LkTrainer */
  GArray    *steps;     /* guint, per column */
  GPtrArray *rows;      /* LkComparisonRow */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkComparison, lk_comparison, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static const char * const default_columns[] = {
  "fal-ai/flux-pro-trainer",
  "fal-ai/flux-lora-portrait-trainer",
  "fal-ai/flux-lora-fast-training",
  NULL
};

static GType
get_item_type (GListModel *model)
{
  return LK_TYPE_COMPARISON_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return LK_COMPARISON (model)->rows->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LkComparison *self = LK_COMPARISON (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
lk_comparison_finalize (GObject *object)
{
  LkComparison *self = (LkComparison *)object;

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_comparison_parent_class)->finalize (object);
}

static void
lk_comparison_class_init (LkComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_comparison_finalize;
}

static void
lk_comparison_init (LkComparison *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->steps = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

typedef char *(*CellFunc) (LkComparison *self,
                           guint         column,
                           LkTrainer    *trainer,
                           gconstpointer data);

static void
add_row (LkComparison        *self,
         const char          *id,
         LkComparisonSection  section,
         const char          *label,
         CellFunc             func,
         gconstpointer        data)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->columns->len; i++)
    g_ptr_array_add (cells, func (self, i, g_ptr_array_index (self->columns, i), data));
  g_ptr_array_add (cells, NULL);

  g_ptr_array_add (self->rows, lk_comparison_row_new (id, section, label,
                                                      (const char * const *) cells->pdata));
}

static char *
or_unknown (const char *text)
{
  return g_strdup (text != NULL ? text : C_("comparison cell", "unknown"));
}

static char *
type_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  return or_unknown (lk_trainer_get_type_label (trainer));
}

static char *
specialisation_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  return or_unknown (lk_trainer_get_specialisation (trainer));
}

static char *
rating_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  const char *which = data;
  guint ratings[3];
  guint value;
  GString *cell;

  if (!lk_trainer_get_ratings (trainer, &ratings[0], &ratings[1], &ratings[2]))
    return g_strdup (_("not rated in the seed document"));

  value = g_str_equal (which, "quality") ? ratings[0] : g_str_equal (which, "speed") ? ratings[1] : ratings[2];
  cell = g_string_new (NULL);
  for (guint i = 0; i < value; i++)
    g_string_append (cell, STAR);
  g_string_append_printf (cell, " (%s)", lk_trainer_get_rating_note (trainer, which));
  return g_string_free (cell, FALSE);
}

static char *
purpose_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  return or_unknown (lk_trainer_get_purpose (trainer));
}

static char *
kinds_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  return or_unknown (lk_trainer_get_kinds_label (trainer));
}

static char *
format_minutes (guint low,
                guint high)
{
  /* Translators: a range of minutes such as “3-15 minutes”; the plural follows the larger number. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u-%u minute", "%u-%u minutes", high), low, high);
}

static char *
time_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  guint low, high;

  if (!lk_trainer_get_time_range (trainer, &low, &high))
    return or_unknown (NULL);
  return format_minutes (low, high);
}

static char *
steps_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  guint low, high;
  gboolean open_ended;

  if (!lk_trainer_get_steps_range (trainer, &low, &high, &open_ended))
    {
      guint steps = lk_trainer_get_default_steps (trainer);

      if (steps == 0)
        return or_unknown (NULL);
      /* Translators: %u is a number of steps; the seed gives no range for this trainer, only fal's default. */
      return g_strdup_printf (_("%u by default"), steps);
    }
  return g_strdup_printf ("%u-%u%s", low, high, open_ended ? "+" : "");
}

static char *
learning_rate_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  LkTrainerField *field;
  GVariant *value;

  if (lk_trainer_get_learning_rate_label (trainer) != NULL)
    return g_strdup (lk_trainer_get_learning_rate_label (trainer));

  field = lk_trainer_lookup_field (trainer, "learning_rate");
  if (field == NULL)
    return g_strdup (_("chosen by fal"));
  if ((value = lk_trainer_field_get_default (field)) != NULL)
    return g_strdup_printf (_("%g by default"), g_variant_get_double (value));
  return or_unknown (NULL);
}

static char *
feature_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  return g_strdup (lk_trainer_has_feature (trainer, GPOINTER_TO_UINT (data)) ? CHECK_MARK : CROSS_MARK);
}

static char *
modes_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  return g_strdup (lk_trainer_get_modes_label (trainer) ? lk_trainer_get_modes_label (trainer) : "—");
}

static char *
availability_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  if (lk_trainer_get_availability (trainer) == LK_TRAINER_AVAILABLE)
    return g_strdup (_("Available"));
  /* Translators: %s is fal's message about the deprecated trainer. */
  return g_strdup_printf (_("Deprecated: %s"), lk_trainer_get_availability_message (trainer));
}

static char *
run_steps_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  return g_strdup_printf ("%u", g_array_index (self->steps, guint, column));
}

static char *
price_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  guint steps = g_array_index (self->steps, guint, column);
  double usd;

  if (lk_trainer_estimate_cost (trainer, steps, &usd))
    return lk_format_usd (usd);
  /* Translators: %s explains why the price is unknown. */
  return g_strdup_printf (_("unknown: %s"), lk_trainer_get_price_note (trainer));
}

static char *
run_time_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  guint steps = g_array_index (self->steps, guint, column);
  guint low, high;
  g_autofree char *range = NULL;

  if (!lk_trainer_estimate_minutes (trainer, steps, &low, &high))
    return or_unknown (NULL);
  range = format_minutes (low, high);
  /* Translators: %s is a range such as “3-6 minutes”. */
  return g_strdup_printf (_("about %s"), range);
}

static char *
automatic_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (lk_trainer_has_feature (trainer, LK_TRAINER_FEATURE_AUTO_CROP))
    g_ptr_array_add (parts, (gpointer) _("crops the subject"));
  if (lk_trainer_has_feature (trainer, LK_TRAINER_FEATURE_MASKS))
    g_ptr_array_add (parts, (gpointer) _("creates masks"));
  if (lk_trainer_has_feature (trainer, LK_TRAINER_FEATURE_MULTIRESOLUTION))
    g_ptr_array_add (parts, (gpointer) _("trains at several resolutions"));
  if (lk_trainer_has_feature (trainer, LK_TRAINER_FEATURE_AUTOCAPTION))
    g_ptr_array_add (parts, (gpointer) _("writes captions"));

  if (parts->len == 0)
    return g_strdup (_("nothing"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static char *
dataset_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  guint n_images = GPOINTER_TO_UINT (data);
  guint min = lk_trainer_get_min_images (trainer);
  guint recommended = lk_trainer_get_recommended_images (trainer);

  if (n_images == 0)
    return g_strdup (_("no images chosen yet"));

  if (n_images < min)
    /* Translators: the first %u is the number of images chosen, the second the trainer's minimum. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u image: fewer than the minimum of %u",
                                         "%u images: fewer than the minimum of %u", n_images),
                            n_images, min);
  if (n_images < recommended)
    /* Translators: the first %u is the number of images chosen, the second how many the trainer recommends. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u image: enough, %u recommended",
                                         "%u images: enough, %u recommended", n_images),
                            n_images, recommended);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image: enough", "%u images: enough", n_images),
                          n_images);
}

/* What the dataset doctor checks for this trainer. */
static char *
needs_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *extensions = g_strjoinv (", ", (char **) lk_trainer_get_image_extensions (trainer));
  guint min = lk_trainer_get_min_images (trainer);

  /* Translators: the first %u is the minimum number of images, %s a list of file extensions such as “png, jpg”. */
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "a ZIP of at least %u image (%s)",
                                                        "a ZIP of at least %u images (%s)", min),
                                           min, extensions));
  if (lk_trainer_accepts_captions (trainer))
    g_ptr_array_add (parts, g_strdup (_("optional .txt captions with the same name")));
  if (lk_trainer_accepts_masks (trainer))
    g_ptr_array_add (parts, g_strdup (_("optional _mask images")));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv ("; ", (char **) parts->pdata);
}

static char *
inference_cell (LkComparison *self, guint column, LkTrainer *trainer, gconstpointer data)
{
  return or_unknown (lk_trainer_get_inference_endpoint (trainer));
}

static guint
column_steps (LkCatalog *catalog,
              LkTrainer *trainer,
              guint      steps)
{
  LkPreset *optimal;

  if (steps > 0)
    return steps;
  optimal = lk_catalog_get_optimal_preset (catalog, lk_trainer_get_id (trainer));
  if (optimal != NULL)
    return lk_catalog_get_preset_steps (catalog, optimal);
  return lk_trainer_get_default_steps (trainer);
}

LkComparison *
lk_comparison_new (LkCatalog          *catalog,
                   const char * const *trainer_ids,
                   guint               n_images,
                   guint               steps,
                   GError            **error)
{
  g_autoptr(LkComparison) self = NULL;
  const LkComparisonSection overview = LK_COMPARISON_SECTION_OVERVIEW;
  const LkComparisonSection seed = LK_COMPARISON_SECTION_SEED;
  const LkComparisonSection computed = LK_COMPARISON_SECTION_COMPUTED;

  g_return_val_if_fail (LK_IS_CATALOG (catalog), NULL);

  if (trainer_ids == NULL)
    trainer_ids = default_columns;

  self = g_object_new (LK_TYPE_COMPARISON, NULL);
  for (guint i = 0; trainer_ids[i] != NULL; i++)
    {
      LkTrainer *trainer = lk_catalog_lookup_trainer (catalog, trainer_ids[i]);
      guint column_step;

      if (trainer == NULL)
        {
          /* Translators: %s is what the user typed as a trainer id. */
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_TRAINER,
                       _("There is no trainer “%s”."), trainer_ids[i]);
          return NULL;
        }
      g_ptr_array_add (self->columns, g_object_ref (trainer));
      column_step = column_steps (catalog, trainer, steps);
      g_array_append_val (self->steps, column_step);
    }

  add_row (self, "type", overview, C_("comparison row", "Type"), type_cell, NULL);
  add_row (self, "specialisation", overview, C_("comparison row", "Specialisation"), specialisation_cell, NULL);
  add_row (self, "quality", overview, C_("comparison row", "Quality"), rating_cell, "quality");
  add_row (self, "speed", overview, C_("comparison row", "Speed"), rating_cell, "speed");
  add_row (self, "flexibility", overview, C_("comparison row", "Flexibility"), rating_cell, "flexibility");

  /* The seed's «Детальное сравнение», row for row. */
  add_row (self, "purpose", seed, C_("comparison row", "Main purpose"), purpose_cell, NULL);
  add_row (self, "model-types", seed, C_("comparison row", "Model types"), kinds_cell, NULL);
  add_row (self, "training-time", seed, C_("comparison row", "Training time"), time_cell, NULL);
  add_row (self, "steps", seed, C_("comparison row", "Number of steps"), steps_cell, NULL);
  add_row (self, "learning-rate", seed, C_("comparison row", "Learning rate"), learning_rate_cell, NULL);
  add_row (self, "auto-crop", seed, C_("comparison row", "Auto-crop"), feature_cell,
           GUINT_TO_POINTER (LK_TRAINER_FEATURE_AUTO_CROP));
  add_row (self, "masks", seed, C_("comparison row", "Mask creation"), feature_cell,
           GUINT_TO_POINTER (LK_TRAINER_FEATURE_MASKS));
  add_row (self, "multiresolution", seed, C_("comparison row", "Multi-resolution"), feature_cell,
           GUINT_TO_POINTER (LK_TRAINER_FEATURE_MULTIRESOLUTION));
  add_row (self, "autocaption", seed, C_("comparison row", "Auto-captions"), feature_cell,
           GUINT_TO_POINTER (LK_TRAINER_FEATURE_AUTOCAPTION));
  add_row (self, "modes", seed, C_("comparison row", "Training modes"), modes_cell, NULL);

  add_row (self, "availability", computed, C_("comparison row", "Availability"), availability_cell, NULL);
  add_row (self, "run-steps", computed, C_("comparison row", "Steps for this run"), run_steps_cell, NULL);
  add_row (self, "run-price", computed, C_("comparison row", "Estimated price"), price_cell, NULL);
  add_row (self, "run-time", computed, C_("comparison row", "Estimated time"), run_time_cell, NULL);
  add_row (self, "automatic", computed, C_("comparison row", "Done automatically"), automatic_cell, NULL);
  add_row (self, "dataset", computed, C_("comparison row", "Your dataset"), dataset_cell,
           GUINT_TO_POINTER (n_images));
  add_row (self, "dataset-needs", computed, C_("comparison row", "The dataset needs"), needs_cell, NULL);
  add_row (self, "inference", computed, C_("comparison row", "Try the result with"), inference_cell, NULL);

  return g_steal_pointer (&self);
}

guint
lk_comparison_get_n_columns (LkComparison *self)
{
  g_return_val_if_fail (LK_IS_COMPARISON (self), 0);
  return self->columns->len;
}

LkTrainer *
lk_comparison_get_column (LkComparison *self,
                          guint         column)
{
  g_return_val_if_fail (LK_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, column);
}

guint
lk_comparison_get_steps (LkComparison *self,
                         guint         column)
{
  g_return_val_if_fail (LK_IS_COMPARISON (self), 0);
  g_return_val_if_fail (column < self->steps->len, 0);
  return g_array_index (self->steps, guint, column);
}

LkComparisonRow *
lk_comparison_lookup_row (LkComparison *self,
                          const char   *row_id)
{
  g_return_val_if_fail (LK_IS_COMPARISON (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      LkComparisonRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (lk_comparison_row_get_id (row), row_id) == 0)
        return row;
    }
  return NULL;
}
