import { strict as assert } from "assert";
import {
  buildCaptureRecord,
  parseCaptureLine,
  serializeCaptureRecord,
  type BuildCaptureRecordInput,
  type CaptureBody,
  type CaptureEncoding,
} from "../../src/capture";
import { encodeCaptureLine } from "../../src/capture/line-bytes";
import { seededRandom } from "../../src/local/capture-writer/random";
import { ownFixture } from "./helpers";

/** What the writer's fast path must equal: the builder's record, serialized. */
const viaRecord = (p: BuildCaptureRecordInput) => serializeCaptureRecord(buildCaptureRecord(p));

/** Seeded payloads that stress escaping: quotes, backslashes, newlines, controls, non-ASCII, invalid UTF-8. */
function randomBody(r: () => number): Uint8Array {
  const pieces = ['1,2.5,"x"', "\\", "\n", "\r\n", "\u0001", "\t", "é", "€", "😀", "</script>", '{"a": [1, 2]}', "/"];
  if (r() < 0.1) return Uint8Array.from([0xff, 0xfe, 0x41, 0x80]); // not UTF-8: stored as BASE64
  let s = "";
  const n = Math.floor(r() * 8);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(r() * pieces.length)];
  return new TextEncoder().encode(s);
}

describe("capture/line-bytes: encodeCaptureLine (the writer's direct line encoder)", () => {
  it("writes the same bytes as buildCaptureRecord + serializeCaptureRecord for 2000 seeded inputs", () => {
    const r = seededRandom(7);
    const encodings: CaptureEncoding[] = ["CSV", "JSON", "BASE64"];
    const types = [null, "text/csv", "text/csv; charset=utf-8", 'application/json; q="1"', "image/png"];
    const side = (): CaptureBody | undefined =>
      r() < 0.2
        ? undefined
        : {
            contentType: types[Math.floor(r() * types.length)],
            body: randomBody(r),
            encoding: encodings[Math.floor(r() * 3)],
          };
    for (let i = 0; i < 2000; i++) {
      const p: BuildCaptureRecordInput = {
        input: side(),
        output: side(),
        eventId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        inferenceId: r() < 0.5 ? undefined : `id "${i}" \\ é`,
        inferenceTime: new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 1e10)),
        customAttributes: r() < 0.7 ? undefined : `c=${i};"q"`,
      };
      const expected = viaRecord(p);
      const encoded = encodeCaptureLine(p);
      assert.equal(encoded.byteLength, Buffer.byteLength(expected), `input ${i}: byteLength`);
      const line = encoded.toBuffer().toString("utf8");
      assert.equal(line, expected, `input ${i}`);
      assert.doesNotThrow(() => parseCaptureLine(line.slice(0, -1)));
    }
  });

  it("reproduces the project's own CSV fixture lines from their decoded payloads", () => {
    for (const l of ownFixture("csv.jsonl")
      .split("\n")
      .filter((x) => x !== "")) {
      const rec = parseCaptureLine(l);
      const body = (s?: { observedContentType: string | null; data: string; encoding: string }) =>
        s && {
          contentType: s.observedContentType,
          body: new TextEncoder().encode(s.data),
          encoding: s.encoding as CaptureEncoding,
        };
      const p: BuildCaptureRecordInput = {
        input: body(rec.captureData.endpointInput),
        output: body(rec.captureData.endpointOutput),
        eventId: rec.eventMetadata.eventId,
        inferenceId: rec.eventMetadata.inferenceId,
        inferenceTime: new Date(rec.eventMetadata.inferenceTime),
      };
      assert.equal(encodeCaptureLine(p).toBuffer().toString("utf8"), l + "\n");
    }
  });

  it("escapes every ASCII byte as JSON.stringify does and copies multi-byte UTF-8 verbatim", () => {
    const ascii = Uint8Array.from({ length: 128 }, (_, i) => i);
    const text = new TextEncoder().encode("\uFEFFbom \u2028\u2029 é € 😀");
    for (const body of [ascii, text, Buffer.concat([ascii, text])]) {
      for (const encoding of ["CSV", "JSON"] as const) {
        const p: BuildCaptureRecordInput = {
          input: { contentType: "text/csv", body, encoding },
          eventId: "e",
          inferenceTime: new Date(0),
        };
        const encoded = encodeCaptureLine(p);
        assert.equal(encoded.toBuffer().toString("utf8"), viaRecord(p));
        assert.equal(parseCaptureLine(viaRecord(p).slice(0, -1)).captureData.endpointInput!.encoding, encoding);
      }
    }
  });

  it("writes at an offset and refuses a buffer too small for the line", () => {
    const encoded = encodeCaptureLine({
      output: { contentType: null, body: Uint8Array.of(1, 2), encoding: "BASE64" },
      eventId: "e",
      inferenceTime: new Date(0),
    });
    const target = Buffer.alloc(encoded.byteLength + 3, 0x2e);
    assert.equal(encoded.writeTo(target, 3), target.length);
    assert.equal(target.subarray(0, 3).toString(), "...");
    assert.equal(target.subarray(3).toString(), encoded.toBuffer().toString());
    assert.throws(() => encoded.writeTo(target, 4), RangeError);
  });
});
