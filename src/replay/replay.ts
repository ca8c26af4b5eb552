/**
 * `replayCaptures`: every captured request sent again, as it was captured, to a candidate (an
 * existing endpoint, or a model deployed for the replay and torn down after), with bounded
 * concurrency, a rate limit for live endpoints and progress; the comparison, its summary, and
 * the candidate's answers as a capture set of their own.
 */
import * as path from "node:path";
import { progressEmitter } from "../display/progress-emitter";
import { newReadReport, readCaptureRecords, type ReadReport, type SourcedRecord } from "../read/records";
import type { CaptureSource } from "../read/file-info";
import type { CaptureLabSession } from "../session/connect";
import { isEndpointCandidate, prepareCandidate, type ReplayCandidate } from "./candidate";
import { writeCandidateCaptures, type CandidateCapture } from "./capture-set";
import { comparisonRow, type ReplayComparisonRow, type ReplayedRequest } from "./comparison";
import { ReplayError, ReplayOptionsError } from "./errors";
import { writeReplayFiles } from "./output-files";
import { RateLimiter } from "./rate-limiter";
import { capturedRequest, sendCapturedRequest } from "./send-request";
import { summarizeReplay, type ReplaySummary } from "./summary";

/** Requests per second sent to an existing (live) endpoint unless `rate` says otherwise. */
export const DEFAULT_LIVE_RATE = 10;
/** Requests in flight at once (default). */
export const DEFAULT_REPLAY_CONCURRENCY = 4;

/** Progress of a replay. */
export interface ReplayProgress {
  /** Requests answered or failed so far. */
  done: number;
  /** Requests to send. */
  total: number;
  /** Requests that failed so far. */
  failed: number;
  /** Milliseconds since the first request. */
  elapsedMs: number;
}

/** Options of {@link replayCaptures}. */
export interface ReplayOptions {
  /** The captured traffic: a file, a folder in the capture layout, an S3 prefix (`{ s3, uri }`), or several. */
  captures: CaptureSource;
  /** Only records captured at or after / before these times. */
  from?: Date;
  to?: Date;
  /** Replay at most this many records (the first ones, in capture order). */
  limit?: number;
  /** Where to send: `{ endpointName }`, or `{ model }` to deploy a model for the replay. */
  candidate: ReplayCandidate;
  /**
   * Folder for `comparison.jsonl`, `summary.json` and the candidate's answers under
   * `captures/` (and `report.html` with `report: true`). Nothing is written without it.
   */
  output?: string;
  /** Also write the HTML report: `true` for `{output}/report.html`, or a file path. */
  report?: boolean | string;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /**
   * Requests per second at most. Default: {@link DEFAULT_LIVE_RATE} for an existing endpoint
   * (live traffic may share it), no limit for a model deployed for the replay. 0 = no limit.
   */
  rate?: number;
  /** Probability threshold for agreement (default 0.5). */
  threshold?: number;
  /** Required to send captured data to an AWS endpoint: the caller has said yes. */
  allowAws?: boolean;
  /** Called at most every ~100 ms while sending, and once at the end. */
  onProgress?: (p: ReplayProgress) => void;
  /** Called with what happens around the requests (deploying, tearing down). */
  onStatus?: (message: string) => void;
  /** Aborting stops sending; the candidate is torn down and {@link ReplayError} thrown. */
  signal?: AbortSignal;
}

/** What {@link replayCaptures} returns. */
export interface ReplayResult {
  /** One row per replayed request, in capture order. */
  rows: ReplayComparisonRow[];
  summary: ReplaySummary;
  /** The candidate endpoint, whether it was deployed for the replay and then torn down. */
  candidate: { endpointName: string; deployed: boolean; tornDown: boolean };
  /** What the reader saw: bad capture lines skipped (each with file and line), files read. */
  read: ReadReport;
  /** Files written. */
  written: string[];
  /** The candidate's capture set (`{output}/captures`), when `output` was given. */
  capturesDir?: string;
}

function checkOptions(session: CaptureLabSession, o: ReplayOptions): void {
  const c = o.candidate as unknown as Record<string, unknown> | undefined;
  if (!c || (typeof c.endpointName === "string") === (typeof c.model === "string"))
    throw new ReplayOptionsError("pass a candidate: { endpointName } or { model }", { field: "candidate" });
  if (o.concurrency !== undefined && !(Number.isInteger(o.concurrency) && o.concurrency >= 1))
    throw new ReplayOptionsError(`concurrency must be an integer >= 1, got ${o.concurrency}`, { field: "concurrency" });
  if (o.rate !== undefined && !(o.rate >= 0 && Number.isFinite(o.rate)))
    throw new ReplayOptionsError(`rate must be >= 0 requests per second, got ${o.rate}`, { field: "rate" });
  if (o.limit !== undefined && !(Number.isInteger(o.limit) && o.limit >= 0))
    throw new ReplayOptionsError(`limit must be an integer >= 0, got ${o.limit}`, { field: "limit" });
  if (session.target.kind === "aws" && !o.allowAws)
    throw new ReplayOptionsError(
      `this sends captured data to an endpoint on AWS (${session.region}); pass allowAws: true (the CLI's --yes) to agree`,
      { field: "allowAws" },
    );
  if (o.report !== undefined && o.report !== false && typeof o.report !== "string" && o.output === undefined)
    throw new ReplayOptionsError("report: true needs output (or give the report a file path)", { field: "report" });
}

