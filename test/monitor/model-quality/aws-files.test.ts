/**
 * Model-quality files against what AWS's container wrote or printed: the regression baseline of
 * aws/sagemaker-python-sdk's test data (to the byte), the churn example's baseline and the
 * violation texts of its monitoring runs (aws/amazon-sagemaker-examples, older revisions of
 * model_quality_churn_sdk.ipynb), and the developer guide's multiclass example.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  binaryMetrics,
  formatQualityConstraints,
  multiclassMetrics,
  qualityViolations,
  suggestModelQualityBaseline,
} from "../../../src/monitor";
import { HAVE_SHARED, MQ_FIXTURES, tempDir } from "./helpers";

/** Cells with the given counts (scores only matter for the AUC, not used here). */
function cells(tn: number, fp: number, fn: number, tp: number) {
  const fill = (n: number, s: number) => new Float64Array(n).fill(s);
  return { tn: fill(tn, 0.1), fp: fill(fp, 0.9), fn: fill(fn, 0.1), tp: fill(tp, 0.9) };
}

describe("model quality: files and figures AWS wrote", function () {
  before(function () {
    if (!HAVE_SHARED) {
      console.log(`      (skipped: ${MQ_FIXTURES} is absent; the AWS-written files are not in users' clones)`);
      this.skip();
    }
  });

  it("regression: statistics.json is AWS's file byte for byte, constraints.json its good-case file", async () => {
    const out = tempDir("reg");
    // The SDK's test passes the two names swapped: ground truth "Prediction", inference "Label".
    const r = await suggestModelQualityBaseline({
      dataset: path.join(MQ_FIXTURES, "regression", "baseline_dataset.csv"),
      problemType: "Regression",
      inferenceAttribute: "Label",
      groundTruthAttribute: "Prediction",
      output: out,
    });
    assert.equal(
      fs.readFileSync(path.join(out, "statistics.json"), "utf8"),
      fs.readFileSync(path.join(MQ_FIXTURES, "regression", "statistics.json"), "utf8"),
    );
    assert.equal(
      formatQualityConstraints(r.constraints),
      fs.readFileSync(path.join(MQ_FIXTURES, "regression", "constraints-good.json"), "utf8"),
    );
    assert.ok(Number.isNaN(r.deviations.mae), "100 rows: no deviation");
  });

  it("binary: the churn example's baseline (201 rows) as AWS printed it", async () => {
    const r = await suggestModelQualityBaseline({
      dataset: path.join(MQ_FIXTURES, "binary", "validation_with_predictions.csv"),
      problemType: "BinaryClassification",
      inferenceAttribute: "prediction",
      probabilityAttribute: "probability",
      groundTruthAttribute: "label",
    });
    const v = r.metrics.values;
    assert.deepEqual(r.metrics.confusionMatrix, { "0": { "0": 173, "1": 0 }, "1": { "0": 12, "1": 16 } });
    // Full digits: the thresholds quoted in the monitoring run's violation texts.
    assert.equal(v.auc, 0.9395127993393898);
    assert.equal(v.accuracy, 0.9402985074626866);
    assert.equal(v.recall, 0.5714285714285714);
    assert.equal(v.true_positive_rate, 0.5714285714285714);
    assert.equal(v.false_negative_rate, 0.4285714285714286);
    assert.equal(v.precision, 1);
    assert.equal(v.false_positive_rate, 0);
    assert.equal(v.true_negative_rate, 1);
    assert.equal(v.f1, 0.7272727272727273);
    assert.equal(v.f2, 0.625);
    // Printed with 6 digits in the baseline table.
    assert.equal(v.f0_5!.toFixed(6), "0.869565");
    assert.equal(v.accuracy_best_constant_classifier!.toFixed(6), "0.860697");
    for (const k of ["recall", "precision", "f0_5", "f1", "f2"]) assert.equal(v[`${k}_best_constant_classifier`], 0);
    const roc = r.metrics.roc!;
    assert.equal(roc.true_positive_rates[1], 0.03571428571428571);
    assert.equal(r.metrics.precisionRecall!.recalls[1], 0.03571428571428571);
    assert.equal(r.metrics.precisionRecall!.precisions[0], 1);
    // 201 rows >= 200: deviations are numbers, 0 where every subsample agrees (precision 1.0).
    assert.equal(r.deviations.precision, 0);
    assert.ok(r.deviations.accuracy! > 0.002 && r.deviations.accuracy! < 0.03, String(r.deviations.accuracy));
    const c = r.constraints.binary_classification_constraints as Record<string, { comparison_operator: string }>;
    assert.deepEqual(Object.keys(c), [
      "recall",
      "precision",
      "accuracy",
      "true_positive_rate",
      "true_negative_rate",
      "false_positive_rate",
      "false_negative_rate",
      "auc",
      "f0_5",
      "f1",
      "f2",
    ]);
    assert.equal(c.false_positive_rate!.comparison_operator, "GreaterThanThreshold");
    assert.equal(c.auc!.comparison_operator, "LessThanThreshold");
  });
});

