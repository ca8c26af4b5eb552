/** Bad input: every error names source, line and field; skip mode reports instead of throwing. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { CaptureReadError, loadCaptures, newReadReport, readCaptureRecords } from "../../src/read";
import { captureLine, column, tempDir, writeFile } from "./helpers";

const good = (id: string, data = "1,2") => captureLine({ eventId: id, input: { data }, output: { data: "0.5" } });

describe("read/errors", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("err")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function loadError(text: string): Promise<CaptureReadError> {
    const file = writeFile(dir, "bad.jsonl", text);
    try {
      await loadCaptures(file);
    } catch (err) {
      assert.ok(err instanceof CaptureReadError, `expected CaptureReadError, got ${String(err)}`);
      assert.equal(err.source, file);
      assert.ok(err.message.startsWith(`${file}:${err.line}: `), err.message);
      return err;
    }
    assert.fail("expected an error");
  }

  it("invalid JSON line", async () => {
    const e = await loadError(`${good("a")}\n{"captureData": nope}\n${good("b")}\n`);
    assert.equal(e.line, 2);
    assert.match(e.message, /not valid JSON/);
  });

  it("record missing a required field", async () => {
    const missing = JSON.stringify({
      captureData: {},
      eventMetadata: { inferenceTime: "2024-01-19T19:27:57Z" },
      eventVersion: "0",
    });
    const e = await loadError(`${good("a")}\n\n${missing}\n`);
    assert.deepEqual([e.line, e.field], [3, "eventMetadata.eventId"]);
    assert.match(e.message, /missing/);
    const noData = await loadError(
      `${JSON.stringify({ captureData: { endpointInput: { mode: "INPUT", encoding: "CSV" } }, eventMetadata: { eventId: "x", inferenceTime: "2024-01-19T19:27:57Z" } })}\n`,
    );
    assert.deepEqual([noData.line, noData.field], [1, "captureData.endpointInput.data"]);
  });

  it("bad inferenceTime", async () => {
    const e = await loadError(captureLine({ time: "yesterday", input: { data: "1" } }) + "\n");
    assert.deepEqual([e.line, e.field], [1, "eventMetadata.inferenceTime"]);
  });

  it("truncated final line (no newline, incomplete JSON)", async () => {
    const e = await loadError(`${good("a")}\n${good("b").slice(0, 60)}`);
    assert.equal(e.line, 2);
    assert.match(e.message, /truncated final line/);
  });

  it("accepts a complete final line without newline, and \\r\\n endings", async () => {
    const file = writeFile(dir, "ok.jsonl", `${good("a")}\r\n${good("b")}`);
    const { frame } = await loadCaptures(file);
    assert.deepEqual(column(frame, "eventId"), ["a", "b"]);
  });

  it("invalid BASE64 and invalid JSON payloads name the side's data field", async () => {
    const b64 = await loadError(captureLine({ input: { data: "@@not base64@@", encoding: "BASE64" } }) + "\n");
    assert.deepEqual([b64.line, b64.field], [1, "captureData.endpointInput.data"]);
    const json = await loadError(
      `${good("a")}\n${captureLine({ input: { data: "1" }, output: { type: "application/json", data: "{oops", encoding: "JSON" } })}\n`,
    );
    assert.deepEqual([json.line, json.field], [2, "captureData.endpointOutput.data"]);
    assert.match(json.message, /not valid JSON/);
  });

  it("unknown encoding: keeps the raw value in a column and reports it without failing", async () => {
    const file = writeFile(
      dir,
      "enc.jsonl",
      `${good("a")}\n${captureLine({ eventId: "z", input: { data: "H4sIAAAA", encoding: "GZIP" }, output: { data: "0.1" } })}\n`,
    );
    const { frame, report } = await loadCaptures(file);
    assert.deepEqual(column(frame, "inputRaw"), [null, "H4sIAAAA"]);
    assert.deepEqual(column(frame, "prediction"), [0.5, 0.1]);
    assert.equal(report.warnings.length, 1);
    assert.deepEqual(
      [report.warnings[0].source, report.warnings[0].line, report.warnings[0].field],
      [file, 2, "captureData.endpointInput.encoding"],
    );
    assert.match(report.warnings[0].message, /unknown encoding "GZIP"/);
    assert.match(report.notes.join("\n"), /unknown encoding/);
  });

  it("skip mode: every bad record is in the report, good ones load, nothing half-written stays", async () => {
    const lines = [
      good("a", "1,2"),
      "{broken",
      // input is fine but the output is not JSON: the record must leave no values behind
      captureLine({
        eventId: "half",
        input: { data: "7,7" },
        output: { type: "application/json", data: "{x", encoding: "JSON" },
      }),
      good("b", "3,4"),
      good("c").slice(0, 40),
    ];
    const file = writeFile(dir, "mixed.jsonl", lines.join("\n"));
    const { frame, report } = await loadCaptures(file, { onError: "skip" });
    assert.deepEqual(column(frame, "eventId"), ["a", "b"]);
    assert.deepEqual(column(frame, "f0"), [1, 3]);
    assert.deepEqual(
      report.errors.map((e) => [e.line, e.field]),
      [
        [2, undefined],
        [3, "captureData.endpointOutput.data"],
        [5, undefined],
      ],
    );
    assert.ok(report.errors.every((e) => e.source === file && e.message.startsWith(`${file}:${e.line}: `)));
    assert.match(report.errors[2].message, /truncated final line/);
    assert.equal(report.skippedRecords, 3);
    assert.equal(report.recordsRead, 2);
    assert.deepEqual(report.filesRead, [file]);
  });

  it("readCaptureRecords in skip mode fills the report it is given", async () => {
    const file = writeFile(dir, "r.jsonl", `${good("a")}\n[1,2]\n${good("b")}\n`);
    const report = newReadReport();
    const got = [];
    for await (const r of readCaptureRecords(file, { onError: "skip", report })) got.push(r.line);
    assert.deepEqual(got, [1, 3]);
    assert.deepEqual(
      report.errors.map((e) => e.line),
      [2],
    );
    assert.match(report.errors[0].message, /expected a JSON object/);
    await assert.rejects(
      async () => {
        for await (const _ of readCaptureRecords(file)) void _;
      },
      (err: unknown) => err instanceof CaptureReadError && err.line === 2,
    );
  });

  it("an unclosed CSV quote in one record (input or output) is a located CaptureReadError; the rest of the set loads", async () => {
    const lines = [
      good("a", "1,2"),
      captureLine({ eventId: "q-in", input: { data: '1,"2,3' }, output: { data: "0.5" } }),
      captureLine({ eventId: "q-out", input: { data: "5,6" }, output: { data: '"0.5' } }),
      good("b", "3,4"),
    ];
    const file = writeFile(dir, "quotes.jsonl", lines.join("\n") + "\n");
    const e = await loadError(lines.join("\n") + "\n");
    assert.equal(e.line, 2);
    assert.equal(e.field, "captureData.endpointInput.data");
    assert.match(e.message, /not valid CSV: Quote Not Closed/);

    const { frame, report } = await loadCaptures(file, { onError: "skip" });
    assert.deepEqual(column(frame, "eventId"), ["a", "b"]);
    assert.deepEqual(column(frame, "f0"), [1, 3]);
    assert.deepEqual(
      report.errors.map((x) => [x.source, x.line, x.field]),
      [
        [file, 2, "captureData.endpointInput.data"],
        [file, 3, "captureData.endpointOutput.data"],
      ],
    );
    assert.equal(report.skippedRecords, 2);
    assert.equal(report.recordsRead, 2);
  });
});
