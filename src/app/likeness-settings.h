/* likeness-settings.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GSettings schema and its keys, named once. The schema id does not
 * change with the build profile (see data/meson.build).
 */

#pragma once

#define LIKENESS_SETTINGS_SCHEMA_ID            "io.github.likeness.Likeness"

#define LIKENESS_SETTINGS_PROXY_URL            "proxy-url"
#define LIKENESS_SETTINGS_DOWNLOAD_FOLDER      "download-folder"
#define LIKENESS_SETTINGS_DOWNSCALE_LONG_SIDE  "downscale-long-side"
#define LIKENESS_SETTINGS_SPENDING_CAP_USD     "spending-cap-usd"
#define LIKENESS_SETTINGS_SPENDING_CAP_MODE    "spending-cap-mode"
#define LIKENESS_SETTINGS_CONFIRM_THRESHOLD    "confirm-threshold-usd"
#define LIKENESS_SETTINGS_WINDOW_WIDTH         "window-width"
#define LIKENESS_SETTINGS_WINDOW_HEIGHT        "window-height"
#define LIKENESS_SETTINGS_WINDOW_MAXIMIZED     "window-maximized"

/* The icon shipped in the resources; its name does not change with the
 * profile either, so the uninstalled Devel build finds it too. */
#define LIKENESS_ICON_NAME                     "io.github.likeness.Likeness"

#define LIKENESS_KEY_PAGE_URL                  "https://fal.ai/dashboard/keys"
#define LIKENESS_WEBSITE_URL                   "https://github.com/likeness/likeness"
#define LIKENESS_ISSUE_URL                     "https://github.com/likeness/likeness/issues"
