/* bench-upload.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-upload"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lk-fake-fal.h"
#include "lk-fal-client-private.h"

/*
 * Issue 3's memory and throughput proof: uploads a 1 GiB file of
 * pseudo-random bytes to the standalone fake fal service (a process of its
 * own) with our client and with curl, in the same run, and compares them.
 *
 *   bench-upload [--size-mib N] [--single-mib N] [--runs N] [--curl PATH]
 *                UPLOAD_ONCE FAKE_FAL
 *
 * Each upload runs in a child process, timed from just before it is spawned
 * until wait4() returns, which also gives the child's peak RSS (ru_maxrss).
 * Comparisons, each run --runs times, interleaved, medians reported:
 *
 *  A. 1 GiB, the multipart path (what our client does above 90 MiB, as fal's
 *     JS client does): ours against ONE curl process that PUTs the same
 *     10 MiB parts in order over one kept-alive connection (`-T part URL`
 *     pairs; the parts are split into files beforehand, outside the timing)
 *     and then the complete POST. Same requests and bytes on the wire, so
 *     this is the fair like-for-like reference.
 *  B. 1 GiB: ours (multipart, as in A) against plain `curl -T FILE` of the
 *     whole file in one presigned PUT. For information only: besides the
 *     per-part round trips, the fake hashes multipart parts (their ETag)
 *     but not single PUTs, so the server does less work for curl here.
 *  C. 90 MiB, the single-PUT path: ours against `curl -T FILE`.
 *
 * The initiate (and, for curl, the complete) calls are inside each side's
 * timing: ours makes them itself; for curl this program makes them with
 * libsoup right before and after the curl process. curl runs with
 * `--noproxy '*'` and an empty `Expect:` header, so it never waits for
 * "100 Continue" (libsoup never sends Expect either).
 *
 * Before each upload the fake is reset (its stored files are deleted) and
 * sync() flushes the previous upload's writes, so every upload starts from
 * the same state; every upload is then checked: the size the CDN reports and
 * the file's last 64 KiB read back through a Range request.
 *
 * Pass: in A and C, throughput ours/curl >= 0.9 (medians), and our peak
 * RSS < 48 MB in every run (MB = 10^6 bytes throughout). Otherwise the
 * program exits with status 1; 2 means it could not measure at all.
 *
 * Each side's CPU time is printed too. On an idle machine the fake (about
 * 3 s of CPU per GiB: MD5 and a disk write per chunk) sets the pace for
 * both sides. On a machine busy with other work, throughput follows total
 * CPU, and ours costs more than curl's: libsoup writes a request body
 * 8 KiB at a time, where curl writes 64 KiB per call. Our client sends the
 * bytes from a worker thread with libsoup's blocking API (no main-loop
 * iterations per 8 KiB), which roughly halved its CPU time per GiB.
 */

#define MIB             (1024 * 1024)
#define MB              1e6
#define RSS_LIMIT_BYTES (48 * 1000 * 1000)
#define RATIO_TARGET    0.9
#define TAIL_CHECK      (64 * 1024)

typedef struct
{
  double seconds;
  double cpu_seconds;    /* user + system, of the child alone */
  gint64 rss_bytes;
} Sample;

typedef struct
{
  const char *upload_once;
  const char *curl;
  char       *dir;
  char       *big_path;
  char       *single_path;
  GPtrArray  *part_paths;
  goffset     big_size;
  goffset     single_size;

  GPid        fake_pid;
  int         fake_stdin;
  char       *rest_url;
  char       *control_url;
  char      **ours_env;
  char      **curl_env;
  SoupSession *session;
} Bench;

/* The data directory (about 2 GiB), removed however the program ends. The
 * fake exits by itself when its stdin closes with this process. */
static char *data_dir;

static void remove_dir (const char *path);

static G_NORETURN void
die (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "bench-upload: ");
  vfprintf (stderr, format, args);
  fprintf (stderr, "\n");
  va_end (args);

  if (data_dir != NULL)
    remove_dir (data_dir);
  exit (2);
}

/* Test data: pseudo-random, so that neither TCP nor the fake's disk can
 * shortcut runs of zeros. xorshift64* per 8 bytes, a new seed per MiB. */
