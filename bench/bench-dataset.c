/* bench-dataset.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times the dataset scan and the packer against reference tools, in one run
 * over one generated set of photo-sized JPEGs (4000×3000, ~2.5 MB, with
 * EXIF and GPS), and prints ratios:
 *
 *   - pack (metadata stripping included) against `bsdtar --format zip`
 *     with stored entries, and against `cp -r`;
 *   - the full scan (SHA-256, dHash, thumbnail) against ImageMagick's
 *     `convert -thumbnail`, both using every core;
 *   - the peak RSS of a child that scans and packs 50 photos, and 800;
 *   - the pack streamed into an upload to the fake fal, against uploading
 *     the finished ZIP.
 *
 * The pack is timed on a scanned dataset, as in the app, where the scan
 * runs when the photos are dropped.
 *
 * `bench-dataset --scan-only [N]` times only the scan of N photos (200)
 * against convert, three interleaved runs each, and prints the median
 * ratio, the CPU seconds per photo of both, and the peak RSS of a child
 * that only scans.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lk-core.h"

#include "dataset-fixtures.h"
#include "lk-fake-fal.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define N_BASES 10
#define N_TIMED 200
#define N_SMALL 50
#define N_LARGE 800

typedef struct
{
  gboolean  done;
  GError   *error;
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
  g_autoptr(LkPackManifest) manifest = lk_packer_pack_finish (LK_PACKER (object), result, &w->error);

  w->done = TRUE;
}

static void
wait_for (Wait *w)
{
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
  if (w->error != NULL)
    g_error ("%s", w->error->message);
}

static LkDataset *
scan_dir (const char *dir,
          const char *thumbnail_dir)
{
  LkDataset *dataset = lk_dataset_new ();
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  Wait w = { 0 };

  if (thumbnail_dir != NULL)
    lk_dataset_set_thumbnail_dir (dataset, thumbnail_dir);
  lk_dataset_add_files_async (dataset, &root, 1, NULL, scanned_cb, &w);
  wait_for (&w);
  return dataset;
}

static void
pack (LkDataset  *dataset,
      const char *zip)
{
  g_autoptr(LkPacker) packer = lk_packer_new (G_LIST_MODEL (dataset));
  g_autoptr(GFile) file = g_file_new_for_path (zip);
  Wait w = { 0 };

  lk_packer_pack_to_file_async (packer, file, NULL, packed_cb, &w);
  wait_for (&w);
}

/* A noisy 4000×3000 photo: smooth blocks plus strong grain, which is what
 * makes phone photos about 2.5 MB. */
static GBytes *
make_base (guint seed)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pattern (4000, 3000, seed);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 7919);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < 3000; y++)
    for (int x = 0; x < 4000 * 3; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + x;
        int v = *p + (int) (g_rand_int (rand) % 9) - 4;

        *p = (guint8) CLAMP (v, 0, 255);
      }

  return fixture_jpeg (pixbuf, 88, 1, FIXTURE_EXIF_ORIENTATION | FIXTURE_EXIF_GPS |
                       FIXTURE_EXIF_MAKER_NOTE | FIXTURE_XMP);
}

/* Each photo differs from its base in one comment byte, so every file has
 * its own SHA-256 and no cache helps. */
static void
write_photo (const char *dir,
             guint       index,
             GBytes     *base)
{
  g_autofree char *name = g_strdup_printf ("IMG_%04u.jpg", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (base, &length);
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) length + 16);
  guint8 comment[12] = { 0xff, 0xfe, 0x00, 0x0a };

  g_snprintf ((char *) comment + 4, 8, "%07u", index);
  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, comment, 12);
  g_byte_array_append (out, data + 2, (guint) length - 2);
  if (!g_file_set_contents (path, (const char *) out->data, out->len, NULL))
    g_error ("cannot write %s", path);
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
run_command (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  double start = now ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return now () - start;
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  run_command (argv);
}

/* Runs this program as a child doing scan + pack, and returns its peak RSS
 * in kB, measured by wait4(). */
static long
child_peak_rss (const char *self,
                const char *dir,
                const char *zip,
                const char *thumbs)
{
  const char *argv[] = { self, "--child", dir, zip, thumbs, NULL };
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    g_error ("%s", error->message);
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("child failed");
  return usage.ru_maxrss;
}

typedef struct
{
  gboolean  done;
  GBytes   *body;
  GError   *error;
} Http;

static void
http_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Http *h = user_data;

  h->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &h->error);
  h->done = TRUE;
}

