/** The error raised for malformed capture data. */
import { CaptureLabError, formatLocation } from "../errors";

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
export class CaptureFormatError extends CaptureLabError {
  /**
   * @param problem what is wrong and what was expected (without the location prefix)
   * @param opts location and field; they are prefixed to the message
   */
  constructor(problem: string, opts: CaptureLocation & { field?: string } = {}) {
    const where = formatLocation(opts);
    const field = opts.field ? `${opts.field}: ` : "";
    super(`${where ? `${where}: ` : ""}${field}${problem}`, opts);
  }
}
