/* lk-dataset-check.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dataset doctor. It works only on what the scan already measured, so it
 * runs in a few milliseconds on the main thread and can rerun after every
 * edit or change of trainer.
 */

#define G_LOG_DOMAIN "lk-dataset-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lk-dataset-check.h"
#include "lk-trigger-lint.h"

struct _LkDatasetReport
{
  GObject     parent_instance;

  GListStore *findings;     /* (owned) (element-type LkDatasetFinding) */
  guint       n_errors;
  guint       n_warnings;
  guint       n_usable;
  guint64     total_bytes;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkDatasetReport, lk_dataset_report, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
report_get_item_type (GListModel *model)
{
  return LK_TYPE_DATASET_FINDING;
}

static guint
report_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (LK_DATASET_REPORT (model)->findings));
}

static gpointer
report_get_item (GListModel *model,
                 guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (LK_DATASET_REPORT (model)->findings), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = report_get_item_type;
  iface->get_n_items = report_get_n_items;
  iface->get_item = report_get_item;
}

static void
lk_dataset_report_finalize (GObject *object)
{
  LkDatasetReport *self = (LkDatasetReport *) object;

  g_clear_object (&self->findings);

  G_OBJECT_CLASS (lk_dataset_report_parent_class)->finalize (object);
}

static void
lk_dataset_report_class_init (LkDatasetReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_dataset_report_finalize;
}

static void
lk_dataset_report_init (LkDatasetReport *self)
{
  self->findings = g_list_store_new (LK_TYPE_DATASET_FINDING);
}

static LkDatasetFinding *
add (LkDatasetReport   *self,
     LkFindingSeverity  severity,
     LkFindingKind      kind,
     LkDatasetImage    *image,
     const char        *message)
{
  g_autoptr(LkDatasetFinding) finding = lk_dataset_finding_new (severity, kind, image, message);

  if (severity == LK_FINDING_SEVERITY_ERROR)
    self->n_errors++;
  else
    self->n_warnings++;
  g_list_store_append (self->findings, finding);
  return finding;
}

static int
compare_images (gconstpointer a,
                gconstpointer b)
{
  LkDatasetImage *ia = *(LkDatasetImage **) a;
  LkDatasetImage *ib = *(LkDatasetImage **) b;
  g_autofree char *pa = g_file_get_uri (lk_dataset_image_get_file (ia));
  g_autofree char *pb = g_file_get_uri (lk_dataset_image_get_file (ib));

  return g_strcmp0 (pa, pb);
}

static void
check_problem (LkDatasetReport *self,
               LkDatasetImage  *image)
{
  static const LkFindingKind kinds[] = {
    [LK_IMAGE_PROBLEM_UNREADABLE] = LK_FINDING_UNREADABLE,
    [LK_IMAGE_PROBLEM_EMPTY] = LK_FINDING_EMPTY_FILE,
    [LK_IMAGE_PROBLEM_NOT_AN_IMAGE] = LK_FINDING_NOT_AN_IMAGE,
    [LK_IMAGE_PROBLEM_NO_LOADER] = LK_FINDING_NO_LOADER,
    [LK_IMAGE_PROBLEM_CORRUPT] = LK_FINDING_CORRUPT,
    [LK_IMAGE_PROBLEM_TOO_MANY_PIXELS] = LK_FINDING_TOO_MANY_PIXELS,
  };
  LkImageProblem problem = lk_dataset_image_get_problem (image);
  LkDatasetFinding *finding;

  finding = add (self, LK_FINDING_SEVERITY_ERROR, kinds[problem], image,
                 lk_dataset_image_get_problem_message (image));
  lk_dataset_finding_set_fix (finding, LK_FINDING_FIX_REMOVE_IMAGE, NULL);
}

static void
check_count (LkDatasetReport            *self,
             const LkTrainerConstraints *constraints,
             guint                       n_unique)
{
  g_autofree char *message = NULL;

  if (n_unique < constraints->min_images)
    {
      /* The seed's own sentence for fal's default of ten. */
      if (constraints->min_images == 10)
        message = g_strdup (_("Not enough data for training (at least 10 images)"));
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Not enough data for training (at least %u image)",
                                                "Not enough data for training (at least %u images)",
                                                constraints->min_images),
                                   constraints->min_images);
      add (self,
           constraints->min_images_is_error ? LK_FINDING_SEVERITY_ERROR : LK_FINDING_SEVERITY_WARNING,
           LK_FINDING_TOO_FEW_IMAGES, NULL, message);
    }
  else if (constraints->max_images > 0 && n_unique > constraints->max_images)
    {
      /* Translators: %u is the trainer's maximum number of images. */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Too many images: this trainer takes at most %u image.",
                                              "Too many images: this trainer takes at most %u images.",
                                              constraints->max_images),
                                 constraints->max_images);
      add (self, LK_FINDING_SEVERITY_ERROR, LK_FINDING_TOO_MANY_IMAGES, NULL, message);
    }
}

