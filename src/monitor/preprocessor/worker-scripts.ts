/**
 * Scripts for worker threads (I/O): the main thread locates each script once (an `s3://` one is
 * fetched here) and checks that the record preprocessor loads, so a broken script stops the run
 * before any record is read; each worker then opens its own preprocessor from the local copy
 * (one Python process per worker, or the JavaScript module loaded in that thread).
 */
import { openPreprocessorScript, type RecordPreprocessor, type RecordPreprocessorOptions } from "./record-preprocessor";
import { announceScript, localScript, type LocalScript, type ScriptLocation } from "./script-location";

/** A located script as plain data (it crosses to a worker thread): local path and label. */
export type WorkerScript = Pick<LocalScript, "path" | "label" | "fromS3">;

/** The scripts of a run, ready for its workers; `dispose` removes fetched copies once they are done. */
export interface WorkerScripts {
  recordPreprocessor?: WorkerScript;
  postAnalyticsProcessor?: WorkerScript;
  dispose(): void;
}

/**
 * Locates the scripts once and opens and closes the record preprocessor (printing its
 * "record preprocessor: ..." line once).
 * @throws PreprocessorError when a script is missing, cannot load or lacks its handler
 */
export async function scriptsForWorkers(
  recordPreprocessor: ScriptLocation | undefined,
  postAnalyticsProcessor: ScriptLocation | undefined,
  options: RecordPreprocessorOptions & { onOutput: (text: string) => void },
): Promise<WorkerScripts> {
  const located: LocalScript[] = [];
  const dispose = () => located.forEach((s) => s.dispose());
  const plain = (s: LocalScript): WorkerScript => ({ path: s.path, label: s.label, fromS3: s.fromS3 });
  try {
    const out: WorkerScripts = { dispose };
    if (recordPreprocessor) {
      const pre = await localScript(recordPreprocessor);
      located.push(pre);
      options.onOutput(announceScript("record preprocessor", pre));
      await (await openPreprocessorScript(asLocal(plain(pre)), options)).close();
      out.recordPreprocessor = plain(pre);
    }
    if (postAnalyticsProcessor) {
      const post = await localScript(postAnalyticsProcessor);
      located.push(post);
      out.postAnalyticsProcessor = plain(post);
    }
    return out;
  } catch (e) {
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
