/**
 * `capture-lab monitor --problem-type ... --hourly`: every due hour of an endpoint's captures
 * through the model-quality run, with label delay (`--start-offset` / `--end-offset`), resume
 * and progress on stderr.
 */
import * as fs from "node:fs";
import { renderQualityReport, runHourlyModelQuality, type OutputLocation } from "../monitor";
import type { SdkClient } from "../sdk-client";
import { qualityScripts, type QualityMonitorArgs } from "./model-quality-args";

/**
 * Runs the hours; returns the exit code: 1 when no hour was due or one failed, 3 with
 * violations, else 0.
 */
export async function runQualityHourlyCommand(
  args: QualityMonitorArgs,
  loc: (p: string) => OutputLocation,
  s3: SdkClient | undefined,
): Promise<number> {
  const captures = args.captures.startsWith("s3://")
    ? { s3: s3!, uri: args.captures, endpointName: args.endpoint }
    : args.captures;
  const started = Date.now();
  const runs = await runHourlyModelQuality({
    ...qualityScripts(args, loc),
    problemType: args.problemType,
    captures,
    endpointName: args.endpoint!,
    scheduleName: args.schedule,
    groundTruth: loc(args.groundTruth),
    baseline: loc(args.baseline),
    reports: loc(args.reports!),
    startOffset: args.startOffset,
    endOffset: args.endOffset,
    since: args.start,
    until: args.end,
    parallel: args.parallel,
    inferenceAttribute: args.inferenceAttribute,
    probabilityAttribute: args.probabilityAttribute,
    probabilityThreshold: args.probabilityThreshold,
    onProgress: ({ done, total, run }) => {
      const what = run.skipped
        ? "reported earlier, skipped"
        : run.error
          ? `failed: ${run.error.message}`
          : `${run.result!.merge.matched} merged, ${run.result!.violations.length} violation(s)${run.result!.postAnalytics ? `; post-analytics: ${run.result!.postAnalytics.output.trim()}` : ""}`;
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      process.stderr.write(`[${done}/${total}] ${run.hour}: ${what} (${rate.toFixed(1)} hours/s)\n`);
    },
  });
  if (runs.length === 0) {
    process.stderr.write(
      `capture-lab monitor: no due hour with captures for endpoint ${args.endpoint} under ${args.captures} (an hour is due once it and its window have ended)\n`,
    );
    return 1;
  }
  const ran = runs.filter((r) => r.result);
  const failed = runs.filter((r) => r.error);
  const violations = ran.reduce((s, r) => s + r.result!.violations.length, 0);
  process.stdout.write(
    `${runs.length} hour(s): ${ran.length} run, ${runs.length - ran.length - failed.length} reported earlier, ${failed.length} failed; ${violations} violation(s)\n`,
  );
  for (const r of ran)
    for (const v of r.result!.violations) process.stdout.write(`  ${r.hour} ${v.metric_name}: ${v.description}\n`);
  for (const r of failed) process.stdout.write(`  ${r.hour} failed: ${r.error!.message}\n`);
  if (args.report) {
    const last = ran[ran.length - 1]?.result;
    fs.writeFileSync(
      args.report,
      await renderQualityReport(last, {
        title: `Model quality of ${args.endpoint}, hourly`,
        runs,
        from: ran[ran.length - 1]?.from,
        to: ran[ran.length - 1]?.to,
      }),
    );
    process.stdout.write(`wrote ${args.report}\n`);
  }
  return failed.length > 0 ? 1 : violations > 0 ? 3 : 0;
}
