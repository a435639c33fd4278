/* lk-fake-fal-assets.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-fake-fal-assets"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdio.h>
#include <string.h>

#include "lk-fake-fal-private.h"

/* Output files with real bytes (a small .safetensors, PNG/JPEG images) and
 * the training ZIP check. Everything is derived from a seed string, so equal
 * inputs give byte-identical files. */

#define N_TENSORS   4
#define TENSOR_ROWS 4
#define TENSOR_COLS 64

GBytes *
_lk_fake_fal_make_safetensors (const char *seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (seed));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *header = NULL;
  GByteArray *out = g_byte_array_new ();
  gsize tensor_bytes = TENSOR_ROWS * TENSOR_COLS * sizeof (float);
  gsize header_len;
  guint64 header_len_le;
  GString *padded;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "__metadata__");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "pt");
  json_builder_set_member_name (builder, "ss_network_dim");
  json_builder_add_string_value (builder, "4");
  json_builder_end_object (builder);
  for (guint i = 0; i < N_TENSORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("transformer.single_transformer_blocks.%u.attn.to_q.lora_%c.weight",
                                               i / 2, i % 2 == 0 ? 'A' : 'B');

      json_builder_set_member_name (builder, name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "dtype");
      json_builder_add_string_value (builder, "F32");
      json_builder_set_member_name (builder, "shape");
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, i % 2 == 0 ? TENSOR_ROWS : TENSOR_COLS);
      json_builder_add_int_value (builder, i % 2 == 0 ? TENSOR_COLS : TENSOR_ROWS);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "data_offsets");
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, i * tensor_bytes);
      json_builder_add_int_value (builder, (i + 1) * tensor_bytes);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  header = json_to_string (root, FALSE);

  /* The format wants the data to start 8-byte aligned; pad with spaces. */
  padded = g_string_new (header);
  while (padded->len % 8 != 0)
    g_string_append_c (padded, ' ');
  header_len = padded->len;
  header_len_le = GUINT64_TO_LE ((guint64) header_len);
  g_byte_array_append (out, (const guint8 *) &header_len_le, 8);
  g_byte_array_append (out, (const guint8 *) padded->str, padded->len);
  g_string_free (padded, TRUE);

  for (guint i = 0; i < N_TENSORS * TENSOR_ROWS * TENSOR_COLS; i++)
    {
      union { float f; guint32 u; } value;

      value.f = (float) g_rand_double_range (rand, -0.02, 0.02);
      value.u = GUINT32_TO_LE (value.u);
      g_byte_array_append (out, (const guint8 *) &value.u, 4);
    }

  return g_byte_array_free_to_bytes (out);
}

GBytes *
_lk_fake_fal_make_image (int         width,
                         int         height,
                         gboolean    png,
                         const char *seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint hash = g_str_hash (seed);
  guint32 background = (hash & 0xffffff00) | 0xff;
  guint32 square = ((~hash) & 0xffffff00) | 0xff;
  g_autoptr(GdkPixbuf) sub = NULL;
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, background);
  sub = gdk_pixbuf_new_subpixbuf (pixbuf, width / 4, height / 4, MAX (1, width / 2), MAX (1, height / 2));
  gdk_pixbuf_fill (sub, square);

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, png ? "png" : "jpeg", &error,
                                  png ? NULL : "quality", png ? NULL : "85", NULL))
    g_error ("Cannot encode a fake image: %s", error->message);

  return g_bytes_new_take (buffer, size);
}

/* libarchive reads the stored file across its segments. */
typedef struct
{
  FakeFile *file;
  guint     segment;
  FILE     *fp;
  char      buffer[64 * 1024];
} ZipReader;

static la_ssize_t
zip_read_cb (struct archive *archive,
             void           *user_data,
             const void    **out)
{
  ZipReader *reader = user_data;

  while (reader->segment < reader->file->segments->len)
    {
      size_t n;

      if (reader->fp == NULL)
        reader->fp = fopen (g_ptr_array_index (reader->file->segments, reader->segment), "rb");
      if (reader->fp == NULL)
        return -1;

      n = fread (reader->buffer, 1, sizeof reader->buffer, reader->fp);
      if (n > 0)
        {
          *out = reader->buffer;
          return n;
        }
      fclose (reader->fp);
      reader->fp = NULL;
      reader->segment++;
    }

  return 0;
}

static int
zip_close_cb (struct archive *archive,
              void           *user_data)
{
  ZipReader *reader = user_data;

  if (reader->fp != NULL)
    fclose (reader->fp);
  reader->fp = NULL;

  return ARCHIVE_OK;
}

static gboolean
is_image_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".jpg") ||
         g_str_has_suffix (lower, ".jpeg") || g_str_has_suffix (lower, ".webp");
}

gboolean
_lk_fake_fal_inspect_zip (FakeFile  *file,
                          guint     *n_images,
                          char     **error)
{
  g_autofree ZipReader *reader = g_new0 (ZipReader, 1);
  struct archive *archive;
  struct archive_entry *entry;
  char magic[4] = { 0 };
  FILE *fp;
  int r;

  *n_images = 0;
  if (file->segments->len == 0 || file->size < 4)
    {
      *error = g_strdup ("the file is empty");
      return FALSE;
    }

  fp = fopen (g_ptr_array_index (file->segments, 0), "rb");
  if (fp == NULL || fread (magic, 1, 4, fp) != 4 ||
      (memcmp (magic, "PK\003\004", 4) != 0 && memcmp (magic, "PK\005\006", 4) != 0))
    {
      if (fp != NULL)
        fclose (fp);
      *error = g_strdup ("missing ZIP signature");
      return FALSE;
    }
  fclose (fp);

  reader->file = file;
  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  if (archive_read_open (archive, reader, NULL, zip_read_cb, zip_close_cb) != ARCHIVE_OK)
    {
      const char *reason = archive_error_string (archive);

      *error = g_strdup (reason != NULL ? reason : "unreadable archive");
      archive_read_free (archive);
      return FALSE;
    }

  while ((r = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      if (name != NULL && g_str_has_prefix (name, "./"))
        name += 2;
      if (name != NULL && archive_entry_filetype (entry) == AE_IFREG &&
          strchr (name, '/') == NULL && is_image_name (name))
        (*n_images)++;
      archive_read_data_skip (archive);
    }

  if (r != ARCHIVE_EOF)
    {
      const char *reason = archive_error_string (archive);

      *error = g_strdup_printf ("damaged archive (%s)", reason != NULL ? reason : "read error");
      archive_read_free (archive);
      return FALSE;
    }

  archive_read_free (archive);
  return TRUE;
}