static void
check_trigger (LkDatasetReport            *self,
               const LkTrainerConstraints *constraints,
               const char                 *trigger)
{
  static const struct {
    LkTriggerProblem problem;
    LkFindingKind    kind;
  } map[] = {
    { LK_TRIGGER_TOO_SHORT,   LK_FINDING_TRIGGER_TOO_SHORT },
    { LK_TRIGGER_HAS_SPACES,  LK_FINDING_TRIGGER_HAS_SPACES },
    { LK_TRIGGER_COMMON_WORD, LK_FINDING_TRIGGER_COMMON_WORD },
    { LK_TRIGGER_DIGITS,      LK_FINDING_TRIGGER_DIGITS },
  };
  LkTriggerProblem problems;
  g_autofree char *suggestion = NULL;

  problems = lk_trigger_lint (trigger, constraints->min_trigger_length,
                              constraints->trigger_needs_token);
  if (problems == LK_TRIGGER_OK || problems == LK_TRIGGER_EMPTY)
    return;

  suggestion = lk_trigger_suggest ();
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      g_autofree char *message = NULL;
      LkDatasetFinding *finding;

      if ((problems & map[i].problem) == 0)
        continue;

      switch (map[i].kind)
        {
        case LK_FINDING_TRIGGER_TOO_SHORT:
          /* Translators: %s is the trigger word, %u a length, the last %s a suggested trigger. */
          message = g_strdup_printf (_("The trigger “%s” is shorter than %u characters and may "
                                       "clash with words the model knows. Try “%s”."),
                                     trigger, constraints->min_trigger_length, suggestion);
          break;
        case LK_FINDING_TRIGGER_HAS_SPACES:
          /* Translators: the first %s is the trigger word, the second a suggested trigger. */
          message = g_strdup_printf (_("The trigger “%s” contains spaces, but this trainer "
                                       "expects a single token. Try “%s”."),
                                     trigger, suggestion);
          break;
        case LK_FINDING_TRIGGER_COMMON_WORD:
          message = g_strdup_printf (_("The trigger “%s” is a common word, so the model "
                                       "already has a meaning for it. Try “%s”."),
                                     trigger, suggestion);
          break;
        case LK_FINDING_TRIGGER_DIGITS:
        default:
          message = g_strdup_printf (_("The trigger “%s” has no letters; numbers are split "
                                       "into separate digits. Try “%s”."),
                                     trigger, suggestion);
          break;
        }

      finding = add (self, LK_FINDING_SEVERITY_WARNING, map[i].kind, NULL, message);
      lk_dataset_finding_set_fix (finding, LK_FINDING_FIX_USE_SUGGESTED_TRIGGER, suggestion);
    }
}

/**
 * lk_dataset_check:
 * @images: a #GListModel of #LkDatasetImage, usually an #LkDataset
 * @constraints: the chosen trainer's constraints
 * @trigger: (nullable): the trigger word, if the trainer uses one
 *
 * Runs the dataset doctor. Findings about one image come in file order;
 * findings about the whole dataset come first.
 *
 * Returns: (transfer full): the report
 */
