#!/bin/bash
# run-interop.sh FAKE_FAL_BIN [C_SCENARIO_BIN]
#
# Copyright 2026 The Likeness developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the fake fal service against the official client, and our C client
# against the official one.
#
#  1. Starts FAKE_FAL_BIN --config fake-config.json (short, fixed timings) and
#     reads the one JSON line it prints:
#       {"queue":URL,"rest":URL,"upload":URL,"cdn":URL,"control":URL}
#  2. Before each client run it resets the fake (POST /__fake/reset) and arms
#     one rule so that the SECOND submission to fal-ai/flux-lora-fast-training
#     waits in the queue (the scenario cancels it there).
#  3. Runs scenario.mjs (@fal-ai/client 1.10.1, pinned in package-lock.json)
#     twice: with a rewriting fetch, and through the fake's /api/fal/proxy;
#     then extras.mjs (multipart upload, polling subscribe, error shapes).
#  4. If C_SCENARIO_BIN is given, runs it the same way. Contract for that
#     program: it gets the URL line in the environment variable
#     LIKENESS_FAKE_URLS_JSON and also as argv[1]; it uses the key
#     "fake-key-id:fake-key-secret" (registered by the fake; never a real key)
#     and the fixture tests/fixtures/tiny-dataset.zip (path in INTEROP_FIXTURE);
#     it performs the same steps as scenario.mjs (upload, submit, follow the
#     status stream with logs to COMPLETED, fetch the result, download
#     diffusers_lora_file, submit again and cancel while queued, poll to the
#     end, read GET <control>/__fake/leaks) and prints ONE JSON line:
#       {"upload":{"file_url_on_cdn":true},
#        "submit":{"status":"IN_QUEUE","has_urls":true},
#        "stream":{"final_status":"COMPLETED","log_messages":[unique, in order]},
#        "result":{"keys":[sorted],"lora_size":N},
#        "cancel":{"accepted":true,"final_status":"COMPLETED","final_error_type":"client_cancelled"},
#        "auth_leaks":0}
#     The two outputs must be equal as JSON values.
#
# The test FAILS (never skips) when node or tests/interop/node_modules is
# missing: run `npm ci --prefix tests/interop` once.

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fake_bin="${1:?usage: run-interop.sh FAKE_FAL_BIN [C_SCENARIO_BIN]}"
c_bin="${2:-}"

if ! command -v node >/dev/null 2>&1; then
  echo "run-interop.sh: node is not installed" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/@fal-ai/client" ]; then
  echo "run-interop.sh: tests/interop/node_modules is missing: run npm ci --prefix tests/interop" >&2
  exit 1
fi

