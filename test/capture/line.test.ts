import { strict as assert } from "assert";
import {
  buildCaptureRecord,
  CaptureFormatError,
  customAttributesOf,
  parseCaptureLine,
  parseCaptureText,
  serializeCaptureRecord,
} from "../../src/capture";
import { ownFixture, thrown } from "./helpers";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("capture/line: parseCaptureLine and serializeCaptureRecord", () => {
  for (const file of ["csv.jsonl", "json.jsonl", "base64.jsonl"]) {
    it(`round-trips every line of ${file} byte for byte`, () => {
      const text = ownFixture(file);
      const lines = text.split("\n");
      assert.equal(lines.pop(), "", "fixture ends in \\n");
      for (const l of lines) assert.equal(serializeCaptureRecord(parseCaptureLine(l)), l + "\n");
    });
  }

  it("returns the parsed object with the line's key order and nothing added", () => {
    const l = ownFixture("lenient.jsonl").split("\n")[0];
    const r = parseCaptureLine(l);
    assert.deepEqual(Object.keys(r), ["eventMetadata", "eventVersion", "captureData"]);
    assert.deepEqual(Object.keys(r.captureData), ["endpointInput"]);
  });

  it("tolerates CRLF, a blank line, a missing final newline and SDK-style lines", () => {
    const recs = parseCaptureText(ownFixture("lenient.jsonl"), "lenient.jsonl");
    assert.deepEqual(
      recs.map((r) => r.line),
      [1, 2, 4],
    );
    const [a, b, c] = recs.map((r) => r.record);
    assert.equal(a.eventMetadata.inferenceTime, "2020-05-01T10:20:30.123456");
    assert.equal(a.captureData.endpointOutput, undefined);
    assert.equal(b.captureData.endpointInput, undefined);
    assert.equal(b.captureData.endpointOutput!.observedContentType, null);
    assert.equal(b.captureData.endpointOutput!.encoding, undefined);
    assert.equal(b.eventVersion, undefined);
    assert.equal(c.captureData.endpointInput!.encoding, "GZIP");
    assert.equal("observedContentType" in c.captureData.endpointInput!, false);
    assert.deepEqual(customAttributesOf(b), ["trace=abc;tier=gold"]);
    assert.deepEqual(customAttributesOf(c), ["a=1", "b=2"]);
    assert.equal(customAttributesOf(a), undefined);
  });

  it("strips a leading BOM and a trailing \\r", () => {
    const l = ownFixture("csv.jsonl").split("\n")[0];
    assert.equal(serializeCaptureRecord(parseCaptureLine("\ufeff" + l + "\r")), l + "\n");
  });

  it("reports a truncated line as truncated, with source and line", () => {
    const err = thrown(() => parseCaptureLine(ownFixture("truncated.txt"), { source: "cut.jsonl", line: 7 }));
    assert.ok(err instanceof CaptureFormatError);
    assert.match(err.message, /^cut\.jsonl:7: /);
    assert.match(err.message, /truncated/);
    assert.equal(err.source, "cut.jsonl");
    assert.equal(err.line, 7);
  });

  it("reports a line cut right after a number or brace as truncated too", () => {
    for (const l of ['{"captureData":{"a":1', '{"captureData":{}', '{"x":12']) {
      assert.match(thrown(() => parseCaptureLine(l)).message, /truncated/, l);
    }
  });

  it("reports other invalid JSON without calling it truncated", () => {
    const err = thrown(() => parseCaptureLine('{"captureData": nope}', { source: "f", line: 2 }));
    assert.match(err.message, /^f:2: not valid JSON/);
  });

  it("rejects an empty line and a non-object", () => {
    assert.match(thrown(() => parseCaptureLine("  ")).message, /empty line/);
    assert.match(thrown(() => parseCaptureLine("[1]")).message, /expected a JSON object.*got array/);
  });

  const good = JSON.parse(ownFixture("csv.jsonl").split("\n")[0]);
  const mutate = (f: (r: any) => void): string => {
    const r = JSON.parse(JSON.stringify(good));
    f(r);
    return JSON.stringify(r);
  };
  const badCases: Array<[string, (r: any) => void, RegExp]> = [
    ["captureData", (r) => delete r.captureData, /missing/],
    ["captureData", (r) => (r.captureData = "x"), /expected an object, got string/],
    ["eventMetadata", (r) => delete r.eventMetadata, /missing/],
    ["eventMetadata.eventId", (r) => delete r.eventMetadata.eventId, /missing/],
    ["eventMetadata.inferenceTime", (r) => delete r.eventMetadata.inferenceTime, /missing/],
    ["eventMetadata.inferenceTime", (r) => (r.eventMetadata.inferenceTime = 5), /expected a string, got number/],
    ["eventMetadata.inferenceId", (r) => (r.eventMetadata.inferenceId = 57), /expected a string/],
    [
      "eventMetadata.customAttributes",
      (r) => (r.eventMetadata.customAttributes = [1]),
      /string or an array of strings/,
    ],
    [
      "captureData.endpointInput.data",
      (r) => (r.captureData.endpointInput.data = [1, 2]),
      /expected a string, got array/,
    ],
    [
      "captureData.endpointOutput.data",
      (r) => delete r.captureData.endpointOutput.data,
      /expected a string, got undefined/,
    ],
    [
      "captureData.endpointInput.observedContentType",
      (r) => (r.captureData.endpointInput.observedContentType = 1),
      /string or null/,
    ],
    ["captureData.endpointOutput.encoding", (r) => (r.captureData.endpointOutput.encoding = null), /expected a string/],
    ["captureData.endpointInput", (r) => (r.captureData.endpointInput = null), /expected an object/],
    ["eventVersion", (r) => (r.eventVersion = 0), /expected a string/],
  ];
  for (const [field, f, re] of badCases) {
    it(`rejects a bad ${field} (${re.source}), naming the field and location`, () => {
      const err = thrown(() =>
        parseCaptureLine(mutate(f), { source: "s3://b/k.jsonl", line: 3 }),
      ) as CaptureFormatError;
      assert.ok(err instanceof CaptureFormatError);
      assert.equal(err.field, field);
      assert.ok(err.message.startsWith(`s3://b/k.jsonl:3: ${field}: `), err.message);
      assert.match(err.message, re);
    });
  }

  it("parseCaptureText names the failing line number", () => {
    const text = ownFixture("csv.jsonl") + "\n" + ownFixture("truncated.txt") + "\n";
    const err = thrown(() => parseCaptureText(text, "mixed.jsonl")) as CaptureFormatError;
    assert.equal(err.line, 4);
    assert.match(err.message, /^mixed\.jsonl:4: line is truncated/);
  });
});