describe("model quality: formulas pinned by AWS's published numbers (no files needed)", () => {
  it("a monitoring run of the churn example: TP 151, FP 65, FN 1167, TN 434 gives AWS's digits and texts", () => {
    const m = binaryMetrics(cells(434, 65, 1167, 151), false);
    const v = m.values;
    assert.equal(v.precision, 0.6990740740740741);
    assert.equal(v.true_positive_rate, 0.11456752655538695);
    assert.equal(v.f1, 0.196870925684485);
    assert.equal(v.f2, 0.1375728862973761);
    assert.equal(v.accuracy, 0.3219592735277931);
    assert.equal(v.false_positive_rate, 0.13026052104208416);
    assert.equal(v.true_negative_rate, 0.8697394789579158);
    assert.equal(v.false_negative_rate, 0.8854324734446131);
    // The deviations AWS printed, to check the texts and the order of the list.
    const dev: Record<string, number> = {
      precision: 0.011633050186414431,
      true_positive_rate: 0.0031164575525145627,
      f1: 0.004784340102189688,
      accuracy: 0.004478016362733995,
      false_positive_rate: 0.007414796163354082,
      true_negative_rate: 0.007414796163354049,
      false_negative_rate: 0.0031164575525145714,
      recall: 0.0031164575525145627,
      f2: 0.003627554789531606,
    };
    const constraints = {
      version: 0,
      binary_classification_constraints: {
        recall: { threshold: 0.5714285714285714, comparison_operator: "LessThanThreshold" },
        precision: { threshold: 1.0, comparison_operator: "LessThanThreshold" },
        accuracy: { threshold: 0.9402985074626866, comparison_operator: "LessThanThreshold" },
        true_positive_rate: { threshold: 0.5714285714285714, comparison_operator: "LessThanThreshold" },
        true_negative_rate: { threshold: 1.0, comparison_operator: "LessThanThreshold" },
        false_positive_rate: { threshold: 0.0, comparison_operator: "GreaterThanThreshold" },
        false_negative_rate: { threshold: 0.4285714285714286, comparison_operator: "GreaterThanThreshold" },
        f1: { threshold: 0.7272727272727273, comparison_operator: "LessThanThreshold" },
        f2: { threshold: 0.625, comparison_operator: "LessThanThreshold" },
      },
    };
    const violations = qualityViolations(m, dev, constraints);
    assert.deepEqual(
      violations.map((x) => x.description),
      [
        "Metric precision with 0.6990740740740741 +/- 0.011633050186414431 was LessThanThreshold '1.0'",
        "Metric truePositiveRate with 0.11456752655538695 +/- 0.0031164575525145627 was LessThanThreshold '0.5714285714285714'",
        "Metric f1 with 0.196870925684485 +/- 0.004784340102189688 was LessThanThreshold '0.7272727272727273'",
        "Metric accuracy with 0.3219592735277931 +/- 0.004478016362733995 was LessThanThreshold '0.9402985074626866'",
        "Metric falsePositiveRate with 0.13026052104208416 +/- 0.007414796163354082 was GreaterThanThreshold '0.0'",
        "Metric trueNegativeRate with 0.8697394789579158 +/- 0.007414796163354049 was LessThanThreshold '1.0'",
        "Metric falseNegativeRate with 0.8854324734446131 +/- 0.0031164575525145714 was GreaterThanThreshold '0.4285714285714286'",
        "Metric recall with 0.11456752655538695 +/- 0.0031164575525145627 was LessThanThreshold '0.5714285714285714'",
        "Metric f2 with 0.1375728862973761 +/- 0.003627554789531606 was LessThanThreshold '0.625'",
      ],
    );
    assert.deepEqual(Object.keys(violations[0]!), ["constraint_check_type", "description", "metric_name"]);
    assert.equal(violations[1]!.metric_name, "truePositiveRate");
  });

  it("another run (TP 156, FP 69, FN 1218, TN 449): F1, F2, TNR = 1 - FPR to the digit", () => {
    const v = binaryMetrics(cells(449, 69, 1218, 156), false).values;
    assert.equal(v.f1, 0.19512195121951217);
    assert.equal(v.f2, 0.13633980073413737);
    assert.equal(v.true_negative_rate, 0.8667953667953667);
    assert.equal(v.false_negative_rate, 0.8864628820960698);
    assert.equal(v.accuracy, 0.31976744186046513);
  });

  it("multiclass: the developer guide's example matrix gives its weighted metrics to the digit", () => {
    const v = multiclassMetrics({ classes: ["0", "1"], counts: Float64Array.from([1180, 510, 268, 138]) }).values;
    assert.equal(v.accuracy, 0.6288167938931297);
    assert.equal(v.weighted_recall, 0.6288167938931297);
    assert.equal(v.weighted_precision, 0.6983172269629505);
    assert.equal(v.weighted_f0_5, 0.6803947317178771);
    assert.equal(v.weighted_f1, 0.6571162346664904);
    assert.equal(v.weighted_f2, 0.6384024354394601);
  });
});
