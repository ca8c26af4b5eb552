/**
 * One comparison row per replayed request: where it came from, both answers as text and
 * decoded, and how they differ (`comparison.jsonl`, the comparison DataFrame). Pure.
 */
import { decodeCaptureData, type CaptureRecord } from "../capture";
import { utf8OrUndefined } from "../capture/encoding";
import { compareOutputs, type CompareOptions } from "./compare-outputs";
import { inputInstanceCount, outputInstances, type OutputValue } from "./output-values";

/** What one replayed request gave: the captured record and the candidate's answer or error. */
export interface ReplayedRequest {
  /** The captured record. */
  record: CaptureRecord;
  /** Capture file (path or `s3://` URI) and 1-based line of the record. */
  source: string;
  line: number;
  /** The candidate's answer body, when it answered. */
  body?: Uint8Array;
  /** Content type of the candidate's answer. */
  contentType?: string;
  /** Milliseconds from sending to the whole answer. */
  latencyMs?: number;
  /** Why the request failed (`Name: message`), when it did. */
  error?: string;
}

/** One row of the comparison. Numbers that do not exist are `null` (JSON has no NaN). */
export interface ReplayComparisonRow {
  /** The captured `inferenceId` (null when the request had none). */
  inferenceId: string | null;
  /** The captured `eventId`. */
  eventId: string;
  /** The captured `inferenceTime` (`YYYY-MM-DDTHH:MM:SSZ`). */
  inferenceTime: string;
  /** Capture file and line of the record. */
  source: string;
  line: number;
  /** The captured answer as text (null when there was none, or binary). */
  capturedOutput: string | null;
  /** The candidate's answer as text (null on error, or binary). */
  candidateOutput: string | null;
  /** Decoded answers: per instance, its values. */
  captured: OutputValue[][];
  candidate: OutputValue[][];
  /** The two answers are the same bytes. */
  identical: boolean;
  /** The decisions agree (labels equal; probabilities on the same side of the threshold). */
  agree: boolean;
  /** Largest |candidate - captured| over the numeric values, its signed value and relative size. */
  absDiff: number | null;
  diff: number | null;
  relDiff: number | null;
  /** The first disagreement, in words. */
  disagreement?: string;
  /** The candidate's latency in milliseconds. */
  latencyMs?: number;
  /** The request's error, when the candidate did not answer. */
  error?: string;
}

const finite = (x: number): number | null => (Number.isNaN(x) ? null : x);

function decodeOutput(text: string | undefined, contentType: string | null | undefined, inputs: number) {
  if (text === undefined) return { values: [] as OutputValue[][] };
  try {
    return { values: outputInstances(text, contentType, inputs) };
  } catch (e) {
    return { values: [[text]] as OutputValue[][], problem: (e as Error).message };
  }
}

/** The comparison row of one replayed request. */
export function comparisonRow(r: ReplayedRequest, options: CompareOptions = {}): ReplayComparisonRow {
  const meta = r.record.eventMetadata;
  const input = r.record.captureData.endpointInput;
  const output = r.record.captureData.endpointOutput;
  const inputs = input ? inputInstanceCount(decodeCaptureData(input).text, input.observedContentType) : 1;
  const capturedDecoded = output ? decodeCaptureData(output) : undefined;
  const capturedText = capturedDecoded?.text;
  const candidateText = r.body !== undefined ? utf8OrUndefined(r.body) : undefined;
  const base = {
    inferenceId: meta.inferenceId ?? null,
    eventId: meta.eventId,
    inferenceTime: meta.inferenceTime,
    source: r.source,
    line: r.line,
    capturedOutput: capturedText ?? null,
    candidateOutput: candidateText ?? null,
    ...(r.latencyMs !== undefined ? { latencyMs: r.latencyMs } : {}),
  };
  const captured = decodeOutput(capturedText, output?.observedContentType, inputs).values;
  if (r.error !== undefined || r.body === undefined) {
    return {
      ...base,
      captured,
      candidate: [],
      identical: false,
      agree: false,
      absDiff: null,
      diff: null,
      relDiff: null,
      error: r.error ?? "no answer",
    };
  }
  const candidate = decodeOutput(candidateText, r.contentType, inputs).values;
  const identical = capturedDecoded !== undefined && Buffer.from(capturedDecoded.bytes).equals(Buffer.from(r.body));
  const c = compareOutputs(captured, candidate, options);
  return {
    ...base,
    captured,
    candidate,
    identical,
    agree: identical || c.agree,
    absDiff: finite(c.absDiff),
    diff: finite(c.diff),
    relDiff: finite(c.relDiff),
    ...(!identical && c.disagreement !== undefined ? { disagreement: c.disagreement } : {}),
  };
}
