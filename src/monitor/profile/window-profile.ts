/**
 * Profiling a monitoring window: capture records in, one `FeatureProfiler` per baseline
 * feature (and per extra column) fed, bad rows counted with where they are, and the records
 * that gave no row tallied by reason. Bounded memory: sketches and counters, no rows kept.
 * One `WindowProfile` takes records from any number of files in order. Pure.
 */
import type { SourcedRecord } from "../../read/records";
import { captureRowsStep, type FeatureValues, type OutputColumnsPosition, type RecordToRows } from "./capture-rows";
import type { ConstraintsFile } from "../files/constraints-file";
import type { InferredType } from "./data-type";
import { profileCsvInPlace } from "./csv-in-place";
import { FeatureProfiler, isNumericText } from "./feature-profiler";
import { notANumberText, type MonitorIssue } from "../monitor-errors";
import { NumericAccumulator, type NumericPartial } from "./numeric-stats";
import { featurePartial, mergeFeaturePartial, type FeaturePartial, type WindowPartial } from "./profile-partial";
import type { FeatureStatistics } from "../files/statistics-file";

/** Options of {@link WindowProfile}. */
export interface WindowProfileOptions {
  /** Where the output values sit in the baseline's rows (default `START`). */
  outputColumnsPosition?: OutputColumnsPosition;
  /** Most bad rows listed (all are counted; default 1000). */
  maxIssues?: number;
  /**
   * Record to rows (default: `captureRows`, with the CSV fast path). A record preprocessor
   * plugs in here; the fast path is then off.
   */
  recordToRows?: RecordToRows;
  /**
   * Keep each file's numeric state apart (a worker's profile, merged by {@link WindowProfile.addPartial}
   * in file order) instead of folding them as files end.
   */
  keepFileParts?: boolean;
}

/** Why records gave no row: per reason, how many and the first one's place. */
export interface RefusalReason {
  reason: string;
  count: number;
  example: MonitorIssue;
}

/** Profiles of the window's rows against a baseline's features. */
export class WindowProfile {
  /** Records seen, records that gave at least one profiled row, rows profiled. */
  records = 0;
  profiledRecords = 0;
  rows = 0;
  /** Problems counted, and the first `maxIssues` of them. */
  issueCount = 0;
  readonly issues: MonitorIssue[] = [];
  readonly names: string[];
  private readonly types: Map<string, InferredType>;
  private readonly numeric: boolean[];
  private readonly index: Map<string, number>;
  readonly profilers: FeatureProfiler[];
  private readonly extra: FeatureProfiler[] = [];
  private readonly widths = new Map<number, number>();
  private fullRows = 0; // rows of exactly the baseline's width profiled in place
  private readonly refusals = new Map<string, RefusalReason>();
  private readonly position: OutputColumnsPosition;
  private readonly maxIssues: number;
  private readonly toRows: RecordToRows;
  private readonly fast: boolean;
  // Numeric states of the files already ended: folded in file order, or kept apart (keepFileParts).
  private readonly folded = new Map<FeatureProfiler, NumericAccumulator>();
  private readonly fileParts?: Map<FeatureProfiler, NumericPartial[]>;

  /** @param constraints the baseline's constraints.json (feature names, order and types) */
  constructor(constraints: ConstraintsFile, options: WindowProfileOptions = {}) {
    this.names = constraints.features.map((f) => f.name);
    this.types = new Map(constraints.features.map((f) => [f.name, f.inferred_type]));
    this.index = new Map(this.names.map((n, i) => [n, i]));
    this.numeric = constraints.features.map((f) => f.inferred_type === "Integral" || f.inferred_type === "Fractional");
    // Numeric features get numeric statistics whatever their values: no category table needed.
    this.profilers = this.names.map((n, i) => new FeatureProfiler(n, { maxDistinct: this.numeric[i] ? 0 : 100_000 }));
    this.position = options.outputColumnsPosition ?? "START";
    this.maxIssues = options.maxIssues ?? 1000;
    this.fast = options.recordToRows === undefined;
    this.toRows = options.recordToRows ?? captureRowsStep({ position: this.position, featureNames: this.names });
    if (options.keepFileParts) this.fileParts = new Map();
  }

  /** Counts a problem (listing the first `maxIssues`). */
  issue(i: MonitorIssue): void {
    this.issueCount++;
    if (this.issues.length < this.maxIssues) this.issues.push(i);
  }

