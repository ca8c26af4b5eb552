import { strict as assert } from "node:assert";
import { javaDouble } from "../../../src/monitor/files/java-double";

describe("monitor/java-double", () => {
  it("prints doubles as Java's Double.toString", () => {
    const cases: Array<[number, string]> = [
      [100, "100.0"],
      [0, "0.0"],
      [1, "1.0"],
      [0.1, "0.1"],
      [99.63446475195823, "99.63446475195823"],
      [1e7, "1.0E7"],
      [12345678.5, "1.23456785E7"],
      [0.001, "0.001"],
      [0.0001, "1.0E-4"],
      [-2.5e-5, "-2.5E-5"],
      [2048, "2048.0"],
    ];
    for (const [x, s] of cases) assert.equal(javaDouble(x), s);
  });
});