static void
fill_block (guint64 *block,
            gsize    n_words,
            guint64  seed)
{
  guint64 x = seed * 0x9E3779B97F4A7C15ull + 1;

  for (gsize i = 0; i < n_words; i++)
    {
      x ^= x >> 12;
      x ^= x << 25;
      x ^= x >> 27;
      block[i] = x * 0x2545F4914F6CDD1Dull;
    }
}

static void
write_fd_all (int         fd,
              const void *data,
              gsize       size,
              const char *path)
{
  const guint8 *p = data;

  while (size > 0)
    {
      gssize n = write (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        die ("cannot write %s: %s", path, g_strerror (errno));
      p += n;
      size -= n;
    }
}

static int
create_file (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  if (fd < 0)
    die ("cannot create %s: %s", path, g_strerror (errno));
  return fd;
}

/* Writes the big file, its 10 MiB parts and the single-PUT file (a prefix of
 * the big one) in one pass. */
static void
make_files (Bench *bench,
            guint  size_mib,
            guint  single_mib)
{
  const guint part_mib = LK_FAL_MULTIPART_CHUNK / MIB;
  g_autofree guint64 *block = g_malloc (MIB);
  int big_fd, single_fd, part_fd = -1;

  bench->big_path = g_build_filename (bench->dir, "upload.bin", NULL);
  bench->single_path = g_build_filename (bench->dir, "single.bin", NULL);
  bench->part_paths = g_ptr_array_new_with_free_func (g_free);
  bench->big_size = (goffset) size_mib * MIB;
  bench->single_size = (goffset) single_mib * MIB;

  big_fd = create_file (bench->big_path);
  single_fd = create_file (bench->single_path);

  for (guint i = 0; i < MAX (size_mib, single_mib); i++)
    {
      fill_block (block, MIB / sizeof (guint64), i + 1);

      if (i < size_mib)
        {
          write_fd_all (big_fd, block, MIB, bench->big_path);
          if (i % part_mib == 0)
            {
              char *path = g_strdup_printf ("%s/part-%04u.bin", bench->dir, i / part_mib + 1);

              if (part_fd >= 0)
                close (part_fd);
              part_fd = create_file (path);
              g_ptr_array_add (bench->part_paths, path);
            }
          write_fd_all (part_fd, block, MIB, "a part file");
        }
      if (i < single_mib)
        write_fd_all (single_fd, block, MIB, bench->single_path);
    }

  close (big_fd);
  close (single_fd);
  if (part_fd >= 0)
    close (part_fd);
}

/* HTTP to the fake's REST, upload, CDN and control listeners (libsoup,
 * blocking: this program has nothing else to do meanwhile). */
static GBytes *
http (Bench       *bench,
      const char  *method,
      const char  *url,
      gboolean     keyed,
      const char  *json,
      const char  *range,
      guint       *status,
      goffset     *content_length)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  if (message == NULL)
    die ("not a URL: %s", url);
  if (keyed)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  "Key " LK_FAKE_FAL_KEY);
  if (range != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Range", range);
  if (json != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json",
                                              g_bytes_new (json, strlen (json)));

  body = soup_session_send_and_read (bench->session, message, NULL, &error);
  if (body == NULL)
    die ("%s %s: %s", method, url, error->message);
  *status = soup_message_get_status (message);
  if (content_length != NULL)
    *content_length = soup_message_headers_get_content_length (soup_message_get_response_headers (message));

  return body;
}

static JsonObject *
parse_object (GBytes     *bytes,
              const char *what)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    die ("%s is not a JSON object: %.*s", what, (int) MIN (length, 200), data);

  return json_object_ref (json_node_get_object (root));
}

static const char *
object_string (JsonObject *object,
               const char *member,
               const char *what)
{
  const char *value = json_object_get_string_member_with_default (object, member, NULL);

  if (value == NULL)
    die ("%s has no \"%s\"", what, member);
  return value;
}

/* The fake's storage initiate; returns upload_url, sets @file_url. */
static char *
initiate (Bench       *bench,
          gboolean     multipart,
          char       **file_url)
{
  g_autofree char *url = g_strconcat (bench->rest_url,
                                      multipart ? "/storage/upload/initiate-multipart"
                                                : "/storage/upload/initiate",
                                      "?storage_type=fal-cdn-v3", NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) reply = NULL;
  guint status;

  body = http (bench, "POST", url, TRUE,
               "{\"content_type\":\"application/octet-stream\",\"file_name\":\"x.bin\"}",
               NULL, &status, NULL);
  if (status != 200)
    die ("initiate answered %u", status);
  reply = parse_object (body, "the initiate reply");
  *file_url = g_strdup (object_string (reply, "file_url", "the initiate reply"));

  return g_strdup (object_string (reply, "upload_url", "the initiate reply"));
}

