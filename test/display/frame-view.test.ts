import { strict as assert } from "assert";
import * as dfd from "danfojs-node";
import {
  danfoRows,
  frameViewHtml,
  frameViewText,
  isDanfoFrame,
  isDanfoSeries,
  objectRows,
  visibleRows,
} from "../../src/display/frame-view";

describe("display: frame view", () => {
  it("recognises danfo frames and series, and nothing else", () => {
    const df = new dfd.DataFrame({ a: [1, 2], b: ["x", "y"] });
    const head: unknown = df.head(1);
    const series: unknown = df["a"];
    assert.ok(isDanfoFrame(df));
    assert.ok(!isDanfoSeries(df));
    assert.ok(isDanfoSeries(series));
    assert.ok(isDanfoFrame(head), "head() returns the base package's DataFrame: still a frame");
    assert.ok(!isDanfoFrame({ columns: [], shape: [], index: [], values: [] }), "a plain object is not a frame");
  });

  it("shows every row of a short frame with its index, shape and dtypes", () => {
    const df = new dfd.DataFrame({ score: [0.5, 0.25], name: ["a<b", "c"] });
    const html = frameViewHtml(danfoRows(df));
    assert.match(html, /<th title="float32">score<\/th>/);
    assert.match(html, /a&lt;b/);
    assert.match(html, /2 rows × 2 columns · dtypes: float32 \(1\), string \(1\)/);
    const text = frameViewText(danfoRows(df));
    assert.deepEqual(text.split("\n").slice(0, 3), ["   score  name", "0  0.5    a<b", "1  0.25   c"]);
  });

  it("shows head and tail of a long frame around a gap row", () => {
    const n = 1000;
    const df = new dfd.DataFrame({ i: Array.from({ length: n }, (_, k) => k) });
    const text = frameViewText(danfoRows(df));
    const labels = text
      .split("\n")
      .slice(1, 12)
      .map((l) => l.split(/\s+/)[0]);
    assert.deepEqual(labels, ["0", "1", "2", "3", "4", "…", "995", "996", "997", "998", "999"]);
    assert.match(text, /\[1000 rows × 1 column/);
  });

  it("reads only the rows it shows", () => {
    const reads = new Set<number>();
    const values = new Proxy(
      Array.from({ length: 100_000 }, (_, k) => [k]),
      {
        get(target, prop, receiver) {
          if (typeof prop === "string" && /^\d+$/.test(prop)) reads.add(Number(prop));
          return Reflect.get(target, prop, receiver);
        },
      },
    );
    frameViewHtml(
      danfoRows({
        columns: ["k"],
        values,
        index: Array.from({ length: values.length }, (_, k) => k),
        shape: [values.length, 1],
      }),
    );
    assert.deepEqual(
      [...reads].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 99_995, 99_996, 99_997, 99_998, 99_999],
    );
  });

  it("names a series by its column and says it is a series", () => {
    const df = new dfd.DataFrame({ score: [1, 2, 3] });
    assert.match(frameViewText(danfoRows(df["score"])), /^\s+score\n0\s+1/);
    assert.match(frameViewHtml(danfoRows(df["score"])), /3 rows · Series/);
  });

  it("keeps both ends of a wide frame", () => {
    const cols = Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`c${k}`, [k]]));
    const html = frameViewHtml(danfoRows(new dfd.DataFrame(cols)));
    assert.match(html, />c0<\/th>/);
    assert.match(html, />c29<\/th>/);
    assert.match(html, /<th>…<\/th>/);
    assert.doesNotMatch(html, />c15<\/th>/);
  });

  it("takes the columns of an object array from the rows it shows", () => {
    const rows = [{ a: 1 }, { b: 2 }];
    const src = objectRows(rows);
    assert.deepEqual(src.names, ["a", "b"]);
    assert.equal(src.cell(1, 1), 2);
    assert.deepEqual(visibleRows(3, 60, 10), [0, 1, 2]);
  });

  it("follows JupyterLab's theme colours, with fallbacks", () => {
    const html = frameViewHtml(danfoRows(new dfd.DataFrame({ a: [1] })));
    assert.match(html, /var\(--jp-ui-font-color1, #222\)/);
    assert.match(html, /var\(--jp-layout-color2, #f3f5f7\)/);
  });
});
