import { strict as assert } from "assert";
import * as dfd from "danfojs-node";
import { describeFrame } from "../../src/read/describe-frame";
import { frameSummaryView, isFrameSummary } from "../../src/display/summary-view";
import { mimeBundleOf } from "../../src/display/mime";

describe("display/summary-view: a frame summary shown as pandas shows describe()", () => {
  const frame = new dfd.DataFrame(
    { n: [1, NaN, 3], s: ["a", "a", "b"], t: [new Date(Date.UTC(2026, 0, 1)), null, new Date(Date.UTC(2026, 0, 2))] },
    { dtypes: ["float32", "string", "datetime"] },
  );
  const summary = describeFrame(frame, { include: "all" });

  it("statistics down, columns across, the frame's size in the footer", () => {
    const { html, text } = frameSummaryView(summary);
    const body = html.split("<tbody>")[1];
    const rowLabels = [...body.matchAll(/<tr><th class="idx">([^<]*)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(rowLabels, summary.statistics);
    assert.deepEqual(
      [...html.matchAll(/<th title="([^"]*)">([^<]*)<\/th>/g)].map((m) => `${m[2]}:${m[1]}`),
      ["n:float32", "s:string", "t:datetime"],
    );
    assert.match(html, /summary of 3 rows, 3 columns \(missing values skipped\)/);
    // The mean row: 2 for n, nothing for the string and datetime columns.
    assert.match(html, /<th class="idx">mean<\/th><td class="num">2<\/td><td class="na">–<\/td><td class="na">–<\/td>/);
    assert.match(
      html,
      /<th class="idx">first<\/th><td class="na">–<\/td><td class="na">–<\/td><td>2026-01-01T00:00:00.000Z<\/td>/,
    );
    assert.match(text, /^top\s+–\s+a\s+–$/m);
  });

  it("is what the kernel shows for a describeFrame result; one row per column for summary.columns", () => {
    assert.ok(isFrameSummary(summary));
    assert.ok(!isFrameSummary({ kind: "frame-summary" }));
    const bundle = mimeBundleOf(summary);
    assert.equal(bundle["text/html"], frameSummaryView(summary).html);
    const transposed = mimeBundleOf(summary.columns);
    assert.match(String(transposed["text/plain"]), /3 rows × \d+ columns/);
  });
});