static GBytes *
http_send (SoupSession *session,
           SoupMessage *msg)
{
  Http h = { 0 };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, http_cb, &h);
  while (!h.done)
    g_main_context_iteration (NULL, TRUE);
  if (h.error != NULL)
    g_error ("%s", h.error->message);
  if (soup_message_get_status (msg) != 200)
    g_error ("HTTP %u", soup_message_get_status (msg));
  return h.body;
}

/* The storage upload of protocol §4.1 against the fake: initiate, then one
 * PUT of @stream (chunked when @length is -1). */
static void
upload (LkFakeFal    *fake,
        SoupSession  *session,
        GInputStream *stream,
        gssize        length)
{
  g_autofree char *initiate = g_strconcat (lk_fake_fal_get_url (fake, LK_FAKE_FAL_REST),
                                           "/storage/upload/initiate?storage_type=fal-cdn-v3", NULL);
  g_autoptr(SoupMessage) init = soup_message_new ("POST", initiate);
  g_autoptr(SoupMessage) put = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) put_reply = NULL;
  static const char body[] = "{\"content_type\":\"application/zip\",\"file_name\":\"d.zip\"}";
  g_autoptr(GBytes) request = g_bytes_new_static (body, sizeof body - 1);
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_append (soup_message_get_request_headers (init), "Authorization", "Key " LK_FAKE_FAL_KEY);
  soup_message_set_request_body_from_bytes (init, "application/json", request);
  reply = http_send (session, init);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL))
    g_error ("bad initiate reply");

  put = soup_message_new ("PUT", json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                                "upload_url"));
  soup_message_set_request_body (put, "application/zip", stream, length);
  put_reply = http_send (session, put);
}

static void
make_subset (const char *from,
             const char *to,
             guint       n)
{
  g_mkdir_with_parents (to, 0755);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("IMG_%04u.jpg", i);
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);

      if (link (src, dst) != 0)
        g_error ("link %s", dst);
    }
}

static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The scan against ImageMagick only: three runs each, interleaved, and the
 * median of the ratios; CPU seconds per photo; the peak RSS of a child that
 * only scans. */
