/** joinWithInferenceCsv: by inferenceId (row numbers) and by payload, with unmatched rows reported. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { joinWithInferenceCsv, loadCaptures } from "../../src/read";
import { captureLine, column, tempDir, writeFile } from "./helpers";

const FIX = path.resolve(__dirname, "../fixtures/read");
const CSV_ROWS = path.join(FIX, "csv-rows.jsonl");
const INFERENCE = path.join(FIX, "inference.csv"); // 10,1.5,x / 20,2.5,y / 40,4.50,w / 99,9,q

describe("read/joinWithInferenceCsv", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("join")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("joins on inferenceId = 0-based CSV row number and reports both unmatched sides", async () => {
    const loaded = await loadCaptures(CSV_ROWS); // ids 0, 1 (2 rows), 2 (2 rows), 5
    const j = await joinWithInferenceCsv(loaded, INFERENCE);
    assert.equal(j.joinedOn, "inferenceId");
    assert.deepEqual(column(j.frame, "eventId"), ["c1", "c2", "c2", "c3", "c3"]);
    assert.deepEqual(column(j.frame, "csv_0"), [10, 20, 20, 40, 40]);
    assert.deepEqual(column(j.frame, "csv_2"), ["x", "y", "y", "w", "w"]);
    assert.equal(j.matched, 5);
    assert.deepEqual(
      j.unmatchedCaptures.map((u) => [u.eventId, u.inferenceId]),
      [["c4", "5"]],
    );
    assert.deepEqual(j.unmatchedCsvRows, [{ row: 3, line: 4, id: "3" }]);
    assert.deepEqual(j.frame.columns.slice(-3), ["csv_0", "csv_1", "csv_2"]);
    // a frame from danfo's base package (df.head()) works too
    const head = await joinWithInferenceCsv(loaded.frame.head(2) as never, INFERENCE);
    assert.deepEqual(column(head.frame, "csv_0"), [10, 20]);
  });

  it("idBase 1 shifts the row ids; how=left keeps unmatched captures with missing CSV values", async () => {
    const loaded = await loadCaptures(CSV_ROWS, { maxRecords: 3 });
    const j = await joinWithInferenceCsv(loaded.frame, INFERENCE, { idBase: 1, how: "left", prefix: "truth_" });
    // ids 0,1,1,2,2 with base 1: id 0 has no row; 1 -> row 0; 2 -> row 1
    assert.deepEqual(column(j.frame, "truth_0"), [NaN, 10, 10, 20, 20]);
    assert.deepEqual(column(j.frame, "truth_2"), [null, "x", "x", "y", "y"]);
    assert.deepEqual(
      j.unmatchedCaptures.map((u) => u.row),
      [0],
    );
    assert.deepEqual(
      j.unmatchedCsvRows.map((u) => u.id),
      ["3", "4"],
    );
  });

  it("joins on the payload values when records carry no inferenceId, pairing equal rows in order", async () => {
    const file = writeFile(
      dir,
      "noid.jsonl",
      [
        captureLine({ eventId: "p1", input: { data: "40,4.5,w" } }), // CSV says 4.50: same value
        captureLine({ eventId: "p2", input: { data: "10,1.5,x" } }),
        captureLine({ eventId: "p3", input: { data: "10,1.5,x" } }), // a second send of row 0: no CSV row left for it
        captureLine({ eventId: "p4", input: { data: "77,7,k" } }),
      ].join("\n") + "\n",
    );
    const loaded = await loadCaptures(file);
    const j = await joinWithInferenceCsv(loaded, INFERENCE);
    assert.equal(j.joinedOn, "payload");
    assert.deepEqual(column(j.frame, "eventId"), ["p1", "p2"]);
    assert.deepEqual(column(j.frame, "csv_1"), [4.5, 1.5]);
    assert.deepEqual(
      j.unmatchedCaptures.map((u) => u.eventId),
      ["p3", "p4"],
    );
    assert.deepEqual(
      j.unmatchedCsvRows.map((u) => [u.row, u.line]),
      [
        [1, 2],
        [3, 4],
      ],
    );
  });

  it("reads a header row and an id column when told", async () => {
    const csv = writeFile(dir, "with-header.csv", 'id,label,note\n5,1,"a, quoted"\n0,0,plain\n');
    const loaded = await loadCaptures(CSV_ROWS);
    const j = await joinWithInferenceCsv(loaded, csv, { header: true, idColumn: "id" });
    assert.deepEqual(j.frame.columns.slice(-3), ["csv_id", "csv_label", "csv_note"]);
    assert.deepEqual(column(j.frame, "eventId"), ["c1", "c4"]);
    assert.deepEqual(column(j.frame, "csv_note"), ["plain", "a, quoted"]);
    assert.deepEqual(
      j.unmatchedCaptures.map((u) => u.eventId),
      ["c2", "c2", "c3", "c3"],
    );
    assert.deepEqual(j.unmatchedCsvRows, []);
  });
});
