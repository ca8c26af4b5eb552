/**
 * The monitor's hot path: a record whose request and response are one plain CSV line each
 * (no quotes, one line) and fill the baseline's columns exactly is profiled in place, field by
 * field, without building rows. It reads the same values `captureRows` gives for such a
 * record (an empty or blank field is missing); anything else is left to it. Pure.
 */
import type { CaptureRecord, CaptureSide } from "../../capture";
import { csvFieldText } from "../../read/csv-payload";
import type { OutputColumnsPosition } from "./capture-rows";
import { isNumericText, type FeatureProfiler } from "./feature-profiler";

/** A side's CSV text and where its one line ends, when it is a plain one-line CSV payload. */
function plainCsvLine(side: CaptureSide | undefined): { text: string; end: number; fields: number } | undefined {
  if (!side || side.encoding !== "CSV") return undefined;
  const text = side.data;
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  if (end === 0) return undefined;
  let fields = 1;
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 44) fields++;
    else if (ch === 34 || ch === 10) return undefined; // quotes or several lines: general path
  }
  return { text, end, fields };
}

/** A plain one-line CSV text of `fields` fields (an optional final line break), by field count. */
const PLAIN_LINES: RegExp[] = [];

/**
 * The same as `plainCsvLine(side)` with `fields` fields, by one regular expression (a native scan,
 * about twice as fast as the character loop on a long line), or undefined.
 */
function plainCsvLineOf(
  side: CaptureSide | undefined,
  fields: number,
): { text: string; end: number; fields: number } | undefined {
  if (!side || side.encoding !== "CSV") return undefined;
  const text = side.data;
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  if (end === 0) return undefined;
  // No quote, no line break but a final one (after an optional \r), fields - 1 commas.
  const plain = (PLAIN_LINES[fields] ??= new RegExp(`^(?:[^,"\\n]*,){${fields - 1}}[^,"\\n]*(?:\\r?\\n)?$`));
  return plain.test(text) ? { text, end, fields } : undefined;
}

/** A field starting with white space may be blank (missing): the general rule decides. */
const maybeBlank = (c: number) => c <= 32 || c === 160 || c >= 0x1680;

function profileFields(
  line: { text: string; end: number },
  profilers: FeatureProfiler[],
  numeric: boolean[],
  from: number,
  onBad: (col: number, value: string) => void,
): void {
  const { text, end } = line;
  let col = from;
  let start = 0;
  for (;;) {
    // One scan per field: the profiler reads the number and finds the comma (the caller counted
    // the fields, so there is a profiler for each). A field that may be blank takes the general
    // rule (only spaces is missing), as the loader reads it.
    const p = profilers[col]!;
    let i: number;
    let cls: string;
    if (start < end && maybeBlank(text.charCodeAt(start))) {
      const comma = text.indexOf(",", start);
      i = comma === -1 || comma > end ? end : comma;
      cls = p.add(csvFieldText(text.slice(start, i)));
    } else {
      i = p.addField(text, start, end);
      cls = p.lastClass;
    }
    if (
      numeric[col] &&
      cls !== "Integral" &&
      cls !== "Fractional" &&
      cls !== "Null" &&
      !isNumericText(text.slice(start, i))
    )
      onBad(col, text.slice(start, i));
    if (i >= end) return;
    col++;
    start = i + 1;
  }
}

/**
 * Profiles a plain one-line CSV request and response in place when together they have
 * `profilers.length` fields; values that are not numbers in numeric features go to `onBad`.
 * @returns false (nothing profiled) for any other record
 */
export function profileCsvInPlace(
  record: CaptureRecord,
  position: OutputColumnsPosition,
  profilers: FeatureProfiler[],
  numeric: boolean[],
  onBad: (col: number, value: string) => void,
): boolean {
  // The response first: usually one field, then the request must have the rest.
  const output = plainCsvLine(record.captureData.endpointOutput);
  if (!output || output.fields >= profilers.length) return false;
  const input = plainCsvLineOf(record.captureData.endpointInput, profilers.length - output.fields);
  if (!input) return false;
  const [a, b] = position === "START" ? [output, input] : [input, output];
  profileFields(a, profilers, numeric, 0, onBad);
  profileFields(b, profilers, numeric, a.fields, onBad);
  return true;
}
