/**
 * Turns capture records into typed columns: one row per instance of a record, metadata
 * columns, input features, outputs, and extra columns for what cannot be tabulated.
 */
import { formatInferenceTime, type CaptureSide } from "../capture";
import { RowStore, type ColumnBuilder, type Dtype } from "./row-store";
import { csvRows, csvSingleValue, NOT_SINGLE, scanCsv, type CsvLayout } from "./csv-payload";
import { toReadError, type CaptureReadIssue } from "./errors";
import {
  CellLimitError,
  checkMaxColumns,
  ColumnLimitError,
  DEFAULT_MAX_CELLS,
  DEFAULT_MAX_COLUMNS,
  FrameSizeError,
} from "./column-limit";
import { ownString } from "./own-string";
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
interface TableOptions {
  /** Names of the positional input features, in order (`f0..` beyond them). */
  featureNames?: string[];
  /** Only build these columns (others are not parsed). */
  columns?: string[];
  /** Representation of `inferenceTime` (default `"date"`). */
  timeAs?: TimeFormat;
  /** Bound on the frame's width (see `column-limit.ts`); default {@link DEFAULT_MAX_COLUMNS}. */
  maxColumns?: number;
  /** Bound on rows x built columns when a record widens the frame; default {@link DEFAULT_MAX_CELLS}. */
  maxCells?: number;
}

/** What {@link CaptureTableBuilder.add} restores when a record fails half-way. */
interface Mark {
  row: number;
  slots: number;
  inputs: number;
  outputs: number;
  extras: number;
  targets: number;
  expectedWidth: number | undefined;
  mismatches: number;
  warnings: number;
  counts: CaptureTableBuilder["counts"];
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
  counts = { binaryInputs: 0, binaryOutputs: 0, rawInputs: 0, rawOutputs: 0 };

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
  private readonly maxColumns: number;
  private readonly maxCells: number;

