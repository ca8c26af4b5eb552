/** WindowProfile: rows by position or by name, extra columns, bad values, refused records by reason. */
import { strict as assert } from "node:assert";
import type { ConstraintsFile } from "../../../src/monitor/files/constraints-file";
import { WindowProfile } from "../../../src/monitor/profile/window-profile";
import type { SourcedRecord } from "../../../src/read/records";

const constraints = {
  version: 0,
  features: [
    { name: "label", inferred_type: "Integral" },
    { name: "a", inferred_type: "Fractional" },
    { name: "s", inferred_type: "String" },
  ],
} as ConstraintsFile;

const where = { source: "f.jsonl", line: 3 };

describe("monitor/window-profile (a window's profiles)", () => {
  it("named rows fill columns by name (absent = missing); unknown names are counted problems", () => {
    const p = new WindowProfile(constraints);
    p.addRow(
      {
        named: [
          ["a", "1.5"],
          ["label", "1"],
          ["zz", "9"],
        ],
      },
      where,
    );
    p.addRow({ positional: ["0", "2.5", "x", "extra"] }, where);
    // A row none of whose names is a feature profiles nothing (a preprocessor or renaming is needed).
    assert.equal(p.addRow({ named: [["zz", "1"]] }, where), false);
    const { columnCount, current, features } = p.finish();
    assert.equal(p.rows, 2);
    assert.equal(current.get("s")!.types.Null, 1);
    assert.equal(current.get("a")!.types.Fractional, 2);
    assert.equal(current.get("_c3")!.total, 2); // the extra column, missing in the named row
    assert.deepEqual(
      features.map((f) => f.name),
      ["label", "a", "s", "_c3"],
    );
    assert.ok(columnCount === 3 || columnCount === 4);
    assert.deepEqual(
      p.issues.map((i) => `${i.field ?? ""}:${i.message}`),
      [
        'zz:"zz" is not a feature of the baseline; left out',
        ":expected 3 columns (baseline), found 4",
        'zz:"zz" is not a feature of the baseline; left out',
      ],
    );
  });

  it("records that give no row are tallied by reason, commonest first, with their first example", () => {
    const p = new WindowProfile(constraints, {
      recordToRows: (r) =>
        r.line % 3 === 0
          ? {
              rows: [],
              problems: [{ field: "captureData.endpointInput.data", message: `binary payload (${r.line} bytes)` }],
            }
          : r.line % 3 === 1
            ? { rows: [], problems: [{ field: "captureData.endpointInput.encoding", message: "unknown encoding" }] }
            : { rows: [{ positional: ["1", "2.0", "x"] }], problems: [] },
    });
    for (let line = 1; line <= 10; line++) p.add({ source: "f.jsonl", line } as SourcedRecord);
    assert.deepEqual([p.records, p.profiledRecords, p.rows], [10, 3, 3]);
    const reasons = p.refusalReasons();
    assert.deepEqual(
      reasons.map((r) => [r.count, r.example.line]),
      [
        [4, 1],
        [3, 3], // binary payloads of different sizes group as one reason
      ],
    );
    assert.equal(reasons[1]!.example.message, "binary payload (3 bytes)");
  });
});
