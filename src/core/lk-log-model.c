/* lk-log-model.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job's log as a GListModel. Lines are kept as small structs (one block
 * for timestamp and message, an interned level) and become LkLogLine
 * objects only when a view asks for an item. Appends are gathered for
 * LK_LOG_MODEL_FLUSH_MSEC and announced with one items-changed, so a fast
 * stream costs the view one update per tick rather than one per line.
 *
 * The model belongs to the main context that was the thread-default one
 * when it was made; call it from there only, as with GListStore.
 */

#define G_LOG_DOMAIN "lk-log-model"

#include "config.h"

#include <string.h>

#include "lk-fal-status.h"
#include "lk-log-model.h"

typedef struct
{
  char       *data;            /* (owned): timestamp, NUL, message, NUL */
  const char *level;           /* (nullable): interned */
  guint32     message_offset;
} Line;

struct _LkLogModel
{
  GObject       parent_instance;

  GArray       *lines;         /* (owned) (element-type Line): announced */
  GArray       *pending;       /* (owned) (element-type Line): not yet */
  guint         max_lines;     /* 0 for no limit */

  GMainContext *context;       /* (owned) */
  GSource      *flush_source;  /* (owned) (nullable) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkLogModel, lk_log_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MAX_LINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char ellipsis[] = "…";

static inline const char *
line_timestamp (const Line *line)
{
  return line->data;
}

static inline const char *
line_message (const Line *line)
{
  return line->data + line->message_offset;
}

/* Valid UTF-8, at most LK_LOG_LINE_MAX_BYTES, cut on a character. */
static char *
dup_bounded (const char *text)
{
  g_autofree char *valid = NULL;
  gsize len;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  len = strlen (text);
  if (len <= LK_LOG_LINE_MAX_BYTES)
    return g_strdup (text);

  len = LK_LOG_LINE_MAX_BYTES - strlen (ellipsis);
  while (len > 0 && ((guchar) text[len] & 0xc0) == 0x80)
    len--;

  {
    g_autofree char *head = g_strndup (text, len);

    return g_strconcat (head, ellipsis, NULL);
  }
}

static void
line_init (Line       *line,
           const char *timestamp,
           const char *level,
           const char *message)
{
  g_autofree char *ts = dup_bounded (timestamp);
  g_autofree char *msg = NULL;
  gsize ts_len = strlen (ts);
  gsize msg_len;

  /* The common case needs no copy of the message before the final one. */
  if (message != NULL && strlen (message) <= LK_LOG_LINE_MAX_BYTES &&
      g_utf8_validate (message, -1, NULL))
    msg_len = strlen (message);
  else
    {
      msg = dup_bounded (message);
      message = msg;
      msg_len = strlen (msg);
    }

  line->data = g_malloc (ts_len + 1 + msg_len + 1);
  memcpy (line->data, ts, ts_len + 1);
  memcpy (line->data + ts_len + 1, message, msg_len + 1);
  line->message_offset = ts_len + 1;
  line->level = level != NULL && *level != '\0' ? g_intern_string (level) : NULL;
}

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_clear_pointer (&line->data, g_free);
}

static gboolean
line_same (const Line *a,
           const Line *b)
{
  return a->message_offset == b->message_offset &&
         strcmp (line_timestamp (a), line_timestamp (b)) == 0 &&
         strcmp (line_message (a), line_message (b)) == 0;
}

static void
append_formatted (GString    *out,
                  const Line *line)
{
  if (line->message_offset > 1)
    {
      g_string_append (out, line_timestamp (line));
      g_string_append_c (out, ' ');
    }
  g_string_append (out, line_message (line));
}

static GType
lk_log_model_get_item_type (GListModel *model)
{
  return LK_TYPE_LOG_LINE;
}

static guint
lk_log_model_get_n_items (GListModel *model)
{
  return LK_LOG_MODEL (model)->lines->len;
}

