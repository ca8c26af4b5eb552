import { strict as assert } from "assert";
import * as dfd from "danfojs-node";
import { display } from "../../src/display/display";
import { createProgress, showTable } from "../../src/display/show";
import { setKernelChannel, type DisplayOptions } from "../../src/kernel-channel";

describe("display: display(x) and the kernel channel", () => {
  const sent: Array<{ bundle: Record<string, unknown>; options?: DisplayOptions }> = [];
  beforeEach(() => {
    sent.length = 0;
    setKernelChannel({ display: (bundle, options) => sent.push({ bundle, options }) });
  });
  afterEach(() => setKernelChannel(undefined));

  it("display(frame) sends the whole bundle: HTML table and text fallback", () => {
    display(new dfd.DataFrame({ a: [1] }));
    assert.equal(sent.length, 1);
    assert.deepEqual(Object.keys(sent[0].bundle).sort(), ["text/html", "text/plain"]);
  });

  it("helpers send their text fallback along with the HTML", () => {
    showTable([{ a: 1 }]);
    assert.match(String(sent[0].bundle["text/plain"]), /a/);
    assert.match(String(sent[0].bundle["text/html"]), /<table/);
  });

  it("a progress bar is one output replaced in place", () => {
    const bar = createProgress("Invoking", { intervalMs: 0 });
    bar.update({ done: 1, total: 2 });
    bar.done({ done: 2, total: 2 });
    const ids = new Set(sent.map((s) => s.options?.displayId));
    assert.equal(ids.size, 1);
    assert.deepEqual(
      sent.map((s) => s.options?.update),
      [false, true, true],
    );
  });

  it("outside a kernel display(x) prints the text form", () => {
    setKernelChannel(undefined);
    const lines: string[] = [];
    const log = console.log;
    console.log = (text: string) => lines.push(text);
    try {
      display([{ a: 1 }]);
    } finally {
      console.log = log;
    }
    assert.match(lines.join("\n"), /1 row × 1 column/);
  });
});
