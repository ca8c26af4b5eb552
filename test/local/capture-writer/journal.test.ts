/** The crash journal: what a killed writer had journaled is uploaded by the next one, once, under the same key. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { JOURNAL_SUFFIX, parseJournal } from "../../../src/local/capture-writer/journal";
import { csvInvocation, linesOf, settings, until, useWriterHarness } from "./helpers";

const EP = { endpointName: "Ep", variantName: "AllTraffic" };

describe("CaptureWriter: crash journal", () => {
  const h = useWriterHarness();
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-journal-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const journalFiles = (): string[] => fs.readdirSync(dir).filter((n) => n.endsWith(JOURNAL_SUFFIX));
  const journalText = (): string =>
    journalFiles()
      .map((n) => fs.readFileSync(path.join(dir, n), "utf8"))
      .join("");
  const ids = (body: Buffer): string[] => linesOf(body).map((l) => JSON.parse(l).eventMetadata.inferenceId);
  /** Captures `n` invocations with inference ids `i-0`... and waits until the background loop journaled them. */
  const captureJournaled = async (writer: ReturnType<typeof h.make>, n: number): Promise<void> => {
    for (let i = 0; i < n; i++)
      writer.capture(EP, settings(), csvInvocation(new Date(), `1,2,${i}`, { inferenceId: `i-${i}` }));
    await until(() => journalText().split("\n").length === n + 2, 5000, `${n} journaled records`);
  };

  it("a writer started after a crash uploads the journaled open file under its own key and deletes the journal", async () => {
    const crashed = h.make({ journalDir: dir, flushIntervalMs: 5 });
    await captureJournaled(crashed, 3);
    const header = JSON.parse(journalText().split("\n")[0]) as { key: string; bucket: string };
    assert.equal(h.s3.puts.length, 0, "nothing uploaded before the crash (60 s roll)");

    const next = h.make({ journalDir: dir });
    await next.flush();
    assert.deepEqual(
      h.s3.puts.map((p) => [p.bucket, p.key]),
      [[header.bucket, header.key]],
    );
    assert.match(
      header.key,
      /^capture\/Ep\/AllTraffic\/\d{4}\/\d\d\/\d\d\/\d\d\/\d\d-\d\d-\d{3}-[0-9a-f-]{36}\.jsonl$/,
    );
    assert.deepEqual(ids(h.s3.puts[0].body), ["i-0", "i-1", "i-2"]);
    assert.deepEqual(next.stats().recordsWritten, 3);
    assert.ok(h.events.some((e) => e.type === "journal-replayed" && e.records === 3));
    await until(() => journalFiles().length === 0, 5000, "the journal to be deleted");
  });

  it("a crash after the upload but before the journal was deleted puts the same bytes to the same key again (no duplicate)", async () => {
    const first = h.make({ journalDir: dir, flushIntervalMs: 5 });
    await captureJournaled(first, 2);
    const [name] = journalFiles();
    const copy = fs.readFileSync(path.join(dir, name));
    await first.flush();
    await until(() => journalFiles().length === 0, 5000, "the journal to be deleted");
    fs.writeFileSync(path.join(dir, name), copy); // as if the process died between upload and delete

    await h.make({ journalDir: dir }).flush();
    assert.equal(h.s3.puts.length, 2);
    assert.equal(h.s3.puts[1].key, h.s3.puts[0].key, "same key: the second put replaces the first object");
    assert.deepEqual(h.s3.puts[1].body, h.s3.puts[0].body);
    assert.deepEqual(ids(h.s3.puts[1].body), ["i-0", "i-1"]);
  });

  it("keeps the journal of a file whose upload was given up, and the next start uploads it", async () => {
    h.s3.failNext = 1000;
    const first = h.make({ journalDir: dir, retry: { attempts: 2, baseDelayMs: 1 } });
    for (let i = 0; i < 2; i++)
      first.capture(EP, settings(), csvInvocation(new Date(), "1", { inferenceId: `i-${i}` }));
    assert.equal((await first.flush()).recordsLost, 2);
    await first.close();
    assert.equal(journalFiles().length, 1, "the lost file's records stay on disk");

    h.s3.failNext = 0;
    await h.make({ journalDir: dir }).flush();
    assert.equal(h.s3.puts.length, 1);
    assert.deepEqual(ids(h.s3.puts[0].body), ["i-0", "i-1"]);
  });

  it("a second writer on a directory another live process journals into keeps captures in memory and replays nothing", async () => {
    const first = h.make({ journalDir: dir, flushIntervalMs: 5 });
    await captureJournaled(first, 1);
    const [name] = journalFiles();
    const copy = fs.readFileSync(path.join(dir, name));
    await first.close();
    // The state a live stack in another process leaves: its journal and its freshly renewed claim.
    fs.writeFileSync(path.join(dir, name), copy);
    const owner = path.join(dir, "owner.json");
    fs.writeFileSync(owner, JSON.stringify({ pid: process.ppid }));
    const putsBefore = h.s3.puts.length;

    const second = h.make({ journalDir: dir });
    const busy = h.events.find((e) => e.type === "journal-failed") as { file: string; error: string } | undefined;
    assert.ok(busy, "journal-failed reported");
    assert.match(busy.error, new RegExp(`in use by process ${process.ppid} .*captures are kept in memory only`));
    await second.flush();
    assert.equal(h.s3.puts.length, putsBefore, "the other process's open file was not uploaded");
    assert.deepEqual(journalFiles(), [name]);

    const stale = new Date(Date.now() - 60_000);
    fs.utimesSync(owner, stale, stale); // the owner stopped renewing its claim: it is taken over
    await h.make({ journalDir: dir }).flush();
    assert.equal(h.s3.puts.length, putsBefore + 1);
    assert.deepEqual(ids(h.s3.puts[putsBefore].body), ["i-0"]);
  });

  it("reports an unreadable journal with its file and line and leaves it in place", () => {
    const bad = path.join(dir, `bad${JOURNAL_SUFFIX}`);
    fs.writeFileSync(bad, "not json\n{}\n");
    h.make({ journalDir: dir });
    const e = h.events.find((x) => x.type === "journal-unreadable") as { file: string; error: string } | undefined;
    assert.ok(e, "journal-unreadable reported");
    assert.equal(e.file, bad);
    assert.match(e.error, /line 1: header is not JSON/);
    assert.ok(fs.existsSync(bad));
  });

  it("parseJournal drops a line torn by the crash and names a missing header field", () => {
    const header = JSON.stringify({
      v: 1,
      endpointName: "Ep",
      variantName: "A",
      destinationS3Uri: "s3://b/c",
      bucket: "b",
      key: "c/k.jsonl",
      startMs: 0,
    });
    const got = parseJournal(Buffer.from(`${header}\n{"a":1}\n{"a":2}\n{"a":`), "j");
    assert.equal(got.records, 2);
    assert.equal(got.body.toString(), '{"a":1}\n{"a":2}\n');
    assert.throws(
      () => parseJournal(Buffer.from('{"v":1}\n'), "j"),
      /j: line 1: header field "endpointName" must be a string/,
    );
  });
});
