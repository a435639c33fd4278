// multipart.mjs
//
// Copyright 2026 The Likeness developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Uploads a 95 MiB blob with the official client, which takes its multipart
// path (> 90 MiB: initiate-multipart, 10 MiB parts, complete), and checks the
// bytes the fake's CDN serves back. Prints one JSON line.

import { createHash } from "node:crypto";
import { createFalClient } from "@fal-ai/client";

const urls = JSON.parse(process.env.LIKENESS_FAKE_URLS_JSON ?? process.argv[2] ?? "");
const size = 95 * 1024 * 1024;
const data = new Uint8Array(size);
for (let i = 0; i < size; i += 4096) data[i] = (i / 4096) & 0xff;

const fal = createFalClient({
  credentials: "fake-key-id:fake-key-secret",
  fetch: (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return fetch(url.replace(/^https:\/\/rest\.fal\.ai(?=\/|$)/, urls.rest), init);
  },
});

const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");
const fileUrl = await fal.storage.upload(new Blob([data], { type: "application/octet-stream" }));
const response = await fetch(fileUrl);
const back = new Uint8Array(await response.arrayBuffer());
const ranged = await fetch(fileUrl, { headers: { Range: "bytes=10485750-10485769" } });
const slice = new Uint8Array(await ranged.arrayBuffer());
const requests = await (await fetch(`${urls.control}/__fake/requests`)).json();
const parts = requests.filter((r) => r.listener === "U" && r.method === "PUT").length;

const outcome = {
  status: response.status,
  size_ok: back.length === size,
  same_bytes: sha(back) === sha(data),
  range_status: ranged.status,
  range_ok: sha(slice) === sha(data.subarray(10485750, 10485770)),
  parts,
};
process.stdout.write(`${JSON.stringify(outcome)}\n`);
if (!(outcome.size_ok && outcome.same_bytes && outcome.range_ok && parts === 10 && ranged.status === 206)) process.exit(1);
