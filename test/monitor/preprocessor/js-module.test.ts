/** Loading JavaScript (and TypeScript) handler modules. */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { isJsScript, loadJsFunction, nodeStripsTypes } from "../../../src/monitor/preprocessor/js-module";
import { PreprocessorError } from "../../../src/monitor/preprocessor/preprocessor-error";

const FIX = path.resolve(__dirname, "..", "..", "fixtures", "monitor", "preprocessor");

describe("monitor/preprocessor/js-module", () => {
  it("tells JavaScript from Python by extension", () => {
    assert.deepEqual(["a.js", "a.mjs", "a.cjs", "a.ts", "a.mts", "a.py"].map(isJsScript), [
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it("knows which Node versions strip types", () => {
    assert.deepEqual(
      ["20.19.0", "22.17.1", "22.18.0", "23.6.0", "24.0.0"].map((v) => nodeStripsTypes(v)),
      [false, false, true, true, true],
    );
  });

  it("loads an ES module's handler", async () => {
    const fn = await loadJsFunction(path.join(FIX, "drop-and-null.mjs"), "drop-and-null.mjs", "preprocessHandler");
    const rec = (test: boolean) => ({
      captureData: {
        endpointInput: { data: JSON.stringify({ customer: { a: 1, b: 2.5, segment: "" }, test }) },
        endpointOutput: { data: '{"label":1}' },
      },
    });
    assert.deepEqual(fn(rec(false)), { label: 1, a: 1, b: 2.5, c: null });
    assert.deepEqual(fn(rec(true)), []);
  });

  it(".ts: loaded where this Node strips types, else a clear message", async function () {
    const file = path.join(FIX, "drop-and-null.ts");
    if (nodeStripsTypes()) {
      const fn = await loadJsFunction(file, file, "preprocessHandler");
      assert.equal(typeof fn, "function");
    } else {
      await assert.rejects(
        loadJsFunction(file, file, "preprocessHandler"),
        (e: unknown) =>
          e instanceof PreprocessorError && /cannot load TypeScript; use Node 22\.18 or newer/.test(e.message),
      );
    }
  });
});
