/** A handler's dict → a row: by name when every key is a feature, else by sorted key position. */
import { strict as assert } from "node:assert";
import { handlerRow, jsResult, valueText } from "../../../src/monitor/preprocessor/handler-rows";

const features = new Set(["label", "a", "b"]);

describe("monitor/preprocessor/handler-rows", () => {
  it("maps by name when every key is a baseline feature", () => {
    assert.deepEqual(
      handlerRow(
        [
          ["b", "2.5"],
          ["label", "1"],
        ],
        features,
      ),
      {
        named: [
          ["b", "2.5"],
          ["label", "1"],
        ],
      },
    );
  });

  it("maps by position in sorted key order otherwise (AWS's zero-padded keys)", () => {
    const keys = [2, 0, 10, 1].map((i) => String(i).padStart(20, "0"));
    assert.deepEqual(
      handlerRow(
        keys.map((k) => [k, k.replace(/^0+(?=.)/, "")]),
        features,
      ),
      { positional: ["0", "1", "2", "10"] },
    );
    // One unknown name is enough to switch to positions.
    assert.deepEqual(
      handlerRow(
        [
          ["label", "1"],
          ["zzz", "x"],
        ],
        features,
      ),
      { positional: ["1", "x"] },
    );
  });

  it("turns JavaScript values into text as the Python harness does; [] drops; a nested value is refused", () => {
    assert.deepEqual(
      [valueText("k", 3), valueText("k", 2.5), valueText("k", true), valueText("k", null)],
      ["3", "2.5", "true", null],
    );
    assert.deepEqual(jsResult([]), { drop: true });
    assert.match(
      (jsResult({ a: { b: 1 } }) as { error: string }).error,
      /value of 'a' is object; expected a flat dict/,
    );
    assert.match((jsResult("x") as { error: string }).error, /returned string; expected a flat object/);
  });
});
