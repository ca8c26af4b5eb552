import { strict as assert } from "assert";
import { captureRecordView, decodedRecord, isCaptureRecord, jsonTreeHtml } from "../../src/display/record-view";
import type { CaptureRecord } from "../../src/capture";

const record: CaptureRecord = {
  captureData: {
    endpointInput: {
      observedContentType: "application/json",
      mode: "INPUT",
      data: Buffer.from('{"x":[1,2]}').toString("base64"),
      encoding: "BASE64",
    },
    endpointOutput: {
      observedContentType: "application/octet-stream",
      mode: "OUTPUT",
      data: Buffer.from([0xff, 0xfe, 0x00]).toString("base64"),
      encoding: "BASE64",
    },
  },
  eventMetadata: { eventId: "e-1", inferenceId: "7", inferenceTime: "2026-01-01T00:00:00Z" },
  eventVersion: "0",
};

describe("display: capture record view", () => {
  it("recognises a record by its three parts", () => {
    assert.ok(isCaptureRecord(record));
    assert.ok(!isCaptureRecord({ captureData: {}, eventMetadata: {} }));
  });

  it("decodes payloads: base64 JSON parsed, binary summarised, bad base64 kept with the reason", () => {
    const decoded = decodedRecord(record) as { captureData: Record<string, { data: unknown; decodeError?: string }> };
    assert.deepEqual(decoded.captureData.endpointInput.data, { x: [1, 2] });
    assert.equal(decoded.captureData.endpointOutput.data, "<3 bytes of binary data>");
    const bad = decodedRecord({
      ...record,
      captureData: { endpointInput: { ...record.captureData.endpointInput!, data: "%%%" } },
    }) as typeof decoded;
    assert.equal(bad.captureData.endpointInput.data, "%%%", "nothing captured is lost");
    assert.match(String(bad.captureData.endpointInput.decodeError), /not valid base64/);
  });

  it("renders collapsible, escaped JSON with the event in the title", () => {
    const view = captureRecordView(record);
    assert.match(view.html, /capture record e-1 · 2026-01-01T00:00:00Z/);
    assert.match(view.html, /<details open><summary><span class="k">captureData<\/span>/);
    assert.match(jsonTreeHtml({ s: "<script>" }), /&quot;&lt;script&gt;&quot;/);
    assert.match(jsonTreeHtml({ a: { b: { c: { d: 1 } } } }, { openDepth: 1 }), /<details><summary><span class="k">b/);
  });
});
