/** The errors of the model-quality job: bad ground truth (file:line) and runs that cannot go on. */
import { CaptureLabError, formatLocation, type CaptureLabErrorOptions } from "../../errors";

/**
 * A model-quality run or baseline that cannot go on: nothing merged, a baseline of another
 * problem type, a missing column, a bad attribute. The message says what and where.
 */
export class ModelQualityError extends CaptureLabError {
  constructor(message: string, options: CaptureLabErrorOptions = {}) {
    super(message, options);
  }
}

/** A ground-truth line that is not a label record; the message starts with `source:line:`. */
export class GroundTruthError extends CaptureLabError {
  /** The problem without the location prefix. */
  readonly problem: string;

  /**
   * @param problem what was wrong and what was expected
   * @param where the file, 1-based line and field
   */
  constructor(problem: string, where: CaptureLabErrorOptions) {
    const loc = formatLocation(where);
    super(`${loc ? `${loc}: ` : ""}${where.field ? `${where.field}: ` : ""}${problem}`, where);
    this.problem = problem;
  }
}
