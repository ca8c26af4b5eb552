/**
 * Hot-path record parsing. `parseCaptureLine` (src/capture) is the reference; this accepts
 * exactly the lines it accepts, with the same checks written as straight-line code (no
 * per-line closures), and returns `undefined` for anything else so that the caller re-runs
 * `parseCaptureLine` to get its error (source, line, field, message) unchanged.
 */
import type { CaptureRecord } from "../capture";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sideOk(side: unknown): boolean {
  if (side === undefined) return true;
  if (!isObj(side) || typeof side.data !== "string") return false;
  const ct = side.observedContentType;
  if (ct !== undefined && ct !== null && typeof ct !== "string") return false;
  if (side.encoding !== undefined && typeof side.encoding !== "string") return false;
  if (side.mode !== undefined && typeof side.mode !== "string") return false;
  return true;
}

/** Parses a line the way `parseCaptureLine` does, or returns `undefined` when that would throw. */
export function fastParseCaptureLine(text: string): CaptureRecord | undefined {
  if (text.charCodeAt(0) !== 123 /* { */) return undefined; // BOM, spaces, non-objects: slow path
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObj(v)) return undefined;
  const cd = v.captureData;
  const md = v.eventMetadata;
  if (!isObj(cd) || !isObj(md)) return undefined;
  if (!sideOk(cd.endpointInput) || !sideOk(cd.endpointOutput)) return undefined;
  if (typeof md.eventId !== "string" || typeof md.inferenceTime !== "string") return undefined;
  if (md.inferenceId !== undefined && typeof md.inferenceId !== "string") return undefined;
  const ca = md.customAttributes;
  if (ca !== undefined && typeof ca !== "string") {
    if (!Array.isArray(ca)) return undefined;
    for (const x of ca) if (typeof x !== "string") return undefined;
  }
  if (v.eventVersion !== undefined && typeof v.eventVersion !== "string") return undefined;
  return v as unknown as CaptureRecord;
}
