import { strict as assert } from "node:assert";
import { inputInstanceCount, outputInstances } from "../../src/replay/output-values";

describe("replay/outputInstances", () => {
  it("reads the XGBoost container's CSV answers: one value, one per line, one line for several rows", () => {
    assert.deepEqual(outputInstances("0.5217539", "text/csv; charset=utf-8"), [[0.5217539]]);
    assert.deepEqual(outputInstances("0.1\n0.2\n", "text/csv"), [[0.1], [0.2]]);
    assert.deepEqual(outputInstances("0.1,0.2,0.3", "text/csv", 3), [[0.1], [0.2], [0.3]]);
    assert.deepEqual(outputInstances("0.1,0.2,0.3", "text/csv", 1), [[0.1, 0.2, 0.3]]);
  });

  it("reads JSON answers: predictions lists, objects flattened, labels kept as text", () => {
    assert.deepEqual(outputInstances('{"predictions":[{"score":0.2},{"score":0.9}]}', "application/json"), [
      [0.2],
      [0.9],
    ]);
    assert.deepEqual(outputInstances('{"predicted_label":"yes","score":0.7}', "application/json"), [["yes", 0.7]]);
    assert.deepEqual(outputInstances("[0.1, 0.2]", null, 2), [[0.1], [0.2]]);
  });

  it("counts the instances of a request", () => {
    assert.equal(inputInstanceCount("1,2,3", "text/csv"), 1);
    assert.equal(inputInstanceCount("1,2\n3,4\n", "text/csv"), 2);
    assert.equal(inputInstanceCount('{"instances":[[1],[2],[3]]}', "application/json"), 3);
    assert.equal(inputInstanceCount(undefined, null), 1);
  });
});
