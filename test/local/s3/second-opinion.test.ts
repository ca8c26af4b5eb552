/**
 * Second opinion on our S3 handler: one SDK scenario (default checksum settings) runs against the
 * handler and against fauxqs 1.9.2, an independent emulator. Both must observe the same results, and
 * those must be what S3 documents (expected values are computed here, from the inputs).
 *
 * Left out because fauxqs 1.9.2 does not behave like S3 there: checksums (it neither verifies a
 * wrong x-amz-checksum-crc32 nor returns x-amz-checksum-* on PutObject/GetObject), DeleteObjects
 * with Quiet (it still lists every Deleted key), and keys whose localeCompare order (its listing
 * sort) differs from S3's UTF-8 binary order, e.g. "B" vs "a": the keys here are lower-case hex and
 * digits, like capture keys, where the two orders agree.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { seededBytes, startS3, type S3Fixture } from "./helpers";
import { startFauxqs, type FauxqsFixture } from "./fauxqs";

const Bucket = "capture-lab-second-opinion";
const MiB = 1024 * 1024;
const DAY = "capture/ep/AllTraffic/2024/03/10/";
const TEXT = '{"captureData":{"endpointInput":{"data":"1.5,café"}}}\n';
const RANGE = { from: 5, to: 20 };
const BIG = seededBytes(5 * MiB + 654_321, 2024);
const PARTS = [BIG.subarray(0, 5 * MiB), BIG.subarray(5 * MiB)];
const MISSING = `${DAY}09/59-59-999-00000000-0000-4000-8000-000000000000.jsonl`;

const md5 = (b: Buffer | string) => createHash("md5").update(b).digest("hex");

/** A deterministic v4-shaped UUID from 16 seeded bytes. */
function uuid(seed: number): string {
  const h = seededBytes(16, seed).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Capture-shaped keys: 5 files in hour 08, 2 in 09, 1 in 10 (put in an order that is not sorted). */
const KEYS: Record<string, string[]> = {};
for (const [hour, n] of [
  ["10", 1],
  ["08", 5],
  ["09", 2],
] as const) {
  KEYS[hour] = Array.from(
    { length: n },
    (_, i) => `${DAY}${hour}/${String(40 - 7 * i).padStart(2, "0")}-07-250-${uuid(100 + Number(hour) * 10 + i)}.jsonl`,
  );
}
const ALL = Object.values(KEYS).flat();

interface Page {
  keys: string[];
  prefixes: string[];
  keyCount?: number;
  truncated?: boolean;
}
interface Failure {
  name: string;
  status?: number;
}
interface Observed {
  putEtag?: string;
  range: { status?: number; contentRange?: string; length?: number; bytes: string };
  head: { length?: number; etag?: string };
  hours: Page[];
  files: Page[];
  deleted: string[];
  deleteErrors: number;
  remaining: string[];
  multipart: { etag?: string; headEtag?: string; headLength?: number; md5: string };
  noSuchKey: Failure;
  noSuchBucket: Failure;
  listNoSuchBucket: Failure;
}

async function failureOf(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  return { name: "(no error)" };
}

async function pages(s3: S3Client, Prefix: string, Delimiter: string | undefined, MaxKeys: number): Promise<Page[]> {
  const out: Page[] = [];
  for await (const p of paginateListObjectsV2(
    { client: s3, pageSize: MaxKeys },
    { Bucket, Prefix, Delimiter, MaxKeys },
  )) {
    out.push({
      keys: (p.Contents ?? []).map((c) => c.Key ?? ""),
      prefixes: (p.CommonPrefixes ?? []).map((c) => c.Prefix ?? ""),
      keyCount: p.KeyCount,
      truncated: p.IsTruncated,
    });
  }
  return out;
}

/** The scenario: every call a capture workflow makes, recorded as the client observes it. */
async function scenario(s3: S3Client): Promise<Observed> {
  await s3.send(new CreateBucketCommand({ Bucket }));
  const putEtag = (await s3.send(new PutObjectCommand({ Bucket, Key: "notes/one.jsonl", Body: TEXT }))).ETag;
  const got = await s3.send(
    new GetObjectCommand({ Bucket, Key: "notes/one.jsonl", Range: `bytes=${RANGE.from}-${RANGE.to}` }),
  );
  const range = {
    status: got.$metadata.httpStatusCode,
    contentRange: got.ContentRange,
    length: got.ContentLength,
    bytes: Buffer.from(await got.Body!.transformToByteArray()).toString("hex"),
  };
  const h = await s3.send(new HeadObjectCommand({ Bucket, Key: "notes/one.jsonl" }));
  for (const Key of ALL) await s3.send(new PutObjectCommand({ Bucket, Key, Body: `{"key":"${Key}"}\n` }));
  const hours = await pages(s3, DAY, "/", 2);
  const files = await pages(s3, `${DAY}08/`, "/", 2);
  const del = await s3.send(
    new DeleteObjectsCommand({
      Bucket,
      Delete: { Objects: [...KEYS["09"], MISSING].map((Key) => ({ Key })) },
    }),
  );
  const remaining = (await pages(s3, DAY, undefined, 1000)).flatMap((p) => p.keys);
  const done = await new Upload({
    client: s3,
    params: { Bucket, Key: `${DAY}big.bin`, Body: BIG },
    partSize: 5 * MiB,
  }).done();
  const bh = await s3.send(new HeadObjectCommand({ Bucket, Key: `${DAY}big.bin` }));
  const big = await s3.send(new GetObjectCommand({ Bucket, Key: `${DAY}big.bin` }));
  return {
    putEtag,
    range,
    head: { length: h.ContentLength, etag: h.ETag },
    hours,
    files,
    deleted: (del.Deleted ?? []).map((d) => d.Key ?? "").sort(),
    deleteErrors: del.Errors?.length ?? 0,
    remaining,
    multipart: {
      etag: "ETag" in done ? done.ETag : undefined,
      headEtag: bh.ETag,
      headLength: bh.ContentLength,
      md5: md5(Buffer.from(await big.Body!.transformToByteArray())),
    },
    noSuchKey: await failureOf(s3.send(new GetObjectCommand({ Bucket, Key: MISSING }))),
    noSuchBucket: await failureOf(s3.send(new GetObjectCommand({ Bucket: "no-such-bucket", Key: "k" }))),
    listNoSuchBucket: await failureOf(s3.send(new ListObjectsV2Command({ Bucket: "no-such-bucket" }))),
  };
}

/** What S3 documents for the scenario, computed from its inputs. */
function expected(): Observed {
  const text = Buffer.from(TEXT);
  const sorted = [...ALL].sort(); // ASCII keys: code-unit order is UTF-8 byte order
  const chunk = <T>(xs: T[], n: number) =>
    Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
  const partMd5s = Buffer.concat(PARTS.map((p) => createHash("md5").update(p).digest()));
  const multipartEtag = `"${md5(partMd5s)}-${PARTS.length}"`;
  const hourPages = chunk(
    ["08", "09", "10"].map((hh) => `${DAY}${hh}/`),
    2,
  );
  const filePages = chunk([...KEYS["08"]].sort(), 2);
  return {
    putEtag: `"${md5(text)}"`,
    range: {
      status: 206,
      contentRange: `bytes ${RANGE.from}-${RANGE.to}/${text.length}`,
      length: RANGE.to - RANGE.from + 1,
      bytes: text.subarray(RANGE.from, RANGE.to + 1).toString("hex"),
    },
    head: { length: text.length, etag: `"${md5(text)}"` },
    hours: hourPages.map((prefixes, i) => ({
      keys: [],
      prefixes,
      keyCount: prefixes.length,
      truncated: i < hourPages.length - 1,
    })),
    files: filePages.map((keys, i) => ({
      keys,
      prefixes: [],
      keyCount: keys.length,
      truncated: i < filePages.length - 1,
    })),
    deleted: [...KEYS["09"], MISSING].sort(), // S3 reports a key that was never there as deleted too
    deleteErrors: 0,
    remaining: sorted.filter((k) => !KEYS["09"].includes(k)),
    multipart: { etag: multipartEtag, headEtag: multipartEtag, headLength: BIG.length, md5: md5(BIG) },
    noSuchKey: { name: "NoSuchKey", status: 404 },
    noSuchBucket: { name: "NoSuchBucket", status: 404 },
    listNoSuchBucket: { name: "NoSuchBucket", status: 404 },
  };
}

describe("S3 second opinion: our handler and fauxqs run the same SDK scenario", function () {
  let ours: S3Fixture | undefined;
  let faux: FauxqsFixture | undefined;
  let fromOurs: Observed;
  let fromFauxqs: Observed;

  before(async () => {
    ours = await startS3("second-opinion");
    faux = await startFauxqs();
    fromOurs = await scenario(ours.client());
    fromFauxqs = await scenario(faux.client());
  });
  after(async () => {
    await ours?.close();
    await faux?.close();
  });

  it("both targets observe the same results", () => {
    assert.deepStrictEqual(fromOurs, fromFauxqs);
  });

  it("our handler's results are what S3 documents, and no request ended in a 500", () => {
    assert.deepStrictEqual(fromOurs, expected());
    assert.deepEqual(ours?.internalErrors, []);
  });

  it("fauxqs's results are what S3 documents (the reference itself is sound)", () => {
    assert.deepStrictEqual(fromFauxqs, expected());
  });
});
