/* fake-fal-test-util.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fake-fal-test-util.h"

/* Plain libsoup helpers for the tests that drive the fake fal service. */

void
reply_free (Reply *reply)
{
  g_clear_object (&reply->msg);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}


static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until *flag is set, failing after a bound. */
void
iterate_until (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  GMainContext *context = g_main_context_get_thread_default ();
  g_autoptr(GSource) wake = g_timeout_source_new (10);

  g_source_set_callback (wake, wake_cb, NULL, NULL);
  g_source_attach (wake, context);
  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (context, TRUE);
    }
  g_source_destroy (wake);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->status = soup_message_get_status (reply->msg);
  reply->done = TRUE;
}

Reply *
http (Fixture    *f,
      const char *method,
      const char *url,
      const char *auth,
      const char *content_type,
      const char *body,
      gssize      len,
      ...)
{
  Reply *reply = g_new0 (Reply, 1);
  SoupMessageHeaders *headers;
  const char *name;
  va_list args;

  reply->msg = soup_message_new (method, url);
  g_assert_nonnull (reply->msg);
  headers = soup_message_get_request_headers (reply->msg);
  if (auth != NULL)
    soup_message_headers_replace (headers, "Authorization", auth);
  va_start (args, len);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  va_end (args);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, len < 0 ? strlen (body) : (gsize) len);

      soup_message_set_request_body_from_bytes (reply->msg, content_type, bytes);
    }

  soup_session_send_and_read_async (f->session, reply->msg, G_PRIORITY_DEFAULT, NULL, sent_cb, reply);
  iterate_until (&reply->done);

  if (reply->body != NULL && g_bytes_get_size (reply->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                      g_bytes_get_size (reply->body), NULL))
        reply->json = json_node_copy (json_parser_get_root (parser));
    }

  return reply;
}


JsonObject *
obj (Reply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

const char *
str (JsonObject *object,
     const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

const char *
header (Reply      *reply,
        const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (reply->msg), name);
}

char *
body_text (Reply *reply)
{
  if (reply->body == NULL)
    return g_strdup ("");
  return g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
}

void
assert_detail (Reply      *reply,
               guint       status,
               const char *detail)
{
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (str (obj (reply), "detail"), ==, detail);
}

char *
url_of (const char *base,
        const char *path)
{
  return g_strconcat (base, path, NULL);
}

/* Jobs as seen through the C API. */
JsonObject *
find_job (Fixture    *f,
          const char *id)
{
  g_autofree char *json = lk_fake_fal_dup_jobs_json (f->fake);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *jobs;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  jobs = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonObject *job = json_array_get_object_element (jobs, i);

      if (g_str_equal (str (job, "request_id"), id))
        return json_object_ref (job);
    }

  return NULL;
}

gboolean
job_in_phase (Fixture    *f,
              const char *id,
              const char *phase)
{
  g_autoptr(JsonObject) job = find_job (f, id);

  g_assert_nonnull (job);
  return g_str_equal (str (job, "phase"), phase);
}

void
wait_phase (Fixture    *f,
            const char *id,
            const char *phase)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  GMainContext *context = g_main_context_get_thread_default ();
  g_autoptr(GSource) wake = g_timeout_source_new (5);

  g_source_set_callback (wake, wake_cb, NULL, NULL);
  g_source_attach (wake, context);
  while (!job_in_phase (f, id, phase))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (context, TRUE);
    }
  g_source_destroy (wake);
}

/* Reading a stream to its end. */
typedef struct
{
  GString      *text;
  GInputStream *stream;
  SoupMessage  *msg;
  GError       *error;
  gboolean      done;
} StreamRead;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  StreamRead *read = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &read->error);

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      read->done = TRUE;
      return;
    }
  g_string_append_len (read->text, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (read->stream, 4096, G_PRIORITY_DEFAULT, NULL, read_cb, read);
}

static void
stream_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  StreamRead *read = user_data;

  read->stream = soup_session_send_finish (SOUP_SESSION (source), result, &read->error);
  if (read->stream == NULL)
    {
      read->done = TRUE;
      return;
    }
  g_input_stream_read_bytes_async (read->stream, 4096, G_PRIORITY_DEFAULT, NULL, read_cb, read);
}