LkDatasetReport *
lk_dataset_check (GListModel                 *images,
                  const LkTrainerConstraints *constraints,
                  const char                 *trigger)
{
  g_autoptr(LkDatasetReport) self = g_object_new (LK_TYPE_DATASET_REPORT, NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) hashed = g_ptr_array_new ();
  g_autoptr(GHashTable) by_sha = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) per_image = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (images);
  guint n_unique = 0;
  gboolean has_trigger = trigger != NULL && *trigger != '\0';
  g_autoptr(LkDatasetReport) images_part = g_object_new (LK_TYPE_DATASET_REPORT, NULL);

  g_return_val_if_fail (G_IS_LIST_MODEL (images), NULL);
  g_return_val_if_fail (constraints != NULL, NULL);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (images, i));
  g_ptr_array_sort (sorted, compare_images);

  /* Of identical files, the one with the shortest name is taken as the
   * original: "IMG_1.jpg" rather than "IMG_1 copy.jpg". */
  for (guint i = 0; i < sorted->len; i++)
    {
      LkDatasetImage *image = g_ptr_array_index (sorted, i);
      const char *sha = lk_dataset_image_get_sha256 (image);
      LkDatasetImage *best;

      if (sha == NULL || !lk_dataset_image_is_usable (image))
        continue;
      best = g_hash_table_lookup (by_sha, sha);
      if (best == NULL ||
          strlen (lk_dataset_image_get_display_name (image)) < strlen (lk_dataset_image_get_display_name (best)))
        g_hash_table_insert (by_sha, (gpointer) sha, image);
    }

  for (guint i = 0; i < sorted->len; i++)
    {
      LkDatasetImage *image = g_ptr_array_index (sorted, i);
      LkImageFormat format = lk_dataset_image_get_format (image);
      const char *sha = lk_dataset_image_get_sha256 (image);
      LkDatasetImage *original;
      LkDatasetFinding *finding;
      guint64 dhash;

      if (lk_dataset_image_get_caption_problem (image) != NULL)
        add (images_part, LK_FINDING_SEVERITY_ERROR, LK_FINDING_CAPTION_ENCODING, image,
             lk_dataset_image_get_caption_problem (image));

      if (!lk_dataset_image_is_usable (image))
        {
          check_problem (images_part, image);
          continue;
        }

      if ((constraints->supported_formats & LK_FORMAT_BIT (format)) == 0)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is an image format such as GIF. */
          message = g_strdup_printf (_("%s images are not accepted for training. "
                                       "Convert this one to JPEG or PNG."),
                                     lk_image_format_get_name (format));
          finding = add (images_part, LK_FINDING_SEVERITY_ERROR, LK_FINDING_UNSUPPORTED_FORMAT,
                         image, message);
          lk_dataset_finding_set_fix (finding, LK_FINDING_FIX_REMOVE_IMAGE, NULL);
          continue;
        }

      self->n_usable++;
      self->total_bytes += lk_dataset_image_get_size (image);

      original = sha != NULL ? g_hash_table_lookup (by_sha, sha) : NULL;
      if (original != NULL && original != image)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the name of the image that this one copies. */
          message = g_strdup_printf (_("This is an exact copy of “%s”."),
                                     lk_dataset_image_get_display_name (original));
          finding = add (images_part, LK_FINDING_SEVERITY_WARNING, LK_FINDING_DUPLICATE, image, message);
          lk_dataset_finding_set_other (finding, original);
          lk_dataset_finding_set_fix (finding, LK_FINDING_FIX_REMOVE_IMAGE, NULL);
          continue;
        }
      n_unique++;

      if (lk_dataset_image_get_dhash (image, &dhash))
        {
          for (guint j = 0; j < hashed->len; j++)
            {
              LkDatasetImage *earlier = g_ptr_array_index (hashed, j);
              guint64 other_hash;
              g_autofree char *message = NULL;

              lk_dataset_image_get_dhash (earlier, &other_hash);
              if ((guint) __builtin_popcountll (dhash ^ other_hash) > constraints->near_duplicate_distance)
                continue;

              /* Translators: %s is the name of a similar image. */
              message = g_strdup_printf (_("This looks almost the same as “%s”. Near-identical "
                                           "photos teach the model less than varied ones."),
                                         lk_dataset_image_get_display_name (earlier));
              finding = add (images_part, LK_FINDING_SEVERITY_WARNING, LK_FINDING_NEAR_DUPLICATE,
                             image, message);
              lk_dataset_finding_set_other (finding, earlier);
              lk_dataset_finding_set_fix (finding, LK_FINDING_FIX_REMOVE_IMAGE, NULL);
              break;
            }
          g_ptr_array_add (hashed, image);
        }

      if (lk_dataset_image_get_short_side (image) < constraints->min_short_side)
        {
          g_autofree char *message = NULL;

          /* Translators: %u×%u is the image size, the last %u the minimum in pixels. */
          message = g_strdup_printf (_("The image is only %u×%u pixels; its short side should be "
                                       "at least %u pixels."),
                                     lk_dataset_image_get_width (image),
                                     lk_dataset_image_get_height (image),
                                     constraints->min_short_side);
          finding = add (images_part, LK_FINDING_SEVERITY_WARNING, LK_FINDING_SMALL_IMAGE, image, message);
          lk_dataset_finding_set_fix (finding, LK_FINDING_FIX_REMOVE_IMAGE, NULL);
        }

      if (lk_dataset_image_get_orientation (image) != 1)
        {
          finding = add (images_part, LK_FINDING_SEVERITY_WARNING, LK_FINDING_ROTATED, image,
                         _("The image is turned by its EXIF orientation; trainers ignore it. "
                           "It will be stored upright in the ZIP."));
          lk_dataset_finding_set_fix (finding, LK_FINDING_FIX_APPLY_ROTATION, NULL);
        }

      if (has_trigger && lk_dataset_image_get_caption (image) != NULL &&
          !lk_caption_has_trigger (lk_dataset_image_get_caption (image), trigger))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the trigger word. */
          message = g_strdup_printf (_("The caption does not contain the trigger “%s”."), trigger);
          finding = add (images_part, LK_FINDING_SEVERITY_WARNING, LK_FINDING_CAPTION_MISSING_TRIGGER,
                         image, message);
          lk_dataset_finding_set_fix (finding, LK_FINDING_FIX_ADD_TRIGGER, NULL);
        }
    }

  /* Whole-dataset findings first, then the per-image ones. */
  check_count (self, constraints, n_unique);

  if (constraints->max_total_bytes > 0 && self->total_bytes > constraints->max_total_bytes)
    {
      g_autofree char *total = g_format_size (self->total_bytes);
      g_autofree char *limit = g_format_size (constraints->max_total_bytes);
      g_autofree char *message = NULL;

      /* Translators: both %s are sizes such as "1.2 GB". */
      message = g_strdup_printf (_("The images add up to %s, over the upload limit of %s. "
                                   "Pack them with a smaller maximum side."),
                                 total, limit);
      add (self, LK_FINDING_SEVERITY_ERROR, LK_FINDING_TOTAL_TOO_LARGE, NULL, message);
    }

  if (has_trigger)
    check_trigger (self, constraints, trigger);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (images_part->findings)); i++)
    {
      g_autoptr(LkDatasetFinding) finding = g_list_model_get_item (G_LIST_MODEL (images_part->findings), i);

      g_list_store_append (self->findings, finding);
    }
  self->n_errors += images_part->n_errors;
  self->n_warnings += images_part->n_warnings;

  return g_steal_pointer (&self);
}

