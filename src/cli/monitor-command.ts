/** `capture-lab monitor`: one Model Monitor monitoring execution (or every completed hour), offline. */
import * as fs from "node:fs";
import {
  renderDriftReport,
  runHourlyMonitoring,
  runMonitor,
  summarizeHour,
  type HourSummary,
  type WindowProgress,
} from "../monitor";
import { s3ForUris, writeRunTail } from "./args";
import { checkWindow, flags, hourlyFlag, numberValue, scriptFlag, windowFlag } from "./flags";
import { isModelQuality, QUALITY_MONITOR_HELP, runQualityMonitorCommand } from "./model-quality-command";

/** Help of the `monitor` command. */
export const MONITOR_HELP = `Usage: capture-lab monitor --captures PATH_OR_S3_URI --baseline DIR --output DIR [options]
       capture-lab monitor --hourly --captures PATH_OR_S3_URI --endpoint NAME --baseline DIR --reports DIR [options]

Checks captured traffic against a baseline (statistics.json + constraints.json written by
"capture-lab baseline" or by AWS) and writes the window's statistics.json and
constraint_violations.json, as a Model Monitor data-quality execution does.

Options:
  --captures P          capture file, capture folder, or s3:// prefix
  --baseline D          folder or s3:// prefix with statistics.json and constraints.json
  --output D            folder or s3:// prefix for this run's reports
  --start ISO           window start (inclusive), e.g. 2024-01-19T19:00:00Z
  --end ISO             window end (exclusive)
  --report FILE         also write the drift report as a standalone HTML file
  --output-columns-position START|END
                        where the model output sits in the baseline's rows (default START)
  --drift-share X       dataset drift when more than this share of features drift (default 0.3)
  --min-profiled-share X
                        fail (exit 1) when fewer than this share (0..1) of the window's
                        records give a profiled row (default: fail only when none does)
  --hourly              process each completed hour of --endpoint's captures into
                        {reports}/{endpoint}/{schedule}/yyyy/mm/dd/hh/
  --endpoint NAME       (hourly) the endpoint
  --schedule NAME       (hourly) schedule name in the layout (default capture-lab-hourly)
  --reports D           (hourly) reports root: folder or s3:// prefix
  --record-preprocessor FILE_OR_S3_URI
                        AWS's record preprocessor: a Python script with
                        preprocess_handler(inference_record), or a .js/.mjs module with
                        preprocessHandler(record); one Python process per run
                        (per thread with --parallel, hourly or a split window;
                        python3 from PATH, or CAPTURE_LAB_PYTHON)
  --post-analytics-processor FILE_OR_S3_URI
                        postprocess_handler() run once after a successful run (once per
                        hour with --hourly); what it prints is shown
  --preprocessor-timeout S
                        per-record time limit of the record preprocessor (default 60)
  --parallel N          worker threads (default: the number of cores; 1 = this thread only):
                        with --hourly, hours run at once (local captures and reports); for
                        one window of local captures (8 MiB or more), its files are split
                        across workers (with --record-preprocessor, one script process per
                        thread) and the profiles merged in file order:
                        statistics.json is one thread's except each numeric feature's
                        distribution.kll (buckets, sketch data) and the drift distances
                        computed from it, which stay within the KLL sketch's error
                        (use --parallel 1 for files that do not depend on the machine)
  --resume              (hourly) skip hours whose reports are already written
  -h, --help            show this help

Captured payloads are read as loadCaptures reads them: CSV, JSON (arrays,
{"instances": ...}, {"features": [...]}, {"predictions": ...}, objects by feature name) and
JSON Lines, BASE64 text. A window where no record could be profiled is an error.

Exit code: 0 without violations, 3 with violations, 1 on errors (no captures, nothing
profiled), 2 on bad arguments.

${QUALITY_MONITOR_HELP}`;

/** Parsed `monitor` options. */
interface MonitorArgs {
  captures: string;
  baseline: string;
  output?: string;
  start?: Date;
  end?: Date;
  report?: string;
  position: "START" | "END";
  driftShare?: number;
  minProfiledShare?: number;
  hourly: boolean;
  endpoint?: string;
  schedule?: string;
  reports?: string;
  recordPreprocessor?: string;
  postAnalyticsProcessor?: string;
  preprocessorTimeout?: number;
  parallel?: number;
  resume: boolean;
}

/** Parses `monitor` arguments; throws an Error with a message for the user on bad input. */
export function parseMonitorArgs(argv: readonly string[]): MonitorArgs {
  const a: Partial<MonitorArgs> & { position: "START" | "END"; hourly: boolean; resume: boolean } = {
    position: "START",
    hourly: false,
    resume: false,
  };
  for (const { flag, value } of flags(argv)) {
    switch (flag) {
      case "--report":
        a.report = value();
        break;
      case "--output-columns-position": {
        const v = value().toUpperCase();
        if (v !== "START" && v !== "END")
          throw new Error(`--output-columns-position: expected START or END, got "${v}"`);
        a.position = v;
        break;
      }
      case "--drift-share":
        a.driftShare = numberValue(flag, value(), 0, 1);
        break;
      case "--min-profiled-share":
        a.minProfiledShare = numberValue(flag, value(), 0, 1);
        break;
      case "--resume":
        a.resume = true;
        break;
      default:
        if (!windowFlag(a, flag, value) && !scriptFlag(a, flag, value) && !hourlyFlag(a, flag, value))
          throw new Error(`unknown option "${flag}"`);
    }
  }
  if (!a.captures) throw new Error("--captures is required");
  if (!a.baseline) throw new Error("--baseline is required");
  if (a.hourly) {
    if (!a.endpoint) throw new Error("--hourly needs --endpoint");
    if (!a.reports) throw new Error("--hourly needs --reports");
  } else if (!a.output) throw new Error("--output is required (or use --hourly with --reports)");
  checkWindow(a);
  return a as MonitorArgs;
}