/* "U/multipart/T?signature=S" + "/3" → "U/multipart/T/3?signature=S". */
static char *
upload_url_extend (const char *upload_url,
                   const char *suffix)
{
  const char *query = strchr (upload_url, '?');
  gsize base = query != NULL ? (gsize) (query - upload_url) : strlen (upload_url);

  return g_strdup_printf ("%.*s%s%s", (int) base, upload_url, suffix, query != NULL ? query : "");
}

static void
reset_fake (Bench *bench)
{
  g_autofree char *url = g_strconcat (bench->control_url, "/__fake/reset", NULL);
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = http (bench, "POST", url, FALSE, "{}", NULL, &status, NULL);
  if (status != 200)
    die ("reset answered %u", status);
  sync ();
}

/* The CDN must serve exactly what was sent: its size and its last 64 KiB. */
static void
verify_upload (Bench      *bench,
               const char *file_url,
               const char *source,
               goffset     size,
               const char *who)
{
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GBytes) tail = NULL;
  g_autofree guint8 *expected = g_malloc (TAIL_CHECK);
  g_autofree char *range = g_strdup_printf ("bytes=-%d", TAIL_CHECK);
  goffset length = -1;
  guint status;
  int fd;

  head = http (bench, "HEAD", file_url, FALSE, NULL, NULL, &status, &length);
  if (status != 200 || length != size)
    die ("%s: the CDN has %" G_GOFFSET_FORMAT " bytes (HTTP %u), expected %" G_GOFFSET_FORMAT,
         who, length, status, size);

  tail = http (bench, "GET", file_url, FALSE, NULL, range, &status, NULL);
  fd = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || pread (fd, expected, TAIL_CHECK, size - TAIL_CHECK) != TAIL_CHECK)
    die ("cannot read %s", source);
  close (fd);
  if (status != 206 || g_bytes_get_size (tail) != TAIL_CHECK ||
      memcmp (g_bytes_get_data (tail, NULL), expected, TAIL_CHECK) != 0)
    die ("%s: the stored file does not end as the source does", who);
}

/* Runs @argv to completion; returns its stdout, its wall time from before
 * the spawn to the reaping, and its peak RSS. */
static char *
run_child (const char * const *argv,
           char              **envp,
           Sample             *sample)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  struct rusage usage;
  gint64 start;
  int out_fd, wstatus;
  GPid pid;
  char buffer[4096];
  gssize n;

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    die ("cannot run %s: %s", argv[0], error->message);

  while ((n = read (out_fd, buffer, sizeof buffer)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        die ("cannot read the output of %s: %s", argv[0], g_strerror (errno));
      g_string_append_len (out, buffer, n);
    }
  close (out_fd);

  while (wait4 (pid, &wstatus, 0, &usage) < 0)
    if (errno != EINTR)
      die ("wait4: %s", g_strerror (errno));
  sample->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  sample->rss_bytes = (gint64) usage.ru_maxrss * 1024;
  sample->cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                        (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / (double) G_USEC_PER_SEC;

  if (!WIFEXITED (wstatus) || WEXITSTATUS (wstatus) != 0)
    die ("%s failed (wait status %d); output: %s", argv[0], wstatus, out->str);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static Sample
run_ours (Bench      *bench,
          const char *path,
          goffset     size)
{
  const char *argv[] = { bench->upload_once, path, NULL };
  g_autofree char *output = NULL;
  Sample sample;

  reset_fake (bench);
  output = run_child (argv, bench->ours_env, &sample);
  g_strstrip (output);
  verify_upload (bench, output, path, size, "upload-once");

  return sample;
}

static const char * const curl_common[] = {
  "-sS", "--fail", "--noproxy", "*", "-H", "Expect:",
};

static Sample
run_curl_single (Bench      *bench,
                 const char *path,
                 goffset     size)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *upload_url = NULL;
  g_autofree char *file_url = NULL;
  g_autofree char *output = NULL;
  Sample sample;
  gint64 start;

  reset_fake (bench);
  start = g_get_monotonic_time ();
  upload_url = initiate (bench, FALSE, &file_url);

  g_ptr_array_add (argv, (gpointer) bench->curl);
  for (guint i = 0; i < G_N_ELEMENTS (curl_common); i++)
    g_ptr_array_add (argv, (gpointer) curl_common[i]);
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, (gpointer) "/dev/null");
  g_ptr_array_add (argv, (gpointer) "-T");
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, upload_url);
  g_ptr_array_add (argv, NULL);

  output = run_child ((const char * const *) argv->pdata, bench->curl_env, &sample);
  sample.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  verify_upload (bench, file_url, path, size, "curl -T");

  return sample;
}