static gpointer
lk_log_model_get_item (GListModel *model,
                       guint       position)
{
  LkLogModel *self = LK_LOG_MODEL (model);
  const Line *line;

  if (position >= self->lines->len)
    return NULL;

  line = &g_array_index (self->lines, Line, position);

  return lk_log_line_new (line_timestamp (line), line->level, line_message (line));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lk_log_model_get_item_type;
  iface->get_n_items = lk_log_model_get_n_items;
  iface->get_item = lk_log_model_get_item;
}

/* Drops the oldest announced lines beyond the limit; returns how many. */
static guint
trim_lines (LkLogModel *self)
{
  guint excess;

  if (self->max_lines == 0 || self->lines->len <= self->max_lines)
    return 0;

  excess = self->lines->len - self->max_lines;
  g_array_remove_range (self->lines, 0, excess);

  return excess;
}

/* Drops pending lines that the limit would drop anyway, so memory stays
 * bounded even when the main loop is slow to flush. */
static void
trim_pending (LkLogModel *self,
              guint       keep)
{
  guint excess;

  if (self->pending->len <= keep)
    return;

  excess = self->pending->len - keep;
  for (guint i = 0; i < excess; i++)
    line_clear (&g_array_index (self->pending, Line, i));
  g_array_remove_range (self->pending, 0, excess);
}

/**
 * lk_log_model_flush:
 * @self: a log model
 *
 * Announces the lines appended since the last flush now, rather than when
 * the coalescing timer fires. The lines appear at the end with one
 * items-changed, preceded by one for the oldest lines when the limit
 * drops some.
 */
void
lk_log_model_flush (LkLogModel *self)
{
  guint old_n;
  guint added;
  guint removed;

  g_return_if_fail (LK_IS_LOG_MODEL (self));

  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }

  if (self->pending->len == 0)
    return;

  if (self->max_lines > 0)
    trim_pending (self, self->max_lines);

  old_n = self->lines->len;
  added = self->pending->len;

  /* The structs move; their strings change owner with them. */
  g_array_append_vals (self->lines, self->pending->data, added);
  g_array_set_size (self->pending, 0);

  removed = trim_lines (self);

  if (removed == 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, added);
  else if (removed >= old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->lines->len);
  else
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), old_n - removed, 0, added);
    }
}