  /** @param opts feature names, projection, time format and width bound */
  constructor(opts: TableOptions = {}) {
    this.maxColumns = checkMaxColumns(opts.maxColumns ?? DEFAULT_MAX_COLUMNS);
    this.maxCells = checkMaxColumns(opts.maxCells ?? DEFAULT_MAX_CELLS, "maxCells");
    const wanted = opts.columns ? new Set(opts.columns) : undefined;
    this.want = wanted ? (n) => wanted.has(n) : () => true;
    if (wanted)
      this.wantRenamed = {
        [INPUT_PREFIX]: unprefixedNames(wanted, INPUT_PREFIX),
        [OUTPUT_PREFIX]: unprefixedNames(wanted, OUTPUT_PREFIX),
      };
    this.featureNames = opts.featureNames ?? [];
    this.timeAs = opts.timeAs ?? "date";
    const metaColumn = (name: string, generic: boolean) =>
      this.want(name) ? this.store.addColumn(name, generic) : null;
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
        while (targets.length <= i)
          targets.push(this.column(this.inputs, this.positionalName(targets.length), INPUT_PREFIX));
        return targets[i];
      },
      skipFrom: wanted ? this.lastWantedPosition(wanted) + 1 : Infinity,
      row: (r) => this.store.row(r),
    };
    if (this.featureNames.length + META.length > this.maxColumns) {
      throw new RangeError(
        `loadCaptures: ${this.featureNames.length} feature names and ${META.length} metadata columns exceed maxColumns = ${this.maxColumns}`,
      );
    }
    // Known features get their columns up front, so the column order follows the names.
    for (let i = 0; i < this.featureNames.length; i++) this.layout.extend(i);
  }

  /** Columns of the frame without a projection: every name seen counts, built or not, so the bound never depends on the projection. */
  private width(): number {
    return META.length + this.inputs.size + this.outputs.size + this.extras.size;
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
      if (this.width() >= this.maxColumns) throw new ColumnLimitError(this.maxColumns, this.width() + 1);
      const build = this.want(name) || this.wantRenamed?.[prefix].has(name);
      // A CSV record's own rows are not known yet while its fields are scanned: count one.
      if (build) this.checkCells(this.rows + 1, 1);
      c = build ? this.store.addColumn(name) : null;
      map.set(name, c);
    }
    return c;
  }

  private decode(side: CaptureSide, which: Side, r: SourcedRecord): DecodedSide {
    return decodeSide(side, which, r, this.warnings);
  }

  /** Refuses `newColumns` more built columns when the frame would then pass `maxCells` with `rows` rows. */
  private checkCells(rows: number, newColumns: number): void {
    const columns = this.store.columns.length + newColumns;
    if (rows * columns > this.maxCells) throw new CellLimitError(this.maxCells, rows, columns);
  }

  /**
   * Refuses instances that would widen the frame past the bounds before any of them is written:
   * written one by one, N JSON Lines with distinct keys would fill N rows x N columns first.
   */
  private checkWidth(instances: Instance[], which: Side): void {
    if (this.maxColumns === Infinity && this.maxCells === Infinity) return;
    const map = which === "input" ? this.inputs : this.outputs;
    const prefix = which === "input" ? INPUT_PREFIX : OUTPUT_PREFIX;
    const room = this.maxColumns - this.width();
    let fresh: Set<string> | undefined; // only made when a record brings new names
    let built = 0;
    const see = (name: string) => {
      if (map.has(name)) return;
      fresh ??= new Set();
      if (fresh.has(name)) return;
      fresh.add(name);
      if (this.want(name) || this.wantRenamed?.[prefix].has(name)) built++;
      if (fresh.size > room) throw new ColumnLimitError(this.maxColumns, this.width() + fresh.size);
    };
    for (const inst of instances) {
      const pos = inst.positional;
      if (pos) {
        if (which === "output")
          for (let i = 0; i < pos.length; i++) see(pos.length === 1 ? "prediction" : `prediction_${i}`);
        else for (let i = this.layout.targets.length; i < pos.length; i++) see(this.positionalName(i));
      }
      for (const [name] of inst.named ?? []) see(name);
    }
    if (built > 0) this.checkCells(this.rows + instances.length, built);
  }

  private writeInstances(instances: Instance[], row0: number, which: Side): void {
    this.checkWidth(instances, which);
    instances.forEach((inst, k) => {
      const row = row0 + k;
      const pos = inst.positional;
      if (pos) {
        for (let i = 0; i < pos.length; i++) {
          const col =
            which === "input"
              ? i < this.layout.targets.length
                ? this.layout.targets[i]
                : this.layout.extend(i)
              : this.column(this.outputs, pos.length === 1 ? "prediction" : `prediction_${i}`, OUTPUT_PREFIX);
          col?.setValue(row, pos[i]);
        }
      }
      for (const [name, v] of inst.named ?? []) {
        (which === "input"
          ? this.column(this.inputs, name, INPUT_PREFIX)
          : this.column(this.outputs, name, OUTPUT_PREFIX)
        )?.setValue(row, v);
      }
    });
  }

  /**
   * Adds one side; any failure (bad CSV/JSON, the width bound) becomes a CaptureReadError naming
   * the record's source, line and the side's `data` field.
   */
  private addSide(side: CaptureSide, which: Side, row0: number, inputCount: number, r: SourcedRecord): number {
    const d = this.decode(side, which, r);
    try {
      return this.addDecoded(d, which, row0, inputCount, r);
    } catch (err) {
      throw toReadError(
        err,
        r.source,
        r.line,
        `captureData.${which === "input" ? "endpointInput" : "endpointOutput"}.data`,
      );
    }
  }

  private addDecoded(d: DecodedSide, which: Side, row0: number, inputCount: number, r: SourcedRecord): number {
    if (d.kind === "binary") {
      this.counts[which === "input" ? "binaryInputs" : "binaryOutputs"]++;
      this.column(this.extras, `${which}Bytes`, OUTPUT_PREFIX)?.setNumber(row0, d.bytes);
      return 1;
    }
    if (d.kind === "raw") {
      this.counts[which === "input" ? "rawInputs" : "rawOutputs"]++;
      this.column(this.extras, `${which}Raw`, OUTPUT_PREFIX)?.setValue(row0, ownString(d.text));
      return 1;
    }
    if (d.kind === "csv") {
      if (which === "output") {
        // The usual response, one value, once its column exists: what writeInstances would do
        // (no new name, so no bound to check), without an instance list per record.
        const c = this.outputs.get("prediction");
        if (c !== undefined) {
          const v = csvSingleValue(d.text);
          if (v !== NOT_SINGLE) {
            c?.setValue(row0, v);
            return 1;
          }
        }
        const rows = csvRows(d.text);
        this.writeInstances(
          rows.map((v) => ({ positional: v })),
          row0,
          "output",
        );
        return rows.length;
      }
      const scan = scanCsv(d.text, this.layout, row0);
      if (scan.minWidth >= 0 && scan.rows > 0) {
        if (this.expectedWidth === undefined) this.expectedWidth = scan.minWidth;
        if (scan.minWidth !== this.expectedWidth || scan.maxWidth !== this.expectedWidth) {
          const got = scan.minWidth === scan.maxWidth ? `${scan.minWidth}` : `${scan.minWidth} to ${scan.maxWidth}`;
          this.mismatch(
            r,
            "fields",
            `CSV input rows have ${got} fields, expected ${this.expectedWidth}; missing fields are NaN`,
          );
        }
      }
      return scan.rows;
    }
    const instances = which === "input" ? jsonInputInstances(d.text) : jsonOutputInstances(d.text, inputCount);
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

  /** Where the record being added started; one object reused for every record (this runs per record). */
  private readonly saved: Mark = {
    row: 0,
    slots: 0,
    inputs: 0,
    outputs: 0,
    extras: 0,
    targets: 0,
    expectedWidth: undefined,
    mismatches: 0,
    warnings: 0,
    counts: { binaryInputs: 0, binaryOutputs: 0, rawInputs: 0, rawOutputs: 0 },
  };

  private mark(): Mark {
    const m = this.saved;
    m.row = this.rows;
    m.slots = this.store.columns.length;
    m.inputs = this.inputs.size;
    m.outputs = this.outputs.size;
    m.extras = this.extras.size;
    m.targets = this.layout.targets.length;
    m.expectedWidth = this.expectedWidth;
    m.mismatches = this.mismatches.length;
    m.warnings = this.warnings.length;
    const c = this.counts;
    m.counts.binaryInputs = c.binaryInputs;
    m.counts.binaryOutputs = c.binaryOutputs;
    m.counts.rawInputs = c.rawInputs;
    m.counts.rawOutputs = c.rawOutputs;
    return m;
  }

  /** Forgets everything a failed record added: its rows, and the columns and names only it brought. */
  private undo(m: Mark): void {
    this.store.truncate(m.row);
    this.store.dropColumns(m.slots);
    for (const [map, size] of [
      [this.inputs, m.inputs],
      [this.outputs, m.outputs],
      [this.extras, m.extras],
    ] as const) {
      if (map.size === size) continue;
      let i = 0;
      for (const k of [...map.keys()]) if (i++ >= size) map.delete(k);
    }
    this.layout.targets.length = m.targets;
    this.expectedWidth = m.expectedWidth;
    this.mismatches.length = m.mismatches;
    this.warnings.length = m.warnings;
    this.counts = { ...m.counts };
  }

  /**
   * Adds one record as one row per instance. Input and output instance counts that differ
   * are reported as a mismatch; the record gets max(input, output) rows, the shorter side's
   * values missing (NaN/null) in the extra rows.
   * @throws CaptureReadError for a payload that cannot be decoded or that would widen the frame
   *   past `maxColumns` or `maxCells` (the record adds nothing: no rows, no columns);
   *   FrameSizeError when the frame passes `maxCells` by rows.
   */
  add(r: SourcedRecord): void {
    const { endpointInput, endpointOutput } = r.record.captureData;
    const row0 = this.rows;
    const mark = this.mark();
    let nIn = 0;
    let nOut = 0;
    try {
      if (endpointInput) nIn = this.addSide(endpointInput, "input", row0, 0, r);
      if (endpointOutput) nOut = this.addSide(endpointOutput, "output", row0, nIn, r);
    } catch (err) {
      this.undo(mark);
      throw err;
    }
    if (endpointInput && endpointOutput && nIn !== nOut) {
      this.mismatch(
        r,
        "instances",
        `${nIn} input instance(s) but ${nOut} output instance(s); rows without a counterpart have missing values`,
      );
    }
    const n = Math.max(nIn, nOut, 1);
    if ((row0 + n) * this.store.columns.length > this.maxCells) {
      this.undo(mark);
      throw new FrameSizeError(r, row0 + n, this.store.columns.length, this.maxCells);
    }
    const meta = r.record.eventMetadata;
    const time =
      this.timeAs === "date" ? r.time : this.timeAs === "iso" ? formatInferenceTime(r.time) : r.time.getTime();
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
    const add = (c: ColumnBuilder, name: string, dtype?: Dtype) =>
      all.push({ name, slot: c.slot, dtype: c.finish(rows, dtype) });
    const timeDtype = this.timeAs === "date" ? "datetime" : this.timeAs === "iso" ? "string" : "float32";
    const metaTypes: Record<(typeof META)[number], Dtype> = {
      eventId: "string",
      inferenceId: "string",
      inferenceTime: timeDtype,
      instanceIndex: "int32",
    };
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
    this.store.applyFixups(rows);
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
