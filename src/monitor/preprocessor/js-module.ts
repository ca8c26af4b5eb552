/**
 * Loading a JavaScript preprocessor or postprocessor module (I/O): `.js`, `.cjs`, `.mjs`, and
 * `.ts` where the running Node strips types (22.18 and newer).
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { PreprocessorError } from "./preprocessor-error";

// A real dynamic import (the CommonJS output would turn `import()` into `require`, which cannot load .mjs).
const importModule = new Function("url", "return import(url)") as (url: string) => Promise<Record<string, unknown>>;

/** True for the file names handled by JavaScript rather than Python. */
export function isJsScript(file: string): boolean {
  return /\.(m|c)?(j|t)s$/i.test(file);
}

/** Node's version can strip TypeScript types without a flag (22.18+, 23.6+). */
export function nodeStripsTypes(version: string = process.versions.node): boolean {
  const [maj, min] = version.split(".").map(Number) as [number, number];
  return maj >= 24 || (maj === 23 && min >= 6) || (maj === 22 && min >= 18);
}

/**
 * Imports the module and returns the named function.
 * @throws PreprocessorError when the module cannot load or does not export `name`
 */
export async function loadJsFunction(
  file: string,
  label: string,
  name: string,
): Promise<(...args: unknown[]) => unknown> {
  if (/\.(m|c)?ts$/i.test(file) && !nodeStripsTypes() && !process.execArgv.some((a) => a.includes("tsx")))
    throw new PreprocessorError(
      `${label}: this Node (${process.versions.node}) cannot load TypeScript; use Node 22.18 or newer, or compile the script to .js`,
      { source: label },
    );
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(pathToFileURL(path.resolve(file)).href);
  } catch (e) {
    throw new PreprocessorError(`${label} cannot be loaded: ${(e as Error).stack ?? String(e)}`, {
      source: label,
      cause: e,
    });
  }
  const def = mod.default as Record<string, unknown> | undefined;
  const fn = mod[name] ?? (def && typeof def === "object" ? def[name] : undefined);
  if (typeof fn !== "function") throw new PreprocessorError(`${label} exports no ${name} function`, { source: label });
  return fn as (...args: unknown[]) => unknown;
}
