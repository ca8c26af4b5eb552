/**
 * A small pool of worker threads running independent tasks (I/O): each worker takes the next
 * task when it is free; a task that throws, or whose worker dies, fails alone with the reason,
 * and a dead worker is replaced while tasks are left. Workers run a module next to the caller:
 * `.js` from dist/, `.ts` under tsx (registered in the worker first).
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { CaptureLabError } from "../../errors";

/** A task's failure inside a worker, or the worker's death while it ran the task. */
export class WorkerTaskError extends CaptureLabError {}

/** What a pool worker posts back for one task. */
export type WorkerReply<R> =
  | { id: number; ok: true; value: R }
  | { id: number; ok: false; name: string; message: string }
  | { id: number; progress: unknown };

/** One settled task: its value or its error. */
export type TaskOutcome<R> = { ok: true; value: R } | { ok: false; error: Error };

/** A worker module: its file, and for a `.ts` one the tsx hook to register before loading it. */
export interface WorkerModule {
  file: string;
  tsx?: string;
}

/**
 * The worker module `name` beside `dir` (the caller's `__dirname`): `.js` when the caller is
 * compiled, `.ts` under tsx (tests, `tsx` scripts), started through a small bootstrap that
 * registers tsx's CommonJS hook first (Node 20's `--import tsx` in a worker's `execArgv`
 * registers its hooks too late for the worker's own entry file).
 */
export function workerModule(dir: string, name: string, callerFile: string): WorkerModule {
  if (path.extname(callerFile) !== ".ts") return { file: path.join(dir, `${name}.js`) };
  return { file: path.join(dir, `${name}.ts`), tsx: require.resolve("tsx/cjs") };
}

function startWorker(module: WorkerModule, workerData: unknown): Worker {
  if (!module.tsx) return new Worker(module.file, { workerData });
  const boot = `require(${JSON.stringify(module.tsx)}); require(${JSON.stringify(module.file)});`;
  return new Worker(boot, { eval: true, workerData });
}

/** Options of {@link runInWorkers}. */
export interface PoolOptions<R> {
  /** The worker module (see {@link workerModule}) and its `workerData`. */
  module: WorkerModule;
  workerData: unknown;
  /** Workers at most (fewer when there are fewer tasks). */
  parallel: number;
  /** Called as each task settles, in completion order. */
  onSettled?: (index: number, outcome: TaskOutcome<R>) => void;
  /** Called with the text a worker posts as `{ output }` (a script's prints, `postOutput`). */
  onOutput?: (text: string) => void;
  /**
   * When no task is left, post `{ end: true }` and let the worker close what it holds (a child
   * process) and exit by itself, rather than terminating it (terminated after 10 s if it does not).
   */
  endMessage?: boolean;
  /** Called with what a worker posts as `{ id, progress }` while it runs task `index`. */
  onProgress?: (index: number, progress: unknown) => void;
}

/** How long a worker told to end may take to exit before it is terminated. */
const END_GRACE_MS = 10_000;

/**
 * Runs `tasks` on up to `parallel` workers; resolves once every task has settled and every
 * worker has exited.
 * @returns each task's outcome, in the tasks' order
 */
export async function runInWorkers<T, R>(tasks: readonly T[], options: PoolOptions<R>): Promise<TaskOutcome<R>[]> {
  const outcomes: TaskOutcome<R>[] = new Array(tasks.length);
  let next = 0;
  let settled = 0;
  let live = 0;
  if (tasks.length === 0) return outcomes;
  return new Promise((resolve) => {
    const done = () => {
      if (settled === tasks.length && live === 0) resolve(outcomes);
    };
    const settle = (i: number, o: TaskOutcome<R>) => {
      if (outcomes[i]) return;
      outcomes[i] = o;
      settled++;
      options.onSettled?.(i, o);
      done();
    };
    const start = () => {
      const w = startWorker(options.module, options.workerData);
      live++;
      let current = -1;
      let lastError: Error | undefined;
      const feed = () => {
        if (next >= tasks.length) {
          current = -1;
          if (!options.endMessage) void w.terminate();
          else {
            w.postMessage({ end: true });
            setTimeout(() => void w.terminate(), END_GRACE_MS).unref();
          }
          return;
        }
        current = next++;
        w.postMessage({ id: current, task: tasks[current] });
      };
      w.on("message", (m: WorkerReply<R>) => {
        if (typeof m?.id !== "number") {
          const text = (m as { output?: unknown } | undefined)?.output;
          if (typeof text === "string") options.onOutput?.(text);
          return;
        }
        if (m.id !== current) return;
        if ("progress" in m) {
          options.onProgress?.(m.id, m.progress);
          return;
        }
        if (m.ok) settle(m.id, { ok: true, value: m.value });
        else {
          const e = new WorkerTaskError(m.message);
          e.name = m.name;
          settle(m.id, { ok: false, error: e });
        }
        feed();
      });
      w.on("error", (e) => {
        lastError = e;
      });
      w.on("exit", (code) => {
        live--;
        if (current < 0) {
          done();
          return;
        }
        const why = lastError ? lastError.message : `exit code ${code}`;
        settle(current, {
          ok: false,
          error: new WorkerTaskError(`worker thread died while running this task: ${why}`, { cause: lastError }),
        });
        current = -1;
        if (next < tasks.length) start();
        done();
      });
      feed();
    };
    const n = Math.max(1, Math.min(options.parallel, tasks.length));
    for (let i = 0; i < n; i++) start();
  });
}
