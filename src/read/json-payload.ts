/**
 * JSON payloads to instances. `"JSON"` only means "text stored as is" (docs/capture-format.md
 * §6.2): a body may be one document, JSON Lines (several documents, one per line), or
 * pretty-printed. Each instance becomes one row. The loader (`loadCaptures`) and the monitor
 * (through `record-values.ts`) both read JSON payloads with these rules.
 */
import { JsonNumber } from "./json-text";
import { CaptureLabError } from "../errors";

/** One instance: positional values (feature vector / unnamed outputs) and named, flattened values. */
export interface Instance {
  /** Values without names, in order (`f0..` for inputs, `prediction`/`prediction_0..` for outputs). */
  positional?: unknown[];
  /** Flattened `name -> scalar` pairs; nested objects use `a.b`, arrays inside objects `a.0`. */
  named?: Array<[string, unknown]>;
  /** Positions of `positional` that held an array or object, kept as its JSON text. */
  nested?: number[];
}

/** Thrown for a JSON payload that is neither a JSON document nor JSON Lines. */
export class JsonPayloadError extends CaptureLabError {}

/**
 * How a JSON document is parsed: `JSON.parse` (the loader: numbers as numbers) or
 * `parseJsonText` (the monitor: numbers keep their text). The instance rules are the same.
 */
export type JsonParse = (text: string) => unknown;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
/** A value that is one cell: not an array or object (a number with its text is one). */
export const isJsonScalar = (v: unknown): boolean => v === null || typeof v !== "object" || v instanceof JsonNumber;
const isScalar = isJsonScalar;

/** Parses a body as one JSON document, or else as JSON Lines (returns the list of documents and whether it was JSON Lines). */
export function parseJsonBody(text: string, parse: JsonParse = JSON.parse): { docs: unknown[]; lines: boolean } {
  try {
    return { docs: [parse(text)], lines: false };
  } catch (first) {
    const docs: unknown[] = [];
    const parts = text.split("\n");
    if (parts.filter((p) => p.trim() !== "").length < 2) {
      throw new JsonPayloadError(`not valid JSON: ${(first as Error).message}`);
    }
    parts.forEach((p, i) => {
      if (p.trim() === "") return;
      try {
        docs.push(parse(p));
      } catch (err) {
        throw new JsonPayloadError(`not valid JSON or JSON Lines: payload line ${i + 1}: ${(err as Error).message}`);
      }
    });
    return { docs, lines: true };
  }
}

function flattenInto(prefix: string, v: unknown, out: Array<[string, unknown]>): void {
  if (isObj(v)) {
    for (const k of Object.keys(v)) flattenInto(prefix === "" ? k : `${prefix}.${k}`, v[k], out);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => flattenInto(`${prefix}.${i}`, x, out));
  } else out.push([prefix, v]);
}

function flatten(v: unknown, skip?: string): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  if (isObj(v)) {
    for (const k of Object.keys(v)) if (k !== skip) flattenInto(k, v[k], out);
  }
  return out;
}

/** A vector's values: scalars as they are, arrays and objects as their JSON text (their positions in `nested`). */
function vector(x: unknown[]): Instance {
  let nested: number[] | undefined;
  const positional = x.map((v, i) => {
    if (isScalar(v)) return v;
    (nested ??= []).push(i);
    return JSON.stringify(v);
  });
  return nested ? { positional, nested } : { positional };
}

/** One input instance: a vector, `{"features": [...]}` (other keys named), an object, or a scalar. */
function inputInstance(x: unknown): Instance {
  if (Array.isArray(x)) return vector(x);
  if (isObj(x)) {
    if (Array.isArray(x.features)) {
      const inst: Instance = vector(x.features);
      const rest = flatten(x, "features");
      if (rest.length > 0) inst.named = rest;
      return inst;
    }
    return { named: flatten(x) };
  }
  return { positional: [x] };
}

/**
 * Input instances of a JSON body. `{"instances": [...]}` gives one instance per element
 * (scalars included: `{"instances": [1.0, 2.0]}` is two one-feature instances); a top-level
 * array of arrays/objects gives one per element, an array of scalars is one feature vector;
 * each JSON Lines document is one instance; anything else is one instance.
 */
export function jsonInputInstances(text: string, parse: JsonParse = JSON.parse): Instance[] {
  const { docs, lines } = parseJsonBody(text, parse);
  if (lines) return docs.map(inputInstance);
  const doc = docs[0];
  if (isObj(doc) && Array.isArray(doc.instances)) return doc.instances.map(inputInstance);
  if (Array.isArray(doc) && doc.length > 0 && doc.every((x) => !isScalar(x))) return doc.map(inputInstance);
  return [inputInstance(doc)];
}

/** One output instance: a scalar (`prediction`), an array (`prediction_0..`), or an object (flattened). */
function outputInstance(x: unknown): Instance {
  if (Array.isArray(x)) return vector(x);
  if (isObj(x)) return { named: flatten(x) };
  return { positional: [x] };
}

/**
 * Output instances of a JSON body. `{"predictions": [...]}` gives one instance per element;
 * each JSON Lines document is one; a top-level array of arrays/objects gives one per
 * element; a top-level array of scalars gives one per element only when the input had
 * exactly that many instances (>1), otherwise it is one instance's vector (class scores);
 * any other document is one instance.
 */
export function jsonOutputInstances(text: string, inputCount: number, parse: JsonParse = JSON.parse): Instance[] {
  const { docs, lines } = parseJsonBody(text, parse);
  if (lines) return docs.map(outputInstance);
  const doc = docs[0];
  if (isObj(doc) && Array.isArray(doc.predictions)) return doc.predictions.map(outputInstance);
  if (Array.isArray(doc)) {
    if (doc.length > 0 && doc.every((x) => !isScalar(x))) return doc.map(outputInstance);
    if (inputCount > 1 && doc.length === inputCount) return doc.map((x) => ({ positional: [x] }));
  }
  return [outputInstance(doc)];
}