work="$(mktemp -d)"
fake_pid=""
cleanup () {
  if [ -n "$fake_pid" ]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$fake_bin" --config "$here/fake-config.json" >"$work/urls" 2>"$work/fake.log" &
fake_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/urls" ] && break
  sleep 0.05
done
urls="$(head -n 1 "$work/urls")"
if [ -z "$urls" ]; then
  echo "run-interop.sh: the fake printed no URL line" >&2
  cat "$work/fake.log" >&2
  exit 1
fi
export LIKENESS_FAKE_URLS_JSON="$urls"
export INTEROP_FIXTURE="$here/../fixtures/tiny-dataset.zip"

# Resets the fake and, unless told "--reset-only", arms the queued-cancel rule.
prepare () {
  PREPARE_MODE="${1:-}" node --input-type=module -e '
    const urls = JSON.parse(process.env.LIKENESS_FAKE_URLS_JSON);
    const post = (path, body) => fetch(urls.control + path, { method: "POST", body: JSON.stringify(body) })
      .then((r) => { if (!r.ok) throw new Error(path + " answered " + r.status); });
    await post("/__fake/reset", {});
    if (process.env.PREPARE_MODE !== "--reset-only")
      await post("/__fake/faults", { match: { app: "fal-ai/flux-lora-fast-training", nth: 2 }, times: 1,
                                     action: { outcome: { queue_ms: 60000, queue_position_start: 5 } } });
  '
}

# Checks one outcome against the expected values.
check () {
  node --input-type=module -e '
    const [label, text] = process.argv.slice(1);
    const o = JSON.parse(text);
    const errors = [];
    const expect = (what, ok) => { if (!ok) errors.push(what); };
    expect("upload.file_url_on_cdn", o.upload?.file_url_on_cdn === true);
    expect("submit.status", o.submit?.status === "IN_QUEUE");
    expect("submit.has_urls", o.submit?.has_urls === true);
    expect("stream.final_status", o.stream?.final_status === "COMPLETED");
    const logs = o.stream?.log_messages ?? [];
    expect("stream.log_messages head", logs[0] === "Preprocessing 5 images" && logs[1] === "Loading model...");
    expect("stream.log_messages tail", logs.at(-1) === "Saving LoRA weights" && logs.at(-2)?.startsWith("step 1000/1000, loss="));
    expect("stream.log_messages steps", logs.slice(2, -1).every((m) => /^step \d+\/1000, loss=\d+\.\d{4}$/.test(m)));
    expect("stream.log_messages unique", new Set(logs).size === logs.length);
    expect("result.keys", JSON.stringify(o.result?.keys) === JSON.stringify(["config_file", "diffusers_lora_file"]));
    expect("result.lora_size", Number.isInteger(o.result?.lora_size) && o.result.lora_size > 8);
    expect("cancel.accepted", o.cancel?.accepted === true);
    expect("cancel.final_status", o.cancel?.final_status === "COMPLETED");
    expect("cancel.final_error_type", o.cancel?.final_error_type === "client_cancelled");
    expect("auth_leaks", o.auth_leaks === 0);
    if (errors.length > 0) {
      console.error(label + ": unexpected " + errors.join(", ") + "\n" + text);
      process.exit(1);
    }
  ' "$1" "$2"
}

# The key must never appear in a URL (the fake flags any registered secret).
no_key_in_url () {
  node --input-type=module -e '
    const urls = JSON.parse(process.env.LIKENESS_FAKE_URLS_JSON);
    const leaks = await (await fetch(urls.control + "/__fake/leaks")).json();
    if (leaks.key_in_url !== 0) {
      console.error(process.argv[1] + ": the key appeared in " + leaks.key_in_url + " URL(s)");
      process.exit(1);
    }
  ' "$1"
}

same () {
  node --input-type=module -e '
    import { isDeepStrictEqual } from "node:util";
    const [a, b, la, lb] = process.argv.slice(1);
    if (!isDeepStrictEqual(JSON.parse(a), JSON.parse(b))) {
      console.error(la + " and " + lb + " differ:\n" + la + ": " + a + "\n" + lb + ": " + b);
      process.exit(1);
    }
  ' "$1" "$2" "$3" "$4"
}

prepare
js_fetch="$(cd "$here" && INTEROP_MODE=fetch node scenario.mjs)"
check "js (fetch)" "$js_fetch"
no_key_in_url "js (fetch)"
echo "# js (fetch): $js_fetch"

prepare
js_proxy="$(cd "$here" && INTEROP_MODE=proxy node scenario.mjs)"
check "js (proxy)" "$js_proxy"
no_key_in_url "js (proxy)"
same "$js_fetch" "$js_proxy" "js (fetch)" "js (proxy)"
echo "# js (proxy): same outcome"

# Multipart upload, polling subscribe and error shapes with the official client.
prepare --reset-only
extras="$(cd "$here" && node extras.mjs)"
echo "# js extras: $extras"

if [ -n "$c_bin" ]; then
  prepare
  c_out="$("$c_bin" "$LIKENESS_FAKE_URLS_JSON")"
  echo "# c: $c_out"
  check "c" "$c_out"
  no_key_in_url "c"
  same "$js_fetch" "$c_out" "js" "c"
  echo "# c: same outcome as the official client"
fi

echo "interop: ok"
