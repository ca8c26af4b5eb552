/**
 * S3 key layout of real-time capture files (docs/capture-format.md §2-3), all in UTC:
 * `{prefix}/{endpoint}/{variant}/yyyy/MM/dd/HH/{mm}-{ss}-{SSS}-{uuid}.jsonl`.
 */
import { joinS3Key } from "./s3uri";

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** Lower-case UUID v4 as AWS uses in file names (version nibble 4, variant 8/9/a/b). */
const CAPTURE_UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
const UUID_RE = new RegExp(`^${CAPTURE_UUID_PATTERN}$`);

/** The parts of a capture file key. */
export interface CaptureKeyParts {
  /** Key prefix from the destination URI (no bucket, no trailing `/`; may be empty). */
  prefix: string;
  /** Endpoint name, original case. */
  endpointName: string;
  /** Variant name (a shadow variant has its own folder). */
  variantName: string;
  /** Time of the file's first record, millisecond precision. */
  start: Date;
  /** Lower-case UUID v4. */
  uuid: string;
}

function checkDate(d: Date, what: string): void {
  if (!Number.isFinite(d.getTime())) throw new RangeError(`${what}: invalid Date`);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`${what}: year ${y} is outside 0000-9999`);
}

function checkSegment(value: string, what: string): void {
  if (value === "" || value.includes("/"))
    throw new Error(`${what} must be non-empty and contain no '/', got ${JSON.stringify(value)}`);
}

/** `yyyy/MM/dd/HH` of a UTC time. */
function hourPath(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCHours())}`;
}

/**
 * File name of a capture file: `{mm}-{ss}-{SSS}-{uuid}.jsonl` (UTC minute, second, millisecond).
 * @throws Error when `uuid` is not a lower-case UUID v4 (the file could not be parsed back).
 */
export function captureFileName(start: Date, uuid: string): string {
  checkDate(start, "captureFileName start");
  if (!UUID_RE.test(uuid))
    throw new Error(`capture file uuid must be a lower-case UUID v4, got ${JSON.stringify(uuid)}`);
  return `${pad(start.getUTCMinutes())}-${pad(start.getUTCSeconds())}-${pad(start.getUTCMilliseconds(), 3)}-${uuid}.jsonl`;
}

/**
 * Full key of a capture file. Trailing `/` of the prefix is dropped and an empty prefix gives
 * a key starting at the endpoint name: the result never holds `//` or starts with `/`.
 * @throws Error for an empty name, a name with `/`, an invalid date or uuid.
 */
export function captureFileKey(p: CaptureKeyParts): string {
  checkSegment(p.endpointName, "endpointName");
  checkSegment(p.variantName, "variantName");
  return joinS3Key(p.prefix, p.endpointName, p.variantName, hourPath(p.start), captureFileName(p.start, p.uuid));
}

const KEY_RE = new RegExp(
  `^(?:(.*)/)?([^/]+)/([^/]+)/(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/(\\d{2})-(\\d{2})-(\\d{3})-(${CAPTURE_UUID_PATTERN})\\.jsonl$`,
  "s",
);

/**
 * Parses a capture file key (not an `s3://` URI; see `parseS3Uri`). Strict: the tail must be
 * `yyyy/MM/dd/HH/mm-ss-SSS-{lower-case uuid v4}.jsonl`, the folder and file-name times must
 * form a real UTC time. Returns `undefined` for any other key.
 */
export function parseCaptureKey(key: string): CaptureKeyParts | undefined {
  const m = KEY_RE.exec(key);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms] = m.slice(4, 11).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const start = new Date(0);
  start.setUTCFullYear(y, mo - 1, d);
  start.setUTCHours(h, mi, s, ms);
  if (start.getUTCDate() !== d || start.getUTCMonth() !== mo - 1) return undefined;
  return { prefix: m[1] ?? "", endpointName: m[2], variantName: m[3], start, uuid: m[11] };
}

/** Largest range {@link captureHourPrefixes} expands: one leap year of hour folders. */
export const MAX_CAPTURE_HOURS = 24 * 366;

/** A capture file holds records up to 60 s after its start (§3), so it can sit in the previous hour's folder. */
export const CAPTURE_FILE_OVERHANG_MS = 60_000;

const HOUR_MS = 3_600_000;

/**
 * The S3 list prefixes (each ending in `/`) that can hold records captured in [from, to].
 * Starts at the hour containing `from - 60 s`, because a file started late in the previous
 * hour holds up to 60 s of records of `from`'s hour (§3).
 *
 * Without `variantName` the hour folders cannot be enumerated (variant folders come first),
 * so the result is the single endpoint-level prefix `{prefix}/{endpoint}/`: list it, or
 * discover variants with a delimiter listing and call again per variant.
 * @throws RangeError when `from > to`, a date is invalid, or more than
 *   {@link MAX_CAPTURE_HOURS} hour folders would be returned.
 */
export function captureHourPrefixes(p: {
  prefix: string;
  endpointName: string;
  variantName?: string;
  from: Date;
  to: Date;
}): string[] {
  checkSegment(p.endpointName, "endpointName");
  checkDate(p.from, "captureHourPrefixes from");
  checkDate(p.to, "captureHourPrefixes to");
  if (p.from.getTime() > p.to.getTime()) {
    throw new RangeError(`captureHourPrefixes: from (${p.from.toISOString()}) is after to (${p.to.toISOString()})`);
  }
  if (p.variantName === undefined) return [joinS3Key(p.prefix, p.endpointName) + "/"];
  checkSegment(p.variantName, "variantName");
  const first = Math.floor((p.from.getTime() - CAPTURE_FILE_OVERHANG_MS) / HOUR_MS);
  const last = Math.floor(p.to.getTime() / HOUR_MS);
  const count = last - first + 1;
  if (count > MAX_CAPTURE_HOURS) {
    throw new RangeError(
      `captureHourPrefixes: ${count} hour folders requested; at most ${MAX_CAPTURE_HOURS} (366 days) per call`,
    );
  }
  const base = joinS3Key(p.prefix, p.endpointName, p.variantName);
  const out: string[] = [];
  for (let h = first; h <= last; h++) out.push(joinS3Key(base, hourPath(new Date(h * HOUR_MS))) + "/");
  return out;
}