static int
scan_only (const char *self,
           guint       n)
{
  g_autofree char *root = g_dir_make_tmp ("likeness-bench-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (root, "photos", NULL);
  g_autofree char *out = g_build_filename (root, "out", NULL);
  g_autofree char *nproc_str = g_strdup_printf ("%u", g_get_num_processors ());
  double ratio[3], scan[3], im[3], scan_cpu[3], im_cpu[3];
  guint64 total_bytes = 0;
  GBytes *bases[N_BASES];
  long rss;

  g_mkdir_with_parents (dir, 0755);
  g_mkdir_with_parents (out, 0755);
  printf ("# Generating %u photos of 4000×3000 in %s\n", n, root);
  fflush (stdout);
  for (guint b = 0; b < N_BASES; b++)
    bases[b] = make_base (b + 1);
  for (guint i = 0; i < n; i++)
    write_photo (dir, i, bases[i % N_BASES]);
  for (guint b = 0; b < N_BASES; b++)
    {
      total_bytes += g_bytes_get_size (bases[b]);
      g_bytes_unref (bases[b]);
    }
  printf ("# Average photo: %.2f MB\n", total_bytes / (double) N_BASES / 1e6);
  {
    const char *argv_cat[] = { "sh", "-c", "cat \"$0\"/* > /dev/null", dir, NULL };
    run_command (argv_cat);
  }

  for (guint run = 0; run < 3; run++)
    {
      g_autofree char *name = g_strdup_printf ("thumbs-%u", run);
      g_autofree char *thumbs = g_build_filename (out, name, NULL);
      g_autofree char *im_name = g_strdup_printf ("im-%u", run);
      g_autofree char *im_out = g_build_filename (out, im_name, NULL);
      const char *argv_im[] = {
        "sh", "-c",
        "cd \"$0\" && ls | xargs -P \"$2\" -I{} convert {} -thumbnail 256x256 \"$1\"/{}.png",
        dir, im_out, nproc_str, NULL
      };
      g_autoptr(LkDataset) fresh = NULL;
      double start = now (), cpu = cpu_seconds (RUSAGE_SELF);

      fresh = scan_dir (dir, thumbs);
      scan[run] = now () - start;
      scan_cpu[run] = cpu_seconds (RUSAGE_SELF) - cpu;
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, n);

      g_mkdir_with_parents (im_out, 0755);
      cpu = cpu_seconds (RUSAGE_CHILDREN);
      im[run] = run_command (argv_im);
      im_cpu[run] = cpu_seconds (RUSAGE_CHILDREN) - cpu;
      ratio[run] = im[run] / scan[run];
      printf ("# run %u: scan %.2f s (%.3f CPU s/photo), convert %.2f s (%.3f CPU s/photo), %.1f×\n",
              run + 1, scan[run], scan_cpu[run] / n, im[run], im_cpu[run] / n, ratio[run]);
      fflush (stdout);
    }

  {
    g_autofree char *thumbs = g_build_filename (out, "thumbs-rss", NULL);
    const char *argv_child[] = { self, "--child-scan", dir, thumbs, NULL };
    g_autoptr(GError) error = NULL;
    struct rusage usage;
    GPid pid;
    int status;

    if (!g_spawn_async (NULL, (char **) argv_child, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
      g_error ("%s", error->message);
    if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
      g_error ("child failed");
    rss = usage.ru_maxrss;
  }

  qsort (ratio, 3, sizeof (double), compare_double);
  qsort (scan_cpu, 3, sizeof (double), compare_double);
  qsort (im_cpu, 3, sizeof (double), compare_double);
  printf ("convert -thumbnail / scan          %.1f×  (median of 3, goal ≥ 10×)\n", ratio[1]);
  printf ("scan CPU per photo                 %.1f ms (convert: %.1f ms)\n",
          scan_cpu[1] / n * 1e3, im_cpu[1] / n * 1e3);
  printf ("peak RSS scan, %u photos          %.1f MB\n", n, rss / 1024.0);

  remove_tree (root);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  g_autofree char *all = NULL;
  g_autofree char *timed = NULL;
  g_autofree char *small = NULL;
  g_autofree char *out = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *ref_zip = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *im_out = NULL;
  g_autoptr(LkDataset) dataset = NULL;
  g_autofree char *nproc_str = g_strdup_printf ("%u", g_get_num_processors ());
  double t_pack = G_MAXDOUBLE, t_bsdtar = G_MAXDOUBLE, t_cp = G_MAXDOUBLE;
  double t_scan = G_MAXDOUBLE, t_im;
  double t_upload = G_MAXDOUBLE, t_streamed = G_MAXDOUBLE;
  guint64 total_bytes = 0;
  long rss_small, rss_large;

  /* Loopback only: no proxy lookup, which would need GSettings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  if (argc == 4 && g_str_equal (argv[1], "--child-scan"))
    {
      g_autoptr(LkDataset) d = scan_dir (argv[2], argv[3]);

      return 0;
    }

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    {
      g_autoptr(LkDataset) d = NULL;

      d = scan_dir (argv[2], argv[4]);
      pack (d, argv[3]);
      return 0;
    }

  if (argc >= 2 && g_str_equal (argv[1], "--help"))
    {
      printf ("Usage: %s [--scan-only [N_PHOTOS]]\n"
              "  --scan-only  only the scan against convert -thumbnail, 3 runs each, medians\n",
              argv[0]);
      return 0;
    }
  if (argc >= 2 && g_str_equal (argv[1], "--scan-only"))
    return scan_only (argv[0], argc >= 3 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : N_TIMED);

  root = g_dir_make_tmp ("likeness-bench-XXXXXX", NULL);
  all = g_build_filename (root, "all", NULL);
  timed = g_build_filename (root, "photos", NULL);
  small = g_build_filename (root, "small", NULL);
  out = g_build_filename (root, "out", NULL);
  zip = g_build_filename (out, "ours.zip", NULL);
  ref_zip = g_build_filename (out, "bsdtar.zip", NULL);
  copy = g_build_filename (out, "copy", NULL);
  im_out = g_build_filename (out, "thumbs-im", NULL);
  g_mkdir_with_parents (all, 0755);
  g_mkdir_with_parents (out, 0755);

  printf ("# Generating %u photos of 4000×3000 in %s\n", N_LARGE, root);
  fflush (stdout);
  {
    GBytes *bases[N_BASES];

    for (guint b = 0; b < N_BASES; b++)
      bases[b] = make_base (b + 1);
    for (guint i = 0; i < N_LARGE; i++)
      write_photo (all, i, bases[i % N_BASES]);
    for (guint b = 0; b < N_BASES; b++)
      total_bytes += g_bytes_get_size (bases[b]);
    for (guint b = 0; b < N_BASES; b++)
      g_bytes_unref (bases[b]);
  }
  make_subset (all, timed, N_TIMED);
  make_subset (all, small, N_SMALL);
  printf ("# Average photo: %.2f MB\n", total_bytes / (double) N_BASES / 1e6);

  /* Warm the page cache, so every contender reads from memory. */
  {
    const char *argv_cat[] = { "sh", "-c", "cat \"$0\"/* > /dev/null", timed, NULL };
    run_command (argv_cat);
  }

  /* Scan once untimed: the pack works on a scanned dataset. */
  {
    g_autofree char *thumbs = g_build_filename (out, "thumbs-warm", NULL);
    dataset = scan_dir (timed, thumbs);
  }

  for (guint run = 0; run < 3; run++)
    {
      const char *argv_bsdtar[] = { "bsdtar", "-c", "--format", "zip", "--options", "zip:compression=store",
                                    "-f", ref_zip, "-C", timed, ".", NULL };
      const char *argv_cp[] = { "cp", "-r", timed, copy, NULL };
      double start = now ();

      pack (dataset, zip);
      t_pack = MIN (t_pack, now () - start);
      g_unlink (zip);

      t_bsdtar = MIN (t_bsdtar, run_command (argv_bsdtar));
      g_unlink (ref_zip);

      t_cp = MIN (t_cp, run_command (argv_cp));
      remove_tree (copy);
    }

  for (guint run = 0; run < 2; run++)
    {
      g_autofree char *name = g_strdup_printf ("thumbs-%u", run);
      g_autofree char *thumbs = g_build_filename (out, name, NULL);
      g_autoptr(LkDataset) fresh = NULL;
      double start = now ();

      fresh = scan_dir (timed, thumbs);
      t_scan = MIN (t_scan, now () - start);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, N_TIMED);
    }

  /* ImageMagick gets the same cores: one convert per file, nproc at once. */
  g_mkdir_with_parents (im_out, 0755);
  {
    const char *argv_im[] = {
      "sh", "-c",
      "cd \"$0\" && ls | xargs -P \"$2\" -I{} convert {} -thumbnail 256x256 \"$1\"/{}.png",
      timed, im_out, nproc_str, NULL
    };
    t_im = run_command (argv_im);
  }

  /* Upload the finished ZIP, then pack straight into the upload. */
  {
    g_autoptr(LkFakeFal) fake = lk_fake_fal_new ();
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(LkPacker) packer = lk_packer_new (G_LIST_MODEL (dataset));
    g_autoptr(GError) error = NULL;
    g_autoptr(GFile) zip_file = g_file_new_for_path (zip);

    if (!lk_fake_fal_start (fake, &error))
      g_error ("%s", error->message);
    pack (dataset, zip);

    for (guint run = 0; run < 2; run++)
      {
        g_autoptr(GFileInputStream) file_stream = g_file_read (zip_file, NULL, NULL);
        g_autoptr(GInputStream) packed = NULL;
        Wait w = { 0 };
        double start;
        struct stat st;

        g_stat (zip, &st);
        start = now ();
        upload (fake, session, G_INPUT_STREAM (file_stream), st.st_size);
        t_upload = MIN (t_upload, now () - start);

        start = now ();
        packed = lk_packer_pack_to_stream_async (packer, NULL, packed_cb, &w);
        upload (fake, session, packed, -1);
        wait_for (&w);
        t_streamed = MIN (t_streamed, now () - start);
        lk_fake_fal_reset (fake);
      }
    g_unlink (zip);
  }

  {
    g_autofree char *zip_small = g_build_filename (out, "small.zip", NULL);
    g_autofree char *zip_large = g_build_filename (out, "large.zip", NULL);
    g_autofree char *thumbs_small = g_build_filename (out, "thumbs-small", NULL);
    g_autofree char *thumbs_large = g_build_filename (out, "thumbs-large", NULL);

    rss_small = child_peak_rss (argv[0], small, zip_small, thumbs_small);
    rss_large = child_peak_rss (argv[0], all, zip_large, thumbs_large);
  }

  printf ("pack / bsdtar (zip, stored)        %.2f   (goal ≤ 0.90)\n", t_pack / t_bsdtar);
  printf ("pack / cp -r                       %.2f\n", t_pack / t_cp);
  printf ("convert -thumbnail / scan          %.1f×  (goal ≥ 10×)\n", t_im / t_scan);
  printf ("pack streamed into upload / upload %.2f   (goal ≤ 1.15)\n", t_streamed / t_upload);
  printf ("peak RSS scan+pack, %u photos      %.1f MB\n", N_SMALL, rss_small / 1024.0);
  printf ("peak RSS scan+pack, %u photos     %.1f MB  (goal ≤ 48 MB)\n", N_LARGE, rss_large / 1024.0);
  printf ("peak RSS %u / %u photos           %.2f\n", N_LARGE, N_SMALL, (double) rss_large / rss_small);

  remove_tree (root);
  return 0;
}
