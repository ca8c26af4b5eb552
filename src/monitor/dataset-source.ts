/**
 * Reading a baseline dataset (I/O): a local file, a local tree (every file under it, by path)
 * or an S3 prefix, CSV (with or without a header) or JSON Lines, as rows of value texts with
 * where each came from.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { SdkClient } from "../sdk-client";
import { listS3Keys } from "../read/s3-source";
import { formatS3Uri, parseS3Uri } from "../capture";
import { splitLines } from "../read/lines";
import { csvFieldTexts } from "../read/csv-payload";
import { jsonInputInstances } from "../read/json-payload";
import { jsonValueText, parseJsonText } from "../read/json-text";
import { PREPROCESSOR_HINT } from "../read/record-values";
import { CaptureLabError } from "../errors";

/** A dataset location: a local path, or an S3 URI with the client to read it. */
export type DatasetLocation = string | { s3: SdkClient; uri: string };

/** AWS's `dataset_format` for a baseline job. */
export type DatasetFormat =
  { csv: { header?: boolean; output_columns_position?: "START" | "END" } } | { json: { lines?: boolean } };

/** One data row. */
export interface DatasetRow {
  values: Array<string | null>;
  source: string;
  line: number;
}

/** A problem with one line, with where it is. */
export interface RowIssue {
  source: string;
  line: number;
  field?: string;
  message: string;
}

/** Error raised for an unreadable or empty dataset. */
export class DatasetError extends CaptureLabError {}

interface DataFile {
  name: string;
  open(): AsyncIterable<Uint8Array>;
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await fs.promises.readdir(dir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

async function listFiles(location: DatasetLocation): Promise<DataFile[]> {
  if (typeof location === "string") {
    if (location.startsWith("s3://"))
      throw new DatasetError(`${location}: an S3 dataset needs an S3 client ({ s3, uri })`);
    const stat = await fs.promises.stat(location).catch(() => undefined);
    if (!stat) throw new DatasetError(`${location}: no such file or directory`);
    const paths: string[] = [];
    if (stat.isDirectory()) for await (const p of walk(location)) paths.push(p);
    else paths.push(location);
    return paths.map((p) => ({ name: p, open: () => fs.createReadStream(p) }));
  }
  const { bucket, key } = parseS3Uri(location.uri);
  const files: DataFile[] = [];
  for (const { key: k } of await listS3Keys(location.s3, bucket, key)) {
    if (k.endsWith("/")) continue;
    files.push({
      name: formatS3Uri(bucket, k),
      open: () => ({
        async *[Symbol.asyncIterator]() {
          const res = await location.s3.send(new GetObjectCommand({ Bucket: bucket, Key: k }));
          yield* res.Body as AsyncIterable<Uint8Array>;
        },
      }),
    });
  }
  files.sort((a, b) => (a.name < b.name ? -1 : 1));
  return files;
}

/** Where {@link readDataset} reports its findings. */
export interface DatasetReadResult {
  /** Column names: the header's, the JSON keys (first seen order), or Spark's `_c0, _c1, ...`. */
  names: string[];
  files: string[];
  issues: RowIssue[];
}

/**
 * Streams the dataset's rows. `result.names` is filled before the first row is yielded.
 * CSV: with a header, the first line of every file is its header (Spark reads each file so);
 * a row with another field count than the first row is reported in `result.issues` and still
 * used (missing fields are missing values, extra ones are left out).
 * @throws DatasetError when nothing is found, or a JSON line does not parse (file:line).
 */
export async function* readDataset(
  location: DatasetLocation,
  format: DatasetFormat,
  result: DatasetReadResult,
): AsyncGenerator<DatasetRow> {
  const files = await listFiles(location);
  const where = typeof location === "string" ? location : location.uri;
  if (files.length === 0) throw new DatasetError(`${where}: no files found`);
  const isCsv = "csv" in format;
  const header = isCsv ? format.csv.header === true : false;
  const keyIndex = new Map<string, number>();
  for (const file of files) {
    result.files.push(file.name);
    let first = true;
    for await (const { text, line } of splitLines(file.open())) {
      if (isCsv) {
        let values: Array<string | null>;
        try {
          // The capture reader's CSV rules (csv-payload.ts); a blank line is no row.
          const rows = csvFieldTexts(text);
          if (rows.length === 0) continue;
          values = rows[0]!;
        } catch (e) {
          result.issues.push({ source: file.name, line, message: (e as Error).message });
          continue;
        }
        if (first && header) {
          first = false;
          if (result.names.length === 0) result.names.push(...values.map((v, i) => v ?? `_c${i}`));
          continue;
        }
        first = false;
        if (result.names.length === 0) result.names.push(...values.map((_, i) => `_c${i}`));
        if (values.length !== result.names.length) {
          result.issues.push({
            source: file.name,
            line,
            message: `expected ${result.names.length} fields, found ${values.length}`,
          });
        }
        yield { values, source: file.name, line };
      } else {
        // The capture reader's JSON rules (json-payload.ts), numbers kept as written: unnamed
        // values are the columns _c0, _c1, ...; named ones (objects, flattened a.b) by name.
        let instances;
        try {
          instances = jsonInputInstances(text, parseJsonText);
        } catch (e) {
          throw new DatasetError(`${file.name}:${line}: expected a JSON document (${(e as Error).message})`, {
            source: file.name,
            line,
            cause: e,
          });
        }
        for (const inst of instances) {
          const values: Array<string | null> = new Array(result.names.length).fill(null);
          const put = (k: string, v: unknown) => {
            let i = keyIndex.get(k);
            if (i === undefined) {
              i = result.names.length;
              keyIndex.set(k, i);
              result.names.push(k);
            }
            values[i] = jsonValueText(v);
          };
          inst.positional?.forEach((v, i) => put(`_c${i}`, v));
          for (const [k, v] of inst.named ?? []) put(k, v);
          for (const i of inst.nested ?? [])
            result.issues.push({
              source: file.name,
              line,
              field: `_c${i}`,
              message: `a nested JSON document; ${PREPROCESSOR_HINT}`,
            });
          yield { values, source: file.name, line };
        }
      }
    }
  }
}
