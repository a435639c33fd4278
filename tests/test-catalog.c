/* test-catalog.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value the user's seed document gives (trainers, ratings, ranges,
 * presets, the adapter's mode mapping and trigger format) as the catalog
 * exposes it, and the submit input built for every trainer × preset.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lk-catalog-private.h"
#include "lk-core.h"

#define PRO      "fal-ai/flux-pro-trainer"
#define PORTRAIT "fal-ai/flux-lora-portrait-trainer"
#define FAST     "fal-ai/flux-lora-fast-training"
#define TURBO    "fal-ai/turbo-flux-trainer"
#define FLUX2    "fal-ai/flux-2-trainer"

GResource *lk_core_get_resource (void);

static LkCatalog *
load_catalog (void)
{
  g_autoptr(GError) error = NULL;
  LkCatalog *catalog = lk_catalog_new (&error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static void
test_trainers (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  GListModel *trainers = lk_catalog_get_trainers (catalog);
  const char *ids[] = { PRO, PORTRAIT, FAST, TURBO, FLUX2 };
  LkTrainer *pro, *portrait, *fast;

  g_assert_cmpuint (g_list_model_get_n_items (trainers), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(LkTrainer) trainer = g_list_model_get_item (trainers, i);
      g_assert_cmpstr (lk_trainer_get_id (trainer), ==, ids[i]);
    }
  g_assert_null (lk_catalog_lookup_trainer (catalog, "fal-ai/nope"));

  pro = lk_catalog_lookup_trainer (catalog, PRO);
  portrait = lk_catalog_lookup_trainer (catalog, PORTRAIT);
  fast = lk_catalog_lookup_trainer (catalog, FAST);

  /* Deprecated, shown with fal's message, never hidden. */
  g_assert_cmpint (lk_trainer_get_availability (pro), ==, LK_TRAINER_DEPRECATED);
  g_assert_nonnull (strstr (lk_trainer_get_availability_message (pro), "deprecated"));
  g_assert_cmpstr (lk_trainer_get_replacement_id (pro), ==, FAST);
  g_assert_true (lk_catalog_get_live_trainer (catalog, pro) == fast);
  g_assert_true (lk_catalog_get_live_trainer (catalog, portrait) == portrait);
  g_assert_cmpint (lk_trainer_get_availability (portrait), ==, LK_TRAINER_AVAILABLE);
  g_assert_cmpint (lk_trainer_get_availability (fast), ==, LK_TRAINER_AVAILABLE);
}

static void
test_seed_overview (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  LkTrainer *pro = lk_catalog_lookup_trainer (catalog, PRO);
  LkTrainer *portrait = lk_catalog_lookup_trainer (catalog, PORTRAIT);
  guint q, s, f;

  /* ### 1. flux-pro-trainer */
  g_assert_cmpint (lk_trainer_get_kind (pro), ==, LK_TRAINER_KIND_FULL_AND_LORA);
  g_assert_cmpstr (lk_trainer_get_type_label (pro), ==, "Full training + LoRA");
  g_assert_cmpstr (lk_trainer_get_specialisation (pro), ==, "Universal model");
  g_assert_true (lk_trainer_get_ratings (pro, &q, &s, &f));
  g_assert_cmpuint (q, ==, 5);
  g_assert_cmpuint (s, ==, 3);
  g_assert_cmpuint (f, ==, 5);
  g_assert_cmpstr (lk_trainer_get_rating_note (pro, "quality"), ==, "Very high");
  g_assert_cmpstr (lk_trainer_get_rating_note (pro, "speed"), ==, "Medium");
  g_assert_cmpstr (lk_trainer_get_rating_note (pro, "flexibility"), ==, "Maximum");

  /* ### 2. flux-lora-portrait-trainer */
  g_assert_cmpint (lk_trainer_get_kind (portrait), ==, LK_TRAINER_KIND_LORA);
  g_assert_cmpstr (lk_trainer_get_type_label (portrait), ==, "LoRA made for portraits");
  g_assert_cmpstr (lk_trainer_get_specialisation (portrait), ==, "Portraits");
  g_assert_true (lk_trainer_get_ratings (portrait, &q, &s, &f));
  g_assert_cmpuint (q, ==, 5);
  g_assert_cmpuint (s, ==, 4);
  g_assert_cmpuint (f, ==, 3);
  g_assert_cmpstr (lk_trainer_get_rating_note (portrait, "quality"), ==, "Very high for portraits");
  g_assert_cmpstr (lk_trainer_get_rating_note (portrait, "speed"), ==, "Fast");
  g_assert_cmpstr (lk_trainer_get_rating_note (portrait, "flexibility"), ==, "Limited to portraits");

  g_assert_false (lk_trainer_get_ratings (lk_catalog_lookup_trainer (catalog, FAST), NULL, NULL, NULL));
}

