import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { S3_OPERATIONS, UNSUPPORTED_SUBRESOURCES } from "../src/local/s3/operations";

const ROOT = path.resolve(__dirname, "..");
/** Top-level folders a backticked path may start with (checked from the repository root). */
const ROOT_FOLDERS = ["src", "test", "docs", "bench", "scripts", "notebooks", "jupyter", "data"];
/** Folders whose READMEs are maps of their files. */
const MAPPED = ["src", "test", "bench", "scripts", "notebooks", "jupyter"];

const rel = (p: string): string => path.relative(ROOT, p);

function walk(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "fixtures") out.push(...walk(p, keep));
    } else if (keep(p)) out.push(p);
  }
  return out;
}

/** The READMEs that map folders, and the docs. */
function mapFiles(): string[] {
  const readmes = MAPPED.flatMap((d) => walk(path.join(ROOT, d), (f) => path.basename(f) === "README.md"));
  return [...readmes, ...walk(path.join(ROOT, "docs"), (f) => f.endsWith(".md"))];
}

/**
 * The paths a map names in backticks: repository paths (`src/...`, `test/...`) from the root, and
 * in a README also file names (`store.ts`) and folders (`s3/`) beside it. Patterns, placeholders
 * and generated locations (`{dataDir}`, `*.md`, `../dist`) are not paths.
 */
function namedPaths(file: string): { token: string; resolved: string; line: number }[] {
  const isReadme = path.basename(file) === "README.md";
  const out: { token: string; resolved: string; line: number }[] = [];
  fs.readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, i) => {
      for (const m of text.matchAll(/`([^`\s]+)`/g)) {
        const token = m[1];
        if (/[{}*<>?…]/.test(token) || token.startsWith(".") || token.startsWith("/")) continue;
        const top = token.split("/")[0];
        if (top === "build" || top === "dist") continue; // generated, git-ignored
        if (token.includes("/") && ROOT_FOLDERS.includes(top)) {
          out.push({ token, resolved: path.join(ROOT, token), line: i + 1 });
        } else if (isReadme && /^[\w.-]+(\/[\w.-]+)*(\.(ts|py|sh|ipynb)|\/)$/.test(token)) {
          out.push({ token, resolved: path.join(path.dirname(file), token), line: i + 1 });
        }
      }
    });
  return out;
}

/** Section numbers of a doc: `## 2. Title` gives "2", `### 6.1 Title` gives "6.1". */
function sections(doc: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, "docs", doc), "utf8");
  return new Set([...text.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.?\s/gm)].map((m) => m[1]));
}

describe("docs: the folder maps and docs/ cannot rot silently", () => {
  it("every path named in a README map or a doc exists", () => {
    const missing: string[] = [];
    let checked = 0;
    for (const file of mapFiles()) {
      for (const p of namedPaths(file)) {
        checked++;
        if (!fs.existsSync(p.resolved))
          missing.push(`${rel(file)}:${p.line}: \`${p.token}\` (${rel(p.resolved)}) does not exist`);
      }
    }
    assert.ok(checked > 200, `only ${checked} paths found: the extraction is broken`);
    assert.deepEqual(missing, []);
  });

  it("every source folder has a README", () => {
    const subfolders = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .flatMap((e) => [path.join(dir, e.name), ...subfolders(path.join(dir, e.name))]);
    const src = path.join(ROOT, "src");
    const lacking = [src, ...subfolders(src)].filter((d) => !fs.existsSync(path.join(d, "README.md")));
    assert.deepEqual(lacking.map(rel), []);
  });

  it("every source file is in its folder's README map, every source folder in its parent's", () => {
    const unlisted: string[] = [];
    let entries = 0;
    const check = (dir: string): void => {
      const readme = path.join(dir, "README.md");
      const named = new Set(
        fs.existsSync(readme) ? namedPaths(readme).map((p) => path.relative(dir, p.resolved) || ".") : [],
      );
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "README.md") continue;
        entries++;
        if (e.isDirectory()) {
          if (!named.has(e.name)) unlisted.push(`${rel(readme)}: no row for the folder \`${e.name}/\``);
          check(path.join(dir, e.name));
        } else if (!named.has(e.name)) {
          unlisted.push(`${rel(readme)}: no row for \`${e.name}\``);
        }
      }
    };
    check(path.join(ROOT, "src"));
    assert.ok(entries > 150, `only ${entries} source files and folders found`);
    assert.deepEqual(unlisted, []);
  });

  it("src/local/README.md lists every S3 operation, unsupported S3 sub-resource and control-plane operation", () => {
    const readme = fs.readFileSync(path.join(ROOT, "src/local/README.md"), "utf8");
    const s3 = S3_OPERATIONS.map((o) => o.op).filter((op) => /^[A-Z][A-Za-z0-9]+$/.test(op));
    // The control plane's table is internal: read its operation names from the source.
    const source = fs.readFileSync(path.join(ROOT, "src/local/sagemaker/responses.ts"), "utf8");
    const sageMaker = [...source.matchAll(/^ {4}([A-Z][A-Za-z]+): (?:async )?\(i\) =>/gm)].map((m) => m[1]);
    assert.ok(
      s3.length >= 20 && sageMaker.length >= 13,
      `found ${s3.length} S3 and ${sageMaker.length} SageMaker operations`,
    );
    const absent = [...s3, ...sageMaker, "InvokeEndpoint"].filter((op) => !new RegExp(`\\b${op}\\b`).test(readme));
    assert.deepEqual(absent, []);
    const unlisted = [...UNSUPPORTED_SUBRESOURCES].filter((name) => !readme.includes(`\`?${name}\``));
    assert.deepEqual(unlisted, [], "sub-resources answered NotImplemented but not listed");
  });

  it("every `docs/<file>.md §N` citation names a doc and a section that exist; none cites ../shared/reference", () => {
    const files = [
      ...["src", "scripts", "test", "jupyter", "bench", "docs"].flatMap((d) =>
        walk(path.join(ROOT, d), (f) => /\.(ts|py|md|sh)$/.test(f)),
      ),
      ...walk(path.join(ROOT, "test/fixtures"), (f) => f.endsWith(".md")),
    ];
    const bad: string[] = [];
    let citations = 0;
    for (const file of files) {
      if (file === __filename) continue;
      const text = fs.readFileSync(file, "utf8");
      if (/shared\/reference|(?<!docs\/)(capture-format|sagemaker-wire|notebook-toolchain)\.md/.test(text)) {
        bad.push(`${rel(file)}: cites the unshipped ../shared/reference`);
      }
      for (const m of text.matchAll(/docs\/([\w-]+\.md)`?/g)) {
        const doc = m[1];
        if (!fs.existsSync(path.join(ROOT, "docs", doc))) {
          bad.push(`${rel(file)}: docs/${doc} does not exist`);
          continue;
        }
        const after = text
          .slice((m.index ?? 0) + m[0].length)
          .match(/^[\s*`]*(§[\d.]+(?:-§?[\d.]+)?(?:\s*,\s*§[\d.]+(?:-§?[\d.]+)?)*)/);
        if (!after) continue;
        const known = sections(doc);
        for (const n of after[1].match(/[\d.]+/g) ?? []) {
          citations++;
          const id = n.replace(/\.$/, "");
          if (!known.has(id)) bad.push(`${rel(file)}: docs/${doc} has no section ${id}`);
        }
      }
    }
    assert.ok(citations >= 25, `only ${citations} section citations found: the extraction is broken`);
    assert.deepEqual(bad, []);
  });
});
