#!/bin/sh
# screenshots.sh BUILD_DIR [OUTPUT_DIR]
#
# Copyright 2026 The Likeness developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the screenshots the metainfo points at, in English and in Russian,
# at 1280×800 and 360×720: the empty window, each step of the flow (Photos,
# Trainer, Training, Result) and the preferences. It builds nothing: run
# `meson compile -C BUILD_DIR` first, so that BUILD_DIR/po holds the compiled
# translations (LIKENESS_LOCALEDIR overrides where they are read from). Each
# shot runs on its own Xvfb server with throwaway settings and never talks to
# the network: the app itself for the empty window and the preferences, and
# BUILD_DIR/tests/screenshot-steps for the steps, which drives the real
# window through a training against the in-process fake fal.
#
# Needs: xvfb-run, dbus-run-session, gnome-keyring-daemon, gapplication,
# xwininfo and ImageMagick (import, convert). For Russian it uses an installed
# ru_RU.UTF-8 locale, or compiles one with localedef into a temporary folder.

set -eu

die () {
  echo "screenshots.sh: $*" >&2
  exit 1
}

# Waits until a top-level window with the given title is mapped and prints
# its X id. Bounded, so a crash shows up as an error rather than a hang.
wait_for_window () {
  i=0
  while [ $i -lt 100 ]; do
    id=$(xwininfo -root -tree 2>/dev/null | grep -F "\"$1\"" | awk '{ print $1; exit }')
    if [ -n "$id" ] && xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      echo "$id"
      return 0
    fi
    i=$((i + 1))
    sleep 0.1
  done
  return 1
}

# The part that runs inside Xvfb and the private session bus.
inside () {
  view=$1 width=$2 height=$3 output=$4

  export XDG_CONFIG_HOME="$work/config-$$"
  export HOME="$work/home-$$"
  export XDG_DATA_HOME="$HOME/.local/share"
  export XDG_CACHE_HOME="$work/cache-$$"
  mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
  cat > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOF
[io/github/likeness/Likeness]
window-width=$width
window-height=$height
EOF

  # An empty, unlocked keyring: the preferences show the first-run state.
  printf 'screenshots' | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null

  export GSETTINGS_BACKEND=keyfile
  export GSETTINGS_SCHEMA_DIR="$build/data"
  export LIKENESS_LOCALEDIR="$localedir"
  export LIKENESS_FAL_URLS="queue=http://127.0.0.1:9,rest=http://127.0.0.1:9"
  export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
  unset FAL_KEY FAL_KEY_ID FAL_KEY_SECRET

  case $view in
    photos|trainer|start|training|result|preferences-training)
      # The steps render themselves once their state is reached.
      "$build/tests/screenshot-steps" "$view" "$width" "$height" "$work/photos" "$output"
      return 0
      ;;
  esac

  "$app" &
  app_pid=$!

  main_id=$(wait_for_window Likeness) || die "the window did not appear"
  target=root

  if [ "$view" = preferences ]; then
    gapplication action "$app_id" preferences
    prefs_title=$(TEXTDOMAINDIR="$localedir" gettext -d likeness Preferences)
    target=$(wait_for_window "$prefs_title") || die "the preferences did not appear"
  fi

  # Let the scan finish and the last frame reach the X server.
  sleep 1.5
  import -window "$target" "$output"

  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
}

if [ "${1-}" = --inside ]; then
  shift
  build=$1 work=$2 app_id=$3 localedir=$4
  app="$build/src/app/likeness"
  shift 4
  inside "$@"
  exit 0
fi

