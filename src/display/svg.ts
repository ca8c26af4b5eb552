/** Renders Vega-Lite specs to SVG headlessly (no canvas, no browser). */
import * as vega from "vega";
import * as vl from "vega-lite";
import type { ChartSpec } from "./charts";

/**
 * Compiles a Vega-Lite spec and renders it to an SVG string. Rejects with the compiler's
 * message when the spec is invalid.
 */
export async function vegaLiteToSvg(spec: ChartSpec): Promise<string> {
  // vega-lite's TopLevelSpec type is large; specs are built as plain JSON, so cast once here.
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
