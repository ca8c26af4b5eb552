/**
 * A dataset's statistics.json from rows of value texts, one pass: one profiler per column,
 * the row count, the column names. Pure (the readers in `dataset-source.ts` feed it).
 */
import { FeatureProfiler, type ProfilerOptions } from "./feature-profiler";
import type { InferredType } from "./data-type";
import type { StatisticsFile } from "../files/statistics-file";

/** Profiles rows of value texts (`null` = missing) under fixed column names. */
export class DatasetProfiler {
  readonly profilers: FeatureProfiler[];
  readonly names: string[];
  itemCount = 0;

  constructor(
    names: readonly string[],
    options: ProfilerOptions | ((name: string, index: number) => ProfilerOptions) = {},
  ) {
    this.names = [...names];
    this.profilers = names.map(
      (n, i) => new FeatureProfiler(n, typeof options === "function" ? options(n, i) : options),
    );
  }

  /** Adds columns first seen after some rows (JSON Lines): earlier rows count as missing. */
  ensureColumns(names: readonly string[], options: ProfilerOptions = {}): void {
    for (let i = this.profilers.length; i < names.length; i++) {
      const p = new FeatureProfiler(names[i]!, options);
      this.names.push(names[i]!);
      p.types.Null = this.itemCount;
      this.profilers.push(p);
    }
  }

  /** Adds one row; values past the last column are ignored here (the caller reports them). */
  addRow(values: ReadonlyArray<string | null>): void {
    this.itemCount += 1;
    const ps = this.profilers;
    for (let i = 0; i < ps.length; i++) ps[i]!.add(i < values.length ? values[i]! : null);
  }

  /** statistics.json; `types` forces each feature's kind of statistics (the baseline's when monitoring). */
  statistics(types?: ReadonlyMap<string, InferredType>): StatisticsFile {
    return {
      version: 0.0,
      dataset: { item_count: this.itemCount },
      features: this.profilers.map((p) => p.statistics(types?.get(p.name))),
    };
  }
}
