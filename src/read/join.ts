/**
 * Joining loaded captures with the inference CSV that was sent to the endpoint, so each
 * captured request sits next to the row it came from (and its label, when the CSV has one).
 */
import * as fs from "node:fs";
import { parse } from "csv-parse";
import type { DataFrame } from "danfojs-node";
import { danfo } from "./danfo";
import type { Dtype } from "./row-store";
import { useLowMemory } from "./frame";
import type { LoadResult } from "./load";
import { csvFieldValue } from "./numbers";

/** Options of {@link joinWithInferenceCsv}. */
export interface JoinOptions {
  /** The CSV's first row is a header (default false: the demo's test CSV has none). */
  header?: boolean;
  /** Names for the CSV columns (default: the header, else `0, 1, ...`); they get `prefix`. */
  columnNames?: string[];
  /** Prefix of the CSV columns in the joined frame (default `"csv_"`). */
  prefix?: string;
  /**
   * Join key: `"inferenceId"` (the CSV row's id is its row number, or `idColumn`),
   * `"payload"` (the captured feature values equal the CSV row's values), or `"auto"`
   * (default): `inferenceId` when any capture row has one, else `payload`.
   */
  on?: "inferenceId" | "payload" | "auto";
  /**
   * Number of the first data row when ids are row numbers. Default 0: the notebooks send
   * the 0-based row index (`enumerate`) as `InferenceId`. Use 1 for 1-based numbering.
   */
  idBase?: 0 | 1;
  /** A CSV column (name, or index as a string) holding the inference id instead of the row number. */
  idColumn?: string;
  /** Capture columns holding the payload values, in CSV order (default: `inputColumns` of a LoadResult, else `f0, f1, ...`). */
  payloadColumns?: string[];
  /** CSV columns compared with the payload (default: all, or all but `idColumn`). */
  csvPayloadColumns?: string[];
  /** `"inner"` (default) keeps matched rows only; `"left"` keeps every capture row (CSV columns missing when unmatched). */
  how?: "inner" | "left";
}

/** A capture row that found no CSV row. */
export interface UnmatchedCapture {
  /** Row index in the capture frame. */
  row: number;
  /** eventId of the row, when the frame has the column. */
  eventId?: string;
  /** inferenceId of the row (null when the record had none). */
  inferenceId?: string | null;
}

/** A CSV data row that no capture matched. */
export interface UnmatchedCsvRow {
  /** 0-based data row index (header excluded). */
  row: number;
  /** 1-based line of the CSV file where the row starts. */
  line: number;
  /** The id the row was expected under (inferenceId joins). */
  id?: string;
}

/** The joined frame and what did not match. */
export interface JoinResult {
  /** Capture columns followed by the prefixed CSV columns. */
  frame: DataFrame;
  /** The key used. */
  joinedOn: "inferenceId" | "payload";
  /** Capture rows that found a CSV row. */
  matched: number;
  /** Capture rows without a CSV row. */
  unmatchedCaptures: UnmatchedCapture[];
  /** CSV rows no capture row matched. */
  unmatchedCsvRows: UnmatchedCsvRow[];
}

interface CsvTable {
  names: string[];
  rows: Array<Array<number | string | null>>;
  lines: number[];
}

async function readCsv(path: string, header: boolean): Promise<CsvTable> {
  const parser = fs
    .createReadStream(path)
    .pipe(parse({ relax_column_count: true, skip_empty_lines: true, info: true, bom: true }));
  const rows: Array<Array<number | string | null>> = [];
  const lines: number[] = [];
  let names: string[] | undefined;
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (header && names === undefined) {
      names = rec.record.map((f) => f.trim());
      continue;
    }
    rows.push(rec.record.map(csvFieldValue));
    lines.push(rec.info.lines);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), names?.length ?? 0);
  names = names ?? [];
  for (let i = names.length; i < width; i++) names.push(String(i));
  return { names, rows, lines };
}

/** One canonical text per value list, so `260.0` and `260` compare equal. */
function payloadKey(values: unknown[]): string {
  return values
    .map((v) => (v === null || v === undefined || (typeof v === "number" && v !== v) ? "" : String(v)))
    .join(",");
}

function dtypeOf(values: unknown[]): Dtype {
  let numeric = true;
  for (const v of values) if (v !== null && typeof v !== "number") numeric = false;
  return numeric ? "float32" : "string";
}

function isLoadResult(x: unknown): x is LoadResult {
  return typeof x === "object" && x !== null && "frame" in x && "report" in x && "inputColumns" in x;
}

/**
 * Joins capture rows with the inference CSV (parsed with csv-parse). By `inferenceId`, a
 * CSV data row's id is its 0-based row number (`idBase` to change, `idColumn` to read it
 * from a column); every capture row with that id (all instances of the record) gets the
 * row. By payload, a capture row matches a CSV row whose values equal its feature values;
 * equal rows are paired in order. Unmatched rows of both sides are reported, never dropped
 * silently. Accepts a frame or a `LoadResult` (which knows the input columns).
 * @throws Error when the key cannot be formed (no id column, no payload columns).
 * @example
 * ```ts
 * const loaded = await loadCaptures(await captureSourceFor(session, endpointName));
 * const { frame, matched, unmatchedCaptures } = await joinWithInferenceCsv(loaded, "data/churn/test.csv");
 * ```
 */