static void
test_seed_table_values (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  LkTrainer *pro = lk_catalog_lookup_trainer (catalog, PRO);
  LkTrainer *portrait = lk_catalog_lookup_trainer (catalog, PORTRAIT);
  const char * const pro_modes[] = { "character", "style", "product", "general", NULL };
  guint low, high;
  double rlow, rhigh;
  gboolean open_ended;

  g_assert_true (lk_trainer_get_time_range (pro, &low, &high));
  g_assert_cmpuint (low, ==, 5);
  g_assert_cmpuint (high, ==, 30);
  g_assert_true (lk_trainer_get_time_range (portrait, &low, &high));
  g_assert_cmpuint (low, ==, 3);
  g_assert_cmpuint (high, ==, 15);

  g_assert_true (lk_trainer_get_steps_range (pro, &low, &high, &open_ended));
  g_assert_cmpuint (low, ==, 300);
  g_assert_cmpuint (high, ==, 1000);
  g_assert_true (open_ended);
  g_assert_true (lk_trainer_get_steps_range (portrait, &low, &high, &open_ended));
  g_assert_cmpuint (low, ==, 1000);
  g_assert_cmpuint (high, ==, 2500);
  g_assert_false (open_ended);

  g_assert_true (lk_trainer_get_learning_rate_range (pro, &rlow, &rhigh));
  g_assert_cmpfloat (rlow, ==, 1e-5);
  g_assert_cmpfloat (rhigh, ==, 1e-4);
  g_assert_cmpstr (lk_trainer_get_learning_rate_label (pro), ==, "1e-5 (full), 1e-4 (LoRA)");
  g_assert_true (lk_trainer_get_learning_rate_range (portrait, &rlow, &rhigh));
  g_assert_cmpfloat (rlow, ==, 0.00009);
  g_assert_cmpfloat (rhigh, ==, 0.0002);
  g_assert_cmpstr (lk_trainer_get_learning_rate_label (portrait), ==, "0.00009-0.0002");

  g_assert_false (lk_trainer_has_feature (pro, LK_TRAINER_FEATURE_AUTO_CROP));
  g_assert_false (lk_trainer_has_feature (pro, LK_TRAINER_FEATURE_MASKS));
  g_assert_false (lk_trainer_has_feature (pro, LK_TRAINER_FEATURE_MULTIRESOLUTION));
  g_assert_true (lk_trainer_has_feature (pro, LK_TRAINER_FEATURE_AUTOCAPTION));
  g_assert_true (lk_trainer_has_feature (portrait, LK_TRAINER_FEATURE_AUTO_CROP));
  g_assert_true (lk_trainer_has_feature (portrait, LK_TRAINER_FEATURE_MASKS));
  g_assert_true (lk_trainer_has_feature (portrait, LK_TRAINER_FEATURE_MULTIRESOLUTION));
  g_assert_false (lk_trainer_has_feature (portrait, LK_TRAINER_FEATURE_AUTOCAPTION));

  g_assert_true (g_strv_equal (lk_trainer_get_modes (pro), pro_modes));
  g_assert_cmpstr (lk_trainer_get_modes_label (pro), ==, "character, style, product, general");
  g_assert_cmpstr (lk_trainer_get_modes_label (portrait), ==, "portrait (fixed)");
  g_assert_cmpstr (lk_trainer_get_purpose (pro), ==, "Universal training");
  g_assert_cmpstr (lk_trainer_get_purpose (portrait), ==, "Portraits of people");
  g_assert_cmpstr (lk_trainer_get_kinds_label (pro), ==, "Full + LoRA");
  g_assert_cmpstr (lk_trainer_get_kinds_label (portrait), ==, "LoRA only");
}

