/* test-log-model.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-core.h"

#define WAIT_LIMIT_USEC (5 * G_USEC_PER_SEC)

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static GArray *
watch (LkLogModel *model)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);

  return changes;
}

/* Runs the main context until the model has announced @n items. */
static void
wait_for_items (LkLogModel *model,
                guint       n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  while (g_list_model_get_n_items (G_LIST_MODEL (model)) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static LkFalLog *
entry_new (const char *timestamp,
           const char *message)
{
  LkFalLog *entry = g_new0 (LkFalLog, 1);

  entry->timestamp = g_strdup (timestamp);
  entry->message = g_strdup (message);
  entry->level = g_strdup ("INFO");
  entry->source = g_strdup ("user");

  return entry;
}

static void
entry_free (gpointer data)
{
  LkFalLog *entry = data;

  g_free (entry->timestamp);
  g_free (entry->message);
  g_free (entry->level);
  g_free (entry->source);
  g_free (entry);
}

/* Lines first..last of a numbered log, as one poll would return them. */
static GPtrArray *
window_new (guint first,
            guint last)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);

  for (guint i = first; i <= last; i++)
    {
      g_autofree char *timestamp = g_strdup_printf ("2026-11-25T08:%02u:%02u.000Z",
                                                    i / 60 % 60, i % 60);
      g_autofree char *message = g_strdup_printf ("step %u", i);

      g_ptr_array_add (entries, entry_new (timestamp, message));
    }

  return entries;
}

static char *
message_at (LkLogModel *model,
            guint       position)
{
  g_autoptr(LkLogLine) line = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (line);

  return g_strdup (lk_log_line_get_message (line));
}

