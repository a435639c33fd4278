/* test-training-preferences.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Training page of the preferences: the spending settings follow
 * GSettings both ways, and the presets list follows the preset store.
 */

#include "config.h"

#include "likeness-settings.h"
#include "likeness-test-display.h"
#include "likeness-training-preferences.h"

static GtkWidget *
child (GtkWidget  *page,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (page, LIKENESS_TYPE_TRAINING_PREFERENCES, name));
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);

  return n;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_preset_store_save_finish (LK_PRESET_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_preset_store_delete_finish (LK_PRESET_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_training_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (LIKENESS_SETTINGS_SCHEMA_ID);
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = likeness_training_preferences_new ();
  LkPresetStore *store = likeness_training_preferences_get_presets (LIKENESS_TRAINING_PREFERENCES (page));
  GtkWidget *list = child (page, "presets_list");
  g_autoptr(GVariant) values = NULL;
  g_autoptr(LkPreset) preset = NULL;
  gboolean done = FALSE;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));

  /* The limit's mode is a string in GSettings and a choice on screen. */
  g_settings_set_string (settings, LIKENESS_SETTINGS_SPENDING_CAP_MODE, "block");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (page, "cap_mode_row"))), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (page, "cap_mode_row")), 0);
  g_assert_cmpstr (g_settings_get_string (settings, LIKENESS_SETTINGS_SPENDING_CAP_MODE), ==, "off");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (page, "threshold_spin")), 12.5);
  g_assert_cmpfloat (g_settings_get_double (settings, LIKENESS_SETTINGS_CONFIRM_THRESHOLD), ==, 12.5);
  g_settings_set_int (settings, LIKENESS_SETTINGS_DOWNSCALE_LONG_SIDE, 1024);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (page, "downscale_spin"))), ==, 1024);

  /* The download folder row names the default until one is chosen. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, "folder_row"))),
                                   "Default: "));
  g_settings_set_string (settings, LIKENESS_SETTINGS_DOWNLOAD_FOLDER, "/tmp/likeness-models");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, "folder_row"))), ==,
                   "/tmp/likeness-models");

  /* A saved preset appears in the list, and leaves it when deleted. */
  g_assert_cmpuint (count_rows (list), ==, 0);
  values = g_variant_ref_sink (g_variant_new_parsed ("{'steps': <int64 1500>}"));
  preset = lk_preset_new ("Studio portraits", "fal-ai/flux-lora-portrait-trainer", NULL, values);
  lk_preset_store_save_async (store, preset, NULL, saved_cb, &done);
  LIKENESS_TEST_WAIT_WHILE (!done);
  LIKENESS_TEST_WAIT_WHILE (count_rows (list) != 1);
  g_assert_true (likeness_test_find_label (list, "Studio portraits"));

  done = FALSE;
  lk_preset_store_delete_async (store, "Studio portraits", NULL, deleted_cb, &done);
  LIKENESS_TEST_WAIT_WHILE (!done);
  LIKENESS_TEST_WAIT_WHILE (count_rows (list) != 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = likeness_test_display_init (&argc, &argv);
  int status;

  g_test_add_func ("/likeness/training-preferences/settings-and-presets", test_training_preferences);

  status = g_test_run ();
  likeness_test_display_shutdown (g_steal_pointer (&home));

  return status;
}
