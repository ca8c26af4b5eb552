/**
 * CSV payloads: one or more rows separated by `\n`, fields by `,`. Plain numeric payloads
 * are scanned in place (no per-payload csv-parse, no intermediate arrays); payloads with
 * quotes go through csv-parse.
 */
import { parse } from "csv-parse/sync";
import type { ColumnBuilder } from "./row-store";
import { csvFieldValue, csvFieldValueAt, POW10 } from "./numbers";
import { CaptureLabError } from "../errors";

/** Decimals with up to this many fraction digits and a mantissa below {@link BOXED_MANTISSA} are shared. */
export const BOXED_FRACTION = 3;
/** See {@link BOXED_FRACTION}. */
export const BOXED_MANTISSA = 1 << 16;
/** Per fraction length, the values met so far by mantissa (`null` until met). */
const boxes: Array<Array<number | null>> = [];

/**
 * `mantissa / 10^fraction` (both in the ranges above), as one shared value per decimal. A
 * fractional number in a row array is a heap object of its own (16 bytes, one more for the
 * garbage collector to move and mark): the same object for every `298.3` makes a frame of
 * such values a fifth smaller, and its load a good deal cheaper (`bench:load`). Here, next to
 * its caller: the benches run under tsx, where a call into another module goes through a getter.
 */
export function sharedDecimal(mantissa: number, fraction: number): number {
  const table = (boxes[fraction] ??= new Array<number | null>(BOXED_MANTISSA).fill(null));
  const v = table[mantissa];
  if (v !== null) return v;
  return (table[mantissa] = mantissa / POW10[fraction]);
}

/** Thrown for a CSV payload csv-parse cannot read (an unclosed quote: `1,"2,3`). */
class CsvPayloadError extends CaptureLabError {}

/**
 * csv-parse over a payload with quotes. Its own errors (a `CsvError` with no capture file or
 * line) become a {@link CsvPayloadError} the table builder turns into a located `CaptureReadError`.
 */
function parseQuoted(text: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as string[][];
  } catch (err) {
    // csv-parse counts the payload's own rows ("at line 1"): say so, the capture line is added by the caller.
    const msg = (err as Error).message.replace(/ at line (\d+)/, " at payload row $1");
    throw new CsvPayloadError(
      `not valid CSV: ${msg}; expected every opening quote to be closed (a literal quote inside a quoted field is written "")`,
    );
  }
}

/** Where the fields of a CSV row go. */
export interface CsvLayout {
  /** Builder per field index; `null` means "not requested" (projection): the field is skipped unparsed. */
  targets: Array<ColumnBuilder | null>;
  /** Called for a field index beyond `targets`; must extend `targets` and return its entry. */
  extend(index: number): ColumnBuilder | null;
  /** When every field from this index on is unrequested, the rest of a row is skipped (widths are then not counted). */
  skipFrom: number;
  /** The array of output row `r` (created when needed), for {@link ColumnBuilder.putNumber}. */
  row(r: number): unknown[];
}

/** Rows read from one payload. */
interface CsvScan {
  /** Number of non-empty rows. */
  rows: number;
  /** Smallest and largest field count seen (-1 when rows were cut short by `skipFrom`). */
  minWidth: number;
  /** See `minWidth`. */
  maxWidth: number;
}

function put(t: ColumnBuilder, row: number, v: number | string | null): void {
  if (typeof v === "number") t.setNumber(row, v);
  else if (v !== null) t.setValue(row, v);
}

/**
 * Writes the rows of `text` into the layout's columns, starting at output row `firstRow`.
 * Empty rows (such as the one after a trailing `\n`) are ignored; `\r\n` is accepted.
 */
