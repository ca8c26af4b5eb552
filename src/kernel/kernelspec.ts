/**
 * Installs and removes the `capture-lab` kernelspec in Jupyter's layout
 * (`<data dir>/kernels/capture-lab/kernel.json`), pointing at this copy of capture-lab's
 * launcher and at the Node running the install, so the kernel runs the installing project's
 * own capture-lab whatever the notebook's folder or the PATH.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The kernelspec name notebooks refer to. */
export const KERNEL_NAME = "capture-lab";
/** The name shown in Jupyter's launcher and kernel picker. */
export const KERNEL_DISPLAY_NAME = "TypeScript (Capture Lab)";

/** Where to install: exactly one of these, `user` when none is given. */
export interface KernelspecTarget {
  /** The per-user Jupyter data directory. */
  user?: boolean;
  /** The active Python environment's prefix (virtualenv, conda, else the `python3` on the PATH). */
  sysPrefix?: boolean;
  /** `DIR/share/jupyter/kernels/capture-lab`. */
  prefix?: string;
}

/** Jupyter's per-user data directory, as `jupyter --data-dir` reports it. */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.JUPYTER_DATA_DIR) return path.resolve(env.JUPYTER_DATA_DIR);
  if (platform === "darwin") return path.join(os.homedir(), "Library", "Jupyter");
  if (platform === "win32") return path.join(env.APPDATA ?? path.join(os.homedir(), "AppData", "Roaming"), "jupyter");
  return path.join(env.XDG_DATA_HOME || path.join(os.homedir(), ".local", "share"), "jupyter");
}

/** The Python environment prefix `--sys-prefix` installs under. */
export function sysPrefix(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIRTUAL_ENV) return env.VIRTUAL_ENV;
  if (env.CONDA_PREFIX) return env.CONDA_PREFIX;
  try {
    return execFileSync("python3", ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      "--sys-prefix: no virtualenv or conda environment is active and python3 was not found; use --user or --prefix DIR",
    );
  }
}

/** The kernelspec directory for a target. */
export function kernelspecDir(target: KernelspecTarget, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = [target.user, target.sysPrefix, target.prefix !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new Error("choose one of --user, --sys-prefix and --prefix DIR");
  if (target.prefix !== undefined)
    return path.join(path.resolve(target.prefix), "share", "jupyter", "kernels", KERNEL_NAME);
  if (target.sysPrefix) return path.join(sysPrefix(env), "share", "jupyter", "kernels", KERNEL_NAME);
  return path.join(userDataDir(env), "kernels", KERNEL_NAME);
}

/** The launcher script of this copy of capture-lab (compiled `dist/kernel/launcher.js`). */
export function launcherPath(): string {
  const compiled = path.join(__dirname, "launcher.js");
  if (fs.existsSync(compiled)) return compiled;
  // Running from sources (tests through tsx): the build output sits beside them.
  return path.join(__dirname, "..", "..", "dist", "kernel", "launcher.js");
}

/** The `kernel.json` contents for this copy of capture-lab and this Node. */
export function kernelJson(options: { node?: string; launcher?: string } = {}): Record<string, unknown> {
  return {
    argv: [options.node ?? process.execPath, options.launcher ?? launcherPath(), "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "signal",
    env: {
      // Captures loaded into frames need more than Node's default heap.
      NODE_OPTIONS: "--max-old-space-size=8192",
      // The AWS SDK's Node-version notice would show under the first cell that loads it.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    metadata: { capture_lab: { launcher: options.launcher ?? launcherPath() } },
  };
}

/** Writes the kernelspec; returns its directory. */
export function installKernelspec(target: KernelspecTarget, env: NodeJS.ProcessEnv = process.env): string {
  const dir = kernelspecDir(target, env);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), `${JSON.stringify(kernelJson(), null, 2)}\n`);
  return dir;
}

/**
 * Removes the kernelspec; returns its directory, or `undefined` when none was installed there.
 * Only `kernel.json` is removed, then the directory if that left it empty, so nothing else a
 * user put there is lost.
 */
export function uninstallKernelspec(
  target: KernelspecTarget,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const dir = kernelspecDir(target, env);
  const file = path.join(dir, "kernel.json");
  if (!fs.existsSync(file)) return undefined;
  fs.rmSync(file);
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  return dir;
}