static void
test_inputs_outputs_prices (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  static const struct {
    const char *id;
    const char *dataset;
    const char *trigger;
    const char *steps;
    const char *inference;
    LkPriceModel price;
    double usd_1000;
    guint min_images;
  } expected[] = {
    { PRO, "data_url", "trigger_word", "iterations", "fal-ai/flux-pro/v1.1-ultra-finetuned", LK_PRICE_UNKNOWN, -1, 10 },
    { PORTRAIT, "images_data_url", "trigger_phrase", "steps", "fal-ai/flux-lora", LK_PRICE_UNKNOWN, -1, 10 },
    { FAST, "images_data_url", "trigger_word", "steps", "fal-ai/flux-lora", LK_PRICE_PER_RUN, 2.0, 4 },
    { TURBO, "images_data_url", "trigger_phrase", "steps", "fal-ai/flux-lora", LK_PRICE_PER_1000_STEPS, 2.4, 10 },
    { FLUX2, "image_data_url", NULL, "steps", "fal-ai/flux-2/lora", LK_PRICE_PER_STEP, 6.4, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      LkTrainer *trainer = lk_catalog_lookup_trainer (catalog, expected[i].id);
      LkTrainerField *field;
      double usd = -1;

      g_assert_cmpstr (lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_DATASET_URL), ==, expected[i].dataset);
      g_assert_cmpstr (lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_TRIGGER), ==, expected[i].trigger);
      g_assert_cmpstr (lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_STEPS), ==, expected[i].steps);
      g_assert_cmpstr (lk_trainer_get_inference_endpoint (trainer), ==, expected[i].inference);
      g_assert_cmpint (lk_trainer_get_price_model (trainer), ==, expected[i].price);
      g_assert_nonnull (lk_trainer_get_price_note (trainer));
      if (expected[i].usd_1000 < 0)
        g_assert_false (lk_trainer_estimate_cost (trainer, 1000, &usd));
      else
        {
          g_assert_true (lk_trainer_estimate_cost (trainer, 1000, &usd));
          g_assert_cmpfloat_with_epsilon (usd, expected[i].usd_1000, 1e-9);
          g_assert_true (lk_trainer_estimate_cost (trainer, 500, &usd));
          g_assert_cmpfloat_with_epsilon (usd, expected[i].usd_1000 / 2, 1e-9);
        }
      g_assert_cmpuint (lk_trainer_get_min_images (trainer), ==, expected[i].min_images);
      g_assert_cmpuint (lk_trainer_get_recommended_images (trainer), ==, 10);
      g_assert_cmpstr (lk_trainer_get_archive_format (trainer), ==, "zip");
      g_assert_true (g_strv_contains (lk_trainer_get_image_extensions (trainer), "webp"));

      field = lk_trainer_lookup_field (trainer, expected[i].dataset);
      g_assert_nonnull (field);
      g_assert_true (lk_trainer_field_is_required (field));
      g_assert_cmpint (lk_trainer_field_get_field_type (field), ==, LK_FIELD_TYPE_URL);
      g_assert_nonnull (lk_trainer_field_get_label (field));
      g_assert_nonnull (lk_trainer_field_get_help (field));
    }

  /* fal requires finetune_comment on the pro trainer although the seed omits it. */
  g_assert_true (lk_trainer_field_is_required (lk_trainer_lookup_field (lk_catalog_lookup_trainer (catalog, PRO),
                                                                        "finetune_comment")));
  g_assert_true (g_strv_contains (lk_trainer_get_outputs (lk_catalog_lookup_trainer (catalog, PRO)), "finetune_id"));
  g_assert_true (g_strv_contains (lk_trainer_get_outputs (lk_catalog_lookup_trainer (catalog, PORTRAIT)),
                                  "diffusers_lora_file"));
}

