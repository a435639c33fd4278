/* test-comparison.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side-by-side model: the seed's «Детальное сравнение» row for row, and
 * the rows computed for a dataset and parameters.
 */

#include "config.h"

#include "lk-core.h"

static LkComparison *
new_comparison (LkCatalog *catalog,
                guint      n_images,
                guint      steps)
{
  g_autoptr(GError) error = NULL;
  LkComparison *comparison = lk_comparison_new (catalog, NULL, n_images, steps, &error);

  g_assert_no_error (error);
  g_assert_nonnull (comparison);
  return comparison;
}

static void
assert_row (LkComparison *comparison,
            const char   *id,
            const char   *label,
            const char   *pro,
            const char   *portrait,
            const char   *fast)
{
  LkComparisonRow *row = lk_comparison_lookup_row (comparison, id);

  g_assert_nonnull (row);
  g_assert_cmpstr (lk_comparison_row_get_label (row), ==, label);
  g_assert_cmpuint (lk_comparison_row_get_n_cells (row), ==, 3);
  g_assert_cmpstr (lk_comparison_row_get_cell (row, 0), ==, pro);
  g_assert_cmpstr (lk_comparison_row_get_cell (row, 1), ==, portrait);
  g_assert_cmpstr (lk_comparison_row_get_cell (row, 2), ==, fast);
}

static void
test_columns_and_order (void)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (NULL);
  g_autoptr(LkComparison) comparison = new_comparison (catalog, 0, 0);
  const char *seed_rows[] = { "purpose", "model-types", "training-time", "steps", "learning-rate",
                              "auto-crop", "masks", "multiresolution", "autocaption", "modes" };
  guint seed_index = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (comparison));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (comparison)) == LK_TYPE_COMPARISON_ROW);
  g_assert_cmpuint (lk_comparison_get_n_columns (comparison), ==, 3);
  g_assert_cmpstr (lk_trainer_get_id (lk_comparison_get_column (comparison, 0)), ==, "fal-ai/flux-pro-trainer");
  g_assert_cmpstr (lk_trainer_get_id (lk_comparison_get_column (comparison, 1)), ==, "fal-ai/flux-lora-portrait-trainer");
  g_assert_cmpstr (lk_trainer_get_id (lk_comparison_get_column (comparison, 2)), ==, "fal-ai/flux-lora-fast-training");

  /* The seed's rows, in the seed's order, and nothing else in that section. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkComparisonRow) row = g_list_model_get_item (G_LIST_MODEL (comparison), i);

      if (lk_comparison_row_get_section (row) == LK_COMPARISON_SECTION_SEED)
        g_assert_cmpstr (lk_comparison_row_get_id (row), ==, seed_rows[seed_index++]);
    }
  g_assert_cmpuint (seed_index, ==, G_N_ELEMENTS (seed_rows));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (comparison), n));
}

static void
test_seed_rows (void)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (NULL);
  g_autoptr(LkComparison) comparison = new_comparison (catalog, 0, 0);

  assert_row (comparison, "purpose", "Main purpose", "Universal training", "Portraits of people", "General LoRA training");
  assert_row (comparison, "model-types", "Model types", "Full + LoRA", "LoRA only", "LoRA only");
  assert_row (comparison, "training-time", "Training time", "5-30 minutes", "3-15 minutes", "unknown");
  assert_row (comparison, "steps", "Number of steps", "300-1000+", "1000-2500", "1000 by default");
  assert_row (comparison, "learning-rate", "Learning rate", "1e-5 (full), 1e-4 (LoRA)", "0.00009-0.0002", "chosen by fal");
  assert_row (comparison, "auto-crop", "Auto-crop", "❌", "✅", "❌");
  assert_row (comparison, "masks", "Mask creation", "❌", "✅", "✅");
  assert_row (comparison, "multiresolution", "Multi-resolution", "❌", "✅", "❌");
  assert_row (comparison, "autocaption", "Auto-captions", "✅", "❌", "✅");
  assert_row (comparison, "modes", "Training modes", "character, style, product, general", "portrait (fixed)",
              "subject, style");

  /* The overview's ratings. */
  assert_row (comparison, "type", "Type", "Full training + LoRA", "LoRA made for portraits", "General LoRA");
  assert_row (comparison, "specialisation", "Specialisation", "Universal model", "Portraits", "General subjects and styles");
  assert_row (comparison, "quality", "Quality", "⭐⭐⭐⭐⭐ (Very high)", "⭐⭐⭐⭐⭐ (Very high for portraits)",
              "not rated in the seed document");
  assert_row (comparison, "speed", "Speed", "⭐⭐⭐ (Medium)", "⭐⭐⭐⭐ (Fast)", "not rated in the seed document");
  assert_row (comparison, "flexibility", "Flexibility", "⭐⭐⭐⭐⭐ (Maximum)", "⭐⭐⭐ (Limited to portraits)",
              "not rated in the seed document");
}

