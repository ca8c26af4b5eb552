/** Shared by the model-quality tests: seeded capture trees with inference ids, and ../shared. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildCaptureRecord, captureFileKey, serializeCaptureRecord } from "../../../src/capture";
import { suggestModelQualityBaseline, writeGroundTruth } from "../../../src/monitor/model-quality";
import { seededRandom } from "../../../src/seeded-random";

const ROOT = path.resolve(__dirname, "..", "..", "..");
/** ../shared beside the repository (a worktree under wt/ finds it one level further up). */
const SHARED =
  [path.resolve(ROOT, "..", "shared"), path.resolve(ROOT, "..", "..", "shared")].find((d) => fs.existsSync(d)) ??
  path.resolve(ROOT, "..", "shared");
/** AWS-written model-quality files (absent in users' clones). */
export const MQ_FIXTURES = path.join(SHARED, "fixtures", "aws-monitor", "model-quality");
export const HAVE_SHARED = fs.existsSync(MQ_FIXTURES);

/** A fresh temp folder. */
export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cl-mq-${name}-`));
}

/** One captured invocation. */
export interface Invocation {
  output: string;
  outputType?: string;
  inferenceId?: string;
  eventId?: string;
  time: Date;
}

const enc = new TextEncoder();

/** Writes invocations as capture files (one per minute) under `dir/ep/AllTraffic/yyyy/mm/dd/hh/`. */
export function writeInvocations(dir: string, invocations: Invocation[]): void {
  const byMinute = new Map<number, string[]>();
  invocations.forEach((r, n) => {
    const minute = Math.floor(r.time.getTime() / 60_000) * 60_000;
    const type = r.outputType ?? "text/csv";
    const record = buildCaptureRecord({
      input: { contentType: "text/csv", body: enc.encode("1,2,3"), encoding: "CSV" },
      output: { contentType: type, body: enc.encode(r.output), encoding: type.includes("json") ? "JSON" : "CSV" },
      eventId: r.eventId ?? `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
      ...(r.inferenceId !== undefined ? { inferenceId: r.inferenceId } : {}),
      inferenceTime: r.time,
    });
    const list = byMinute.get(minute) ?? [];
    list.push(serializeCaptureRecord(record));
    byMinute.set(minute, list);
  });
  for (const [minute, lines] of byMinute) {
    const key = captureFileKey({
      prefix: "",
      endpointName: "ep",
      variantName: "AllTraffic",
      start: new Date(minute),
      uuid: `00000000-0000-4000-8000-${String(minute % 1e12).padStart(12, "0")}`,
    });
    const file = path.join(dir, ...key.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.join(""));
  }
}

/** Seeded test data: the project's generator (mulberry32). */
export const seeded = seededRandom;

const H = 3_600_000;
/** The first captured hour of {@link writeHourlyScenario}. */
export const SCENARIO_T0 = Date.parse("2024-01-19T19:00:00Z");
const T0 = SCENARIO_T0;

/** Three hours of captures (100 each); each hour's labels are collected in the next hour. */
export async function writeHourlyScenario(): Promise<string> {
  const dir = tempDir("hourly");
  const r = seeded(11);
  const base = Array.from({ length: 300 }, () => {
    const y = r() < 0.4 ? 1 : 0;
    return `${Math.min(0.99, Math.max(0.01, y ? 0.7 + (r() - 0.5) * 0.6 : 0.3 + (r() - 0.5) * 0.6))},${y}`;
  });
  fs.writeFileSync(path.join(dir, "validation.csv"), `probability,label\n${base.join("\n")}\n`);
  await suggestModelQualityBaseline({
    dataset: path.join(dir, "validation.csv"),
    problemType: "BinaryClassification",
    probabilityAttribute: "probability",
    groundTruthAttribute: "label",
    output: path.join(dir, "baseline"),
  });
  const invocations: Invocation[] = [];
  for (let h = 0; h < 3; h++) {
    const labels: Array<{ eventId: string; label: number }> = [];
    for (let i = 0; i < 100; i++) {
      const y = r() < 0.4 ? 1 : 0;
      const p = Math.min(0.99, Math.max(0.01, y ? 0.65 + (r() - 0.5) * 0.6 : 0.35 + (r() - 0.5) * 0.6));
      invocations.push({ output: p.toFixed(3), inferenceId: `h${h}-${i}`, time: new Date(T0 + h * H + i * 30_000) });
      labels.push({ eventId: `h${h}-${i}`, label: y });
    }
    await writeGroundTruth(path.join(dir, "gt"), labels, { collectedAt: new Date(T0 + (h + 1) * H + 600_000) });
  }
  writeInvocations(path.join(dir, "captures"), invocations);
  return dir;
}
