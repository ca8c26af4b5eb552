/**
 * The candidate's answers as a capture set of their own, in the capture layout
 * (`{dir}/{endpoint}/{variant}/yyyy/MM/dd/HH/mm-ss-SSS-uuid.jsonl`), one file per captured
 * file, records in the captured order with their original `inferenceId` and `inferenceTime`,
 * so the hourly layouts line up and `loadCaptures` and the monitor read it like any other.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  buildCaptureRecord,
  captureFileKey,
  customAttributesOf,
  decodeCaptureData,
  mediaType,
  parseCaptureKey,
  parseInferenceTime,
  serializeCaptureRecord,
  type CaptureEncoding,
  type CaptureRecord,
} from "../capture";

/** One answered request to write. */
export interface CandidateCapture {
  record: CaptureRecord;
  source: string;
  body: Uint8Array;
  contentType?: string;
}

function knownEncoding(e: string | undefined): CaptureEncoding | undefined {
  return e === "CSV" || e === "JSON" || e === "BASE64" ? e : undefined;
}

/** The encoding of the candidate's answer: the captured output's when the media types match, else by media type. */
function outputEncoding(record: CaptureRecord, contentType: string | undefined): CaptureEncoding {
  const captured = record.captureData.endpointOutput;
  if (contentType === undefined) return "BASE64";
  const type = mediaType(contentType);
  if (captured?.observedContentType && mediaType(captured.observedContentType) === type) {
    const e = knownEncoding(captured.encoding);
    if (e) return e;
  }
  return type.includes("json") ? "JSON" : type.includes("csv") ? "CSV" : "BASE64";
}

/** The capture record of a candidate's answer: the captured input, the new output, a new eventId, the original inferenceId and time. */
export function candidateCaptureRecord(c: CandidateCapture): CaptureRecord {
  const meta = c.record.eventMetadata;
  const input = c.record.captureData.endpointInput;
  const custom = customAttributesOf(c.record);
  return buildCaptureRecord({
    ...(input
      ? {
          input: {
            contentType: input.observedContentType,
            body: decodeCaptureData(input).bytes,
            encoding: knownEncoding(input.encoding) ?? "BASE64",
          },
        }
      : {}),
    output: { contentType: c.contentType ?? null, body: c.body, encoding: outputEncoding(c.record, c.contentType) },
    eventId: randomUUID(),
    ...(meta.inferenceId !== undefined ? { inferenceId: meta.inferenceId } : {}),
    inferenceTime: parseInferenceTime(meta.inferenceTime),
    ...(custom !== undefined && custom.length > 0 ? { customAttributes: custom[0] } : {}),
  });
}

/**
 * Writes the answers under `dir`, grouped by the captured file they came from (in the given
 * order); a file is named after its captured file's start time (or its first record's time).
 * @returns the files written.
 */
export function writeCandidateCaptures(
  dir: string,
  endpointName: string,
  variantName: string,
  answers: readonly CandidateCapture[],
): string[] {
  const bySource = new Map<string, CandidateCapture[]>();
  for (const a of answers) {
    const list = bySource.get(a.source);
    if (list) list.push(a);
    else bySource.set(a.source, [a]);
  }
  const written: string[] = [];
  for (const [source, list] of bySource) {
    const parsed = parseCaptureKey(source.split(path.sep).join("/"));
    const start = parsed?.start ?? parseInferenceTime(list[0]!.record.eventMetadata.inferenceTime);
    const key = captureFileKey({ prefix: "", endpointName, variantName, start, uuid: randomUUID() });
    const file = path.join(dir, ...key.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, list.map((a) => serializeCaptureRecord(candidateCaptureRecord(a))).join(""));
    written.push(file);
  }
  return written;
}
