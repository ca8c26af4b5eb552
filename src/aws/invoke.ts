/**
 * Step 5 of the AWS page: send rows to the endpoint, as the page's `predictor.predict(row)` loop,
 * with bounded concurrency, progress reports for a notebook progress bar and per-row errors.
 */
import * as fs from "node:fs";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { progressEmitter } from "../display/progress-emitter";
import type { CaptureLabSession } from "../session/connect";
import { customAttributesProblem, inferenceIdProblem } from "./invoke-headers";

/** Progress of {@link invokeRows}. */
export interface InvokeProgress {
  /** Rows answered so far (sent + failed). */
  done: number;
  /** Rows to send. */
  total: number;
  /** Rows that failed so far. */
  failed: number;
  /** Milliseconds since the first request. */
  elapsedMs: number;
}

/** Options of {@link invokeRows}: exactly one of `rows` or `csvPath`. */
export interface InvokeOptions {
  /** Endpoint to call. */
  endpointName: string;
  /** Payloads, one request each, sent verbatim. */
  rows?: string[];
  /** A CSV file without header: each non-empty line is one request, sent verbatim (without its line break). */
  csvPath?: string;
  /** Send only the first `limit` rows (like the page's `head -120`). */
  limit?: number;
  /** Content-Type of each request (default `text/csv`). */
  contentType?: string;
  /** Accept header (not sent by default). */
  accept?: string;
  /** `InferenceId` per row index (0-based); default `String(index)`, which the reader's join expects. Return `undefined` to send none. */
  inferenceId?: (index: number) => string | undefined;
  /** `CustomAttributes` for every request, or per row index. */
  customAttributes?: string | ((index: number) => string | undefined);
  /** Variant to target (`TargetVariant`). */
  targetVariant?: string;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Minimum milliseconds between request starts, like the page's `time.sleep(0.5)` (default 0). */
  throttleMs?: number;
  /** Stop sending new rows after the first failure (default false: every row is tried). */
  stopOnError?: boolean;
  /** Called at most every ~100 ms while running, and once at the end. */
  onProgress?: (p: InvokeProgress) => void;
}

/** Outcome of {@link invokeRows}. */
export interface InvokeResult {
  /** Rows answered with 2xx. */
  sent: number;
  /** Rows that failed. */
  failed: number;
  /** Rows not sent because `stopOnError` stopped the run. */
  skipped: number;
  /** One entry per failed row: its index and the error (`Name: message`). */
  errors: Array<{ index: number; message: string }>;
  /** Response body per row index (`""` for failed or skipped rows). */
  predictions: string[];
  /** Wall time in milliseconds. */
  elapsedMs: number;
}

/**
 * Reads a headerless CSV as request rows: one per non-empty line, kept verbatim (only the line
 * break is removed; quoting and spacing are untouched).
 * @throws Error naming the file when it cannot be read.
 */
export function readCsvRows(csvPath: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(csvPath, "utf8");
  } catch (e) {
    throw new Error(`invokeRows: cannot read ${csvPath}: ${(e as Error).message}`, { cause: e });
  }
  return text.split(/\r?\n/).filter((line) => line.trim() !== "");
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Problems of the per-row headers, checked for every row before the first request (at most `max` listed). */
function headerProblems(
  ids: Array<string | undefined>,
  attrs: Array<string | undefined>,
  max = 5,
): { count: number; listed: string[] } {
  const listed: string[] = [];
  let count = 0;
  for (let i = 0; i < ids.length; i++) {
    for (const p of [
      ids[i] !== undefined ? inferenceIdProblem(ids[i]!) : undefined,
      attrs[i] !== undefined ? customAttributesProblem(attrs[i]!) : undefined,
    ]) {
      if (p === undefined) continue;
      count++;
      if (listed.length < max) listed.push(`row ${i}: ${p}`);
    }
  }
  return { count, listed };
}

