/** Fast number parsing for CSV payload fields (plain decimals are the common case). */
import { ownString } from "./own-string";

/** 10^0 .. 10^22, all exact doubles. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Parses `text[start, end)` when it is a plain decimal (`-12.5`, `0`, `3.`): at most 15
 * significant digits and 22 fraction digits, so `mantissa / 10^k` is exact-over-exact and
 * IEEE division rounds it exactly as `Number()` would. Returns `NaN` for anything else
 * (exponents, spaces, long mantissas, text, empty), which the caller re-parses slowly.
 */
function parsePlainDecimal(text: string, start: number, end: number): number {
  let i = start;
  let neg = false;
  let c = text.charCodeAt(i);
  if (c === 45 /* - */) {
    neg = true;
    i++;
  } else if (c === 43 /* + */) i++;
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let sawDot = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) digits++;
      mant = mant * 10 + (c - 48);
      if (sawDot) frac++;
    } else if (c === 46 /* . */ && !sawDot) sawDot = true;
    else return NaN;
  }
  const len = end - start - (neg ? 1 : 0) - (sawDot ? 1 : 0);
  if (len <= 0 || digits > 15 || frac > 22) return NaN;
  const v = frac === 0 ? mant : mant / POW10[frac];
  return neg ? -v : v;
}

/**
 * A CSV field's value: a number, text that is not a number, or `null` for an empty field. The
 * text is a string of its own: the field may be a slice of its file's text (see own-string.ts).
 */
export function csvFieldValue(field: string): number | string | null {
  const s = field.trim();
  if (s === "") return null;
  const n = Number(s);
  if (n === n || s === "NaN") return n;
  return ownString(field);
}

/** {@link csvFieldValue} over `text[start, end)`, trying the fast path first. */
export function csvFieldValueAt(text: string, start: number, end: number): number | string | null {
  const v = parsePlainDecimal(text, start, end);
  if (v === v) return v;
  return csvFieldValue(text.slice(start, end));
}
