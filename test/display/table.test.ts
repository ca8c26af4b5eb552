import { strict as assert } from "assert";
import * as dfd from "danfojs-node";
import { frameToHtml, frameToText, rowsToFrame } from "../../src/display";

/** Rows of the rendered `<tbody>`, each as the text of its cells. */
function bodyRows(html: string): string[][] {
  const body = html.split("<tbody>")[1].split("</tbody>")[0];
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => c[1]),
  );
}

describe("display: frameToHtml", () => {
  it("renders a danfojs frame and its head() with index, header and cells", () => {
    const df = new dfd.DataFrame({ id: ["a", "b", "c"], score: [0.5, 0.25, 1] });
    const html = frameToHtml(df.head(2));
    assert.match(html, /<th>id<\/th><th>score<\/th>/);
    assert.deepEqual(bodyRows(html), [
      ["0", "a", "0.5"],
      ["1", "b", "0.25"],
    ]);
    assert.match(html, /2 rows × 2 columns/);
  });

  it("escapes HTML in headers and cells", () => {
    const html = frameToHtml([{ "<b>": "<script>alert('x')</script>", n: 1 }]);
    assert.ok(!html.includes("<script>"));
    assert.ok(html.includes("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert.ok(html.includes("<th>&lt;b&gt;</th>"));
  });

  it("shows dates as ISO-8601 and missing values as a dash", () => {
    const html = frameToHtml([
      { t: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), v: null },
      { t: undefined, v: Number.NaN },
    ]);
    assert.deepEqual(bodyRows(html), [
      ["2024-01-02T03:04:05.000Z", "–"],
      ["–", "–"],
    ]);
  });

  it("limits rows and notes how many there are", () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ i }));
    const html = frameToHtml(rows, { maxRows: 5, caption: "Numbers" });
    assert.equal(bodyRows(html).length, 5);
    assert.match(html, /30 rows × 1 column · showing the first 5/);
    assert.match(html, /<caption>Numbers<\/caption>/);
  });

  it("keeps the first and last columns of a wide frame", () => {
    const row: Record<string, number> = {};
    for (let c = 0; c < 40; c++) row[`f${c}`] = c;
    const html = frameToHtml([row], { maxColumns: 5 });
    const headers = [...html.matchAll(/<th>(.*?)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(headers, ["f0", "f1", "…", "f38", "f39"]);
    assert.match(html, /36 columns hidden/);
  });

  it("uses a custom number format and cuts long text keeping it in a tooltip", () => {
    const long = "x".repeat(100);
    const html = frameToHtml([{ p: 0.123456, s: long }], { numberFormat: (v) => v.toFixed(1), maxCellChars: 10 });
    const [[p, s]] = bodyRows(html);
    assert.equal(p, "0.1");
    assert.equal(s, `${"x".repeat(9)}…`);
    assert.ok(html.includes(`title="${long}"`));
  });

  it("reads a 1-D values array (a Series) as one column", () => {
    const html = frameToHtml({ columns: ["v"], values: [1, 2], shape: [2] });
    assert.deepEqual(bodyRows(html), [["1"], ["2"]]);
  });

  it("builds frames from rows with the union of keys in first-seen order", () => {
    const frame = rowsToFrame([{ a: 1 }, { b: 2, a: 3 }]);
    assert.deepEqual(frame.columns, ["a", "b"]);
    assert.deepEqual(frame.values, [
      [1, undefined],
      [3, 2],
    ]);
  });

  it("renders a plain-text table for terminals", () => {
    const text = frameToText([
      { name: "x", n: 10 },
      { name: "yy", n: 2 },
    ]);
    assert.equal(text, "name  n\nx     10\nyy    2\n(2 rows × 2 columns)");
  });
});
