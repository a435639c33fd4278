/* lk-cost.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-cost"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-cost.h"
#include "lk-error.h"

G_DEFINE_BOXED_TYPE (LkCostPolicy, lk_cost_policy, lk_cost_policy_copy, lk_cost_policy_free)

LkCostPolicy *
lk_cost_policy_new (LkCostCapMode cap_mode,
                    double        monthly_cap_usd,
                    double        confirm_above_usd)
{
  LkCostPolicy *policy = g_new0 (LkCostPolicy, 1);

  policy->cap_mode = cap_mode;
  policy->monthly_cap_usd = MAX (0.0, monthly_cap_usd);
  policy->confirm_above_usd = MAX (0.0, confirm_above_usd);
  return policy;
}

LkCostPolicy *
lk_cost_policy_copy (const LkCostPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, NULL);
  return g_memdup2 (policy, sizeof *policy);
}

void
lk_cost_policy_free (LkCostPolicy *policy)
{
  g_free (policy);
}

LkCostPolicy *
lk_cost_policy_new_from_settings (GSettings *settings)
{
  g_autofree char *mode = NULL;
  LkCostCapMode cap_mode = LK_COST_CAP_WARN;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  mode = g_settings_get_string (settings, "spending-cap-mode");
  if (g_strcmp0 (mode, "off") == 0)
    cap_mode = LK_COST_CAP_OFF;
  else if (g_strcmp0 (mode, "block") == 0)
    cap_mode = LK_COST_CAP_BLOCK;

  return lk_cost_policy_new (cap_mode,
                             g_settings_get_double (settings, "spending-cap-usd"),
                             g_settings_get_double (settings, "confirm-threshold-usd"));
}

char *
lk_format_usd (double usd)
{
  /* Translators: a price in US dollars; %.2f is the amount. Use your
   * language's order, e.g. “%.2f $”, but keep the dollar sign. */
  return g_strdup_printf (_("$%.2f"), usd);
}

static gboolean
cap_is_set (const LkCostPolicy *policy)
{
  return policy->cap_mode != LK_COST_CAP_OFF && policy->monthly_cap_usd > 0.0;
}

/**
 * lk_cost_policy_check:
 * @policy: the user's #LkCostPolicy
 * @estimate: this run's estimate in US dollars, or %LK_COST_UNKNOWN
 * @month_tally: what this month's jobs have cost so far
 * @error: set (%LK_CATALOG_ERROR_CAP_EXCEEDED) only with
 *   %LK_COST_VERDICT_BLOCKED
 *
 * Returns: the verdict flags; %LK_COST_VERDICT_OK means "start without asking"
 */
LkCostVerdict
lk_cost_policy_check (const LkCostPolicy  *policy,
                      double               estimate,
                      double               month_tally,
                      GError             **error)
{
  LkCostVerdict verdict = LK_COST_VERDICT_OK;
  gboolean unknown = estimate < 0.0;
  double after;

  g_return_val_if_fail (policy != NULL, LK_COST_VERDICT_BLOCKED);

  month_tally = MAX (0.0, month_tally);
  after = month_tally + (unknown ? 0.0 : estimate);

  if (unknown)
    verdict |= LK_COST_VERDICT_PRICE_UNKNOWN;

  /* A run whose price is unknown always asks first: the user cannot see
   * what they are agreeing to otherwise. */
  if (unknown || (policy->confirm_above_usd > 0.0 && estimate > policy->confirm_above_usd))
    verdict |= LK_COST_VERDICT_NEEDS_CONFIRMATION;

  /* Unknown prices count as over the cap only once the tally alone reaches
   * it; otherwise the cap could never be enforced against them. */
  if (cap_is_set (policy) &&
      (unknown ? month_tally >= policy->monthly_cap_usd : after > policy->monthly_cap_usd))
    {
      verdict |= LK_COST_VERDICT_OVER_CAP;
      if (policy->cap_mode == LK_COST_CAP_BLOCK)
        {
          g_autofree char *message = lk_cost_verdict_describe (policy, LK_COST_VERDICT_BLOCKED,
                                                               estimate, month_tally);

          g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_CAP_EXCEEDED, message);
          return LK_COST_VERDICT_BLOCKED | verdict;
        }
    }

  return verdict;
}

char *
lk_cost_verdict_describe (const LkCostPolicy *policy,
                          LkCostVerdict       verdict,
                          double              estimate,
                          double              month_tally)
{
  g_autofree char *cap = NULL;
  g_autofree char *tally = NULL;
  g_autofree char *cost = NULL;

  g_return_val_if_fail (policy != NULL, NULL);

  cap = lk_format_usd (policy->monthly_cap_usd);
  tally = lk_format_usd (MAX (0.0, month_tally));
  cost = estimate >= 0.0 ? lk_format_usd (estimate) : NULL;

  if (verdict & LK_COST_VERDICT_BLOCKED)
    {
      if (cost == NULL)
        /* Translators: the first %s is this month's spending, the second the monthly cap, both like “$2.00”. */
        return g_strdup_printf (_("Blocked: this month’s jobs have cost %s, which reaches your monthly cap of %s."),
                                tally, cap);
      /* Translators: %s are amounts like “$2.00”: this run, this month's spending, the monthly cap. */
      return g_strdup_printf (_("Blocked: this run (%s) would take this month’s spending from %s past your monthly cap of %s."),
                              cost, tally, cap);
    }

  if (verdict & LK_COST_VERDICT_OVER_CAP)
    {
      if (cost == NULL)
        return g_strdup_printf (_("Warning: this month’s jobs have cost %s, which reaches your monthly cap of %s."),
                                tally, cap);
      return g_strdup_printf (_("Warning: this run (%s) would take this month’s spending from %s past your monthly cap of %s."),
                              cost, tally, cap);
    }

  if (verdict & LK_COST_VERDICT_PRICE_UNKNOWN)
    return g_strdup (_("fal publishes no price for this trainer, so the cost of this run is unknown. Start anyway?"));

  if (verdict & LK_COST_VERDICT_NEEDS_CONFIRMATION)
    {
      g_autofree char *threshold = lk_format_usd (policy->confirm_above_usd);

      /* Translators: %s are amounts like “$2.00”: this run, then the user's confirmation threshold. */
      return g_strdup_printf (_("This run costs about %s, more than %s. Start it?"), cost, threshold);
    }

  return NULL;
}
