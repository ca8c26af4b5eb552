/** `capture-lab baseline`: Model Monitor's suggest_baseline, offline. */
import { suggestBaseline } from "../monitor";
import type { DatasetFormat } from "../monitor";
import { s3ForUris } from "./args";
import { flags } from "./flags";
import { isModelQuality, QUALITY_BASELINE_HELP, runQualityBaselineCommand } from "./model-quality-command";

/** Help of the `baseline` command. */
export const BASELINE_HELP = `Usage: capture-lab baseline --dataset PATH_OR_S3_URI --output DIR_OR_S3_URI [options]

Writes statistics.json and constraints.json for a training dataset, as Model Monitor's
baseline job does (Deequ statistics, KLL sketches, suggested constraints).

Options:
  --dataset P                  a CSV / JSON Lines file, a folder of them, or an s3:// prefix
  --output D                   folder or s3:// prefix for statistics.json and constraints.json
  --dataset-format csv|json    default csv
  --header / --no-header       CSV: first line of each file is a header (default --header)
  --output-columns-position START|END
                               where the model's output column is in the dataset (default
                               START); use the same with "capture-lab monitor"
  -h, --help                   show this help

s3:// locations use the target of the environment (CAPTURE_LAB_TARGET=aws, or a running
local stack).

${QUALITY_BASELINE_HELP}`;

/** Parsed `baseline` options. */
interface BaselineArgs {
  dataset: string;
  output: string;
  format: DatasetFormat;
}

/** Parses `baseline` arguments; throws an Error with a message for the user on bad input. */
export function parseBaselineArgs(argv: readonly string[]): BaselineArgs {
  let dataset: string | undefined;
  let output: string | undefined;
  let kind = "csv";
  let header = true;
  let position: "START" | "END" = "START";
  for (const { flag, value } of flags(argv)) {
    switch (flag) {
      case "--dataset":
        dataset = value();
        break;
      case "--output":
        output = value();
        break;
      case "--dataset-format":
        kind = value().toLowerCase();
        if (kind !== "csv" && kind !== "json") throw new Error(`--dataset-format: expected csv or json, got "${kind}"`);
        break;
      case "--header":
        header = true;
        break;
      case "--no-header":
        header = false;
        break;
      case "--output-columns-position": {
        const v = value().toUpperCase();
        if (v !== "START" && v !== "END")
          throw new Error(`--output-columns-position: expected START or END, got "${v}"`);
        position = v;
        break;
      }
      default:
        throw new Error(`unknown option "${flag}"`);
    }
  }
  if (!dataset) throw new Error("--dataset is required");
  if (!output) throw new Error("--output is required");
  const format: DatasetFormat =
    kind === "json" ? { json: { lines: true } } : { csv: { header, output_columns_position: position } };
  return { dataset, output, format };
}

/** Runs `capture-lab baseline`; returns the exit code. */
export async function runBaselineCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    process.stdout.write(BASELINE_HELP);
    return 0;
  }
  if (isModelQuality(argv)) return runQualityBaselineCommand(argv, BASELINE_HELP);
  let args: BaselineArgs;
  try {
    args = parseBaselineArgs(argv);
  } catch (e) {
    process.stderr.write(`capture-lab baseline: ${(e as Error).message}\n\n${BASELINE_HELP}`);
    return 2;
  }
  const client = await s3ForUris([args.dataset, args.output]).catch((e: Error) => {
    process.stderr.write(`capture-lab baseline: ${e.message}\n`);
    return undefined;
  });
  if (!client) return 1;
  try {
    const loc = client.loc;
    const r = await suggestBaseline({
      dataset: loc(args.dataset),
      datasetFormat: args.format,
      output: loc(args.output),
    });
    for (const i of r.issues.slice(0, 20)) process.stderr.write(`warning: ${i.source}:${i.line}: ${i.message}\n`);
    if (r.issues.length > 20) process.stderr.write(`warning: ... ${r.issues.length - 20} more rows with problems\n`);
    process.stdout.write(
      `baseline of ${r.statistics.dataset.item_count} rows, ${r.statistics.features.length} features from ${r.files.length} file(s)\n`,
    );
    for (const w of r.written) process.stdout.write(`wrote ${w}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`capture-lab baseline: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await client.close();
  }
}
