import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseKernelArgs, runKernelCommand } from "../../src/cli/kernel-command";
import { main } from "../../src/cli";

describe("cli: kernel", () => {
  it("parses install and uninstall with one target", () => {
    assert.deepEqual(parseKernelArgs(["install"]), { action: "install", target: {} });
    assert.deepEqual(parseKernelArgs(["install", "--user"]), { action: "install", target: { user: true } });
    assert.deepEqual(parseKernelArgs(["uninstall", "--prefix", "/x"]), {
      action: "uninstall",
      target: { prefix: "/x" },
    });
    assert.deepEqual(parseKernelArgs(["install", "--prefix=/y"]), { action: "install", target: { prefix: "/y" } });
    assert.deepEqual(parseKernelArgs(["install", "--sys-prefix"]), { action: "install", target: { sysPrefix: true } });
  });

  it("says what is wrong with bad arguments", () => {
    assert.throws(() => parseKernelArgs([]), /expected install or uninstall/);
    assert.throws(() => parseKernelArgs(["instal"]), /unknown action "instal"/);
    assert.throws(() => parseKernelArgs(["install", "--prefix"]), /--prefix needs a directory/);
    assert.throws(() => parseKernelArgs(["install", "--global"]), /unknown option "--global"/);
  });

  it("installs and uninstalls through the command table", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-cli-kernel-"));
    const write = process.stdout.write;
    const out: string[] = [];
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    try {
      assert.equal(await main(["kernel", "install", "--prefix", tmp]), 0);
      assert.ok(fs.existsSync(path.join(tmp, "share", "jupyter", "kernels", "capture-lab", "kernel.json")));
      assert.equal(await runKernelCommand(["uninstall", "--prefix", tmp]), 0);
    } finally {
      process.stdout.write = write;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    assert.match(out.join(""), /Installed the "capture-lab" kernel/);
    assert.match(out.join(""), /Removed the "capture-lab" kernel/);
  });
});
