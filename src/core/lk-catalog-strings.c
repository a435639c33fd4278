/* lk-catalog-strings.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every user-visible string of resources/catalog/trainers.json, so that
 * xgettext sees them. The JSON carries the English text; at run time it is
 * translated with the "catalog" context. test-catalog fails when a string in
 * the JSON is missing here.
 */

#define G_LOG_DOMAIN "lk-catalog-strings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"

static const char * const catalog_strings[] = {
  /* Translators: fal-ai/flux-pro-trainer: type. */
  NC_("catalog", "Full training + LoRA"),
  /* Translators: fal-ai/flux-pro-trainer: specialisation. */
  NC_("catalog", "Universal model"),
  /* Translators: fal-ai/flux-pro-trainer: purpose. */
  NC_("catalog", "Universal training"),
  /* Translators: fal-ai/flux-pro-trainer: kinds_label. */
  NC_("catalog", "Full + LoRA"),
  /* Translators: fal-ai/flux-pro-trainer: availability_message. */
  NC_("catalog", "fal marks this endpoint as deprecated and says the model is no longer supported. Likeness uses fal-ai/flux-lora-fast-training instead."),
  /* Translators: fal-ai/flux-pro-trainer: learning_rate_label. */
  NC_("catalog", "1e-5 (full), 1e-4 (LoRA)"),
  /* Translators: fal-ai/flux-pro-trainer: modes_label. */
  NC_("catalog", "character, style, product, general"),
  /* Translators: fal-ai/flux-pro-trainer: quality rating. */
  NC_("catalog", "Very high"),
  /* Translators: fal-ai/flux-pro-trainer: speed rating. */
  NC_("catalog", "Medium"),
  /* Translators: fal-ai/flux-pro-trainer: flexibility rating. */
  NC_("catalog", "Maximum"),
  /* Translators: fal-ai/flux-pro-trainer: price. */
  NC_("catalog", "fal publishes no price for this deprecated trainer."),
  /* Translators: input field label (data_url). */
  NC_("catalog", "Training data URL"),
  /* Translators: input field help (data_url). */
  NC_("catalog", "URL of the ZIP archive with the training images."),
  /* Translators: input field label (finetune_comment). */
  NC_("catalog", "Comment"),
  /* Translators: input field help (finetune_comment). */
  NC_("catalog", "A note fal keeps with the finetune; required by fal, not mentioned in the seed document."),
  /* Translators: input field label (mode). */
  NC_("catalog", "Mode"),
  /* Translators: input field help (mode). */
  NC_("catalog", "What the finetune learns: a character, a style, a product or anything else."),
  /* Translators: input field label (iterations). */
  NC_("catalog", "Iterations"),
  /* Translators: input field help (iterations). */
  NC_("catalog", "Training iterations; the seed recommends 300 to 1000 or more."),
  /* Translators: input field label (learning_rate). */
  NC_("catalog", "Learning rate"),
  /* Translators: input field help (learning_rate). */
  NC_("catalog", "fal's default is 1e-5 for full training and 1e-4 for LoRA."),
  /* Translators: input field label (priority). */
  NC_("catalog", "Priority"),
  /* Translators: input field help (priority). */
  NC_("catalog", "Trade speed against quality, or train at high resolution only."),
  /* Translators: input field label (captioning). */
  NC_("catalog", "Auto-captions"),
  /* Translators: input field help (captioning). */
  NC_("catalog", "Let the trainer write captions for the images."),
  /* Translators: input field label (trigger_word). */
  NC_("catalog", "Trigger word"),
  /* Translators: input field help (trigger_word). */
  NC_("catalog", "The word that calls up the trained subject in prompts."),
  /* Translators: input field label (lora_rank). */
  NC_("catalog", "LoRA rank"),
  /* Translators: input field help (lora_rank). */
  NC_("catalog", "Capacity of the LoRA: 16 or 32."),
  /* Translators: input field label (finetune_type). */
  NC_("catalog", "Finetune type"),
  /* Translators: input field help (finetune_type). */
  NC_("catalog", "Full training or a LoRA."),
  /* Translators: fal-ai/flux-lora-portrait-trainer: type. */
  NC_("catalog", "LoRA made for portraits"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: specialisation. */
  NC_("catalog", "Portraits"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: purpose. */
  NC_("catalog", "Portraits of people"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: kinds_label. */
  NC_("catalog", "LoRA only"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: learning_rate_label. */
  NC_("catalog", "0.00009-0.0002"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: modes_label. */
  NC_("catalog", "portrait (fixed)"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: quality rating. */
  NC_("catalog", "Very high for portraits"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: speed rating. */
  NC_("catalog", "Fast"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: flexibility rating. */
  NC_("catalog", "Limited to portraits"),
  /* Translators: fal-ai/flux-lora-portrait-trainer: price. */
  NC_("catalog", "fal publishes no price for this trainer."),
  /* Translators: input field label (trigger_phrase). */
  NC_("catalog", "Trigger phrase"),
  /* Translators: input field help (trigger_phrase). */
  NC_("catalog", "Used as the caption when the images have none, and replaces [trigger] in captions."),
  /* Translators: input field help (learning_rate). */
  NC_("catalog", "The seed recommends 0.00009 to 0.0002."),
  /* Translators: input field label (steps). */
  NC_("catalog", "Steps"),
  /* Translators: input field help (steps). */
  NC_("catalog", "Training steps; the seed recommends 1000 to 2500."),
  /* Translators: input field label (multiresolution_training). */
  NC_("catalog", "Multi-resolution training"),
  /* Translators: input field help (multiresolution_training). */
  NC_("catalog", "Train at several resolutions."),
  /* Translators: input field label (subject_crop). */
  NC_("catalog", "Crop the subject"),
  /* Translators: input field help (subject_crop). */
  NC_("catalog", "Crop the subject out of each image automatically."),
  /* Translators: input field label (create_masks). */
  NC_("catalog", "Create masks"),
  /* Translators: input field help (create_masks). */
  NC_("catalog", "Create subject masks for better quality."),
  /* Translators: input field label (data_archive_format). */
  NC_("catalog", "Archive format"),
  /* Translators: input field help (data_archive_format). */
  NC_("catalog", "Format of the archive when the URL has no extension."),
  /* Translators: input field label (resume_from_checkpoint). */
  NC_("catalog", "Resume from checkpoint"),
  /* Translators: input field help (resume_from_checkpoint). */
  NC_("catalog", "URL of a checkpoint to continue from."),
  /* Translators: fal-ai/flux-lora-fast-training: type. */
  NC_("catalog", "General LoRA"),
  /* Translators: fal-ai/flux-lora-fast-training: specialisation. */
  NC_("catalog", "General subjects and styles"),
  /* Translators: fal-ai/flux-lora-fast-training: purpose. */
  NC_("catalog", "General LoRA training"),
  /* Translators: fal-ai/flux-lora-fast-training: modes_label. */
  NC_("catalog", "subject, style"),
  /* Translators: fal-ai/flux-lora-fast-training: price. */
  NC_("catalog", "fal: $2 per training run, scaling linearly with steps. Likeness assumes the $2 is for 1000 steps."),
  /* Translators: input field help (trigger_word). */
  NC_("catalog", "Used when the images have no captions; ignored when they do."),
  /* Translators: input field help (create_masks). */
  NC_("catalog", "Weight the loss with segmentation masks (a face mask for people)."),
  /* Translators: input field help (steps). */
  NC_("catalog", "Training steps; the price grows linearly with them."),
  /* Translators: input field label (is_style). */
  NC_("catalog", "Style mode"),
  /* Translators: input field help (is_style). */
  NC_("catalog", "Train a style: no segmentation and no captioning, the trigger word is used."),
  /* Translators: input field label (is_input_format_already_preprocessed). */
  NC_("catalog", "Already preprocessed"),
  /* Translators: input field help (is_input_format_already_preprocessed). */
  NC_("catalog", "The archive is already in the trainer's preprocessed layout."),
  /* Translators: why a preset value is not sent (learning_rate). */
  NC_("catalog", "This trainer has no learning-rate input; fal picks it."),
  /* Translators: why a preset value is not sent (priority). */
  NC_("catalog", "This trainer has no priority input."),
  /* Translators: why a preset value is not sent (lora_rank). */
  NC_("catalog", "This trainer has no LoRA rank input."),
  /* Translators: why a preset value is not sent (finetune_type). */
  NC_("catalog", "This trainer always trains a LoRA."),
  /* Translators: why a preset value is not sent (captioning). */
  NC_("catalog", "This trainer writes captions itself unless style mode is on."),
  /* Translators: why a preset value is not sent (finetune_comment). */
  NC_("catalog", "This trainer has no comment input."),
  /* Translators: fal-ai/turbo-flux-trainer: type. */
  NC_("catalog", "Fast LoRA"),
  /* Translators: fal-ai/turbo-flux-trainer: specialisation. */
  NC_("catalog", "Subjects and styles"),
  /* Translators: fal-ai/turbo-flux-trainer: purpose. */
  NC_("catalog", "Fast LoRA training"),
  /* Translators: fal-ai/turbo-flux-trainer: price. */
  NC_("catalog", "fal: $2.40 per 1000 steps, linear."),
  /* Translators: input field help (learning_rate). */
  NC_("catalog", "How fast the LoRA changes at each step."),
  /* Translators: input field label (training_style). */
  NC_("catalog", "Training style"),
  /* Translators: input field help (training_style). */
  NC_("catalog", "Train a subject or a style."),
  /* Translators: input field label (face_crop). */
  NC_("catalog", "Crop faces"),
  /* Translators: input field help (face_crop). */
  NC_("catalog", "Crop the face out of each image automatically."),
  /* Translators: fal-ai/flux-2-trainer: type. */
  NC_("catalog", "FLUX.2 LoRA"),
  /* Translators: fal-ai/flux-2-trainer: specialisation. */
  NC_("catalog", "FLUX.2 subjects and styles"),
  /* Translators: fal-ai/flux-2-trainer: purpose. */
  NC_("catalog", "LoRA training for FLUX.2"),
  /* Translators: fal-ai/flux-2-trainer: price. */
  NC_("catalog", "fal: $0.0064 per step."),
  /* Translators: input field label (default_caption). */
  NC_("catalog", "Default caption"),
  /* Translators: input field help (default_caption). */
  NC_("catalog", "Caption for images without one; without captions and without this, training fails."),
  /* Translators: input field label (output_lora_format). */
  NC_("catalog", "LoRA format"),
  /* Translators: input field help (output_lora_format). */
  NC_("catalog", "How the weight keys are named."),
  /* Translators: preset name. */
  NC_("catalog", "Optimal settings for portraits"),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "The seed's recommended settings for people's portraits."),
  /* Translators: preset name. */
  NC_("catalog", "For fast prototyping"),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "Portrait (fast training): a quick check that the dataset works."),
  /* Translators: preset name. */
  NC_("catalog", "For maximum quality"),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "Portrait (high quality): the most steps, for the best likeness."),
  /* Translators: preset name. */
  NC_("catalog", "For production"),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "Portrait (production): a balance of quality and time for real use."),
  /* Translators: preset name. */
  NC_("catalog", "Optimal settings for styles"),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "The seed's recommended settings for styles, products and other subjects."),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "General (fast training): a quick check that the dataset works."),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "General (high quality): the most iterations, for the best result."),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "General (production): a balance of quality and time for real use."),
  /* Translators: preset name. */
  NC_("catalog", "fal's defaults"),
  /* Translators: preset purpose, one line. */
  NC_("catalog", "The trainer's own defaults as fal publishes them."),
};

/* Strings in the JSON that are the same in every language (numbers) are
 * listed too, so the check stays simple. */

const char * const *
_lk_catalog_listed_strings (guint *n_strings)
{
  if (n_strings != NULL)
    *n_strings = G_N_ELEMENTS (catalog_strings);
  return catalog_strings;
}

gboolean
_lk_catalog_string_is_listed (const char *msgid)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalog_strings); i++)
    {
      if (g_strcmp0 (catalog_strings[i], msgid) == 0)
        return TRUE;
    }
  return FALSE;
}

const char *
_lk_catalog_translate (const char *msgid)
{
  if (msgid == NULL || *msgid == '\0')
    return msgid;
  return g_dpgettext2 (GETTEXT_PACKAGE, LK_CATALOG_CONTEXT, msgid);
}
