/**
 * The record parser for the commonest capture line, shared by the loader and the monitor: one regular expression over the
 * exact layout AWS writes (both sides, `eventId`, optional `inferenceId`, `inferenceTime`,
 * `eventVersion`, no white space, no escapes) instead of `JSON.parse`, about a quarter of its
 * cost. Any other line (escapes, control characters, `customAttributes`, another key order, a
 * missing side) gives `undefined`, and the reader's parser decides, errors included. Pure.
 *
 * The record is the one `JSON.parse` gives, with one difference in memory only: the sides'
 * strings are slices of the line, which keep the line's whole file text alive while they live.
 * The loader (`matchWireLine`) keeps none of them (CSV text values and raw payloads are copied,
 * see `own-string.ts`) and gets the ids, which the frame keeps for every row, as copies; the
 * monitor (`matchWireLineSlices`) keeps nothing, so its ids are slices too.
 */
import type { CaptureRecord, CaptureSide } from "../capture";
import { ownQuoted } from "./own-string";

// A JSON string without escapes: any UTF-16 unit but `"`, `\` and the controls JSON.parse refuses.
const T = '[^"\\\\\\x00-\\x1f]*';
const S = `"(${T})"`;
/** With its quotes, to copy it with JSON.parse. */
const Q = `("${T}")`;
const SIDE = `\\{"observedContentType":(?:${S}|null),"mode":${S},"data":${S},"encoding":${S}\\}`;
const LINE = new RegExp(
  `^\\{"captureData":\\{"endpointInput":${SIDE},"endpointOutput":${SIDE}\\},` +
    `"eventMetadata":\\{"eventId":${Q}(?:,"inferenceId":${Q})?,"inferenceTime":${S}\\},"eventVersion":${S}\\}$`,
);

function side(m: RegExpExecArray, i: number): CaptureSide {
  // Keys in wire order, as JSON.parse creates them.
  return {
    observedContentType: m[i] ?? null,
    mode: m[i + 1] as CaptureSide["mode"],
    data: m[i + 2]!,
    encoding: m[i + 3]!,
  };
}

/** A quoted capture (no escapes) as a string of its own. */
function ownId(quoted: string): string {
  return quoted.length < 15 ? quoted.slice(1, -1) : ownQuoted(quoted);
}

/** A quoted capture as a slice of the line. */
function sliceId(quoted: string): string {
  return quoted.slice(1, -1);
}

function match(text: string, id: (quoted: string) => string): CaptureRecord | undefined {
  const m = LINE.exec(text);
  if (m === null) return undefined;
  const eventMetadata =
    m[10] === undefined
      ? { eventId: id(m[9]!), inferenceTime: m[11]! }
      : { eventId: id(m[9]!), inferenceId: id(m[10]), inferenceTime: m[11]! };
  return {
    captureData: { endpointInput: side(m, 1), endpointOutput: side(m, 5) },
    eventMetadata,
    eventVersion: m[12]!,
  };
}

/**
 * The record `JSON.parse` gives for a capture line of AWS's plain layout (same keys in the same
 * order, same strings), or `undefined` for any other line (then parse it the general way). The
 * ids are strings of their own (a loader keeps them for every row).
 */
export function matchWireLine(text: string): CaptureRecord | undefined {
  return match(text, ownId);
}

/**
 * {@link matchWireLine} for a reader that keeps no record (the monitor's profile): every string
 * is a slice of the line, so nothing is copied, and nothing may be kept past the line.
 */
export function matchWireLineSlices(text: string): CaptureRecord | undefined {
  return match(text, sliceId);
}
