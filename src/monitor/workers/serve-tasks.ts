/**
 * The worker-thread side of `runInWorkers`' protocol (I/O), shared by the hour, model-quality
 * hour and split-window workers: each `{ id, task }` is answered with `{ id, ok: true, value }`
 * or `{ id, ok: false, name, message }`, and `{ end: true }` lets the worker close what it holds
 * (a script process) before its port closes and the thread exits.
 */
import { parentPort } from "node:worker_threads";

/**
 * Serves the tasks the pool posts to this worker thread. Does nothing when the module is not
 * loaded as a worker (a bundler or a test importing it: nothing to listen to).
 * @param run the task's work; what it resolves to is posted back (structured-clone data)
 * @param close called on `{ end: true }`, before the port closes
 */
export function serveTasks<T, R>(
  run: (task: T, id: number) => Promise<R>,
  close: () => Promise<void> = async () => {},
): void {
  const port = parentPort;
  if (!port) return;
  port.on("message", (m: { id: number; task: T } | { end: true }) => {
    if ("end" in m) {
      void close().then(() => port.close());
      return;
    }
    run(m.task, m.id).then(
      (value) => port.postMessage({ id: m.id, ok: true, value }),
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        port.postMessage({ id: m.id, ok: false, name: err.name, message: err.message });
      },
    );
  });
}

/** Posts a script's prints to the main thread (the pool's `onOutput`). */
export function postOutput(text: string): void {
  parentPort?.postMessage({ output: text });
}
