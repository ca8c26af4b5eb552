/** `PreprocessorError`: a record preprocessor or post-analytics processor that cannot run. Pure. */
import { CaptureLabError } from "../../errors";

/**
 * A record preprocessor or post-analytics processor script that cannot run: no Python, a script
 * that cannot be loaded or lacks its handler, a handler past its time limit that would not stop,
 * a `.ts` module this Node cannot load. `source` is the script (path or `s3://` URI).
 */
export class PreprocessorError extends CaptureLabError {}

/** How to point Capture Lab at a Python 3, said whenever none is found. */
export const PYTHON_HINT =
  "install Python 3 (e.g. apt-get install python3) or set CAPTURE_LAB_PYTHON to a python3 executable";
