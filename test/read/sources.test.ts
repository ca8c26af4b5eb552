/** Sources: one file, a local capture tree in time order, an S3 prefix (embedded S3 store on port 0). */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { listCaptureFiles, loadCaptures, readCaptureRecords, newReadReport } from "../../src/read";
import { startS3, type S3Fixture } from "../local/s3/helpers";
import { captureLine, column, tempDir, writeFile } from "./helpers";

const U = (n: number) => `0b7bfd33-c8a7-4adf-a09a-98fd0af7997${n}`;

/** A tree where path order differs from time order: variant B's files are earlier than A's. */
function captureTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {
    // start 01:00:05 (hour 01 of variant A)
    [`dc/ep/A/2022/04/18/01/00-05-000-${U(1)}.jsonl`]:
      [captureLine({ eventId: "a1", time: "2022-04-18T01:00:05Z", input: { data: "1" } })].join("\n") + "\n",
    // start 00:59:30, records spill into 01:00 (60 s overhang)
    [`dc/ep/B/2022/04/18/00/59-30-000-${U(2)}.jsonl`]:
      [
        captureLine({ eventId: "b1", time: "2022-04-18T00:59:30Z", input: { data: "2" } }),
        captureLine({ eventId: "b2", time: "2022-04-18T01:00:20Z", input: { data: "3" } }),
      ].join("\n") + "\n",
    // same start second as A's file, later name order by milliseconds
    [`dc/ep/B/2022/04/18/01/00-05-001-${U(3)}.jsonl`]:
      captureLine({ eventId: "b3", time: "2022-04-18T01:00:06Z", input: { data: "4" } }) + "\n",
    [`dc/ep/B/2022/04/18/03/10-00-000-${U(4)}.jsonl`]:
      captureLine({ eventId: "b4", time: "2022-04-18T03:10:00Z", input: { data: "5" } }) + "\n",
    // not in the capture layout: read last
    [`dc/notes.jsonl`]: captureLine({ eventId: "x1", time: "2022-04-18T00:00:00Z", input: { data: "6" } }) + "\n",
    [`dc/readme.txt`]: "not a capture file\n",
  };
  for (const [rel, text] of Object.entries(files)) writeFile(dir, rel, text);
  return files;
}

async function ids(source: Parameters<typeof readCaptureRecords>[0], opts = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const r of readCaptureRecords(source, opts)) out.push(r.record.eventMetadata.eventId);
  return out;
}

