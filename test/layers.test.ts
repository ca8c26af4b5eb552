import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const SRC = path.join(ROOT, "src");
const README = path.join(SRC, "README.md");
const TABLE_HINT = "add a row for it to the layer table in src/README.md (## Layers)";

/** A top-level folder (`aws/`) or root file (`errors.ts`) of src/: the unit the layer rule speaks of. */
interface Layer {
  layer: number;
  /** Same-layer units it may import from, named in the table's third column. */
  alsoImports: Set<string>;
}

/** The `## Layers` table of src/README.md: one row per folder or root file, `| \`aws/\` | 3 | \`session/\` |`. */
function readLayerTable(): Map<string, Layer> {
  const text = fs.readFileSync(README, "utf8");
  const start = text.indexOf("\n## Layers");
  assert.ok(start !== -1, "src/README.md has no `## Layers` section");
  const end = text.indexOf("\n## ", start + 1);
  const table = new Map<string, Layer>();
  for (const line of text.slice(start, end === -1 ? undefined : end).split("\n")) {
    const m = /^\|\s*`([\w.-]+\/?)`\s*\|\s*(\d+)\s*\|([^|]*)\|/.exec(line);
    if (!m) continue;
    const alsoImports = new Set([...m[3].matchAll(/`([\w.-]+\/?)`/g)].map((x) => x[1]));
    table.set(m[1], { layer: Number(m[2]), alsoImports });
  }
  return table;
}

/** The unit of src/ a path inside src/ belongs to: `aws/` for src/aws/deploy.ts, `errors.ts` for src/errors.ts. */
function unitOf(file: string): string {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length > 0 ? `${first}/` : first;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** Relative module specifiers of a file: static and type imports, re-exports, `import()` and `require()`. */
function relativeImports(file: string): { spec: string; line: number }[] {
  const out: { spec: string; line: number }[] = [];
  const text = fs.readFileSync(file, "utf8");
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']*|\.{1,2})["']/gm;
  for (const m of text.matchAll(re)) {
    out.push({ spec: m[1], line: text.slice(0, m.index).split("\n").length });
  }
  return out;
}

/** The file or folder a relative specifier names (`../capture` is src/capture/, `../defaults` src/defaults.ts). */
function resolveSpec(from: string, spec: string): string {
  const target = path.resolve(path.dirname(from), spec);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) return path.join(target, "index.ts");
  return target.endsWith(".ts") ? target : `${target}.ts`;
}

describe("layers: src/ folders import only downwards (src/README.md, ## Layers)", () => {
  const table = readLayerTable();

  it("the layer table names every top-level folder and root file of src/, and nothing else", () => {
    const units = fs
      .readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.name.endsWith(".ts"))
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
    assert.ok(units.length >= 10, `only ${units.length} entries found in src/`);
    const unknown = units.filter((u) => !table.has(u)).map((u) => `src/${u} has no layer: ${TABLE_HINT}`);
    assert.deepEqual(unknown, []);
    const stale = [...table.keys()]
      .filter((u) => !units.includes(u))
      .map((u) => `src/${u} is in the table but not in src/`);
    assert.deepEqual(stale, []);
    const badAlso = [...table].flatMap(([u, l]) =>
      [...l.alsoImports]
        .filter((o) => table.get(o)?.layer !== l.layer)
        .map((o) => `${u} may also import ${o}, which is not in its layer (${l.layer}): list only same-layer units`),
    );
    assert.deepEqual(badAlso, []);
  });

  it("no file imports from a higher layer, or from the same layer unless its row allows it", () => {
    const bad: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(SRC)) {
      const from = unitOf(file);
      const own = table.get(from);
      for (const { spec, line } of relativeImports(file)) {
        const target = resolveSpec(file, spec);
        const where = `src/${path.relative(SRC, file).split(path.sep).join("/")}:${line}: import "${spec}"`;
        if (path.relative(SRC, target).startsWith("..")) continue; // outside src/ (package.json)
        const to = unitOf(target);
        if (to === from) continue;
        checked++;
        const theirs = table.get(to);
        if (!own || !theirs) {
          bad.push(`${where}: src/${own ? to : from} has no layer: ${TABLE_HINT}`);
        } else if (theirs.layer > own.layer) {
          bad.push(`${where}: ${from} (layer ${own.layer}) imports ${to} (layer ${theirs.layer}), a higher layer`);
        } else if (theirs.layer === own.layer && !own.alsoImports.has(to)) {
          bad.push(
            `${where}: ${from} and ${to} are both layer ${own.layer}; move the shared piece below both, ` +
              `or allow it in ${from}'s row of the layer table`,
          );
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} imports across folders found: the import parsing is broken`);
    assert.deepEqual(bad, []);
  });
});
