// extras.mjs
//
// Copyright 2026 The Likeness developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// More of the fake, seen through the official @fal-ai/client 1.10.1:
//  - multipart upload of a 95 MiB blob (> 90 MiB: initiate-multipart, 10 MiB
//    parts, complete) and the bytes and a Range served back by the CDN;
//  - fal.subscribe in its default polling mode, with logs;
//  - error shapes: a bad key (401 ApiError), input rejected at result
//    (422 ValidationError with field errors), a cancelled result (499).
// Prints one JSON line and exits non-zero if anything is off.

import { createHash } from "node:crypto";
import { ApiError, ValidationError, createFalClient } from "@fal-ai/client";

const APP = "fal-ai/flux-lora-fast-training";
const urls = JSON.parse(process.env.LIKENESS_FAKE_URLS_JSON ?? process.argv[2] ?? "");

function rewritingFetch(input, init) {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return fetch(url
    .replace(/^https:\/\/queue\.fal\.run(?=\/|$)/, urls.queue)
    .replace(/^https:\/\/rest\.fal\.ai(?=\/|$)/, urls.rest), init);
}

const client = (credentials) => createFalClient({ credentials, fetch: rewritingFetch });
const fal = client("fake-key-id:fake-key-secret");
const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");
const outcome = {};

// Multipart upload.
const size = 95 * 1024 * 1024;
const data = new Uint8Array(size);
for (let i = 0; i < size; i += 4096) data[i] = (i / 4096) & 0xff;
const fileUrl = await fal.storage.upload(new Blob([data], { type: "application/octet-stream" }));
const back = new Uint8Array(await (await fetch(fileUrl)).arrayBuffer());
const ranged = await fetch(fileUrl, { headers: { Range: "bytes=10485750-10485769" } });
const slice = new Uint8Array(await ranged.arrayBuffer());
const requests = await (await fetch(`${urls.control}/__fake/requests`)).json();
outcome.multipart = {
  same_bytes: back.length === size && sha(back) === sha(data),
  range: ranged.status === 206 && sha(slice) === sha(data.subarray(10485750, 10485770)),
  parts: requests.filter((r) => r.listener === "U" && r.method === "PUT").length,
};

// Polling subscribe with logs (the client's default mode).
const seen = [];
const result = await fal.subscribe(APP, {
  input: { images_data_url: "https://example.org/dataset.zip", steps: 100 },
  logs: true,
  pollInterval: 50,
  onQueueUpdate: (status) => {
    if (!seen.includes(status.status)) seen.push(status.status);
  },
});
outcome.subscribe = { statuses: seen, keys: Object.keys(result.data).sort() };

// A bad key.
try {
  await client("nobody:nothing").queue.submit(APP, { input: { images_data_url: fileUrl } });
  outcome.bad_key = "accepted";
} catch (error) {
  outcome.bad_key = error instanceof ApiError ? { status: error.status, detail: error.body?.detail } : String(error);
}

// Input rejected by the trainer: the job completes, the result is a 422.
const invalid = await fal.queue.submit(APP, { input: { steps: 0 } });
let status = await fal.queue.status(APP, { requestId: invalid.request_id });
for (let i = 0; i < 200 && status.status !== "COMPLETED"; i++) {
  await new Promise((resolve) => setTimeout(resolve, 25));
  status = await fal.queue.status(APP, { requestId: invalid.request_id });
}
try {
  await fal.queue.result(APP, { requestId: invalid.request_id });
  outcome.invalid = "accepted";
} catch (error) {
  outcome.invalid = error instanceof ValidationError
    ? { status: error.status, fields: error.fieldErrors.map((e) => `${e.loc.at(-1)}:${e.type}`), error_type: status.error_type }
    : String(error);
}

process.stdout.write(`${JSON.stringify(outcome)}\n`);

const expected = {
  multipart: { same_bytes: true, range: true, parts: 10 },
  subscribe: { statuses: ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"], keys: ["config_file", "diffusers_lora_file"] },
  bad_key: { status: 401, detail: "No user found for Key ID and Secret" },
  invalid: { status: 422, fields: ["images_data_url:missing", "steps:greater_than_equal"], error_type: "bad_request" },
};
if (JSON.stringify(outcome) !== JSON.stringify(expected)) {
  process.stderr.write(`extras.mjs: expected ${JSON.stringify(expected)}\n`);
  process.exit(1);
}
