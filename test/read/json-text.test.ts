/** parseJsonText: JSON.parse's documents and objects, with each number's text kept. */
import { strict as assert } from "node:assert";
import { JsonNumber, jsonValueText, parseJsonText } from "../../src/read/json-text";

/** The document with every JsonNumber read as JSON.parse would have read it. */
function plain(v: unknown): unknown {
  if (v instanceof JsonNumber) return Number(v.text);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, {
        value: plain((v as Record<string, unknown>)[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return v;
}

describe("read/json-text (numbers keep their text)", () => {
  it("numbers keep the text they were written as", () => {
    const doc = parseJsonText('{"a": 260.0, "b": [1, -0.50, 1E+3, 0]}') as Record<string, unknown>;
    assert.equal((doc.a as JsonNumber).text, "260.0");
    assert.deepEqual(
      (doc.b as JsonNumber[]).map((n) => n.text),
      ["1", "-0.50", "1E+3", "0"],
    );
    assert.equal(jsonValueText(doc.a), "260.0");
    assert.equal(JSON.stringify(doc.b), "[1,-0.5,1000,0]"); // nested values print as JSON.parse's would
  });

  it("accepts and builds what JSON.parse does: same values, same key order, last duplicate wins, __proto__ an own key", () => {
    const docs = [
      '{"b": 1, "a": {"c": [true, false, null]}, "1": "x"}',
      '  [ "\\u00e9\\n\\"q\\"", {}, [], -0, 1.5e-7 ]  ',
      '{"k": 1, "k": 2}',
      '{"__proto__": {"x": 1}}',
      '"just a string"',
      "12",
    ];
    for (const d of docs) assert.deepEqual(plain(parseJsonText(d)), JSON.parse(d), d);
    const proto = parseJsonText('{"__proto__": 5}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(proto), ["__proto__"]);
  });

  it("refuses what JSON.parse refuses, saying where", () => {
    for (const bad of ["", "[1,]", "{'a': 1}", "01", "1.", "[1 2]", '"a\nb"', "tru", "{} x", "NaN", "[1", '"\\x"']) {
      assert.throws(() => JSON.parse(bad), SyntaxError, bad);
      assert.throws(() => parseJsonText(bad), /at position \d+/, bad);
    }
  });
});
