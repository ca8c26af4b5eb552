/**
 * The ground-truth format Model Monitor merges with captures (pure): one JSON line per label,
 * `{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"..."},"eventVersion":"0"}`,
 * under `{ground_truth_uri}/yyyy/mm/dd/hh/` by the hour the label was collected.
 */
import { GroundTruthError } from "./errors";

/** How `groundTruthData.data` is stored, as in capture records. */
export type GroundTruthEncoding = "CSV" | "JSON" | "BASE64";

/** One ground-truth line, in AWS's key order. */
export interface GroundTruthRecord {
  groundTruthData: { data: string; encoding: GroundTruthEncoding | string };
  /** `eventId` is the capture's `inferenceId` when it had one, else the capture's `eventId`. */
  eventMetadata: { eventId: string };
  eventVersion: string;
}

/**
 * One label as a JSON line (with its `\n`).
 * @example
 * groundTruthLine("42", 1) // '{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"42"},"eventVersion":"0"}\n'
 */
export function groundTruthLine(
  eventId: string,
  label: string | number,
  encoding: GroundTruthEncoding = "CSV",
): string {
  const text = typeof label === "number" ? String(label) : label;
  const data = encoding === "BASE64" ? Buffer.from(text, "utf8").toString("base64") : text;
  const record: GroundTruthRecord = {
    groundTruthData: { data, encoding },
    eventMetadata: { eventId },
    eventVersion: "0",
  };
  return `${JSON.stringify(record)}\n`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `yyyy/mm/dd/hh` of a time (UTC): the folder of labels collected then. */
export function groundTruthHour(time: Date): string {
  return `${time.getUTCFullYear()}/${pad(time.getUTCMonth() + 1)}/${pad(time.getUTCDate())}/${pad(time.getUTCHours())}`;
}

/** The `yyyy/mm/dd/hh` folder a key or path sits in (the last such run of segments), or `undefined`. */
export function hourOfKey(key: string): string | undefined {
  const m = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/[^/]*$/.exec(key.replace(/\\/g, "/"));
  return m ? `${m[1]}/${m[2]}/${m[3]}/${m[4]}` : undefined;
}

/** The label text of a record: CSV and JSON scalars as written, BASE64 decoded. */
function labelText(record: GroundTruthRecord, source: string, line: number): string {
  const { data, encoding } = record.groundTruthData;
  const field = "groundTruthData.data";
  // The usual label: a short CSV text without spaces around it.
  if (encoding === "CSV" && data.length > 0 && data.trim() === data) return data;
  let text: string;
  if (encoding === "CSV") text = data;
  else if (encoding === "BASE64") text = Buffer.from(data, "base64").toString("utf8");
  else if (encoding === "JSON") {
    let v: unknown;
    try {
      v = JSON.parse(data);
    } catch {
      throw new GroundTruthError(`expected a JSON number or string, got ${JSON.stringify(data.slice(0, 40))}`, {
        source,
        line,
        field,
      });
    }
    if (typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean")
      throw new GroundTruthError(`expected a JSON number or string, got ${Array.isArray(v) ? "an array" : typeof v}`, {
        source,
        line,
        field,
      });
    text = String(v);
  } else
    throw new GroundTruthError(`unknown encoding ${JSON.stringify(encoding)}; expected CSV, JSON or BASE64`, {
      source,
      line,
      field: "groundTruthData.encoding",
    });
  text = text.trim();
  if (text === "") throw new GroundTruthError("empty label", { source, line, field });
  return text;
}

/** One label read from a line: the id it merges on and its text. */
export interface ParsedLabel {
  eventId: string;
  label: string;
}

function objectAt(v: unknown, source: string, line: number, field: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new GroundTruthError("expected an object", { source, line, field: field || undefined });
  return v as Record<string, unknown>;
}

/**
 * Reads one ground-truth line.
 * @throws GroundTruthError naming `source:line` and the field that is wrong.
 */
export function parseGroundTruthLine(text: string, source: string, line: number): ParsedLabel {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new GroundTruthError(`expected a JSON object (${(e as Error).message})`, { source, line });
  }
  const root = objectAt(doc, source, line, "");
  const gt = objectAt(root.groundTruthData, source, line, "groundTruthData");
  const meta = objectAt(root.eventMetadata, source, line, "eventMetadata");
  if (typeof gt.data !== "string")
    throw new GroundTruthError("expected a string", { source, line, field: "groundTruthData.data" });
  if (typeof gt.encoding !== "string")
    throw new GroundTruthError("expected a string (CSV, JSON or BASE64)", {
      source,
      line,
      field: "groundTruthData.encoding",
    });
  if (typeof meta.eventId !== "string" || meta.eventId === "")
    throw new GroundTruthError("expected the capture's inferenceId or eventId (a non-empty string)", {
      source,
      line,
      field: "eventMetadata.eventId",
    });
  return { eventId: meta.eventId, label: labelText(root as unknown as GroundTruthRecord, source, line) };
}
