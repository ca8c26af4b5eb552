/** The measured phases of bench/load.ts; each runs alone in a fresh child process. */
import * as fs from "node:fs";
import { listCaptureFiles, loadCaptures, LineSplitter } from "../../src/read";

/** One phase's measurement. */
export interface PhaseResult {
  /** Phase name. */
  phase: string;
  /** Records handled. */
  records: number;
  /** Frame rows x columns (load phases). */
  shape?: number[];
  /** Wall-clock seconds of the phase (after module loading). */
  seconds: number;
  /** Peak resident set size of the child, MiB. */
  peakMiB: number;
}

/** The floor: stream every file and JSON.parse every line, building nothing. */
async function floor(dir: string): Promise<{ records: number }> {
  let records = 0;
  let sink = 0;
  for (const f of await listCaptureFiles(dir)) {
    const splitter = new LineSplitter((text) => {
      const o = JSON.parse(text) as { eventVersion?: string };
      if (o.eventVersion !== undefined) sink++;
      records++;
    });
    for await (const chunk of fs.createReadStream(f.source, { highWaterMark: 1 << 20 })) splitter.push(chunk as Buffer);
    splitter.end();
  }
  if (sink !== records) throw new Error("floor: unexpected records");
  return { records };
}

/** Columns of the projection phase. */
export const PROJECTION = ["inferenceTime", "f0", "f1", "f2", "prediction"];

/** Runs one phase in this process and returns its measurement. */
export async function runPhase(phase: string, dir: string): Promise<PhaseResult> {
  const t0 = performance.now();
  let records: number;
  let shape: number[] | undefined;
  if (phase === "floor") records = (await floor(dir)).records;
  else {
    const res = await loadCaptures(dir, phase === "project" ? { columns: PROJECTION } : {});
    records = res.report.recordsRead;
    shape = res.frame.shape;
    if (res.report.errors.length > 0 || res.report.mismatches.length > 0)
      throw new Error(`${phase}: unexpected report ${JSON.stringify(res.report).slice(0, 300)}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { phase, records, shape, seconds, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}
