/** Errors and issue reports of the capture reader. */
import { CaptureFormatError } from "../capture";
import { CaptureLabError } from "../errors";

/** One problem found while reading: where it was and what was wrong. */
export interface CaptureReadIssue {
  /** File path or `s3://bucket/key` of the input. */
  source: string;
  /** 1-based line number in `source` (0 when the problem concerns the whole file). */
  line: number;
  /** Dotted path of the offending field (e.g. `eventMetadata.eventId`), when known. */
  field?: string;
  /** What was wrong, with the location prefix (`source:line: field: ...`). */
  message: string;
}

/**
 * Raised by the reader for bad input. Carries `source`, `line` and `field` like
 * `CaptureFormatError` (which the capture format module raises for one line), so callers can
 * treat both the same way; the message always starts with `source:line`.
 */
export class CaptureReadError extends CaptureLabError {
  /** File path or `s3://bucket/key`. */
  declare readonly source: string;
  /** 1-based line number (0 for a file-level problem). */
  declare readonly line: number;
  /** The problem without the location prefix. */
  readonly problem: string;

  /**
   * @param problem what was wrong and what was expected
   * @param where source, line and optional field
   */
  constructor(problem: string, where: { source: string; line: number; field?: string }) {
    const field = where.field ? `${where.field}: ` : "";
    super(`${where.source}:${where.line}: ${field}${problem}`, where);
    this.problem = problem;
  }
}

/** Strips a `source:line: ` or `field: ` prefix that the capture module already put in its message. */
function bareProblem(err: CaptureFormatError): string {
  let msg = err.message;
  const loc = err.source !== undefined && err.line !== undefined ? `${err.source}:${err.line}: ` : undefined;
  if (loc && msg.startsWith(loc)) msg = msg.slice(loc.length);
  if (err.field && msg.startsWith(`${err.field}: `)) msg = msg.slice(err.field.length + 2);
  return msg;
}

/**
 * Any error met while decoding one record, as a {@link CaptureReadError} with the record's
 * location. A `CaptureFormatError` keeps its field (prefixed with `fieldPrefix` when it only
 * named a sub-field, e.g. `data` of a side).
 */
export function toReadError(err: unknown, source: string, line: number, fieldPrefix?: string): CaptureReadError {
  if (err instanceof CaptureReadError) return err;
  if (err instanceof CaptureFormatError) {
    let field = err.field;
    if (field !== undefined && fieldPrefix && !field.startsWith("captureData") && !field.startsWith("eventMetadata")) {
      field = `${fieldPrefix}.${field}`;
    }
    return new CaptureReadError(bareProblem(err), { source, line, field });
  }
  const msg = err instanceof Error ? err.message : String(err);
  return new CaptureReadError(msg, { source, line, field: fieldPrefix });
}

/** The issue record of an error, for skip-mode reports. */
export function issueOf(err: CaptureReadError): CaptureReadIssue {
  const issue: CaptureReadIssue = { source: err.source, line: err.line, message: err.message };
  if (err.field !== undefined) issue.field = err.field;
  return issue;
}
