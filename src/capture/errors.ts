/** The error raised for malformed capture data. */

/** Where a problem was found: a file (or S3 URI) and a 1-based line number. */
export interface CaptureLocation {
  /** File name, S3 URI or other label of the input. */
  source?: string;
  /** 1-based line number within `source`. */
  line?: number;
}

/**
 * Malformed capture data. The message says where (`source:line`), which field (a dotted
 * path such as `captureData.endpointInput.data`) and what was expected, so a user can
 * find the bad record in a multi-megabyte file.
 */
export class CaptureFormatError extends Error {
  /** File name or URI of the input, when known. */
  source?: string;
  /** 1-based line number, when known. */
  line?: number;
  /** Dotted path of the offending field, when the problem is in one field. */
  field?: string;

  /**
   * @param problem what is wrong and what was expected (without the location prefix)
   * @param opts location and field; they are prefixed to the message
   */
  constructor(problem: string, opts: CaptureLocation & { field?: string } = {}) {
    const where = formatLocation(opts);
    const field = opts.field ? `${opts.field}: ` : "";
    super(`${where ? `${where}: ` : ""}${field}${problem}`);
    this.name = "CaptureFormatError";
    if (opts.source !== undefined) this.source = opts.source;
    if (opts.line !== undefined) this.line = opts.line;
    if (opts.field !== undefined) this.field = opts.field;
  }
}

/** `source:line`, `source`, `line N` or `""`. */
export function formatLocation(loc: CaptureLocation): string {
  if (loc.source !== undefined && loc.line !== undefined) return `${loc.source}:${loc.line}`;
  if (loc.source !== undefined) return loc.source;
  if (loc.line !== undefined) return `line ${loc.line}`;
  return "";
}
