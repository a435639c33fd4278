/* test-dataset-fal.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A packed dataset is accepted by the fake fal's training endpoint: once
 * uploaded from a file, and once streamed straight from the packer into the
 * upload while it is being written.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lk-core.h"

#include "dataset-fixtures.h"
#include "fake-fal-test-util.h"

#define N_IMAGES 11

static char *
make_dataset (void)
{
  g_autofree char *dir = g_dir_make_tmp ("likeness-fal-XXXXXX", NULL);

  g_assert_nonnull (dir);
  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (640, 520, 900 + i);
      g_autoptr(GBytes) jpeg = fixture_jpeg (pixbuf, 90, i == 0 ? 6 : 1,
                                             FIXTURE_EXIF_ORIENTATION | FIXTURE_EXIF_GPS);
      g_autofree char *name = g_strdup_printf ("me%02u.jpg", i);

      fixture_write (dir, name, jpeg);
    }
  return g_steal_pointer (&dir);
}

static void
remove_dataset (const char *dir)
{
  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autofree char *name = g_strdup_printf ("me%02u.jpg", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

typedef struct
{
  gboolean        done;
  GError         *error;
  LkPackManifest *manifest;
} Wait;

static void
scanned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  lk_dataset_add_files_finish (LK_DATASET (object), result, &w->error);
  w->done = TRUE;
}

static void
packed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->manifest = lk_packer_pack_finish (LK_PACKER (object), result, &w->error);
  w->done = TRUE;
}

static LkDataset *
scan (const char *dir)
{
  LkDataset *dataset = lk_dataset_new ();
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  Wait w = { 0 };

  lk_dataset_add_files_async (dataset, &root, 1, NULL, scanned_cb, &w);
  g_assert_true (fixture_iterate_until (&w.done, 30));
  g_assert_no_error (w.error);
  return dataset;
}

static void
assert_training_accepts (Fixture    *f,
                         const char *file_url)
{
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\","
                                            "\"trigger_phrase\":\"TOK_0a1b2c3d\"}", file_url);
  g_autofree char *id = submit_json (f, "fal-ai/flux-lora-portrait-trainer", input, NULL);
  g_autofree char *result_url = request_url (f, "fal-ai/flux-lora-portrait-trainer", id, "");
  g_autoptr(Reply) result = NULL;
  JsonObject *job;

  wait_phase (f, id, "COMPLETED");
  job = find_job (f, id);
  if (g_strcmp0 (str (job, "outcome"), "success") != 0)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), job);
      g_autofree char *text = json_to_string (node, FALSE);

      g_error ("training failed: %s", text);
    }
  g_assert_cmpint (json_object_get_int_member (job, "n_images"), ==, N_IMAGES);

  result = GET (f, result_url);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_true (json_object_has_member (obj (result), "diffusers_lora_file"));
}

static void
test_upload_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = make_dataset ();
  g_autofree char *zip_path = g_strconcat (dir, ".zip", NULL);
  g_autoptr(GFile) zip_file = g_file_new_for_path (zip_path);
  g_autoptr(LkDataset) dataset = scan (dir);
  g_autoptr(LkPacker) packer = lk_packer_new (G_LIST_MODEL (dataset));
  g_autoptr(GBytes) zip = NULL;
  g_autofree char *file_url = NULL;
  Wait w = { 0 };

  lk_packer_pack_to_file_async (packer, zip_file, NULL, packed_cb, &w);
  g_assert_true (fixture_iterate_until (&w.done, 30));
  g_assert_no_error (w.error);
  g_clear_object (&w.manifest);

  zip = g_file_load_bytes (zip_file, NULL, NULL, NULL);
  g_assert_nonnull (zip);
  file_url = upload_bytes (f, zip, "application/zip");
  assert_training_accepts (f, file_url);

  g_unlink (zip_path);
  remove_dataset (dir);
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &reply->error);
  reply->done = TRUE;
}

static void
test_upload_stream (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = make_dataset ();
  g_autoptr(LkDataset) dataset = scan (dir);
  g_autoptr(LkPacker) packer = lk_packer_new (G_LIST_MODEL (dataset));
  g_autofree char *initiate = url_of (f->r, "/storage/upload/initiate?storage_type=fal-cdn-v3");
  g_autoptr(Reply) init = POST_JSON (f, initiate, "{\"content_type\":\"application/zip\",\"file_name\":\"data.zip\"}");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SoupMessage) put = NULL;
  Reply reply = { 0 };
  Wait w = { 0 };

  g_assert_cmpuint (init->status, ==, 200);

  /* The packer writes while libsoup reads: no file, and no length known in
   * advance, so the body goes out chunked. */
  stream = lk_packer_pack_to_stream_async (packer, NULL, packed_cb, &w);
  put = soup_message_new ("PUT", str (obj (init), "upload_url"));
  soup_message_set_request_body (put, "application/zip", stream, -1);
  soup_session_send_and_read_async (f->session, put, G_PRIORITY_DEFAULT, NULL, put_cb, &reply);

  g_assert_true (fixture_iterate_until (&reply.done, 30));
  g_assert_true (fixture_iterate_until (&w.done, 30));
  g_assert_no_error (reply.error);
  g_assert_no_error (w.error);
  g_assert_cmpuint (soup_message_get_status (put), ==, 200);
  g_assert_true (lk_pack_manifest_is_exact (w.manifest));
  g_clear_object (&w.manifest);
  g_clear_pointer (&reply.body, g_bytes_unref);

  assert_training_accepts (f, str (obj (init), "file_url"));
  g_assert_cmpuint (lk_fake_fal_get_auth_leaks (f->fake), ==, 0);

  remove_dataset (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Loopback only: no proxy lookup (which would need GSettings). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_add ("/likeness/dataset-fal/upload-file", Fixture, NULL,
              fixture_set_up, test_upload_file, fixture_tear_down);
  g_test_add ("/likeness/dataset-fal/upload-stream", Fixture, NULL,
              fixture_set_up, test_upload_stream, fixture_tear_down);

  return g_test_run ();
}
