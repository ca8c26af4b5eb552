import { strict as assert } from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { installKernelspec } from "../../src/kernel/kernelspec";

const ROOT = path.resolve(__dirname, "..", "..");
/** Debian's python3 carries python3-jupyter-kernel-test (scripts/ensure-system-deps.sh installs it). */
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

function hasKernelTestSuite(): boolean {
  return spawnSync(PYTHON, ["-c", "import jupyter_kernel_test"], { stdio: "ignore" }).status === 0;
}

describe("kernel: the launched kernel under Jupyter's conformance suite (jupyter_kernel_test)", function () {
  this.timeout(180_000);
  let tmp: string;

  before(function () {
    if (!hasKernelTestSuite()) {
      console.log("    (skipped: python3 -m jupyter_kernel_test is missing; run scripts/ensure-system-deps.sh)");
      this.skip();
    }
    assert.ok(
      fs.existsSync(path.join(ROOT, "dist", "kernel", "launcher.js")),
      "run `npm run build` first (npm test does)",
    );
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-conformance-"));
    installKernelspec({ prefix: tmp });
  });
  after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it("passes kernel_info, streams, execute_result, display_data, error, completion, inspection, is_complete, and interrupts", async () => {
    const env = { ...process.env, JUPYTER_PATH: path.join(tmp, "share", "jupyter"), PYTHONUNBUFFERED: "1" };
    const child = spawn(PYTHON, [path.join(__dirname, "launcher_conformance.py")], { cwd: ROOT, env });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 0, output);
    for (const name of [
      "kernel_info",
      "execute_stdout",
      "execute_stderr",
      "execute_result",
      "display_data",
      "error",
      "completion",
      "inspect",
      "is_complete",
    ]) {
      assert.match(output, new RegExp(`test_${name} \\(.*\\) \\.\\.\\. ok`), `test_${name} ran and passed\n${output}`);
    }
  });
});
