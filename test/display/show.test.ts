import { strict as assert } from "assert";
import {
  createProgress,
  progressBarHtml,
  progressText,
  setDisplayHost,
  showChart,
  showJson,
  showTable,
  predictionHistogramSpec,
  type DisplayHost,
} from "../../src/display";

/** A host that records what the helpers emit. */
function recordingHost(rich: boolean) {
  const events: Array<{ kind: string; body: string; slot?: number }> = [];
  let slots = 0;
  const host: DisplayHost = {
    rich,
    html: (body) => events.push({ kind: "html", body }),
    svg: (body) => events.push({ kind: "svg", body }),
    markdown: (body) => events.push({ kind: "markdown", body }),
    newSlot: rich
      ? () => {
          const id = ++slots;
          return { html: (body: string) => events.push({ kind: "slot", body, slot: id }) };
        }
      : () => undefined,
    line: (body) => events.push({ kind: "line", body }),
  };
  return { host, events };
}

describe("display: progress", () => {
  it("describes progress in one line, with rate and failures", () => {
    assert.equal(
      progressText({ label: "Invoking", done: 50, total: 200, failed: 1, elapsedMs: 500 }),
      "Invoking: 50/200 (25%) · 1 failed · 500 ms · 100 req/s",
    );
    assert.equal(progressText({ done: 0, total: 0 }), "0/0 (100%)");
  });

  it("draws the bar width from the fraction done and turns red on failures", () => {
    assert.match(progressBarHtml({ done: 1, total: 4 }), /width:25\.0%/);
    assert.match(progressBarHtml({ done: 1, total: 4, failed: 1 }), /#e45756/);
    assert.match(progressBarHtml({ done: 1, total: 4, label: "<x>" }), /&lt;x&gt;/);
  });
});

describe("display: show helpers", () => {
  afterEach(() => setDisplayHost(undefined));

  it("updates one slot in place and always shows the final state", () => {
    const { host, events } = recordingHost(true);
    setDisplayHost(host);
    const progress = createProgress("Invoking", { intervalMs: 60_000 });
    progress.update({ done: 1, total: 3 });
    progress.update({ done: 2, total: 3 });
    progress.done({ done: 3, total: 3, failed: 0, elapsedMs: 10 });
    progress.update({ done: 1, total: 3 });
    const slots = new Set(events.map((e) => e.slot));
    assert.deepEqual([...slots], [1]);
    assert.match(events[events.length - 1].body, /3\/3 \(100%\)/);
    assert.ok(events.length <= 3, `throttled updates, got ${events.length}`);
  });

  it("prints lines instead of throwing when no notebook is attached", () => {
    const { host, events } = recordingHost(false);
    setDisplayHost(host);
    const progress = createProgress("Upload", { intervalMs: 0 });
    progress.update({ done: 1, total: 2 });
    progress.done();
    assert.deepEqual(
      events.map((e) => e.kind),
      ["line", "line"],
    );
    assert.equal(events[1].body, "Upload: 1/2 (50%)");
  });

  it("falls back to the console in plain node (tslab not running)", () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (text: string) => lines.push(text);
    try {
      showTable([{ a: 1 }]);
      createProgress("x").done({ done: 1, total: 1 });
    } finally {
      console.log = original;
    }
    assert.equal(lines[0], "a\n1\n(1 rows × 1 columns)");
    assert.equal(lines[1], "x: 1/1 (100%)");
  });

  it("shows a table and a chart through the host", async function () {
    this.timeout(20_000);
    const { host, events } = recordingHost(true);
    setDisplayHost(host);
    showTable([{ a: 1 }], { caption: "T" });
    await showChart(predictionHistogramSpec([0.2]));
    assert.deepEqual(
      events.map((e) => e.kind),
      ["html", "svg"],
    );
    assert.match(events[0].body, /<caption>T<\/caption>/);
    assert.match(events[1].body, /^<svg/);
  });

  it("pretty-prints one record with long strings cut", () => {
    const { host, events } = recordingHost(true);
    setDisplayHost(host);
    showJson({ data: "9,".repeat(200), nested: { id: "<a>" } }, { maxStringChars: 20, title: "Record" });
    const body = events[0].body;
    assert.match(body, /<pre[^>]*>/);
    assert.match(body, /\(400 chars\)/);
    assert.ok(body.includes("&lt;a&gt;"));
    assert.ok(!body.includes("9,".repeat(20)));
  });
});
