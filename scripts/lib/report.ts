/** Printing a walkthrough report for people. */
import * as path from "node:path";
import { ROOT } from "./jupyter";
import type { WalkthroughReport } from "./walkthrough-run";

const rel = (p: string) => path.relative(process.cwd(), p) || ".";
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Lines describing failed notebooks with nbconvert's error text. */
export function failureText(report: WalkthroughReport): string {
  const lines = report.runs
    .filter((r) => !r.ok)
    .map((r) => `notebooks/${r.name}.ipynb failed:\n${r.error ?? "(no error text)"}`);
  if (report.teardownError) lines.push(`tearing down the AWS resources failed: ${report.teardownError}`);
  return lines.join("\n\n");
}

/** A one-screen summary: where things are, what was sent and captured, how long it took. */
export function summaryText(report: WalkthroughReport): string {
  const lines: string[] = [];
  lines.push(
    `Capture Lab walkthrough (${report.target}): ${report.ok ? "all notebooks ran" : "FAILED"} in ${secs(report.totalMs)}`,
  );
  lines.push("");
  lines.push("  notebook                   time");
  for (const r of report.runs) lines.push(`  ${r.ok ? " " : "✗"} ${r.name.padEnd(24)} ${secs(r.ms).padStart(7)}`);
  if (report.tutorials)
    lines.push(`    ${"tutorials (HTML + MD)".padEnd(24)} ${secs(report.tutorials.ms).padStart(7)}`);
  const c = report.captures;
  if (c) {
    lines.push("");
    lines.push(`  endpoint        ${c.endpointName ?? "–"}`);
    lines.push(
      `  rows sent       ${c.rowsSent ?? "–"}   (stack counted ${c.counters?.invocations ?? "–"} invocations)`,
    );
    lines.push(
      `  records         ${c.records} read back from ${c.files} capture file(s) in ${c.hours} hour folder(s); ${c.withInferenceId} with an inference id`,
    );
    if (c.counters) {
      const k = c.counters;
      lines.push(
        `  stack counters  captured ${k.captured}, written ${k.written}, sampled out ${k.sampledOut}, dropped ${k.dropped}, lost ${k.lost}`,
      );
    }
    if (c.destination)
      lines.push(
        `  captures in     ${c.destination}/${c.endpointName}/ (local S3, data dir ${rel(report.dataDir ?? ROOT)})`,
      );
  }
  if (report.teardown || report.teardownError) {
    lines.push("");
    const t = report.teardown;
    if (report.teardownError)
      lines.push(
        `  teardown        FAILED (${report.teardownError}); the endpoint in ${rel(report.statePath)} may still bill`,
      );
    else if (t?.result)
      lines.push(
        `  teardown        ${t.endpointName}: endpoint ${t.result.endpointDeleted ? "deleted" : "was gone"}, ${t.result.configsDeleted.length} config(s), ${t.result.modelsDeleted.length} model(s) deleted`,
      );
    else lines.push(`  teardown        not needed: ${t?.skipped}`);
  }
  const m = report.monitor;
  if (m) {
    lines.push("");
    lines.push(`  baseline        ${m.baselineUri}`);
    for (const r of m.runs) {
      const checks = r.checks.length > 0 ? ` (${r.checks.join(", ")})` : "";
      lines.push(
        `  monitor         ${r.label}: ${r.rows} rows, ${r.violations} violation(s)${checks}, ${r.driftedFeatures} drifted feature(s)`,
      );
    }
  }
  const q = report.modelQuality;
  if (q) {
    lines.push("");
    lines.push(`  qual. baseline  ${q.baselineUri}`);
    lines.push(`  ground truth    ${q.groundTruthUri}`);
    for (const r of q.runs) {
      const which = r.metrics.length > 0 ? ` (${r.metrics.join(", ")})` : "";
      lines.push(`  model quality   ${r.label}: ${r.rows} rows merged, ${r.violations} violation(s)${which}`);
    }
  }
  const r = report.replay;
  if (r) {
    const agreement = r.agreementRate === null ? "–" : `${(r.agreementRate * 100).toFixed(1)} %`;
    lines.push(
      `  replay          ${r.requests} captured requests against ${r.candidate}: ${agreement} same decision, max |difference| ${r.maxDifference?.toFixed(4) ?? "–"}${r.failed > 0 ? `, ${r.failed} failed` : ""}`,
    );
  }
  lines.push("");
  lines.push(`  executed notebooks  ${rel(report.executedDir)}/`);
  if (report.tutorials) {
    lines.push(`  HTML tutorials      ${rel(report.tutorialsDir)}/00-index.html`);
    lines.push(`  Markdown tutorials  ${rel(report.tutorialsDir)}/00-index.md`);
  }
  return lines.join("\n");
}
