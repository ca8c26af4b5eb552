/** Byte-range resolution for GetObject. */
import { S3Errors } from "./errors";
import type { RangeSpec, ResolvedRange } from "./types";

/** Resolve a range against an object size; throws `InvalidRange` (416) when unsatisfiable. */
export function resolveRange(spec: RangeSpec, size: number): ResolvedRange {
  if ("suffix" in spec) {
    if (spec.suffix <= 0 || size === 0) throw S3Errors.invalidRange(size);
    return { start: Math.max(0, size - spec.suffix), end: size - 1 };
  }
  if (spec.start >= size || (spec.end !== undefined && spec.end < spec.start)) throw S3Errors.invalidRange(size);
  return { start: spec.start, end: Math.min(spec.end ?? size - 1, size - 1) };
}
