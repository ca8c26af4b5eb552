/**
 * `npm run notebooks`: executes every notebook headlessly against a fresh local stack
 * (or AWS with CAPTURE_LAB_TARGET=aws), writes the executed copies to build/notebooks and
 * HTML + Markdown tutorials to build/tutorials. Exits 1 when any cell fails.
 */
import { failureText, summaryText } from "./lib/report";
import { runWalkthrough } from "./lib/walkthrough-run";
import { runMain } from "./lib/run-main";

async function main(): Promise<number> {
  const report = await runWalkthrough();
  if (!report.ok) {
    console.error(failureText(report));
    return 1;
  }
  console.log(summaryText(report));
  return 0;
}

runMain(main);
