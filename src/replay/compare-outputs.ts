/**
 * The difference between a captured answer and a candidate's answer to the same request: value
 * by value, absolute and relative differences for numbers, and whether the decisions agree
 * (labels equal; probabilities on the same side of a threshold). Pure.
 */
import type { OutputValue } from "./output-values";

/** Options of {@link compareOutputs}. */
export interface CompareOptions {
  /**
   * Two numbers both in [0, 1] are read as probabilities: they agree when both are at or above
   * this threshold or both below it (default 0.5). Other numbers agree only when equal.
   */
  threshold?: number;
}

/** How two answers to one request compare. */
export interface OutputComparison {
  /** Instances in the captured / the candidate's answer. */
  capturedInstances: number;
  candidateInstances: number;
  /** Numeric value pairs compared. */
  numericPairs: number;
  /** Largest |candidate - captured| over the numeric pairs (NaN when there are none). */
  absDiff: number;
  /** Signed candidate - captured of that largest pair (NaN when there are none). */
  diff: number;
  /** absDiff / |captured| of that pair (Infinity when captured is 0 and they differ, NaN without pairs). */
  relDiff: number;
  /** Every value pair agrees (see {@link CompareOptions.threshold}) and the shapes match. */
  agree: boolean;
  /** Why they disagree, when they do: the first differing instance and value. */
  disagreement?: string;
}

/** Whether two values agree as decisions. */
export function valuesAgree(a: OutputValue, b: OutputValue, threshold = 0.5): boolean {
  if (typeof a === "number" && typeof b === "number") {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
    if (a >= 0 && a <= 1 && b >= 0 && b <= 1) return a >= threshold === b >= threshold;
    return false;
  }
  return a === b;
}

/** Compares two decoded answers (per instance, per value). */
export function compareOutputs(
  captured: readonly OutputValue[][],
  candidate: readonly OutputValue[][],
  options: CompareOptions = {},
): OutputComparison {
  const threshold = options.threshold ?? 0.5;
  let numericPairs = 0;
  let absDiff = NaN;
  let diff = NaN;
  let relDiff = NaN;
  let disagreement: string | undefined;
  if (captured.length !== candidate.length)
    disagreement = `${captured.length} instance(s) captured, ${candidate.length} from the candidate`;
  const n = Math.min(captured.length, candidate.length);
  for (let i = 0; i < n; i++) {
    const a = captured[i]!;
    const b = candidate[i]!;
    if (a.length !== b.length && disagreement === undefined)
      disagreement = `instance ${i}: ${a.length} value(s) captured, ${b.length} from the candidate`;
    for (let j = 0; j < Math.min(a.length, b.length); j++) {
      const x = a[j]!;
      const y = b[j]!;
      if (typeof x === "number" && typeof y === "number") {
        numericPairs++;
        const d = y - x;
        if (!(Math.abs(d) <= absDiff)) {
          absDiff = Math.abs(d);
          diff = d;
          relDiff = d === 0 ? 0 : x === 0 ? Infinity : Math.abs(d) / Math.abs(x);
        }
      }
      if (disagreement === undefined && !valuesAgree(x, y, threshold))
        disagreement = `instance ${i} value ${j}: captured ${String(x)}, candidate ${String(y)}`;
    }
  }
  return {
    capturedInstances: captured.length,
    candidateInstances: candidate.length,
    numericPairs,
    absDiff,
    diff,
    relDiff,
    agree: disagreement === undefined,
    ...(disagreement !== undefined ? { disagreement } : {}),
  };
}
