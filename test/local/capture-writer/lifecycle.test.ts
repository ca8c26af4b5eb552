/** Process lifecycle: timers never keep a process alive; close() flushes, even through retries. */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const CHILD = path.join(__dirname, "child", "exit-child.ts");

function runChild(mode: string): { out: Record<string, unknown>; ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, ["--require", "tsx/cjs", CHILD, mode], {
    cwd: path.resolve(__dirname, "../../.."),
    encoding: "utf8",
    timeout: 25_000,
  });
  assert.equal(r.signal, null, `child (${mode}) did not exit by itself: killed by ${r.signal}\n${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  return { out: JSON.parse(r.stdout), ms: Date.now() - started };
}

describe("CaptureWriter: lifecycle", function () {
  this.timeout(60_000);

  it("a writer left open does not keep the process alive (all timers unref'd)", () => {
    assert.deepEqual(runChild("open").out, { mode: "open" });
  });

  it("close() uploads pending records, then the process exits", () => {
    const { out } = runChild("close");
    assert.equal(out.sends, 1);
    const stats = out.stats as Record<string, number>;
    assert.equal(stats.recordsWritten, 1);
    assert.equal(stats.pendingRecords, 0);
  });

  it("close() keeps the process alive through upload backoff instead of losing records", () => {
    const { out } = runChild("close-retry");
    assert.equal(out.sends, 3);
    const stats = out.stats as Record<string, number>;
    assert.equal(stats.uploadFailures, 2);
    assert.equal(stats.recordsWritten, 1);
    assert.equal(stats.recordsLost, 0);
  });
});
