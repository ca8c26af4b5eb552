import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CellRunner, type RequestIo } from "../../src/kernel/execution";
import { loadTslab } from "../../src/kernel/tslab";
import { setKernelChannel } from "../../src/kernel-channel";

interface Published {
  msgType: string;
  content: Record<string, unknown>;
}

const ROOT = path.resolve(__dirname, "..", "..");

describe("kernel: execution through tslab", function () {
  // One runner for the file: tslab's compiler takes a second or two to warm up.
  this.timeout(60_000);
  let runner: CellRunner;
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;

  before(() => {
    runner = new CellRunner(loadTslab(), ROOT);
  });
  after(() => {
    runner.executor.close();
    setKernelChannel(undefined);
  });

  async function run(
    code: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ reply: Record<string, unknown>; out: Published[] }> {
    const out: Published[] = [];
    const io: RequestIo = { publish: (msgType, content) => out.push({ msgType, content }) };
    try {
      const reply = await runner.execute({ code, ...extra }, io);
      return { reply, out };
    } finally {
      // The runner routes the process's output to the request, as a kernel does; mocha needs it back.
      process.stdout.write = stdoutWrite;
      process.stderr.write = stderrWrite;
    }
  }

  it("displays from the very first cell, through tslab's API and Capture Lab's", async () => {
    const displayModule = JSON.stringify(path.join(ROOT, "src", "display", "display.ts"));
    const { reply, out } = await run(
      `import * as tslab from "tslab"; tslab.display.html("<b>first</b>"); require(${displayModule}).display([{ a: 1 }]);`,
    );
    assert.equal(reply.status, "ok");
    const shown = out
      .filter((m) => m.msgType === "display_data")
      .map((m) => Object.keys(m.content.data as object).sort());
    assert.deepEqual(shown, [["text/html"], ["text/html", "text/plain"]]);
  });

  it("announces the cell with its count and sends the last value as an execute_result", async () => {
    const { reply, out } = await run("6 * 7");
    const count = reply.execution_count;
    assert.equal(reply.status, "ok");
    assert.deepEqual(out[0], { msgType: "execute_input", content: { code: "6 * 7", execution_count: count } });
    assert.deepEqual(out[1], {
      msgType: "execute_result",
      content: { execution_count: count, data: { "text/plain": "42" }, metadata: {} },
    });
  });

  it("a thrown DataCaptureConfigError shows its violations as a table above the error", async () => {
    const capture = JSON.stringify(path.join(ROOT, "src", "capture", "config.ts"));
    const { reply, out } = await run(
      `require(${capture}).buildDataCaptureConfig({ samplingPercentage: 150, destinationS3Uri: "bucket/no-scheme", csvContentTypes: ["text csv"] })`,
    );
    assert.equal(reply.status, "error");
    assert.equal(reply.ename, "DataCaptureConfigError");
    const kinds = out.map((m) => m.msgType).filter((t) => t === "display_data" || t === "error");
    assert.deepEqual(kinds, ["display_data", "error"]);
    const html = (out.find((m) => m.msgType === "display_data")?.content.data as Record<string, string>)["text/html"];
    assert.ok((html.match(/<tr>/g) ?? []).length >= 4, "a header row and one row per violation");
    for (const field of [/SamplingPercentage/i, /DestinationS3Uri/i, /text csv/]) assert.match(html, field);
  });

  it("a DataFrame as the last value is a table, not danfo's internals", async () => {
    const { out } = await run(
      'import * as dfd from "danfojs-node"; const df = new dfd.DataFrame({ a: [1, 2, 3] }); df.head(2)',
    );
    const result = out.find((m) => m.msgType === "execute_result");
    const data = result?.content.data as Record<string, string>;
    assert.match(data["text/html"], /<table class="capture-lab-table">/);
    assert.match(data["text/plain"], /2 rows × 1 column/);
    assert.ok(!out.some((m) => m.msgType === "stream"), "nothing printed");
  });

  it("console output is a stream; awaited values and promises keep working", async () => {
    const { out } = await run('console.log("hello"); await Promise.resolve(5)');
    assert.deepEqual(out[1], { msgType: "stream", content: { name: "stdout", text: "hello\n" } });
    assert.deepEqual(out[2].content.data as object, { "text/plain": "5" });
    const pending = await run("Promise.resolve(6)");
    assert.deepEqual(pending.out[1].content.data, { "text/plain": "Promise { 6 }" });
  });

  it("a failing cell sends an error with name, value and a traceback at the cell's line", async () => {
    const { reply, out } = await run('const x = 1;\nfunction f() {\n  throw new RangeError("too far");\n}\nf()');
    assert.equal(reply.status, "error");
    assert.equal(reply.ename, "RangeError");
    assert.equal(reply.evalue, "too far");
    const error = out.find((m) => m.msgType === "error");
    assert.deepEqual(error?.content, { ename: reply.ename, evalue: reply.evalue, traceback: reply.traceback });
    const tb = (reply.traceback as string[]).join("\n");
    assert.match(tb, new RegExp(`at f \\(Cell \\[${String(reply.execution_count)}\\], line 3\\)`));
    assert.match(tb, /--> 3 \| {3}throw new RangeError\("too far"\);/);
    assert.ok(!out.some((m) => m.msgType === "stream"), "the error is not also printed on stderr");
  });

  it("a type error names the line and column", async () => {
    const { reply } = await run('const n: number = "text";');
    assert.equal(reply.ename, "TypeScriptError");
    assert.equal(reply.evalue, "1:7 - Type 'string' is not assignable to type 'number'.");
  });

  it("an interrupt ends a waiting cell as a KeyboardInterrupt, and the next cell runs", async () => {
    const out: Published[] = [];
    const io: RequestIo = {
      publish: (msgType, content) => {
        out.push({ msgType, content });
        if (msgType === "stream") setImmediate(() => runner.interrupt());
      },
    };
    let reply: Record<string, unknown>;
    try {
      reply = await runner.execute(
        { code: 'console.log("waiting"); await new Promise((r) => setTimeout(r, 2000))' },
        io,
      );
    } finally {
      process.stdout.write = stdoutWrite;
      process.stderr.write = stderrWrite;
    }
    assert.equal(reply.status, "error");
    assert.equal(reply.ename, "KeyboardInterrupt");
    assert.equal((await run("1")).reply.status, "ok");
  });

  it("runs a top-level for await like any top-level await, alone or among other statements", async () => {
    const records = JSON.stringify(path.join(ROOT, "src", "read", "records.ts"));
    const fixture = JSON.stringify(path.join(ROOT, "test", "fixtures", "read", "csv-rows.jsonl"));
    const alone = await run(
      `const { readCaptureRecords } = require(${records});\nfor await (const r of readCaptureRecords(${fixture})) { console.log(r.line); break; }`,
    );
    assert.equal(alone.reply.status, "ok", JSON.stringify(alone.reply));
    assert.deepEqual(
      alone.out.filter((m) => m.msgType === "stream").map((m) => m.content.text),
      ["1\n"],
    );
    const among = await run(
      "async function* count() { yield 1; yield 2; yield 3; }\nlet total = 0;\nfor await (const n of count()) total += n;\ntotal",
    );
    assert.equal(among.reply.status, "ok", JSON.stringify(among.reply));
    assert.deepEqual(among.out.find((m) => m.msgType === "execute_result")?.content.data, { "text/plain": "6" });
    const later = await run("total * 2");
    assert.deepEqual(later.out.find((m) => m.msgType === "execute_result")?.content.data, { "text/plain": "12" });
  });

  it("danfojs' describe() and plot() errors are one-line pointers, not mathjs or Plotly stacks", async () => {
    const setup = await run(
      'import * as dfd from "danfojs-node";\nconst when = new dfd.DataFrame({ a: [1, NaN], t: [new Date(0), new Date(1)] }, { dtypes: ["float32", "datetime"] });',
    );
    assert.equal(setup.reply.status, "ok");
    const describeCell = await run("const n = when.shape[0];\n\nwhen.describe()");
    assert.equal(describeCell.reply.status, "error");
    const tb = describeCell.reply.traceback as string[];
    assert.match(
      tb[0],
      /^TypeError: danfojs' describe\(\) cannot summarize this frame.*describeFrame\(frame\) from capture-lab\/read/,
    );
    assert.ok(!tb.some((l) => /^\s+at /.test(l)), tb.join("\n"));
    assert.ok(
      tb.some((l) => /^--> 3 \| when\.describe\(\)/.test(l)),
      "the cell line is kept",
    );
    const plotCell = await run('when.column("a").plot("div").hist()');
    assert.match(String(plotCell.reply.evalue), /plot\(series\)\.hist\(\)/);
  });

  it("after an error, requests already queued are aborted unless stop_on_error is false", async () => {
    const failing = run('throw new Error("stop")');
    const queued = run("1");
    assert.equal((await failing).reply.status, "error");
    assert.equal((await queued).reply.status, "aborted");
    assert.equal((await run("2")).reply.status, "ok", "later requests run");

    const tolerant = run('throw new Error("go on")', { stop_on_error: false });
    const next = run("3");
    assert.equal((await tolerant).reply.status, "error");
    assert.equal((await next).reply.status, "ok");
  });
});

