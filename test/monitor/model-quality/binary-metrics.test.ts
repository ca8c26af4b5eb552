/** Binary metrics on small hand-checked cases: ties, one class only, the curves' ends. */
import { strict as assert } from "node:assert";
import { BinaryRows, binaryMetrics } from "../../../src/monitor";

function metrics(rows: Array<[number, number, number]>) {
  const b = new BinaryRows();
  for (const [y, yhat, s] of rows) b.add(y, yhat, s);
  return binaryMetrics(b.cellsSorted());
}

describe("binaryMetrics", () => {
  it("tied scores are one ROC point; the AUC is the trapezoid sum", () => {
    // Scores 0.9 (pos), 0.5 (pos, neg: a tie), 0.1 (neg).
    const m = metrics([
      [1, 1, 0.9],
      [1, 1, 0.5],
      [0, 1, 0.5],
      [0, 0, 0.1],
    ]);
    assert.deepEqual(m.roc, { false_positive_rates: [0, 0, 0.5, 1, 1], true_positive_rates: [0, 0.5, 1, 1, 1] });
    assert.equal(m.values.auc, 0.875);
    assert.deepEqual(m.precisionRecall, { precisions: [1, 1, 2 / 3, 0.5], recalls: [0, 0.5, 1, 1] });
    assert.deepEqual(m.confusionMatrix, { "0": { "0": 1, "1": 1 }, "1": { "0": 0, "1": 2 } });
  });

  it("perfect and reversed rankings give AUC 1 and 0", () => {
    assert.equal(
      metrics([
        [1, 1, 0.8],
        [0, 0, 0.2],
      ]).values.auc,
      1,
    );
    assert.equal(
      metrics([
        [1, 0, 0.2],
        [0, 1, 0.8],
      ]).values.auc,
      0,
    );
  });

  it("one class only: rates of the missing class are 0, TNR and FNR stay 1 - FPR and 1 - TPR", () => {
    const m = metrics([
      [0, 0, 0.1],
      [0, 1, 0.7],
    ]);
    assert.equal(m.values.recall, 0);
    assert.equal(m.values.false_negative_rate, 1);
    assert.equal(m.values.false_positive_rate, 0.5);
    assert.equal(m.values.true_negative_rate, 0.5);
    assert.equal(m.values.precision, 0);
    assert.equal(m.values.f1, 0);
    assert.equal(m.values.accuracy_best_constant_classifier, 1);
  });
});