/* Each preset's values as the seed writes them, in GVariant text form. */
static const struct {
  const char *id;
  const char *trainer;
  const char *name;
  const char *values;
} seed_presets[] = {
  { "portrait-optimal", PORTRAIT, "Optimal settings for portraits",
    "{'steps': <int64 1000>, 'learning_rate': <0.0002>, 'subject_crop': <true>, 'create_masks': <true>, 'multiresolution_training': <true>}" },
  { "portrait-fast", PORTRAIT, "For fast prototyping",
    "{'steps': <int64 500>, 'learning_rate': <0.0003>, 'subject_crop': <true>}" },
  { "portrait-quality", PORTRAIT, "For maximum quality",
    "{'steps': <int64 2500>, 'learning_rate': <0.0001>, 'subject_crop': <true>, 'create_masks': <true>, 'multiresolution_training': <true>}" },
  { "portrait-production", PORTRAIT, "For production",
    "{'steps': <int64 1500>, 'learning_rate': <0.00015>, 'subject_crop': <true>, 'create_masks': <true>}" },
  { "general-optimal", PRO, "Optimal settings for styles",
    "{'iterations': <int64 500>, 'learning_rate': <1e-4>, 'finetune_type': <'lora'>, 'lora_rank': <int64 32>, 'priority': <'quality'>, 'captioning': <true>}" },
  { "general-fast", PRO, "For fast prototyping",
    "{'iterations': <int64 200>, 'learning_rate': <2e-4>, 'priority': <'speed'>}" },
  { "general-quality", PRO, "For maximum quality",
    "{'iterations': <int64 1000>, 'learning_rate': <5e-5>, 'priority': <'quality'>, 'lora_rank': <int64 32>}" },
  { "general-production", PRO, "For production",
    "{'iterations': <int64 600>, 'learning_rate': <8e-5>, 'priority': <'quality'>, 'lora_rank': <int64 32>}" },
  /* The live fallback: iterations → steps; the rest has no input there. */
  { "fallback-optimal", FAST, "Optimal settings for styles", "{'steps': <int64 500>}" },
  { "fallback-fast", FAST, "For fast prototyping", "{'steps': <int64 200>}" },
  { "fallback-quality", FAST, "For maximum quality", "{'steps': <int64 1000>}" },
  { "fallback-production", FAST, "For production", "{'steps': <int64 600>}" },
  { "turbo-defaults", TURBO, "fal's defaults", "@a{sv} {}" },
  { "flux2-defaults", FLUX2, "fal's defaults", "@a{sv} {}" },
};

static void
assert_values_equal (GVariant   *actual,
                     const char *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) expected = g_variant_parse (G_VARIANT_TYPE_VARDICT, expected_text, NULL, NULL, &error);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (actual), ==, g_variant_n_children (expected));

  g_variant_iter_init (&iter, expected);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) got = g_variant_lookup_value (actual, key, NULL);

      if (got == NULL || !g_variant_equal (got, value))
        g_error ("%s: expected %s, got %s", key, g_variant_print (value, TRUE),
                 got ? g_variant_print (got, TRUE) : "nothing");
    }
}

