/**
 * JSON parsed the way `JSON.parse` does, except that every number keeps the text it was
 * written as (`260.0` stays `260.0`, not `260`): a value's type is read from its text by the
 * monitor (Deequ's rules), and `JSON.parse` loses it. Pure.
 */

import { CaptureLabError } from "../errors";

/** A JSON number with its text as written. */
export class JsonNumber {
  /** @param text the number as written in the JSON text (`260.0`, `-1e-7`) */
  constructor(readonly text: string) {}

  /** The number's value, as `JSON.parse` gives it. */
  valueOf(): number {
    return Number(this.text);
  }

  /** `JSON.stringify` writes the value, as it would after `JSON.parse`. */
  toJSON(): number {
    return Number(this.text);
  }
}

/** Thrown for text that is not one JSON document (with the position, as JSON.parse says it). */
export class JsonTextError extends CaptureLabError {}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    const at = this.pos < this.text.length ? `"${this.text[this.pos]}"` : "end of input";
    throw new JsonTextError(`${what}: unexpected ${at} at position ${this.pos}`);
  }

  space(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  value(depth: number): unknown {
    if (depth > 5000) this.fail("nesting too deep");
    this.space();
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === 34) return this.string();
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 116 && t.startsWith("true", this.pos)) return ((this.pos += 4), true);
    if (c === 102 && t.startsWith("false", this.pos)) return ((this.pos += 5), false);
    if (c === 110 && t.startsWith("null", this.pos)) return ((this.pos += 4), null);
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(t);
    if (!m) this.fail("expected a JSON value");
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  string(): string {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c !== c) {
        this.pos = i;
        this.fail("unterminated string");
      }
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c < 32) {
        this.pos = i;
        this.fail("control character in string");
      }
      i++;
    }
    this.pos = i + 1;
    if (!escaped) return t.slice(start + 1, i);
    try {
      return JSON.parse(t.slice(start, i + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail("bad escape in string");
    }
  }

  array(depth: number): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.space();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.space();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 93) return out;
      if (c !== 44) {
        this.pos--;
        this.fail("expected , or ]");
      }
    }
  }

  object(depth: number): Record<string, unknown> {
    this.pos++;
    // A null prototype: a key "__proto__" is an own key, as JSON.parse makes it.
    const out = Object.create(null) as Record<string, unknown>;
    this.space();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text.charCodeAt(this.pos) !== 34) this.fail("expected a property name");
      const key = this.string();
      this.space();
      if (this.text.charCodeAt(this.pos++) !== 58) {
        this.pos--;
        this.fail("expected :");
      }
      out[key] = this.value(depth + 1);
      this.space();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 125) return out;
      if (c !== 44) {
        this.pos--;
        this.fail("expected , or }");
      }
    }
  }
}

/**
 * Parses one JSON document as `JSON.parse` does (same documents accepted, same objects and
 * key order), numbers as {@link JsonNumber}.
 * @throws JsonTextError for text that is not one JSON document
 * @example
 * parseJsonText('{"fare": 260.0}'); // { fare: JsonNumber { text: "260.0" } }
 */
export function parseJsonText(text: string): unknown {
  const p = new Parser(text);
  const v = p.value(0);
  p.space();
  if (p.pos < text.length) p.fail("expected the end of the document");
  return v;
}

/**
 * A JSON scalar's text as a data value: a number's text as written, a string as is,
 * `true`/`false`, `null` for null (missing); anything else (an array or object) as its JSON text.
 */
export function jsonValueText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (v instanceof JsonNumber) return v.text;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}
