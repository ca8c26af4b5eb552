/**
 * The worker-thread side of a split monitoring window (I/O): takes a run of consecutive
 * capture files, profiles them against the baseline's constraints (`profileRun`) and posts
 * back the partial profile (profile-partial.ts) and the reader's report; the main thread
 * merges them in file order (window-split.ts). Files read so far are posted as progress.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ReadReport } from "../../read/records";
import type { OutputColumnsPosition } from "../profile/capture-rows";
import type { ConstraintsFile } from "../files/constraints-file";
import type { WindowPartial } from "../profile/profile-partial";
import { profileRun } from "./window-split";

/** What every worker of a split window gets (structured-clone data only). */
export interface WindowWorkerData {
  constraints: ConstraintsFile;
  outputColumnsPosition?: OutputColumnsPosition;
  maxIssues?: number;
}

/** One run of consecutive files and the window (epoch ms). */
export interface WindowTask {
  files: string[];
  from?: number;
  to?: number;
}

/** A worker's result: its files' profile and what the reader saw (skipped lines not yet counted as issues). */
export interface WindowPart {
  partial: WindowPartial;
  read: ReadReport;
}

const data = workerData as WindowWorkerData;

// Not loaded as a worker (a bundler or test importing it): nothing to listen to.
parentPort?.on("message", (m: { id: number; task: WindowTask }) => {
  profileRun(data, m.task, (filesRead) => parentPort!.postMessage({ id: m.id, progress: filesRead })).then(
    (value) => parentPort!.postMessage({ id: m.id, ok: true, value }),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      parentPort!.postMessage({ id: m.id, ok: false, name: err.name, message: err.message });
    },
  );
});
