/**
 * Generates the committed `notebooks/*.ipynb` from readable Markdown sources in
 * `notebooks/source/*.md`: every ```typescript fence becomes a code cell, the Markdown
 * between fences a Markdown cell. Output is clean (no outputs, no execution counts) and
 * deterministic, so `--check` can tell whether a notebook was edited without its source.
 *
 *   npx tsx scripts/lib/make-notebooks.ts          # write notebooks/*.ipynb
 *   npx tsx scripts/lib/make-notebooks.ts --check  # exit 1 when a notebook is out of date
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from "./kernel";

/** One notebook cell before serialisation. */
export interface SourceCell {
  kind: "markdown" | "code";
  text: string;
}

const FENCE_OPEN = /^```(typescript|ts)\s*$/;
const FENCE_CLOSE = /^```\s*$/;

/** Splits a Markdown source into cells. Throws with the line number on an unclosed fence. */
export function parseNotebookSource(text: string, file = "<source>"): SourceCell[] {
  const cells: SourceCell[] = [];
  let buffer: string[] = [];
  let inCode = false;
  let openedAt = 0;
  const flush = (kind: SourceCell["kind"]) => {
    const body = buffer.join("\n").replace(/^\n+|\s+$/g, "");
    if (body !== "") cells.push({ kind, text: body });
    buffer = [];
  };
  text.split(/\r?\n/).forEach((line, i) => {
    if (!inCode && FENCE_OPEN.test(line)) {
      flush("markdown");
      inCode = true;
      openedAt = i + 1;
    } else if (inCode && FENCE_CLOSE.test(line)) {
      flush("code");
      inCode = false;
    } else {
      buffer.push(line);
    }
  });
  if (inCode) throw new Error(`${file}:${openedAt}: code fence opened here is never closed`);
  flush("markdown");
  return cells;
}

/** Splits text into the ipynb `source` line array (every line but the last keeps its newline). */
function sourceLines(text: string): string[] {
  const lines = text.split("\n");
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
}

/** Builds clean nbformat 4.5 JSON for the project kernel ({@link KERNEL_NAME}). */
export function toIpynb(cells: SourceCell[], idPrefix: string): string {
  const notebook = {
    cells: cells.map((cell, i) => {
      const id = `${idPrefix}-${String(i + 1).padStart(2, "0")}`;
      return cell.kind === "markdown"
        ? { cell_type: "markdown", id, metadata: {}, source: sourceLines(cell.text) }
        : { cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source: sourceLines(cell.text) };
    }),
    metadata: {
      kernelspec: { display_name: KERNEL_DISPLAY_NAME, language: "typescript", name: KERNEL_NAME },
      language_info: {
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
        version: "5.0.4",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** Source → notebook pairs under `notebooksDir`. */
export function notebookSources(notebooksDir: string): Array<{ source: string; notebook: string; name: string }> {
  const dir = path.join(notebooksDir, "source");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({
      source: path.join(dir, f),
      notebook: path.join(notebooksDir, f.replace(/\.md$/, ".ipynb")),
      name: f.replace(/\.md$/, ""),
    }));
}

/** Regenerates (or, with `check`, verifies) every notebook; returns the ones that differ. */
export function makeNotebooks(notebooksDir: string, check = false): string[] {
  const stale: string[] = [];
  for (const { source, notebook, name } of notebookSources(notebooksDir)) {
    const json = toIpynb(
      parseNotebookSource(fs.readFileSync(source, "utf8"), source),
      name.slice(0, 2).replace(/[^0-9a-z]/gi, "x") || "nb",
    );
    const current = fs.existsSync(notebook) ? fs.readFileSync(notebook, "utf8") : "";
    if (current !== json) {
      stale.push(notebook);
      if (!check) fs.writeFileSync(notebook, json);
    }
  }
  return stale;
}

if (require.main === module) {
  const check = process.argv.includes("--check");
  const root = path.resolve(__dirname, "..", "..");
  const stale = makeNotebooks(path.join(root, "notebooks"), check);
  for (const f of stale) console.log(`${check ? "out of date" : "wrote"}: ${path.relative(root, f)}`);
  if (check && stale.length) process.exit(1);
}
