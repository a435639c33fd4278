#!/bin/sh
# check-potfiles.sh SRCDIR
# Every source, template and data file with a translatable string is listed in
# po/POTFILES.in, every listed file exists, and the list is sorted.
set -u
srcdir=${1:?usage: check-potfiles.sh SRCDIR}
cd "$srcdir" || exit 1
potfiles=po/POTFILES.in
status=0
n=0

echo "1..3"

missing=$(
  {
    grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dgettext)[[:space:]]*\(' src --include='*.c'
    grep -rl 'translatable="yes"' resources --include='*.ui'
    ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null
  } | sort -u | while read -r f; do
    grep -qxF "$f" "$potfiles" || echo "$f"
  done
)
n=$((n + 1))
if [ -n "$missing" ]; then
  echo "not ok $n - files with translatable strings missing from $potfiles:"
  echo "$missing" | sed 's/^/#   /'
  status=1
else
  echo "ok $n - every file with translatable strings is listed"
fi

absent=$(grep -vE '^(#|$)' "$potfiles" | while read -r f; do [ -f "$f" ] || echo "$f"; done)
n=$((n + 1))
if [ -n "$absent" ]; then
  echo "not ok $n - listed in $potfiles but absent:"
  echo "$absent" | sed 's/^/#   /'
  status=1
else
  echo "ok $n - every listed file exists"
fi

n=$((n + 1))
if grep -vE '^(#|$)' "$potfiles" | LC_ALL=C sort -c 2>/dev/null; then
  echo "ok $n - $potfiles is sorted"
else
  echo "not ok $n - $potfiles is not sorted (LC_ALL=C sort)"
  status=1
fi

exit $status