export async function joinWithInferenceCsv(
  input: DataFrame | LoadResult,
  csvPath: string,
  options: JoinOptions = {},
): Promise<JoinResult> {
  // Duck-typed: frames from danfo's base package (e.g. `df.head()`) are not danfojs-node instances.
  const loaded = isLoadResult(input) ? input : undefined;
  const frame = loaded ? loaded.frame : (input as DataFrame);
  const columns = frame.columns as string[];
  const data = frame.values as unknown[][];
  const csv = await readCsv(csvPath, options.header ?? false);
  if (options.columnNames) options.columnNames.forEach((n, i) => (csv.names[i] = n));
  const col = (name: string) => columns.indexOf(name);
  const idIdx = col("inferenceId");
  const hasIds = idIdx !== -1 && data.some((r) => r[idIdx] !== null && r[idIdx] !== undefined);
  const on = options.on === undefined || options.on === "auto" ? (hasIds ? "inferenceId" : "payload") : options.on;
  if (on === "inferenceId" && idIdx === -1)
    throw new Error(
      "joinWithInferenceCsv: the frame has no inferenceId column; load it without a projection that drops it, or join on payload",
    );
  const csvIdIdx =
    options.idColumn === undefined
      ? -1
      : csv.names.indexOf(options.idColumn) !== -1
        ? csv.names.indexOf(options.idColumn)
        : Number(options.idColumn);
  if (options.idColumn !== undefined && !(csvIdIdx >= 0))
    throw new Error(
      `joinWithInferenceCsv: idColumn ${options.idColumn} is not a column of ${csvPath} (${csv.names.join(", ")})`,
    );

  const base = options.idBase ?? 0;
  const csvMatched = new Array<boolean>(csv.rows.length).fill(false);
  const match = new Array<number>(data.length).fill(-1);
  if (on === "inferenceId") {
    const byId = new Map<string, number>();
    csv.rows.forEach((r, i) => byId.set(csvIdIdx >= 0 ? String(r[csvIdIdx] ?? "") : String(i + base), i));
    data.forEach((r, i) => {
      const id = r[idIdx];
      const j = id === null || id === undefined ? undefined : byId.get(String(id));
      if (j !== undefined) {
        match[i] = j;
        csvMatched[j] = true;
      }
    });
  } else {
    const payloadCols = options.payloadColumns ?? loaded?.inputColumns ?? columns.filter((c) => /^f\d+$/.test(c));
    const idxs = payloadCols.map((c) => {
      const i = col(c);
      if (i === -1) throw new Error(`joinWithInferenceCsv: payload column ${c} is not in the frame`);
      return i;
    });
    if (idxs.length === 0) throw new Error("joinWithInferenceCsv: no payload columns to join on (pass payloadColumns)");
    const csvCols = (options.csvPayloadColumns ?? csv.names.filter((_, i) => i !== csvIdIdx)).map((n) =>
      csv.names.indexOf(n),
    );
    const queues = new Map<string, number[]>();
    csv.rows.forEach((r, i) => {
      const k = payloadKey(csvCols.map((c) => r[c]));
      const q = queues.get(k);
      if (q) q.push(i);
      else queues.set(k, [i]);
    });
    data.forEach((r, i) => {
      const j = queues.get(payloadKey(idxs.map((c) => r[c])))?.shift();
      if (j !== undefined) {
        match[i] = j;
        csvMatched[j] = true;
      }
    });
  }

  const prefix = options.prefix ?? "csv_";
  const how = options.how ?? "inner";
  const width = csv.names.length;
  const outRows: unknown[][] = [];
  const unmatchedCaptures: UnmatchedCapture[] = [];
  const eventIdx = col("eventId");
  const csvDtypes = csv.names.map((_, c) => dtypeOf(csv.rows.map((r) => r[c] ?? null)));
  data.forEach((r, i) => {
    const j = match[i];
    if (j === -1) {
      const u: UnmatchedCapture = { row: i };
      if (eventIdx !== -1) u.eventId = r[eventIdx] as string;
      if (idIdx !== -1) u.inferenceId = (r[idIdx] as string | null) ?? null;
      unmatchedCaptures.push(u);
      if (how === "inner") return;
    }
    const extra = new Array<unknown>(width);
    for (let c = 0; c < width; c++) {
      const v = j === -1 ? null : (csv.rows[j][c] ?? null);
      extra[c] = v === null && csvDtypes[c] === "float32" ? NaN : v;
    }
    outRows.push(r.concat(extra));
  });
  const unmatchedCsvRows: UnmatchedCsvRow[] = [];
  csvMatched.forEach((m, i) => {
    if (m) return;
    const u: UnmatchedCsvRow = { row: i, line: csv.lines[i] };
    if (on === "inferenceId") u.id = csvIdIdx >= 0 ? String(csv.rows[i][csvIdIdx] ?? "") : String(i + base);
    unmatchedCsvRows.push(u);
  });
  const names = [...columns, ...csv.names.map((n) => `${prefix}${n}`)];
  const dtypes = [...(frame.dtypes as string[]), ...csvDtypes];
  const config = { lowMemoryMode: useLowMemory("auto", outRows.length, names.length) };
  const joined = new (danfo().DataFrame)(outRows.length === 0 ? [] : (outRows as never), {
    columns: names,
    dtypes,
    config,
  });
  return {
    frame: joined,
    joinedOn: on,
    matched: data.length - unmatchedCaptures.length,
    unmatchedCaptures,
    unmatchedCsvRows,
  };
}
