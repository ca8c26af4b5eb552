/** Capture files on the local disk: one file, or a directory tree laid out like S3. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCaptureKey } from "../capture";
import { compareCaptureFiles, fileMayOverlap, hourOf, type CaptureFile, type TimeRange } from "./file-info";

const CHUNK = 1 << 20; // 1 MiB reads: few syscalls, bounded memory per file

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && e.name.endsWith(".jsonl")) out.push(p);
  }
}

function describe(file: string, size: number): CaptureFile {
  const parts = parseCaptureKey(file.split(path.sep).join("/"));
  const f: CaptureFile = { source: file, size, open: () => fs.createReadStream(file, { highWaterMark: CHUNK }) };
  if (parts) {
    f.endpointName = parts.endpointName;
    f.variantName = parts.variantName;
    f.start = parts.start;
    f.hour = hourOf(parts.start);
  }
  return f;
}

/**
 * Lists a local source. A file is returned as is (any name); a directory is walked for
 * `*.jsonl`, sorted by the start time in the name, then path; files outside the range are left out.
 * @throws Error naming the path when it does not exist.
 */
export async function listLocalCaptureFiles(p: string, range: TimeRange): Promise<CaptureFile[]> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(p);
  } catch (err) {
    throw new Error(`capture source ${p}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : String(err)}`);
  }
  if (st.isFile()) return [describe(p, st.size)];
  const paths: string[] = [];
  await walk(p, paths);
  const files: CaptureFile[] = [];
  for (const file of paths) {
    const f = describe(file, (await fs.promises.stat(file)).size);
    if (fileMayOverlap(f.start, range)) files.push(f);
  }
  return files.sort(compareCaptureFiles);
}