static void
test_presets (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  GListModel *presets = lk_catalog_get_presets (catalog);

  g_assert_cmpuint (g_list_model_get_n_items (presets), ==, G_N_ELEMENTS (seed_presets));

  for (guint i = 0; i < G_N_ELEMENTS (seed_presets); i++)
    {
      LkPreset *preset = lk_catalog_lookup_preset (catalog, seed_presets[i].id);
      g_autofree char *cost = NULL;

      g_assert_nonnull (preset);
      g_assert_cmpstr (lk_preset_get_trainer_id (preset), ==, seed_presets[i].trainer);
      g_assert_cmpstr (lk_preset_get_name (preset), ==, seed_presets[i].name);
      g_assert_cmpint (lk_preset_get_source (preset), ==, LK_PRESET_SOURCE_BUILTIN);
      g_assert_nonnull (lk_preset_get_purpose (preset));
      assert_values_equal (lk_preset_get_values (preset), seed_presets[i].values);
      g_assert_true (lk_catalog_validate_preset (catalog, preset, NULL));

      cost = lk_catalog_dup_preset_cost_line (catalog, preset);
      g_assert_nonnull (cost);
    }

  /* Cost lines: priced trainers give the sum, the others say why not. */
  {
    g_autofree char *fast = lk_catalog_dup_preset_cost_line (catalog, lk_catalog_lookup_preset (catalog, "fallback-optimal"));
    g_autofree char *portrait = lk_catalog_dup_preset_cost_line (catalog, lk_catalog_lookup_preset (catalog, "portrait-fast"));
    g_autofree char *turbo = lk_catalog_dup_preset_cost_line (catalog, lk_catalog_lookup_preset (catalog, "turbo-defaults"));

    g_assert_cmpstr (fast, ==, "Costs about $1.00 for 500 steps.");
    g_assert_cmpstr (turbo, ==, "Costs about $2.40 for 1000 steps.");
    g_assert_cmpstr (portrait, ==, "Cost unknown: fal publishes no price for this trainer.");
  }

  /* The mapping says what it leaves out. */
  {
    LkPreset *mapped = lk_catalog_lookup_preset (catalog, "fallback-optimal");
    const char * const *notes = lk_preset_get_notes (mapped);
    g_autofree char *joined = g_strjoinv ("\n", (char **) notes);

    g_assert_cmpuint (g_strv_length ((char **) notes), ==, 5);
    g_assert_nonnull (strstr (joined, "“learning_rate” is not sent"));
    g_assert_nonnull (strstr (joined, "“lora_rank” is not sent"));
    g_assert_nonnull (strstr (joined, "“priority” is not sent"));
    g_assert_nonnull (strstr (joined, "“finetune_type” is not sent"));
    g_assert_nonnull (strstr (joined, "“captioning” is not sent"));
    g_assert_cmpuint (g_strv_length ((char **) lk_preset_get_notes (lk_catalog_lookup_preset (catalog, "portrait-fast"))), ==, 0);
  }

  {
    g_autoptr(GListModel) portrait = lk_catalog_dup_presets_for_trainer (catalog, PORTRAIT);
    g_assert_cmpuint (g_list_model_get_n_items (portrait), ==, 4);
    g_assert_cmpstr (lk_preset_get_id (lk_catalog_get_optimal_preset (catalog, PORTRAIT)), ==, "portrait-optimal");
    g_assert_cmpstr (lk_preset_get_id (lk_catalog_get_optimal_preset (catalog, PRO)), ==, "general-optimal");
    g_assert_cmpstr (lk_preset_get_id (lk_catalog_get_optimal_preset (catalog, FAST)), ==, "fallback-optimal");
    g_assert_null (lk_catalog_get_optimal_preset (catalog, TURBO));
  }
}

/* Every translatable string of the JSON must be in lk-catalog-strings.c,
 * or xgettext never sees it. */
static void
check_strings (JsonNode   *node,
               const char *member)
{
  static const char * const translatable[] = {
    "type", "specialisation", "purpose", "kinds_label", "availability_message", "learning_rate_label",
    "modes_label", "quality", "speed", "flexibility", "note", "label", "help", "drop", "name", NULL
  };

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *child;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &child, &value))
        check_strings (value, child);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_strings (json_array_get_element (array, i), member);
    }
  else if (member != NULL && g_strv_contains (translatable, member) &&
           JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      /* Input names and types are not text for people. */
      if ((g_str_equal (member, "name") || g_str_equal (member, "type")) &&
          g_regex_match_simple ("^[a-z_0-9]+$", text, 0, 0))
        return;
      /* Trainer names are product names. */
      if (g_str_has_prefix (text, "FLUX") || g_str_has_prefix (text, "Turbo FLUX"))
        return;
      if (!_lk_catalog_string_is_listed (text))
        g_error ("“%s” (%s) is not listed in lk-catalog-strings.c", text, member);
    }
}

