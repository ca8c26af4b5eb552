/**
 * `npm run walkthrough`: the whole Capture Lab walkthrough in one command. Runs the notebook
 * pipeline (fresh local stack, every notebook, tutorials) and prints a one-screen summary whose
 * figures are read back from the stack's counters and the capture files it stored.
 */
import { failureText, summaryText } from "./lib/report";
import { runWalkthrough } from "./lib/walkthrough-run";
import { runMain } from "./lib/run-main";

async function main(): Promise<number> {
  const report = await runWalkthrough();
  console.log(summaryText(report));
  if (!report.ok) {
    console.error("\n" + failureText(report));
    return 1;
  }
  const c = report.captures;
  if (c && c.rowsSent !== undefined && c.records !== c.rowsSent) {
    console.error(`\nExpected ${c.rowsSent} captured records (100% sampling) but read ${c.records}.`);
    return 1;
  }
  return 0;
}

runMain(main);
