import { strict as assert } from "assert";
import { cellContext, cellLineOf, compileError, runtimeError } from "../../src/kernel/traceback";

describe("kernel: tracebacks at the user's cell", () => {
  const cell = [
    "interface A { x: number }",
    "const a: A = { x: 1 };",
    "function f(n: number) {",
    '  throw new Error("boom " + n);',
    "}",
    "f(a.x)",
  ];

  it("maps tslab's JavaScript lines back to the cell's TypeScript lines", () => {
    assert.equal(cellLineOf('    throw new Error("boom " + n);', cell), 4);
    assert.equal(cellLineOf("exports.tsLastExpr = f(a.x);", cell), 6);
    assert.equal(cellLineOf("const a = { x: 1 };", cell), 2, "types erased, names kept");
    assert.equal(cellLineOf("})(__tslab__.exports, __tslab__.require)", cell), undefined);
  });

  it("names the error, drops the kernel's frames and shows the failing line in context", () => {
    const output = [
      'Object.defineProperty(exports, "__esModule", { value: true });',
      "const a = { x: 1 };",
      "exports.a = a;",
      "function f(n) {",
      '    throw new Error("boom " + n);',
      "}",
      "exports.tsLastExpr = f(a.x);",
    ].join("\n");
    const err = new Error("boom 1");
    err.stack = [
      "Error: boom 1",
      "    at f (evalmachine.<anonymous>:5:11)",
      "    at evalmachine.<anonymous>:7:22",
      "    at evalmachine.<anonymous>:9:3",
      "    at Script.runInThisContext (node:vm:135:14)",
      "    at Object.execute (/p/node_modules/tslab/dist/executor.js:158:38)",
      "    at CellRunner.run (/p/node_modules/capture-lab/dist/kernel/execution.js:120:5)",
    ].join("\n");
    const e = runtimeError(err, cell.join("\n"), output, 3);
    assert.equal(e.ename, "Error");
    assert.equal(e.evalue, "boom 1");
    assert.deepEqual(e.traceback.slice(0, 3), [
      "Error: boom 1",
      "    at f (Cell [3], line 4)",
      "    at Cell [3], line 6",
    ]);
    assert.ok(!e.traceback.some((l) => /tslab|execution\.js|node:vm/.test(l)), e.traceback.join("\n"));
    assert.ok(e.traceback.includes('--> 4 |   throw new Error("boom " + n);'));
  });

  it("keeps library frames between the error and the cell", () => {
    const err = new TypeError("bad");
    err.stack = [
      "TypeError: bad",
      "    at load (/p/node_modules/capture-lab/dist/read/load.js:10:5)",
      "    at evalmachine.<anonymous>:1:1",
    ].join("\n");
    const e = runtimeError(err, "load()", "load();", 1);
    assert.deepEqual(e.traceback.slice(0, 3), [
      "TypeError: bad",
      "    at load (/p/node_modules/capture-lab/dist/read/load.js:10:5)",
      "    at Cell [1], line 1",
    ]);
  });

  it("reports a thrown non-Error value", () => {
    const e = runtimeError("plain", "throw 'plain'", undefined, 2);
    assert.equal(e.ename, "Uncaught");
    assert.equal(e.evalue, "plain");
  });

  it("reports type errors with the cell line and a caret under the column", () => {
    const e = compileError(
      [{ line: 1, column: 7, message: "Type 'string' is not assignable to type 'number'." }],
      'const n: number = "s";',
      5,
    );
    assert.equal(e.ename, "TypeScriptError");
    assert.equal(e.evalue, "1:7 - Type 'string' is not assignable to type 'number'.");
    assert.deepEqual(e.traceback, [
      "Cell [5], line 1: 1:7 - Type 'string' is not assignable to type 'number'.",
      '--> 1 | const n: number = "s";',
      "              ^",
    ]);
  });

  it("shows a few lines around the failing one", () => {
    assert.deepEqual(cellContext(["a", "b", "c", "d", "e"], 3, 1), ["    2 | b", "--> 3 | c", "    4 | d"]);
  });
});