static void
test_strings_listed (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint n_listed;

  bytes = g_resource_lookup_data (lk_core_get_resource (), "/io/github/likeness/Likeness/core/catalog/trainers.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  check_strings (json_parser_get_root (parser), NULL);

  _lk_catalog_listed_strings (&n_listed);
  g_assert_cmpuint (n_listed, >, 90);
}

static void
test_trigger (void)
{
  g_autoptr(GRegex) regex = g_regex_new ("^TOK_[0-9a-f]{8}$", 0, 0, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *from_id = lk_trigger_for_id ("1A2B3C4D-5e6f-4000-8000-1234567890ab");

  for (guint i = 0; i < 200; i++)
    {
      char *trigger = lk_trigger_new ();

      g_assert_true (g_regex_match (regex, trigger, 0, NULL));
      g_assert_true (lk_trigger_is_valid (trigger));
      g_hash_table_add (seen, trigger);
    }
  g_assert_cmpuint (g_hash_table_size (seen), >, 190);

  /* The seed's f"TOK_{avatar_id.hex[:8]}". */
  g_assert_cmpstr (from_id, ==, "TOK_1a2b3c4d");
  g_assert_null (lk_trigger_for_id ("12-34"));
  g_assert_false (lk_trigger_is_valid ("TOK_1A2B3C4D"));
  g_assert_false (lk_trigger_is_valid ("TOK_1a2b3c4"));
  g_assert_false (lk_trigger_is_valid ("TOK_1a2b3c4d5"));
  g_assert_false (lk_trigger_is_valid ("TOK_person"));
  g_assert_false (lk_trigger_is_valid ("tok_1a2b3c4d"));
  g_assert_false (lk_trigger_is_valid (NULL));
}

static void
test_recommendation (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  static const struct {
    LkSubjectType subject;
    const char *seed_trainer;
    const char *trainer;
    const char *mode;
    const char *preset;
  } expected[] = {
    { LK_SUBJECT_PORTRAIT, PORTRAIT, PORTRAIT, NULL, "portrait-optimal" },
    { LK_SUBJECT_STYLE, PRO, FAST, "style", "fallback-optimal" },
    { LK_SUBJECT_PRODUCT, PRO, FAST, "product", "fallback-optimal" },
    { LK_SUBJECT_GENERAL, PRO, FAST, "general", "fallback-optimal" },
  };

  /* The seed's service: avatar type → model type. */
  g_assert_cmpint (lk_subject_type_from_avatar_type ("character"), ==, LK_SUBJECT_PORTRAIT);
  g_assert_cmpint (lk_subject_type_from_avatar_type ("style"), ==, LK_SUBJECT_STYLE);
  g_assert_cmpint (lk_subject_type_from_avatar_type ("product"), ==, LK_SUBJECT_PRODUCT);
  g_assert_cmpint (lk_subject_type_from_avatar_type ("interior"), ==, LK_SUBJECT_GENERAL);
  g_assert_cmpint (lk_subject_type_from_avatar_type (NULL), ==, LK_SUBJECT_GENERAL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LkRecommendation) rec = lk_recommendation_new (catalog, expected[i].subject);

      g_assert_cmpstr (lk_trainer_get_id (lk_recommendation_get_seed_trainer (rec)), ==, expected[i].seed_trainer);
      g_assert_cmpstr (lk_trainer_get_id (lk_recommendation_get_trainer (rec)), ==, expected[i].trainer);
      g_assert_cmpstr (lk_recommendation_get_mode (rec), ==, expected[i].mode);
      g_assert_cmpstr (lk_preset_get_id (lk_recommendation_get_preset (rec)), ==, expected[i].preset);
      g_assert_cmpint (lk_recommendation_is_fallback (rec), ==, expected[i].subject != LK_SUBJECT_PORTRAIT);
      if (lk_recommendation_is_fallback (rec))
        g_assert_nonnull (strstr (lk_recommendation_get_reason (rec), "deprecated"));
      g_assert_finalize_object (g_steal_pointer (&rec));
    }
}

static void
test_mode_mapping (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  LkTrainer *pro = lk_catalog_lookup_trainer (catalog, PRO);
  LkTrainer *fast = lk_catalog_lookup_trainer (catalog, FAST);
  const char *modes[] = { "style", "product", "general" };

  /* The seed's mode_mapping: STYLE → style, PRODUCT → product, GENERAL → general. */
  g_assert_cmpstr (lk_subject_type_to_mode (LK_SUBJECT_STYLE), ==, "style");
  g_assert_cmpstr (lk_subject_type_to_mode (LK_SUBJECT_PRODUCT), ==, "product");
  g_assert_cmpstr (lk_subject_type_to_mode (LK_SUBJECT_GENERAL), ==, "general");
  g_assert_null (lk_subject_type_to_mode (LK_SUBJECT_PORTRAIT));

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *pro_json = lk_trainer_build_input (pro, NULL, NULL, modes[i], "https://x.test/a.zip", "TOK_0123abcd", &error);
      g_autofree char *fast_json = NULL;
      g_autofree char *want_mode = g_strdup_printf ("\"mode\":\"%s\"", modes[i]);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (pro_json, want_mode));

      fast_json = lk_trainer_build_input (fast, NULL, NULL, modes[i], "https://x.test/a.zip", "TOK_0123abcd", &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (fast_json, g_str_equal (modes[i], "style") ? "\"is_style\":true" : "\"is_style\":false"));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = lk_trainer_build_input (lk_catalog_lookup_trainer (catalog, PORTRAIT), NULL, NULL,
                                                    "style", "https://x.test/a.zip", NULL, &error);
    g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE);
    g_assert_null (json);
  }
}