guint
lk_dataset_report_get_n_errors (LkDatasetReport *self)
{
  g_return_val_if_fail (LK_IS_DATASET_REPORT (self), 0);
  return self->n_errors;
}

guint
lk_dataset_report_get_n_warnings (LkDatasetReport *self)
{
  g_return_val_if_fail (LK_IS_DATASET_REPORT (self), 0);
  return self->n_warnings;
}

/**
 * lk_dataset_report_get_n_usable:
 * @self: a report
 *
 * Returns: images that can be packed, duplicates included
 */
guint
lk_dataset_report_get_n_usable (LkDatasetReport *self)
{
  g_return_val_if_fail (LK_IS_DATASET_REPORT (self), 0);
  return self->n_usable;
}

guint64
lk_dataset_report_get_total_bytes (LkDatasetReport *self)
{
  g_return_val_if_fail (LK_IS_DATASET_REPORT (self), 0);
  return self->total_bytes;
}

/**
 * lk_dataset_report_find:
 * @self: a report
 * @kind: a kind of finding
 * @image: (nullable): the image, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first matching finding
 */
LkDatasetFinding *
lk_dataset_report_find (LkDatasetReport *self,
                        LkFindingKind    kind,
                        LkDatasetImage  *image)
{
  GListModel *model;

  g_return_val_if_fail (LK_IS_DATASET_REPORT (self), NULL);

  model = G_LIST_MODEL (self->findings);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      LkDatasetFinding *finding = g_list_model_get_item (model, i);

      /* The store keeps its reference, so returning a borrowed one is safe. */
      g_object_unref (finding);
      if (lk_dataset_finding_get_kind (finding) == kind &&
          (image == NULL || lk_dataset_finding_get_image (finding) == image))
        return finding;
    }

  return NULL;
}

/**
 * lk_dataset_report_to_json:
 * @self: a report
 *
 * Returns: (transfer full): the report as pretty-printed JSON, for scripts
 */
char *
lk_dataset_report_to_json (LkDatasetReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *model = G_LIST_MODEL (self->findings);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, self->n_errors);
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, self->n_warnings);
  json_builder_set_member_name (builder, "usable_images");
  json_builder_add_int_value (builder, self->n_usable);
  json_builder_set_member_name (builder, "total_bytes");
  json_builder_add_int_value (builder, (gint64) self->total_bytes);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkDatasetFinding) finding = g_list_model_get_item (model, i);
      LkDatasetImage *image = lk_dataset_finding_get_image (finding);
      LkDatasetImage *other = lk_dataset_finding_get_other (finding);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder,
                                     lk_dataset_finding_get_severity (finding) == LK_FINDING_SEVERITY_ERROR
                                     ? "error" : "warning");
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lk_dataset_finding_get_kind_id (finding));
      if (image != NULL)
        {
          g_autofree char *uri = g_file_get_uri (lk_dataset_image_get_file (image));

          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, lk_dataset_image_get_display_name (image));
          json_builder_set_member_name (builder, "uri");
          json_builder_add_string_value (builder, uri);
        }
      if (other != NULL)
        {
          json_builder_set_member_name (builder, "other");
          json_builder_add_string_value (builder, lk_dataset_image_get_display_name (other));
        }
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, lk_dataset_finding_get_message (finding));
      if (lk_dataset_finding_get_suggestion (finding) != NULL)
        {
          json_builder_set_member_name (builder, "suggestion");
          json_builder_add_string_value (builder, lk_dataset_finding_get_suggestion (finding));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
