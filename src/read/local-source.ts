/** Capture files on the local disk: one file, or a directory tree laid out like S3. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCaptureKey, type CaptureKeyParts } from "../capture";
import { compareCaptureFiles, fileMayOverlap, hourOf, type CaptureFile, type TimeRange } from "./file-info";

const CHUNK = 1 << 20; // 1 MiB reads: few syscalls, bounded memory per file
/**
 * Files up to this size are read whole, ahead of time (the reader keeps a few in flight): an
 * hour of small files is mostly open/read/close round trips, which then overlap the parsing.
 * Larger files stream in CHUNK reads, so memory stays bounded whatever the file size.
 */
const PREFETCH_MAX = 4 << 20;

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && e.name.endsWith(".jsonl")) out.push(p);
  }
}

function parseLocalPath(file: string): CaptureKeyParts | undefined {
  return parseCaptureKey(file.split(path.sep).join("/"));
}

function describe(file: string, size: number, parts = parseLocalPath(file)): CaptureFile {
  const f: CaptureFile = { source: file, size, open: () => fs.createReadStream(file, { highWaterMark: CHUNK }) };
  if (size <= PREFETCH_MAX) f.prefetch = () => fs.promises.readFile(file).then((b) => [b]);
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
    throw new Error(
      `capture source ${p}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : String(err)}`,
      { cause: err },
    );
  }
  if (st.isFile()) return [describe(p, st.size)];
  const paths: string[] = [];
  await walk(p, paths);
  // The name says whether a file can hold the range: stat only the files that may, all at once.
  const kept = paths
    .map((file) => ({ file, parts: parseLocalPath(file) }))
    .filter(({ parts }) => fileMayOverlap(parts?.start, range));
  const sizes = await Promise.all(kept.map(({ file }) => fs.promises.stat(file).then((s) => s.size)));
  return kept.map(({ file, parts }, i) => describe(file, sizes[i], parts)).sort(compareCaptureFiles);
}