static Sample
run_curl_multipart (Bench *bench)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (NULL);
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) complete = g_string_new ("{\"parts\":[");
  g_autoptr(GBytes) body = NULL;
  g_autofree char *upload_url = NULL;
  g_autofree char *file_url = NULL;
  g_autofree char *complete_url = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  Sample sample;
  gint64 start;
  guint status, n_parts = 0;

  reset_fake (bench);
  start = g_get_monotonic_time ();
  upload_url = initiate (bench, TRUE, &file_url);

  /* One process, one connection: `-T part_n URL_n` pairs run in order, and
   * -w puts each part's JSON reply on a line of its own. */
  g_ptr_array_add (argv, (gpointer) bench->curl);
  for (guint i = 0; i < G_N_ELEMENTS (curl_common); i++)
    g_ptr_array_add (argv, (gpointer) curl_common[i]);
  g_ptr_array_add (argv, (gpointer) "-w");
  g_ptr_array_add (argv, (gpointer) "\\n");
  for (guint i = 0; i < bench->part_paths->len; i++)
    {
      g_autofree char *suffix = g_strdup_printf ("/%u", i + 1);

      g_ptr_array_add (urls, upload_url_extend (upload_url, suffix));
      g_ptr_array_add (argv, (gpointer) "-T");
      g_ptr_array_add (argv, g_ptr_array_index (bench->part_paths, i));
      g_ptr_array_add (argv, g_ptr_array_index (urls, i));
    }
  g_ptr_array_add (argv, NULL);

  output = run_child ((const char * const *) argv->pdata, bench->curl_env, &sample);

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GBytes) line = NULL;
      g_autoptr(JsonObject) reply = NULL;
      g_autofree char *etag = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      line = g_bytes_new (lines[i], strlen (lines[i]));
      reply = parse_object (line, "a part reply");
      etag = g_strescape (object_string (reply, "etag", "a part reply"), NULL);
      g_string_append_printf (complete, "%s{\"partNumber\":%u,\"etag\":\"%s\"}",
                              n_parts > 0 ? "," : "", n_parts + 1, etag);
      n_parts++;
    }
  if (n_parts != bench->part_paths->len)
    die ("curl sent %u parts of %u", n_parts, bench->part_paths->len);
  g_string_append (complete, "]}");

  complete_url = upload_url_extend (upload_url, "/complete");
  body = http (bench, "POST", complete_url, FALSE, complete->str, NULL, &status, NULL);
  if (status != 200)
    die ("complete answered %u", status);
  sample.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  verify_upload (bench, file_url, bench->big_path, bench->big_size, "curl multipart");

  return sample;
}

static void
start_fake (Bench      *bench,
            const char *fake_fal)
{
  const char *argv[] = { fake_fal, "--exit-on-eof", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) line = NULL;
  g_autoptr(JsonObject) urls = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *value = NULL;
  char buffer[2048];
  gsize length = 0;
  int out_fd;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &bench->fake_pid, &bench->fake_stdin, &out_fd,
                                 NULL, &error))
    die ("cannot run %s: %s", fake_fal, error->message);

  /* One JSON line of base URLs. */
  while (length < sizeof buffer - 1 && memchr (buffer, '\n', length) == NULL)
    {
      gssize n = read (out_fd, buffer + length, sizeof buffer - 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        die ("fake-fal exited before printing its URLs");
      length += n;
    }
  close (out_fd);

  line = g_bytes_new (buffer, length);
  urls = parse_object (line, "fake-fal's first line");
  bench->rest_url = g_strdup (object_string (urls, "rest", "fake-fal's URLs"));
  bench->control_url = g_strdup (object_string (urls, "control", "fake-fal's URLs"));
  queue = g_strdup (object_string (urls, "queue", "fake-fal's URLs"));

  value = g_strdup_printf ("queue=%s,rest=%s", queue, bench->rest_url);
  bench->ours_env = g_environ_setenv (g_get_environ (), LK_FAL_URLS_ENV, value, TRUE);
  bench->ours_env = g_environ_setenv (bench->ours_env, "FAL_KEY", LK_FAKE_FAL_KEY, TRUE);
  bench->ours_env = g_environ_unsetenv (bench->ours_env, "G_MESSAGES_DEBUG");
  bench->curl_env = g_environ_unsetenv (g_get_environ (), "FAL_KEY");
}

