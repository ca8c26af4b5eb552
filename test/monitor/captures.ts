/** Writes small capture trees for the monitor tests (the capture layout, seeded data). */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildCaptureRecord, captureFileKey, serializeCaptureRecord } from "../../src/capture";

const enc = new TextEncoder();

/** One request: input CSV text and output text (or a raw record line via `line`). */
export interface Request {
  input: string;
  output?: string;
  time: Date;
  inputType?: string;
  outputType?: string;
  /** The input body as bytes (an image), instead of `input`'s text. */
  inputBytes?: Uint8Array;
}

/** What AWS stores a body as: JSON and CSV as text, anything else (images) as BASE64. */
const encodingOf = (type: string | undefined) =>
  type === undefined || type.includes("csv") ? "CSV" : type.includes("json") ? "JSON" : "BASE64";

/** Writes requests into one file per minute under `dir/{endpoint}/AllTraffic/yyyy/mm/dd/hh/`. */
export function writeCaptures(dir: string, requests: Request[], endpointName = "ep"): string[] {
  const byMinute = new Map<number, string[]>();
  let n = 0;
  for (const r of requests) {
    const minute = Math.floor(r.time.getTime() / 60_000) * 60_000;
    const record = buildCaptureRecord({
      input: {
        contentType: r.inputType ?? "text/csv",
        body: r.inputBytes ?? enc.encode(r.input),
        encoding: encodingOf(r.inputType),
      },
      output:
        r.output === undefined
          ? undefined
          : {
              contentType: r.outputType ?? "text/csv",
              body: enc.encode(r.output),
              encoding: encodingOf(r.outputType),
            },
      eventId: `00000000-0000-4000-8000-${String(n++).padStart(12, "0")}`,
      inferenceTime: r.time,
    } as Parameters<typeof buildCaptureRecord>[0]);
    const list = byMinute.get(minute) ?? [];
    list.push(serializeCaptureRecord(record));
    byMinute.set(minute, list);
  }
  const files: string[] = [];
  for (const [minute, lines] of byMinute) {
    const key = captureFileKey({
      prefix: "",
      endpointName,
      variantName: "AllTraffic",
      start: new Date(minute),
      uuid: `00000000-0000-4000-8000-${String(minute % 1e12).padStart(12, "0")}`,
    });
    const file = path.join(dir, ...key.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.join(""));
    files.push(file);
  }
  return files;
}
