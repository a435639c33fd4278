#!/bin/sh
# check-translation.sh SRCDIR LANG
# Extracts a fresh template from the sources, merges it into a copy of
# po/LANG.po and fails on any untranslated or fuzzy message, or a broken
# format string. The real po/LANG.po is never modified.
set -u
srcdir=${1:?usage: check-translation.sh SRCDIR LANG}
lang=${2:?usage: check-translation.sh SRCDIR LANG}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$srcdir" || exit 1

echo "1..3"

grep -vE '^(#|$)' po/POTFILES.in > "$tmp/files"
if xgettext --package-name=likeness --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
     --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
     --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
     --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
     --files-from="$tmp/files" -o "$tmp/likeness.pot" 2> "$tmp/xgettext.log"; then
  echo "ok 1 - template extracted ($(grep -c '^msgid ' "$tmp/likeness.pot") messages)"
else
  echo "not ok 1 - xgettext failed"
  sed 's/^/# /' "$tmp/xgettext.log"
  exit 1
fi

cp "po/$lang.po" "$tmp/$lang.po"
msgmerge --quiet --no-fuzzy-matching --update --backup=off "$tmp/$lang.po" "$tmp/likeness.pot"
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1 | tail -n 1)
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "not ok 2 - po/$lang.po is incomplete: $stats"
    msgattrib --no-wrap --untranslated --no-obsolete "$tmp/$lang.po" | sed '1,/^$/d' | grep -v '^msgstr' | head -n 40 | sed 's/^/#   /'
    msgattrib --no-wrap --only-fuzzy --no-obsolete "$tmp/$lang.po" | sed '1,/^$/d' | grep -v '^msgstr' | head -n 40 | sed 's/^/#   /'
    status=1 ;;
  *)
    echo "ok 2 - po/$lang.po is complete: $stats"
    status=0 ;;
esac

if msgfmt --check -o /dev/null "po/$lang.po" 2> "$tmp/check.log"; then
  echo "ok 3 - po/$lang.po passes msgfmt --check"
else
  echo "not ok 3 - po/$lang.po fails msgfmt --check"
  sed 's/^/# /' "$tmp/check.log"
  status=1
fi
exit $status
