/**
 * Turns capture records into typed columns: one row per instance of a record, metadata
 * columns, input features, outputs, and extra columns for what cannot be tabulated.
 */
import { formatInferenceTime, type CaptureSide } from "../capture";
import { RowStore, type ColumnBuilder, type Dtype } from "./row-store";
import { scanCsv, csvRows, type CsvLayout } from "./csv-payload";
import { CaptureReadError, type CaptureReadIssue } from "./errors";
import { decodeSide, type DecodedSide, type Side } from "./side-decode";
import { jsonInputInstances, jsonOutputInstances, type Instance } from "./json-payload";
import type { FrameColumn } from "./frame";
import { frameNames, INPUT_PREFIX, OUTPUT_PREFIX, unprefixedNames } from "./frame-names";
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
  /** Per prefix, the payload names the projection asks for renamed (absent without a projection). */
  private readonly wantRenamed?: Record<string, Set<string>>;
  private readonly featureNames: string[];
  private readonly timeAs: TimeFormat;
  /** The rows being built (handed to danfojs as they are). */
  readonly store = new RowStore();
  private readonly meta: Record<(typeof META)[number], ColumnBuilder | null>;
  // Keyed by the name in the payload; null for a name seen but not projected (still counts
  // when naming the others, so a frame name never depends on the projection).
  private readonly inputs = new Map<string, ColumnBuilder | null>();
  private readonly outputs = new Map<string, ColumnBuilder | null>();
  private readonly extras = new Map<string, ColumnBuilder | null>();
  private inputFrameNames: string[] = [];
  private outputFrameNames: string[] = [];
  private readonly layout: CsvLayout;
  private expectedWidth: number | undefined;

  /** @param opts feature names, projection and time format */
  constructor(opts: TableOptions = {}) {
    const wanted = opts.columns ? new Set(opts.columns) : undefined;
    this.want = wanted ? (n) => wanted.has(n) : () => true;
    if (wanted) this.wantRenamed = { [INPUT_PREFIX]: unprefixedNames(wanted, INPUT_PREFIX), [OUTPUT_PREFIX]: unprefixedNames(wanted, OUTPUT_PREFIX) };
    this.featureNames = opts.featureNames ?? [];
    this.timeAs = opts.timeAs ?? "date";
    const metaColumn = (name: string, generic: boolean) => (this.want(name) ? this.store.addColumn(name, generic) : null);
    this.meta = {
      eventId: metaColumn("eventId", true),
      inferenceId: metaColumn("inferenceId", true),
      inferenceTime: metaColumn("inferenceTime", this.timeAs !== "ms"),
      instanceIndex: metaColumn("instanceIndex", false),
    };
    if (opts.featureNames) this.expectedWidth = opts.featureNames.length;
    const targets: Array<ColumnBuilder | null> = [];
    this.layout = {
      targets,
      extend: (i) => {
        while (targets.length <= i) targets.push(this.column(this.inputs, this.positionalName(targets.length), INPUT_PREFIX));
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
      if (wanted.has(n) || this.wantRenamed?.[INPUT_PREFIX].has(n)) last = Math.max(last, i);
    });
    for (const n of wanted) {
      const m = /^f(\d+)$/.exec(n);
      if (m && Number(m[1]) >= this.featureNames.length) last = Math.max(last, Number(m[1]));
    }
    return last;
  }

  /** The column for a payload name, built when the projection asks for it by that name or renamed (`prefix` + name, see finish). */
  private column(map: Map<string, ColumnBuilder | null>, name: string, prefix: string): ColumnBuilder | null {
    let c = map.get(name);
    if (c === undefined) {
      c = this.want(name) || this.wantRenamed?.[prefix].has(name) ? this.store.addColumn(name) : null;
      map.set(name, c);
    }
    return c;
  }

  private decode(side: CaptureSide, which: Side, r: SourcedRecord): DecodedSide {
    return decodeSide(side, which, r, this.warnings);
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
              : this.column(this.outputs, pos.length === 1 ? "prediction" : `prediction_${i}`, OUTPUT_PREFIX);
          col?.setValue(row, pos[i]);
        }
      }
      for (const [name, v] of inst.named ?? []) {
        (which === "input" ? this.column(this.inputs, name, INPUT_PREFIX) : this.column(this.outputs, name, OUTPUT_PREFIX))?.setValue(row, v);
      }
    });
  }

  private addSide(d: DecodedSide, which: Side, row0: number, inputCount: number, r: SourcedRecord): number {
    if (d.kind === "binary") {
      this.counts[which === "input" ? "binaryInputs" : "binaryOutputs"]++;
      this.column(this.extras, `${which}Bytes`, OUTPUT_PREFIX)?.setNumber(row0, d.bytes);
      return 1;
    }
    if (d.kind === "raw") {
      this.counts[which === "input" ? "rawInputs" : "rawOutputs"]++;
      this.column(this.extras, `${which}Raw`, OUTPUT_PREFIX)?.setValue(row0, d.text);
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
    this.store.truncate(row0);
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
    this.store.ensureRows(row0 + n);
    const { eventId, inferenceId, inferenceTime, instanceIndex } = this.meta;
    for (let k = 0; k < n; k++) {
      const row = row0 + k;
      eventId?.setValue(row, meta.eventId);
      inferenceId?.setValue(row, meta.inferenceId);
      inferenceTime?.setValue(row, time);
      instanceIndex?.setNumber(row, k);
    }
    this.rows += n;
  }

  /** Frame names of the input (feature) columns in the frame, in order (set by {@link finish}). */
  inputNames(): string[] {
    return this.inputFrameNames;
  }

  /** Frame names of the output columns in the frame, in order (set by {@link finish}). */
  outputNames(): string[] {
    return this.outputFrameNames;
  }

  /**
   * Settles every column (dtype, missing values) and returns the frame's columns:
   * metadata, inputs, outputs, extras (`inputBytes`, `inputRaw`, `outputBytes`,
   * `outputRaw`); with a projection, the requested ones in the requested order (names
   * never seen are listed in `missing`).
   *
   * Frame names are unique: an input named like a metadata column becomes `input.<name>`
   * (`input.eventId`); an output or extra named like a metadata or input column becomes
   * `output.<name>`; a prefixed name that is taken too is prefixed again. Names are decided
   * from every name seen, so the projection never changes them (project the renamed names).
   */
  finish(projection?: string[]): { columns: FrameColumn[]; missing: string[] } {
    const rows = this.rows;
    this.store.truncate(rows);
    const all: FrameColumn[] = [];
    const add = (c: ColumnBuilder, name: string, dtype?: Dtype) => all.push({ name, slot: c.slot, dtype: c.finish(rows, dtype) });
    const timeDtype = this.timeAs === "date" ? "datetime" : this.timeAs === "iso" ? "string" : "float32";
    const metaTypes: Record<(typeof META)[number], Dtype> = { eventId: "string", inferenceId: "string", inferenceTime: timeDtype, instanceIndex: "int32" };
    for (const m of META) {
      const c = this.meta[m];
      if (c) add(c, m, metaTypes[m]);
    }
    const taken = new Set<string>(META);
    const group = (map: Map<string, ColumnBuilder | null>, prefix: string): string[] => {
      const names = frameNames([...map.keys()], taken, prefix);
      const built: string[] = [];
      [...map.values()].forEach((c, i) => {
        if (!c) return;
        add(c, names[i]);
        built.push(names[i]);
      });
      return built;
    };
    const inputs = group(this.inputs, INPUT_PREFIX);
    const outputs = group(this.outputs, OUTPUT_PREFIX);
    group(this.extras, OUTPUT_PREFIX);
    let columns = all;
    const missing: string[] = [];
    if (projection) {
      const byName = new Map(all.map((c) => [c.name, c]));
      columns = [];
      for (const n of projection) {
        const c = byName.get(n);
        if (c) columns.push(c);
        else missing.push(n);
      }
    }
    const inFrame = new Set(columns.map((c) => c.name));
    this.inputFrameNames = inputs.filter((n) => inFrame.has(n));
    this.outputFrameNames = outputs.filter((n) => inFrame.has(n));
    return { columns, missing };
  }
}
