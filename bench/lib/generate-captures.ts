/**
 * Seeded synthetic capture files for the load benchmark: churn-like CSV requests (69
 * numeric features) and a CSV score, laid out as the capture writer does
 * (`{endpoint}/{variant}/yyyy/MM/dd/HH/mm-ss-SSS-uuid.jsonl`, one file per ~60 s).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildCaptureRecord, captureFileKey, serializeCaptureRecord } from "../../src/capture";
import { seededRandom } from "../../src/local/capture-writer/random";

const rng = seededRandom;

function uuid(r: () => number): string {
  const h = () => Math.floor(r() * 16).toString(16);
  const s = (n: number) => Array.from({ length: n }, h).join("");
  return `${s(8)}-${s(4)}-4${s(3)}-${"89ab"[Math.floor(r() * 4)]}${s(3)}-${s(12)}`;
}

/** A churn-like row: account length, numbers of calls, minutes with one decimal, then one-hot flags. */
function churnRow(r: () => number): string {
  const f: string[] = [String(1 + Math.floor(r() * 240)), String(Math.floor(r() * 50))];
  for (let i = 0; i < 3; i++) f.push((r() * 350).toFixed(1), String(Math.floor(r() * 170)));
  f.push((r() * 20).toFixed(1), String(Math.floor(r() * 10)));
  while (f.length < 69) f.push(r() < 0.1 ? "1" : "0");
  return f.join(",");
}

/**
 * How the payloads are written: CSV (request and score), or their JSON twins, the same values
 * as a JSON array (`[1,0,12.5,...]`) or as an object keyed by the baseline's column names
 * (`{"_c1":1,"_c2":0,...}`, label `_c0` first), with the score as a JSON number.
 */
export type PayloadShape = "csv" | "json-array" | "json-object";

function payloads(row: string, score: string, shape: PayloadShape) {
  if (shape === "csv")
    return {
      input: { contentType: "text/csv", text: row, encoding: "CSV" as const },
      output: { contentType: "text/csv; charset=utf-8", text: score, encoding: "CSV" as const },
    };
  const text =
    shape === "json-array"
      ? `[${row}]`
      : `{${row
          .split(",")
          .map((v, i) => `"_c${i + 1}":${v}`)
          .join(",")}}`;
  return {
    input: { contentType: "application/json", text, encoding: "JSON" as const },
    output: { contentType: "application/json", text: score, encoding: "JSON" as const },
  };
}

/** What was generated. */
export interface GeneratedSet {
  /** Root directory (the capture destination). */
  dir: string;
  /** Records written. */
  records: number;
  /** Total bytes of all files. */
  bytes: number;
  /** Files written. */
  files: number;
}

/**
 * Writes `records` capture records under `dir` (reused when a complete set is there).
 * `perSecond` records per second of simulated traffic; a new file every 60 s. `shape`: the
 * payloads' format (the JSON shapes carry the CSV set's values, so the sets are twins).
 */
export function generateCaptures(
  dir: string,
  records: number,
  seed = 42,
  perSecond = 50,
  shape: PayloadShape = "csv",
): GeneratedSet {
  const marker = path.join(dir, ".complete.json");
  if (fs.existsSync(marker)) {
    const m = JSON.parse(fs.readFileSync(marker, "utf8")) as GeneratedSet & {
      seed: number;
      perSecond: number;
      shape?: PayloadShape;
    };
    if (m.records === records && m.seed === seed && m.perSecond === perSecond && (m.shape ?? "csv") === shape) return m;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const r = rng(seed);
  const enc = new TextEncoder();
  let t = Date.UTC(2026, 0, 5, 8, 59, 30, 123);
  let written = 0;
  let bytes = 0;
  let files = 0;
  while (written < records) {
    const start = new Date(t);
    const key = captureFileKey({
      prefix: "",
      endpointName: "bench-churn",
      variantName: "AllTraffic",
      start,
      uuid: uuid(r),
    });
    const lines: string[] = [];
    const n = Math.min(records - written, perSecond * 60);
    for (let i = 0; i < n; i++) {
      const p = payloads(churnRow(r), String(r()), shape);
      const record = buildCaptureRecord({
        input: { contentType: p.input.contentType, body: enc.encode(p.input.text), encoding: p.input.encoding },
        output: { contentType: p.output.contentType, body: enc.encode(p.output.text), encoding: p.output.encoding },
        eventId: uuid(r),
        inferenceId: String(written + i),
        inferenceTime: new Date(t + Math.floor((i / perSecond) * 1000)),
      });
      lines.push(serializeCaptureRecord(record));
    }
    const text = lines.join("");
    const file = path.join(dir, ...key.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    written += n;
    files++;
    t += 60_000 + Math.floor(r() * 500);
  }
  const set: GeneratedSet = { dir, records, bytes, files };
  fs.writeFileSync(marker, JSON.stringify({ ...set, seed, perSecond, shape }));
  return set;
}
