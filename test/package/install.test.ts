/**
 * The packed package, installed as a user would: `npm pack`, then `npm install <tarball>` into an
 * empty project (registry and local cache only), then the library, the CLI and the kernel used
 * from that project.
 */
import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe("package: npm pack, install into a fresh project, use it from there", function () {
  this.timeout(300_000);
  let tmp: string;
  let project: string;

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, "dist", "index.js")), "run `npm run build` first (npm test does)");
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-package-"));
    const packed = run(NPM, ["pack", "--silent", "--pack-destination", tmp], ROOT).trim().split("\n").pop()!;
    project = path.join(tmp, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "fresh-project", version: "1.0.0", private: true }),
    );
    // Installs from the registry (or the local cache); nothing else is reachable here, so a
    // dependency that downloads at install time fails this step.
    run(NPM, ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(tmp, packed)], project);
  });
  after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it("installs danfojs-node without the native @tensorflow/tfjs-node", () => {
    const tfjsNode = JSON.parse(
      fs.readFileSync(path.join(project, "node_modules", "@tensorflow", "tfjs-node", "package.json"), "utf8"),
    ) as { name: string };
    assert.equal(tfjsNode.name, "@tensorflow/tfjs", "danfojs-node's tfjs-node dependency is the pure-JS build");
    assert.ok(
      !fs.existsSync(path.join(project, "node_modules", "@tensorflow", "tfjs-node", "lib", "napi-v8")),
      "no native binary",
    );
  });

  it("the library loads captures into a danfojs DataFrame", () => {
    fs.copyFileSync(
      path.join(ROOT, "test", "fixtures", "read", "csv-rows.jsonl"),
      path.join(project, "captures.jsonl"),
    );
    const script = `
      const { loadCaptures } = require("capture-lab");
      const dfd = require("danfojs-node");
      loadCaptures("captures.jsonl").then(({ frame, report }) => {
        console.log(JSON.stringify({ shape: frame.shape, isDanfo: frame instanceof dfd.DataFrame, records: report.recordsRead }));
      });`;
    const out = JSON.parse(run(process.execPath, ["-e", script], project).trim()) as {
      shape: number[];
      isDanfo: boolean;
      records: number;
    };
    assert.equal(out.records, 4);
    assert.equal(out.isDanfo, true);
    assert.ok(out.shape[0] >= 4);
  });

  it("every entry point loads at run time and type-checks for TypeScript users (exports, typesVersions)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
    };
    const subpaths = Object.keys(pkg.exports)
      .filter((s) => s !== "./package.json")
      .map((s) => (s === "." ? "capture-lab" : `capture-lab/${s.slice(2)}`));
    // One name each entry point is for: the front door's and each concern's.
    const probe: Record<string, string> = {
      "capture-lab": "connect",
      "capture-lab/capture": "parseCaptureLine",
      "capture-lab/read": "loadCaptures",
      "capture-lab/aws": "deployModel",
      "capture-lab/session": "resolveTarget",
      "capture-lab/local": "startLocalStack",
      "capture-lab/monitor": "runMonitor",
      "capture-lab/display": "showTable",
      "capture-lab/athena": "captureTableDdl",
      "capture-lab/replay": "replayCaptures",
    };
    assert.deepEqual(subpaths.sort(), Object.keys(probe).sort(), "a new entry point needs its probe here");
    const loaded = JSON.parse(
      run(
        process.execPath,
        [
          "-e",
          `console.log(JSON.stringify(${JSON.stringify(subpaths)}.map((s) => typeof require(s)[${JSON.stringify(probe)}[s]])))`,
        ],
        project,
      ).trim(),
    ) as string[];
    assert.deepEqual(
      loaded,
      subpaths.map(() => "function"),
    );
    // node10 resolution reads typesVersions, node16 reads exports: both must find every entry's types.
    const source = subpaths.map((s, i) => `import { ${probe[s]} as n${i} } from "${s}";\nvoid n${i};`).join("\n");
    fs.writeFileSync(path.join(project, "entry-points.ts"), source + "\n");
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    for (const [module, resolution] of [
      ["commonjs", "node10"],
      ["node16", "node16"],
    ]) {
      const flags = ["--noEmit", "--skipLibCheck", "--strict", "--types", "node", "--module", module];
      run(process.execPath, [tsc, ...flags, "--moduleResolution", resolution, "entry-points.ts"], project);
    }
  });

  it("the CLI runs and installs the kernelspec pointing at the project's capture-lab", () => {
    const bin = path.join(
      project,
      "node_modules",
      ".bin",
      process.platform === "win32" ? "capture-lab.cmd" : "capture-lab",
    );
    assert.match(run(bin, ["--help"], project), /kernel\s+Install or remove the capture-lab Jupyter kernel/);
    const prefix = path.join(tmp, "prefix");
    run(bin, ["kernel", "install", "--prefix", prefix], project);
    const spec = JSON.parse(
      fs.readFileSync(path.join(prefix, "share", "jupyter", "kernels", "capture-lab", "kernel.json"), "utf8"),
    ) as { argv: string[] };
    assert.equal(
      fs.realpathSync(spec.argv[1]),
      fs.realpathSync(path.join(project, "node_modules", "capture-lab", "dist", "kernel", "launcher.js")),
    );
  });

  it("the installed kernel runs cells in the project: a frame as the last value is a table", function () {
    if (spawnSync(PYTHON, ["-c", "import jupyter_client"], { stdio: "ignore" }).status !== 0) {
      console.log("    (skipped: python3 jupyter_client is missing; run scripts/ensure-system-deps.sh)");
      this.skip();
    }
    const prefix = path.join(tmp, "prefix");
    if (!fs.existsSync(prefix))
      run(
        path.join(project, "node_modules", ".bin", "capture-lab"),
        ["kernel", "install", "--prefix", prefix],
        project,
      );
    const env = { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter") };
    const cells = [
      "1 + 1",
      'import { loadCaptures } from "capture-lab";\nconst { frame } = await loadCaptures("captures.jsonl");\nframe.head(2)',
    ];
    const lines = execFileSync(PYTHON, [path.join(__dirname, "execute.py"), ...cells], {
      cwd: project,
      env,
      encoding: "utf8",
    })
      .trim()
      .split("\n");
    const [sum, table] = lines.map(
      (l) =>
        JSON.parse(l) as {
          status: string;
          outputs: Array<{ type: string; content: { data?: Record<string, string> } }>;
        },
    );
    assert.equal(sum.status, "ok");
    assert.deepEqual(sum.outputs.find((o) => o.type === "execute_result")?.content.data, { "text/plain": "2" });
    assert.equal(table.status, "ok", JSON.stringify(table.outputs));
    const data = table.outputs.find((o) => o.type === "execute_result")?.content.data ?? {};
    assert.match(data["text/html"], /<table class="capture-lab-table">/);
    assert.match(data["text/plain"], /2 rows ×/);
  });
});