function summary(r: HourSummary, out: NodeJS.WritableStream): void {
  out.write(
    `${r.records} records, ${r.rows} rows, ${r.columnCount} columns; ${r.violations.length} violation(s); ${r.driftedCount}/${r.featureCount} features drifted${r.datasetDrifted ? " (dataset drift)" : ""}\n`,
  );
  for (const v of r.violations) out.write(`  ${v.constraint_check_type} ${v.feature_name}: ${v.description}\n`);
  writeRunTail(out, r, "bad-row problem(s)");
}

/** Runs `capture-lab monitor`; returns the exit code. */
export async function runMonitorCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    process.stdout.write(MONITOR_HELP);
    return 0;
  }
  if (isModelQuality(argv)) return runQualityMonitorCommand(argv, MONITOR_HELP);
  let args: MonitorArgs;
  try {
    args = parseMonitorArgs(argv);
  } catch (e) {
    process.stderr.write(`capture-lab monitor: ${(e as Error).message}\n\n${MONITOR_HELP}`);
    return 2;
  }
  let client: Awaited<ReturnType<typeof s3ForUris>>;
  try {
    client = await s3ForUris([
      args.captures,
      args.baseline,
      args.output,
      args.reports,
      args.recordPreprocessor,
      args.postAnalyticsProcessor,
    ]);
  } catch (e) {
    process.stderr.write(`capture-lab monitor: ${(e as Error).message}\n`);
    return 1;
  }
  const loc = client.loc;
  const captures = (p: string) =>
    p.startsWith("s3://") ? { s3: client.s3!, uri: p, ...(args.hourly ? { endpointName: args.endpoint } : {}) } : p;
  const drift = args.driftShare !== undefined ? { datasetShare: args.driftShare } : undefined;
  // Scripts' prints and the "running ..." lines go to stderr, the run's summary to stdout.
  const scripts = {
    recordPreprocessor: args.recordPreprocessor === undefined ? undefined : loc(args.recordPreprocessor),
    postAnalyticsProcessor: args.postAnalyticsProcessor === undefined ? undefined : loc(args.postAnalyticsProcessor),
    preprocessorTimeoutSeconds: args.preprocessorTimeout,
    onScriptOutput: (t: string) => void process.stderr.write(t),
  };
  try {
    if (args.hourly) {
      const runs = await runHourlyMonitoring({
        captures: captures(args.captures),
        endpointName: args.endpoint!,
        scheduleName: args.schedule,
        baseline: loc(args.baseline),
        reports: loc(args.reports!),
        since: args.start,
        until: args.end,
        outputColumnsPosition: args.position,
        drift,
        minProfiledShare: args.minProfiledShare,
        htmlReport: "drift-report.html",
        ...scripts,
        parallel: args.parallel,
        resume: args.resume,
        onProgress: (p) =>
          process.stderr.write(
            `${p.hour} done: ${p.done}/${p.total} hours, ${p.left} left${p.failed ? `, ${p.failed} failed` : ""}\n`,
          ),
      });
      if (runs.length === 0) {
        process.stderr.write(
          `capture-lab monitor: no completed hour with captures for endpoint ${args.endpoint} under ${args.captures}\n`,
        );
        return 1;
      }
      let failed = 0;
      let violations = 0;
      for (const run of runs) {
        process.stdout.write(`${run.hour}: `);
        if (run.skipped) process.stdout.write("already reported (--resume)\n");
        else if (run.error) {
          failed++;
          process.stdout.write(`failed: ${run.error.message}\n`);
        } else {
          violations += run.result!.violations.length;
          summary(run.result!, process.stdout);
        }
      }
      return failed > 0 ? 1 : violations > 0 ? 3 : 0;
    }
    const r = await runMonitor({
      captures: captures(args.captures),
      baseline: loc(args.baseline),
      from: args.start,
      to: args.end,
      output: loc(args.output!),
      outputColumnsPosition: args.position,
      drift,
      minProfiledShare: args.minProfiledShare,
      ...scripts,
      parallel: args.parallel,
      onProgress: filesProgress(),
    });
    if (args.report) {
      fs.writeFileSync(
        args.report,
        renderDriftReport(r, { title: `Drift report: ${args.captures}`, from: args.start, to: args.end }),
      );
      r.written.push(args.report);
    }
    summary(summarizeHour(r), process.stdout);
    return r.violations.length > 0 ? 3 : 0;
  } catch (e) {
    process.stderr.write(`capture-lab monitor: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await client.close();
  }
}

/** Progress of a split window on stderr: files read, at every tenth of them and at the end. */
function filesProgress(): (p: WindowProgress) => void {
  let shown = 0;
  return (p) => {
    if (p.filesRead < p.files && p.filesRead < shown + Math.max(1, p.files / 10)) return;
    if (p.filesRead === shown) return;
    shown = p.filesRead;
    process.stderr.write(`files read: ${p.filesRead}/${p.files}\n`);
  };
}
