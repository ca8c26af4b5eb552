/**
 * Starting the embedded local stack from the helpers. `../local` is required lazily so that
 * sessions against AWS never load the stack (and its model-serving code).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { LocalStack, LocalStackOptions } from "../local";
import { DEFAULT_LOCAL_DATA_DIR_NAME, DEFAULT_LOCAL_PORT } from "../defaults";

export { DEFAULT_LOCAL_PORT };

/**
 * Starts an in-process stack with `src/local`'s `startLocalStack`.
 * @throws whatever `startLocalStack` throws (e.g. `EADDRINUSE`).
 */
export async function startInProcessStack(options: LocalStackOptions): Promise<LocalStack> {
  // Lazy: sessions against AWS or a stack in another process never load the stack's code.

  const { startLocalStack } = require("../local") as typeof import("../local");
  return startLocalStack(options);
}

/**
 * Nearest ancestor of `from` (inclusive) whose package.json is named `capture-lab`; `from` itself
 * when there is none. The shared stack keeps its data in {@link defaultLocalDataDir}.
 */
export function findProjectRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown };
      if (pkg.name === "capture-lab") return dir;
    } catch {
      // No or unreadable package.json here: keep climbing.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

/**
 * Data directory of the shared local stack, `<root>/.capture-lab` (git-ignored): `connect()` and
 * `npm run lab` use the same one, so whichever starts the stack, the other finds its data.
 * @param root the project root (default {@link findProjectRoot} of the current directory).
 */
export function defaultLocalDataDir(root: string = findProjectRoot()): string {
  return path.join(root, DEFAULT_LOCAL_DATA_DIR_NAME);
}
