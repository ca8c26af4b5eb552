import { strict as assert } from "node:assert";
import { compareOutputs, valuesAgree } from "../../src/replay/compare-outputs";

describe("replay/compareOutputs", () => {
  it("probabilities agree on the same side of the threshold, other numbers only when equal, labels when equal", () => {
    assert.equal(valuesAgree(0.2, 0.49), true);
    assert.equal(valuesAgree(0.49, 0.5), false);
    assert.equal(valuesAgree(0.7, 0.9, 0.8), false);
    assert.equal(valuesAgree(3, 3), true);
    assert.equal(valuesAgree(3, 3.5), false);
    assert.equal(valuesAgree("yes", "yes"), true);
    assert.equal(valuesAgree("yes", "no"), false);
    assert.equal(valuesAgree(1, "1"), false);
  });

  it("reports the largest difference with its sign and relative size, and the first disagreement", () => {
    const c = compareOutputs([[0.2], [0.6, 10]], [[0.25], [0.4, 10]]);
    assert.equal(c.numericPairs, 3);
    assert.equal(c.absDiff, Math.abs(0.4 - 0.6));
    assert.equal(c.diff, 0.4 - 0.6);
    assert.equal(c.relDiff, Math.abs(0.4 - 0.6) / 0.6);
    assert.equal(c.agree, false);
    assert.match(c.disagreement!, /instance 1 value 0: captured 0\.6, candidate 0\.4/);
  });

  it("different shapes never agree", () => {
    const c = compareOutputs([[0.1], [0.2]], [[0.1]]);
    assert.equal(c.agree, false);
    assert.match(c.disagreement!, /2 instance\(s\) captured, 1 from the candidate/);
    assert.equal(compareOutputs([[0.1]], [[0.1, 0.9]]).agree, false);
  });

  it("relative difference against a captured 0 is Infinity; no numbers give NaN", () => {
    assert.equal(compareOutputs([[0]], [[2]]).relDiff, Infinity);
    assert.ok(Number.isNaN(compareOutputs([["a"]], [["a"]]).absDiff));
  });
});
