import { strict as assert } from "node:assert";
import { seeded } from "../random";
import { classifyValue, decideType, newDataTypeCounts, typeMatchRatio } from "../../../src/monitor/profile/data-type";

describe("monitor/data-type (Deequ's DataType)", () => {
  it("classifies texts with Deequ's patterns", () => {
    const cases: Array<[string | null, string]> = [
      [null, "Null"],
      ["12", "Integral"],
      ["-3", "Integral"],
      ["+ 3", "Integral"],
      ["1.5", "Fractional"],
      ["1.", "Fractional"],
      [".5", "Fractional"],
      ["181.0", "Fractional"],
      ["1e5", "String"],
      ["true", "Boolean"],
      ["True", "String"],
      ["CA", "String"],
      [" 1", "Integral"],
      ["  1", "String"],
    ];
    for (const [text, expected] of cases) assert.equal(classifyValue(text), expected, String(text));
  });

  it("the character scan agrees with Deequ's regular expressions on random texts", () => {
    const FRACTIONAL = /^(-|\+)? ?\d*\.\d*$/;
    const INTEGRAL = /^(-|\+)? ?\d*$/;
    const BOOLEAN = /^(true|false)$/;
    const byRegex = (t: string) =>
      FRACTIONAL.test(t) ? "Fractional" : INTEGRAL.test(t) ? "Integral" : BOOLEAN.test(t) ? "Boolean" : "String";
    const rand = seeded(1);
    const alphabet = ["0", "7", ".", "-", "+", " ", "e", "true", "false", "x"];
    for (let i = 0; i < 20_000; i++) {
      const len = Math.floor(rand() * 6);
      const t = Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
      assert.equal(classifyValue(t), byRegex(t), JSON.stringify(t));
    }
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
