/* lk-cost.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog-enums.h"

G_BEGIN_DECLS

/* An estimate of what a run costs: a negative amount means fal publishes no
 * price for the trainer. */
#define LK_COST_UNKNOWN (-1.0)

typedef struct _LkCostPolicy LkCostPolicy;

/* What the user allows before Start: a monthly cap (off, warn or block) and
 * a threshold above which a run needs an explicit confirmation. Amounts are
 * in US dollars; 0 means "not set". */
struct _LkCostPolicy
{
  LkCostCapMode cap_mode;
  double        monthly_cap_usd;
  double        confirm_above_usd;
};

#define LK_TYPE_COST_POLICY (lk_cost_policy_get_type ())

GType          lk_cost_policy_get_type     (void) G_GNUC_CONST;
LkCostPolicy  *lk_cost_policy_new          (LkCostCapMode        cap_mode,
                                            double               monthly_cap_usd,
                                            double               confirm_above_usd) G_GNUC_WARN_UNUSED_RESULT;
LkCostPolicy  *lk_cost_policy_copy         (const LkCostPolicy  *policy) G_GNUC_WARN_UNUSED_RESULT;
void           lk_cost_policy_free         (LkCostPolicy        *policy);

/* Checks one run costing @estimate (or LK_COST_UNKNOWN) against the policy,
 * given what this month's jobs have cost so far (@month_tally, kept by the
 * job store). Returns the verdict flags; LK_COST_VERDICT_BLOCKED comes with
 * a translated @error (LK_CATALOG_ERROR_CAP_EXCEEDED). */
LkCostVerdict  lk_cost_policy_check        (const LkCostPolicy  *policy,
                                            double               estimate,
                                            double               month_tally,
                                            GError             **error);
/* One translated sentence explaining @verdict to the user, or NULL for OK. */
char          *lk_cost_verdict_describe    (const LkCostPolicy  *policy,
                                            LkCostVerdict        verdict,
                                            double               estimate,
                                            double               month_tally) G_GNUC_WARN_UNUSED_RESULT;

/* The policy the app's Preferences set: the `spending-cap-mode`,
 * `spending-cap-usd` and `confirm-threshold-usd` keys of @settings. */
LkCostPolicy  *lk_cost_policy_new_from_settings (GSettings       *settings) G_GNUC_WARN_UNUSED_RESULT;

/* "$2.00", translated (the currency stays US dollars). */
char          *lk_format_usd               (double               usd) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCostPolicy, lk_cost_policy_free)

G_END_DECLS
