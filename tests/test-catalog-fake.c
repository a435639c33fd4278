/* test-catalog-fake.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The submit input the catalog builds for every trainer × preset is accepted
 * by the fake fal's trainer endpoints, which check inputs the way the real
 * runners do (422 for unknown fields, wrong types and out-of-range values).
 * Plain libsoup; LkFalClient is not used here.
 */

#include "config.h"

#include "fake-fal-test-util.h"
#include "lk-core.h"

static void
catalog_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_set_up (f, data);
  /* Input errors answer at submit, so each body is judged right away. */
  g_assert_true (lk_fake_fal_configure (f->fake, "{\"validate_at\":\"submit\",\"reject_unknown_fields\":true}"));
}

static void
test_every_preset_accepted (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (NULL);
  /* The fixture's archive (5 images) is on the fake's CDN; with inputs
   * checked at submit, the image count does not matter here. */
  const char *zip_url = f->zip_url;
  GListModel *presets = lk_catalog_get_presets (catalog);
  guint n = g_list_model_get_n_items (presets);
  guint n_submitted = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkPreset) preset = g_list_model_get_item (presets, i);
      LkTrainer *trainer = lk_catalog_lookup_trainer (catalog, lk_preset_get_trainer_id (preset));
      const char * const *modes = lk_trainer_get_modes (trainer);
      g_autofree char *trigger = lk_trigger_new ();
      guint n_modes = g_strv_length ((char **) modes);

      /* Each mode the trainer has (none: just once). */
      for (guint m = 0; m < MAX (n_modes, 1); m++)
        {
          const char *mode = n_modes > 1 ? modes[m] : NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *input = NULL;
          g_autofree char *url = NULL;
          g_autoptr(Reply) reply = NULL;

          input = lk_catalog_build_input (catalog, preset, NULL, mode, zip_url, trigger, &error);
          g_assert_no_error (error);

          url = g_strdup_printf ("%s/%s", f->q, lk_trainer_get_id (trainer));
          reply = POST_JSON (f, url, input);
          if (reply->status != 200)
            {
              g_autofree char *text = body_text (reply);
              g_error ("%s × %s (%s): HTTP %u %s\nbody sent: %s", lk_trainer_get_id (trainer),
                       lk_preset_get_id (preset), mode ? mode : "-", reply->status, text, input);
            }
          g_assert_nonnull (str (obj (reply), "request_id"));
          n_submitted++;
        }
    }

  /* 14 presets; the pro trainer's four in 4 modes, the fallback's and
   * turbo's in 2. */
  g_assert_cmpuint (n_submitted, ==, 4 + 4 * 4 + 4 * 2 + 1 * 2 + 1);
}

/* The fake does reject what our validator rejects, so the test above can
 * fail. */
static void
test_fake_rejects (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *app;
    const char *body;
    const char *field;
  } cases[] = {
    { "fal-ai/flux-lora-portrait-trainer", "{\"images_data_url\":\"@URL@\",\"steps\":20000}", "steps" },
    { "fal-ai/flux-lora-portrait-trainer", "{\"images_data_url\":\"@URL@\",\"iterations\":500}", "iterations" },
    { "fal-ai/flux-lora-fast-training", "{\"images_data_url\":\"@URL@\",\"learning_rate\":0.0001}", "learning_rate" },
    { "fal-ai/flux-pro-trainer", "{\"data_url\":\"@URL@\",\"finetune_comment\":\"x\",\"lora_rank\":64}", "lora_rank" },
    { "fal-ai/flux-pro-trainer", "{\"data_url\":\"@URL@\"}", "finetune_comment" },
  };
  g_autoptr(LkCatalog) catalog = lk_catalog_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parts = g_strsplit (cases[i].body, "@URL@", -1);
      g_autofree char *body = g_strjoinv (f->zip_url, parts);
      g_autofree char *url = g_strdup_printf ("%s/%s", f->q, cases[i].app);
      g_autofree char *text = NULL;
      g_autofree char *loc = g_strdup_printf ("\"%s\"", cases[i].field);
      g_autoptr(Reply) reply = POST_JSON (f, url, body);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GVariant) values = NULL;
      g_autoptr(GError) error = NULL;
      LkTrainer *trainer = lk_catalog_lookup_trainer (catalog, cases[i].app);
      g_autofree char *built = NULL;

      g_assert_cmpuint (reply->status, ==, 422);
      text = body_text (reply);
      g_assert_nonnull (strstr (text, loc));

      /* Our own check refuses the same body, naming the same field. */
      json_parser_load_from_data (parser, body, -1, &error);
      g_assert_no_error (error);
      values = g_variant_ref_sink (json_gvariant_deserialize (json_parser_get_root (parser), "a{sv}", &error));
      g_assert_no_error (error);
      built = lk_trainer_build_input (trainer, values, NULL, NULL, NULL, NULL, &error);
      if (g_str_equal (cases[i].field, "finetune_comment"))
        {
          /* fal requires it and the seed omits it: the builder fills it in. */
          g_assert_no_error (error);
          g_assert_nonnull (strstr (built, "\"finetune_comment\":\"Likeness\""));
          continue;
        }
      g_assert_null (built);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].field));
    }
}

/* One job the whole way: the fallback trainer with a mapped general preset
 * runs to a result on the default (validate at result) path. */
static void
test_fallback_job_completes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (NULL);
  g_autoptr(LkRecommendation) rec = lk_recommendation_new (catalog, LK_SUBJECT_STYLE);
  g_autofree char *trigger = lk_trigger_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;
  g_autofree char *id = NULL;
  g_autofree char *result_url = NULL;
  g_autoptr(Reply) result = NULL;

  g_assert_true (lk_fake_fal_configure (f->fake, "{\"validate_at\":\"result\"}"));

  input = lk_catalog_build_input (catalog, lk_recommendation_get_preset (rec), NULL,
                                  lk_recommendation_get_mode (rec), f->zip_url, trigger, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (input, "\"is_style\":true"));

  id = submit_json (f, lk_trainer_get_id (lk_recommendation_get_trainer (rec)), input, NULL);
  wait_phase (f, id, "COMPLETED");
  result_url = request_url (f, "fal-ai/flux-lora-fast-training", id, "");
  result = GET (f, result_url);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_nonnull (json_object_get_member (obj (result), "diffusers_lora_file"));
}

int
main (int   argc,
      char *argv[])
{
  /* No desktop proxy settings in a test (and no GSettings schemas). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/likeness/catalog-fake/every-preset-accepted", Fixture, NULL,
              catalog_set_up, test_every_preset_accepted, fixture_tear_down);
  g_test_add ("/likeness/catalog-fake/fake-rejects", Fixture, NULL,
              catalog_set_up, test_fake_rejects, fixture_tear_down);
  g_test_add ("/likeness/catalog-fake/fallback-job-completes", Fixture, NULL,
              catalog_set_up, test_fallback_job_completes, fixture_tear_down);

  return g_test_run ();
}
