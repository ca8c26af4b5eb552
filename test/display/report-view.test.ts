import { strict as assert } from "assert";
import {
  configErrorView,
  isConfigError,
  isJoinResult,
  isLoadReport,
  loadReportView,
} from "../../src/display/report-view";
import { DataCaptureConfigError } from "../../src/capture";

describe("display: report views", () => {
  const report = {
    errors: [
      {
        source: "a.jsonl",
        line: 3,
        field: "eventMetadata.eventId",
        message: "a.jsonl:3: eventMetadata.eventId: missing",
      },
    ],
    skippedRecords: 1,
    recordsRead: 9,
    outOfRange: 2,
    filesRead: ["a.jsonl", "b.jsonl"],
    rows: 9,
    mismatches: [],
    warnings: [],
    notes: [],
  };

  it("a load report shows its counts, then the skipped lines with where they were", () => {
    assert.ok(isLoadReport(report));
    const view = loadReportView(report);
    assert.match(view.text, /records read\s+9/);
    assert.match(view.text, /files read\s+2/);
    assert.match(view.text, /skipped \(bad lines\)\s+1/);
    assert.match(view.html, /errors \(1\)/);
    assert.match(view.html, /eventMetadata\.eventId/);
  });

  it("recognises join results and config errors by shape, not by class identity", () => {
    assert.ok(
      isJoinResult({ frame: {}, joinedOn: "payload", matched: 0, unmatchedCaptures: [], unmatchedCsvRows: [] }),
    );
    const err = new DataCaptureConfigError([
      { field: "DataCaptureConfig.DestinationS3Uri", value: undefined, message: "Member must not be null" },
    ]);
    assert.ok(isConfigError(err));
    assert.ok(!isConfigError(new Error("x")));
    const view = configErrorView(err);
    assert.match(view.text, /DataCaptureConfigError: 1 invalid setting/);
    assert.match(view.text, /\(missing\)/);
  });
});
