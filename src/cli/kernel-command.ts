/**
 * `capture-lab kernel install|uninstall`: writes or removes the `capture-lab` Jupyter kernelspec
 * for this project's copy of capture-lab.
 */
import {
  installKernelspec,
  KERNEL_DISPLAY_NAME,
  KERNEL_NAME,
  uninstallKernelspec,
  type KernelspecTarget,
} from "../kernel/kernelspec";

/** Help text of `capture-lab kernel`. */
export const KERNEL_HELP = `Usage: capture-lab kernel install [--user | --sys-prefix | --prefix DIR]
       capture-lab kernel uninstall [--user | --sys-prefix | --prefix DIR]

Install (or remove) the "${KERNEL_NAME}" Jupyter kernel ("${KERNEL_DISPLAY_NAME}"): tslab with
Capture Lab's rich display, running this project's capture-lab with this Node.

Options:
  --user          the per-user Jupyter data directory (default)
  --sys-prefix    the active Python environment (virtualenv or conda)
  --prefix DIR    DIR/share/jupyter/kernels/${KERNEL_NAME}
  -h, --help      show this help
`;

/** Parsed `kernel` arguments. */
interface KernelArgs {
  action: "install" | "uninstall";
  target: KernelspecTarget;
}

/** Parses `kernel` arguments; throws an Error with a message for the user on bad input. */
export function parseKernelArgs(argv: readonly string[]): KernelArgs {
  const [action, ...rest] = argv;
  if (action !== "install" && action !== "uninstall") {
    throw new Error(
      action === undefined
        ? "expected install or uninstall"
        : `unknown action "${action}" (expected install or uninstall)`,
    );
  }
  const target: KernelspecTarget = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--user") target.user = true;
    else if (arg === "--sys-prefix") target.sysPrefix = true;
    else if (arg === "--prefix" || arg.startsWith("--prefix=")) {
      const dir = arg.includes("=") ? arg.slice("--prefix=".length) : rest[++i];
      if (!dir) throw new Error("--prefix needs a directory");
      target.prefix = dir;
    } else throw new Error(`unknown option "${arg}"`);
  }
  return { action, target };
}

/** Runs `capture-lab kernel ...`; resolves to the exit code. */
export async function runKernelCommand(argv: readonly string[]): Promise<number> {
  try {
    const { action, target } = parseKernelArgs(argv);
    if (action === "install") {
      const dir = installKernelspec(target);
      process.stdout.write(`Installed the "${KERNEL_NAME}" kernel ("${KERNEL_DISPLAY_NAME}") in ${dir}\n`);
    } else {
      const dir = uninstallKernelspec(target);
      process.stdout.write(
        dir ? `Removed the "${KERNEL_NAME}" kernel from ${dir}\n` : `No "${KERNEL_NAME}" kernel was installed there\n`,
      );
    }
    return 0;
  } catch (err) {
    process.stderr.write(`capture-lab kernel: ${(err as Error).message}\n\n${KERNEL_HELP}`);
    return 2;
  }
}
