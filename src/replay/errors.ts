/** The replay's errors: bad options, and a replay that could not run or was interrupted. */
import { CaptureLabError, type CaptureLabErrorOptions } from "../errors";

/** Options that cannot work (no candidate, both candidates, an AWS endpoint without consent...); nothing was sent. */
export class ReplayOptionsError extends CaptureLabError {
  constructor(message: string, options: CaptureLabErrorOptions = {}) {
    super(`replayCaptures: ${message}`, options);
  }
}

/** The replay stopped: the candidate could not be deployed, the captures could not be read, or it was interrupted. */
export class ReplayError extends CaptureLabError {
  constructor(message: string, options: CaptureLabErrorOptions = {}) {
    super(`replayCaptures: ${message}`, options);
  }
}
