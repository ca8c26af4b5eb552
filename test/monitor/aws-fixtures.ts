/**
 * Model Monitor files written by AWS, read from `../shared/fixtures/aws-monitor/` (see its
 * PROVENANCE.md): files from public repositories stay out of this repository.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** The data-quality job's files (statistics.json, constraints.json, constraint_violations.json). */
export const AWS_DATA_QUALITY = path.resolve(ROOT, "..", "shared", "fixtures", "aws-monitor", "data-quality");

/** Skips the calling suite, saying why, when this checkout has no `../shared` (users' clones). */
export function skipWithoutAwsMonitorFixtures(ctx: Mocha.Context): void {
  if (fs.existsSync(AWS_DATA_QUALITY)) return;
  console.log(`    (skipped: AWS Model Monitor fixtures not found at ${AWS_DATA_QUALITY}; they live in ../shared)`);
  ctx.skip();
}
