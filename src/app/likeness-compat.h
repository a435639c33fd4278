/* likeness-compat.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every split between Debian 12's GTK 4.8 / libadwaita 1.2 and newer
 * versions lives behind these helpers, so call sites never see an #if.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void likeness_show_uri (GtkWindow  *parent,
                        const char *uri);

G_END_DECLS
