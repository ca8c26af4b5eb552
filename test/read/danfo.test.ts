import { strict as assert } from "assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Runs `code` in a fresh Node (with tsx) from the repository root and returns its stdout. */
function fresh(code: string): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", code], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

describe("read/danfo: danfojs-node loads with the first DataFrame", function () {
  this.timeout(60_000);
  it("requiring the reader does not load danfojs-node or TensorFlow.js; loading captures does", () => {
    const out = fresh(`
      const loaded = () => Object.keys(require.cache).filter((k) => /node_modules[\\\\/](danfojs-node|@tensorflow)[\\\\/]/.test(k)).length > 0;
      const read = require("./src/read");
      const before = loaded();
      read.loadCaptures("test/fixtures/read/csv-rows.jsonl").then(({ frame }) => console.log(JSON.stringify({ before, after: loaded(), rows: frame.shape[0] })));
    `);
    assert.deepEqual(JSON.parse(out), { before: false, after: true, rows: 6 });
  });
});
