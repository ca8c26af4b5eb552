import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { listKernelspecs, runJupyter } from "../../scripts/lib/jupyter";
import { KERNEL_NAME, kernelspecRoot } from "../../scripts/lib/kernel";
import { makeNotebooks, notebookSources, parseNotebookSource } from "../../scripts/lib/make-notebooks";
import { joined, missingJupyter, readNotebook, ROOT } from "./helpers";

describe("notebooks: sources and committed notebooks", () => {
  it("every committed notebook is generated from its source and carries no outputs", () => {
    assert.deepEqual(
      makeNotebooks(path.join(ROOT, "notebooks"), true),
      [],
      "run `npx tsx scripts/lib/make-notebooks.ts`",
    );
    const sources = notebookSources(path.join(ROOT, "notebooks"));
    assert.deepEqual(
      sources.map((s) => s.name.slice(0, 2)),
      ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"],
    );
    for (const { notebook } of sources) {
      const nb = readNotebook(notebook) as ReturnType<typeof readNotebook> & {
        metadata: { kernelspec: { name: string; language: string } };
      };
      assert.equal(nb.metadata.kernelspec.name, KERNEL_NAME);
      assert.equal(nb.metadata.kernelspec.language, "typescript");
      assert.equal(nb.cells[0].cell_type, "markdown", `${notebook} starts by saying what the step does`);
      for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
        assert.equal(cell.execution_count, null);
        assert.deepEqual(cell.outputs, []);
        assert.ok(!/\busing\s+\w+\s*=/.test(joined(cell.source)), "no TS 5.2 `using` (tslab bundles TS 5.0)");
      }
    }
  });

  it("splits a source into Markdown and code cells and rejects an unclosed fence", () => {
    const cells = parseNotebookSource("# T\n\ntext\n\n```typescript\nconst a = 1;\n```\nmore\n");
    assert.deepEqual(cells, [
      { kind: "markdown", text: "# T\n\ntext" },
      { kind: "code", text: "const a = 1;" },
      { kind: "markdown", text: "more" },
    ]);
    assert.throws(() => parseNotebookSource("a\n```ts\nx\n", "f.md"), /f\.md:2: code fence/);
  });
});

describe("notebooks: Jupyter toolchain", function () {
  this.timeout(120_000);
  let dir: string;

  before(function () {
    const why = missingJupyter();
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    // Inside the repo on purpose: tslab type-checks cells with the @types/node it finds in a
    // node_modules above the notebook, and without one even `console` is unknown.
    fs.mkdirSync(path.join(ROOT, "build"), { recursive: true });
    dir = fs.mkdtempSync(path.join(ROOT, "build", "toolchain-test-"));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it("finds the project kernelspec through an absolute JUPYTER_PATH", async () => {
    const dir = listKernelspecs()[KERNEL_NAME];
    assert.ok(dir, `${KERNEL_NAME} kernelspec listed`);
    assert.equal(fs.realpathSync(dir), fs.realpathSync(path.join(kernelspecRoot(ROOT), "kernels", KERNEL_NAME)));
  });

  it("the nbconvert hooks record counts, name tslab errors and run every cell after a failure", async () => {
    const cell = (source: string) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
    const nb = {
      cells: [
        cell("1 + 1"),
        cell('throw new Error("first failure")'),
        cell('const n: number = "text";'),
        cell('console.log("still running")'),
      ],
      metadata: { kernelspec: { name: KERNEL_NAME, display_name: "TypeScript", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 4,
    };
    const input = path.join(dir, "probe.ipynb");
    fs.writeFileSync(input, JSON.stringify(nb));
    const config = path.join(ROOT, "jupyter", "nbconvert_config.py");
    const run = await runJupyter([
      "nbconvert",
      "--config",
      config,
      "--to",
      "notebook",
      "--execute",
      "--allow-errors",
      "--output-dir",
      path.join(dir, "out"),
      input,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const out = readNotebook(path.join(dir, "out", "probe.ipynb"));
    assert.deepEqual(
      out.cells.map((c) => typeof c.execution_count),
      ["number", "number", "number", "number"],
    );
    assert.match(joined(out.cells[3].outputs?.[0]?.text), /still running/);
    assert.ok(!out.cells.flatMap((c) => c.outputs ?? []).some((o) => o.ename === "TslabAborted"), "no cell skipped");

    // Without --allow-errors nbconvert fails, and the message names tslab's error.
    const strict = await runJupyter([
      "nbconvert",
      "--config",
      config,
      "--to",
      "notebook",
      "--execute",
      "--output-dir",
      path.join(dir, "strict"),
      input,
    ]);
    assert.notEqual(strict.code, 0);
    assert.match(strict.stderr, /Error: first failure/);
  });
});