static void
assert_invalid (LkTrainer   *trainer,
                const char  *values_text,
                int          code,
                const char  *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) values = g_variant_parse (G_VARIANT_TYPE_VARDICT, values_text, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (lk_trainer_validate_values (trainer, values, &error));
  g_assert_error (error, LK_CATALOG_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected_message);
}

static void
test_validation (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  LkTrainer *portrait = lk_catalog_lookup_trainer (catalog, PORTRAIT);
  LkTrainer *pro = lk_catalog_lookup_trainer (catalog, PRO);

  assert_invalid (portrait, "{'steps': <int64 20000>}", LK_CATALOG_ERROR_OUT_OF_RANGE,
                  "“steps” must be between 1 and 10000; got 20000.");
  assert_invalid (portrait, "{'steps': <int64 0>}", LK_CATALOG_ERROR_OUT_OF_RANGE,
                  "“steps” must be between 1 and 10000; got 0.");
  assert_invalid (portrait, "{'steps': <'many'>}", LK_CATALOG_ERROR_WRONG_TYPE,
                  "“steps” must be a whole number; got “many”.");
  assert_invalid (portrait, "{'steps': <1000.5>}", LK_CATALOG_ERROR_WRONG_TYPE,
                  "“steps” must be a whole number; got 1000.5.");
  assert_invalid (portrait, "{'learning_rate': <0.5>}", LK_CATALOG_ERROR_OUT_OF_RANGE,
                  "“learning_rate” must be between 1e-06 and 0.01; got 0.5.");
  assert_invalid (portrait, "{'subject_crop': <'yes'>}", LK_CATALOG_ERROR_WRONG_TYPE,
                  "“subject_crop” must be true or false; got “yes”.");
  assert_invalid (portrait, "{'iterations': <int64 500>}", LK_CATALOG_ERROR_UNKNOWN_FIELD,
                  "“iterations” is not an input of fal-ai/flux-lora-portrait-trainer.");
  assert_invalid (portrait, "{'images_data_url': <'ftp://x/y.zip'>}", LK_CATALOG_ERROR_OUT_OF_RANGE,
                  "“images_data_url” must be an http or https URL; got “ftp://x/y.zip”.");
  assert_invalid (pro, "{'priority': <'fast'>}", LK_CATALOG_ERROR_OUT_OF_RANGE,
                  "“priority” must be one of speed, quality, high_res_only; got “fast”.");
  assert_invalid (pro, "{'lora_rank': <int64 64>}", LK_CATALOG_ERROR_OUT_OF_RANGE,
                  "“lora_rank” must be one of 16, 32; got 64.");
  assert_invalid (pro, "{'iterations': <int64 50>}", LK_CATALOG_ERROR_OUT_OF_RANGE,
                  "“iterations” must be between 100 and 10000; got 50.");

  /* A whole number is a fine learning rate. */
  {
    g_autoptr(GVariant) ok = g_variant_parse (G_VARIANT_TYPE_VARDICT, "{'learning_rate': <int64 0>}", NULL, NULL, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (lk_trainer_validate_values (portrait, ok, &error));
    g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE);
  }

  /* Required inputs are checked when the body is built. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = lk_trainer_build_input (portrait, NULL, NULL, NULL, NULL, NULL, &error);

    g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MISSING_FIELD);
    g_assert_cmpstr (error->message, ==, "“images_data_url” is required.");
    g_assert_null (json);
  }
}

/* Every trainer × preset gives a body that names only schema inputs, carries
 * the dataset and trigger under the trainer's own names, and validates. */
static void
test_build_input (void)
{
  g_autoptr(LkCatalog) catalog = load_catalog ();
  GListModel *presets = lk_catalog_get_presets (catalog);
  const char *url = "https://v3.fal.media/files/koala/Ab12Cd34.zip";
  const char *trigger = "TOK_1a2b3c4d";
  guint n = g_list_model_get_n_items (presets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkPreset) preset = g_list_model_get_item (presets, i);
      LkTrainer *trainer = lk_catalog_lookup_trainer (catalog, lk_preset_get_trainer_id (preset));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *json = NULL;
      const char *dataset_name = lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_DATASET_URL);
      const char *trigger_name = lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_TRIGGER);
      const char *mode = g_strv_length ((char **) lk_trainer_get_modes (trainer)) > 1 ? "style" : NULL;
      JsonObject *body;
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;
      GVariantIter values;
      const char *key;
      GVariant *value;

      json = lk_catalog_build_input (catalog, preset, NULL, mode, url, trigger, &error);
      g_assert_no_error (error);
      json_parser_load_from_data (parser, json, -1, &error);
      g_assert_no_error (error);
      body = json_node_get_object (json_parser_get_root (parser));

      g_assert_cmpstr (json_object_get_string_member (body, dataset_name), ==, url);
      if (trigger_name != NULL)
        g_assert_cmpstr (json_object_get_string_member (body, trigger_name), ==, trigger);
      else
        g_assert_cmpstr (json_object_get_string_member (body, "default_caption"), ==, trigger);

      /* Only schema inputs, each valid. */
      json_object_iter_init (&iter, body);
      while (json_object_iter_next (&iter, &member, &node))
        {
          LkTrainerField *field = lk_trainer_lookup_field (trainer, member);
          g_autoptr(GVariant) checked = NULL;

          g_assert_nonnull (field);
          checked = lk_trainer_field_validate (field, _lk_json_node_to_variant (node), &error);
          g_assert_no_error (error);
        }

      /* Every preset value arrives unchanged. */
      g_variant_iter_init (&values, lk_preset_get_values (preset));
      while (g_variant_iter_loop (&values, "{&sv}", &key, &value))
        {
          g_autoptr(GVariant) sent = _lk_json_node_to_variant (json_object_get_member (body, key));

          g_assert_nonnull (sent);
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
            g_assert_cmpfloat (g_variant_get_double (sent), ==, g_variant_get_double (value));
          else
            g_assert_true (g_variant_equal (sent, value));
        }
    }

  /* The seed's adapter always sends these for the pro trainer, and the
   * comment fal requires. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = lk_catalog_build_input (catalog, lk_catalog_lookup_preset (catalog, "general-fast"),
                                                    NULL, "product", url, trigger, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (json, "\"finetune_type\":\"lora\""));
    g_assert_nonnull (strstr (json, "\"captioning\":true"));
    g_assert_nonnull (strstr (json, "\"priority\":\"speed\""));
    g_assert_nonnull (strstr (json, "\"finetune_comment\":\"Likeness TOK_1a2b3c4d\""));
    g_assert_nonnull (strstr (json, "\"mode\":\"product\""));
  }

  /* Overrides win, and are validated. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) overrides = g_variant_parse (G_VARIANT_TYPE_VARDICT, "{'steps': <int64 1200>}", NULL, NULL, NULL);
    g_autoptr(GVariant) bad = g_variant_parse (G_VARIANT_TYPE_VARDICT, "{'steps': <int64 99999>}", NULL, NULL, NULL);
    g_autofree char *json = lk_catalog_build_input (catalog, lk_catalog_lookup_preset (catalog, "portrait-fast"),
                                                    overrides, NULL, url, trigger, &error);
    g_autofree char *rejected = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (strstr (json, "\"steps\":1200"));
    rejected = lk_catalog_build_input (catalog, lk_catalog_lookup_preset (catalog, "portrait-fast"),
                                       bad, NULL, url, trigger, &error);
    g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_OUT_OF_RANGE);
    g_assert_null (rejected);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/catalog/trainers", test_trainers);
  g_test_add_func ("/likeness/catalog/seed-overview", test_seed_overview);
  g_test_add_func ("/likeness/catalog/seed-table-values", test_seed_table_values);
  g_test_add_func ("/likeness/catalog/inputs-outputs-prices", test_inputs_outputs_prices);
  g_test_add_func ("/likeness/catalog/presets", test_presets);
  g_test_add_func ("/likeness/catalog/strings-listed", test_strings_listed);
  g_test_add_func ("/likeness/catalog/trigger", test_trigger);
  g_test_add_func ("/likeness/catalog/recommendation", test_recommendation);
  g_test_add_func ("/likeness/catalog/mode-mapping", test_mode_mapping);
  g_test_add_func ("/likeness/catalog/validation", test_validation);
  g_test_add_func ("/likeness/catalog/build-input", test_build_input);

  return g_test_run ();
}
