/**
 * danfojs-node, loaded when the first DataFrame is built: it loads TensorFlow.js (about 1 s),
 * which a notebook that never builds a frame should not pay for.
 */
import type * as Danfo from "danfojs-node";

let loaded: typeof Danfo | undefined;

/** The danfojs-node module (required on the first call). */
export function danfo(): typeof Danfo {
  return (loaded ??= require("danfojs-node") as typeof Danfo);
}
