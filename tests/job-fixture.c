/* job-fixture.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "job-fixture.h"

char *
job_fixture_make_dataset (const char *parent,
                          guint       n_images,
                          guint       side)
{
  g_autofree char *dir = g_build_filename (parent, "dataset", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));

  for (guint i = 0; i < n_images; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, side, side);
      g_autofree char *name = g_strdup_printf ("image-%02u.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);
      guint block = side / 8;

      for (guint by = 0; by < 8; by++)
        for (guint bx = 0; bx < 8; bx++)
          {
            guchar r = g_rand_int_range (rand, 0, 256);
            guchar g = g_rand_int_range (rand, 0, 256);
            guchar b = g_rand_int_range (rand, 0, 256);

            for (guint y = by * block; y < (by + 1) * block; y++)
              for (guint x = bx * block; x < (bx + 1) * block; x++)
                {
                  guchar *p = pixels + y * stride + x * 3;

                  p[0] = r;
                  p[1] = g;
                  p[2] = b;
                }
          }

      gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&dir);
}

static JsonArray *
parse_array (JsonParser *parser,
             const char *json,
             const char *member)
{
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_get_array_member (json_node_get_object (root), member);
}

guint
job_fixture_count_jobs (const char *jobs_json,
                        const char *app)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *jobs = parse_array (parser, jobs_json, "jobs");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonObject *job = json_array_get_object_element (jobs, i);

      if (app == NULL || g_strcmp0 (json_object_get_string_member_with_default (job, "app", NULL), app) == 0)
        n++;
    }
  return n;
}

guint
job_fixture_count_requests (const char *requests_json,
                            const char *listener,
                            const char *method,
                            const char *path_part)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *requests = parse_array (parser, requests_json, "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *path = json_object_get_string_member_with_default (request, "path", "");

      if (g_strcmp0 (json_object_get_string_member_with_default (request, "listener", NULL), listener) == 0 &&
          (method == NULL || g_strcmp0 (json_object_get_string_member_with_default (request, "method", NULL), method) == 0) &&
          (path_part == NULL || strstr (path, path_part) != NULL))
        n++;
    }
  return n;
}

#define WAIT_LIMIT_USEC (30 * G_USEC_PER_SEC)

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Stores the result in the GAsyncResult pointer @user_data points at. */
void
job_fixture_result_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
job_fixture_wait_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  return *slot;
}

void
job_fixture_iterate_until (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

void
job_fixture_set_flag_cb (gpointer  instance,
                         gboolean *flag)
{
  *flag = TRUE;
}