async function readRecords(o: ReplayOptions, report: ReadReport): Promise<SourcedRecord[]> {
  const records: SourcedRecord[] = [];
  try {
    for await (const r of readCaptureRecords(o.captures, {
      onError: "skip",
      report,
      ...(o.from ? { from: o.from } : {}),
      ...(o.to ? { to: o.to } : {}),
      ...(o.limit !== undefined ? { maxRecords: o.limit } : {}),
    }))
      records.push(r);
  } catch (e) {
    throw new ReplayError(`cannot read the captures: ${(e as Error).message}`, { cause: e });
  }
  return records;
}

/**
 * Replays captured requests against a candidate and compares the answers.
 *
 * Each record's request is sent as captured (decoded payload, content type, `inferenceId`,
 * custom attributes). A request that fails is kept as a row with its error and the record it
 * came from; the others go on. A model candidate is torn down at the end, also after an error
 * or an abort.
 * @example
 * ```ts
 * const result = await replayCaptures(session, {
 *   captures: await captureSourceFor(session, endpointName),
 *   candidate: { model: "../data/churn/xgboost-model-candidate.json" },
 *   output: "replay/",
 * });
 * console.log(`${(result.summary.agreementRate! * 100).toFixed(1)} % agree`);
 * ```
 * @throws ReplayOptionsError for bad options (nothing sent); ReplayError when the captures
 *   cannot be read, the candidate cannot be deployed, or the signal aborted the replay.
 */
export async function replayCaptures(session: CaptureLabSession, options: ReplayOptions): Promise<ReplayResult> {
  checkOptions(session, options);
  const read = newReadReport();
  const records = await readRecords(options, read);
  const live = isEndpointCandidate(options.candidate);
  const rate = options.rate ?? (live ? DEFAULT_LIVE_RATE : 0);
  const limiter = rate > 0 ? new RateLimiter(rate) : undefined;
  const concurrency = options.concurrency ?? DEFAULT_REPLAY_CONCURRENCY;
  const signal = options.signal;

  if (signal?.aborted) throw new ReplayError("aborted before the first request");
  const prepared = await prepareCandidate(session, options.candidate, options.onStatus);
  const results: ReplayedRequest[] = new Array(records.length);
  let tornDown = false;
  try {
    let next = 0;
    let done = 0;
    let failed = 0;
    const progress = progressEmitter(options.onProgress, (elapsedMs) => ({
      done,
      total: records.length,
      failed,
      elapsedMs,
    }));
    const worker = async (): Promise<void> => {
      while (!signal?.aborted && next < records.length) {
        const index = next++;
        const { record, source, line } = records[index]!;
        let result: ReplayedRequest;
        try {
          const request = capturedRequest(record);
          if (limiter) await limiter.take(signal);
          if (signal?.aborted) return;
          const answer = await sendCapturedRequest(
            session.runtime,
            prepared.endpointName,
            request,
            prepared.targetVariant,
          );
          result = { record, source, line, ...answer };
        } catch (e) {
          failed++;
          result = { record, source, line, error: `${(e as Error).name}: ${(e as Error).message}` };
        }
        results[index] = result;
        done++;
        progress(false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, records.length) }, () => worker()));
    progress(true);
    if (signal?.aborted) throw new ReplayError(`interrupted after ${done} of ${records.length} requests`);
  } finally {
    if (prepared.deployed) {
      await prepared.release();
      tornDown = true;
    }
  }

  const rows = results.map((r) => comparisonRow(r, { threshold: options.threshold }));
  const summary = summarizeReplay(rows, { threshold: options.threshold });
  const result: ReplayResult = {
    rows,
    summary,
    candidate: { endpointName: prepared.endpointName, deployed: prepared.deployed, tornDown },
    read,
    written: [],
  };
  if (options.output !== undefined) {
    const capturesDir = path.join(options.output, "captures");
    const answered: CandidateCapture[] = results
      .filter((r) => r.body !== undefined && r.error === undefined)
      .map((r) => ({ record: r.record, source: r.source, body: r.body!, contentType: r.contentType }));
    const variant = prepared.targetVariant ?? "AllTraffic";
    result.written.push(...writeCandidateCaptures(capturesDir, prepared.endpointName, variant, answered));
    result.capturesDir = capturesDir;
    result.written.push(...writeReplayFiles(options.output, result, options.report));
  } else if (typeof options.report === "string") {
    result.written.push(...writeReplayFiles(undefined, result, options.report));
  }
  return result;
}
