#!/bin/sh
# tests/run-all.sh — builds Likeness and runs the whole test suite, as CI does.
#
# 1. a normal build in _build, every suite, inside a private D-Bus session
#    with an unlocked throw-away gnome-keyring (never the user's keyring)
#    and a virtual X display;
# 2. the same suites again in _build-asan, built with AddressSanitizer and
#    UndefinedBehaviorSanitizer;
# 3. a short libFuzzer run of every fuzz target, built with clang in
#    _build-fuzz.
# The last line counts every test that ran in all three builds.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if [ ! -d tests/interop/node_modules ]; then
  npm ci --prefix tests/interop --no-audit --no-fund
fi

[ -d _build ] || meson setup _build
meson compile -C _build

[ -d _build-asan ] || meson setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false
meson compile -C _build-asan

[ -d _build-fuzz ] || CC=clang meson setup _build-fuzz -Dfuzzing=true \
  -Db_sanitize=address,undefined -Db_lundef=false
meson compile -C _build-fuzz fuzz/fuzz-sse-parser fuzz/fuzz-status-json \
  fuzz/fuzz-image-probe fuzz/fuzz-metadata-strip

run_suites () {
  # $1 = build directory. The keyring lives in a throw-away HOME, so the
  # tests can never reach the real one.
  scratch=$(mktemp -d)
  HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" dbus-run-session -- sh -c '
    echo -n likeness-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec xvfb-run -a -s "-screen 0 1280x800x24" meson test -C "$1" --print-errorlogs --num-processes 2
  ' sh "$1"
  rc=$?
  rm -rf "$scratch"
  return $rc
}

status=0
run_suites _build || status=1
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suites _build-asan || status=1
ASAN_OPTIONS=detect_leaks=0 \
  meson test -C _build-fuzz --no-rebuild --suite fuzz-smoke --print-errorlogs --num-processes 2 || status=1

# One closing line for all three builds, from meson's own logs.
summary=$(cat _build/meson-logs/testlog.json _build-asan/meson-logs/testlog.json \
              _build-fuzz/meson-logs/testlog.json | awk '
  /"result": "OK"/ { ok++ }
  /"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"/ { bad++ }
  /"result": "SKIP"/ { skip++ }
  END { printf "%d passed, %d failed, %d skipped", ok, bad, skip }')
echo "likeness: $summary"
exit $status