  /** Counts a record that gave no row, under its reason (numbers left out, so alike problems group). */
  refuse(i: MonitorIssue): void {
    const reason = `${i.field ? `${i.field}: ` : ""}${i.message.replace(/\d+/g, "N")}`;
    const r = this.refusals.get(reason);
    if (r) r.count++;
    else this.refusals.set(reason, { reason, count: 1, example: i });
  }

  /** Reasons records gave no row, commonest first. */
  refusalReasons(): RefusalReason[] {
    return [...this.refusals.values()].sort((a, b) => b.count - a.count);
  }

  /** Profiles one record's rows. */
  add(rec: SourcedRecord): void {
    this.records++;
    if (
      this.fast &&
      profileCsvInPlace(rec.record, this.position, this.profilers, this.numeric, (col, v) =>
        this.issue({ source: rec.source, line: rec.line, field: this.names[col], message: notANumberText(v) }),
      )
    ) {
      this.rows++;
      this.fullRows++;
      this.profiledRecords++;
      return;
    }
    const r = this.toRows(rec);
    for (const p of r.problems) this.issue({ source: rec.source, line: rec.line, field: p.field, message: p.message });
    if (r.rows.length === 0) {
      const first = r.problems[0];
      this.refuse({
        source: rec.source,
        line: rec.line,
        field: first?.field,
        message: first?.message ?? "no rows",
      });
      return;
    }
    let profiled = 0;
    for (const row of r.rows) if (this.addRow(row, rec)) profiled++;
    if (profiled > 0) this.profiledRecords++;
    else
      this.refuse({
        source: rec.source,
        line: rec.line,
        message: `no value is a feature of the baseline (${[...new Set(r.rows.flatMap((x) => (x.named ?? []).map(([k]) => k)))].slice(0, 5).join(", ")})`,
      });
  }

  /**
   * Profiles one row (a value per baseline feature, by position or name).
   * @returns false, profiling nothing, for a row of names none of which is a baseline feature
   */
  addRow(row: FeatureValues, where: { source: string; line: number }): boolean {
    const width = this.names.length;
    const values: Array<string | null> = new Array(width).fill(null);
    const pos = row.positional ?? [];
    for (let i = 0; i < pos.length && i < width; i++) values[i] = pos[i]!;
    let rowWidth = pos.length;
    if (row.named) {
      // A row given by name has every baseline column; an absent name is a missing value.
      rowWidth = Math.max(rowWidth, width);
      let known = 0;
      for (const [name, v] of row.named) {
        const i = this.index.get(name);
        if (i === undefined)
          this.issue({ ...where, field: name, message: `"${name}" is not a feature of the baseline; left out` });
        else {
          values[i] = v;
          known++;
        }
      }
      if (known === 0 && pos.length === 0) return false;
    }
    this.rows++;
    this.widths.set(rowWidth, (this.widths.get(rowWidth) ?? 0) + 1);
    if (rowWidth !== width)
      this.issue({ ...where, message: `expected ${width} columns (baseline), found ${rowWidth}` });
    for (let i = 0; i < width; i++) {
      const v = values[i]!;
      const cls = this.profilers[i]!.add(v);
      if (this.numeric[i] && v !== null && cls !== "Integral" && cls !== "Fractional" && !isNumericText(v))
        this.issue({ ...where, field: this.names[i], message: notANumberText(v) });
    }
    for (let i = width; i < pos.length; i++) {
      this.extra[i - width] ??= new FeatureProfiler(`_c${i}`, { maxDistinct: 1000 });
      const p = this.extra[i - width]!;
      if (p.total < this.rows - 1) p.types.Null += this.rows - 1 - p.total; // rows before it had no such column
      p.add(pos[i]!);
    }
    return true;
  }

  /** The window's columns: the most common row width, and the profilers by feature name (extra ones `_cN`). */
  finish(): { columnCount: number; current: Map<string, FeatureProfiler>; features: FeatureStatistics[] } {
    this.foldFiles();
    const width = this.names.length;
    const widths = new Map(this.widths);
    if (this.fullRows > 0) widths.set(width, (widths.get(width) ?? 0) + this.fullRows);
    for (const p of this.extra) if (p && p.total < this.rows) p.types.Null += this.rows - p.total;
    // The dataset's width is the most common row width (the rows that differ are listed).
    let columnCount = width;
    let best = -1;
    for (const [w, n] of widths) if (n > best || (n === best && w > columnCount)) [columnCount, best] = [w, n];
    const extra = this.extra.filter(Boolean);
    const current = new Map<string, FeatureProfiler>(this.profilers.map((p) => [p.name, p]));
    for (const p of extra) current.set(p.name, p);
    const features = [
      ...this.profilers.map((p) => p.statistics(this.types.get(p.name))),
      ...extra.map((p) => p.statistics()),
    ];
    return { columnCount, current, features };
  }

