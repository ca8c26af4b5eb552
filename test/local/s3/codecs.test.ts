/** Pure pieces: aws-chunked decoding at every split, XML parsing/escaping, CRC32C, the key index walk. */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { AwsChunkedResult, decodeAwsChunked } from "../../../src/local/s3/aws-chunked";
import { crc32c, digestBuffer } from "../../../src/local/s3/checksums";
import { KeyIndex } from "../../../src/local/s3/key-index";
import { escapeXml, parseXml, unescapeXml, childText, childrenNamed } from "../../../src/local/s3/xml";
import { seededBytes } from "./helpers";

async function decodeAll(pieces: Buffer[]) {
  const result = new AwsChunkedResult();
  const out: Buffer[] = [];
  for await (const b of decodeAwsChunked(pieces, result)) out.push(Buffer.from(b));
  return { body: Buffer.concat(out), result };
}

describe("S3 codecs", function () {
  it("decodes aws-chunked framing split at every byte position", async () => {
    const data = seededBytes(110, 5);
    const framed = Buffer.concat([
      Buffer.from("64\r\n"),
      data.subarray(0, 100),
      Buffer.from("\r\na;chunk-signature=ff\r\n"),
      data.subarray(100),
      Buffer.from("\r\n0\r\nx-amz-checksum-crc32:z5axxQ==\r\nx-amz-trailer-signature:00\r\n\r\n"),
    ]);
    for (let cut = 0; cut <= framed.length; cut++) {
      const { body, result } = await decodeAll([framed.subarray(0, cut), framed.subarray(cut)]);
      assert.ok(body.equals(data), `split at ${cut}`);
      assert.equal(result.decodedLength, 110);
      assert.equal(result.trailers["x-amz-checksum-crc32"], "z5axxQ==");
    }
    const oneByteAtATime = [...framed].map((b) => Buffer.from([b]));
    assert.ok((await decodeAll(oneByteAtATime)).body.equals(data));
  });

  it("rejects broken aws-chunked framing with IncompleteBody", async () => {
    for (const bad of [
      "",
      "5\r\nabc",
      "5\r\nabcde",
      "5\r\nabcdeX\r\n0\r\n\r\n",
      "g\r\n",
      "5\nabcde\n0\n\n",
      "0\r\n\r\nextra",
    ]) {
      await assert.rejects(decodeAll([Buffer.from(bad)]), { code: "IncompleteBody" }, JSON.stringify(bad));
    }
    assert.equal((await decodeAll([Buffer.from("0\r\n\r\n")])).body.length, 0);
  });

  it("checks each chunk-signature of a signed aws-chunked body against the chain, the final empty chunk too", async () => {
    // A stand-in chain: the expected signature is derived from the chunk hash and position, so a
    // swapped chunk, a missing signature or a wrong last one all show.
    const chain = () => {
      let i = 0;
      return { next: (sha: string) => `${(i++).toString(16).padStart(2, "0")}${sha.slice(2)}` };
    };
    const sha = (b: string) => createHash("sha256").update(b).digest("hex");
    const sig = (i: number, data: string) => `${i.toString(16).padStart(2, "0")}${sha(data).slice(2)}`;
    const frame = (parts: Array<[string, string]>) =>
      Buffer.from(
        parts
          .map(([data, signature]) => `${data.length.toString(16)};chunk-signature=${signature}\r\n${data}\r\n`)
          .join("") + "\r\n",
      );
    const decode = async (body: Buffer) => {
      const out: Buffer[] = [];
      for await (const b of decodeAwsChunked([body], new AwsChunkedResult(), chain())) out.push(Buffer.from(b));
      return Buffer.concat(out).toString();
    };
    assert.equal(
      await decode(
        frame([
          ["hello ", sig(0, "hello ")],
          ["world", sig(1, "world")],
          ["", sig(2, "")],
        ]),
      ),
      "hello world",
    );
    await assert.rejects(
      decode(
        frame([
          ["hello ", sig(0, "hello ")],
          ["WORLD", sig(1, "world")],
          ["", sig(2, "")],
        ]),
      ),
      { code: "SignatureDoesNotMatch", status: 403, message: /chunk 1 has a wrong chunk-signature/ },
    );
    await assert.rejects(
      decode(
        frame([
          ["hello ", sig(0, "hello ")],
          ["", sig(0, "")],
        ]),
      ),
      { code: "SignatureDoesNotMatch", message: /chunk 1/ },
    );
    await assert.rejects(decode(Buffer.from("5\r\nhello\r\n0\r\n\r\n")), {
      code: "SignatureDoesNotMatch",
      message: /chunk 0 carries no chunk-signature/,
    });
  });

  it("computes CRC32C (check value of '123456789' is e3069283) incrementally", () => {
    assert.equal(crc32c(Buffer.from("123456789")).toString(16), "e3069283");
    assert.equal(crc32c(Buffer.from("56789"), crc32c(Buffer.from("1234"))), 0xe3069283);
    assert.equal(digestBuffer(Buffer.from("hello world")).checksums.CRC32, "DUoRhQ==");
  });

  it("parses the request XML S3 clients send and rejects malformed documents", () => {
    const doc = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
      <CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><!-- c -->
        <Part><ETag>&quot;e1&quot;</ETag><PartNumber>1</PartNumber></Part>
        <Part><ETag><![CDATA["e2"]]></ETag><PartNumber>2</PartNumber><ChecksumCRC32>AAA=</ChecksumCRC32></Part>
        <Empty/>
      </CompleteMultipartUpload>`);
    assert.equal(doc.name, "CompleteMultipartUpload");
    assert.deepEqual(
      childrenNamed(doc, "Part").map((p) => childText(p, "ETag")),
      ['"e1"', '"e2"'],
    );
    assert.equal(childText(childrenNamed(doc, "Part")[1], "ChecksumCRC32"), "AAA=");
    assert.equal(childText(parseXml("<a><Key>  spaced  </Key></a>"), "Key"), "  spaced  ");
    for (const bad of [
      "",
      "<a>",
      "<a></b>",
      "<a/><b/>",
      "text",
      "<a>&nope;</a>",
      "<a><b></a></b>",
      "<a x></a>",
      "<" + "a>".repeat(40),
    ]) {
      assert.throws(() => parseXml(bad), { code: "MalformedXML" }, bad);
    }
    const tricky = `a&b<c>"d'e\r`;
    assert.equal(unescapeXml(escapeXml(tricky)), tricky);
    assert.equal(unescapeXml("&#65;&#x1F600;"), "A\u{1F600}");
  });

  it("walks the key index exactly like a naive listing (seeded random keys, all page sizes)", () => {
    const alphabet = ["a", "b", "/", "-", "\u00e9", "\uE000", "\u{1F600}"];
    let x = 42;
    const rand = (n: number) => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x % n;
    };
    const keys = new Set<string>();
    while (keys.size < 300) {
      let k = "";
      for (let i = 0, n = 1 + rand(6); i < n; i++) k += alphabet[rand(alphabet.length)];
      keys.add(k);
    }
    const index = new KeyIndex<string>();
    for (const k of keys) index.set(k, k);
    index.delete("a");
    keys.delete("a");
    const sorted = [...keys].sort((p, q) => Buffer.compare(Buffer.from(p), Buffer.from(q)));
    for (const [prefix, delimiter] of [
      ["", undefined],
      ["a", "/"],
      ["", "/"],
      ["b/", "/"],
      ["", "\u00e9"],
    ] as const) {
      // Naive reference: filter, roll up, dedupe, in order.
      const expected: string[] = [];
      for (const k of sorted) {
        if (!k.startsWith(prefix)) continue;
        const at = delimiter ? k.indexOf(delimiter, prefix.length) : -1;
        const item = at === -1 ? k : k.slice(0, at + delimiter!.length);
        if (expected[expected.length - 1] !== item) expected.push(item);
      }
      for (const pageSize of [1, 7, 1000]) {
        const seen: string[] = [];
        let after: string | undefined;
        let skipPrefix: string | undefined;
        for (let guard = 0; guard < 1000; guard++) {
          const page = index.list({ prefix, delimiter, after, skipPrefix, maxKeys: pageSize });
          const items = [...page.contents, ...page.commonPrefixes].sort((p, q) =>
            Buffer.compare(Buffer.from(p), Buffer.from(q)),
          );
          seen.push(...items);
          if (!page.isTruncated) break;
          after = page.resumeAfter;
          skipPrefix = delimiter && after?.endsWith(delimiter) ? after : undefined;
        }
        assert.deepEqual(seen, expected, `prefix=${prefix} delimiter=${delimiter} pageSize=${pageSize}`);
      }
    }
  });
});
