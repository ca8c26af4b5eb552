/**
 * `readCaptureScores`: the model's scores of a window's captures, labels or not, for CBPE's
 * estimate before the labels come (I/O around the capture reader).
 */
import type { CaptureReadIssue } from "../../read/errors";
import type { CaptureSource } from "../../read/file-info";
// Not in the read index: the batched form of readCaptureRecords.
import { captureRecordBatches } from "../../read/records";
import { decodeSide } from "../../read/side-decode";
import { parseAttribute, selectOutputValue } from "./attributes";

/** Options of {@link readCaptureScores}. */
export interface CaptureScoresOptions {
  /** Captures' window on `inferenceTime`: start (inclusive) and end (exclusive). */
  from?: Date;
  to?: Date;
  /** Where the score is in the output (CSV index or JSONPath; default `0`). */
  probabilityAttribute?: string;
  /** Keep only captures whose id (inferenceId, else eventId) passes. */
  filter?: (id: string) => boolean;
}

/** Scores read, with the ids they came from and the captures that gave none. */
export interface CaptureScores {
  scores: number[];
  ids: string[];
  /** Each score's `inferenceTime`. */
  times: Date[];
  /** Captures without a numeric score at the attribute (with file:line, the first ten). */
  refused: number;
  examples: Array<{ source: string; line: number; problem: string }>;
}

/**
 * Reads the scores of a window's captures.
 * @example
 * const { scores } = await readCaptureScores(source, { from, to, probabilityAttribute: "0" });
 * const estimate = estimatePerformance(fitCbpe(validation), scores);
 */
export async function readCaptureScores(
  source: CaptureSource,
  options: CaptureScoresOptions = {},
): Promise<CaptureScores> {
  const attribute = parseAttribute(options.probabilityAttribute ?? "0", "probabilityAttribute");
  const out: CaptureScores = { scores: [], ids: [], times: [], refused: 0, examples: [] };
  const warnings: CaptureReadIssue[] = [];
  const refuse = (source: string, line: number, problem: string) => {
    out.refused++;
    if (out.examples.length < 10) out.examples.push({ source, line, problem });
  };
  for await (const batch of captureRecordBatches(source, { from: options.from, to: options.to, onError: "skip" })) {
    for (const r of batch) {
      const id = r.record.eventMetadata.inferenceId ?? r.record.eventMetadata.eventId;
      if (options.filter && !options.filter(id)) continue;
      const side = r.record.captureData.endpointOutput;
      if (!side) {
        refuse(r.source, r.line, "no endpointOutput");
        continue;
      }
      let decoded;
      try {
        decoded = decodeSide(side, "output", r, warnings);
      } catch (e) {
        refuse(r.source, r.line, (e as Error).message);
        continue;
      }
      if (decoded.kind === "binary" || decoded.kind === "raw") {
        refuse(r.source, r.line, `${decoded.kind} output; CSV or JSON expected`);
        continue;
      }
      const v = selectOutputValue(decoded.text, decoded.kind, attribute);
      const score = typeof v === "string" ? Number(v) : NaN;
      if (typeof v !== "string" || v === "" || !Number.isFinite(score)) {
        refuse(r.source, r.line, typeof v === "string" ? `"${v}" is not a number` : v.problem);
        continue;
      }
      out.scores.push(score);
      out.ids.push(id);
      out.times.push(r.time);
    }
  }
  return out;
}
