import { strict as assert } from "assert";
import * as dfd from "danfojs-node";
import { compileHint, runtimeHint } from "../../src/kernel/library-hints";

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected a throw");
}

describe("kernel/library-hints: one-line pointers for the libraries' known failures", () => {
  it("danfojs' describe() on a frame with Dates points at describeFrame", () => {
    const frame = new dfd.DataFrame({ a: [1, 2], t: [new Date(0), new Date(1)] }, { dtypes: ["float32", "datetime"] });
    const hint = runtimeHint(thrownBy(() => frame.describe()));
    assert.match(hint ?? "", /describeFrame\(frame\) from capture-lab\/read/);
    assert.doesNotMatch(hint ?? "", /\n/);
  });

  it("danfojs' plot() in Node points at capture-lab/display's plot", () => {
    const frame = new dfd.DataFrame({ a: [1, 2] });
    for (const err of [thrownBy(() => frame.plot("div")), thrownBy(() => frame.column("a").plot("div"))])
      assert.match(runtimeHint(err) ?? "", /plot\(series\)\.hist\(\).*capture-lab\/display/);
  });

  it("other errors get no hint, even with the same words", () => {
    assert.equal(runtimeHint(new Error("Not supported in NodeJS")), undefined);
    assert.equal(runtimeHint(new TypeError("Cannot calculate mean")), undefined);
    assert.equal(runtimeHint("describe"), undefined);
  });

  it("TypeScript's non-portable inferred type names the package, where it is installed and what to do", () => {
    const message =
      "The inferred type of 'frame' cannot be named without a reference to '../../work/lib/node_modules/danfojs-node/dist/danfojs-node/src'. This is likely not portable. A type annotation is necessary.";
    assert.equal(
      compileHint(message, "/tmp/nb"),
      "'frame' has a type from danfojs-node, which TypeScript finds in /work/lib/node_modules but not from this notebook's folder /tmp/nb: open the notebook inside /work/lib, or run `npm install capture-lab` in /tmp/nb",
    );
    const scoped = message.replace("danfojs-node/dist/danfojs-node/src", "@aws-sdk/client-s3/dist-types");
    assert.match(compileHint(scoped, "/tmp/nb") ?? "", /from @aws-sdk\/client-s3,/);
    assert.equal(compileHint("Type 'string' is not assignable to type 'number'.", "/tmp/nb"), undefined);
  });
});
