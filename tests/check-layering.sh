#!/bin/sh
# check-layering.sh SOURCE_ROOT CORE_LIBRARY
#
# Copyright 2026 The Likeness developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The front ends reach the core only through lk-core.h, and the core knows
# nothing of GTK (STYLE.md §2, "What may include what").

set -u

srcdir=$1
corelib=$2
status=0

# 1. No front-end file includes a core private header or a library that
#    only the core may use.
forbidden='#[[:space:]]*include[[:space:]]*[<"]((lk-[a-z0-9-]*-private\.h)|(libsoup/)|(json-glib/)|(archive(_entry)?\.h)|(libsecret/))'
for dir in "$srcdir/src/app" "$srcdir/src/cli"; do
  [ -d "$dir" ] || continue
  hits=$(grep -rEn "$forbidden" "$dir" --include='*.c' --include='*.h' || true)
  if [ -n "$hits" ]; then
    echo "A front end includes a core-only header:"
    echo "$hits"
    status=1
  fi
done

# 2. The core library neither defines nor uses GTK, GDK or libadwaita
#    symbols. gdk-pixbuf is a GLib library and is allowed.
if [ ! -f "$corelib" ]; then
  echo "No core library at $corelib"
  exit 1
fi
symbols=$(nm "$corelib" 2>/dev/null | grep -E ' [A-Za-z] (gtk_|adw_|gdk_)' | grep -v ' gdk_pixbuf_' || true)
if [ -n "$symbols" ]; then
  echo "The core library refers to GTK, GDK or libadwaita:"
  echo "$symbols"
  status=1
fi

if [ $status -eq 0 ]; then
  echo "Layering is clean: front ends use lk-core.h only, the core has no GTK."
fi
exit $status
