/** Vega-Lite charts of a replay, for `showChart` in notebooks (pure: numbers are prepared here). */
import type { ChartSpec } from "../display/charts";
import type { ReplayComparisonRow } from "./comparison";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

function firstNumber(instances: ReplayComparisonRow["captured"]): number | undefined {
  const v = instances[0]?.find((x) => typeof x === "number");
  return typeof v === "number" ? v : undefined;
}

/** Captured vs candidate answer per request (first value), with the diagonal where they are equal. */
export function replayScatterSpec(
  rows: readonly ReplayComparisonRow[],
  title = "Captured vs candidate answer",
): ChartSpec {
  const points = rows
    .map((r) => ({
      captured: firstNumber(r.captured),
      candidate: firstNumber(r.candidate),
      agree: r.agree ? "same decision" : "different decision",
      id: r.inferenceId ?? "",
    }))
    .filter((p) => p.captured !== undefined && p.candidate !== undefined);
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.captured!, p.candidate!);
    hi = Math.max(hi, p.captured!, p.candidate!);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  return {
    $schema: SCHEMA,
    background: "white",
    title,
    width: 300,
    height: 300,
    layer: [
      {
        data: {
          values: [
            { x: lo, y: lo },
            { x: hi, y: hi },
          ],
        },
        mark: { type: "line", color: "#bbb" },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values: points },
        mark: { type: "circle", size: 28, opacity: 0.7 },
        encoding: {
          x: { field: "captured", type: "quantitative", title: "captured answer" },
          y: { field: "candidate", type: "quantitative", title: "candidate answer" },
          color: {
            field: "agree",
            type: "nominal",
            scale: { domain: ["same decision", "different decision"], range: ["#4c78a8", "#e45756"] },
            title: null,
          },
          tooltip: [{ field: "id" }, { field: "captured" }, { field: "candidate" }],
        },
      },
    ],
  };
}
