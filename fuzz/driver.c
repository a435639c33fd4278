/* driver.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without libFuzzer, replays each file given on the command line (or every
 * file of each directory given) through LLVMFuzzerTestOneInput, so the
 * checked-in corpus runs as an ordinary test under gcc.
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      return 1;
    }

  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  guint count = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);

              if (run_file (path) != 0)
                return 1;
              count++;
            }
        }
      else
        {
          if (run_file (argv[i]) != 0)
            return 1;
          count++;
        }
    }

  if (count == 0)
    {
      fprintf (stderr, "no corpus files\n");
      return 1;
    }

  printf ("1..1\nok 1 - replayed %u corpus files\n", count);
  return 0;
}