export function scanCsv(text: string, layout: CsvLayout, firstRow: number): CsvScan {
  if (text.indexOf('"') !== -1) return scanQuotedCsv(text, layout, firstRow);
  const len = text.length;
  const targets = layout.targets;
  const skipFrom = layout.skipFrom;
  let rows = 0;
  let minWidth = Infinity;
  let maxWidth = 0;
  let pos = 0;
  while (pos < len) {
    let rowEnd = text.indexOf("\n", pos);
    if (rowEnd === -1) rowEnd = len;
    const next = rowEnd + 1;
    if (rowEnd > pos && text.charCodeAt(rowEnd - 1) === 13) rowEnd--;
    if (rowEnd === pos) {
      pos = next;
      continue;
    }
    const row = firstRow + rows;
    // The row's array, fetched once for all its fields.
    const cells = layout.row(row);
    let col = 0;
    let start = pos;
    let cut = false;
    while (true) {
      if (col >= skipFrom) {
        cut = true;
        break;
      }
      const t = col < targets.length ? targets[col] : layout.extend(col);
      let end: number;
      if (t === null) {
        end = text.indexOf(",", start);
        if (end === -1 || end > rowEnd) end = rowEnd;
      } else {
        const c0 = text.charCodeAt(start);
        if (c0 >= 48 && c0 <= 57 && (start + 1 === rowEnd || text.charCodeAt(start + 1) === 44)) {
          // One digit (one-hot flags, counts): most fields of a wide numeric payload.
          t.putNumber(cells, c0 - 48);
          end = start + 1;
        } else {
          // One pass finds the field's end and parses a plain decimal (see parsePlainDecimal).
          let j = start;
          let c = c0;
          const neg = c === 45;
          if (neg) j++;
          let mant = 0;
          let digits = 0;
          let frac = 0;
          let dot = false;
          let plain = true;
          for (; j < rowEnd; j++) {
            c = text.charCodeAt(j);
            if (c === 44) break;
            if (c >= 48 && c <= 57) {
              if (digits > 0 || c !== 48) digits++;
              mant = mant * 10 + (c - 48);
              if (dot) frac++;
            } else if (c === 46 && !dot) dot = true;
            else plain = false;
          }
          end = j;
          const size = end - start - (neg ? 1 : 0) - (dot ? 1 : 0);
          if (plain && size > 0 && digits <= 15 && frac <= 22) {
            // Separate stores: a shared value must reach the row as it is, not re-boxed.
            if (frac === 0) t.putNumber(cells, neg ? -mant : mant);
            else if (!neg && frac <= BOXED_FRACTION && mant < BOXED_MANTISSA)
              t.putNumber(cells, sharedDecimal(mant, frac));
            else {
              const v = mant / POW10[frac];
              t.putNumber(cells, neg ? -v : v);
            }
          } else put(t, row, csvFieldValueAt(text, start, end));
        }
      }
      col++;
      if (end >= rowEnd) break;
      start = end + 1;
    }
    if (cut) minWidth = maxWidth = -1;
    else if (minWidth !== -1) {
      if (col < minWidth) minWidth = col;
      if (col > maxWidth) maxWidth = col;
    }
    rows++;
    pos = next;
  }
  return { rows, minWidth: rows === 0 ? 0 : minWidth, maxWidth };
}

/** Quoted fields (`"a,b"`, `""` escapes) need a real CSV parser. */
function scanQuotedCsv(text: string, layout: CsvLayout, firstRow: number): CsvScan {
  const records = parseQuoted(text);
  let minWidth = Infinity;
  let maxWidth = 0;
  records.forEach((fields, r) => {
    fields.forEach((f, col) => {
      if (col >= layout.skipFrom) return;
      const t = col < layout.targets.length ? layout.targets[col] : layout.extend(col);
      if (t !== null) put(t, firstRow + r, csvFieldValue(f));
    });
    minWidth = Math.min(minWidth, fields.length);
    maxWidth = Math.max(maxWidth, fields.length);
  });
  return { rows: records.length, minWidth: records.length === 0 ? 0 : minWidth, maxWidth };
}

/** A field's text as a data value: empty (or only spaces) is missing, as {@link csvFieldValue} reads it. */
export function csvFieldText(field: string): string | null {
  if (field === "") return null;
  const c = field.charCodeAt(0);
  // Only a field that starts with white space can be blank: skip the trim for the others.
  if ((c <= 32 || c === 160 || c >= 0x1680) && field.trim() === "") return null;
  return field;
}

/**
 * The rows of a CSV payload as field texts (`null` for a missing field): rows split at `\n`
 * (`\r\n` accepted, empty rows ignored), fields at `,`, quoted fields through csv-parse. The
 * rules {@link scanCsv} and {@link csvRows} read values by; the monitor reads texts with it.
 * @throws CsvPayloadError for a quote that is never closed
 */
export function csvFieldTexts(text: string): Array<Array<string | null>> {
  if (text.indexOf('"') !== -1) return parseQuoted(text).map((r) => r.map(csvFieldText));
  const out: Array<Array<string | null>> = [];
  for (let line of text.split("\n")) {
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line === "") continue;
    out.push(line.split(",").map(csvFieldText));
  }
  return out;
}

/** What {@link csvSingleValue} returns for a payload that is not one value. */
export const NOT_SINGLE = Symbol("not one CSV value");

/**
 * The value of a payload that is one CSV field (most outputs, often with a trailing newline),
 * as {@link csvRows} would give it in `[[value]]`; {@link NOT_SINGLE} for any other payload.
 */
export function csvSingleValue(text: string): number | string | null | typeof NOT_SINGLE {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  if (end > 0 && text.indexOf(",") === -1 && text.lastIndexOf("\n", end - 1) === -1 && text.indexOf('"') === -1)
    return csvFieldValueAt(text, 0, end);
  return NOT_SINGLE;
}

/** Small CSV payloads (outputs) as rows of values. */
export function csvRows(text: string): Array<Array<number | string | null>> {
  const v = csvSingleValue(text);
  if (v !== NOT_SINGLE) return [[v]];
  return csvFieldTexts(text).map((r) => r.map((t) => (t === null ? null : csvFieldValue(t))));
}
