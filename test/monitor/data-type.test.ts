import { strict as assert } from "node:assert";
import { classifyValue, decideType, newDataTypeCounts, typeMatchRatio } from "../../src/monitor/data-type";

describe("monitor/data-type (Deequ's DataType)", () => {
  it("classifies texts with Deequ's patterns", () => {
    const cases: Array<[string | null, string]> = [
      [null, "Null"], ["12", "Integral"], ["-3", "Integral"], ["+ 3", "Integral"], ["1.5", "Fractional"],
      ["1.", "Fractional"], [".5", "Fractional"], ["181.0", "Fractional"], ["1e5", "String"], ["true", "Boolean"],
      ["True", "String"], ["CA", "String"], [" 1", "Integral"], ["  1", "String"],
    ];
    for (const [text, expected] of cases) assert.equal(classifyValue(text), expected, String(text));
  });

  it("decides a column's type like DataTypeHistogram.determineType", () => {
    const c = newDataTypeCounts();
    assert.equal(decideType(c), "Unknown");
    c.Integral = 5;
    assert.equal(decideType(c), "Integral");
    c.Fractional = 1;
    assert.equal(decideType(c), "Fractional");
    c.String = 1;
    assert.equal(decideType(c), "String");
    const b = { ...newDataTypeCounts(), Boolean: 2, Integral: 1 };
    assert.equal(decideType(b), "String");
  });

  it("a match ratio counts only the exact class, nulls left out", () => {
    const c = { ...newDataTypeCounts(), Null: 10, Integral: 3, Fractional: 1 };
    assert.equal(typeMatchRatio(c, "Integral"), 0.75);
    assert.equal(typeMatchRatio(c, "Fractional"), 0.25);
  });
});
