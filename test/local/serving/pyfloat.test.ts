import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pythonFloatRepr, pythonFloat32Repr } from "../../../src/local/serving/pyfloat";
import { FIXTURES } from "./helpers";

describe("pythonFloatRepr", () => {
  const table: [string, string][] = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, "python-float-repr.json"), "utf8"),
  ).table;

  it("matches CPython's repr() for every value in the generated table", () => {
    assert.ok(table.length > 100);
    const mismatches = table
      .map(([hex, expected]) => [expected, pythonFloatRepr(Buffer.from(hex, "hex").readDoubleBE(0))])
      .filter(([expected, got]) => expected !== got);
    assert.deepEqual(mismatches, []);
  });

  it("covers the exponent switch points and specials", () => {
    const reprs = new Set(table.map(([, r]) => r));
    for (const r of [
      "1e-05",
      "0.0001",
      "1e+16",
      "1000000000000000.0",
      "1.5e+16",
      "inf",
      "-inf",
      "nan",
      "-0.0",
      "5e-324",
    ]) {
      assert.ok(reprs.has(r), `table lacks ${r}`);
    }
  });

  it("prints float32 values widened to double like numpy's tolist()", () => {
    // The AWS capture sample's output value, as the container printed it.
    assert.equal(pythonFloat32Repr(0.5217539072036743), "0.5217539072036743");
    assert.equal(pythonFloat32Repr(0.1), "0.10000000149011612");
  });
});
