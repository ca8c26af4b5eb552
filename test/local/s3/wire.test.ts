/**
 * Raw HTTP against the handler: what the SDK would never send (bad digests, broken framing,
 * garbage XML, traversal paths), error shapes, and that the server keeps serving afterwards.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { createHash } from "node:crypto";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { listFiles, rawRequest, startS3, type S3Fixture } from "./helpers";

const crc32b64 = (data: Buffer | string) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(zlib.crc32(data) >>> 0);
  return out.toString("base64");
};
const code = (body: string) => /<Code>([^<]*)<\/Code>/.exec(body)?.[1];

describe("S3 handler on the wire (raw HTTP)", function () {
  let fx: S3Fixture;
  const bucket = "wire-bucket";
  const put = (p: string, body: string | Buffer, headers: Record<string, string | number> = {}) =>
    rawRequest(fx.port, { method: "PUT", path: p, body, headers });
  const get = (p: string, headers: Record<string, string> = {}) =>
    rawRequest(fx.port, { method: "GET", path: p, headers });
  /** A request that must succeed after a bad one: the server is still healthy. */
  const stillServes = async () => {
    const r = await put(`/${bucket}/health`, "ok");
    assert.equal(r.status, 200);
    assert.equal((await get(`/${bucket}/health`)).body, "ok");
  };

  before(async () => {
    fx = await startS3("raw");
    await fx.client().send(new CreateBucketCommand({ Bucket: bucket }));
  });
  after(async () => fx.close());

  it("returns S3 XML errors with code, resource and the request id; HEAD errors have no body", async () => {
    const r = await get(`/${bucket}/missing%20key`);
    assert.equal(r.status, 404);
    assert.match(r.headers["content-type"] ?? "", /application\/xml/);
    assert.equal(code(r.body), "NoSuchKey");
    assert.match(r.body, /<Key>missing key<\/Key>/);
    assert.match(r.body, new RegExp(`<RequestId>${r.headers["x-amz-request-id"]}</RequestId>`));
    const h = await rawRequest(fx.port, { method: "HEAD", path: `/no-bucket/x` });
    assert.equal(h.status, 404);
    assert.equal(h.body, "");
    const list = await get(`/`);
    assert.match(list.body, /<ListAllMyBucketsResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/">/);
  });

  it("rejects a wrong CRC32 header, wrong Content-MD5 and wrong x-amz-content-sha256 with BadDigest-style 400s", async () => {
    const wrong = await put(`/${bucket}/crc`, "hello world", {
      "x-amz-checksum-crc32": crc32b64("hello"),
      "x-amz-sdk-checksum-algorithm": "CRC32",
    });
    assert.equal(wrong.status, 400);
    assert.equal(code(wrong.body), "BadDigest");
    const right = await put(`/${bucket}/crc`, "hello world", { "x-amz-checksum-crc32": "DUoRhQ==" });
    assert.equal(right.status, 200);
    assert.equal(right.headers["x-amz-checksum-crc32"], "DUoRhQ==");
    const md5 = await put(`/${bucket}/md5`, "abc", { "content-md5": createHash("md5").update("abd").digest("base64") });
    assert.equal(code(md5.body), "BadDigest");
    const sha = await put(`/${bucket}/sha`, "abc", {
      "x-amz-content-sha256": createHash("sha256").update("abd").digest("hex"),
    });
    assert.equal(code(sha.body), "XAmzContentSHA256Mismatch");
    const crc32c = await put(`/${bucket}/c`, "123456789", {
      "x-amz-checksum-crc32c": Buffer.from("e3069283", "hex").toString("base64"),
    });
    assert.equal(crc32c.status, 200, crc32c.body);
    const badC = await put(`/${bucket}/c`, "123456789", {
      "x-amz-checksum-crc32c": Buffer.from("e3069284", "hex").toString("base64"),
    });
    assert.equal(code(badC.body), "BadDigest");
    // Nothing was stored by the failed puts.
    assert.deepEqual(fx.store.listObjectsV2({ bucket, prefix: "md5" }).contents, []);
    await stillServes();
  });

  it("decodes aws-chunked bodies, checks the trailer checksum and the decoded length", async () => {
    const data = Buffer.from("x".repeat(100) + "0123456789");
    const framed = (trailerCrc: string) => [
      `64;chunk-signature=abc\r\n`,
      data.subarray(0, 50),
      data.subarray(50, 100),
      `\r\na\r\n`,
      data.subarray(100),
      `\r\n0\r\n`,
      `x-amz-checksum-crc32:${trailerCrc}\r\n\r\n`,
    ];
    const headers = {
      "content-encoding": "gzip,aws-chunked",
      "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      "x-amz-decoded-content-length": 110,
      "x-amz-trailer": "x-amz-checksum-crc32",
      "transfer-encoding": "chunked",
    };
    const ok = await rawRequest(fx.port, {
      method: "PUT",
      path: `/${bucket}/chunked`,
      headers,
      chunks: framed(crc32b64(data)),
    });
    assert.equal(ok.status, 200, ok.body);
    const stored = await fx.store.getObject(bucket, "chunked");
    assert.ok(stored.body.equals(data));
    assert.equal(stored.contentEncoding, "gzip");
    const bad = await rawRequest(fx.port, {
      method: "PUT",
      path: `/${bucket}/chunked2`,
      headers,
      chunks: framed(crc32b64("nope")),
    });
    assert.equal(code(bad.body), "BadDigest");
    const short = await rawRequest(fx.port, {
      method: "PUT",
      path: `/${bucket}/chunked3`,
      headers: { ...headers, "x-amz-decoded-content-length": 111 },
      chunks: framed(crc32b64(data)),
    });
    assert.equal(code(short.body), "IncompleteBody");
    for (const garbage of ["zz\r\nabc\r\n0\r\n\r\n", "5\r\nabcdefgh\r\n0\r\n\r\n", "5\r\nab", "3\nabc\n0\n\n"]) {
      const r = await rawRequest(fx.port, { method: "PUT", path: `/${bucket}/garbage`, headers, body: garbage });
      assert.equal(r.status, 400, `${JSON.stringify(garbage)} -> ${r.body}`);
      assert.equal(code(r.body), "IncompleteBody");
    }
    assert.equal(fx.store.listObjectsV2({ bucket, prefix: "garbage" }).keyCount, 0);
    assert.equal(fx.store.listObjectsV2({ bucket, prefix: "chunked" }).keyCount, 1);
    await stillServes();
  });

  it("surfaces BadDigest through the SDK when a middleware corrupts the CRC32", async () => {
    const client = fx.client();
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers["x-amz-checksum-crc32"] = "AAAAAA==";
        return next(args);
      },
      { step: "finalizeRequest", name: "corruptChecksum" },
    );
    await assert.rejects(client.send(new PutObjectCommand({ Bucket: bucket, Key: "sdk-bad", Body: "payload" })), {
      name: "BadDigest",
    });
  });

  it("rejects malformed XML bodies with MalformedXML and keeps serving", async () => {
    for (const body of [
      "<Delete><Object><Key>a</Key></Object>",
      "not xml at all",
      "<Delete><Object><Key>a</Key></Objekt></Delete>",
      "<Delete></Delete>",
      "<Delete><Object><Key>&bogus;</Key></Object></Delete>",
    ]) {
      const r = await rawRequest(fx.port, { method: "POST", path: `/${bucket}/?delete=`, body });
      assert.equal(r.status, 400, body);
      assert.equal(code(r.body), "MalformedXML", body);
    }
    const create = await rawRequest(fx.port, { method: "POST", path: `/${bucket}/mp?uploads` });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(create.body)?.[1];
    assert.ok(uploadId);
    const complete = await rawRequest(fx.port, {
      method: "POST",
      path: `/${bucket}/mp?uploadId=${uploadId}`,
      body: "<CompleteMultipartUpload><Part>",
    });
    assert.equal(code(complete.body), "MalformedXML");
    const noPart = await rawRequest(fx.port, {
      method: "POST",
      path: `/${bucket}/mp?uploadId=${uploadId}`,
      body: "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;00&quot;</ETag></Part></CompleteMultipartUpload>",
    });
    assert.equal(code(noPart.body), "InvalidPart");
    const badId = await rawRequest(fx.port, { method: "DELETE", path: `/${bucket}/mp?uploadId=..%2F..%2Fbucket.json` });
    assert.equal(code(badId.body), "NoSuchUpload");
    assert.deepEqual(fx.internalErrors, []);
    await stillServes();
  });

  it("deletes entity-escaped keys from an XML body", async () => {
    await put(`/${bucket}/${encodeURIComponent("a&b<c>\"'")}`, "x");
    const r = await rawRequest(fx.port, {
      method: "POST",
      path: `/${bucket}?delete`,
      body: `<?xml version="1.0"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&amp;b&lt;c&gt;&quot;&apos;</Key></Object></Delete>`,
    });
    assert.equal(r.status, 200);
    assert.match(r.body, /<Deleted><Key>a&amp;b&lt;c&gt;&quot;&apos;<\/Key><\/Deleted>/);
    assert.throws(() => fx.store.headObject(bucket, "a&b<c>\"'"), { code: "NoSuchKey" });
  });

  it("url-encodes listed keys when asked (encoding-type=url)", async () => {
    await put(`/${bucket}/enc/${encodeURIComponent("a b+c")}`, "x");
    const r = await get(`/${bucket}/?list-type=2&prefix=enc%2F&encoding-type=url`);
    assert.equal(r.status, 200);
    assert.match(r.body, /<Key>enc\/a%20b%2Bc<\/Key>/);
    assert.match(r.body, /<EncodingType>url<\/EncodingType>/);
    const bad = await get(`/${bucket}/?list-type=2&max-keys=lots`);
    assert.equal(code(bad.body), "InvalidArgument");
  });

  it("survives a client that disconnects mid-upload and keeps no partial object", async () => {
    const req = http.request({
      host: "127.0.0.1",
      port: fx.port,
      method: "PUT",
      path: `/${bucket}/aborted`,
      headers: { "content-length": 100000 },
    });
    req.on("error", () => undefined);
    req.write(Buffer.alloc(10_000, 1));
    const tmp = path.join(fx.root, "tmp");
    const deadline = Date.now() + 5000;
    while (fs.readdirSync(tmp).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    assert.equal(fs.readdirSync(tmp).length, 1, "the body is being staged");
    req.destroy();
    while (fs.readdirSync(tmp).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(fs.readdirSync(tmp), [], "the staged partial body is removed");
    assert.throws(() => fx.store.headObject(bucket, "aborted"), { code: "NoSuchKey" });
    assert.deepEqual(fx.internalErrors, []);
    await stillServes();
  });

  it("answers unknown operations with 501 NotImplemented XML", async () => {
    for (const p of [`/${bucket}?acl`, `/${bucket}/x?tagging`, `/${bucket}`]) {
      const r = await get(p);
      assert.equal(r.status, 501, p);
      assert.equal(code(r.body), "NotImplemented");
    }
    const patch = await rawRequest(fx.port, { method: "PATCH", path: `/${bucket}/x` });
    assert.equal(code(patch.body), "MethodNotAllowed");
    await stillServes();
  });

  it("never lets bucket names or keys escape the data root", async () => {
    const outside = path.dirname(fx.root);
    const before = fs.readdirSync(outside).sort();
    const attempts: [string, string][] = [
      ["PUT", "/../"],
      ["PUT", "/..%2F..%2Fescape/"],
      ["PUT", "/%2e%2e/"],
      ["PUT", "/wire-bucket/../../etc/passwd"],
      ["PUT", "/wire-bucket/a/../../b"],
      ["PUT", "/wire-bucket/%2e%2e%2f%2e%2e%2fescaped"],
      ["PUT", "/wire-bucket//abs/path"],
      ["PUT", "/../../x/y"],
      ["PUT", "/wire-bucket/..%00x"],
      ["PUT", `/wire-bucket/${"k".repeat(1025)}`],
    ];
    const statuses: Record<string, number> = {};
    for (const [method, p] of attempts) {
      const r = await rawRequest(fx.port, { method, path: p, body: "pwn" });
      statuses[p] = r.status;
    }
    assert.equal(statuses["/../"], 400); // InvalidBucketName
    assert.equal(statuses["/../../x/y"], 404); // no bucket ".."
    assert.equal(statuses[`/wire-bucket/${"k".repeat(1025)}`], 400); // KeyTooLongError
    assert.equal(statuses["/wire-bucket/..%00x"], 400); // NUL rejected
    // Legal S3 keys that look like paths are stored literally, under encoded file names.
    assert.equal((await fx.store.getObject(bucket, "../../etc/passwd")).body.toString(), "pwn");
    assert.equal((await fx.store.getObject(bucket, "a/../../b")).body.toString(), "pwn");
    assert.equal((await fx.store.getObject(bucket, "/abs/path")).body.toString(), "pwn");
    assert.deepEqual(fs.readdirSync(outside).sort(), before, "nothing new beside the data root");
    for (const f of listFiles(fx.root)) {
      assert.match(
        f,
        /^buckets\/[a-z0-9.-]+\/(bucket\.json|objects\/[kh][0-9a-f]+\.(json|[0-9a-f]+\.bin)|uploads\/[0-9a-f]{32}\/[a-z0-9.-]+)$/,
        f,
      );
      assert.ok(path.basename(f).length < 255);
    }
    const longKey = "k".repeat(1024);
    assert.equal((await put(`/${bucket}/${longKey}`, "long")).status, 200);
    assert.equal((await get(`/${bucket}/${longKey}`)).body, "long");
    await stillServes();
  });
});
