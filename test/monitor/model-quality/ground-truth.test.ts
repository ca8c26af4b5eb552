/** Ground truth: the line format, the writer's layout and the reader's file:line errors. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CaptureLabError } from "../../../src/errors";
import {
  GroundTruthError,
  groundTruthLine,
  parseGroundTruthLine,
  readGroundTruth,
  writeGroundTruth,
  newGroundTruthReport,
} from "../../../src/monitor";
import { errorOf } from "../../helpers";
import { tempDir } from "./helpers";

async function all(location: string, options = {}) {
  const out = [];
  for await (const l of readGroundTruth(location, options)) out.push(l);
  return out;
}

describe("ground truth: format, writer, reader", () => {
  it("writes AWS's line, byte for byte", () => {
    assert.equal(
      groundTruthLine("42", 1),
      '{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"42"},"eventVersion":"0"}\n',
    );
  });

  it("writes under yyyy/mm/dd/hh of the collection time and reads the labels back in hour order", async () => {
    const dir = tempDir("gt");
    const a = await writeGroundTruth(dir, [{ eventId: "b", label: 0 }], {
      collectedAt: new Date("2024-01-19T21:05:09.123Z"),
    });
    const b = await writeGroundTruth(
      dir,
      [
        { eventId: "a", label: 1 },
        { eventId: "c", label: "1" },
      ],
      { collectedAt: new Date("2024-01-19T20:59:00Z"), fileName: "labels.jsonl" },
    );
    assert.match(path.relative(dir, a.written), /^2024\/01\/19\/21\/05-09-123-[0-9a-f]{8}\.jsonl$/);
    assert.equal(path.relative(dir, b.written), path.join("2024", "01", "19", "20", "labels.jsonl"));
    const labels = await all(dir);
    assert.deepEqual(
      labels.map((l) => [l.eventId, l.label, l.hour, l.line]),
      [
        ["a", "1", "2024/01/19/20", 1],
        ["c", "1", "2024/01/19/20", 2],
        ["b", "0", "2024/01/19/21", 1],
      ],
    );
    // An hour window picks the folders.
    const late = await all(dir, { from: new Date("2024-01-19T21:30:00Z") });
    assert.deepEqual(
      late.map((l) => l.eventId),
      ["b"],
    );
  });

  it("reads JSON and BASE64 labels", () => {
    const json =
      '{"groundTruthData":{"data":"\\"cat\\"","encoding":"JSON"},"eventMetadata":{"eventId":"1"},"eventVersion":"0"}';
    assert.equal(parseGroundTruthLine(json, "f", 1).label, "cat");
    assert.equal(parseGroundTruthLine(groundTruthLine("2", "dog", "BASE64").trim(), "f", 1).label, "dog");
  });

  it("a bad line is an error naming file, line and field; skip mode lists it and goes on", async () => {
    const dir = tempDir("gt-bad");
    const file = path.join(dir, "2024", "01", "19", "20", "x.jsonl");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      groundTruthLine("a", 1) +
        '{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{},"eventVersion":"0"}\n',
    );
    const e = await errorOf(() => all(dir));
    assert.ok(e instanceof GroundTruthError && e instanceof CaptureLabError);
    assert.equal(
      e.message,
      `${file}:2: eventMetadata.eventId: expected the capture's inferenceId or eventId (a non-empty string)`,
    );
    assert.equal((e as GroundTruthError).line, 2);
    const report = newGroundTruthReport();
    const labels = await all(dir, { onError: "skip", report });
    assert.equal(labels.length, 1);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0]!.field, "eventMetadata.eventId");
  });

  it("refuses to write an empty id or label (nothing written)", async () => {
    const dir = tempDir("gt-empty");
    const e = await errorOf(() => writeGroundTruth(dir, [{ eventId: "", label: 1 }]));
    assert.ok(e instanceof CaptureLabError);
    assert.match(e.message, /labels\[0\]\.eventId/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it("a missing folder says where it looked", async () => {
    const e = await errorOf(() => all("/nonexistent/ground-truth"));
    assert.ok(e instanceof GroundTruthError);
    assert.match(e.message, /^\/nonexistent\/ground-truth: no such file or directory/);
  });
});