/**
 * Invokes the endpoint once per row with `InvokeEndpoint`. Failures are collected per row and do
 * not stop the run unless `stopOnError` is set.
 * @throws Error only for bad options (no rows source, both sources, unreadable CSV).
 * @example
 * ```ts
 * const result = await invokeRows(session, {
 *   endpointName,
 *   csvPath: "data/churn/test.csv",
 *   limit: 200,
 *   inferenceId: (i) => String(i),
 *   onProgress: (p) => progress.update(p),
 * });
 * console.log(`${result.sent} sent, ${result.failed} failed`);
 * ```
 * `InferenceId` and `CustomAttributes` of every row are checked against the API's limits first.
 * @throws Error for bad options (no rows source, both sources, unreadable CSV) or a row whose
 *   InferenceId/CustomAttributes the API would reject (naming the rows); nothing is sent then.
 */
export async function invokeRows(session: CaptureLabSession, options: InvokeOptions): Promise<InvokeResult> {
  if ((options.rows === undefined) === (options.csvPath === undefined)) {
    throw new Error("invokeRows: pass exactly one of rows or csvPath");
  }
  let rows = options.rows ?? readCsvRows(options.csvPath!);
  if (options.limit !== undefined) rows = rows.slice(0, Math.max(0, options.limit));
  const total = rows.length;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const throttleMs = Math.max(0, options.throttleMs ?? 0);
  const inferenceId = options.inferenceId ?? ((i: number) => String(i));
  const attrs = options.customAttributes;
  const ids = rows.map((_, i) => inferenceId(i));
  const customs = rows.map((_, i) => (typeof attrs === "function" ? attrs(i) : attrs));
  const bad = headerProblems(ids, customs);
  if (bad.count > 0) {
    throw new Error(
      `invokeRows: ${bad.count} request header problem(s), nothing sent:\n  ${bad.listed.join("\n  ")}${bad.count > bad.listed.length ? "\n  ..." : ""}`,
    );
  }

  const predictions: string[] = new Array<string>(total).fill("");
  const errors: Array<{ index: number; message: string }> = [];
  let sent = 0;
  let next = 0;
  let stopped = false;
  let nextStart = 0;
  const t0 = Date.now();
  const progress = progressEmitter(options.onProgress, (elapsedMs) => ({
    done: sent + errors.length,
    total,
    failed: errors.length,
    elapsedMs,
  }));

  const worker = async (): Promise<void> => {
    while (!stopped && next < total) {
      const index = next++;
      if (throttleMs > 0) {
        // Reserve a start slot so starts are spaced by throttleMs across all workers.
        const now = Date.now();
        const at = Math.max(now, nextStart);
        nextStart = at + throttleMs;
        if (at > now) await sleep(at - now);
        if (stopped) return; // not sent: counted as skipped
      }
      const id = ids[index];
      const custom = customs[index];
      try {
        const out = await session.runtime.send(
          new InvokeEndpointCommand({
            EndpointName: options.endpointName,
            Body: Buffer.from(rows[index], "utf8"),
            ContentType: options.contentType ?? "text/csv",
            ...(options.accept !== undefined ? { Accept: options.accept } : {}),
            ...(id !== undefined ? { InferenceId: id } : {}),
            ...(custom !== undefined ? { CustomAttributes: custom } : {}),
            ...(options.targetVariant !== undefined ? { TargetVariant: options.targetVariant } : {}),
          }),
        );
        predictions[index] = out.Body ? Buffer.from(out.Body).toString("utf8") : "";
        sent++;
      } catch (e) {
        errors.push({ index, message: `${(e as Error).name}: ${(e as Error).message}` });
        if (options.stopOnError) stopped = true;
      }
      progress(false);
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, () => worker()));
  errors.sort((a, b) => a.index - b.index);
  progress(true);
  return {
    sent,
    failed: errors.length,
    skipped: total - sent - errors.length,
    errors,
    predictions,
    elapsedMs: Date.now() - t0,
  };
}
