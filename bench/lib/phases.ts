/** The measured phases of bench/load.ts and bench/monitor.ts; each runs alone in a fresh child process. */
import * as fs from "node:fs";
import * as path from "node:path";
import { listCaptureFiles, LineSplitter } from "../../src/read";
import type * as Read from "../../src/read";
import { cpuSeconds, type Measure } from "./rounds";

/**
 * The floor: read every file and JSON.parse every line, building nothing. Files up to 4 MiB are
 * read whole, larger ones streamed in 1 MiB chunks: a stream per small file costs more CPU than
 * parsing it (a 1 MiB buffer each, 2,000 files in the hours shape), which would flatter any ratio.
 */
export async function floor(dir: string): Promise<{ records: number }> {
  let records = 0;
  let sink = 0;
  for (const f of await listCaptureFiles(dir)) {
    const splitter = new LineSplitter((text) => {
      const o = JSON.parse(text) as { eventVersion?: string };
      if (o.eventVersion !== undefined) sink++;
      records++;
    });
    if (f.size <= 4 << 20) splitter.push(await fs.promises.readFile(f.source));
    else
      for await (const chunk of fs.createReadStream(f.source, { highWaterMark: 1 << 20 }))
        splitter.push(chunk as Buffer);
    splitter.end();
  }
  if (sink !== records) throw new Error("floor: unexpected records");
  return { records };
}

/** Columns of the projection phase. */
export const PROJECTION = ["inferenceTime", "f0", "f1", "f2", "prediction"];

/**
 * The project's `src/` to measure: this checkout's, or another checkout's (`--src <repo>`, to
 * measure a change against main in the same interleaved rounds).
 */
export function srcRoot(repo?: string): string {
  return repo ? path.join(path.resolve(repo), "src") : path.join(__dirname, "..", "..", "src");
}

/** Runs one load phase (`floor`, `load` or `project`) in this process and returns its measurement. */
export async function runPhase(phase: string, dir: string, repo?: string): Promise<Measure> {
  // Modules load before the clock starts (danfojs alone takes seconds).
  const { loadCaptures } = require(path.join(srcRoot(repo), "read")) as typeof Read;
  // danfojs (and TensorFlow.js under it) loads lazily with the first frame: a constant second or
  // so per process, not what this measures.
  if (phase !== "floor") require(require.resolve("danfojs-node", { paths: [srcRoot(repo)] }));
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const info: Record<string, unknown> = {};
  if (phase === "floor") info.records = (await floor(dir)).records;
  else {
    const res = await loadCaptures(dir, phase === "project" ? { columns: PROJECTION } : {});
    info.records = res.report.recordsRead;
    info.shape = res.frame.shape;
    if (res.report.errors.length > 0 || res.report.mismatches.length > 0)
      throw new Error(`${phase}: unexpected report ${JSON.stringify(res.report).slice(0, 300)}`);
  }
  return {
    wall: (performance.now() - t0) / 1000,
    cpu: cpuSeconds() - c0,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    info,
  };
}
