/** `display(x)`: show any value's rich form mid-cell, as a cell's last value would be shown. */
import { currentHost } from "./host";
import { mimeBundleOf } from "./mime";

/**
 * Shows `value` the way the kernel shows a cell's last value: a table for a DataFrame, Series
 * or array of objects, a JSON view for a capture record, short tables for reports and config
 * errors, the chart for a Vega-Lite spec, else text. Outside a notebook it prints the text form.
 */
export function display(value: unknown): void {
  const host = currentHost();
  const bundle = mimeBundleOf(value);
  const text = String(bundle["text/plain"]);
  if (host.bundle) return host.bundle(bundle);
  // Hosts without bundles get the richest single type they support.
  if (typeof bundle["text/html"] === "string") return host.html(bundle["text/html"], text);
  return host.line(text);
}
