/** A worker for the worker-pool tests: doubles a number, throws on "throw", dies on "die". */
import { parentPort } from "node:worker_threads";

parentPort?.on("message", (m: { id: number; task: number | "throw" | "die" }) => {
  if (m.task === "die") process.exit(7); // in a worker thread this ends the thread only
  if (m.task === "throw") parentPort!.postMessage({ id: m.id, ok: false, name: "RangeError", message: "bad task" });
  else parentPort!.postMessage({ id: m.id, ok: true, value: m.task * 2 });
});
