/* likeness-cli-jobs.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `likeness-cli jobs`: the job history, newest first, and this month's
 * spending. The CLI may block, so it uses the store's _sync calls.
 */

#define G_LOG_DOMAIN "likeness-cli-jobs"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lk-core.h"

#include "likeness-cli.h"

/* Pads @text with spaces to @width characters (not bytes: phase names are
 * Cyrillic in Russian). */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, "  ");
}

static char *
format_cost (const LkJobRecord *record)
{
  if (record->cost_actual >= 0)
    return g_strdup_printf ("$%.2f", record->cost_actual);

  if (record->cost_estimate >= 0)
    /* Translators: an estimated price in US dollars, as in “~$6.00”. */
    return g_strdup_printf (_("~$%.2f"), record->cost_estimate);

  return g_strdup ("—");
}

static char *
format_created (const LkJobRecord *record)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (record->created);

  if (created == NULL)
    return g_strdup ("—");

  return g_date_time_format (created, "%Y-%m-%d %H:%M");
}

static void
print_jobs (GPtrArray *jobs)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint phase_width = g_utf8_strlen (C_("column", "Phase"), -1);
  guint cost_width = g_utf8_strlen (C_("column", "Cost"), -1);
  guint id_width = g_utf8_strlen (C_("column", "ID"), -1);

  for (guint i = 0; i < jobs->len; i++)
    {
      const LkJobRecord *record = g_ptr_array_index (jobs, i);
      g_autofree char *cost = format_cost (record);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);

      phase_width = MAX (phase_width, g_utf8_strlen (lk_job_phase_get_label (record->phase), -1));
      cost_width = MAX (cost_width, g_utf8_strlen (cost, -1));
      id_width = MAX (id_width, strlen (id));
    }

  append_padded (out, C_("column", "ID"), id_width);
  append_padded (out, C_("column", "Phase"), phase_width);
  append_padded (out, C_("column", "Created"), 16);
  append_padded (out, C_("column", "Cost"), cost_width);
  g_string_append (out, C_("column", "Name"));
  g_string_append_c (out, '\n');

  for (guint i = 0; i < jobs->len; i++)
    {
      const LkJobRecord *record = g_ptr_array_index (jobs, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
      g_autofree char *created = format_created (record);
      g_autofree char *cost = format_cost (record);
      const char *name = record->name != NULL && *record->name != '\0'
                         ? record->name : _("(unnamed)");

      append_padded (out, id, id_width);
      append_padded (out, lk_job_phase_get_label (record->phase), phase_width);
      append_padded (out, created, 16);
      append_padded (out, cost, cost_width);
      g_string_append (out, name);
      if (record->trainer != NULL)
        g_string_append_printf (out, " (%s)", record->trainer);
      g_string_append_c (out, '\n');
    }

  fputs (out->str, stdout);
}

int
lk_cli_jobs (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LkJobStore) store = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  gboolean unfinished = FALSE;
  double spent = 0;
  const GOptionEntry entries[] = {
    { "unfinished", 'u', 0, G_OPTION_ARG_NONE, &unfinished,
      N_("Only jobs that have not ended"), NULL },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only jobs whose name contains TEXT"), N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List training jobs, newest first, and what they "
                                           "cost this month."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return LK_CLI_EXIT_USAGE;
    }

  if (argc > 1)
    {
      /* Translators: %s is an argument the user typed. */
      g_printerr (_("Unexpected argument “%s”.\n"), argv[1]);
      return LK_CLI_EXIT_USAGE;
    }

  if (search != NULL && !g_utf8_validate (search, -1, NULL))
    {
      g_printerr ("%s\n", _("The search text is not valid UTF-8."));
      return LK_CLI_EXIT_USAGE;
    }

  store = lk_job_store_new_sync (NULL, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LK_CLI_EXIT_FAILURE;
    }

  jobs = lk_job_store_list_sync (store,
                                 unfinished ? LK_JOB_LIST_UNFINISHED : LK_JOB_LIST_ALL,
                                 search, NULL, &error);
  if (jobs == NULL || !lk_job_store_month_total_sync (store, NULL, &spent, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return LK_CLI_EXIT_FAILURE;
    }

  if (jobs->len == 0)
    {
      if (search != NULL)
        /* Translators: %s is the search text. */
        printf (_("No jobs match “%s”.\n"), search);
      else if (unfinished)
        printf ("%s\n", _("No unfinished jobs."));
      else
        printf ("%s\n", _("No jobs yet."));
    }
  else
    print_jobs (jobs);

  /* Translators: %.2f is an amount in US dollars. */
  printf (_("Spent this month: $%.2f\n"), spent);

  return LK_CLI_EXIT_OK;
}