static void
test_computed_rows (void)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (NULL);
  g_autoptr(LkComparison) comparison = new_comparison (catalog, 12, 0);
  g_autoptr(LkComparison) few = new_comparison (catalog, 5, 0);
  g_autoptr(LkComparison) none = new_comparison (catalog, 0, 2000);

  /* Steps default to each trainer's optimal preset. */
  assert_row (comparison, "run-steps", "Steps for this run", "500", "1000", "500");
  assert_row (comparison, "run-price", "Estimated price",
              "unknown: fal publishes no price for this deprecated trainer.",
              "unknown: fal publishes no price for this trainer.", "$1.00");
  assert_row (comparison, "run-time", "Estimated time", "about 8-15 minutes", "about 3-6 minutes", "unknown");
  assert_row (comparison, "automatic", "Done automatically", "writes captions",
              "crops the subject, creates masks, trains at several resolutions", "creates masks, writes captions");
  assert_row (comparison, "dataset", "Your dataset", "12 images: enough", "12 images: enough", "12 images: enough");
  assert_row (comparison, "inference", "Try the result with", "fal-ai/flux-pro/v1.1-ultra-finetuned",
              "fal-ai/flux-lora", "fal-ai/flux-lora");
  g_assert_true (g_str_has_prefix (lk_comparison_row_get_cell (lk_comparison_lookup_row (comparison, "availability"), 0),
                                   "Deprecated: fal marks this endpoint as deprecated"));
  g_assert_cmpstr (lk_comparison_row_get_cell (lk_comparison_lookup_row (comparison, "availability"), 1), ==, "Available");

  assert_row (comparison, "dataset-needs", "The dataset needs",
              "a ZIP of at least 10 images (png, jpg, jpeg, webp); optional .txt captions with the same name",
              "a ZIP of at least 10 images (png, jpg, jpeg, webp); optional .txt captions with the same name",
              "a ZIP of at least 4 images (png, jpg, jpeg, webp); optional .txt captions with the same name; "
              "optional _mask images");

  assert_row (few, "dataset", "Your dataset", "5 images: fewer than the minimum of 10",
              "5 images: fewer than the minimum of 10", "5 images: enough, 10 recommended");

  assert_row (none, "run-steps", "Steps for this run", "2000", "2000", "2000");
  assert_row (none, "run-price", "Estimated price",
              "unknown: fal publishes no price for this deprecated trainer.",
              "unknown: fal publishes no price for this trainer.", "$4.00");
  assert_row (none, "run-time", "Estimated time", "about 33-60 minutes", "about 6-12 minutes", "unknown");
  assert_row (none, "dataset", "Your dataset", "no images chosen yet", "no images chosen yet", "no images chosen yet");
}

static void
test_custom_columns (void)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (NULL);
  const char *ids[] = { "fal-ai/turbo-flux-trainer", "fal-ai/flux-2-trainer", NULL };
  const char *bad[] = { "fal-ai/nope", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkComparison) comparison = lk_comparison_new (catalog, ids, 10, 1000, &error);
  g_autoptr(LkComparison) missing = NULL;
  LkComparisonRow *price;

  g_assert_no_error (error);
  price = lk_comparison_lookup_row (comparison, "run-price");
  g_assert_cmpstr (lk_comparison_row_get_cell (price, 0), ==, "$2.40");
  g_assert_cmpstr (lk_comparison_row_get_cell (price, 1), ==, "$6.40");

  missing = lk_comparison_new (catalog, bad, 0, 0, &error);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNKNOWN_TRAINER);
  g_assert_cmpstr (error->message, ==, "There is no trainer “fal-ai/nope”.");
  g_assert_null (missing);

  g_assert_finalize_object (g_steal_pointer (&comparison));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/comparison/columns-and-order", test_columns_and_order);
  g_test_add_func ("/likeness/comparison/seed-rows", test_seed_rows);
  g_test_add_func ("/likeness/comparison/computed-rows", test_computed_rows);
  g_test_add_func ("/likeness/comparison/custom-columns", test_custom_columns);

  return g_test_run ();
}
