import { strict as assert } from "node:assert";
import { buildCaptureRecord } from "../../src/capture";
import { comparisonRow } from "../../src/replay/comparison";
import { renderReplayReport } from "../../src/replay/report-html";
import { summarizeReplay } from "../../src/replay/summary";

describe("replay/renderReplayReport", () => {
  it("is a standalone offline page with the agreement, drift, largest differences and failures, escaped", () => {
    const rec = (i: number, out: string) =>
      buildCaptureRecord({
        input: { contentType: "text/csv", body: Buffer.from("1"), encoding: "CSV" },
        output: { contentType: "text/csv", body: Buffer.from(out), encoding: "CSV" },
        eventId: "00000000-0000-4000-8000-000000000000",
        inferenceId: `<id-${i}>`,
        inferenceTime: new Date(0),
      });
    const rows = [
      comparisonRow({
        record: rec(0, "0.2"),
        source: "a.jsonl",
        line: 1,
        body: Buffer.from("0.7"),
        contentType: "text/csv",
      }),
      comparisonRow({ record: rec(1, "0.3"), source: "a.jsonl", line: 2, error: "ModelError: <bad>" }),
    ];
    const html = renderReplayReport(
      { summary: summarizeReplay(rows), candidate: { endpointName: "cand", deployed: true, tornDown: true } },
      "Replay & compare",
    );
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<title>Replay &amp; compare<\/title>/);
    assert.match(html, /1 of 2 requests answered; 0\.0% agree/);
    assert.match(html, /PSI/);
    assert.match(html, /&lt;id-0&gt;/);
    assert.match(html, /ModelError: &lt;bad&gt;/);
    assert.match(html, /a\.jsonl:2/);
    assert.doesNotMatch(html, /<script|<id-0>/);
  });
});
