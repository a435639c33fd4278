/* lk-dataset-finding.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-dataset-finding"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-dataset-finding.h"
#include "lk-error.h"
#include "lk-trigger-lint.h"

struct _LkDatasetFinding
{
  GObject            parent_instance;

  LkFindingSeverity  severity;
  LkFindingKind      kind;
  LkDatasetImage    *image;       /* (owned) (nullable) */
  LkDatasetImage    *other;       /* (owned) (nullable): the original of a duplicate */
  char              *message;     /* (owned) translated */
  LkFindingFix       fix;
  char              *suggestion;  /* (owned) (nullable): a suggested trigger */
};

G_DEFINE_FINAL_TYPE (LkDatasetFinding, lk_dataset_finding, G_TYPE_OBJECT)

/* Stable ids for JSON output, in LkFindingKind order. */
static const char * const kind_ids[] = {
  "too-few-images", "too-many-images", "small-image", "duplicate", "near-duplicate",
  "rotated", "unreadable", "empty-file", "not-an-image", "unsupported-format",
  "no-loader", "corrupt", "too-many-pixels", "total-too-large", "caption-encoding",
  "caption-missing-trigger", "trigger-too-short", "trigger-has-spaces",
  "trigger-common-word", "trigger-digits",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_ids) == LK_FINDING_TRIGGER_DIGITS + 1);

static void
lk_dataset_finding_finalize (GObject *object)
{
  LkDatasetFinding *self = (LkDatasetFinding *) object;

  g_clear_object (&self->image);
  g_clear_object (&self->other);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->suggestion, g_free);

  G_OBJECT_CLASS (lk_dataset_finding_parent_class)->finalize (object);
}

static void
lk_dataset_finding_class_init (LkDatasetFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_dataset_finding_finalize;
}

static void
lk_dataset_finding_init (LkDatasetFinding *self)
{
}

/**
 * lk_dataset_finding_new:
 * @severity: error or warning
 * @kind: what was found
 * @image: (nullable): the image concerned, %NULL for the whole dataset
 * @message: a translated sentence
 *
 * Returns: (transfer full): a finding
 */
LkDatasetFinding *
lk_dataset_finding_new (LkFindingSeverity  severity,
                        LkFindingKind      kind,
                        LkDatasetImage    *image,
                        const char        *message)
{
  LkDatasetFinding *self = g_object_new (LK_TYPE_DATASET_FINDING, NULL);

  self->severity = severity;
  self->kind = kind;
  self->image = image != NULL ? g_object_ref (image) : NULL;
  self->message = g_strdup (message);
  return self;
}

LkFindingSeverity
lk_dataset_finding_get_severity (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), LK_FINDING_SEVERITY_ERROR);
  return self->severity;
}

LkFindingKind
lk_dataset_finding_get_kind (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), 0);
  return self->kind;
}

/**
 * lk_dataset_finding_get_kind_id:
 * @self: a finding
 *
 * Returns: a stable, untranslated id such as "near-duplicate"
 */
const char *
lk_dataset_finding_get_kind_id (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), NULL);
  return kind_ids[self->kind];
}

/**
 * lk_dataset_finding_get_image:
 * @self: a finding
 *
 * Returns: (transfer none) (nullable): the image, %NULL for the dataset
 */
LkDatasetImage *
lk_dataset_finding_get_image (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), NULL);
  return self->image;
}

/**
 * lk_dataset_finding_get_other:
 * @self: a finding
 *
 * Returns: (transfer none) (nullable): for a duplicate, the image it copies
 */
LkDatasetImage *
lk_dataset_finding_get_other (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), NULL);
  return self->other;
}

void
lk_dataset_finding_set_other (LkDatasetFinding *self,
                              LkDatasetImage   *other)
{
  g_return_if_fail (LK_IS_DATASET_FINDING (self));
  g_set_object (&self->other, other);
}

const char *
lk_dataset_finding_get_message (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), NULL);
  return self->message;
}