describe("capture/line: buildCaptureRecord", () => {
  const time = new Date("2022-04-18T00:21:48.903Z");

  it("writes the AWS key order and bytes for CSV in, CSV out", () => {
    const r = buildCaptureRecord({
      input: { contentType: "text/csv", body: utf8("1,2\n3,4"), encoding: "CSV" },
      output: { contentType: "text/csv; charset=utf-8", body: utf8("0.5"), encoding: "CSV" },
      eventId: "f04a8538-696c-4648-8064-8b680b2e3318",
      inferenceTime: time,
    });
    assert.equal(
      serializeCaptureRecord(r),
      '{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"1,2\\n3,4","encoding":"CSV"},' +
        '"endpointOutput":{"observedContentType":"text/csv; charset=utf-8","mode":"OUTPUT","data":"0.5","encoding":"CSV"}},' +
        '"eventMetadata":{"eventId":"f04a8538-696c-4648-8064-8b680b2e3318","inferenceTime":"2022-04-18T00:21:48Z"},"eventVersion":"0"}\n',
    );
  });

  it("places inferenceId between eventId and inferenceTime, customAttributes after, as a one-element array", () => {
    const r = buildCaptureRecord({
      output: { contentType: null, body: utf8("ok"), encoding: "BASE64" },
      eventId: "e",
      inferenceId: "shadow test, index 3",
      customAttributes: "a=1;b=2",
      inferenceTime: time,
    });
    assert.equal(
      JSON.stringify(r.eventMetadata),
      '{"eventId":"e","inferenceId":"shadow test, index 3","inferenceTime":"2022-04-18T00:21:48Z","customAttributes":["a=1;b=2"]}',
    );
    // Output-only capture omits the input side (our answer to open question 16-2).
    assert.deepEqual(Object.keys(r.captureData), ["endpointOutput"]);
    assert.equal(
      JSON.stringify(r.captureData.endpointOutput),
      '{"observedContentType":null,"mode":"OUTPUT","data":"b2s=","encoding":"BASE64"}',
    );
  });

  it("falls back to BASE64 for a CSV/JSON body that is not valid UTF-8, losing no byte", () => {
    const body = new Uint8Array([0x31, 0x2c, 0xff, 0xfe]);
    const r = buildCaptureRecord({
      input: { contentType: "text/csv", body, encoding: "CSV" },
      eventId: "e",
      inferenceTime: time,
    });
    assert.equal(r.captureData.endpointInput!.encoding, "BASE64");
    assert.equal(r.captureData.endpointInput!.data, "MSz//g==");
    assert.equal(r.captureData.endpointInput!.observedContentType, "text/csv");
  });

  it("keeps non-ASCII text, control characters and a BOM verbatim and the line parses back", () => {
    const text = '\ufeffcafé,\u0001,"q"\\\n';
    const r = buildCaptureRecord({
      input: { contentType: "text/csv", body: utf8(text), encoding: "CSV" },
      eventId: "e",
      inferenceTime: time,
    });
    assert.equal(r.captureData.endpointInput!.data, text);
    const line = serializeCaptureRecord(r);
    assert.ok(line.includes("café"), "non-ASCII written as raw UTF-8");
    assert.ok(line.includes("\\u0001"), "C0 control escaped");
    assert.equal(line.indexOf("\n"), line.length - 1, "exactly one newline, at the end");
    assert.equal(parseCaptureLine(line.slice(0, -1)).captureData.endpointInput!.data, text);
  });

  it("stores an empty body as empty data", () => {
    const r = buildCaptureRecord({
      input: { contentType: "application/json", body: new Uint8Array(0), encoding: "JSON" },
      eventId: "e",
      inferenceTime: time,
    });
    assert.equal(r.captureData.endpointInput!.data, "");
    assert.equal(r.captureData.endpointInput!.encoding, "JSON");
  });
});
