/* lk-recommendation.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-recommendation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-recommendation.h"

#define PORTRAIT_TRAINER "fal-ai/flux-lora-portrait-trainer"
#define GENERAL_TRAINER  "fal-ai/flux-pro-trainer"

struct _LkRecommendation
{
  GObject        parent_instance;

  LkSubjectType  subject;
  LkTrainer     *seed_trainer;
  LkTrainer     *trainer;
  LkPreset      *preset;      /* nullable */
  char          *reason;
};

G_DEFINE_FINAL_TYPE (LkRecommendation, lk_recommendation, G_TYPE_OBJECT)

static void
lk_recommendation_finalize (GObject *object)
{
  LkRecommendation *self = (LkRecommendation *)object;

  g_clear_object (&self->seed_trainer);
  g_clear_object (&self->trainer);
  g_clear_object (&self->preset);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (lk_recommendation_parent_class)->finalize (object);
}

static void
lk_recommendation_class_init (LkRecommendationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_recommendation_finalize;
}

static void
lk_recommendation_init (LkRecommendation *self)
{
}

LkSubjectType
lk_subject_type_from_avatar_type (const char *avatar_type)
{
  if (g_strcmp0 (avatar_type, "character") == 0 || g_strcmp0 (avatar_type, "portrait") == 0)
    return LK_SUBJECT_PORTRAIT;
  if (g_strcmp0 (avatar_type, "style") == 0)
    return LK_SUBJECT_STYLE;
  if (g_strcmp0 (avatar_type, "product") == 0)
    return LK_SUBJECT_PRODUCT;
  return LK_SUBJECT_GENERAL;
}

const char *
lk_subject_type_to_mode (LkSubjectType subject)
{
  switch (subject)
    {
    case LK_SUBJECT_STYLE:
      return "style";
    case LK_SUBJECT_PRODUCT:
      return "product";
    case LK_SUBJECT_GENERAL:
      return "general";
    case LK_SUBJECT_PORTRAIT:
    default:
      return NULL;
    }
}

LkRecommendation *
lk_recommendation_new (LkCatalog     *catalog,
                       LkSubjectType  subject)
{
  g_autoptr(LkRecommendation) self = NULL;
  LkTrainer *seed_trainer;
  LkTrainer *live;
  LkPreset *preset = NULL;

  g_return_val_if_fail (LK_IS_CATALOG (catalog), NULL);

  seed_trainer = lk_catalog_lookup_trainer (catalog, subject == LK_SUBJECT_PORTRAIT ? PORTRAIT_TRAINER
                                                                                   : GENERAL_TRAINER);
  g_return_val_if_fail (seed_trainer != NULL, NULL);
  live = lk_catalog_get_live_trainer (catalog, seed_trainer);

  self = g_object_new (LK_TYPE_RECOMMENDATION, NULL);
  self->subject = subject;
  self->seed_trainer = g_object_ref (seed_trainer);
  self->trainer = g_object_ref (live);

  preset = lk_catalog_get_optimal_preset (catalog, lk_trainer_get_id (live));
  if (preset != NULL)
    self->preset = g_object_ref (preset);

  if (subject == LK_SUBJECT_PORTRAIT)
    self->reason = g_strdup (_("Portraits of people: the portrait trainer crops the subject, creates masks and trains at several resolutions."));
  else if (live != seed_trainer)
    /* Translators: the first %s is the deprecated trainer's id, the second fal's message about it, the third the trainer used instead. */
    self->reason = g_strdup_printf (_("Styles, products and other subjects belong to %s, but fal has deprecated it (%s). "
                                      "%s is used instead, with the same mode and the presets mapped onto its inputs."),
                                    lk_trainer_get_id (seed_trainer),
                                    lk_trainer_get_availability_message (seed_trainer),
                                    lk_trainer_get_id (live));
  else
    /* Translators: %s is a trainer id. */
    self->reason = g_strdup_printf (_("Styles, products and other subjects: %s trains them in the matching mode."),
                                    lk_trainer_get_id (live));

  return g_steal_pointer (&self);
}

LkSubjectType
lk_recommendation_get_subject (LkRecommendation *self)
{
  g_return_val_if_fail (LK_IS_RECOMMENDATION (self), LK_SUBJECT_GENERAL);
  return self->subject;
}

LkTrainer *
lk_recommendation_get_seed_trainer (LkRecommendation *self)
{
  g_return_val_if_fail (LK_IS_RECOMMENDATION (self), NULL);
  return self->seed_trainer;
}

LkTrainer *
lk_recommendation_get_trainer (LkRecommendation *self)
{
  g_return_val_if_fail (LK_IS_RECOMMENDATION (self), NULL);
  return self->trainer;
}

const char *
lk_recommendation_get_mode (LkRecommendation *self)
{
  g_return_val_if_fail (LK_IS_RECOMMENDATION (self), NULL);
  return lk_subject_type_to_mode (self->subject);
}

LkPreset *
lk_recommendation_get_preset (LkRecommendation *self)
{
  g_return_val_if_fail (LK_IS_RECOMMENDATION (self), NULL);
  return self->preset;
}

gboolean
lk_recommendation_is_fallback (LkRecommendation *self)
{
  g_return_val_if_fail (LK_IS_RECOMMENDATION (self), FALSE);
  return self->trainer != self->seed_trainer;
}

const char *
lk_recommendation_get_reason (LkRecommendation *self)
{
  g_return_val_if_fail (LK_IS_RECOMMENDATION (self), NULL);
  return self->reason;
}
