/** The worker-thread pool: results in task order, a failing task or a dying worker fails alone. */
import { strict as assert } from "node:assert";
import { CaptureLabError } from "../../../src/errors";
import {
  runInWorkers,
  WorkerTaskError,
  workerModule,
  type TaskOutcome,
} from "../../../src/monitor/workers/worker-pool";

describe("monitor/worker-pool (runInWorkers)", () => {
  const module = workerModule(__dirname, "pool-worker", __filename);

  it("runs a .ts worker under tsx, returns outcomes in task order, and a dead worker fails only its task", async () => {
    assert.ok(module.file.endsWith("pool-worker.ts") && module.tsx);
    const tasks: Array<number | "throw" | "die"> = [1, 2, "die", 3, "throw", 4, 5, "die", 6];
    const settled: number[] = [];
    const out = await runInWorkers<number | "throw" | "die", number>(tasks, {
      module,
      workerData: null,
      parallel: 2,
      onSettled: (i) => settled.push(i),
    });
    assert.equal(out.length, tasks.length);
    assert.deepEqual(
      out.map((o: TaskOutcome<number>) => (o.ok ? o.value : "error")),
      [2, 4, "error", 6, "error", 8, 10, "error", 12],
    );
    assert.deepEqual(
      [...settled].sort((a, b) => a - b),
      tasks.map((_, i) => i),
    );
    const died = out[2]!;
    assert.ok(!died.ok && died.error instanceof WorkerTaskError && died.error instanceof CaptureLabError);
    assert.match(!died.ok ? died.error.message : "", /worker thread died while running this task: exit code 7/);
    const threw = out[4]!;
    assert.ok(!threw.ok && threw.error.name === "RangeError" && threw.error.message === "bad task");
  });

  it("picks the .js sibling (with no tsx) when the caller is compiled JavaScript", () => {
    const m = workerModule("/x/dist/monitor", "hour-worker", "/x/dist/monitor/hourly.js");
    assert.deepEqual(m, { file: "/x/dist/monitor/hour-worker.js" });
  });
});
