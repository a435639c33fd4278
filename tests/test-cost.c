/* test-cost.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-core.h"

static void
test_off (void)
{
  g_autoptr(LkCostPolicy) policy = lk_cost_policy_new (LK_COST_CAP_OFF, 10.0, 0.0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lk_cost_policy_check (policy, 2.0, 500.0, &error), ==, LK_COST_VERDICT_OK);
  g_assert_no_error (error);
  g_assert_null (lk_cost_verdict_describe (policy, LK_COST_VERDICT_OK, 2.0, 500.0));
}

static void
test_confirmation_threshold (void)
{
  g_autoptr(LkCostPolicy) policy = lk_cost_policy_new (LK_COST_CAP_OFF, 0.0, 3.0);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LkCostVerdict verdict;

  g_assert_cmpint (lk_cost_policy_check (policy, 3.0, 0.0, &error), ==, LK_COST_VERDICT_OK);
  verdict = lk_cost_policy_check (policy, 3.01, 0.0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verdict, ==, LK_COST_VERDICT_NEEDS_CONFIRMATION);
  text = lk_cost_verdict_describe (policy, verdict, 6.4, 0.0);
  g_assert_cmpstr (text, ==, "This run costs about $6.40, more than $3.00. Start it?");
}

static void
test_unknown_price (void)
{
  g_autoptr(LkCostPolicy) policy = lk_cost_policy_new (LK_COST_CAP_BLOCK, 20.0, 0.0);
  g_autoptr(GError) error = NULL;
  LkCostVerdict verdict;

  /* Unknown prices always ask, and are blocked only once the tally alone
   * reaches the cap. */
  verdict = lk_cost_policy_check (policy, LK_COST_UNKNOWN, 5.0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verdict, ==, LK_COST_VERDICT_PRICE_UNKNOWN | LK_COST_VERDICT_NEEDS_CONFIRMATION);

  verdict = lk_cost_policy_check (policy, LK_COST_UNKNOWN, 20.0, &error);
  g_assert_true (verdict & LK_COST_VERDICT_BLOCKED);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_CAP_EXCEEDED);
  g_assert_cmpstr (error->message, ==,
                   "Blocked: this month’s jobs have cost $20.00, which reaches your monthly cap of $20.00.");
}

static void
test_warn_and_block (void)
{
  g_autoptr(LkCostPolicy) warn = lk_cost_policy_new (LK_COST_CAP_WARN, 10.0, 0.0);
  g_autoptr(LkCostPolicy) block = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LkCostVerdict verdict;

  g_assert_cmpint (lk_cost_policy_check (warn, 2.0, 8.0, &error), ==, LK_COST_VERDICT_OK);
  verdict = lk_cost_policy_check (warn, 2.01, 8.0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verdict, ==, LK_COST_VERDICT_OVER_CAP);
  text = lk_cost_verdict_describe (warn, verdict, 2.01, 8.0);
  g_assert_cmpstr (text, ==, "Warning: this run ($2.01) would take this month’s spending from $8.00 past your monthly cap of $10.00.");

  block = lk_cost_policy_copy (warn);
  block->cap_mode = LK_COST_CAP_BLOCK;
  g_assert_cmpint (lk_cost_policy_check (block, 2.0, 8.0, &error), ==, LK_COST_VERDICT_OK);
  verdict = lk_cost_policy_check (block, 2.4, 8.0, &error);
  g_assert_cmpint (verdict, ==, LK_COST_VERDICT_BLOCKED | LK_COST_VERDICT_OVER_CAP);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_CAP_EXCEEDED);
  g_assert_cmpstr (error->message, ==,
                   "Blocked: this run ($2.40) would take this month’s spending from $8.00 past your monthly cap of $10.00.");
}

static void
test_estimates_from_catalog (void)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (NULL);
  g_autoptr(LkCostPolicy) policy = lk_cost_policy_new (LK_COST_CAP_BLOCK, 5.0, 1.5);
  LkTrainer *fast = lk_catalog_lookup_trainer (catalog, "fal-ai/flux-lora-fast-training");
  g_autoptr(GError) error = NULL;
  double usd;

  g_assert_true (lk_trainer_estimate_cost (fast, 600, &usd));
  g_assert_cmpfloat_with_epsilon (usd, 1.2, 1e-9);
  g_assert_cmpint (lk_cost_policy_check (policy, usd, 0.0, &error), ==, LK_COST_VERDICT_OK);
  g_assert_true (lk_trainer_estimate_cost (fast, 1000, &usd));
  g_assert_cmpint (lk_cost_policy_check (policy, usd, 0.0, &error), ==, LK_COST_VERDICT_NEEDS_CONFIRMATION);
  g_assert_true (lk_cost_policy_check (policy, usd, 3.5, &error) & LK_COST_VERDICT_BLOCKED);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_CAP_EXCEEDED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/cost/off", test_off);
  g_test_add_func ("/likeness/cost/confirmation-threshold", test_confirmation_threshold);
  g_test_add_func ("/likeness/cost/unknown-price", test_unknown_price);
  g_test_add_func ("/likeness/cost/warn-and-block", test_warn_and_block);
  g_test_add_func ("/likeness/cost/estimates-from-catalog", test_estimates_from_catalog);

  return g_test_run ();
}
