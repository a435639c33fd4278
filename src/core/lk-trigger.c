/* lk-trigger.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-trigger"

#include "config.h"

#include <string.h>

#include "lk-trigger.h"

#define TRIGGER_PREFIX "TOK_"
#define TRIGGER_HEX    8

char *
lk_trigger_for_id (const char *uuid)
{
  GString *trigger;

  g_return_val_if_fail (uuid != NULL, NULL);

  trigger = g_string_new (TRIGGER_PREFIX);
  for (const char *p = uuid; *p != '\0' && trigger->len < strlen (TRIGGER_PREFIX) + TRIGGER_HEX; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (trigger, g_ascii_tolower (*p));
    }

  if (trigger->len != strlen (TRIGGER_PREFIX) + TRIGGER_HEX)
    {
      g_string_free (trigger, TRUE);
      return NULL;
    }
  return g_string_free (trigger, FALSE);
}

/**
 * lk_trigger_new:
 *
 * Returns: (transfer full): "TOK_" and 8 lower-case hex characters
 */
char *
lk_trigger_new (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return lk_trigger_for_id (uuid);
}

gboolean
lk_trigger_is_valid (const char *trigger)
{
  if (trigger == NULL || !g_str_has_prefix (trigger, TRIGGER_PREFIX))
    return FALSE;

  trigger += strlen (TRIGGER_PREFIX);
  for (guint i = 0; i < TRIGGER_HEX; i++)
    {
      if (!g_ascii_isxdigit (trigger[i]) || g_ascii_isupper (trigger[i]))
        return FALSE;
    }
  return trigger[TRIGGER_HEX] == '\0';
}
