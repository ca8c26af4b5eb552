/**
 * Turns capture records into typed columns: one row per instance of a record, metadata
 * columns, input features, outputs, and extra columns for what cannot be tabulated.
 */
import { decodeCaptureData, formatInferenceTime, type CaptureSide } from "../capture";
import { ColumnBuilder, type FinishedColumn } from "./columns";
import { scanCsv, csvRows, type CsvLayout } from "./csv-payload";
import { CaptureReadError, toReadError, type CaptureReadIssue } from "./errors";
import { jsonInputInstances, jsonOutputInstances, type Instance } from "./json-payload";
import type { SourcedRecord } from "./records";

/** How `inferenceTime` is stored: Date objects (danfojs dtype `datetime`), ISO strings, or epoch milliseconds. */
export type TimeFormat = "date" | "iso" | "ms";

/** A record whose sides do not line up (count of instances, or of CSV fields). */
export interface RowMismatch {
  /** File path or `s3://` URI. */
  source: string;
  /** 1-based line. */
  line: number;
  /** The record's eventId. */
  eventId: string;
  /** `instances`: input and output instance counts differ; `fields`: CSV rows of unexpected width. */
  kind: "instances" | "fields";
  /** What was found. */
  message: string;
}

/** Options of the table builder (a subset of `LoadOptions`). */
export interface TableOptions {
  /** Names of the positional input features, in order (`f0..` beyond them). */
  featureNames?: string[];
  /** Only build these columns (others are not parsed). */
  columns?: string[];
  /** Representation of `inferenceTime` (default `"date"`). */
  timeAs?: TimeFormat;
}

const META = ["eventId", "inferenceId", "inferenceTime", "instanceIndex"] as const;
type Side = "input" | "output";
type Decoded = { kind: "csv" | "json"; text: string } | { kind: "binary"; bytes: number } | { kind: "raw"; text: string };

/** Accumulates records into columns. */
export class CaptureTableBuilder {
  /** Rows so far. */
  rows = 0;
  /** Records whose input and output instance counts differ, and CSV width mismatches. */
  readonly mismatches: RowMismatch[] = [];
  /** Non-fatal findings: unknown encodings (kept raw), and the like. */
  readonly warnings: CaptureReadIssue[] = [];
  /** Counters for the report's notes. */
  readonly counts = { binaryInputs: 0, binaryOutputs: 0, rawInputs: 0, rawOutputs: 0 };

  private readonly want: (name: string) => boolean;
  private readonly featureNames: string[];
  private readonly timeAs: TimeFormat;
  private readonly eventIds = new ColumnBuilder("eventId", true);
  private readonly inferenceIds = new ColumnBuilder("inferenceId", true);
  private readonly times: ColumnBuilder;
  private readonly instanceIndex = new ColumnBuilder("instanceIndex");
  private readonly inputs = new Map<string, ColumnBuilder>();
  private readonly outputs = new Map<string, ColumnBuilder>();
  private readonly extras = new Map<string, ColumnBuilder>();
  private readonly layout: CsvLayout;
  private expectedWidth: number | undefined;
  private readonly wantMeta: Record<(typeof META)[number], boolean>;

  /** @param opts feature names, projection and time format */
  constructor(opts: TableOptions = {}) {
    const wanted = opts.columns ? new Set(opts.columns) : undefined;
    this.want = wanted ? (n) => wanted.has(n) : () => true;
    this.featureNames = opts.featureNames ?? [];
    this.wantMeta = { eventId: this.want("eventId"), inferenceId: this.want("inferenceId"), inferenceTime: this.want("inferenceTime"), instanceIndex: this.want("instanceIndex") };
    this.timeAs = opts.timeAs ?? "date";
    this.times = new ColumnBuilder("inferenceTime", this.timeAs !== "ms");
    if (opts.featureNames) this.expectedWidth = opts.featureNames.length;
    const targets: Array<ColumnBuilder | null> = [];
    this.layout = {
      targets,
      extend: (i) => {
        while (targets.length <= i) targets.push(this.inputColumn(this.positionalName(targets.length)));
        return targets[i];
      },
      skipFrom: wanted ? this.lastWantedPosition(wanted) + 1 : Infinity,
    };
    // Known features get their columns up front, so the column order follows the names.
    for (let i = 0; i < this.featureNames.length; i++) this.layout.extend(i);
  }

  private positionalName(i: number): string {
    return i < this.featureNames.length ? this.featureNames[i] : `f${i}`;
  }

