/** The comparison as a danfojs DataFrame (one row per replayed request; danfojs loads on first use). */
import type { DanfoLike } from "../display/frame-view";
import { danfo } from "../read/danfo";
import type { ReplayComparisonRow } from "./comparison";

/**
 * The comparison frame by the members notebooks use; at run time a danfojs `DataFrame` (cast it
 * to danfojs' type for the rest). Named by its shape, as the SDK clients are, because danfojs'
 * declarations bring TensorFlow.js's into the type check of every notebook importing this module.
 */
export interface ComparisonFrame extends DanfoLike {
  head(rows?: number): ComparisonFrame;
  tail(rows?: number): ComparisonFrame;
  loc(args: { rows?: unknown; columns?: string[] }): ComparisonFrame;
  column(name: string): { values: unknown[]; dtype: string };
}

const first = (instances: ReplayComparisonRow["captured"]): number | string | null => instances[0]?.[0] ?? null;

/**
 * Columns: `inferenceId`, `inferenceTime`, `captured`, `candidate` (first value of the first
 * instance), `absDiff`, `diff`, `relDiff`, `agree`, `identical`, `latencyMs`, `error`, `source`, `line`.
 */
export function comparisonFrame(rows: readonly ReplayComparisonRow[]): ComparisonFrame {
  const nan = (x: number | null | undefined): number => (x === null || x === undefined ? NaN : x);
  const num = (v: number | string | null): number => (typeof v === "number" ? v : NaN);
  const frame = new (danfo().DataFrame)(
    {
      inferenceId: rows.map((r) => r.inferenceId ?? ""),
      inferenceTime: rows.map((r) => r.inferenceTime),
      captured: rows.map((r) => num(first(r.captured))),
      candidate: rows.map((r) => num(first(r.candidate))),
      absDiff: rows.map((r) => nan(r.absDiff)),
      diff: rows.map((r) => nan(r.diff)),
      relDiff: rows.map((r) => nan(r.relDiff)),
      agree: rows.map((r) => r.agree),
      identical: rows.map((r) => r.identical),
      latencyMs: rows.map((r) => nan(r.latencyMs)),
      error: rows.map((r) => r.error ?? ""),
      source: rows.map((r) => r.source),
      line: rows.map((r) => r.line),
    },
    {
      // Given, not inferred: danfojs would type inference ids "0", "1", ... as integers from the first rows.
      dtypes: [
        "string",
        "string",
        "float32",
        "float32",
        "float32",
        "float32",
        "float32",
        "boolean",
        "boolean",
        "float32",
        "string",
        "string",
        "int32",
      ],
    },
  );
  return frame as unknown as ComparisonFrame;
}
