/**
 * Reading ground truth (I/O): every `*.jsonl` under a local folder or an S3 prefix, hour folders
 * `yyyy/mm/dd/hh` in time order, one label per line, with file:line errors.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { formatS3Uri, parseS3Uri } from "../../capture";
import { LineSplitter } from "../../read/lines";
import { listS3Keys } from "../../read/s3-source";
import type { SdkClient } from "../../sdk-client";
import { GroundTruthError } from "./errors";
import { hourOfKey, parseGroundTruthLine } from "./ground-truth-record";

/** A local folder or file, or an S3 prefix with its client. */
export type GroundTruthLocation = string | { s3: SdkClient; uri: string };

/** One label with where it came from. */
export interface GroundTruthEntry {
  eventId: string;
  label: string;
  /** `yyyy/mm/dd/hh` collection hour from the path (`""` for a file outside the layout). */
  hour: string;
  source: string;
  line: number;
}

/** Options of {@link readGroundTruth}. */
export interface ReadGroundTruthOptions {
  /** Only hour folders starting at or after this hour (the hour of `from`). */
  from?: Date;
  /** Only hour folders starting before this time. */
  to?: Date;
  /** `"throw"` (default) stops at the first bad line; `"skip"` lists it in `report.errors`. */
  onError?: "throw" | "skip";
  /** Filled while reading. */
  report?: GroundTruthReadReport;
}

/** What the reader saw. */
export interface GroundTruthReadReport {
  files: string[];
  labels: number;
  errors: GroundTruthError[];
}

/** An empty report. */
export function newGroundTruthReport(): GroundTruthReadReport {
  return { files: [], labels: 0, errors: [] };
}

interface LabelFile {
  source: string;
  hour: string;
  open(): AsyncIterable<Uint8Array>;
}

function inWindow(hour: string, options: ReadGroundTruthOptions): boolean {
  if (hour === "") return true; // outside the layout: no time to filter on
  const [y, m, d, h] = hour.split("/").map(Number) as [number, number, number, number];
  const start = Date.UTC(y, m - 1, d, h);
  if (options.from && start < Math.floor(options.from.getTime() / 3_600_000) * 3_600_000) return false;
  if (options.to && start >= options.to.getTime()) return false;
  return true;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && e.name.endsWith(".jsonl")) out.push(p);
  }
}

/** Files in read order: by hour, then path (files outside the layout first, by path). */
async function listLabelFiles(location: GroundTruthLocation, options: ReadGroundTruthOptions): Promise<LabelFile[]> {
  let files: LabelFile[];
  if (typeof location === "string") {
    if (location.startsWith("s3://"))
      throw new GroundTruthError("reading S3 needs an S3 client ({ s3, uri })", { source: location });
    const stat = await fs.promises.stat(location).catch(() => undefined);
    if (!stat) throw new GroundTruthError("no such file or directory", { source: location });
    const paths: string[] = [];
    if (stat.isDirectory()) await walk(location, paths);
    else paths.push(location);
    files = paths.map((p) => ({
      source: p,
      hour: hourOfKey(path.relative(location, p)) ?? "",
      open: () => fs.createReadStream(p, { highWaterMark: 1 << 20 }),
    }));
  } else {
    const { bucket, key } = parseS3Uri(location.uri);
    const keys = (await listS3Keys(location.s3, bucket, key)).filter((k) => k.key.endsWith(".jsonl"));
    files = keys.map((k) => ({
      source: formatS3Uri(bucket, k.key),
      hour: hourOfKey(k.key.slice(key.length)) ?? "",
      open: () => s3Chunks(location.s3, { bucket, key: k.key }),
    }));
  }
  return files
    .filter((f) => inWindow(f.hour, options))
    .sort((a, b) => (a.hour !== b.hour ? (a.hour < b.hour ? -1 : 1) : a.source < b.source ? -1 : 1));
}

async function* s3Chunks(s3: SdkClient, k: { bucket: string; key: string }): AsyncGenerator<Uint8Array> {
  const res = await s3.send(new GetObjectCommand({ Bucket: k.bucket, Key: k.key }));
  if (res.Body) for await (const chunk of res.Body as AsyncIterable<Uint8Array>) yield chunk;
}

/**
 * The labels of each chunk read, as batches (one promise per chunk, not per label).
 * @throws GroundTruthError (mode `"throw"`) naming the file and line.
 */
export async function* groundTruthBatches(
  location: GroundTruthLocation,
  options: ReadGroundTruthOptions = {},
): AsyncGenerator<GroundTruthEntry[]> {
  const report = options.report ?? newGroundTruthReport();
  const skip = options.onError === "skip";
  for (const file of await listLabelFiles(location, options)) {
    report.files.push(file.source);
    let batch: GroundTruthEntry[] = [];
    const splitter = new LineSplitter((text, line) => {
      try {
        const { eventId, label } = parseGroundTruthLine(text, file.source, line);
        batch.push({ eventId, label, hour: file.hour, source: file.source, line });
        report.labels++;
      } catch (e) {
        if (!skip || !(e instanceof GroundTruthError)) throw e;
        report.errors.push(e);
      }
    });
    for await (const chunk of file.open()) {
      splitter.push(chunk);
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    splitter.end();
    if (batch.length > 0) yield batch;
  }
}

/**
 * Streams the labels under a ground-truth location (a folder laid out `yyyy/mm/dd/hh/*.jsonl`,
 * one file, or `{ s3, uri }`), hour by hour.
 * @example
 * for await (const l of readGroundTruth("ground-truth/", { from: new Date("2024-01-19T00:00:00Z") }))
 *   console.log(l.eventId, l.label, `${l.source}:${l.line}`);
 * @throws GroundTruthError for a bad line (`source:line: field: ...`), unless `onError: "skip"`.
 */
export async function* readGroundTruth(
  location: GroundTruthLocation,
  options: ReadGroundTruthOptions = {},
): AsyncGenerator<GroundTruthEntry> {
  for await (const batch of groundTruthBatches(location, options)) for (const entry of batch) yield entry;
}
