/** Shared helpers for the reader tests: temp dirs and capture lines in AWS's wire form. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A fresh temp directory (remove with `fs.rmSync(dir, { recursive: true, force: true })`). */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `capture-lab-read-${label}-`));
}

/** One side of a record. */
export interface SideSpec {
  type?: string | null;
  data: string;
  encoding?: string;
}

/** A compact capture line with keys in AWS order. */
export function captureLine(p: {
  input?: SideSpec;
  output?: SideSpec;
  eventId?: string;
  inferenceId?: string;
  time?: string;
}): string {
  const side = (mode: string, s: SideSpec) => ({
    observedContentType: s.type === undefined ? "text/csv" : s.type,
    mode,
    data: s.data,
    ...(s.encoding === undefined ? { encoding: "CSV" } : s.encoding === "" ? {} : { encoding: s.encoding }),
  });
  const captureData: Record<string, unknown> = {};
  if (p.input) captureData.endpointInput = side("INPUT", p.input);
  if (p.output) captureData.endpointOutput = side("OUTPUT", p.output);
  return JSON.stringify({
    captureData,
    eventMetadata: {
      eventId: p.eventId ?? "00000000-0000-4000-8000-000000000000",
      ...(p.inferenceId !== undefined ? { inferenceId: p.inferenceId } : {}),
      inferenceTime: p.time ?? "2024-01-19T19:27:57Z",
    },
    eventVersion: "0",
  });
}

/** Writes `lines` (each followed by `\n` unless `final` says otherwise) to `dir/rel`, creating folders. */
export function writeFile(dir: string, rel: string, text: string): string {
  const file = path.join(dir, ...rel.split("/"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The shared reference folder, or undefined when this checkout has none. */
export function sharedDir(): string | undefined {
  const dir = path.resolve(__dirname, "../../../shared");
  return fs.existsSync(dir) ? dir : undefined;
}

/** A column of a danfojs frame as a plain array. */
export function column(frame: { columns: string[]; values: unknown }, name: string): unknown[] {
  const i = frame.columns.indexOf(name);
  if (i === -1) throw new Error(`no column ${name} in ${frame.columns.join(",")}`);
  return (frame.values as unknown[][]).map((r) => r[i]);
}
