/**
 * The real AWS SDK v3 S3 client and lib-storage against the handler, with default checksum
 * settings (CRC32, aws-chunked streaming bodies) and with WHEN_REQUIRED.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import * as zlib from "node:zlib";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  CompleteMultipartUploadCommand,
  AbortMultipartUploadCommand,
  CopyObjectCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { seededBytes, startS3, type S3Fixture } from "./helpers";
import { errorOf } from "../../helpers";

const MODES = {
  "default checksums": {},
  WHEN_REQUIRED: { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" },
} as const;

const crc32Base64 = (text: string) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(zlib.crc32(Buffer.from(text)) >>> 0);
  return out.toString("base64");
};
const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");
const multipartEtag = (parts: Buffer[]) =>
  `"${createHash("md5")
    .update(Buffer.concat(parts.map((p) => createHash("md5").update(p).digest())))
    .digest("hex")}-${parts.length}"`;

async function bodyOf(client: S3Client, Bucket: string, Key: string, Range?: string): Promise<Buffer> {
  const out = await client.send(new GetObjectCommand({ Bucket, Key, Range }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

/** Name and HTTP status of the error an SDK call fails with. */
async function failureOf(p: Promise<unknown>): Promise<{ name: string; status?: number }> {
  const e = await errorOf(p);
  return { name: e.name, status: e.$metadata?.httpStatusCode };
}

