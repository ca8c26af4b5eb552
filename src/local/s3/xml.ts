/**
 * Minimal XML for the S3 wire: escaping, a tiny document builder for responses, and a strict
 * little parser for the two request bodies S3 clients send (Delete, CompleteMultipartUpload).
 */
import { S3Errors } from "./errors";

/** The S3 response namespace. */
const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

/** Escape text for element content or attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) =>
    c === "&"
      ? "&amp;"
      : c === "<"
        ? "&lt;"
        : c === ">"
          ? "&gt;"
          : c === '"'
            ? "&quot;"
            : c === "'"
              ? "&apos;"
              : "&#13;",
  );
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Resolve the five named entities and numeric character references; throws MalformedXML otherwise. */
export function unescapeXml(text: string): string {
  return text.replace(/&([^;&\s]{1,10});/g, (_m, name: string) => {
    if (name in NAMED) return NAMED[name];
    const m = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(name);
    const code = m ? (m[1][0] === "x" ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10)) : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff || code === 0)
      throw S3Errors.malformedXML(`unknown entity &${name};`);
    return String.fromCodePoint(code);
  });
}

/** A child in {@link renderXml}: `[name, value]`; falsy entries are skipped. */
export type XmlChild = readonly [string, XmlValue] | null | undefined | false;
/** Element content: text, or nested children. */
export type XmlValue = string | number | boolean | readonly XmlChild[];

function renderValue(value: XmlValue): string {
  if (Array.isArray(value)) return (value as readonly XmlChild[]).map(renderChild).join("");
  return escapeXml(String(value));
}

function renderChild(child: XmlChild): string {
  if (!child) return "";
  const [name, value] = child;
  return `<${name}>${renderValue(value)}</${name}>`;
}

/** Render a complete document, with the S3 namespace on its root element unless `namespaced` is false. */
export function renderXml(root: string, content: XmlValue, namespaced = true): string {
  const ns = namespaced ? ` xmlns="${S3_XMLNS}"` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${renderValue(content)}</${root}>`;
}

/** A parsed element: its local name, child elements and concatenated text. */
interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

/** Child elements named `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Text of the single child named `name`, or undefined. */
export function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name)?.text;
}

const MAX_DEPTH = 16;

/**
 * Parse a small XML document (no DTDs). Namespace prefixes are dropped from element names.
 * Throws `MalformedXML` with what went wrong for anything not well-formed.
 */
export function parseXml(xml: string): XmlElement {
  const tokens =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let m: RegExpExecArray | null;
  while ((m = tokens.exec(xml)) !== null) {
    const [, cdata, closing, rawName, , selfClosing, text, stray] = m;
    if (stray !== undefined) throw S3Errors.malformedXML(`unexpected "<" at offset ${m.index}`);
    const top = stack[stack.length - 1];
    if (cdata !== undefined || text !== undefined) {
      const value = cdata ?? unescapeXml(text as string);
      if (top) top.text += value;
      else if (value.trim() !== "") throw S3Errors.malformedXML(`text outside the root element at offset ${m.index}`);
      continue;
    }
    if (rawName === undefined) continue; // comment or processing instruction
    const name = rawName.includes(":") ? rawName.slice(rawName.indexOf(":") + 1) : rawName;
    if (closing) {
      if (!top || top.name !== name)
        throw S3Errors.malformedXML(`unexpected closing tag </${rawName}> at offset ${m.index}`);
      stack.pop();
      continue;
    }
    if (root && stack.length === 0) throw S3Errors.malformedXML("more than one root element");
    const el: XmlElement = { name, children: [], text: "" };
    if (top) top.children.push(el);
    else root = el;
    if (!selfClosing) {
      if (stack.length >= MAX_DEPTH) throw S3Errors.malformedXML("elements nested too deeply");
      stack.push(el);
    }
  }
  if (!root) throw S3Errors.malformedXML("no root element");
  if (stack.length > 0) throw S3Errors.malformedXML(`unclosed element <${stack[stack.length - 1].name}>`);
  return root;
}
