/**
 * One full walkthrough run: a fresh local stack in this process, every notebook executed in
 * order against it, tutorials exported, and a summary read back from real results (the
 * stack's status counters and the capture files listed in its S3 store).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveTarget } from "../../src/session/target";
import { ensureJupyter, ROOT } from "./jupyter";
import { startScriptStack, type ScriptStack } from "./local-stack";
import { executeNotebooks, exportTutorials, type NotebookRun, type TutorialExport } from "./pipeline";
import { EndpointWatcher, readCaptureSummary, type CaptureSummary } from "./capture-summary";
import { teardownFromState, type StateTeardown } from "./teardown-state";
import { AWS_WAIT_SECONDS } from "../../src/aws/waiters";

/**
 * Notebook cell timeout on AWS: longer than the helpers' own waits ({@link AWS_WAIT_SECONDS}),
 * so a wait that gives up reports its own error (last status, FailureReason) instead of
 * nbconvert's bare cell timeout.
 */
export const AWS_CELL_TIMEOUT_SECONDS = AWS_WAIT_SECONDS + 600;

/** Notebook 08's record of its monitoring runs. */
export interface MonitorSummary {
  baselineUri: string;
  runs: Array<{ label: string; rows: number; violations: number; checks: string[]; driftedFeatures: number }>;
}

/** Notebook 10's record of its replay against the candidate model. */
export interface ReplaySummaryState {
  candidate: string;
  requests: number;
  failed: number;
  agreementRate: number | null;
  maxDifference: number | null;
}

/** The `replay` entry of the walkthrough state, when notebook 10 ran. */
export function readReplaySummary(statePath: string): ReplaySummaryState | undefined {
  if (!fs.existsSync(statePath)) return undefined;
  return (JSON.parse(fs.readFileSync(statePath, "utf8")) as { replay?: ReplaySummaryState }).replay;
}

/** The `monitor` entry of the walkthrough state, when notebook 08 ran. */
export function readMonitorSummary(statePath: string): MonitorSummary | undefined {
  if (!fs.existsSync(statePath)) return undefined;
  return (JSON.parse(fs.readFileSync(statePath, "utf8")) as { monitor?: MonitorSummary }).monitor;
}

/** Notebook 09's record of its model-quality runs. */
export interface ModelQualitySummary {
  baselineUri: string;
  groundTruthUri: string;
  /** `metrics`: the violated metrics (`metric_name`). */
  runs: Array<{ label: string; rows: number; violations: number; metrics: string[] }>;
}

/** The `modelQuality` entry of the walkthrough state, when notebook 09 ran. */
export function readModelQualitySummary(statePath: string): ModelQualitySummary | undefined {
  if (!fs.existsSync(statePath)) return undefined;
  return (JSON.parse(fs.readFileSync(statePath, "utf8")) as { modelQuality?: ModelQualitySummary }).modelQuality;
}

/** Options of {@link runWalkthrough}. */
export interface WalkthroughOptions {
  /** Build folder (default `<repo>/build`). */
  buildDir?: string;
  /** Local stack data directory (default: a fresh folder under the build folder). */
  dataDir?: string;
  /** Skip the HTML/Markdown export. */
  skipTutorials?: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** Everything a run produced. */
export interface WalkthroughReport {
  ok: boolean;
  target: "local" | "aws";
  runs: NotebookRun[];
  tutorials?: TutorialExport;
  executedDir: string;
  tutorialsDir: string;
  statePath: string;
  dataDir?: string;
  /** Read back from the stack and the capture files (local target only). */
  captures?: CaptureSummary;
  /** AWS only: the teardown of what the state file names, run whatever the notebooks did. */
  teardown?: StateTeardown;
  /** AWS only: why that teardown failed (the resources may still bill). */
  teardownError?: string;
  /** What notebook 08's monitoring runs found (from the walkthrough state). */
  monitor?: MonitorSummary;
  /** What notebook 09's model-quality runs found (from the walkthrough state). */
  modelQuality?: ModelQualitySummary;
  /** What notebook 10's replay found (from the walkthrough state). */
  replay?: ReplaySummaryState;
  totalMs: number;
}

/**
 * Runs the notebooks (and tutorials) end to end. Throws only when Jupyter is missing or the
 * target environment is misconfigured (TargetConfigError).
 */
export async function runWalkthrough(options: WalkthroughOptions = {}): Promise<WalkthroughReport> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const buildDir = options.buildDir ?? path.join(ROOT, "build");
  if (!ensureJupyter(log))
    throw new Error("Jupyter (nbconvert) is not installed; see the message above for what to run");
  const executedDir = path.join(buildDir, "notebooks");
  const tutorialsDir = path.join(buildDir, "tutorials");
  const statePath = path.join(buildDir, "walkthrough-state.json");
  // The notebooks' own reading of CAPTURE_LAB_TARGET (case-insensitive, validated): a bad
  // setting fails here, before anything is started or run.
  const target = resolveTarget(process.env).kind;
  fs.rmSync(statePath, { force: true });