describe("read/sources", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("src")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads one file with its path and 1-based line numbers", async () => {
    const file = writeFile(dir, "one.jsonl", `${captureLine({ eventId: "e1" })}\n\n${captureLine({ eventId: "e2" })}`);
    const got = [];
    for await (const r of readCaptureRecords(file)) got.push([r.source, r.line, r.record.eventMetadata.eventId]);
    assert.deepEqual(got, [
      [file, 1, "e1"],
      [file, 3, "e2"],
    ]);
  });

  it("reads a capture tree in file start-time order across hour and variant folders", async () => {
    captureTree(dir);
    assert.deepEqual(await ids(path.join(dir, "dc")), ["b1", "b2", "a1", "b3", "b4", "x1"]);
  });

  it("lists capture files by hour with endpoint, variant, start and size", async () => {
    const files = captureTree(dir);
    const list = await listCaptureFiles(path.join(dir, "dc"));
    assert.deepEqual(
      list.map((f) => [
        path.relative(dir, f.source).split(path.sep).join("/"),
        f.endpointName,
        f.variantName,
        f.hour,
        f.start?.toISOString(),
      ]),
      [
        [`dc/ep/B/2022/04/18/00/59-30-000-${U(2)}.jsonl`, "ep", "B", "2022/04/18/00", "2022-04-18T00:59:30.000Z"],
        [`dc/ep/A/2022/04/18/01/00-05-000-${U(1)}.jsonl`, "ep", "A", "2022/04/18/01", "2022-04-18T01:00:05.000Z"],
        [`dc/ep/B/2022/04/18/01/00-05-001-${U(3)}.jsonl`, "ep", "B", "2022/04/18/01", "2022-04-18T01:00:05.001Z"],
        [`dc/ep/B/2022/04/18/03/10-00-000-${U(4)}.jsonl`, "ep", "B", "2022/04/18/03", "2022-04-18T03:10:00.000Z"],
        [`dc/notes.jsonl`, undefined, undefined, undefined, undefined],
      ],
    );
    assert.equal(list[0].size, Buffer.byteLength(files[`dc/ep/B/2022/04/18/00/59-30-000-${U(2)}.jsonl`]));
  });

  it("filters by time: files by name (keeping the 60 s overhang), records by inferenceTime", async () => {
    captureTree(dir);
    const report = newReadReport();
    const got = await ids(path.join(dir, "dc"), {
      from: new Date("2022-04-18T01:00:00Z"),
      to: new Date("2022-04-18T02:00:00Z"),
      report,
    });
    // b2 sits in the 00 hour file but was captured at 01:00:20; x1 has no name time so it is read, then filtered.
    assert.deepEqual(got, ["b2", "a1", "b3"]);
    assert.equal(report.outOfRange, 2); // b1 and x1
    assert.ok(!report.filesRead.some((f) => f.includes("/03/")), "the 03 hour file is not even opened");
  });

  it("stats only the files whose name time can hold the range, and keeps time order", async () => {
    captureTree(dir);
    const stat = fs.promises.stat;
    const statted: string[] = [];
    fs.promises.stat = ((p: fs.PathLike, ...rest: unknown[]) => {
      statted.push(path.relative(dir, String(p)).split(path.sep).join("/"));
      return (stat as (...a: unknown[]) => Promise<fs.Stats>)(p, ...rest);
    }) as typeof fs.promises.stat;
    let list;
    try {
      list = await listCaptureFiles(path.join(dir, "dc"), {
        from: new Date("2022-04-18T01:00:00Z"),
        to: new Date("2022-04-18T02:00:00Z"),
      });
    } finally {
      fs.promises.stat = stat;
    }
    const want = [
      `dc/ep/B/2022/04/18/00/59-30-000-${U(2)}.jsonl`,
      `dc/ep/A/2022/04/18/01/00-05-000-${U(1)}.jsonl`,
      `dc/ep/B/2022/04/18/01/00-05-001-${U(3)}.jsonl`,
      `dc/notes.jsonl`,
    ];
    assert.deepEqual(
      list.map((f) => path.relative(dir, f.source).split(path.sep).join("/")),
      want,
    );
    assert.ok(
      !statted.some((f) => f.includes("/03/")),
      `the 03 hour file is not stat'ed (stat'ed: ${statted.join(", ")})`,
    );
    assert.deepEqual(statted.filter((f) => f !== "dc").sort(), [...want].sort());
    assert.equal(list[3].size, fs.statSync(path.join(dir, "dc/notes.jsonl")).size);
  });

  it("reads a list of sources in the order given, and stops at maxRecords", async () => {
    const a = writeFile(dir, "a.jsonl", captureLine({ eventId: "a" }) + "\n");
    const b = writeFile(dir, "b.jsonl", captureLine({ eventId: "b1" }) + "\n" + captureLine({ eventId: "b2" }) + "\n");
    assert.deepEqual(await ids([b, a]), ["b1", "b2", "a"]);
    assert.deepEqual(await ids([b, a], { maxRecords: 2 }), ["b1", "b2"]);
  });

  it("names a missing path", async () => {
    await assert.rejects(ids(path.join(dir, "nope")), /nope: no such file or directory/);
  });

  describe("S3 (embedded store)", () => {
    let fx: S3Fixture;
    let s3: S3Client;

    before(async () => {
      fx = await startS3("read");
      s3 = fx.client();
      await s3.send(new CreateBucketCommand({ Bucket: "bkt" }));
      const local = tempDir("s3tree");
      const files = captureTree(local);
      for (const [rel, text] of Object.entries(files))
        await s3.send(new PutObjectCommand({ Bucket: "bkt", Key: rel, Body: text }));
      // 30 more files in one hour: more than the read-ahead window, all must come back in order.
      for (let i = 0; i < 30; i++) {
        const ss = String(i).padStart(2, "0");
        const key = `many/ep/A/2022/04/18/05/00-${ss}-000-${U(5).slice(0, -2)}${ss}.jsonl`;
        await s3.send(
          new PutObjectCommand({
            Bucket: "bkt",
            Key: key,
            Body: captureLine({ eventId: `m${i}`, time: `2022-04-18T05:00:${ss}Z` }) + "\n",
          }),
        );
      }
      fs.rmSync(local, { recursive: true, force: true });
    });
    after(() => fx.close());

    it("lists and reads a prefix in time order with s3:// sources", async () => {
      const got = [];
      for await (const r of readCaptureRecords({ s3, uri: "s3://bkt/dc" }))
        got.push([r.record.eventMetadata.eventId, r.source, r.line]);
      assert.deepEqual(
        got.map((g) => g[0]),
        ["b1", "b2", "a1", "b3", "b4", "x1"],
      );
      assert.deepEqual(got[1].slice(1), [`s3://bkt/dc/ep/B/2022/04/18/00/59-30-000-${U(2)}.jsonl`, 2]);
      const { frame } = await loadCaptures({ s3, uri: "s3://bkt/dc" });
      assert.deepEqual(column(frame, "f0"), [2, 3, 1, 4, 5, 6]);
      const list = await listCaptureFiles({ s3, uri: "s3://bkt/dc/" });
      assert.equal(list[0].key, `dc/ep/B/2022/04/18/00/59-30-000-${U(2)}.jsonl`);
      assert.equal(list[0].hour, "2022/04/18/00");
    });

    it("keeps key order with parallel GETs (small window too)", async () => {
      const want = Array.from({ length: 30 }, (_, i) => `m${i}`);
      assert.deepEqual(await ids({ s3, uri: "s3://bkt/many" }), want);
      assert.deepEqual(await ids({ s3, uri: "s3://bkt/many", concurrency: 3 }), want);
    });

    it("lists only the hour folders of a time range when endpoint and variant are given", async () => {
      const report = newReadReport();
      const src = {
        s3,
        uri: "s3://bkt/dc",
        endpointName: "ep",
        variantName: "B",
        from: new Date("2022-04-18T01:00:00Z"),
        to: new Date("2022-04-18T01:30:00Z"),
      };
      assert.deepEqual(await ids(src, { report }), ["b2", "b3"]);
      assert.equal(report.filesRead.length, 2);
      // an open-ended range of years falls back to listing the prefix, then filters by name and time
      assert.deepEqual(await ids({ ...src, from: new Date("2020-01-01T00:00:00Z"), to: undefined }), [
        "b1",
        "b2",
        "b3",
        "b4",
      ]);
    });

    it("reads a bucket-root source (s3://bkt and s3://bkt/) instead of skipping every object", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "rootbkt" }));
      await s3.send(
        new PutObjectCommand({
          Bucket: "rootbkt",
          Key: `ep/A/2022/04/18/01/00-00-000-${U(6)}.jsonl`,
          Body: captureLine({ eventId: "r1", time: "2022-04-18T01:00:00Z", input: { data: "7" } }) + "\n",
        }),
      );
      await s3.send(
        new PutObjectCommand({
          Bucket: "rootbkt",
          Key: "top.jsonl",
          Body: captureLine({ eventId: "r2", input: { data: "8" } }) + "\n",
        }),
      );
      for (const uri of ["s3://rootbkt", "s3://rootbkt/"]) {
        assert.deepEqual(await ids({ s3, uri }), ["r1", "r2"], uri);
        const { frame } = await loadCaptures({ s3, uri });
        assert.deepEqual(column(frame, "f0"), [7, 8], uri);
      }
    });

    it("reads one object by its full key", async () => {
      assert.deepEqual(await ids({ s3, uri: `s3://bkt/dc/ep/B/2022/04/18/03/10-00-000-${U(4)}.jsonl` }), ["b4"]);
    });
  });
});
