/**
 * `plot(x)`: charts from a danfojs DataFrame or Series in one call, drawn as SVG in the notebook
 * (danfojs' own `plot()` needs Plotly in a browser and throws "Not supported in NodeJS" in Node).
 * Frames are read structurally, so this module loads no danfojs.
 */
import { CaptureLabError } from "../errors";
import { isDanfoFrame, isDanfoSeries, type DanfoLike } from "./frame-view";
import {
  ChartDataError,
  columnHistogramSpec,
  overTimeSpec,
  valueCountsSpec,
  type ColumnHistogramOptions,
  type OverTimeOptions,
  type ValueCountsOptions,
} from "./frame-charts";
import type { ChartSpec } from "./charts";
import { showChart } from "./show";

/** What `plot()` accepts: a danfojs DataFrame or Series, or an array of values. */
export type PlotSource = DanfoLike | readonly unknown[];

/** Options of {@link Plot.hist}. */
export type HistOptions = Omit<ColumnHistogramOptions, "column">;
/** Options of {@link Plot.valueCounts}. */
export type CountsOptions = Omit<ValueCountsOptions, "column">;
/** Options of {@link Plot.overTime}: `time` names the time column (default `inferenceTime`). */
export type TimeOptions = Omit<OverTimeOptions, "column" | "timeColumn"> & { time?: string };

/**
 * Charts of one source; each method draws the chart and resolves when it is shown. A frame's
 * methods take the column first (`plot(frame).hist("f1", { bins: 10 })`); a series' take only
 * the options (`plot(series).hist({ bins: 10 })`).
 */
export interface Plot {
  /** A histogram of a numeric column. */
  hist(columnOrOptions?: string | HistOptions, options?: HistOptions): Promise<void>;
  /** Bars of the most frequent values, as pandas' `value_counts().plot.barh()`. */
  valueCounts(columnOrOptions?: string | CountsOptions, options?: CountsOptions): Promise<void>;
  /** A numeric column over the frame's `inferenceTime` (or `options.time`), UTC. Frames only. */
  overTime(column: string, options?: TimeOptions): Promise<void>;
  /** The Vega-Lite specs the methods draw, to adjust before `showChart`. */
  specs: {
    hist(columnOrOptions?: string | HistOptions, options?: HistOptions): ChartSpec;
    valueCounts(columnOrOptions?: string | CountsOptions, options?: CountsOptions): ChartSpec;
    overTime(column: string, options?: TimeOptions): ChartSpec;
  };
}

/** `[column, options]` from either call form. */
function args<O extends object>(
  columnOrOptions: string | O | undefined,
  options: O | undefined,
): [string | undefined, O] {
  return typeof columnOrOptions === "object" ? [undefined, columnOrOptions] : [columnOrOptions, options ?? ({} as O)];
}

/** A column's values and name from a frame, a series or an array. */
function columnOf(source: PlotSource, column: string | undefined, chart: string): { values: unknown[]; name: string } {
  if (isDanfoSeries(source)) return { values: source.values, name: column ?? String(source.columns[0] ?? "value") };
  if (isDanfoFrame(source)) {
    if (column === undefined)
      throw new ChartDataError(`${chart}: name the column to plot, e.g. plot(frame).${chart}("${source.columns[0]}")`, {
        field: "column",
      });
    const c = source.columns.indexOf(column);
    if (c < 0)
      throw new ChartDataError(`${chart}: no column "${column}" in the frame (columns: ${source.columns.join(", ")})`, {
        field: column,
      });
    return { values: source.values.map((row) => (row as unknown[])[c]), name: column };
  }
  if (Array.isArray(source)) return { values: source as unknown[], name: column ?? "value" };
  throw new CaptureLabError("plot: expected a danfojs DataFrame or Series, or an array of values");
}

/**
 * Charts from a frame or series, drawn in the notebook in one call.
 *
 * @example
 * ```ts
 * await plot(frame.column("Day Mins")).hist();
 * await plot(frame).valueCounts("predicted_label");
 * await plot(frame).overTime("prediction");   // against inferenceTime
 * ```
 */
export function plot(source: PlotSource): Plot {
  const specs: Plot["specs"] = {
    hist: (columnOrOptions, maybeOptions) => {
      const [column, options] = args(columnOrOptions, maybeOptions);
      const { values, name } = columnOf(source, column, "hist");
      return columnHistogramSpec(values, { ...options, column: name });
    },
    valueCounts: (columnOrOptions, maybeOptions) => {
      const [column, options] = args(columnOrOptions, maybeOptions);
      const { values, name } = columnOf(source, column, "valueCounts");
      return valueCountsSpec(values, { ...options, column: name });
    },
    overTime: (column, options = {}) => {
      const timeColumn = options.time ?? "inferenceTime";
      if (!isDanfoFrame(source))
        throw new ChartDataError(
          `overTime: needs the frame, for its ${timeColumn} column: plot(frame).overTime("${column}")`,
          {
            field: column,
          },
        );
      const times = columnOf(source, timeColumn, "overTime").values;
      const { values } = columnOf(source, column, "overTime");
      return overTimeSpec(times, values, { ...options, column, timeColumn });
    },
  };
  return {
    specs,
    hist: (columnOrOptions, options) => showChart(specs.hist(columnOrOptions, options)),
    valueCounts: (columnOrOptions, options) => showChart(specs.valueCounts(columnOrOptions, options)),
    overTime: (column, options) => showChart(specs.overTime(column, options)),
  };
}
