import { strict as assert } from "assert";
import { hasTopLevelForAwait } from "../../src/kernel/top-level-await";
import { loadTslab } from "../../src/kernel/tslab";

describe("kernel/top-level-await: which cells need the async wrapper for a for await", () => {
  const { ts } = loadTslab();

  it("a for await at the top level, in a block or an if, needs it", () => {
    for (const src of [
      "for await (const r of rows()) { n++; break; }",
      "let first;\nfor await (const item of readCaptureRecords(source)) { first = item; break; }\nfirst",
      "if (ok) {\n  for await (const x of xs) console.log(x);\n}",
      "{ for await (const x of xs) {} }",
    ])
      assert.equal(hasTopLevelForAwait(ts, src), true, src);
  });

  it("one inside a function, arrow, method or namespace does not; nor a plain for of or the words in a string", () => {
    for (const src of [
      "async function f() { for await (const x of xs) {} }",
      "const f = async () => { for await (const x of xs) {} };",
      "class A { async m() { for await (const x of xs) {} } }",
      "namespace N { export async function g() { for await (const x of xs) {} } }",
      "for (const x of xs) {}",
      'const s = "for await (x of y)";',
    ])
      assert.equal(hasTopLevelForAwait(ts, src), false, src);
  });
});