  let stack: ScriptStack | undefined;
  const env: NodeJS.ProcessEnv = { CAPTURE_LAB_STATE: statePath };
  if (target === "local") {
    fs.mkdirSync(buildDir, { recursive: true });
    stack = await startScriptStack({ dataDir: options.dataDir ?? fs.mkdtempSync(path.join(buildDir, "local-stack-")) });
    env.CAPTURE_LAB_TARGET = "local";
    env.CAPTURE_LAB_ENDPOINT = stack.endpoint;
    log(`local stack at ${stack.endpoint} (data in ${path.relative(ROOT, stack.dataDir)})`);
  } else {
    log("CAPTURE_LAB_TARGET=aws: running the notebooks against AWS");
  }
  const watcher = stack ? new EndpointWatcher(stack) : undefined;
  // Ctrl-C reaches the notebook kernels too; this process stays to tear down what they created.
  const onInterrupt = () => log("interrupted: stopping the notebooks, then deleting what they created on AWS ...");
  if (target === "aws") process.on("SIGINT", onInterrupt);
  try {
    const runs = await executeNotebooks({
      outputDir: executedDir,
      env,
      cellTimeoutSeconds: target === "aws" ? AWS_CELL_TIMEOUT_SECONDS : 300,
      onNotebook: async (run) => {
        await watcher?.snapshot();
        log(`${run.ok ? "ok  " : "FAIL"} ${run.name.padEnd(24)} ${(run.ms / 1000).toFixed(1)} s`);
      },
    });
    const ok = runs.length > 0 && runs.every((r) => r.ok);
    let tutorials: TutorialExport | undefined;
    if (ok && !options.skipTutorials) {
      tutorials = await exportTutorials(
        runs.map((r) => r.output),
        tutorialsDir,
      );
      log(`tutorials              ${(tutorials.ms / 1000).toFixed(1)} s`);
    }
    const captures = stack ? await readCaptureSummary(stack, statePath, watcher!) : undefined;
    const report: WalkthroughReport = {
      ok,
      target,
      runs,
      tutorials,
      executedDir,
      tutorialsDir,
      statePath,
      dataDir: stack?.dataDir,
      captures,
      monitor: readMonitorSummary(statePath),
      modelQuality: readModelQualitySummary(statePath),
      replay: readReplaySummary(statePath),
      totalMs: Date.now() - started,
    };
    if (target === "aws") Object.assign(report, await awsTeardown(statePath, log));
    if (report.teardownError) report.ok = false;
    return report;
  } catch (e) {
    // The notebooks or the export threw: still delete what the state says exists on AWS.
    if (target === "aws") await awsTeardown(statePath, log);
    throw e;
  } finally {
    if (target === "aws") process.off("SIGINT", onInterrupt);
    await stack?.stop();
  }
}

/** Deletes what the state file names on AWS (skipped when 07-cleanup already did), logging the outcome. */
async function awsTeardown(
  statePath: string,
  log: (line: string) => void,
): Promise<Pick<WalkthroughReport, "teardown" | "teardownError">> {
  try {
    const t = await teardownFromState(statePath);
    if (t.result) {
      const r = t.result;
      log(
        `teardown               endpoint ${t.endpointName}: ${r.endpointDeleted ? "deleted" : "was gone"}; configs ${r.configsDeleted.join(", ") || "-"}; models ${r.modelsDeleted.join(", ") || "-"}`,
      );
    } else log(`teardown               skipped: ${t.skipped}`);
    return { teardown: t };
  } catch (e) {
    const msg = `${(e as Error).name}: ${(e as Error).message}`;
    log(
      `teardown               FAILED: ${msg}\n  The endpoint named in ${statePath} may still be running and billing; delete it in the console or rerun 07-cleanup.`,
    );
    return { teardownError: msg };
  }
}
