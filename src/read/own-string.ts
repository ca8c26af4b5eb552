/**
 * Strings of their own. A slice of a string is, in V8, a view that keeps the whole string it
 * was cut from alive (13 characters and more; shorter slices are copies). The loader cuts
 * values out of a line, itself a slice of its file's text: a kept slice would keep that text
 * (up to 4 MiB) in memory for as long as the frame lives. `JSON.parse` returns fresh strings,
 * so it is the copier: one native pass, a flat string of exactly the text.
 */

/** V8 makes a slice shorter than this a copy (`SlicedString::kMinLength`). */
const SLICE_MIN = 13;

/** `s` as a string that keeps no other text alive (`s` itself when it is short). */
export function ownString(s: string): string {
  return s.length < SLICE_MIN ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * The text of a JSON string literal without escapes (`"abc"`, quotes included) as a string
 * of its own: one copy, no escaping.
 */
export function ownQuoted(quoted: string): string {
  return JSON.parse(quoted) as string;
}
