/* likeness-cli-catalog.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli trainers`, `compare`, `presets` and `preset export|import`.
 */

#define G_LOG_DOMAIN "likeness-cli-catalog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lk-core.h"

#include "likeness-cli.h"

#define MAX_CELL_WIDTH 30

static LkCatalog *
load_catalog (void)
{
  g_autoptr(GError) error = NULL;
  LkCatalog *catalog = lk_catalog_new (&error);

  if (catalog == NULL)
    /* Translators: %s is an error message. */
    g_printerr (_("Cannot read the trainer catalog: %s\n"), error->message);
  return catalog;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Terminal columns a character takes: wide ones (emoji, CJK) take two. */
static guint
display_width_char (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  if (g_unichar_iszerowidth (c) || c == 0xFE0F)
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += display_width_char (p);
  return width;
}

/* Splits @text into lines of at most @width columns, at spaces where it can. */
static GPtrArray *
wrap (const char *text,
      guint       width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (line->len > 0 && display_width (line->str) + 1 + display_width (word) > width)
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
        }

      /* A word longer than a line is cut. */
      while (display_width (word) > width)
        {
          const char *p = word;
          guint used = 0;

          const char *cut = NULL;

          while (*p != '\0' && used + display_width_char (p) <= width)
            {
              used += display_width_char (p);
              if (*p == '/' || *p == '-')
                cut = p + 1;
              p = g_utf8_next_char (p);
            }
          /* Prefer to cut after a slash or hyphen (endpoint ids). */
          if (cut != NULL && cut < p)
            p = cut;
          g_ptr_array_add (lines, g_strndup (word, p - word));
          word = p;
        }

      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, word);
    }
  if (line->len > 0 || lines->len == 0)
    g_ptr_array_add (lines, g_strdup (line->str));

  return lines;
}

static void
print_padded (const char *text,
              guint       width)
{
  guint used = display_width (text);

  fputs (text, stdout);
  for (guint i = used; i < width; i++)
    fputc (' ', stdout);
}

static const char *
short_id (const char *trainer_id)
{
  return g_str_has_prefix (trainer_id, "fal-ai/") ? trainer_id + strlen ("fal-ai/") : trainer_id;
}

static const char *
section_title (LkComparisonSection section)
{
  switch (section)
    {
    case LK_COMPARISON_SECTION_OVERVIEW:
      return _("Overview");
    case LK_COMPARISON_SECTION_SEED:
      return _("Detailed comparison");
    case LK_COMPARISON_SECTION_COMPUTED:
    default:
      return _("For this run");
    }
}

static void
print_comparison (LkComparison *comparison)
{
  GListModel *rows = G_LIST_MODEL (comparison);
  guint n_rows = g_list_model_get_n_items (rows);
  guint n_columns = lk_comparison_get_n_columns (comparison);
  g_autofree guint *widths = g_new0 (guint, n_columns);
  guint label_width = 0;
  int last_section = -1;

  for (guint c = 0; c < n_columns; c++)
    widths[c] = display_width (short_id (lk_trainer_get_id (lk_comparison_get_column (comparison, c))));

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(LkComparisonRow) row = g_list_model_get_item (rows, r);

      label_width = MAX (label_width, MIN (display_width (lk_comparison_row_get_label (row)), MAX_CELL_WIDTH));
      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], MIN (display_width (lk_comparison_row_get_cell (row, c)), MAX_CELL_WIDTH));
    }

  print_padded ("", label_width);
  for (guint c = 0; c < n_columns; c++)
    {
      fputs (" │ ", stdout);
      print_padded (short_id (lk_trainer_get_id (lk_comparison_get_column (comparison, c))), widths[c]);
    }
  fputc ('\n', stdout);

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(LkComparisonRow) row = g_list_model_get_item (rows, r);
      g_autoptr(GPtrArray) label = wrap (lk_comparison_row_get_label (row), label_width);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      guint height = label->len;

      if ((int) lk_comparison_row_get_section (row) != last_section)
        {
          last_section = lk_comparison_row_get_section (row);
          printf ("\n%s\n", section_title (last_section));
        }

      for (guint c = 0; c < n_columns; c++)
        {
          GPtrArray *lines = wrap (lk_comparison_row_get_cell (row, c), widths[c]);

          height = MAX (height, lines->len);
          g_ptr_array_add (cells, lines);
        }

      for (guint line = 0; line < height; line++)
        {
          print_padded (line < label->len ? g_ptr_array_index (label, line) : "", label_width);
          for (guint c = 0; c < n_columns; c++)
            {
              GPtrArray *lines = g_ptr_array_index (cells, c);

              fputs (" │ ", stdout);
              print_padded (line < lines->len ? g_ptr_array_index (lines, line) : "", widths[c]);
            }
          fputc ('\n', stdout);
        }
    }
}