char *
read_stream (Fixture     *f,
             const char  *url,
             guint       *status,
             char       **content_type)
{
  StreamRead read = { g_string_new (NULL), NULL, NULL, NULL, FALSE };

  read.msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (read.msg), "Authorization", AUTH);
  soup_message_headers_replace (soup_message_get_request_headers (read.msg), "Accept", "text/event-stream");
  soup_session_send_async (f->session, read.msg, G_PRIORITY_DEFAULT, NULL, stream_sent_cb, &read);
  iterate_until (&read.done);

  *status = soup_message_get_status (read.msg);
  if (content_type != NULL)
    *content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (read.msg), NULL));
  g_clear_error (&read.error);
  g_clear_object (&read.stream);
  g_clear_object (&read.msg);

  return g_string_free (read.text, FALSE);
}

/* Splits SSE text into the JSON objects of its complete `data:` events. */
GPtrArray *
parse_events (const char *text,
              guint      *n_pings)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_auto(GStrv) blocks = g_strsplit (text, "\n\n", -1);
  guint n = g_strv_length (blocks);

  if (n_pings != NULL)
    *n_pings = 0;
  /* The last block has no terminator: it is incomplete or empty. */
  for (guint i = 0; i + 1 < n; i++)
    {
      if (g_str_has_prefix (blocks[i], ": ping") && n_pings != NULL)
        (*n_pings)++;
      if (g_str_has_prefix (blocks[i], "data: "))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          g_assert_true (json_parser_load_from_data (parser, blocks[i] + 6, -1, NULL));
          g_ptr_array_add (events, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
        }
    }

  return events;
}

/* Fixture */

GBytes *
make_zip (guint n_images)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tiny-dataset.zip", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  /* The committed fixture holds 5 images; smaller sets are built by hand:
   * an empty ZIP needs only its end-of-central-directory record. */
  if (n_images == 0)
    return g_bytes_new ("PK\005\006\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 22);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

char *
upload_bytes (Fixture    *f,
              GBytes     *bytes,
              const char *content_type)
{
  g_autofree char *initiate = url_of (f->r, "/storage/upload/initiate?storage_type=fal-cdn-v3");
  g_autoptr(Reply) init = POST_JSON (f, initiate, "{\"content_type\":\"application/zip\",\"file_name\":\"data.zip\"}");
  g_autoptr(Reply) put = NULL;

  g_assert_cmpuint (init->status, ==, 200);
  put = http (f, "PUT", str (obj (init), "upload_url"), NULL, content_type,
              g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  g_assert_cmpuint (put->status, ==, 200);

  return g_strdup (str (obj (init), "file_url"));
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) zip = NULL;

  f->fake = lk_fake_fal_new ();
  g_assert_true (lk_fake_fal_start (f->fake, &error));
  g_assert_no_error (error);
  g_assert_true (lk_fake_fal_configure (f->fake,
                                        "{\"timing\":{\"queue_ms\":60,\"progress_ms\":300,"
                                        "\"log_interval_ms\":20,\"keepalive_ms\":15000}}"));
  f->q = lk_fake_fal_get_url (f->fake, LK_FAKE_FAL_QUEUE);
  f->r = lk_fake_fal_get_url (f->fake, LK_FAKE_FAL_REST);
  f->u = lk_fake_fal_get_url (f->fake, LK_FAKE_FAL_UPLOAD);
  f->c = lk_fake_fal_get_url (f->fake, LK_FAKE_FAL_CDN);
  f->ctl = lk_fake_fal_get_url (f->fake, LK_FAKE_FAL_CONTROL);
  f->session = soup_session_new ();
  zip = make_zip (5);
  f->zip_url = upload_bytes (f, zip, "application/zip");
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_assert_finalize_object (f->fake);
  g_free (f->zip_url);
}

char *
submit_json (Fixture    *f,
             const char *app,
             const char *input,
             Reply     **out)
{
  g_autofree char *url = g_strdup_printf ("%s/%s", f->q, app);
  Reply *reply = POST_JSON (f, url, input);
  char *id;

  g_assert_cmpuint (reply->status, ==, 200);
  id = g_strdup (str (obj (reply), "request_id"));
  if (out != NULL)
    *out = reply;
  else
    reply_free (reply);

  return id;
}

char *
submit_fast (Fixture  *f,
             Reply   **out)
{
  g_autofree char *input = g_strdup_printf ("{\"images_data_url\":\"%s\",\"trigger_word\":\"TOK\",\"steps\":500}", f->zip_url);

  return submit_json (f, FAST, input, out);
}

char *
request_url (Fixture    *f,
             const char *base,
             const char *id,
             const char *suffix)
{
  return g_strdup_printf ("%s/%s/requests/%s%s", f->q, base, id, suffix);
}

