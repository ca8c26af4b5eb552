/**
 * Serving throughput (npx tsx bench/serving.ts): the churn demo model on one core.
 * Baseline measured in the same run: parsing the same CSV rows only (no prediction), so the
 * ratio shows what prediction + response encoding add on top of reading the payload.
 * Prints single-row invocations/s (what the notebooks and the endpoint benchmark send) and
 * rows/s for 100-row payloads.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { XGBoostBackend } from "../src/local/serving/xgboost-backend";
import { parseCsvPayload } from "../src/local/serving/xgboost/payload";

const root = path.resolve(__dirname, "..");
const model = fs.readFileSync(path.join(root, "data/churn/xgboost-model.json"));
const rows = fs
  .readFileSync(path.join(root, "data/churn/test.csv"), "utf8")
  .trimEnd()
  .split("\n")
  .map((r) => Buffer.from(r));
const backend = XGBoostBackend.fromArtifact(new Map([["xgboost-model", model]]));

function rate(label: string, n: number, fn: (i: number) => void): number {
  for (let i = 0; i < 2000; i++) fn(i); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label}: ${(n / s).toFixed(0)}/s`);
  return n / s;
}

const N = 50_000;
const parse = rate("parse-only single row", N, (i) => parseCsvPayload(rows[i % rows.length], 69));
const invoke = rate("invoke single row", N, (i) =>
  backend.invokeSync({ body: rows[i % rows.length], contentType: "text/csv" }),
);
const batch = Buffer.from(
  rows
    .slice(0, 100)
    .map((r) => r.toString())
    .join("\n"),
);
const batchRate =
  rate("invoke 100-row payloads", 500, () => backend.invokeSync({ body: batch, contentType: "text/csv" })) * 100;
console.log(`100-row payloads: ${batchRate.toFixed(0)} rows/s`);
console.log(
  `serving invoke_per_s=${invoke.toFixed(0)} ratio_to_parse=${(invoke / parse).toFixed(2)} trees=${backend.model.treeRoot.length}`,
);
