/**
 * Scripts for worker threads (I/O): the main thread locates each script once (an `s3://` one is
 * fetched here) and checks that the record preprocessor loads, so a broken script stops the run
 * before any record is read; each worker then opens its own preprocessor from the local copy
 * (one Python process per worker, or the JavaScript module loaded in that thread). Used by
 * hourly backfills (hour-worker.ts) and split windows (window-worker.ts).
 */
import { openPreprocessorScript, type RecordPreprocessor, type RecordPreprocessorOptions } from "./record-preprocessor";
import { announceScript, localScript, type LocalScript, type ScriptLocation } from "./script-location";

/** A located script as plain data (it crosses to a worker thread): local path and label. */
export type WorkerScript = Pick<LocalScript, "path" | "label" | "fromS3">;

/** The scripts of a run, ready for its workers; `dispose` removes fetched copies once they are done. */
export interface WorkerScripts {
  recordPreprocessor?: WorkerScript;
  postAnalyticsProcessor?: WorkerScript;
  /** With `keepOpen`: the checked record preprocessor, left open for this thread (the caller closes it before `dispose`). */
  opened?: RecordPreprocessor;
  dispose(): void;
}

/**
 * Locates the scripts once and opens and closes the record preprocessor (printing its
 * "record preprocessor: ..." line once). With `keepOpen` the preprocessor opened for the check
 * stays open as `opened`, for this thread's own share of the records (a split window: this
 * thread profiles a part too, so its check process is not started twice).
 * @throws PreprocessorError when a script is missing, cannot load or lacks its handler
 */
export async function scriptsForWorkers(
  recordPreprocessor: ScriptLocation | undefined,
  postAnalyticsProcessor: ScriptLocation | undefined,
  options: RecordPreprocessorOptions & { onOutput: (text: string) => void; keepOpen?: boolean },
): Promise<WorkerScripts> {
  const located: LocalScript[] = [];
  const dispose = () => located.forEach((s) => s.dispose());
  const plain = (s: LocalScript): WorkerScript => ({ path: s.path, label: s.label, fromS3: s.fromS3 });
  const out: WorkerScripts = { dispose };
  try {
    if (recordPreprocessor) {
      const pre = await localScript(recordPreprocessor);
      located.push(pre);
      options.onOutput(announceScript("record preprocessor", pre));
      const opened = await openPreprocessorScript(asLocal(plain(pre)), options);
      if (options.keepOpen) out.opened = opened;
      else await opened.close();
      out.recordPreprocessor = plain(pre);
    }
    if (postAnalyticsProcessor) {
      const post = await localScript(postAnalyticsProcessor);
      located.push(post);
      out.postAnalyticsProcessor = plain(post);
    }
    return out;
  } catch (e) {
    await out.opened?.close().catch(() => {});
    dispose();
    throw e;
  }
}

/** A worker's script as a {@link LocalScript} that the worker does not remove. */
export function asLocal(script: WorkerScript): LocalScript {
  return { ...script, dispose: () => {} };
}

/** A worker's record preprocessor: opened at its first use, closed by `close`. */
export class WorkerPreprocessor {
  private opened?: Promise<RecordPreprocessor>;

  constructor(
    private readonly script: WorkerScript | undefined,
    private readonly options: RecordPreprocessorOptions,
  ) {}

  /** The preprocessor (undefined without a script). */
  get(): Promise<RecordPreprocessor> | undefined {
    if (!this.script) return undefined;
    this.opened ??= openPreprocessorScript(asLocal(this.script), this.options);
    return this.opened;
  }

  /** Ends its Python process; one that failed to open has already said why in its hour. */
  async close(): Promise<void> {
    try {
      await (await this.opened)?.close();
    } catch {
      // see above
    }
  }
}
