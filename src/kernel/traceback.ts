/**
 * Turns what failed in a cell into Jupyter's `ename` / `evalue` / `traceback`, pointing at the
 * user's cell and line rather than the kernel's machinery. tslab runs each cell's JavaScript
 * through `vm` (frames read `evalmachine.<anonymous>:LINE:COL`), and its output keeps no source
 * map, so a frame's JavaScript line is matched back to the cell's TypeScript line by its text.
 */
import { inspect } from "util";

/** The three fields of Jupyter's `error` message and error reply. */
export interface JupyterError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** One compile diagnostic as the executor reports it: line and column are 1-based. */
export interface CellDiagnostic {
  line: number;
  column: number;
  message: string;
  /** Set when the problem is in an imported file rather than the cell. */
  fileName?: string;
}

const VM_FRAME = /evalmachine\.<anonymous>:(\d+)(?::(\d+))?/;
/** Frames of the kernel's own machinery, never of interest to the user. */
const MACHINERY = [
  /\bnode:(?:internal\/|vm:)/,
  /^\s+at (?:sigintHandlersWrap|Script\.runInThisContext|Object\.runInThisContext) /,
  /[\\/]tslab[\\/]dist[\\/]/,
  /[\\/]kernel[\\/](?:launcher|execution|traceback|tslab)\.[jt]s/,
];

function normalize(line: string): string {
  return line
    .replace(/^\s*exports\.\w+\s*=\s*/, "")
    .replace(/\bexports\./g, "")
    .replace(/[\s;]/g, "");
}

function tokens(line: string): Set<string> {
  return new Set(line.match(/[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|"[^"]*"|'[^']*'|`[^`]*`/g) ?? []);
}

/**
 * The 1-based cell line a JavaScript output line came from: an identical line after removing
 * whitespace, semicolons and tslab's `exports.` rewriting; else the line sharing most tokens
 * (types are erased, so a typed declaration still shares its names). `undefined` when unsure.
 */
export function cellLineOf(jsLine: string, cellLines: readonly string[]): number | undefined {
  const target = normalize(jsLine);
  if (target === "") return undefined;
  const exact = cellLines.findIndex((l) => normalize(l) === target);
  if (exact >= 0) return exact + 1;
  const contained = cellLines.findIndex((l) => {
    const n = normalize(l);
    return n.length >= 4 && (n.includes(target) || target.includes(n));
  });
  if (contained >= 0) return contained + 1;
  const want = tokens(target.length > 0 ? jsLine.replace(/\bexports\.\w+\s*=\s*/, "") : jsLine);
  let best: { line: number; score: number } | undefined;
  cellLines.forEach((l, i) => {
    const have = tokens(l);
    if (have.size === 0 || want.size === 0) return;
    let shared = 0;
    for (const t of want) if (have.has(t)) shared++;
    const score = shared / Math.max(want.size, have.size);
    if (score > (best?.score ?? 0.5)) best = { line: i + 1, score };
  });
  return best?.line;
}

/** A few lines of the cell around `line` (1-based), the failing one marked with an arrow. */
export function cellContext(cellLines: readonly string[], line: number, around = 2): string[] {
  const first = Math.max(1, line - around);
  const last = Math.min(cellLines.length, line + around);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    out.push(`${n === line ? "--> " : "    "}${String(n).padStart(width)} | ${cellLines[n - 1]}`);
  }
  return out;
}

/** Where the cell is, as Jupyter users read it: `Cell [3], line 6`. */
function cellLabel(count: number, line?: number): string {
  return `Cell [${count}]${line === undefined ? "" : `, line ${line}`}`;
}

/**
 * The Jupyter error for a value thrown while a cell ran. `output` is the JavaScript tslab ran
 * (to map frames back); frames of the kernel and Node internals are left out.
 */
export function runtimeError(thrown: unknown, cell: string, output: string | undefined, count: number): JupyterError {
  const cellLines = cell.split(/\r?\n/);
  const outLines = output?.split("\n") ?? [];
  if (!(thrown instanceof Error)) {
    const evalue = typeof thrown === "string" ? thrown : inspect(thrown);
    return { ename: "Uncaught", evalue, traceback: [`Uncaught ${inspect(thrown)}`, `    at ${cellLabel(count)}`] };
  }
  const ename = thrown.name || "Error";
  const evalue = thrown.message;
  const frames: string[] = [];
  let userLine: number | undefined;
  let inCell = false;
  for (const raw of (thrown.stack ?? "").split("\n").slice(1)) {
    if (!/^\s+at /.test(raw)) continue;
    const vm = VM_FRAME.exec(raw);
    if (vm) {
      inCell = true;
      const line = cellLineOf(outLines[Number(vm[1]) - 1] ?? "", cellLines);
      // The wrapper tslab puts around the cell maps to no line of it.
      if (line === undefined && frames.some((f) => f.includes(cellLabel(count)))) continue;
      userLine ??= line;
      const name = /^\s+at (?:async )?([^\s(]+) \(/.exec(raw)?.[1];
      const isAsync = /^\s+at async /.test(raw);
      frames.push(
        `    at ${isAsync ? "async " : ""}${name ? `${name} (${cellLabel(count, line)})` : cellLabel(count, line)}`,
      );
      continue;
    }
    if (MACHINERY.some((m) => m.test(raw))) continue;
    // Frames after the cell's own are the kernel calling it.
    if (inCell && /^\s+at (?:async )?Promise|^\s+at new Promise/.test(raw)) continue;
    frames.push(raw);
  }
  const traceback = [`${ename}: ${evalue}`, ...frames];
  if (userLine !== undefined) traceback.push("", `${cellLabel(count, userLine)}:`, ...cellContext(cellLines, userLine));
  return { ename, evalue, traceback };
}

/** The Jupyter error for TypeScript diagnostics that stopped a cell from compiling. */
export function compileError(diagnostics: readonly CellDiagnostic[], cell: string, count: number): JupyterError {
  const cellLines = cell.split(/\r?\n/);
  const first = diagnostics[0];
  const where = (d: CellDiagnostic) => `${d.fileName ? `${d.fileName} ` : ""}${d.line}:${d.column}`;
  const traceback: string[] = [];
  for (const d of diagnostics) {
    traceback.push(`${d.fileName ? d.fileName : cellLabel(count, d.line)}: ${where(d)} - ${d.message}`);
    if (!d.fileName && d.line >= 1 && d.line <= cellLines.length) {
      traceback.push(
        ...cellContext(cellLines, d.line, 1),
        `${" ".repeat(4 + String(Math.min(cellLines.length, d.line + 1)).length + 3 + d.column - 1)}^`,
      );
    }
  }
  return {
    ename: "TypeScriptError",
    evalue: first ? `${where(first)} - ${first.message}` : "the cell did not compile",
    traceback,
  };
}