  private lastWantedPosition(wanted: Set<string>): number {
    let last = -1;
    this.featureNames.forEach((n, i) => {
      if (wanted.has(n)) last = Math.max(last, i);
    });
    for (const n of wanted) {
      const m = /^f(\d+)$/.exec(n);
      if (m && Number(m[1]) >= this.featureNames.length) last = Math.max(last, Number(m[1]));
    }
    return last;
  }

  private inputColumn(name: string): ColumnBuilder | null {
    if (!this.want(name)) return null;
    let c = this.inputs.get(name);
    if (!c) this.inputs.set(name, (c = new ColumnBuilder(name)));
    return c;
  }

  private column(map: Map<string, ColumnBuilder>, name: string, wantName = name): ColumnBuilder | null {
    if (!this.want(wantName)) return null;
    let c = map.get(name);
    if (!c) map.set(name, (c = new ColumnBuilder(name)));
    return c;
  }

  private decode(side: CaptureSide, which: Side, r: SourcedRecord): Decoded {
    const field = `captureData.${which === "input" ? "endpointInput" : "endpointOutput"}`;
    const enc: string = side.encoding ?? "BASE64";
    if (enc === "CSV") return { kind: "csv", text: side.data };
    if (enc === "JSON") return { kind: "json", text: side.data };
    if (enc !== "BASE64") {
      this.warnings.push({
        source: r.source,
        line: r.line,
        field: `${field}.encoding`,
        message: `${r.source}:${r.line}: ${field}.encoding: unknown encoding ${JSON.stringify(enc)}; expected CSV, JSON or BASE64. The data is kept as is in column ${which}Raw`,
      });
      return { kind: "raw", text: side.data };
    }
    let d;
    try {
      d = decodeCaptureData(side);
    } catch (err) {
      throw toReadError(err, r.source, r.line, field);
    }
    if (d.text === undefined) return { kind: "binary", bytes: d.bytes.length };
    const type = (side.observedContentType ?? "").toLowerCase();
    if (type.includes("json")) return { kind: "json", text: d.text };
    if (type.includes("csv")) return { kind: "csv", text: d.text };
    const first = d.text.trimStart()[0];
    return { kind: first === "{" || first === "[" ? "json" : "csv", text: d.text };
  }

  private writeInstances(instances: Instance[], row0: number, which: Side): void {
    instances.forEach((inst, k) => {
      const row = row0 + k;
      const pos = inst.positional;
      if (pos) {
        for (let i = 0; i < pos.length; i++) {
          const col =
            which === "input"
              ? i < this.layout.targets.length ? this.layout.targets[i] : this.layout.extend(i)
              : this.column(this.outputs, pos.length === 1 ? "prediction" : `prediction_${i}`);
          col?.setValue(row, pos[i]);
        }
      }
      for (const [name, v] of inst.named ?? []) {
        (which === "input" ? this.inputColumn(name) : this.column(this.outputs, name))?.setValue(row, v);
      }
    });
  }

  private addSide(d: Decoded, which: Side, row0: number, inputCount: number, r: SourcedRecord): number {
    if (d.kind === "binary") {
      this.counts[which === "input" ? "binaryInputs" : "binaryOutputs"]++;
      this.column(this.extras, `${which}Bytes`)?.setNumber(row0, d.bytes);
      return 1;
    }
    if (d.kind === "raw") {
      this.counts[which === "input" ? "rawInputs" : "rawOutputs"]++;
      this.column(this.extras, `${which}Raw`)?.setValue(row0, d.text);
      return 1;
    }
    if (d.kind === "csv") {
      if (which === "output") {
        const rows = csvRows(d.text);
        this.writeInstances(rows.map((v) => ({ positional: v })), row0, "output");
        return rows.length;
      }
      const scan = scanCsv(d.text, this.layout, row0);
      if (scan.minWidth >= 0 && scan.rows > 0) {
        if (this.expectedWidth === undefined) this.expectedWidth = scan.minWidth;
        if (scan.minWidth !== this.expectedWidth || scan.maxWidth !== this.expectedWidth) {
          const got = scan.minWidth === scan.maxWidth ? `${scan.minWidth}` : `${scan.minWidth} to ${scan.maxWidth}`;
          this.mismatch(r, "fields", `CSV input rows have ${got} fields, expected ${this.expectedWidth}; missing fields are NaN`);
        }
      }
      return scan.rows;
    }
    let instances: Instance[];
    try {
      instances = which === "input" ? jsonInputInstances(d.text) : jsonOutputInstances(d.text, inputCount);
    } catch (err) {
      const field = `captureData.${which === "input" ? "endpointInput" : "endpointOutput"}.data`;
      throw new CaptureReadError((err as Error).message, { source: r.source, line: r.line, field });
    }
    this.writeInstances(instances, row0, which);
    return instances.length;
  }