describe("kernel: a notebook outside the project importing the built library by path", function () {
  this.timeout(120_000);
  let tmp: string;
  let replies: Array<Record<string, unknown>>;

  // A fresh Node whose cwd is a folder outside the project, as the kernel of such a notebook is:
  // tslab's compiler takes its folder from the cwd, and a compiler made earlier in this process
  // (the block above) must not decide what resolves.
  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, "dist", "read", "index.js")), "run `npm run build` first (npm test does)");
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-outside-")));
    const read = path.join(ROOT, "dist", "read");
    const fixture = path.join(ROOT, "test", "fixtures", "read", "csv-rows.jsonl");
    const cells = [
      `import { loadCaptures } from ${JSON.stringify(read)};\nconst { frame } = await loadCaptures(${JSON.stringify(fixture)});`,
      'const h = frame.head(2); const s = frame.column("eventId"); const g = frame.groupby(["inferenceId"]); const v = s.values; const t = s.str;',
      // The danfojs module object itself is not re-exported: its types cannot be named from here.
      `import { danfo } from ${JSON.stringify(path.join(read, "danfo"))};\nconst config = danfo().Config;`,
    ];
    const script = `
      const { CellRunner } = require(${JSON.stringify(path.join(ROOT, "src", "kernel", "execution.ts"))});
      const { loadTslab } = require(${JSON.stringify(path.join(ROOT, "src", "kernel", "tslab.ts"))});
      const out = process.stdout.write.bind(process.stdout);
      (async () => {
        const runner = new CellRunner(loadTslab(), process.cwd());
        const replies = [];
        for (const code of ${JSON.stringify(cells)}) replies.push(await runner.execute({ code }, { publish: () => undefined }));
        runner.executor.close();
        out(JSON.stringify(replies));
        process.exit(0);
      })();`;
    const r = spawnSync(process.execPath, ["--import", require.resolve("tsx"), "-e", script], {
      cwd: tmp,
      encoding: "utf8",
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    assert.equal(r.status, 0, r.stderr);
    replies = JSON.parse(r.stdout.slice(r.stdout.indexOf("[{"))) as Array<Record<string, unknown>>;
  });
  after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it("names danfo's frame, series, group and values types through capture-lab/read", () => {
    assert.equal(replies[0].status, "ok", String(replies[0].evalue));
    assert.equal(replies[1].status, "ok", String(replies[1].evalue));
  });

  it("a type from a package the notebook's folder cannot see is explained in one line", () => {
    assert.equal(replies[2].status, "error");
    assert.equal(
      replies[2].evalue,
      `2:7 - 'config' has a type from danfojs-node, which TypeScript finds in ${path.join(ROOT, "node_modules")} but not from this notebook's folder ${tmp}: open the notebook inside ${ROOT}, or run \`npm install capture-lab\` in ${tmp}`,
    );
  });
});