static void
stop_fake (Bench *bench)
{
  int wstatus;

  close (bench->fake_stdin);
  while (waitpid (bench->fake_pid, &wstatus, 0) < 0 && errno == EINTR)
    ;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_throughput (const Sample *samples,
                   guint         n,
                   goffset       size)
{
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    values[i] = size / samples[i].seconds / MB;
  qsort (values, n, sizeof (double), compare_double);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
median_cpu (const Sample *samples,
            guint         n)
{
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    values[i] = samples[i].cpu_seconds;
  qsort (values, n, sizeof (double), compare_double);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
max_rss_mb (const Sample *samples,
            guint         n)
{
  gint64 max = 0;

  for (guint i = 0; i < n; i++)
    max = MAX (max, samples[i].rss_bytes);

  return max / MB;
}

static void
print_runs (const char   *who,
            const Sample *samples,
            guint         n,
            goffset       size)
{
  printf ("    %-16s", who);
  for (guint i = 0; i < n; i++)
    printf ("  %6.1f MB/s %4.1f MB %4.2f s CPU", size / samples[i].seconds / MB,
            samples[i].rss_bytes / MB, samples[i].cpu_seconds);
  printf ("\n");
}

/* Prints one comparison and returns whether it passes; one that is not
 * @gated is printed for information and always passes. */
static gboolean
report (const char   *title,
        const Sample *ours,
        const Sample *curl,
        guint         n,
        goffset       size,
        gboolean      gated)
{
  double ours_mbs = median_throughput (ours, n, size);
  double curl_mbs = median_throughput (curl, n, size);
  double ratio = ours_mbs / curl_mbs;
  double ours_rss = max_rss_mb (ours, n);
  double curl_rss = max_rss_mb (curl, n);
  gboolean ratio_ok = ratio >= RATIO_TARGET || !gated;
  gboolean rss_ok = ours_rss * MB < RSS_LIMIT_BYTES;

  printf ("%s%s\n", title, gated ? "" : " (information, not a criterion)");
  print_runs ("ours, each run:", ours, n, size);
  print_runs ("curl, each run:", curl, n, size);
  printf ("  throughput (median of %u): ours %.1f MB/s, curl %.1f MB/s, ratio ours/curl %.3f "
          "(target >= %.2f): %s\n",
          n, ours_mbs, curl_mbs, ratio, RATIO_TARGET,
          !gated ? "-" : ratio_ok ? "PASS" : "FAIL");
  printf ("  peak RSS (max of %u): ours %.1f MB (limit < %.0f MB): %s; curl %.1f MB; "
          "ours/curl %.2f\n",
          n, ours_rss, RSS_LIMIT_BYTES / MB, rss_ok ? "PASS" : "FAIL", curl_rss,
          ours_rss / curl_rss);
  printf ("  CPU time of the uploading process (median, not a criterion): ours %.2f s, "
          "curl %.2f s\n\n", median_cpu (ours, n), median_cpu (curl, n));

  return ratio_ok && rss_ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree Sample *ours_multi = NULL, *curl_multi = NULL, *curl_big = NULL;
  g_autofree Sample *ours_single = NULL, *curl_single = NULL;
  g_autofree char *title = NULL;
  Bench bench = { 0 };
  const char *curl = "curl";
  gint size_mib = 1024, single_mib = 90, runs = 3;
  gboolean pass = TRUE;
  GOptionEntry entries[] = {
    { "size-mib", 0, 0, G_OPTION_ARG_INT, &size_mib, "Size of the multipart upload (default 1024)", "N" },
    { "single-mib", 0, 0, G_OPTION_ARG_INT, &single_mib, "Size of the single-PUT upload (default 90)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each upload (default 3)", "N" },
    { "curl", 0, 0, G_OPTION_ARG_FILENAME, &curl, "The curl to compare with", "PATH" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);

  context = g_option_context_new ("UPLOAD_ONCE FAKE_FAL - compare uploads with curl");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("%s", error->message);
  if (argc != 3)
    die ("expected the paths of upload-once and fake-fal");
  if (size_mib * (gint64) MIB <= LK_FAL_MULTIPART_THRESHOLD || size_mib > 65536)
    die ("--size-mib must be above the multipart threshold (%d MiB)",
         LK_FAL_MULTIPART_THRESHOLD / MIB);
  if (single_mib < 1 || single_mib * (gint64) MIB > LK_FAL_MULTIPART_THRESHOLD)
    die ("--single-mib must be 1 to %d", LK_FAL_MULTIPART_THRESHOLD / MIB);
  if (runs < 1 || runs > 99)
    die ("--runs must be 1 to 99");

  bench.upload_once = argv[1];
  bench.curl = curl;
  bench.dir = g_dir_make_tmp ("lk-bench-upload-XXXXXX", &error);
  if (bench.dir == NULL)
    die ("%s", error->message);
  data_dir = bench.dir;
  bench.session = soup_session_new ();

  make_files (&bench, size_mib, single_mib);
  start_fake (&bench, argv[2]);

  ours_multi = g_new0 (Sample, runs);
  curl_multi = g_new0 (Sample, runs);
  curl_big = g_new0 (Sample, runs);
  ours_single = g_new0 (Sample, runs);
  curl_single = g_new0 (Sample, runs);

  /* Interleaved, and every other round in reverse order, so that drift in
   * the machine's state (page cache, writeback) hits both sides alike. */
  for (gint r = 0; r < runs; r++)
    {
      if (r % 2 == 0)
        {
          ours_multi[r] = run_ours (&bench, bench.big_path, bench.big_size);
          curl_multi[r] = run_curl_multipart (&bench);
          curl_big[r] = run_curl_single (&bench, bench.big_path, bench.big_size);
          ours_single[r] = run_ours (&bench, bench.single_path, bench.single_size);
          curl_single[r] = run_curl_single (&bench, bench.single_path, bench.single_size);
        }
      else
        {
          curl_single[r] = run_curl_single (&bench, bench.single_path, bench.single_size);
          ours_single[r] = run_ours (&bench, bench.single_path, bench.single_size);
          curl_big[r] = run_curl_single (&bench, bench.big_path, bench.big_size);
          curl_multi[r] = run_curl_multipart (&bench);
          ours_multi[r] = run_ours (&bench, bench.big_path, bench.big_size);
        }
      fprintf (stderr, "bench-upload: round %d of %d done\n", r + 1, runs);
    }

  stop_fake (&bench);

  printf ("Upload benchmark: %d MiB and %d MiB of pseudo-random bytes to fake-fal on 127.0.0.1, "
          "%d runs each (MB = 10^6 bytes)\n\n", size_mib, single_mib, runs);
  title = g_strdup_printf ("A. %d MiB, multipart: ours vs one curl PUTting the same %u x %d MiB parts",
                           size_mib, bench.part_paths->len, LK_FAL_MULTIPART_CHUNK / MIB);
  pass &= report (title, ours_multi, curl_multi, runs, bench.big_size, TRUE);
  g_free (title);
  title = g_strdup_printf ("B. %d MiB: ours (multipart) vs curl -T of the whole file in one PUT",
                           size_mib);
  pass &= report (title, ours_multi, curl_big, runs, bench.big_size, FALSE);
  g_free (title);
  title = g_strdup_printf ("C. %d MiB, single PUT: ours vs curl -T", single_mib);
  pass &= report (title, ours_single, curl_single, runs, bench.single_size, TRUE);

  printf ("%s\n", pass ? "PASS" : "FAIL");

  remove_dir (bench.dir);
  data_dir = NULL;
  g_free (bench.dir);
  g_free (bench.big_path);
  g_free (bench.single_path);
  g_ptr_array_unref (bench.part_paths);
  g_free (bench.rest_url);
  g_free (bench.control_url);
  g_strfreev (bench.ours_env);
  g_strfreev (bench.curl_env);
  g_object_unref (bench.session);

  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
