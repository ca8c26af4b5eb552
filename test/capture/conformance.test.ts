import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import {
  buildCaptureRecord,
  CaptureFormatError,
  chooseEncoding,
  decodeCaptureData,
  decodeCaptureText,
  formatInferenceTime,
  parseCaptureLine,
  parseCaptureText,
  parseInferenceTime,
  serializeCaptureRecord,
  type CaptureRecord,
  type CaptureSide,
  type ContentTypeHeader,
} from "../../src/capture";
import { OWN_FIXTURES, SHARED_FIXTURES, thrown } from "./helpers";

/** Content-type header each source endpoint was configured with (from the notebooks; see PROVENANCE.md). */
const SDK_HEADER: ContentTypeHeader = { CsvContentTypes: ["text/csv"], JsonContentTypes: ["application/json"] };
const AWS_WRITTEN: Record<string, ContentTypeHeader> = {
  "01.jsonl": SDK_HEADER,
  "02.jsonl": { JsonContentTypes: ["application/jsonlines"] },
  "08.jsonl": SDK_HEADER,
  "12.jsonl": SDK_HEADER,
};

/** First record's decoded output, typed from the AWS records of docs/capture-format.md §11 (E2, E3, E1b, E4). */
const FIRST_OUTPUT_TEXT: Record<string, string> = {
  "01.jsonl": '{"predictions": [{"score": 0.9899773597717285, "predicted_label": 1}]}',
  "02.jsonl": '{"predicted_label":1,"score":0.989977359771728}\n',
  "08.jsonl": "0.036397725343704224",
  "12.jsonl": '{\n    "predictions": [3.5, 4.0, 5.5\n    ]\n}',
};

/** Rebuilds a record from its decoded payloads, as the capture writer would. */
function rebuild(r: CaptureRecord, header: ContentTypeHeader): CaptureRecord {
  const side = (s: CaptureSide | undefined) =>
    s && {
      contentType: s.observedContentType,
      body: decodeCaptureData(s).bytes,
      encoding: chooseEncoding(s.observedContentType, header),
    };
  return buildCaptureRecord({
    input: side(r.captureData.endpointInput),
    output: side(r.captureData.endpointOutput),
    eventId: r.eventMetadata.eventId,
    inferenceId: r.eventMetadata.inferenceId,
    inferenceTime: parseInferenceTime(r.eventMetadata.inferenceTime),
  });
}

function conformance(dir: string, files: Record<string, ContentTypeHeader>, firstOutput: Record<string, string>): void {
  for (const [file, header] of Object.entries(files)) {
    describe(file, () => {
      let text = "";
      before(function () {
        if (!fs.existsSync(path.join(dir, file))) this.skip();
        text = fs.readFileSync(path.join(dir, file), "utf8");
      });

      it("every line round-trips byte for byte and the file ends in \\n", () => {
        assert.ok(text.endsWith("}\n"));
        const lines = text.slice(0, -1).split("\n");
        assert.ok(lines.length > 0);
        for (const [i, l] of lines.entries()) {
          assert.equal(
            serializeCaptureRecord(parseCaptureLine(l, { source: file, line: i + 1 })),
            l + "\n",
            `${file}:${i + 1}`,
          );
        }
      });

      it("decodes to the expected text; the encoding matches the content-type rule", () => {
        const recs = parseCaptureText(text, file).map((n) => n.record);
        if (firstOutput[file] !== undefined)
          assert.equal(decodeCaptureText(recs[0].captureData.endpointOutput!), firstOutput[file]);
        for (const r of recs) {
          for (const s of [r.captureData.endpointInput, r.captureData.endpointOutput]) {
            assert.ok(s, "both sides captured");
            assert.equal(s.encoding, chooseEncoding(s.observedContentType, header));
            const d = decodeCaptureData(s);
            if (s.encoding !== "BASE64") assert.equal(d.text, s.data, "CSV/JSON data is the text itself");
            else
              assert.equal(Buffer.from(d.bytes).toString("base64"), s.data, "BASE64 decodes to the bytes it encodes");
          }
          assert.equal(
            formatInferenceTime(parseInferenceTime(r.eventMetadata.inferenceTime)),
            r.eventMetadata.inferenceTime,
          );
        }
      });

      it("rebuilding each record from its decoded payloads gives the same bytes", () => {
        const recs = parseCaptureText(text, file).map((n) => n.record);
        assert.equal(recs.map((r) => serializeCaptureRecord(rebuild(r, header))).join(""), text);
      });
    });
  }
}

describe("capture conformance: real AWS-written files (../shared/fixtures/aws-capture)", function () {
  before(function () {
    if (!fs.existsSync(SHARED_FIXTURES)) {
      console.log(`    (skipped: shared AWS capture fixtures not found at ${SHARED_FIXTURES})`);
      this.skip();
    }
  });

  conformance(SHARED_FIXTURES, AWS_WRITTEN, FIRST_OUTPUT_TEXT);

  it("13.jsonl (synthetic SDK template) parses leniently though it does not round-trip", () => {
    const text = fs.readFileSync(path.join(SHARED_FIXTURES, "13.jsonl"), "utf8");
    const nonEmpty = text.split("\n").filter((l) => l.trim() !== "").length;
    const recs = parseCaptureText(text, "13.jsonl");
    assert.equal(recs.length, nonEmpty);
    assert.deepEqual(Object.keys(recs[0].record), ["eventMetadata", "eventVersion", "captureData"]);
    assert.equal(decodeCaptureText(recs[0].record.captureData.endpointInput!), "9,45,45,42,7,5,0");
    // Its time is a "{%s}" placeholder: kept as-is by the parser, rejected when a Date is asked for.
    assert.ok(
      thrown(() => parseInferenceTime(recs[0].record.eventMetadata.inferenceTime)) instanceof CaptureFormatError,
    );
  });

  it("20.partial.txt gives the truncated-line error naming the source and line", () => {
    const text = fs.readFileSync(path.join(SHARED_FIXTURES, "20.partial.txt"), "utf8");
    const err = thrown(() => parseCaptureText(text, "20.partial.txt")) as CaptureFormatError;
    assert.ok(err instanceof CaptureFormatError);
    assert.equal(err.source, "20.partial.txt");
    assert.equal(err.line, 1);
    assert.match(err.message, /^20\.partial\.txt:1: line is truncated/);
  });
});

describe("capture conformance: the project's own fixtures (test/fixtures/capture)", () => {
  conformance(
    OWN_FIXTURES,
    {
      "csv.jsonl": SDK_HEADER,
      "json.jsonl": { JsonContentTypes: ["application/json", "application/jsonlines"] },
      "base64.jsonl": { JsonContentTypes: ["application/json"] },
    },
    { "csv.jsonl": "0.125", "json.jsonl": '{\n  "predictions": [0.75]\n}', "base64.jsonl": "[0.25, 0.75]" },
  );
});
