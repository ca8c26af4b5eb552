/**
 * The worker-thread side of a split monitoring window (I/O): takes a run of consecutive
 * capture files, profiles them against the baseline's constraints (`profileRun`) and posts
 * back the partial profile (profile-partial.ts) and the reader's report; the main thread
 * merges them in file order (window-split.ts). Files read so far are posted as progress. With
 * a record preprocessor, the worker opens its own from the local copy the main thread checked
 * (one Python process per worker, preprocessor/worker-scripts.ts), posts the script's prints
 * back as `{ output }` notes, and closes it when the pool says `end`.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ReadReport } from "../../read/records";
import type { OutputColumnsPosition } from "../profile/capture-rows";
import type { ConstraintsFile } from "../files/constraints-file";
import type { WindowPartial } from "../profile/profile-partial";
import { profileRun } from "./window-split";
import { WorkerPreprocessor, type WorkerScript } from "../preprocessor/worker-scripts";
import { postOutput, serveTasks } from "./serve-tasks";

/** What every worker of a split window gets (structured-clone data only). */
export interface WindowWorkerData {
  constraints: ConstraintsFile;
  outputColumnsPosition?: OutputColumnsPosition;
  maxIssues?: number;
  /** The record preprocessor's local copy (already checked to load in the main thread). */
  recordPreprocessor?: WorkerScript;
  /** Per-record time limit of the record preprocessor, in seconds. */
  preprocessorTimeoutSeconds?: number;
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

// Not loaded as a worker (a bundler or test importing it): nothing to listen to.
if (parentPort) {
  const port = parentPort;
  const data = workerData as WindowWorkerData;
  const preprocessor = new WorkerPreprocessor(data.recordPreprocessor, {
    featureNames: data.constraints.features.map((f) => f.name),
    timeoutSeconds: data.preprocessorTimeoutSeconds,
    onOutput: postOutput,
  });
  serveTasks<WindowTask, WindowPart>(
    async (task, id) =>
      profileRun(data, task, (filesRead) => port.postMessage({ id, progress: filesRead }), await preprocessor.get()),
    () => preprocessor.close(),
  );
}
