/** `writeGroundTruth`: labels as AWS lays them out, in a local folder or under an S3 prefix (I/O). */
import { randomBytes } from "node:crypto";
import { writeOutputFiles, type OutputLocation } from "../files/output-location";
import { groundTruthHour, groundTruthLine, type GroundTruthEncoding } from "./ground-truth-record";
import { ModelQualityError } from "./errors";

/** One label: the id of the capture it belongs to (its `inferenceId`, else `eventId`) and the value. */
export interface GroundTruthLabel {
  eventId: string;
  label: string | number;
}

/** Options of {@link writeGroundTruth}. */
export interface WriteGroundTruthOptions {
  /** When the labels were collected: picks the `yyyy/mm/dd/hh` folder (default now). */
  collectedAt?: Date;
  /** File name inside the hour folder (default `mm-ss-SSS-<8 hex>.jsonl`, unique per call). */
  fileName?: string;
  /** `CSV` (default, AWS's examples), `JSON` or `BASE64`. */
  encoding?: GroundTruthEncoding;
}

/** What {@link writeGroundTruth} wrote. */
export interface WriteGroundTruthResult {
  /** Path or `s3://` URI of the file. */
  written: string;
  /** Labels written. */
  count: number;
}

/**
 * Writes labels as one JSON Lines file under `{location}/yyyy/mm/dd/hh/` (the collection hour),
 * the layout Model Monitor's ground-truth merge reads.
 * @example
 * await writeGroundTruth({ s3, uri: "s3://bucket/ground-truth" }, [
 *   { eventId: "0", label: 1 },
 *   { eventId: "1", label: 0 },
 * ], { collectedAt: new Date("2024-01-19T21:05:00Z") });
 * // s3://bucket/ground-truth/2024/01/19/21/05-00-000-1a2b3c4d.jsonl
 * @throws ModelQualityError for an empty id or label (nothing is written then).
 */
export async function writeGroundTruth(
  location: OutputLocation,
  labels: Iterable<GroundTruthLabel>,
  options: WriteGroundTruthOptions = {},
): Promise<WriteGroundTruthResult> {
  const at = options.collectedAt ?? new Date();
  if (Number.isNaN(at.getTime())) throw new ModelQualityError("collectedAt: expected a valid date");
  const lines: string[] = [];
  let i = 0;
  for (const { eventId, label } of labels) {
    if (typeof eventId !== "string" || eventId === "")
      throw new ModelQualityError(`labels[${i}].eventId: expected a non-empty string`, { field: "eventId" });
    if (label === "" || label === null || label === undefined || (typeof label === "number" && !Number.isFinite(label)))
      throw new ModelQualityError(`labels[${i}].label: expected a value, got ${String(label)}`, { field: "label" });
    lines.push(groundTruthLine(eventId, label, options.encoding));
    i++;
  }
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const name =
    options.fileName ??
    `${p(at.getUTCMinutes())}-${p(at.getUTCSeconds())}-${p(at.getUTCMilliseconds(), 3)}-${randomBytes(4).toString("hex")}.jsonl`;
  const [written] = await writeOutputFiles(location, { [name]: lines.join("") }, groundTruthHour(at));
  return { written: written!, count: lines.length };
}