int
lk_cli_compare (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(LkComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) trainers = NULL;
  gboolean json = FALSE;
  int images = 0;
  int steps = 0;
  const GOptionEntry entries[] = {
    { "images", 'n', 0, G_OPTION_ARG_INT, &images, N_("Number of images in the dataset"), N_("N") },
    { "steps", 's', 0, G_OPTION_ARG_INT, &steps, N_("Training steps for every trainer"), N_("S") },
    { "trainer", 't', 0, G_OPTION_ARG_STRING_ARRAY, &trainers, N_("Compare this trainer (repeatable)"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Compare trainers side by side: the seed document’s table, "
                                           "then price and time for your dataset."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return LK_CLI_EXIT_USAGE;
  if (argc > 1 || images < 0 || steps < 0 || steps > 100000)
    {
      g_printerr ("%s\n", _("--images and --steps take a whole number of zero or more; no other arguments."));
      return LK_CLI_EXIT_USAGE;
    }

  catalog = load_catalog ();
  if (catalog == NULL)
    return LK_CLI_EXIT_FAILURE;

  comparison = lk_comparison_new (catalog, (const char * const *) trainers, images, steps, &error);
  if (comparison == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LK_CLI_EXIT_USAGE;
    }

  if (json)
    {
      g_autofree char *text = lk_comparison_dup_json (comparison);
      printf ("%s\n", text);
    }
  else
    print_comparison (comparison);

  return LK_CLI_EXIT_OK;
}

static char *
format_values (GVariant *values)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autofree char *shown = lk_format_value (value);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s = %s", key, shown);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
lk_cli_trainers (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  GListModel *trainers;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the fal trainers Likeness knows, with their inputs and prices."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return LK_CLI_EXIT_USAGE;

  catalog = load_catalog ();
  if (catalog == NULL)
    return LK_CLI_EXIT_FAILURE;

  if (json)
    {
      g_autofree char *text = lk_catalog_dup_trainers_json (catalog);
      printf ("%s\n", text);
      return LK_CLI_EXIT_OK;
    }

  trainers = lk_catalog_get_trainers (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (trainers); i++)
    {
      g_autoptr(LkTrainer) trainer = g_list_model_get_item (trainers, i);
      GListModel *fields = lk_trainer_get_fields (trainer);
      g_autoptr(GString) inputs = g_string_new (NULL);
      double usd;

      printf ("%s — %s\n", lk_trainer_get_id (trainer), lk_trainer_get_name (trainer));
      printf ("  %s: %s\n", _("Specialisation"), lk_trainer_get_specialisation (trainer));
      if (lk_trainer_get_availability (trainer) == LK_TRAINER_AVAILABLE)
        printf ("  %s: %s\n", _("Availability"), _("Available"));
      else
        printf ("  %s: %s %s\n", _("Availability"), _("Deprecated."), lk_trainer_get_availability_message (trainer));

      if (lk_trainer_estimate_cost (trainer, 1000, &usd))
        {
          g_autofree char *money = lk_format_usd (usd);

          /* Translators: %s is an amount such as “$2.00”; the price note follows. */
          printf ("  %s: ", _("Price"));
          printf (_("%s for 1000 steps"), money);
          printf (" (%s)\n", lk_trainer_get_price_note (trainer));
        }
      else
        printf ("  %s: %s\n", _("Price"), lk_trainer_get_price_note (trainer));

      printf ("  %s: %s\n", _("Try the result with"), lk_trainer_get_inference_endpoint (trainer));

      for (guint f = 0; f < g_list_model_get_n_items (fields); f++)
        {
          g_autoptr(LkTrainerField) field = g_list_model_get_item (fields, f);

          if (inputs->len > 0)
            g_string_append (inputs, ", ");
          g_string_append (inputs, lk_trainer_field_get_name (field));
          if (lk_trainer_field_is_required (field))
            g_string_append (inputs, "*");
        }
      printf ("  %s: %s\n", _("Inputs (* required)"), inputs->str);
      printf ("  ");
      /* Translators: the first %u is the trainer's minimum number of images, the second how many it recommends. */
      printf (_("Images: at least %u, %u recommended"), lk_trainer_get_min_images (trainer),
              lk_trainer_get_recommended_images (trainer));
      printf ("\n\n");
    }

  return LK_CLI_EXIT_OK;
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Waiter;

static void
waiter_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static GAsyncResult *
waiter_run (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  return waiter->result;
}

static void
waiter_clear (Waiter *waiter)
{
  g_clear_pointer (&waiter->loop, g_main_loop_unref);
  g_clear_object (&waiter->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Waiter, waiter_clear)

#define WAITER_INIT { g_main_loop_new (NULL, FALSE), NULL }

/* Never NULL: a folder that cannot be read is reported and left empty. */
static LkPresetStore *
load_store (LkCatalog *catalog)
{
  g_autoptr(LkPresetStore) store = lk_preset_store_new (catalog, NULL);
  g_auto(Waiter) waiter = WAITER_INIT;
  g_autoptr(GError) error = NULL;
  guint skipped = 0;

  /* Built-in presets stay usable when the user's folder cannot be read. */
  lk_preset_store_load_async (store, NULL, waiter_cb, &waiter);
  if (!lk_preset_store_load_finish (store, waiter_run (&waiter), &skipped, &error))
    {
      /* Translators: %s is an error message. */
      g_printerr (_("Cannot read your presets: %s\n"), error->message);
      return g_steal_pointer (&store);
    }
  if (skipped > 0)
    {
      g_autofree char *path = g_file_get_path (lk_preset_store_get_directory (store));

      /* Translators: %u is a number of files, %s a folder. */
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "Skipped %u unreadable preset file in %s.\n",
                               "Skipped %u unreadable preset files in %s.\n", skipped),
                  skipped, path);
    }
  return g_steal_pointer (&store);
}

static void
append_matching (GListStore *into,
                 GListModel *presets,
                 const char *trainer_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (presets); i++)
    {
      g_autoptr(LkPreset) preset = g_list_model_get_item (presets, i);

      if (trainer_id == NULL || g_strcmp0 (lk_preset_get_trainer_id (preset), trainer_id) == 0)
        g_list_store_append (into, preset);
    }
}

int
lk_cli_presets (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(LkPresetStore) store = NULL;
  g_autoptr(GListStore) presets = g_list_store_new (LK_TYPE_PRESET);
  const char *trainer_id = NULL;
  const char *last_trainer = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[TRAINER]"));
  g_option_context_set_summary (context, _("List the built-in presets and your own, with what each costs."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return LK_CLI_EXIT_USAGE;
  if (argc > 2)
    {
      g_printerr ("%s\n", _("Give at most one trainer."));
      return LK_CLI_EXIT_USAGE;
    }

  catalog = load_catalog ();
  if (catalog == NULL)
    return LK_CLI_EXIT_FAILURE;

  if (argc == 2)
    {
      trainer_id = argv[1];
      if (lk_catalog_lookup_trainer (catalog, trainer_id) == NULL)
        {
          /* Translators: %s is what the user typed as a trainer id. */
          g_printerr (_("There is no trainer “%s”. “likeness-cli trainers” lists them.\n"), trainer_id);
          return LK_CLI_EXIT_USAGE;
        }
    }

  store = load_store (catalog);

  append_matching (presets, lk_catalog_get_presets (catalog), trainer_id);
  append_matching (presets, lk_preset_store_get_presets (store), trainer_id);

  if (json)
    {
      g_autofree char *text = lk_catalog_dup_presets_json (catalog, G_LIST_MODEL (presets));
      printf ("%s\n", text);
      return LK_CLI_EXIT_OK;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (presets)); i++)
    {
      g_autoptr(LkPreset) preset = g_list_model_get_item (G_LIST_MODEL (presets), i);
      g_autofree char *cost = lk_catalog_dup_preset_cost_line (catalog, preset);
      g_autofree char *values = format_values (lk_preset_get_values (preset));
      const char * const *notes = lk_preset_get_notes (preset);

      if (g_strcmp0 (last_trainer, lk_preset_get_trainer_id (preset)) != 0)
        {
          last_trainer = lk_preset_get_trainer_id (preset);
          printf ("%s%s\n", i > 0 ? "\n" : "", last_trainer);
        }

      if (lk_preset_get_source (preset) == LK_PRESET_SOURCE_BUILTIN)
        printf ("  %s — %s\n", lk_preset_get_id (preset), lk_preset_get_name (preset));
      else
        printf ("  %s %s\n", lk_preset_get_name (preset), _("(yours)"));
      if (lk_preset_get_purpose (preset) != NULL)
        printf ("    %s\n", lk_preset_get_purpose (preset));
      printf ("    %s\n", cost);
      printf ("    %s\n", *values ? values : _("fal’s defaults for every input"));
      for (guint n = 0; notes[n] != NULL; n++)
        printf ("    %s\n", notes[n]);
    }

  return LK_CLI_EXIT_OK;
}

static int
preset_export (LkCatalog  *catalog,
               const char *name,
               const char *output)
{
  g_autoptr(LkPresetStore) store = load_store (catalog);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Waiter) waiter = WAITER_INIT;
  LkPreset *preset;

  preset = lk_catalog_lookup_preset (catalog, name);
  if (preset == NULL)
    preset = lk_preset_store_lookup (store, name);
  if (preset == NULL)
    {
      /* Translators: %s is what the user typed as a preset name. */
      g_printerr (_("There is no preset “%s”. “likeness-cli presets” lists them.\n"), name);
      return LK_CLI_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (output);
  lk_preset_store_export_async (store, preset, file, NULL, waiter_cb, &waiter);
  if (!lk_preset_store_export_finish (store, waiter_run (&waiter), &error))
    {
      /* Translators: %s is an error message. */
      g_printerr (_("Cannot export the preset: %s\n"), error->message);
      return LK_CLI_EXIT_FAILURE;
    }

  return LK_CLI_EXIT_OK;
}

static int
preset_import (LkCatalog  *catalog,
               const char *input)
{
  g_autoptr(LkPresetStore) store = load_store (catalog);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPreset) preset = NULL;
  g_auto(Waiter) waiter = WAITER_INIT;

  file = g_file_new_for_commandline_arg (input);
  lk_preset_store_import_async (store, file, NULL, waiter_cb, &waiter);
  preset = lk_preset_store_import_finish (store, waiter_run (&waiter), &error);
  if (preset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LK_CLI_EXIT_FAILURE;
    }

  /* Translators: the first %s is a preset name, the second a trainer id. */
  printf (_("Imported “%s” for %s.\n"), lk_preset_get_name (preset), lk_preset_get_trainer_id (preset));
  return LK_CLI_EXIT_OK;
}

int
lk_cli_preset (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write (export)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("export NAME -o FILE | import FILE"));
  g_option_context_set_summary (context, _("Export a preset (built-in id or your preset’s name) to a JSON file, "
                                           "or import one as your own."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return LK_CLI_EXIT_USAGE;

  if (argc == 3 && g_str_equal (argv[1], "export") && output != NULL)
    {
      catalog = load_catalog ();
      return catalog ? preset_export (catalog, argv[2], output) : LK_CLI_EXIT_FAILURE;
    }
  if (argc == 3 && g_str_equal (argv[1], "import") && output == NULL)
    {
      catalog = load_catalog ();
      return catalog ? preset_import (catalog, argv[2]) : LK_CLI_EXIT_FAILURE;
    }

  g_printerr ("%s\n", _("Usage: likeness-cli preset export NAME -o FILE | likeness-cli preset import FILE"));
  return LK_CLI_EXIT_USAGE;
}
