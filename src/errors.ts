/**
 * The one base of every error Capture Lab raises, so a user catches them all with one
 * `instanceof CaptureLabError` and reads where the problem was from the same three properties.
 * Errors from the AWS SDK or Node stay as they are, kept as `cause`.
 */

/** Where a problem was found. Every field is optional: a config error has no file. */
export interface ErrorLocation {
  /** File path, `s3://bucket/key`, URL or other label of the input. */
  source?: string;
  /** 1-based line number within `source` (0 when the problem concerns the whole file). */
  line?: number;
  /** Dotted path of the offending field (`captureData.endpointInput.data`), or a column or flag name. */
  field?: string;
}

/** Options of {@link CaptureLabError}: where, and the error that caused it. */
export interface CaptureLabErrorOptions extends ErrorLocation {
  /** The underlying error (an SDK or Node error), kept unchanged. */
  cause?: unknown;
}

/**
 * Base class of Capture Lab's errors. `name` is the subclass's name; `source`, `line` and
 * `field` say where, when known; `cause` keeps the error underneath.
 *
 * @example
 * ```ts
 * try {
 *   await loadCaptures("datacapture/");
 * } catch (e) {
 *   if (e instanceof CaptureLabError) console.log(e.name, e.source, e.line, e.field);
 *   else throw e;
 * }
 * ```
 */
export class CaptureLabError extends Error {
  /** File path, `s3://` URI or other input label, when known. */
  readonly source?: string;
  /** 1-based line number in `source`, when known. */
  readonly line?: number;
  /** The offending field, column or option, when known. */
  readonly field?: string;

  /**
   * @param message the whole message, location included where the subclass puts it there
   * @param options where the problem was and its cause
   */
  constructor(message: string, options: CaptureLabErrorOptions = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    if (options.source !== undefined) this.source = options.source;
    if (options.line !== undefined) this.line = options.line;
    if (options.field !== undefined) this.field = options.field;
  }
}

/** `source:line`, `source`, `line N` or `""`: the prefix messages start with. */
export function formatLocation(loc: ErrorLocation): string {
  if (loc.source !== undefined && loc.line !== undefined) return `${loc.source}:${loc.line}`;
  if (loc.source !== undefined) return loc.source;
  if (loc.line !== undefined) return `line ${loc.line}`;
  return "";
}
