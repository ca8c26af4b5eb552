/**
 * A small Universal Binary JSON (UBJSON, draft 12) decoder, enough for the `.ubj` model
 * files XGBoost writes (`Booster.save_model("m.ubj")`). XGBoost stores tree arrays as
 * strongly typed containers (`[$d#L<count>` + raw big-endian values); those decode to
 * typed arrays so large models load without one JS number object per value.
 */
import { CaptureLabError } from "../../../errors";

/** A decoded UBJSON value. Typed containers become typed arrays. */
export type UbjValue =
  | null
  | boolean
  | number
  | string
  | UbjValue[]
  | Float32Array
  | Float64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array
  | { [key: string]: UbjValue };

/** Thrown for malformed UBJSON; says at which byte offset and what was expected. */
export class UbjsonError extends CaptureLabError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`UBJSON: ${message} at byte ${offset}`);
  }
}

const MAX_DEPTH = 256;

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new UbjsonError(`unexpected end of data (need ${n} more bytes)`, this.pos);
    }
  }

  byte(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  peek(): number {
    this.need(1);
    return this.buf[this.pos];
  }

  /** Reads a number whose type marker is `marker` (no marker byte in the stream). */
  numberOf(marker: number): number {
    const v = this.view;
    const at = this.pos;
    switch (marker) {
      case 0x69 /* i */:
        this.need(1);
        this.pos += 1;
        return v.getInt8(at);
      case 0x55 /* U */:
        this.need(1);
        this.pos += 1;
        return v.getUint8(at);
      case 0x49 /* I */:
        this.need(2);
        this.pos += 2;
        return v.getInt16(at);
      case 0x6c /* l */:
        this.need(4);
        this.pos += 4;
        return v.getInt32(at);
      case 0x4c /* L */:
        this.need(8);
        this.pos += 8;
        return Number(v.getBigInt64(at));
      case 0x64 /* d */:
        this.need(4);
        this.pos += 4;
        return v.getFloat32(at);
      case 0x44 /* D */:
        this.need(8);
        this.pos += 8;
        return v.getFloat64(at);
      default:
        throw new UbjsonError(`expected a numeric type marker, got ${describe(marker)}`, at - 1);
    }
  }

  length(): number {
    const at = this.pos;
    const n = this.numberOf(this.byte());
    if (!Number.isSafeInteger(n) || n < 0) throw new UbjsonError(`invalid length ${n}`, at);
    return n;
  }

  string(): string {
    const n = this.length();
    this.need(n);
    const s = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, n).toString("utf8");
    this.pos += n;
    return s;
  }
}

function describe(marker: number): string {
  return marker >= 0x20 && marker < 0x7f ? `'${String.fromCharCode(marker)}'` : `0x${marker.toString(16)}`;
}

/** Decodes one UBJSON document; throws {@link UbjsonError} on malformed or trailing data. */
export function decodeUbjson(data: Uint8Array): UbjValue {
  const r = new Reader(data);
  const value = readValue(r, r.byte(), 0);
  if (r.pos !== data.length) throw new UbjsonError("trailing data after the document", r.pos);
  return value;
}

function readValue(r: Reader, marker: number, depth: number): UbjValue {
  if (depth > MAX_DEPTH) throw new UbjsonError("nesting too deep", r.pos);
  switch (marker) {
    case 0x5a /* Z */:
      return null;
    case 0x54 /* T */:
      return true;
    case 0x46 /* F */:
      return false;
    case 0x53 /* S */:
      return r.string();
    case 0x48 /* H */: {
      const at = r.pos;
      const n = Number(r.string());
      if (Number.isNaN(n)) throw new UbjsonError("invalid high-precision number", at);
      return n;
    }
    case 0x43 /* C */:
      return String.fromCharCode(r.byte());
    case 0x5b /* [ */:
      return readArray(r, depth);
    case 0x7b /* { */:
      return readObject(r, depth);
    default:
      return r.numberOf(marker);
  }
}

/** Reads the optional `$type` / `#count` header of an optimized container. */
function containerHeader(r: Reader): { type?: number; count?: number } {
  let type: number | undefined;
  if (r.peek() === 0x24 /* $ */) {
    r.pos++;
    type = r.byte();
    if (r.peek() !== 0x23) throw new UbjsonError("a typed container needs a '#' count", r.pos);
  }
  if (r.peek() === 0x23 /* # */) {
    r.pos++;
    return { type, count: r.length() };
  }
  return {};
}

function readArray(r: Reader, depth: number): UbjValue {
  const { type, count } = containerHeader(r);
  if (type !== undefined && count !== undefined) {
    const typed = readTypedArray(r, type, count);
    if (typed) return typed;
    const out: UbjValue[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = readValue(r, type, depth + 1);
    return out;
  }
  const out: UbjValue[] = [];
  if (count !== undefined) {
    for (let i = 0; i < count; i++) out.push(readValue(r, r.byte(), depth + 1));
    return out;
  }
  for (;;) {
    const m = r.byte();
    if (m === 0x5d /* ] */) return out;
    if (m === 0x4e /* N */) continue;
    out.push(readValue(r, m, depth + 1));
  }
}

function readTypedArray(r: Reader, type: number, count: number): UbjValue | undefined {
  const sizes: Record<number, number> = { 0x64: 4, 0x44: 8, 0x6c: 4, 0x49: 2, 0x69: 1, 0x55: 1, 0x4c: 8 };
  const size = sizes[type];
  if (size === undefined) return undefined;
  r.need(count * size);
  const view = new DataView(r.buf.buffer, r.buf.byteOffset + r.pos, count * size);
  r.pos += count * size;
  switch (type) {
    case 0x64: {
      const a = new Float32Array(count);
      for (let i = 0; i < count; i++) a[i] = view.getFloat32(i * 4);
      return a;
    }
    case 0x44: {
      const a = new Float64Array(count);
      for (let i = 0; i < count; i++) a[i] = view.getFloat64(i * 8);
      return a;
    }
    case 0x6c: {
      const a = new Int32Array(count);
      for (let i = 0; i < count; i++) a[i] = view.getInt32(i * 4);
      return a;
    }
    case 0x49: {
      const a = new Int16Array(count);
      for (let i = 0; i < count; i++) a[i] = view.getInt16(i * 2);
      return a;
    }
    case 0x69: {
      const a = new Int8Array(count);
      for (let i = 0; i < count; i++) a[i] = view.getInt8(i);
      return a;
    }
    case 0x55:
      return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + count));
    default: {
      // int64 arrays: plain numbers (values in models are small indices).
      const a = new Float64Array(count);
      for (let i = 0; i < count; i++) a[i] = Number(view.getBigInt64(i * 8));
      return a;
    }
  }
}

function readObject(r: Reader, depth: number): UbjValue {
  const { type, count } = containerHeader(r);
  const out: { [key: string]: UbjValue } = Object.create(null);
  const entry = () => {
    const key = r.string();
    out[key] = readValue(r, type ?? r.byte(), depth + 1);
  };
  if (count !== undefined) {
    for (let i = 0; i < count; i++) entry();
    return out;
  }
  for (;;) {
    const m = r.peek();
    if (m === 0x7d /* } */) {
      r.pos++;
      return out;
    }
    if (m === 0x4e /* N */) {
      r.pos++;
      continue;
    }
    entry();
  }
}
