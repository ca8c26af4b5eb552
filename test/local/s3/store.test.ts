/** S3Store without HTTP: buckets, objects, listing order, multipart rules, persistence and crash leftovers. */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { S3Store } from "../../../src/local/s3";
import { listFiles, seededBytes, tempDir } from "./helpers";

describe("S3Store (programmatic API)", function () {
  let base: string;
  let root: string;
  let warnings: string[];
  const open = () => S3Store.open(root, { onWarning: (m) => warnings.push(m) });

  beforeEach(() => {
    base = tempDir("store");
    root = path.join(base, "data");
    warnings = [];
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it("validates bucket names with S3's rules", async () => {
    const store = await open();
    for (const bad of [
      "..",
      "ab",
      "a".repeat(64),
      "Upper",
      "under_score",
      "-dash",
      "dot.",
      "a..b",
      "192.168.1.1",
      "xn--abc",
      "a/b",
      "",
      "x\0y",
    ]) {
      await assert.rejects(store.createBucket(bad), { code: "InvalidBucketName" }, bad);
    }
    await store.createBucket("a.b-c1");
    await assert.rejects(store.createBucket("a.b-c1"), { code: "BucketAlreadyOwnedByYou", status: 409 });
    assert.deepEqual(fs.readdirSync(path.join(root, "buckets")), ["a.b-c1"]);
  });

  it("puts and gets objects with headers, metadata, ranges and checksums", async () => {
    const store = await open();
    await store.createBucket("bkt");
    const body = Buffer.from("hello world");
    const { etag } = await store.putObject("bkt", "dir/hello.txt", body, {
      contentType: "text/plain",
      metadata: { k: "v" },
      checksums: { CRC32: "DUoRhQ==" },
    });
    assert.equal(etag, `"${createHash("md5").update(body).digest("hex")}"`);
    const got = await store.getObject("bkt", "dir/hello.txt");
    assert.equal(got.body.toString(), "hello world");
    assert.equal(got.contentType, "text/plain");
    assert.deepEqual(got.metadata, { k: "v" });
    assert.equal(got.checksums.CRC32, "DUoRhQ==");
    assert.equal((await store.getObject("bkt", "dir/hello.txt", { start: 6 })).body.toString(), "world");
    assert.equal((await store.getObject("bkt", "dir/hello.txt", { start: 0, end: 99 })).body.toString(), "hello world");
    await assert.rejects(store.getObject("bkt", "dir/hello.txt", { start: 11 }), { code: "InvalidRange", status: 416 });
    await assert.rejects(store.putObject("bkt", "x", "abc", { checksums: { CRC32: "DUoRhQ==" } }), {
      code: "BadDigest",
    });
    await assert.rejects(store.putObject("bkt", "x", "abc", { checksums: { SHA1: "AAAA" } }), { code: "BadDigest" });
    await assert.rejects(store.getObject("bkt", "x"), { code: "NoSuchKey" });
    await assert.rejects(store.getObject("nope", "x"), { code: "NoSuchBucket" });
    await assert.rejects(store.putObject("bkt", "k".repeat(1025), "x"), { code: "KeyTooLongError" });
    await assert.rejects(store.deleteBucket("bkt"), { code: "BucketNotEmpty" });
    assert.deepEqual(fs.readdirSync(path.join(root, "tmp")), [], "failed puts leave no staged files");
  });

  it("lists in UTF-8 byte order (not UTF-16 order) with prefixes, delimiters and tokens", async () => {
    const store = await open();
    await store.createBucket("bkt");
    const keys = ["b", "a", "\u{1F600}", "\uE000", "a/b/c", "a/b/d", "a/c", "a/b"];
    for (const k of keys) await store.putObject("bkt", k, k);
    const utf8Sorted = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    assert.deepEqual(
      store.listObjectsV2({ bucket: "bkt" }).contents.map((o) => o.key),
      utf8Sorted,
    );
    assert.notDeepEqual(utf8Sorted, [...keys].sort(), "the fixture must tell the two orders apart");
    const page = store.listObjectsV2({ bucket: "bkt", prefix: "a/", delimiter: "/" });
    assert.deepEqual(
      page.contents.map((o) => o.key),
      ["a/b", "a/c"],
    );
    assert.deepEqual(page.commonPrefixes, ["a/b/"]);
    assert.throws(() => store.listObjectsV2({ bucket: "bkt", continuationToken: "garbage!" }), {
      code: "InvalidArgument",
    });
  });

  it("assembles multipart uploads and enforces S3's part rules", async () => {
    const store = await open();
    await store.createBucket("bkt");
    const id = await store.createMultipartUpload("bkt", "big", { contentType: "application/x-ndjson" });
    const p1 = seededBytes(5 * 1024 * 1024, 1);
    const p2 = seededBytes(10, 2);
    const r2 = await store.uploadPart("bkt", "big", id, 2, p2);
    const r1 = await store.uploadPart("bkt", "big", id, 1, p1);
    assert.deepEqual(
      (await store.listParts("bkt", "big", id)).map((p) => p.partNumber),
      [1, 2],
    );
    await assert.rejects(
      store.completeMultipartUpload("bkt", "big", id, [
        { partNumber: 2, etag: r2.etag },
        { partNumber: 1, etag: r1.etag },
      ]),
      { code: "InvalidPartOrder" },
    );
    await assert.rejects(store.completeMultipartUpload("bkt", "big", id, [{ partNumber: 1, etag: '"deadbeef"' }]), {
      code: "InvalidPart",
    });
    await assert.rejects(store.completeMultipartUpload("bkt", "big", id, [{ partNumber: 3, etag: r1.etag }]), {
      code: "InvalidPart",
    });
    await assert.rejects(
      store.completeMultipartUpload("bkt", "big", id, [
        { partNumber: 2, etag: r2.etag },
        { partNumber: 3, etag: r2.etag },
      ]),
      { code: "InvalidPart" },
    );
    await assert.rejects(store.uploadPart("bkt", "big", id, 0, "x"), { code: "InvalidArgument" });
    await assert.rejects(store.uploadPart("bkt", "big", "../../bkt", 1, "x"), { code: "NoSuchUpload" });
    await assert.rejects(store.uploadPart("bkt", "other-key", id, 1, "x"), { code: "NoSuchUpload" });
    const done = await store.completeMultipartUpload("bkt", "big", id, [
      { partNumber: 1, etag: r1.etag },
      { partNumber: 2, etag: r2.etag },
    ]);
    const md5 = (b: Buffer) => createHash("md5").update(b).digest();
    assert.equal(
      done.etag,
      `"${createHash("md5")
        .update(Buffer.concat([md5(p1), md5(p2)]))
        .digest("hex")}-2"`,
    );
    const got = await store.getObject("bkt", "big");
    assert.ok(got.body.equals(Buffer.concat([p1, p2])));
    assert.equal(got.contentType, "application/x-ndjson");
    assert.deepEqual(got.checksums, {}, "multipart objects carry no full-object checksum");
    await assert.rejects(store.listParts("bkt", "big", id), { code: "NoSuchUpload" });

    const small = await store.createMultipartUpload("bkt", "small");
    const s1 = await store.uploadPart("bkt", "small", small, 1, "tiny");
    const s2 = await store.uploadPart("bkt", "small", small, 2, "end");
    await assert.rejects(
      store.completeMultipartUpload("bkt", "small", small, [
        { partNumber: 1, etag: s1.etag },
        { partNumber: 2, etag: s2.etag },
      ]),
      { code: "EntityTooSmall" },
    );
    const single = await store.completeMultipartUpload("bkt", "small", small, [{ partNumber: 2, etag: s2.etag }]);
    assert.match(single.etag, /-1"$/);
    assert.equal((await store.getObject("bkt", "small")).body.toString(), "end");
  });

  it("keeps everything across re-opening, and cleans only uncommitted leftovers", async () => {
    let store = await open();
    await store.createBucket("keep");
    const long = "p/".repeat(300) + "end"; // > 100 bytes: hashed file name
    await store.putObject("keep", "a.jsonl", "first", { metadata: { m: "1" }, cacheControl: "no-cache" });
    await store.putObject("keep", "a.jsonl", "second version", { metadata: { m: "2" } });
    await store.putObject("keep", long, "long key");
    await store.putObject("keep", "gone", "x");
    await store.deleteObject("keep", "gone");
    const objects = path.join(root, "buckets", "keep", "objects");
    fs.writeFileSync(path.join(objects, `${S3Store.fileStem("crashed")}.0123abcd.bin`), "uncommitted bytes");
    fs.writeFileSync(path.join(objects, `${S3Store.fileStem("a.jsonl")}.json.ffff.tmp`), "{half");
    fs.writeFileSync(path.join(root, "tmp", "stage-x.tmp"), "staged");
    fs.writeFileSync(path.join(objects, `${S3Store.fileStem("corrupt")}.json`), "{not json");
    fs.writeFileSync(path.join(objects, `${S3Store.fileStem("corrupt")}.abcdef01.bin`), "precious");

    store = await open();
    assert.deepEqual(
      store.listBuckets().map((b) => b.name),
      ["keep"],
    );
    const a = await store.getObject("keep", "a.jsonl");
    assert.equal(a.body.toString(), "second version");
    assert.deepEqual(a.metadata, { m: "2" });
    assert.equal(a.cacheControl, undefined);
    assert.equal((await store.getObject("keep", long)).body.toString(), "long key");
    assert.deepEqual(
      store.listObjectsV2({ bucket: "keep" }).contents.map((o) => o.key),
      ["a.jsonl", long],
    );
    const files = fs.readdirSync(objects);
    assert.ok(!files.some((f) => f.startsWith(S3Store.fileStem("crashed"))), "uncommitted data removed");
    assert.ok(!files.some((f) => f.endsWith(".tmp")), "half-written sidecar removed");
    assert.ok(files.includes(`${S3Store.fileStem("corrupt")}.abcdef01.bin`), "data behind a corrupt sidecar is kept");
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /corrupt|k636f7272757074/);
    assert.deepEqual(fs.readdirSync(path.join(root, "tmp")), []);
    // One data file per live object, no superseded versions left behind.
    assert.equal(files.filter((f) => f.endsWith(".bin")).length, 3);
    for (const f of listFiles(root)) assert.ok(path.basename(f).length < 255);
  });

  it("deletes many keys at once and reports per-key problems", async () => {
    const store = await open();
    await store.createBucket("bkt");
    await store.putObject("bkt", "x", "1");
    const out = await store.deleteObjects("bkt", ["x", "missing", "k".repeat(1025)]);
    assert.deepEqual(out.deleted, ["x", "missing"]);
    assert.deepEqual(
      out.errors.map((e) => e.code),
      ["KeyTooLongError"],
    );
    await store.deleteBucket("bkt");
    assert.deepEqual(store.listBuckets(), []);
    assert.deepEqual(fs.readdirSync(path.join(root, "buckets")), []);
  });
});
