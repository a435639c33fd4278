// scenario.mjs
//
// Copyright 2026 The Likeness developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Drives the fake fal service with the official @fal-ai/client 1.10.1, configured
// only through its public options, and prints ONE JSON line that summarises what
// the client saw (see run-interop.sh for the shape and the contract).
//
// Environment:
//   LIKENESS_FAKE_URLS_JSON  the fake's URL line: {"queue","rest","upload","cdn","control"}
//   INTEROP_MODE             "fetch" (default): a custom fetch maps https://queue.fal.run and
//                            https://rest.fal.ai to the fake; "proxy": proxyUrl {when:"always"}
//                            pointing at the fake's /api/fal/proxy route.
//   INTEROP_FIXTURE          the ZIP to upload (default ../fixtures/tiny-dataset.zip)

import { readFileSync } from "node:fs";
import { createFalClient } from "@fal-ai/client";

const APP = "fal-ai/flux-lora-fast-training";
// The fake registers this key as "ok"; it is not a real credential.
const KEY = "fake-key-id:fake-key-secret";

const urls = JSON.parse(process.env.LIKENESS_FAKE_URLS_JSON ?? process.argv[2] ?? "");
const mode = process.env.INTEROP_MODE ?? "fetch";
const fixture = process.env.INTEROP_FIXTURE ?? new URL("../fixtures/tiny-dataset.zip", import.meta.url);

function rewrite(url) {
  return url
    .replace(/^https:\/\/queue\.fal\.run(?=\/|$)/, urls.queue)
    .replace(/^https:\/\/rest\.fal\.ai(?=\/|$)/, urls.rest);
}

function rewritingFetch(input, init) {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return fetch(rewrite(url), init);
}

const fal = createFalClient(
  mode === "proxy"
    ? { credentials: KEY, proxyUrl: { url: `${urls.queue}/api/fal/proxy`, when: "always" } }
    : { credentials: KEY, fetch: rewritingFetch },
);

function fail(message) {
  process.stderr.write(`scenario.mjs: ${message}\n`);
  process.exit(1);
}

async function main() {
  const outcome = {};

  // 1. Upload the dataset through the client's storage API.
  const zip = new Blob([readFileSync(fixture)], { type: "application/zip" });
  const fileUrl = await fal.storage.upload(zip);
  outcome.upload = { file_url_on_cdn: fileUrl.startsWith(`${urls.cdn}/`) };

  // 2. Submit a training.
  const submitted = await fal.queue.submit(APP, {
    input: { images_data_url: fileUrl, trigger_word: "TOK", steps: 1000 },
  });
  const requestId = submitted.request_id;
  outcome.submit = {
    status: submitted.status,
    has_urls: [submitted.response_url, submitted.status_url, submitted.cancel_url].every(
      (u) => typeof u === "string" && u.startsWith(`${urls.queue}/`) && u.includes(requestId),
    ),
  };

  // 3. Follow the status stream with logs until it ends.
  const stream = await fal.queue.streamStatus(APP, { requestId, logs: true });
  const messages = [];
  let last;
  for await (const event of stream) {
    last = event;
    for (const entry of event.logs ?? []) {
      if (!messages.includes(entry.message)) messages.push(entry.message);
    }
  }
  outcome.stream = { final_status: last?.status ?? null, log_messages: messages };

  // 4. Fetch the result and download the LoRA weights from the CDN.
  const result = await fal.queue.result(APP, { requestId });
  const lora = result.data.diffusers_lora_file;
  const download = await fetch(lora.url);
  if (!download.ok) fail(`download answered ${download.status}`);
  const bytes = new Uint8Array(await download.arrayBuffer());
  if (bytes.length !== lora.file_size) fail(`downloaded ${bytes.length} bytes, file_size says ${lora.file_size}`);
  outcome.result = { keys: Object.keys(result.data).sort(), lora_size: bytes.length };

  // 5. Submit a second job and cancel it while it waits in the queue.
  const second = await fal.queue.submit(APP, {
    input: { images_data_url: fileUrl, trigger_word: "TOK", steps: 1000 },
  });
  let accepted = true;
  try {
    await fal.queue.cancel(APP, { requestId: second.request_id });
  } catch (error) {
    accepted = false;
  }
  let status = await fal.queue.status(APP, { requestId: second.request_id, logs: false });
  for (let i = 0; i < 100 && status.status !== "COMPLETED"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = await fal.queue.status(APP, { requestId: second.request_id, logs: false });
  }
  outcome.cancel = {
    accepted,
    final_status: status.status,
    final_error_type: status.error_type ?? null,
  };

  // 6. The key must never have reached the upload host or the CDN.
  const leaks = await (await fetch(`${urls.control}/__fake/leaks`)).json();
  outcome.auth_leaks = leaks.auth_leaks;

  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

main().catch((error) => fail(error?.stack ?? String(error)));
