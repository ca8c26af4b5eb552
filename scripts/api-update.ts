/**
 * `npm run api:update`: regenerates every API report (etc/capture-lab*.api.md), one per entry
 * point of package.json `exports`, from the build in dist/ (the npm script builds first).
 */
import * as path from "node:path";
import { apiEntries, runApiExtractor } from "./lib/api-reports";

const ROOT = path.resolve(__dirname, "..");
let failed = 0;
for (const entry of apiEntries(ROOT)) {
  const result = runApiExtractor(entry, true);
  const what = result.apiReportChanged ? "updated" : "unchanged";
  console.log(`${entry.subpath.padEnd(10)} ${path.relative(ROOT, entry.report)} ${what}`);
  if (result.errorCount > 0) {
    console.error(`${entry.subpath}: ${result.errorCount} api-extractor error(s)`);
    failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
