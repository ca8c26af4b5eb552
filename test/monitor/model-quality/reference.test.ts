/**
 * The metrics against an independent computation: scripts/model_quality_reference.py (numpy,
 * written from the definitions) on seeded datasets of each problem type and on AWS's datasets.
 * Counts must be equal; doubles within 1e-12 (numpy sums pairwise, Capture Lab in row order).
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { suggestModelQualityBaseline, type MetricSet, type ProblemType } from "../../../src/monitor";
import { HAVE_SHARED, MQ_FIXTURES, seeded, tempDir } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "model_quality_reference.py");
const PYTHON = "/usr/bin/python3";

function haveNumpy(): boolean {
  if (!fs.existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ["-c", "import numpy"], { encoding: "utf8" }).status === 0;
}

interface Reference {
  rows: number;
  values: Record<string, number>;
  confusion_matrix?: Record<string, Record<string, number>>;
  roc?: { false_positive_rates: number[]; true_positive_rates: number[] };
  precision_recall?: { precisions: number[]; recalls: number[] };
}

function reference(file: string, problemType: ProblemType, cols: Record<string, string>): Reference {
  const args = [SCRIPT, "--dataset", file, "--problem-type", problemType];
  for (const [k, v] of Object.entries(cols)) args.push(`--${k}`, v);
  const res = spawnSync(PYTHON, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout) as Reference;
}

function close(actual: number, expected: number, what: string): void {
  const tol = 1e-12 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs reference ${expected}`);
}

function compare(m: MetricSet, ref: Reference): void {
  assert.equal(m.rows, ref.rows);
  assert.deepEqual(Object.keys(m.values), Object.keys(ref.values));
  for (const [k, v] of Object.entries(ref.values)) close(m.values[k]!, v, k);
  if (ref.confusion_matrix) assert.deepEqual(m.confusionMatrix, ref.confusion_matrix);
  const curve = (a: number[], b: number[], what: string) => {
    assert.equal(a.length, b.length, `${what} length`);
    a.forEach((x, i) => close(x, b[i]!, `${what}[${i}]`));
  };
  if (ref.roc) {
    curve(m.roc!.false_positive_rates, ref.roc.false_positive_rates, "fpr");
    curve(m.roc!.true_positive_rates, ref.roc.true_positive_rates, "tpr");
  }
  if (ref.precision_recall) {
    curve(m.precisionRecall!.precisions, ref.precision_recall.precisions, "precision");
    curve(m.precisionRecall!.recalls, ref.precision_recall.recalls, "recall");
  }
}

/** A seeded dataset: scores with ties (two decimals), labels drawn from them. */
function write(dir: string, name: string, header: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${header}\n${rows.join("\n")}\n`);
  return file;
}

describe("model quality against the numpy reference (scripts/model_quality_reference.py)", function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    if (!haveNumpy()) {
      console.log("      (skipped: /usr/bin/python3 with numpy is needed; on Debian: apt-get install python3-numpy)");
      this.skip();
    }
    dir = tempDir("ref");
  });

  it("binary, probabilities with ties, threshold 0.5 (no inference attribute)", async () => {
    const r = seeded(7);
    const rows = Array.from({ length: 1500 }, () => {
      const p = Math.round(r() * 100) / 100;
      return `${p},${r() < p ? 1 : 0}`;
    });
    const file = write(dir, "binary.csv", "probability,label", rows);
    const b = await suggestModelQualityBaseline({
      dataset: file,
      problemType: "BinaryClassification",
      probabilityAttribute: "probability",
      groundTruthAttribute: "label",
    });
    compare(b.metrics, reference(file, "BinaryClassification", { label: "label", probability: "probability" }));
  });

  it("binary, a majority of positives (the best constant classifier says 1)", async () => {
    const r = seeded(8);
    const rows = Array.from({ length: 400 }, () => {
      const y = r() < 0.7 ? 1 : 0;
      const p = Math.min(1, Math.max(0, y * 0.3 + r() * 0.7));
      return `${p},${p > 0.4 ? 1 : 0},${y}`;
    });
    const file = write(dir, "binary2.csv", "probability,prediction,label", rows);
    const b = await suggestModelQualityBaseline({
      dataset: file,
      problemType: "BinaryClassification",
      inferenceAttribute: "prediction",
      probabilityAttribute: "probability",
      groundTruthAttribute: "label",
    });
    assert.equal(b.metrics.values.recall_best_constant_classifier, 1);
    compare(
      b.metrics,
      reference(file, "BinaryClassification", { label: "label", prediction: "prediction", probability: "probability" }),
    );
  });

  it("multiclass, four classes, one never predicted", async () => {
    const r = seeded(9);
    const rows = Array.from({ length: 900 }, () => {
      const y = Math.floor(r() * 4);
      const yhat = r() < 0.6 ? y : Math.floor(r() * 3);
      return `${yhat},${y}`;
    });
    const file = write(dir, "multi.csv", "prediction,label", rows);
    const b = await suggestModelQualityBaseline({
      dataset: file,
      problemType: "MulticlassClassification",
      inferenceAttribute: "prediction",
      groundTruthAttribute: "label",
    });
    compare(b.metrics, reference(file, "MulticlassClassification", { label: "label", prediction: "prediction" }));
  });

  it("regression", async () => {
    const r = seeded(10);
    const rows = Array.from({ length: 700 }, () => {
      const y = r() * 100;
      return `${y + (r() - 0.5) * 10},${y}`;
    });
    const file = write(dir, "reg.csv", "prediction,label", rows);
    const b = await suggestModelQualityBaseline({
      dataset: file,
      problemType: "Regression",
      inferenceAttribute: "prediction",
      groundTruthAttribute: "label",
    });
    compare(b.metrics, reference(file, "Regression", { label: "label", prediction: "prediction" }));
  });

  it("AWS's churn and regression datasets", async function () {
    if (!HAVE_SHARED) {
      console.log(`      (skipped: ${MQ_FIXTURES} is absent)`);
      this.skip();
    }
    const churn = path.join(MQ_FIXTURES, "binary", "validation_with_predictions.csv");
    const b = await suggestModelQualityBaseline({
      dataset: churn,
      problemType: "BinaryClassification",
      inferenceAttribute: "prediction",
      probabilityAttribute: "probability",
      groundTruthAttribute: "label",
    });
    compare(
      b.metrics,
      reference(churn, "BinaryClassification", {
        label: "label",
        prediction: "prediction",
        probability: "probability",
      }),
    );
    const reg = path.join(MQ_FIXTURES, "regression", "baseline_dataset.csv");
    const g = await suggestModelQualityBaseline({
      dataset: reg,
      problemType: "Regression",
      inferenceAttribute: "Label",
      groundTruthAttribute: "Prediction",
    });
    compare(g.metrics, reference(reg, "Regression", { label: "Prediction", prediction: "Label" }));
  });
});
