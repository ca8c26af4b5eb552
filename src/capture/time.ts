/** `eventMetadata.inferenceTime` formatting and lenient parsing (docs/capture-format.md §5, §15). */
import { CaptureFormatError, type CaptureLocation } from "./errors";

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** The last second formatted and its text (a pure memo: the same input gives the same output). */
let lastSecond = NaN;
let lastText = "";

/**
 * Formats a capture time exactly as AWS writes it: `YYYY-MM-DDTHH:MM:SSZ`, UTC, second
 * precision (milliseconds are truncated, not rounded, as the time is "within that second").
 * @throws RangeError for an invalid Date or a year outside 0000-9999.
 */
export function formatInferenceTime(d: Date): string {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError("formatInferenceTime: invalid Date");
  // The capture writer formats one time per record, mostly within the same second as the last.
  const second = Math.floor(t / 1000);
  if (second === lastSecond) return lastText;
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`formatInferenceTime: year ${y} is outside 0000-9999`);
  lastText =
    `${pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}Z`;
  lastSecond = second;
  return lastText;
}
// AWS writes `...SSZ`; SDK test fixtures use fractional seconds and no zone (§11), which is UTC.
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an `inferenceTime`. Accepts `YYYY-MM-DDTHH:MM:SSZ` (all AWS data), fractional
 * seconds (up to 9 digits, kept to the millisecond), a missing zone (read as UTC) and a
 * numeric offset such as `+00:00`.
 * @throws CaptureFormatError naming `eventMetadata.inferenceTime` for anything else,
 *   including impossible dates such as February 30.
 */
export function parseInferenceTime(s: string, where: CaptureLocation = {}): Date {
  const fail = (why: string): never => {
    throw new CaptureFormatError(
      `${why}; expected YYYY-MM-DDTHH:MM:SSZ (fractional seconds and a missing Z are tolerated), got ${JSON.stringify(s)}`,
      {
        ...where,
        field: "eventMetadata.inferenceTime",
      },
    );
  };
  if (typeof s !== "string") return fail("not a string");
  const m = TIME_RE.exec(s);
  if (!m) return fail("not a timestamp");
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return fail("field out of range");
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written.
  const check = new Date(0);
  check.setUTCFullYear(y, mo - 1, d);
  check.setUTCHours(h, mi, se, ms);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return fail("no such date");
  let offsetMin = 0;
  const zone = m[8];
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return fail("zone offset out of range");
    offsetMin = sign * (oh * 60 + om);
  }
  return new Date(check.getTime() - offsetMin * 60_000);
}
