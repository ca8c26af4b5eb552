/** Renders Vega-Lite specs to SVG headlessly (no canvas, no browser). */
import type * as Vega from "vega";
import type * as VegaLite from "vega-lite";
import type { ChartSpec } from "./charts";

// Loaded on the first chart: notebooks that draw none skip parsing vega and vega-lite.
let renderers: { vega: typeof Vega; vl: typeof VegaLite } | undefined;
function loadRenderers(): { vega: typeof Vega; vl: typeof VegaLite } {
  return (renderers ??= { vega: require("vega") as typeof Vega, vl: require("vega-lite") as typeof VegaLite });
}

/**
 * Compiles a Vega-Lite spec and renders it to an SVG string. Rejects with the compiler's
 * message when the spec is invalid.
 */
export async function vegaLiteToSvg(spec: ChartSpec): Promise<string> {
  const { vega, vl } = loadRenderers();
  // vega-lite's TopLevelSpec type is large; specs are built as plain JSON, so cast once here.
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