for (const [mode, config] of Object.entries(MODES)) {
  describe(`S3 handler with the AWS SDK (${mode})`, function () {
    let fx: S3Fixture;
    let s3: S3Client;
    const Bucket = "capture-bucket";

    before(async () => {
      fx = await startS3("sdk");
      s3 = fx.client(config);
      await s3.send(new CreateBucketCommand({ Bucket }));
    });
    after(async () => fx.close());
    afterEach(() => assert.deepEqual(fx.internalErrors, [], "no request may end in a 500"));

    it("creates, heads, lists and refuses to delete a non-empty bucket", async () => {
      await s3.send(new HeadBucketCommand({ Bucket }));
      const missing = await failureOf(s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket" })));
      assert.equal(missing.name, "NotFound");
      assert.equal(missing.status, 404);
      const again = await failureOf(s3.send(new CreateBucketCommand({ Bucket })));
      assert.equal(again.name, "BucketAlreadyOwnedByYou");
      await s3.send(new CreateBucketCommand({ Bucket: "scratch.bucket-2" }));
      const names = (await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name);
      assert.deepEqual(names, [Bucket, "scratch.bucket-2"]);
      await s3.send(new PutObjectCommand({ Bucket: "scratch.bucket-2", Key: "x", Body: "x" }));
      assert.equal(
        (await failureOf(s3.send(new DeleteBucketCommand({ Bucket: "scratch.bucket-2" })))).name,
        "BucketNotEmpty",
      );
      await s3.send(new DeleteObjectCommand({ Bucket: "scratch.bucket-2", Key: "x" }));
      await s3.send(new DeleteBucketCommand({ Bucket: "scratch.bucket-2" }));
      assert.equal((await failureOf(s3.send(new HeadBucketCommand({ Bucket: "scratch.bucket-2" })))).name, "NotFound");
      assert.equal(
        (await failureOf(s3.send(new CreateBucketCommand({ Bucket: "Bad_Name" })))).name,
        "InvalidBucketName",
      );
    });

    it("stores string, Buffer, fs stream and Readable bodies byte-exactly", async () => {
      const file = path.join(fx.root, "..", "source.bin");
      const fileBytes = seededBytes(1024 * 1024 + 17, 7); // several 64 KiB stream chunks
      fs.writeFileSync(file, fileBytes);
      const readableBytes = seededBytes(300_001, 9);
      const cases: [string, Buffer, () => PutObjectCommand][] = [
        [
          "string",
          Buffer.from("hello world"),
          () => new PutObjectCommand({ Bucket, Key: "s.txt", Body: "hello world" }),
        ],
        [
          "buffer",
          seededBytes(70_000, 3),
          () => new PutObjectCommand({ Bucket, Key: "b.bin", Body: seededBytes(70_000, 3) }),
        ],
        [
          "fs stream",
          fileBytes,
          () =>
            new PutObjectCommand({
              Bucket,
              Key: "dir/f.bin",
              Body: fs.createReadStream(file),
              ContentLength: fileBytes.length,
            }),
        ],
        [
          "readable",
          readableBytes,
          () =>
            new PutObjectCommand({
              Bucket,
              Key: "r.bin",
              ContentLength: readableBytes.length,
              Body: Readable.from([
                readableBytes.subarray(0, 1000),
                readableBytes.subarray(1000, 200_000),
                readableBytes.subarray(200_000),
              ]),
            }),
        ],
      ];
      for (const [label, expected, make] of cases) {
        const cmd = make();
        const seen = fx.requests.length;
        const put = await s3.send(cmd);
        const sent = fx.requests[seen].headers;
        if (mode === "default checksums" && (label === "fs stream" || label === "readable")) {
          assert.match(String(sent["content-encoding"]), /aws-chunked/, `${label} must travel aws-chunked by default`);
          assert.equal(sent["x-amz-trailer"], "x-amz-checksum-crc32");
        }
        assert.equal(put.ETag, `"${md5(expected)}"`, label);
        const stored = await fx.store.getObject(Bucket, cmd.input.Key!);
        assert.ok(stored.body.equals(expected), `${label}: stored bytes differ from the source`);
        assert.equal(stored.contentEncoding, undefined, `${label}: aws-chunked must not be stored`);
        assert.ok((await bodyOf(s3, Bucket, cmd.input.Key!)).equals(expected), `${label}: downloaded bytes differ`);
      }
    });

    it("returns metadata and headers, Range reads as 206, and HeadObject", async () => {
      await s3.send(
        new PutObjectCommand({
          Bucket,
          Key: "meta/doc.jsonl",
          Body: "0123456789abcdef",
          ContentType: "application/jsonlines",
          CacheControl: "no-cache",
          ContentDisposition: "attachment",
          ContentEncoding: "identity",
          Metadata: { "capture-id": "abc", owner: "lab" },
        }),
      );
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: "meta/doc.jsonl" }));
      assert.equal(await got.Body!.transformToString(), "0123456789abcdef");
      assert.equal(got.ContentType, "application/jsonlines");
      assert.equal(got.CacheControl, "no-cache");
      assert.equal(got.ContentDisposition, "attachment");
      assert.equal(got.ContentEncoding, "identity");
      assert.deepEqual(got.Metadata, { "capture-id": "abc", owner: "lab" });
      assert.equal(got.ContentLength, 16);
      if (mode === "default checksums") {
        // The SDK asked for checksums and validated the body against the stored full-object CRC32.
        assert.equal(got.ChecksumCRC32, crc32Base64("0123456789abcdef"));
      }
      const ranged = await s3.send(new GetObjectCommand({ Bucket, Key: "meta/doc.jsonl", Range: "bytes=2-5" }));
      assert.equal(ranged.$metadata.httpStatusCode, 206);
      assert.equal(ranged.ContentRange, "bytes 2-5/16");
      assert.equal(await ranged.Body!.transformToString(), "2345");
      assert.equal((await bodyOf(s3, Bucket, "meta/doc.jsonl", "bytes=-3")).toString(), "def");
      assert.equal((await bodyOf(s3, Bucket, "meta/doc.jsonl", "bytes=10-")).toString(), "abcdef");
      const bad = await failureOf(
        s3.send(new GetObjectCommand({ Bucket, Key: "meta/doc.jsonl", Range: "bytes=16-20" })),
      );
      assert.deepEqual(bad, { name: "InvalidRange", status: 416 });
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key: "meta/doc.jsonl" }));
      assert.equal(head.ContentLength, 16);
      assert.equal(head.ETag, `"${md5(Buffer.from("0123456789abcdef"))}"`);
      assert.deepEqual(head.Metadata, { "capture-id": "abc", owner: "lab" });
    });

    it("answers NoSuchKey, NoSuchBucket and HEAD NotFound", async () => {
      assert.deepEqual(await failureOf(s3.send(new GetObjectCommand({ Bucket, Key: "nope" }))), {
        name: "NoSuchKey",
        status: 404,
      });
      assert.deepEqual(await failureOf(s3.send(new GetObjectCommand({ Bucket: "no-bucket", Key: "k" }))), {
        name: "NoSuchBucket",
        status: 404,
      });
      assert.deepEqual(await failureOf(s3.send(new HeadObjectCommand({ Bucket, Key: "nope" }))), {
        name: "NotFound",
        status: 404,
      });
      assert.equal(
        (await failureOf(s3.send(new PutObjectCommand({ Bucket: "no-bucket", Key: "k", Body: "x" })))).name,
        "NoSuchBucket",
      );
    });

    it("uploads with lib-storage: small, 12 MB Buffer and 12 MB stream of unknown length", async () => {
      const small = seededBytes(1024, 1);
      const big = seededBytes(12 * 1024 * 1024, 2);
      const part = 5 * 1024 * 1024;
      const bigParts = [big.subarray(0, part), big.subarray(part, 2 * part), big.subarray(2 * part)];
      const streamed = seededBytes(12 * 1024 * 1024, 4);
      const streamedParts = [
        streamed.subarray(0, part),
        streamed.subarray(part, 2 * part),
        streamed.subarray(2 * part),
      ];
      const unknownLength = () =>
        Readable.from(
          (function* () {
            for (let i = 0; i < streamed.length; i += 100_000) yield streamed.subarray(i, i + 100_000);
          })(),
        );
      const runs: [string, Buffer, Upload, string][] = [
        [
          "up/small",
          small,
          new Upload({ client: s3, params: { Bucket, Key: "up/small", Body: small } }),
          `"${md5(small)}"`,
        ],
        [
          "up/big",
          big,
          new Upload({ client: s3, params: { Bucket, Key: "up/big", Body: big }, queueSize: 3 }),
          multipartEtag(bigParts),
        ],
        [
          "up/stream",
          streamed,
          new Upload({ client: s3, params: { Bucket, Key: "up/stream", Body: unknownLength() }, queueSize: 3 }),
          multipartEtag(streamedParts),
        ],
      ];
      for (const [key, bytes, upload, etag] of runs) {
        const done = await upload.done();
        assert.equal(done.ETag, etag, key);
        const stored = await fx.store.getObject(Bucket, key);
        assert.ok(stored.body.equals(bytes), `${key}: stored bytes differ`);
        assert.equal((await s3.send(new HeadObjectCommand({ Bucket, Key: key }))).ETag, etag);
      }
    });

    it("completes parts uploaded out of order and rejects small non-last parts", async () => {
      const Key = "mp/manual";
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
      const p1 = seededBytes(5 * 1024 * 1024, 11);
      const p2 = seededBytes(1000, 12);
      const r2 = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: p2 }));
      const r1 = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: p1 }));
      const done = await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key,
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: r1.ETag },
              { PartNumber: 2, ETag: r2.ETag },
            ],
          },
        }),
      );
      assert.equal(done.ETag, multipartEtag([p1, p2]));
      assert.ok((await bodyOf(s3, Bucket, Key)).equals(Buffer.concat([p1, p2])));

      const small = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: "mp/small" }));
      const a = await s3.send(
        new UploadPartCommand({ Bucket, Key: "mp/small", UploadId: small.UploadId, PartNumber: 1, Body: "tiny" }),
      );
      const b = await s3.send(
        new UploadPartCommand({ Bucket, Key: "mp/small", UploadId: small.UploadId, PartNumber: 2, Body: "end" }),
      );
      const tooSmall = await failureOf(
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: "mp/small",
            UploadId: small.UploadId,
            MultipartUpload: {
              Parts: [
                { PartNumber: 1, ETag: a.ETag },
                { PartNumber: 2, ETag: b.ETag },
              ],
            },
          }),
        ),
      );
      assert.equal(tooSmall.name, "EntityTooSmall");
      await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: "mp/small", UploadId: small.UploadId }));
      const gone = await failureOf(
        s3.send(new UploadPartCommand({ Bucket, Key: "mp/small", UploadId: small.UploadId, PartNumber: 3, Body: "x" })),
      );
      assert.equal(gone.name, "NoSuchUpload");
      assert.equal((await failureOf(s3.send(new HeadObjectCommand({ Bucket, Key: "mp/small" })))).name, "NotFound");
    });

    it("lists with prefix, MaxKeys pagination, delimiter and StartAfter", async () => {
      const LB = "list-bucket";
      await s3.send(new CreateBucketCommand({ Bucket: LB }));
      const keys = [
        "logs/a.jsonl",
        "logs/b.jsonl",
        "logs/c.jsonl",
        "logs/d.jsonl",
        "logs/e.jsonl",
        "logs/sub/x",
        "logs/sub/y",
        "other/z",
        "top",
      ];
      for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: LB, Key, Body: Key }));
      const first = await s3.send(new ListObjectsV2Command({ Bucket: LB, Prefix: "logs/", MaxKeys: 2 }));
      assert.deepEqual(
        first.Contents?.map((c) => c.Key),
        ["logs/a.jsonl", "logs/b.jsonl"],
      );
      assert.equal(first.KeyCount, 2);
      assert.equal(first.IsTruncated, true);
      assert.ok(first.NextContinuationToken);
      assert.equal(first.Contents?.[0].Size, "logs/a.jsonl".length);
      assert.equal(first.Contents?.[0].ETag, `"${md5(Buffer.from("logs/a.jsonl"))}"`);
      const pages: string[][] = [];
      for await (const page of paginateListObjectsV2(
        { client: s3, pageSize: 3 },
        { Bucket: LB, Prefix: "logs/", MaxKeys: 3 },
      )) {
        pages.push((page.Contents ?? []).map((c) => c.Key!));
      }
      assert.deepEqual(pages, [keys.slice(0, 3), keys.slice(3, 6), keys.slice(6, 7)]);
      const rolled = await s3.send(new ListObjectsV2Command({ Bucket: LB, Delimiter: "/" }));
      assert.deepEqual(
        rolled.Contents?.map((c) => c.Key),
        ["top"],
      );
      assert.deepEqual(
        rolled.CommonPrefixes?.map((p) => p.Prefix),
        ["logs/", "other/"],
      );
      const nested = await s3.send(
        new ListObjectsV2Command({ Bucket: LB, Prefix: "logs/", Delimiter: "/", MaxKeys: 5 }),
      );
      assert.deepEqual(
        nested.Contents?.map((c) => c.Key),
        keys.slice(0, 5),
      );
      assert.equal(nested.IsTruncated, true);
      const rest = await s3.send(
        new ListObjectsV2Command({
          Bucket: LB,
          Prefix: "logs/",
          Delimiter: "/",
          ContinuationToken: nested.NextContinuationToken,
        }),
      );
      assert.deepEqual(
        rest.CommonPrefixes?.map((p) => p.Prefix),
        ["logs/sub/"],
      );
      assert.equal(rest.KeyCount, 1);
      const after = await s3.send(new ListObjectsV2Command({ Bucket: LB, StartAfter: "logs/sub/x" }));
      assert.deepEqual(
        after.Contents?.map((c) => c.Key),
        ["logs/sub/y", "other/z", "top"],
      );
    });

    it("deletes one object and many (including a missing key)", async () => {
      for (const Key of ["del/1", "del/2", "del/3", "del/a b&<c>"])
        await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
      await s3.send(new DeleteObjectCommand({ Bucket, Key: "del/1" }));
      await s3.send(new DeleteObjectCommand({ Bucket, Key: "del/1" })); // deleting twice is fine in S3
      const out = await s3.send(
        new DeleteObjectsCommand({
          Bucket,
          Delete: { Objects: [{ Key: "del/2" }, { Key: "del/missing" }, { Key: "del/a b&<c>" }] },
        }),
      );
      assert.deepEqual(out.Deleted?.map((d) => d.Key).sort(), ["del/2", "del/a b&<c>", "del/missing"]);
      assert.equal(out.Errors, undefined);
      const quiet = await s3.send(
        new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: "del/3" }], Quiet: true } }),
      );
      assert.equal(quiet.Deleted, undefined);
      const left = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "del/" }));
      assert.equal(left.KeyCount, 0);
    });

    it("copies an object with its metadata", async () => {
      await s3.send(new PutObjectCommand({ Bucket, Key: "copy/src key", Body: "copied", Metadata: { a: "1" } }));
      const out = await s3.send(
        new CopyObjectCommand({
          Bucket,
          Key: "copy/dst",
          CopySource: `${Bucket}/${encodeURIComponent("copy/src key")}`,
        }),
      );
      assert.equal(out.CopyObjectResult?.ETag, `"${md5(Buffer.from("copied"))}"`);
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: "copy/dst" }));
      assert.equal(await got.Body!.transformToString(), "copied");
      assert.deepEqual(got.Metadata, { a: "1" });
    });
  });
}