static gboolean
flush_cb (gpointer data)
{
  LkLogModel *self = data;

  /* flush () destroys the source; keep it alive until we return. */
  g_autoptr(GSource) source = g_source_ref (self->flush_source);

  lk_log_model_flush (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_flush (LkLogModel *self)
{
  if (self->flush_source != NULL)
    return;

  self->flush_source = g_timeout_source_new (LK_LOG_MODEL_FLUSH_MSEC);
  g_source_set_callback (self->flush_source, flush_cb, self, NULL);
  g_source_set_static_name (self->flush_source, "[lk-log-model] flush");
  g_source_attach (self->flush_source, self->context);
}

static void
push_line (LkLogModel *self,
           Line       *line)
{
  g_array_append_val (self->pending, *line);

  if (self->max_lines > 0 && self->pending->len >= 2 * self->max_lines)
    trim_pending (self, self->max_lines);
}

static void
lk_log_model_dispose (GObject *object)
{
  LkLogModel *self = (LkLogModel *)object;

  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }

  G_OBJECT_CLASS (lk_log_model_parent_class)->dispose (object);
}

static void
lk_log_model_finalize (GObject *object)
{
  LkLogModel *self = (LkLogModel *)object;

  g_clear_pointer (&self->lines, g_array_unref);
  for (guint i = 0; i < self->pending->len; i++)
    line_clear (&g_array_index (self->pending, Line, i));
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (lk_log_model_parent_class)->finalize (object);
}

static void
lk_log_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkLogModel *self = LK_LOG_MODEL (object);

  switch (prop_id)
    {
    case PROP_MAX_LINES:
      g_value_set_uint (value, self->max_lines);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_log_model_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LkLogModel *self = LK_LOG_MODEL (object);

  switch (prop_id)
    {
    case PROP_MAX_LINES:
      lk_log_model_set_max_lines (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_log_model_class_init (LkLogModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_log_model_dispose;
  object_class->finalize = lk_log_model_finalize;
  object_class->get_property = lk_log_model_get_property;
  object_class->set_property = lk_log_model_set_property;

  /**
   * LkLogModel:max-lines:
   *
   * How many lines to keep, the newest; 0 keeps all.
   */
  properties[PROP_MAX_LINES] =
    g_param_spec_uint ("max-lines", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_log_model_init (LkLogModel *self)
{
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (self->lines, line_clear);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Line));
  self->context = g_main_context_ref_thread_default ();
}

/**
 * lk_log_model_new:
 *
 * Returns: (transfer full): a new, empty log model without a line limit
 */
LkLogModel *
lk_log_model_new (void)
{
  return g_object_new (LK_TYPE_LOG_MODEL, NULL);
}

guint
lk_log_model_get_max_lines (LkLogModel *self)
{
  g_return_val_if_fail (LK_IS_LOG_MODEL (self), 0);

  return self->max_lines;
}

/**
 * lk_log_model_set_max_lines:
 * @self: a log model
 * @max_lines: how many lines to keep, the newest; 0 keeps all
 *
 * Lowering the limit drops the oldest lines at once.
 */
void
lk_log_model_set_max_lines (LkLogModel *self,
                            guint       max_lines)
{
  guint removed;

  g_return_if_fail (LK_IS_LOG_MODEL (self));

  if (self->max_lines == max_lines)
    return;

  self->max_lines = max_lines;

  if (max_lines > 0)
    trim_pending (self, max_lines);

  removed = trim_lines (self);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LINES]);
}

/**
 * lk_log_model_append:
 * @self: a log model
 * @timestamp: (nullable): when the line was logged, as fal wrote it
 * @level: (nullable): its level, such as `INFO`
 * @message: (nullable): its text; cut to %LK_LOG_LINE_MAX_BYTES
 *
 * Adds a line. It appears in the model at the next flush, at most
 * %LK_LOG_MODEL_FLUSH_MSEC later.
 */
void
lk_log_model_append (LkLogModel *self,
                     const char *timestamp,
                     const char *level,
                     const char *message)
{
  Line line;

  g_return_if_fail (LK_IS_LOG_MODEL (self));

  line_init (&line, timestamp, level, message);
  push_line (self, &line);
  schedule_flush (self);
}

/**
 * lk_log_model_append_entries:
 * @self: a log model
 * @entries: (element-type LkFalLog): new lines, oldest first
 *
 * Adds every entry, as the status stream delivers them: each event carries
 * only lines not sent before.
 */
void
lk_log_model_append_entries (LkLogModel *self,
                             GPtrArray  *entries)
{
  g_return_if_fail (LK_IS_LOG_MODEL (self));
  g_return_if_fail (entries != NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const LkFalLog *entry = g_ptr_array_index (entries, i);
      Line line;

      line_init (&line, entry->timestamp, entry->level, entry->message);
      push_line (self, &line);
    }

  if (entries->len > 0)
    schedule_flush (self);
}

static const Line *
nth_line (LkLogModel *self,
          guint       index)
{
  if (index < self->lines->len)
    return &g_array_index (self->lines, Line, index);

  return &g_array_index (self->pending, Line, index - self->lines->len);
}

/**
 * lk_log_model_append_window:
 * @self: a log model
 * @entries: (element-type LkFalLog): the last lines of the log, oldest first
 *
 * Adds the lines of a sliding window that the model does not have yet. A
 * status poll returns the last N lines each time, so consecutive windows
 * overlap; the longest run of lines at the end of the model that matches
 * the start of @entries (by timestamp and message) is skipped. A window
 * that does not overlap is added whole.
 *
 * Returns: how many lines were added
 */
guint
lk_log_model_append_window (LkLogModel *self,
                            GPtrArray  *entries)
{
  g_autoptr(GArray) fresh = NULL;
  guint total;
  guint overlap = 0;
  guint added;

  g_return_val_if_fail (LK_IS_LOG_MODEL (self), 0);
  g_return_val_if_fail (entries != NULL, 0);

  if (entries->len == 0)
    return 0;

  /* Compare the lines as stored: cut and made valid in the same way. */
  fresh = g_array_sized_new (FALSE, FALSE, sizeof (Line), entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const LkFalLog *entry = g_ptr_array_index (entries, i);
      Line line;

      line_init (&line, entry->timestamp, entry->level, entry->message);
      g_array_append_val (fresh, line);
    }

  total = self->lines->len + self->pending->len;

  for (guint o = MIN (fresh->len, total); o > 0 && overlap == 0; o--)
    {
      gboolean match = TRUE;

      for (guint j = 0; j < o && match; j++)
        match = line_same (nth_line (self, total - o + j), &g_array_index (fresh, Line, j));

      if (match)
        overlap = o;
    }

  for (guint i = 0; i < overlap; i++)
    line_clear (&g_array_index (fresh, Line, i));

  added = fresh->len - overlap;
  for (guint i = overlap; i < fresh->len; i++)
    push_line (self, &g_array_index (fresh, Line, i));

  if (added > 0)
    schedule_flush (self);

  return added;
}

/* ASCII case-insensitive strstr, for the common all-ASCII search. */
static gboolean
ascii_contains (const char *haystack,
                const char *needle,
                gsize       needle_len)
{
  for (const char *p = haystack; *p != '\0'; p++)
    {
      if (g_ascii_tolower (*p) == needle[0] &&
          g_ascii_strncasecmp (p, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

/**
 * lk_log_model_search:
 * @self: a log model
 * @text: what to look for, ignoring case
 * @from: the first position to look at
 * @position: (out) (optional): where the first match is
 *
 * Finds the first line at or after @from whose message contains @text.
 * Only lines already in the model are searched.
 *
 * Returns: whether a line matched
 */
gboolean
lk_log_model_search (LkLogModel *self,
                     const char *text,
                     guint       from,
                     guint      *position)
{
  g_autofree char *needle = NULL;
  gboolean ascii;
  gsize needle_len;

  g_return_val_if_fail (LK_IS_LOG_MODEL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), FALSE);

  if (*text == '\0')
    return FALSE;

  ascii = is_ascii (text);
  needle = ascii ? g_ascii_strdown (text, -1) : g_utf8_casefold (text, -1);
  needle_len = strlen (needle);

  for (guint i = from; i < self->lines->len; i++)
    {
      const char *message = line_message (&g_array_index (self->lines, Line, i));
      gboolean found;

      if (ascii)
        found = ascii_contains (message, needle, needle_len);
      else
        {
          g_autofree char *folded = g_utf8_casefold (message, -1);

          found = strstr (folded, needle) != NULL;
        }

      if (found)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * lk_log_model_dup_text:
 * @self: a log model
 *
 * Flushes, then joins every line ("timestamp message") with newlines, for
 * "Copy Log" and "Save Log".
 *
 * Returns: (transfer full): the whole log
 */
char *
lk_log_model_dup_text (LkLogModel *self)
{
  GString *out;

  g_return_val_if_fail (LK_IS_LOG_MODEL (self), NULL);

  lk_log_model_flush (self);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->lines->len; i++)
    {
      append_formatted (out, &g_array_index (self->lines, Line, i));
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/**
 * lk_log_model_dup_tail:
 * @self: a log model
 * @n_lines: how many lines at most
 *
 * Flushes, then copies the last @n_lines lines, formatted as in
 * lk_log_model_dup_text(); what a failure report keeps.
 *
 * Returns: (transfer full): the lines, oldest first
 */
GStrv
lk_log_model_dup_tail (LkLogModel *self,
                       guint       n_lines)
{
  GStrv tail;
  guint start;
  guint n;

  g_return_val_if_fail (LK_IS_LOG_MODEL (self), NULL);

  lk_log_model_flush (self);

  n = MIN (n_lines, self->lines->len);
  start = self->lines->len - n;
  tail = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      GString *out = g_string_new (NULL);

      append_formatted (out, &g_array_index (self->lines, Line, start + i));
      tail[i] = g_string_free (out, FALSE);
    }

  return tail;
}