static void
test_batching (void)
{
  g_autoptr(LkLogModel) model = lk_log_model_new ();
  g_autoptr(GArray) changes = watch (model);
  g_autoptr(LkLogLine) line = NULL;
  g_autofree char *message = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == LK_TYPE_LOG_LINE);

  /* Five stream events of 20 lines and ten single lines, within one tick. */
  for (guint b = 0; b < 5; b++)
    {
      g_autoptr(GPtrArray) batch = window_new (b * 20, b * 20 + 19);

      lk_log_model_append_entries (model, batch);
    }
  for (guint i = 100; i < 110; i++)
    {
      g_autofree char *text = g_strdup_printf ("step %u", i);

      lk_log_model_append (model, NULL, "INFO", text);
    }

  /* Nothing is announced until the main context runs the flush. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (changes->len, ==, 0);

  wait_for_items (model, 110);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 110);

  line = g_list_model_get_item (G_LIST_MODEL (model), 21);
  g_assert_cmpstr (lk_log_line_get_message (line), ==, "step 21");
  g_assert_cmpstr (lk_log_line_get_level (line), ==, "INFO");
  g_assert_cmpstr (lk_log_line_get_timestamp (line), ==, "2026-11-25T08:00:21.000Z");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 110));
  message = message_at (model, 105);
  g_assert_cmpstr (message, ==, "step 105");

  /* The next batch is one more change at the end. */
  lk_log_model_append (model, NULL, NULL, "after");
  lk_log_model_append (model, NULL, NULL, "after 2");
  wait_for_items (model, 112);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (changes, Change, 1).position, ==, 110);
  g_assert_cmpuint (g_array_index (changes, Change, 1).added, ==, 2);

  /* An explicit flush announces at once, and the timer then finds nothing. */
  lk_log_model_append (model, NULL, NULL, "now");
  lk_log_model_flush (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 113);
  g_assert_cmpuint (changes->len, ==, 3);
  lk_log_model_flush (model);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes->len, ==, 3);

  g_signal_handlers_disconnect_by_func (model, items_changed_cb, changes);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_dedupe (void)
{
  g_autoptr(LkLogModel) model = lk_log_model_new ();
  g_autoptr(GArray) changes = watch (model);
  g_autoptr(GPtrArray) w1 = window_new (0, 19);
  g_autoptr(GPtrArray) w2 = window_new (7, 26);
  g_autoptr(GPtrArray) w3 = window_new (14, 33);
  g_autoptr(GPtrArray) w4 = window_new (30, 33);
  g_autoptr(GPtrArray) gap = window_new (60, 79);
  g_autoptr(GPtrArray) repeat = g_ptr_array_new_with_free_func (entry_free);

  /* fal's status returns the last 20 lines on every poll. */
  g_assert_cmpuint (lk_log_model_append_window (model, w1), ==, 20);
  g_assert_cmpuint (lk_log_model_append_window (model, w2), ==, 7);
  /* Overlaps with lines not yet flushed are found too. */
  lk_log_model_flush (model);
  g_assert_cmpuint (lk_log_model_append_window (model, w3), ==, 7);
  g_assert_cmpuint (lk_log_model_append_window (model, w4), ==, 0);
  /* After a missed poll the window shares nothing: all of it is new. */
  g_assert_cmpuint (lk_log_model_append_window (model, gap), ==, 20);

  wait_for_items (model, 54);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 54);
  for (guint i = 0; i < 54; i++)
    {
      g_autofree char *message = message_at (model, i);
      g_autofree char *expected = g_strdup_printf ("step %u", i < 34 ? i : i - 34 + 60);

      g_assert_cmpstr (message, ==, expected);
    }

  /* The same message at another time is another line; the same line
   * twice in a row within a window is kept twice. */
  g_ptr_array_add (repeat, entry_new ("2026-11-25T09:00:00.000Z", "step 79"));
  g_ptr_array_add (repeat, entry_new ("2026-11-25T09:00:01.000Z", "same"));
  g_ptr_array_add (repeat, entry_new ("2026-11-25T09:00:01.000Z", "same"));
  g_assert_cmpuint (lk_log_model_append_window (model, repeat), ==, 3);
  g_ptr_array_remove_index (repeat, 0);
  g_assert_cmpuint (lk_log_model_append_window (model, repeat), ==, 0);
  lk_log_model_flush (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 57);

  g_signal_handlers_disconnect_by_func (model, items_changed_cb, changes);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_tail_and_text (void)
{
  g_autoptr(LkLogModel) model = lk_log_model_new ();
  g_autoptr(GPtrArray) lines = window_new (0, 999);
  g_auto(GStrv) tail = NULL;
  g_auto(GStrv) short_tail = NULL;
  g_autofree char *text = NULL;
  g_autoptr(LkLogModel) small = lk_log_model_new ();

  lk_log_model_append_entries (model, lines);

  /* The tail includes lines not yet announced. */
  tail = lk_log_model_dup_tail (model, 200);
  g_assert_cmpuint (g_strv_length (tail), ==, 200);
  g_assert_cmpstr (tail[0], ==, "2026-11-25T08:13:20.000Z step 800");
  g_assert_cmpstr (tail[199], ==, "2026-11-25T08:16:39.000Z step 999");

  lk_log_model_append (small, NULL, "ERROR", "Traceback");
  lk_log_model_append (small, "", NULL, "CUDA out of memory");
  short_tail = lk_log_model_dup_tail (small, 200);
  g_assert_cmpuint (g_strv_length (short_tail), ==, 2);
  g_assert_cmpstr (short_tail[1], ==, "CUDA out of memory");

  text = lk_log_model_dup_text (small);
  g_assert_cmpstr (text, ==, "Traceback\nCUDA out of memory\n");

  g_assert_finalize_object (g_steal_pointer (&small));
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_search (void)
{
  g_autoptr(LkLogModel) model = lk_log_model_new ();
  guint position = G_MAXUINT;

  lk_log_model_append (model, NULL, NULL, "Loading dataset");
  lk_log_model_append (model, NULL, NULL, "Step 10/2500 loss=0.12");
  lk_log_model_append (model, NULL, NULL, "Обучение: шаг 20");
  lk_log_model_append (model, NULL, NULL, "step 30/2500 loss=0.10");

  /* Only announced lines are searched. */
  g_assert_false (lk_log_model_search (model, "step", 0, &position));
  lk_log_model_flush (model);

  g_assert_true (lk_log_model_search (model, "STEP", 0, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (lk_log_model_search (model, "step", position + 1, &position));
  g_assert_cmpuint (position, ==, 3);
  g_assert_false (lk_log_model_search (model, "step", position + 1, &position));
  g_assert_cmpuint (position, ==, 3);
  g_assert_true (lk_log_model_search (model, "ШАГ", 0, &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_false (lk_log_model_search (model, "missing", 0, NULL));
  g_assert_false (lk_log_model_search (model, "", 0, NULL));
  g_assert_false (lk_log_model_search (model, "step", 100, NULL));

  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_cap (void)
{
  g_autoptr(LkLogModel) model = lk_log_model_new ();
  g_autoptr(GArray) changes = watch (model);
  g_autoptr(GPtrArray) first = window_new (0, 249);
  g_autoptr(GPtrArray) more = window_new (250, 259);
  g_autofree char *oldest = NULL;
  g_autofree char *newest = NULL;
  guint notifies = 0;

  g_signal_connect (model, "notify::max-lines", G_CALLBACK (count_notify_cb), &notifies);
  g_assert_cmpuint (lk_log_model_get_max_lines (model), ==, 0);
  lk_log_model_set_max_lines (model, 100);
  lk_log_model_set_max_lines (model, 100);
  g_assert_cmpuint (lk_log_model_get_max_lines (model), ==, 100);
  g_assert_cmpuint (notifies, ==, 1);

  lk_log_model_append_entries (model, first);
  wait_for_items (model, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 100);
  oldest = message_at (model, 0);
  g_assert_cmpstr (oldest, ==, "step 150");

  /* Dropping old lines and adding new ones: two changes. */
  lk_log_model_append_entries (model, more);
  lk_log_model_flush (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (changes, Change, 1).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 1).removed, ==, 10);
  g_assert_cmpuint (g_array_index (changes, Change, 2).position, ==, 90);
  g_assert_cmpuint (g_array_index (changes, Change, 2).added, ==, 10);
  g_clear_pointer (&oldest, g_free);
  oldest = message_at (model, 0);
  g_assert_cmpstr (oldest, ==, "step 160");
  newest = message_at (model, 99);
  g_assert_cmpstr (newest, ==, "step 259");

  /* Lowering the limit drops the oldest at once, with one change. */
  g_object_set (model, "max-lines", 40, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 40);
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpuint (g_array_index (changes, Change, 3).removed, ==, 60);
  g_clear_pointer (&oldest, g_free);
  oldest = message_at (model, 0);
  g_assert_cmpstr (oldest, ==, "step 220");

  /* Back to no limit keeps what is there. */
  lk_log_model_set_max_lines (model, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 40);
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpuint (notifies, ==, 3);

  g_signal_handlers_disconnect_by_func (model, items_changed_cb, changes);
  g_signal_handlers_disconnect_by_func (model, count_notify_cb, &notifies);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_bounded_lines (void)
{
  g_autoptr(LkLogModel) model = lk_log_model_new ();
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *message = NULL;
  g_autofree char *fixed = NULL;

  /* Two-byte characters, so the cut must fall between them. */
  for (guint i = 0; i < 50000; i++)
    g_string_append (huge, "ж");

  lk_log_model_append (model, NULL, NULL, huge->str);
  lk_log_model_append (model, NULL, NULL, "bad \xff\xfe bytes");
  lk_log_model_append (model, NULL, NULL, NULL);
  lk_log_model_flush (model);

  message = message_at (model, 0);
  g_assert_cmpuint (strlen (message), <=, LK_LOG_LINE_MAX_BYTES);
  g_assert_cmpuint (strlen (message), >, LK_LOG_LINE_MAX_BYTES - 8);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_true (g_str_has_suffix (message, "…"));

  fixed = message_at (model, 1);
  g_assert_true (g_utf8_validate (fixed, -1, NULL));
  g_assert_true (g_str_has_prefix (fixed, "bad "));
  g_assert_true (g_str_has_suffix (fixed, " bytes"));

  g_clear_pointer (&message, g_free);
  message = message_at (model, 2);
  g_assert_cmpstr (message, ==, "");

  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_pending_on_dispose (void)
{
  LkLogModel *model = lk_log_model_new ();

  /* A model dropped with lines pending frees them and its timer. */
  lk_log_model_append (model, NULL, NULL, "never shown");
  g_assert_finalize_object (model);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/likeness/log-model/batching", test_batching);
  g_test_add_func ("/likeness/log-model/dedupe", test_dedupe);
  g_test_add_func ("/likeness/log-model/tail", test_tail_and_text);
  g_test_add_func ("/likeness/log-model/search", test_search);
  g_test_add_func ("/likeness/log-model/cap", test_cap);
  g_test_add_func ("/likeness/log-model/bounded-lines", test_bounded_lines);
  g_test_add_func ("/likeness/log-model/pending-on-dispose", test_pending_on_dispose);

  return g_test_run ();
}