  /**
   * Ends the current file: each feature's numeric state becomes one part of the window's, the
   * parts folded in file order (numeric-stats.ts `merge`), so a window's sums and moments do
   * not depend on how its files are split between threads. (read-window.ts calls it as the
   * file changes; records added without it count as one file.)
   */
  endFile(): void {
    for (const p of this.allProfilers()) {
      if (p.numeric.count === 0) continue;
      const state = p.numeric.toPartial();
      p.numeric.reset();
      if (this.fileParts) {
        const list = this.fileParts.get(p);
        if (list) list.push(state);
        else this.fileParts.set(p, [state]);
      } else this.foldedOf(p).merge(state);
    }
  }

  /** The profile as plain data (a worker's result); ends the current file. */
  toPartial(): WindowPartial {
    this.endFile();
    const parts = (p: FeatureProfiler): NumericPartial[] => {
      const kept = this.fileParts?.get(p);
      if (kept) return kept;
      const f = this.folded.get(p);
      return f ? [f.toPartial()] : [];
    };
    return {
      records: this.records,
      profiledRecords: this.profiledRecords,
      rows: this.rows,
      issueCount: this.issueCount,
      issues: this.issues,
      widths: this.widths,
      fullRows: this.fullRows,
      refusals: [...this.refusals.values()],
      features: this.profilers.map((p) => featurePartial(p, parts(p))),
      extra: Array.from(this.extra, (p) => (p ? featurePartial(p, parts(p)) : null)),
    };
  }

  /**
   * Adds the profile of the files that come next (a worker's {@link toPartial}), as if their
   * records had been added here: counts add, bad rows are listed on (up to `maxIssues`),
   * refusal reasons keep their first example, numeric states fold file by file, sketches merge.
   */
  addPartial(part: WindowPartial): void {
    const before = this.rows;
    // Extra columns seen so far were missing in the rows up to here (padded lazily elsewhere).
    for (const p of this.extra) if (p && p.total < before) p.types.Null += before - p.total;
    this.records += part.records;
    this.profiledRecords += part.profiledRecords;
    this.rows += part.rows;
    this.issueCount += part.issueCount;
    for (const i of part.issues) {
      if (this.issues.length >= this.maxIssues) break;
      this.issues.push(i);
    }
    for (const [w, n] of part.widths) this.widths.set(w, (this.widths.get(w) ?? 0) + n);
    this.fullRows += part.fullRows;
    for (const r of part.refusals) {
      const have = this.refusals.get(r.reason);
      if (have) have.count += r.count;
      else this.refusals.set(r.reason, { ...r });
    }
    const merge = (into: FeatureProfiler, from: FeaturePartial) => {
      mergeFeaturePartial(into, from);
      for (const state of from.numeric) this.foldedOf(into).merge(state);
    };
    part.features.forEach((f, i) => merge(this.profilers[i]!, f));
    part.extra.forEach((f, i) => {
      if (!f) return;
      let p = this.extra[i];
      if (!p) {
        p = this.extra[i] = new FeatureProfiler(f.name, { maxDistinct: 1000 });
        p.types.Null = before;
      }
      merge(p, f);
    });
  }

  private allProfilers(): FeatureProfiler[] {
    return [...this.profilers, ...this.extra.filter(Boolean)];
  }

  private foldedOf(p: FeatureProfiler): NumericAccumulator {
    let f = this.folded.get(p);
    if (!f) this.folded.set(p, (f = new NumericAccumulator()));
    return f;
  }

  // Ends the last file and puts each feature's folded state back into its profiler.
  private foldFiles(): void {
    this.endFile();
    for (const [p, list] of this.fileParts ?? []) for (const state of list) this.foldedOf(p).merge(state);
    this.fileParts?.clear();
    for (const [p, f] of this.folded) p.numeric.assign(f.toPartial());
    this.folded.clear();
  }
}
