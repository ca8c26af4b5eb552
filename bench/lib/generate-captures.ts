/**
 * Seeded synthetic capture files for the load and monitor benchmarks: churn-like CSV requests
 * (69 numeric features) and a CSV score, laid out as the capture writer does
 * (`{endpoint}/{variant}/yyyy/MM/dd/HH/mm-ss-SSS-uuid.jsonl`). Two layouts:
 * - `few`: one file per ~60 s of 50 records/s (3,000 records a file: 334 files for 1e6);
 * - `hours`: a month of a small endpoint, the records spread over 250 hour folders of 8
 *   files each (1e6 records: 2,000 files of 500 records).
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

/** The two file layouts the benchmarks measure: few large files, or many hours of small ones. */
export type CaptureLayout = "few" | "hours";

/** The layouts, in the order benchmarks run them by default. */
export const LAYOUTS: readonly CaptureLayout[] = ["few", "hours"];

/** Checks a `--layouts` list. */
export function parseLayouts(text: string): CaptureLayout[] {
  const out = text.split(",").filter((s) => s !== "");
  for (const s of out)
    if (!LAYOUTS.includes(s as CaptureLayout)) throw new Error(`unknown layout ${s}: expected few or hours`);
  return out as CaptureLayout[];
}

/** Hour folders of the `hours` layout, and files per hour. */
const HOURS = 250;
const FILES_PER_HOUR = 8;

/** Where a set of `records` records in `layout` lives under `data`. */
export function captureSetDir(data: string, records: number, layout: CaptureLayout, label: string): string {
  return path.join(data, layout === "few" ? `captures-${label}` : `captures-${label}-hours`);
}

/**
 * Writes `records` capture records in `layout` under `dir` (reused when a complete set is
 * there). `few`: 50 records per second of simulated traffic, a new file every ~60 s.
 * `hours`: the records spread evenly over 250 hours, 8 files an hour (smaller sets keep the 2,000
 * files, with fewer records each). `shape`: the payloads' format (the JSON shapes carry the CSV
 * set's values, so the sets are twins).
 */
export function generateCaptures(
  dir: string,
  records: number,
  layout: CaptureLayout = "few",
  seed = 42,
  shape: PayloadShape = "csv",
): GeneratedSet {
  const perSecond = 50;
  const marker = path.join(dir, ".complete.json");
  if (fs.existsSync(marker)) {
    const m = JSON.parse(fs.readFileSync(marker, "utf8")) as GeneratedSet & {
      seed: number;
      layout?: string;
      shape?: PayloadShape;
    };
    // The set's place is where it is now (a set moved or copied keeps its marker).
    if (m.records === records && m.seed === seed && (m.layout ?? "few") === layout && (m.shape ?? "csv") === shape)
      return { ...m, dir };
  }
  // hours: records per file, and the time between file starts (8 files an hour).
  const perFile = layout === "few" ? perSecond * 60 : Math.max(1, Math.ceil(records / (HOURS * FILES_PER_HOUR)));
  const fileEvery = layout === "few" ? 60_000 : 3_600_000 / FILES_PER_HOUR;
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
    const n = Math.min(records - written, perFile);
    // Records spread over the file's time span (60 s at 50/s, or the 7.5 min between hourly files).
    const step = layout === "few" ? 1000 / perSecond : (fileEvery - 1000) / perFile;
    for (let i = 0; i < n; i++) {
      const p = payloads(churnRow(r), String(r()), shape);
      const record = buildCaptureRecord({
        input: { contentType: p.input.contentType, body: enc.encode(p.input.text), encoding: p.input.encoding },
        output: { contentType: p.output.contentType, body: enc.encode(p.output.text), encoding: p.output.encoding },
        eventId: uuid(r),
        inferenceId: String(written + i),
        inferenceTime: new Date(t + Math.floor(i * step)),
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
    t += layout === "few" ? 60_000 + Math.floor(r() * 500) : fileEvery;
  }
  const set: GeneratedSet = { dir, records, bytes, files };
  fs.writeFileSync(marker, JSON.stringify({ ...set, seed, layout, shape }));
  return set;
}
