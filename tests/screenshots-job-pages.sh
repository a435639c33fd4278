#!/bin/sh
# screenshots-job-pages.sh BUILD_DIR [OUTPUT_DIR]
#
# Copyright 2026 The Likeness developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of the Training and Result steps on their own (see
# shoot-job-pages.c), in English and in Russian, at 1280×800 and 360×720.
# Each run has its own Xvfb server and the in-process fake fal; nothing
# reaches the network. Translations come from BUILD_DIR/po, or from
# LIKENESS_LOCALEDIR when it is set (a folder of <lang>/LC_MESSAGES/likeness.mo).

set -eu

die () {
  echo "screenshots-job-pages.sh: $*" >&2
  exit 1
}

[ $# -ge 1 ] || die "usage: screenshots-job-pages.sh BUILD_DIR [OUTPUT_DIR]"

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
out=${2:-$(dirname "$here")/data/screenshots}
shooter="$build/tests/shoot-job-pages"
localedir=${LIKENESS_LOCALEDIR:-$build/po}

[ -x "$shooter" ] || die "no $shooter: run meson compile -C $1 first"
[ -f "$localedir/ru/LC_MESSAGES/likeness.mo" ] || die "no Russian catalog in $localedir"
command -v xvfb-run >/dev/null || die "xvfb-run is missing"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# Russian: an installed locale, or one compiled for this run.
if locale -a 2>/dev/null | grep -qix 'ru_RU\.utf-\?8'; then
  ru_env="LC_ALL=ru_RU.UTF-8"
elif command -v localedef >/dev/null && mkdir -p "$work/locale" &&
     localedef -i ru_RU -f UTF-8 "$work/locale/ru_RU.UTF-8" 2>/dev/null; then
  ru_env="LOCPATH=$work/locale LC_ALL=ru_RU.UTF-8"
else
  die "no ru_RU.UTF-8 locale and localedef cannot make one"
fi

echo "Writing screenshots to $out"
for lang in en ru; do
  if [ "$lang" = ru ]; then
    lang_env="$ru_env LANGUAGE=ru"
  else
    lang_env="LC_ALL=C.UTF-8 LANGUAGE=en"
  fi
  for size in 1280x800 360x720; do
    width=${size%x*} height=${size#*x}
    # shellcheck disable=SC2086 # lang_env is a list of assignments.
    env $lang_env LIKENESS_LOCALEDIR="$localedir" GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
      FAL_KEY= FAL_KEY_ID= FAL_KEY_SECRET= \
      xvfb-run -a -s "-screen 0 ${width}x${height}x24" \
      "$shooter" "$out" "$width" "$height" "$lang"
  done
done
