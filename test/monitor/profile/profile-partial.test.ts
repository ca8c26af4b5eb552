/** Window profiles as plain data: partials of consecutive files add up to the one-profile result. */
import { strict as assert } from "node:assert";
import type { ConstraintsFile } from "../../../src/monitor/files/constraints-file";
import { FeatureProfiler } from "../../../src/monitor/profile/feature-profiler";
import { featurePartial, mergeFeaturePartial } from "../../../src/monitor/profile/profile-partial";
import { WindowProfile } from "../../../src/monitor/profile/window-profile";
import { seeded } from "../random";

const constraints = {
  version: 0,
  features: [
    { name: "n", inferred_type: "Fractional", completeness: 1 },
    { name: "k", inferred_type: "Integral", completeness: 1 },
    { name: "s", inferred_type: "String", completeness: 1 },
  ],
} as unknown as ConstraintsFile;

/** Rows of 12 files: numbers with many digits, missing values, non-numbers, extra columns from file 2 on. */
function files(): Array<Array<Array<string | null>>> {
  const rand = seeded(404);
  return Array.from({ length: 12 }, (_, f) =>
    Array.from({ length: 60 + ((f * 37) % 90) }, (_, i) => {
      const row: Array<string | null> = [
        i % 31 === 0 ? null : (rand() * 1e3 - 100).toFixed(6),
        i % 47 === 0 ? "oops" : String(Math.floor(rand() * 50)),
        rand() < 0.5 ? "a" : `v${Math.floor(rand() * 20)}`,
      ];
      if (f >= 2 && i % 9 === 0) row.push(String(i % 4));
      return row;
    }),
  );
}

function profileOf(parts: Array<Array<Array<string | null>>>, first = 0, keepFileParts = false): WindowProfile {
  const p = new WindowProfile(constraints, { keepFileParts, maxIssues: 5 });
  parts.forEach((rows, f) => {
    rows.forEach((row, line) => p.addRow({ positional: row }, { source: `f${first + f}`, line: line + 1 }));
    p.endFile();
  });
  return p;
}

describe("monitor/profile-partial (WindowProfile partials)", () => {
  it("partials of consecutive files, merged in order, give the one-profile statistics and issues", () => {
    const all = files();
    const one = profileOf(all);
    const expected = one.finish();
    for (const cut of [[5], [1, 7], [3, 6, 9]]) {
      const merged = new WindowProfile(constraints, { maxIssues: 5 });
      const bounds = [0, ...cut, all.length];
      for (let i = 0; i + 1 < bounds.length; i++) {
        const part = profileOf(all.slice(bounds[i], bounds[i + 1]), bounds[i], true).toPartial();
        merged.addPartial(structuredClone(part)); // what crosses from a worker
      }
      const got = merged.finish();
      // Under 2050 values a sketch keeps every item, so even the sketches are the same here.
      assert.deepEqual(got.features, expected.features, `cut at ${cut.join(",")}`);
      assert.equal(got.columnCount, expected.columnCount);
      assert.deepEqual([merged.rows, merged.issueCount, merged.issues], [one.rows, one.issueCount, one.issues]);
    }
    assert.ok(
      expected.features.some((f) => f.name === "_c3"),
      "an extra column first seen in a later file",
    );
  });

  it("categorical counts add; past maxDistinct new values are not counted and the overflow is kept", () => {
    const a = new FeatureProfiler("c", { maxDistinct: 3 });
    ["x", "y", "x"].forEach((v) => a.add(v));
    const b = new FeatureProfiler("c", { maxDistinct: 3 });
    ["y", "z", "w", null].forEach((v) => b.add(v));
    mergeFeaturePartial(a, featurePartial(b, []));
    assert.deepEqual(
      [...a.categories],
      [
        ["x", 2],
        ["y", 2],
        ["z", 1],
      ],
    );
    assert.equal(a.distinctOverflow, true);
    assert.equal(a.types.Null, 1);
    assert.equal(a.total, 7);
  });
});
