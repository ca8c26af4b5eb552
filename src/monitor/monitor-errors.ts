/**
 * The monitoring run's errors and their wording: a window without captures, a window where
 * no row (or too small a share) could be profiled, and the bad-value text. Pure.
 */
import { CaptureLabError } from "../errors";
import type { CaptureSource } from "../read/file-info";
import type { ReadReport } from "../read/records";
import type { RefusalReason } from "./profile/window-profile";

/** A bad row or record, with where it is. */
export interface MonitorIssue {
  source: string;
  line: number;
  field?: string;
  message: string;
}

/** `"abc" is not a number` (long values cut at 40 characters). */
export const notANumberText = (v: string): string => `"${v.length > 40 ? v.slice(0, 40) + "..." : v}" is not a number`;

/** A window without captures. */
export class NoCapturesError extends CaptureLabError {}

/**
 * A window whose records could not be profiled: none gave a row, or fewer than the share asked
 * for (`minProfiledShare`). Its `source`, `line` and `field` are those of the commonest
 * reason's first example.
 */
export class NoProfiledRowsError extends CaptureLabError {
  /** Records read (and skipped as bad lines), and how many gave a profiled row. */
  readonly records: number;
  readonly profiledRecords: number;
  /** Why the others gave none, commonest first. */
  readonly reasons: RefusalReason[];

  /** @param info the counts and the reasons; `minShare` is the share that was asked for */
  constructor(info: { records: number; profiledRecords: number; reasons: RefusalReason[]; minShare?: number }) {
    const top = info.reasons[0];
    const refused = info.records - info.profiledRecords;
    const share =
      info.profiledRecords === 0
        ? "no row could be profiled"
        : `only ${info.profiledRecords} of ${info.records} record(s) could be profiled, under the ${info.minShare} asked for (--min-profiled-share)`;
    const why = top
      ? `; commonest reason (${top.count} record(s)): ${top.example.field ? `${top.example.field}: ` : ""}${top.example.message}, e.g. ${top.example.source}:${top.example.line}`
      : "";
    super(`${share}: ${refused} of ${info.records} record(s) refused${why}`, {
      source: top?.example.source,
      line: top?.example.line,
      field: top?.example.field,
    });
    this.records = info.records;
    this.profiledRecords = info.profiledRecords;
    this.reasons = info.reasons;
  }
}

function describeSource(source: CaptureSource): string {
  if (Array.isArray(source)) return source.map(describeSource).join(", ");
  return typeof source === "string" ? source : source.uri;
}

/** A capture source as text (paths and `s3://` URIs). */
export { describeSource };

/** `yyyy/mm/dd/hh` of each hour touched by [from, to). */
export function hoursOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  const t = new Date(Math.floor(from.getTime() / 3_600_000) * 3_600_000);
  while (t < to && out.length < 24 * 366) {
    const p = (n: number) => String(n).padStart(2, "0");
    out.push(`${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())}/${p(t.getUTCHours())}`);
    t.setTime(t.getTime() + 3_600_000);
  }
  return out;
}

/** The error for a window without capture records, naming the source, the window and the hours looked at. */
export function noCapturesError(captures: CaptureSource, read: ReadReport, from?: Date, to?: Date): NoCapturesError {
  const where = describeSource(captures);
  const hours = from && to ? hoursOf(from, to) : [];
  const looked =
    hours.length > 0
      ? ` (hours looked at: ${hours.length > 6 ? `${hours.slice(0, 3).join(", ")}, ..., ${hours.slice(-2).join(", ")}` : hours.join(", ")})`
      : "";
  const window =
    from || to ? ` between ${from?.toISOString() ?? "the beginning"} and ${to?.toISOString() ?? "now"}` : "";
  const skipped =
    read.skippedRecords > 0
      ? `; ${read.skippedRecords} bad line(s) were skipped, first: ${read.errors[0]!.message}`
      : "";
  return new NoCapturesError(
    `no capture records under ${where}${window}${looked}; ${read.filesRead.length} file(s) read, ${read.outOfRange} record(s) outside the window${skipped}. ` +
      `(Model Monitor reports this as "Job inputs had no data": the endpoint got no traffic in that hour, capture was off or sampled out, or the prefix/endpoint/variant does not match where captures land.)`,
    { source: where },
  );
}
