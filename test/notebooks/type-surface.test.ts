/**
 * What a notebook's imports cost the kernel: tslab type-checks the whole declaration graph of
 * every import, and the AWS SDK's client packages alone are about 14 MB of declarations
 * (2-3 s of CPU per notebook). The declarations the notebooks import must not reach them, and
 * only the reader's may reach danfojs-node (whose types pull in TensorFlow.js').
 */
import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { notebookSources } from "../../scripts/lib/make-notebooks";
import { ROOT } from "./helpers";

const DIST = path.join(ROOT, "dist");

/** The `../dist/...` modules the notebook sources import. */
function distImports(): string[] {
  const found = new Set<string>();
  for (const { source } of notebookSources(path.join(ROOT, "notebooks"))) {
    for (const m of fs.readFileSync(source, "utf8").matchAll(/from "\.\.\/dist((?:\/[\w-]+)*)"/g))
      found.add(m[1] || "/");
  }
  return [...found].sort();
}

/** The declaration file a relative specifier names. */
function declarationOf(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.d.ts`, path.join(base, "index.d.ts")])
    if (fs.existsSync(candidate)) return candidate;
  throw new Error(`${path.relative(ROOT, from)}: cannot find the declarations of ${spec}`);
}

/** Package specifiers reached from `entry` through relative imports (and the files on the way). */
function packagesReached(entry: string): Map<string, string> {
  const packages = new Map<string, string>(); // package -> first declaration file naming it
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|reference types=)"([^"]+)"/g)) {
      const spec = m[1];
      if (spec.startsWith(".")) queue.push(declarationOf(file, spec));
      else if (!packages.has(spec)) packages.set(spec, path.relative(ROOT, file));
    }
  }
  return packages;
}

describe("notebooks: the type surface a notebook imports", () => {
  before(function () {
    if (!fs.existsSync(path.join(DIST, "index.d.ts"))) {
      console.log("      skipped: dist/ is not built (npm run build; `npm test` does it in pretest)");
      this.skip();
    }
  });

  it("the declarations of every ../dist module a notebook imports name no AWS SDK package", () => {
    const modules = distImports();
    assert.ok(modules.includes("/session") && modules.includes("/aws"), `notebooks import ${modules}`);
    for (const mod of modules) {
      const reached = packagesReached(declarationOf(path.join(DIST, "x.d.ts"), `.${mod}`));
      const sdk = [...reached].filter(([p]) => p.startsWith("@aws-sdk/") || p.startsWith("@smithy/"));
      assert.deepEqual(sdk, [], `../dist${mod} reaches the AWS SDK's declarations`);
      if (mod !== "/read" && mod !== "/")
        assert.ok(
          !reached.has("danfojs-node"),
          `../dist${mod} reaches danfojs-node (from ${reached.get("danfojs-node")})`,
        );
    }
  });
});
