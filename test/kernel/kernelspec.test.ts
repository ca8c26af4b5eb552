import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  installKernelspec,
  kernelJson,
  kernelspecDir,
  KERNEL_DISPLAY_NAME,
  uninstallKernelspec,
  userDataDir,
} from "../../src/kernel/kernelspec";

describe("kernel: kernelspec install and uninstall", () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-kernelspec-"))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes Jupyter's layout under --prefix, pointing at this Node and this capture-lab's launcher", () => {
    const dir = installKernelspec({ prefix: tmp });
    assert.equal(dir, path.join(tmp, "share", "jupyter", "kernels", "capture-lab"));
    const spec = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8")) as {
      argv: string[];
      display_name: string;
      language: string;
    };
    assert.equal(spec.display_name, KERNEL_DISPLAY_NAME);
    assert.equal(spec.language, "typescript");
    assert.equal(spec.argv[0], process.execPath);
    assert.equal(spec.argv[1], path.resolve(__dirname, "..", "..", "dist", "kernel", "launcher.js"));
    assert.equal(spec.argv[2], "{connection_file}");
  });

  it("uninstall removes only what install wrote", () => {
    const dir = installKernelspec({ prefix: tmp });
    assert.equal(uninstallKernelspec({ prefix: tmp }), dir);
    assert.ok(!fs.existsSync(dir));
    assert.equal(uninstallKernelspec({ prefix: tmp }), undefined, "nothing left to remove");
    installKernelspec({ prefix: tmp });
    fs.writeFileSync(path.join(dir, "logo-64x64.png"), "mine");
    uninstallKernelspec({ prefix: tmp });
    assert.deepEqual(fs.readdirSync(dir), ["logo-64x64.png"]);
  });

  it("finds the user and environment directories as Jupyter does", () => {
    assert.equal(userDataDir({ JUPYTER_DATA_DIR: tmp }), tmp);
    assert.equal(userDataDir({ XDG_DATA_HOME: tmp }, "linux"), path.join(tmp, "jupyter"));
    assert.equal(userDataDir({}, "darwin"), path.join(os.homedir(), "Library", "Jupyter"));
    assert.equal(kernelspecDir({ user: true }, { JUPYTER_DATA_DIR: tmp }), path.join(tmp, "kernels", "capture-lab"));
    assert.equal(
      kernelspecDir({}, { JUPYTER_DATA_DIR: tmp }),
      path.join(tmp, "kernels", "capture-lab"),
      "--user is the default",
    );
    assert.equal(
      kernelspecDir({ sysPrefix: true }, { VIRTUAL_ENV: tmp }),
      path.join(tmp, "share", "jupyter", "kernels", "capture-lab"),
    );
    assert.throws(
      () => kernelspecDir({ user: true, prefix: tmp }),
      /choose one of --user, --sys-prefix and --prefix DIR/,
    );
  });

  it("the kernel.json can name another Node and launcher", () => {
    assert.deepEqual((kernelJson({ node: "/n", launcher: "/l.js" }) as { argv: string[] }).argv, [
      "/n",
      "/l.js",
      "{connection_file}",
    ]);
  });
});