  private mismatch(r: SourcedRecord, kind: RowMismatch["kind"], what: string): void {
    this.mismatches.push({
      source: r.source,
      line: r.line,
      eventId: r.record.eventMetadata.eventId,
      kind,
      message: `${r.source}:${r.line}: ${what}`,
    });
  }

  private undo(row0: number): void {
    for (const m of [this.inputs, this.outputs, this.extras]) for (const c of m.values()) c.truncate(row0);
  }

  /**
   * Adds one record as one row per instance. Input and output instance counts that differ
   * are reported as a mismatch; the record gets max(input, output) rows, the shorter side's
   * values missing (NaN/null) in the extra rows.
   * @throws CaptureReadError for a payload that cannot be decoded (the record adds nothing).
   */
  add(r: SourcedRecord): void {
    const { endpointInput, endpointOutput } = r.record.captureData;
    const row0 = this.rows;
    let nIn = 0;
    let nOut = 0;
    try {
      if (endpointInput) nIn = this.addSide(this.decode(endpointInput, "input", r), "input", row0, 0, r);
      if (endpointOutput) nOut = this.addSide(this.decode(endpointOutput, "output", r), "output", row0, nIn, r);
    } catch (err) {
      this.undo(row0);
      throw err;
    }
    if (endpointInput && endpointOutput && nIn !== nOut) {
      this.mismatch(r, "instances", `${nIn} input instance(s) but ${nOut} output instance(s); rows without a counterpart have missing values`);
    }
    const n = Math.max(nIn, nOut, 1);
    const meta = r.record.eventMetadata;
    const time = this.timeAs === "date" ? r.time : this.timeAs === "iso" ? formatInferenceTime(r.time) : r.time.getTime();
    for (let k = 0; k < n; k++) {
      const row = row0 + k;
      if (this.wantMeta.eventId) this.eventIds.setValue(row, meta.eventId);
      if (this.wantMeta.inferenceId) this.inferenceIds.setValue(row, meta.inferenceId);
      if (this.wantMeta.inferenceTime) this.times.setValue(row, time);
      if (this.wantMeta.instanceIndex) this.instanceIndex.setNumber(row, k);
    }
    this.rows += n;
  }

  /** The columns `finish` will return, in order, each with a function handing its data over. */
  private layoutColumns(): Array<{ name: string; make: () => FinishedColumn }> {
    const out: Array<{ name: string; make: () => FinishedColumn }> = [];
    const timeDtype = this.timeAs === "date" ? "datetime" : this.timeAs === "iso" ? "string" : "float32";
    const meta: Record<(typeof META)[number], () => FinishedColumn> = {
      eventId: () => this.eventIds.finish("string"),
      inferenceId: () => this.inferenceIds.finish("string"),
      inferenceTime: () => this.times.finish(timeDtype),
      instanceIndex: () => this.instanceIndex.finish("int32"),
    };
    for (const m of META) if (this.want(m)) out.push({ name: m, make: meta[m] });
    const taken = new Set<string>(META);
    for (const c of this.inputs.values()) {
      taken.add(c.name);
      out.push({ name: c.name, make: () => c.finish() });
    }
    for (const m of [this.outputs, this.extras]) {
      for (const c of m.values()) {
        const name = taken.has(c.name) ? `output.${c.name}` : c.name; // an output named like a feature
        taken.add(name);
        out.push({ name, make: () => ({ ...c.finish(), name }) });
      }
    }
    return out;
  }

  /**
   * The finished columns: metadata, inputs, outputs, extras (`inputBytes`, `inputRaw`,
   * `outputBytes`, `outputRaw`); with a projection, the requested ones in the requested
   * order (names never seen are listed in `missing`).
   */
  finish(projection?: string[]): { columns: FinishedColumn[]; missing: string[] } {
    const all = this.layoutColumns();
    if (!projection) return { columns: all.map((c) => c.make()), missing: [] };
    const byName = new Map(all.map((c) => [c.name, c]));
    const columns: FinishedColumn[] = [];
    const missing: string[] = [];
    for (const n of projection) {
      const c = byName.get(n);
      if (c) columns.push(c.make());
      else missing.push(n);
    }
    return { columns, missing };
  }
}