[ $# -ge 1 ] || die "usage: screenshots.sh BUILD_DIR [OUTPUT_DIR]"

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(dirname "$here")
build=$(cd "$1" && pwd)
out=${2:-$srcdir/data/screenshots}
app="$build/src/app/likeness"

localedir=${LIKENESS_LOCALEDIR:-$build/po}

[ -x "$app" ] || die "no $app: run meson compile -C $1 first"
[ -x "$build/tests/screenshot-steps" ] || die "no $build/tests/screenshot-steps: run meson compile -C $1 first"
[ -f "$localedir/ru/LC_MESSAGES/likeness.mo" ] || die "no Russian catalog in $localedir: run meson compile -C $1 first"
for tool in xvfb-run dbus-run-session gnome-keyring-daemon gapplication xwininfo import convert; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

app_id=$(sed -n 's/^#define APP_ID "\(.*\)"$/\1/p' "$build/config.h")
[ -n "$app_id" ] || die "no APP_ID in $build/config.h"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/photos"

# Fourteen photos big enough for every trainer, each a different picture
# (smooth, so the PNGs stay small), and one exact copy for the doctor. The
# light and the shapes move from photo to photo, so that no two look alike
# to the near-duplicate check either.
i=0
for colours in "#c061cb-#ff8f7a" "#3584e4-#99c1f1" "#33d17a-#f6d32d" "#e66100-#f9f06b" \
               "#613583-#dc8add" "#1c71d8-#8ff0a4" "#a51d2d-#ffbe6f" "#26a269-#99c1f1" \
               "#865e3c-#cdab8f" "#5e5c64-#c0bfbc" "#e01b24-#f66151" "#2ec27e-#1a5fb4" \
               "#9141ac-#62a0ea" "#f5c211-#ed333b"; do
  i=$((i + 1))
  x=$(( (i * 137) % 400 + 56 ))
  y=$(( (i * 89) % 480 + 80 ))
  convert -size 512x640 -define gradient:angle=$((i * 51)) "gradient:$colours" \
    -fill '#ffffffc0' -draw "circle $x,$y $x,$((y + 40 + (i % 4) * 25))" \
    -fill '#00000050' -draw "rectangle $(( (i * 61) % 300 )),$(( (i * 113) % 500 )) $(( (i * 61) % 300 + 120 + (i % 3) * 60 )),$(( (i * 113) % 500 + 90 ))" \
    "$work/photos/portrait-$(printf %02d $i).jpg"
done
cp "$work/photos/portrait-01.jpg" "$work/photos/portrait-01-copy.jpg"

# Russian: an installed locale, or one compiled for this run.
ru_env=""
if locale -a 2>/dev/null | grep -qix 'ru_RU\.utf-\?8'; then
  ru_env="LC_ALL=ru_RU.UTF-8"
elif command -v localedef >/dev/null && mkdir -p "$work/locale" && localedef -i ru_RU -f UTF-8 "$work/locale/ru_RU.UTF-8" 2>/dev/null; then
  ru_env="LOCPATH=$work/locale LC_ALL=ru_RU.UTF-8"
else
  die "no ru_RU.UTF-8 locale and localedef cannot make one"
fi

shoot () {
  lang=$1 view=$2 width=$3 height=$4
  # The preferences are a window of their own size; the main window fills
  # the screen.
  if [ "$view" = preferences ] || [ "$view" = preferences-training ]; then
    name="$view-$lang.png"
  else
    name="$view-$lang-${width}x${height}.png"
  fi
  if [ "$lang" = ru ]; then
    lang_env="$ru_env LANGUAGE=ru"
  else
    lang_env="LC_ALL=C.UTF-8 LANGUAGE=en"
  fi

  echo "  $name"
  # shellcheck disable=SC2086 # lang_env is a list of assignments.
  env $lang_env xvfb-run -a -s "-screen 0 ${width}x${height}x24" \
    dbus-run-session -- sh "$0" --inside "$build" "$work" "$app_id" "$localedir" \
    "$view" "$width" "$height" "$work/$name"

  # Lossless, without metadata; the UI has few colours, so this stays small.
  # The steps are rendered from the window itself, without the frame the X
  # server adds; a transparent margin gives every shot the size it names.
  case $name in
    preferences*) extent="" ;;
    *) extent="-background none -gravity center -extent ${width}x${height}" ;;
  esac
  # The photo grid is mostly gradients: a palette keeps that file small.
  case $name in
    photos*) extent="$extent -dither None -colors 256" ;;
  esac
  # shellcheck disable=SC2086 # extent is a list of options.
  convert "$work/$name" $extent -strip -define png:compression-level=9 "$out/$name"
}

echo "Writing screenshots to $out"
for lang in en ru; do
  for size in "1280 800" "360 720"; do
    # shellcheck disable=SC2086 # size is two words.
    for view in window photos trainer start training result; do
      shoot "$lang" $view $size
    done
  done
  shoot "$lang" preferences 1280 800
  shoot "$lang" preferences-training 1280 800
done
