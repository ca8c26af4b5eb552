import { strict as assert } from "node:assert";
import { buildCaptureRecord } from "../../src/capture";
import { comparisonRow, type ReplayedRequest } from "../../src/replay/comparison";
import { distributionOf, predictionDrift, summarizeReplay } from "../../src/replay/summary";
import { psi } from "../../src/monitor/drift/drift-metrics";

function replayed(i: number, captured: string, candidate: string | undefined): ReplayedRequest {
  const record = buildCaptureRecord({
    input: { contentType: "text/csv", body: Buffer.from(`${i},1,2`), encoding: "CSV" },
    output: { contentType: "text/csv; charset=utf-8", body: Buffer.from(captured), encoding: "CSV" },
    eventId: "00000000-0000-4000-8000-000000000000",
    inferenceId: String(i),
    inferenceTime: new Date(Date.UTC(2024, 0, 19, 19, 0, i)),
  });
  return candidate === undefined
    ? { record, source: "f.jsonl", line: i + 1, error: "ModelError: boom" }
    : { record, source: "f.jsonl", line: i + 1, body: Buffer.from(candidate), contentType: "text/csv", latencyMs: i };
}

describe("replay/summarizeReplay", () => {
  const rows = [
    comparisonRow(replayed(0, "0.1", "0.1")),
    comparisonRow(replayed(1, "0.4", "0.6")),
    comparisonRow(replayed(2, "0.9", "0.7")),
    comparisonRow(replayed(3, "0.8", undefined)),
  ];
  const s = summarizeReplay(rows);

  it("counts answers, identical bytes, agreement over the answered and crossings of the threshold", () => {
    assert.equal(s.requests, 4);
    assert.equal(s.answered, 3);
    assert.equal(s.failed, 1);
    assert.equal(s.identical, 1);
    assert.equal(s.agreed, 2);
    assert.equal(s.agreementRate, 2 / 3);
    assert.deepEqual(s.flips, { toPositive: 1, toNegative: 0 });
  });

  it("describes the differences and lists the largest first, with their records", () => {
    assert.equal(s.differences.count, 3);
    assert.equal(s.differences.zero, 1);
    assert.equal(s.differences.max, Math.abs(0.7 - 0.9));
    assert.equal(s.largest[0]!.inferenceId, "2");
    assert.equal(s.largest[0]!.line, 3);
    assert.equal(s.largest.length, 2, "identical answers are not differences");
  });

  it("keeps each failed request with its record", () => {
    assert.deepEqual(s.errors.first, [{ inferenceId: "3", source: "f.jsonl", line: 4, error: "ModelError: boom" }]);
    assert.equal(rows[3]!.agree, false);
    assert.equal(rows[3]!.capturedOutput, "0.8");
  });

  it("measures the prediction drift with the monitor's PSI over the captured range", () => {
    const d = predictionDrift([0.1, 0.4, 0.9], [0.1, 0.6, 0.7])!;
    assert.equal(d.psi, psi(d.capturedShares, d.candidateShares));
    assert.ok(d.psi > 0);
    assert.equal(predictionDrift([0.1, 0.2], [0.1, 0.2])!.psi, 0);
    assert.equal(predictionDrift([], [0.1]), null);
  });

  it("nearest-rank quantiles", () => {
    const d = distributionOf([5, 1, 4, 2, 3, NaN]);
    assert.deepEqual([d.count, d.min, d.p50, d.max, d.mean], [5, 1, 3, 5, 3]);
  });
});
