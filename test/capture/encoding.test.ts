import { strict as assert } from "assert";
import {
  CaptureFormatError,
  chooseEncoding,
  decodeCaptureData,
  decodeCaptureText,
  encodeCaptureBody,
  encodeCaptureData,
} from "../../src/capture";
import { thrown } from "./helpers";

const SDK_HEADER = { CsvContentTypes: ["text/csv"], JsonContentTypes: ["application/json"] };
const bytes = (...b: number[]) => new Uint8Array(b);

describe("capture/encoding: chooseEncoding", () => {
  it("matches the parameter-stripped, lower-cased type exactly", () => {
    assert.equal(chooseEncoding("text/csv", SDK_HEADER), "CSV");
    assert.equal(chooseEncoding("text/csv; charset=utf-8", SDK_HEADER), "CSV");
    assert.equal(chooseEncoding("Text/CSV;charset=UTF-8", SDK_HEADER), "CSV");
    assert.equal(chooseEncoding("application/json", SDK_HEADER), "JSON");
    assert.equal(chooseEncoding("application/jsonlines", SDK_HEADER), "BASE64");
    assert.equal(chooseEncoding("application/jsonlines", { JsonContentTypes: ["application/jsonlines"] }), "JSON");
    assert.equal(chooseEncoding("application/vnd.x+json", SDK_HEADER), "BASE64", "no +json wildcard");
  });

  it("checks the CSV list before the JSON list", () => {
    assert.equal(
      chooseEncoding("text/plain", { CsvContentTypes: ["text/plain"], JsonContentTypes: ["text/plain"] }),
      "CSV",
    );
  });

  it("gives BASE64 for unlisted, null, absent or empty types and when there is no header", () => {
    assert.equal(chooseEncoding("image/png", SDK_HEADER), "BASE64");
    assert.equal(chooseEncoding(null, SDK_HEADER), "BASE64");
    assert.equal(chooseEncoding(undefined, SDK_HEADER), "BASE64");
    assert.equal(chooseEncoding("", SDK_HEADER), "BASE64");
    assert.equal(chooseEncoding("text/csv"), "BASE64");
    assert.equal(chooseEncoding("text/csv", {}), "BASE64");
  });
});

describe("capture/encoding: encode", () => {
  it("stores CSV/JSON bodies as UTF-8 text verbatim", () => {
    assert.equal(encodeCaptureData(new TextEncoder().encode("a,b\n1,2\n"), "CSV"), "a,b\n1,2\n");
    assert.equal(encodeCaptureData(new TextEncoder().encode('{"k": "é"}'), "JSON"), '{"k": "é"}');
  });

  it("stores BASE64 with the standard alphabet and padding", () => {
    assert.equal(encodeCaptureData(bytes(0xfb, 0xff), "BASE64"), "+/8=");
    assert.equal(encodeCaptureData(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), "BASE64"), "iVBORw0KGgo=");
    assert.equal(encodeCaptureData(bytes(), "BASE64"), "");
  });

  it("encodes a subarray view, not its whole buffer", () => {
    const whole = bytes(1, 2, 3, 0x66, 0x6f, 0x6f, 9);
    assert.equal(encodeCaptureData(whole.subarray(3, 6), "BASE64"), "Zm9v");
    assert.equal(encodeCaptureData(whole.subarray(3, 6), "CSV"), "foo");
  });

  it("encodeCaptureBody falls back to BASE64 for invalid UTF-8; encodeCaptureData refuses instead", () => {
    assert.deepEqual(encodeCaptureBody(bytes(0xc3, 0x28), "JSON"), { data: "wyg=", encoding: "BASE64" });
    const err = thrown(() => encodeCaptureData(bytes(0xc3, 0x28), "JSON"));
    assert.ok(err instanceof CaptureFormatError);
    assert.match(err.message, /not valid UTF-8/);
  });

  it("rejects an unknown encoding", () => {
    assert.ok(thrown(() => encodeCaptureData(bytes(1), "GZIP" as never)) instanceof CaptureFormatError);
  });
});

describe("capture/encoding: decode", () => {
  it("returns CSV/JSON data as text and its UTF-8 bytes", () => {
    const d = decodeCaptureData({ data: "é,1", encoding: "CSV" });
    assert.equal(d.text, "é,1");
    assert.equal(d.isText, true);
    assert.deepEqual([...d.bytes], [0xc3, 0xa9, 0x2c, 0x31]);
  });

  it("decodes BASE64 to bytes, with text only when valid UTF-8", () => {
    const png = decodeCaptureData({ data: "iVBORw0KGgo=", encoding: "BASE64" });
    assert.deepEqual([...png.bytes], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.isText, false);
    assert.equal(png.text, undefined);
    const txt = decodeCaptureData({ data: "Y2Fmw6k=", encoding: "BASE64" });
    assert.equal(txt.text, "café");
    assert.equal(txt.isText, true);
  });

  it("treats a missing encoding as BASE64", () => {
    const d = decodeCaptureData({ data: "aGVsbG8=" } as never);
    assert.equal(d.text, "hello");
    assert.equal(d.encoding, "BASE64");
  });

  it("keeps data of an unknown encoding raw, flagged", () => {
    const d = decodeCaptureData({ data: "H4sIAAAA", encoding: "GZIP" });
    assert.equal(d.text, "H4sIAAAA");
    assert.equal(d.unknownEncoding, true);
  });

  it("rejects malformed base64 naming the field", () => {
    for (const data of ["abc", "a*bc", "ab=c", "abcde"]) {
      const err = thrown(() => decodeCaptureData({ data, encoding: "BASE64" })) as CaptureFormatError;
      assert.ok(err instanceof CaptureFormatError, data);
      assert.equal(err.field, "data");
    }
  });

  it("keeps a UTF-8 BOM in base64-decoded text", () => {
    assert.equal(decodeCaptureText({ data: "77u/YQ==", encoding: "BASE64" }), "\ufeffa");
  });

  it("round-trips arbitrary bytes through BASE64 (seeded)", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed & 0xff);
    for (let n = 0; n < 40; n++) {
      const b = new Uint8Array(n).map(() => rand());
      assert.deepEqual(
        [...decodeCaptureData({ data: encodeCaptureData(b, "BASE64"), encoding: "BASE64" }).bytes],
        [...b],
      );
    }
  });
});
