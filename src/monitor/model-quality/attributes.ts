/**
 * Picking a value out of a model's output or a dataset row (pure): `--inference-attribute` and
 * `--probability-attribute` as a CSV index (`0`), a JSONPath (`$.predictions[0].score`,
 * `$['label']`) or a plain key (`score` = `$.score`).
 */
import { csvFieldTexts } from "../../read/csv-payload";
import { ModelQualityError } from "./errors";

/** A parsed attribute. */
export type Attribute =
  { kind: "index"; index: number; text: string } | { kind: "path"; path: Array<string | number>; text: string };

/**
 * Parses an attribute.
 * @throws ModelQualityError naming `flag` for a path it cannot read.
 */
export function parseAttribute(text: string, flag = "attribute"): Attribute {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { kind: "index", index: Number(t), text: t };
  if (!t.startsWith("$")) {
    if (t === "") throw new ModelQualityError(`${flag}: expected a CSV index or a JSONPath, got ""`, { field: flag });
    return { kind: "path", path: [t], text: t };
  }
  const path: Array<string | number> = [];
  let i = 1;
  const bad = (why: string) =>
    new ModelQualityError(`${flag}: cannot read JSONPath "${t}" at character ${i + 1}: ${why}`, { field: flag });
  while (i < t.length) {
    if (t[i] === ".") {
      const m = /^[A-Za-z_$][\w$-]*/.exec(t.slice(i + 1));
      if (!m) throw bad("expected a key after '.'");
      path.push(m[0]);
      i += 1 + m[0].length;
    } else if (t[i] === "[") {
      const m = /^\[(?:(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(t.slice(i));
      if (!m) throw bad("expected [n], ['key'] or [\"key\"]");
      path.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? m[3])!.replace(/\\(.)/g, "$1"));
      i += m[0].length;
    } else throw bad("expected '.' or '['");
  }
  return { kind: "path", path, text: t };
}

/** The text of a JSON value picked by `path`, or why there is none. */
export function selectJson(doc: unknown, attribute: Attribute & { kind: "path" }): string | { problem: string } {
  let v = doc;
  for (const step of attribute.path) {
    if (typeof step === "number") {
      if (!Array.isArray(v)) return { problem: `${attribute.text}: expected an array before [${step}]` };
      v = v[step];
    } else {
      if (typeof v !== "object" || v === null || Array.isArray(v))
        return { problem: `${attribute.text}: expected an object with key "${step}"` };
      v = (v as Record<string, unknown>)[step];
    }
    if (v === undefined) return { problem: `${attribute.text}: not found in the output` };
  }
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return String(v);
  return { problem: `${attribute.text}: expected a number or string, got ${v === null ? "null" : typeof v}` };
}

/** Field `index` of one CSV line (quoted fields read as Spark does), or why there is none. */
export function selectCsv(line: string, index: number): string | { problem: string } {
  if (index === 0 && !line.includes(",") && !line.includes('"')) return line.trim();
  let fields: Array<string | null>;
  try {
    fields = csvFieldTexts(line)[0] ?? [];
  } catch (e) {
    return { problem: (e as Error).message };
  }
  if (index >= fields.length) return { problem: `column ${index} asked, the output has ${fields.length}` };
  const v = fields[index];
  return v === null ? { problem: `column ${index} is empty` } : v.trim();
}

/** The value an attribute picks from an output payload (CSV or JSON text). */
export function selectOutputValue(
  text: string,
  kind: "csv" | "json",
  attribute: Attribute,
  parsed?: { doc?: unknown },
): string | { problem: string } {
  if (kind === "json") {
    let doc: unknown;
    if (parsed && "doc" in parsed) doc = parsed.doc;
    else {
      try {
        doc = JSON.parse(text);
      } catch (e) {
        return { problem: `output is not JSON (${(e as Error).message})` };
      }
      if (parsed) parsed.doc = doc;
    }
    if (attribute.kind === "index") {
      if (Array.isArray(doc)) return selectJson(doc, { kind: "path", path: [attribute.index], text: attribute.text });
      if (attribute.index === 0 && (typeof doc === "number" || typeof doc === "string")) return String(doc);
      return { problem: `index ${attribute.index} of a JSON output that is not an array; use a JSONPath` };
    }
    return selectJson(doc, attribute);
  }
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  const line = end === text.length ? text : text.slice(0, end);
  if (line.includes("\n"))
    return { problem: "output has several lines; model quality takes one prediction per capture" };
  if (attribute.kind !== "index")
    return { problem: `${attribute.text}: a CSV output needs a column index (0, 1, ...)` };
  return selectCsv(line, attribute.index);
}
