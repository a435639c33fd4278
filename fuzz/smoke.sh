#!/bin/sh
# smoke.sh FUZZER CORPUS SECONDS — a short libFuzzer run seeded with the
# checked-in corpus. libFuzzer writes what it finds into its first corpus
# directory, so it works on a copy and the source tree stays untouched.
set -u
fuzzer=${1:?usage: smoke.sh FUZZER CORPUS SECONDS}
corpus=${2:?usage: smoke.sh FUZZER CORPUS SECONDS}
seconds=${3:?usage: smoke.sh FUZZER CORPUS SECONDS}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$corpus/." "$work/"
mkdir -p "$work/crashes"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
  -artifact_prefix="$work/crashes/" -print_final_stats=1 "$work" 2> "$work/log"
status=$?
tail -n 12 "$work/log"
if [ $status -ne 0 ] || [ -n "$(ls -A "$work/crashes")" ]; then
  echo "libFuzzer found a problem (exit $status)"
  cat "$work/log" | grep -E 'ERROR|SUMMARY|==' | head -n 20
  exit 1
fi
exit 0
