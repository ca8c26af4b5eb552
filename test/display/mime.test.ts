import { strict as assert } from "assert";
import * as dfd from "danfojs-node";
import { buildDataCaptureConfig, DataCaptureConfigError } from "../../src/capture";
import { isRowArray, isVegaLiteSpec, mimeBundleOf, VEGA_LITE_MIME } from "../../src/display/mime";
import { predictionHistogramSpec } from "../../src/display/charts";

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected an error");
}

describe("display: MIME bundles", () => {
  it("a DataFrame is an HTML table with a text table as fallback, never danfo's internals", () => {
    const bundle = mimeBundleOf(new dfd.DataFrame({ a: [1, 2], b: ["x", "y"] }));
    assert.match(String(bundle["text/html"]), /<table class="capture-lab-table">/);
    assert.match(String(bundle["text/plain"]), /2 rows × 2 columns/);
    assert.doesNotMatch(String(bundle["text/plain"]), /\$data/);
  });

  it("a capture record is a collapsible JSON view with decoded payloads", () => {
    const record = {
      captureData: {
        endpointInput: {
          observedContentType: "text/csv",
          mode: "INPUT",
          data: Buffer.from("1,2,3").toString("base64"),
          encoding: "BASE64",
        },
        endpointOutput: {
          observedContentType: "application/json",
          mode: "OUTPUT",
          data: '{"score":0.9}',
          encoding: "JSON",
        },
      },
      eventMetadata: { eventId: "e-1", inferenceTime: "2026-01-01T00:00:00Z" },
      eventVersion: "0",
    };
    const bundle = mimeBundleOf(record);
    assert.match(String(bundle["text/html"]), /<details open>/);
    assert.match(String(bundle["text/plain"]), /"data": "1,2,3"/);
    assert.match(String(bundle["text/plain"]), /"score": 0\.9/);
  });

  it("a DataCaptureConfig validation error is a table of field, value and expectation", () => {
    const err = errorOf(() => buildDataCaptureConfig({ samplingPercentage: 200, destinationS3Uri: "nope" }));
    assert.ok(err instanceof DataCaptureConfigError);
    const html = String(mimeBundleOf(err)["text/html"]);
    assert.match(html, /DataCaptureConfigError: 2 invalid settings/);
    assert.match(html, /InitialSamplingPercentage/);
    assert.match(html, /<td class="num">200<\/td>/);
  });

  it("a load report and a join result are short tables", () => {
    const report = {
      errors: [],
      skippedRecords: 1,
      recordsRead: 5,
      outOfRange: 0,
      filesRead: ["a.jsonl"],
      rows: 5,
      mismatches: [],
      warnings: [],
      notes: ["header detected"],
    };
    const r = String(mimeBundleOf(report)["text/html"]);
    assert.match(r, /load report/);
    assert.match(r, /header detected/);
    const join = {
      frame: new dfd.DataFrame({ x: [1] }),
      joinedOn: "inferenceId",
      matched: 1,
      unmatchedCaptures: [],
      unmatchedCsvRows: [{ row: 3, line: 5 }],
    };
    const j = String(mimeBundleOf(join)["text/plain"]);
    assert.match(j, /joined on\s+inferenceId/);
    assert.match(j, /CSV rows without a capture \(1\)/);
    assert.match(j, /1 row × 1 column/);
  });

  it("a Vega-Lite spec is the chart, for JupyterLab's renderer", () => {
    const spec = predictionHistogramSpec([0.1, 0.5, 0.9]);
    assert.ok(isVegaLiteSpec(spec));
    assert.deepEqual(mimeBundleOf(spec)[VEGA_LITE_MIME], spec);
  });

  it("an array of plain objects is a table; other arrays and values are text", () => {
    assert.ok(isRowArray([{ a: 1 }, { a: 2 }]));
    assert.ok(!isRowArray([1, 2]));
    assert.ok(!isRowArray([new Date()]));
    assert.match(String(mimeBundleOf([{ a: 1 }])["text/html"]), /<table/);
    assert.deepEqual(mimeBundleOf([1, 2]), { "text/plain": "[ 1, 2 ]" });
    assert.deepEqual(mimeBundleOf("ab"), { "text/plain": "'ab'" });
    assert.deepEqual(mimeBundleOf(42), { "text/plain": "42" });
  });
});