LkFindingFix
lk_dataset_finding_get_fix (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), LK_FINDING_FIX_NONE);
  return self->fix;
}

/**
 * lk_dataset_finding_get_fix_label:
 * @self: a finding
 *
 * Returns: (nullable): a translated button label for the fix
 */
const char *
lk_dataset_finding_get_fix_label (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), NULL);

  switch (self->fix)
    {
    case LK_FINDING_FIX_REMOVE_IMAGE:
      return _("Remove From Dataset");
    case LK_FINDING_FIX_APPLY_ROTATION:
      return _("Store Upright");
    case LK_FINDING_FIX_ADD_TRIGGER:
      return _("Add Trigger to Caption");
    case LK_FINDING_FIX_USE_SUGGESTED_TRIGGER:
      return _("Use Suggested Trigger");
    case LK_FINDING_FIX_NONE:
    default:
      return NULL;
    }
}

/**
 * lk_dataset_finding_get_suggestion:
 * @self: a finding
 *
 * Returns: (nullable): for trigger findings, a suggested `TOK_xxxxxxxx`
 */
const char *
lk_dataset_finding_get_suggestion (LkDatasetFinding *self)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), NULL);
  return self->suggestion;
}

void
lk_dataset_finding_set_fix (LkDatasetFinding *self,
                            LkFindingFix      fix,
                            const char       *suggestion)
{
  g_return_if_fail (LK_IS_DATASET_FINDING (self));
  self->fix = fix;
  g_free (self->suggestion);
  self->suggestion = g_strdup (suggestion);
}

/**
 * lk_dataset_finding_apply_fix:
 * @self: a finding with a fix
 * @dataset: the dataset that was checked
 * @trigger: (nullable): the current trigger, for %LK_FINDING_FIX_ADD_TRIGGER
 * @new_trigger: (out) (optional) (transfer full): for
 *   %LK_FINDING_FIX_USE_SUGGESTED_TRIGGER, the trigger to use from now on
 * @error: a #GError
 *
 * Applies the fix in memory: captions become unsaved edits that an
 * #LkCaptionStore journals and saves; no file is deleted.
 *
 * Returns: %TRUE if the fix was applied
 */
gboolean
lk_dataset_finding_apply_fix (LkDatasetFinding  *self,
                              LkDataset         *dataset,
                              const char        *trigger,
                              char             **new_trigger,
                              GError           **error)
{
  g_return_val_if_fail (LK_IS_DATASET_FINDING (self), FALSE);
  g_return_val_if_fail (LK_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (self->fix)
    {
    case LK_FINDING_FIX_REMOVE_IMAGE:
      lk_dataset_remove (dataset, self->image);
      return TRUE;

    case LK_FINDING_FIX_APPLY_ROTATION:
      lk_dataset_image_set_bake_rotation (self->image, TRUE);
      return TRUE;

    case LK_FINDING_FIX_ADD_TRIGGER:
      {
        const char *caption = lk_dataset_image_get_caption (self->image);
        g_autofree char *updated = NULL;

        if (trigger == NULL || *trigger == '\0')
          break;
        if (lk_caption_has_trigger (caption, trigger))
          return TRUE;
        if (caption == NULL || *caption == '\0')
          updated = g_strdup (trigger);
        else
          updated = g_strconcat (trigger, ", ", caption, NULL);
        lk_dataset_image_set_caption (self->image, updated);
        return TRUE;
      }

    case LK_FINDING_FIX_USE_SUGGESTED_TRIGGER:
      if (new_trigger != NULL)
        *new_trigger = g_strdup (self->suggestion);
      return TRUE;

    case LK_FINDING_FIX_NONE:
    default:
      break;
    }

  g_set_error_literal (error, LK_DATASET_ERROR, LK_DATASET_ERROR_UNSUPPORTED,
                       _("This finding has no automatic fix."));
  return FALSE;
}
