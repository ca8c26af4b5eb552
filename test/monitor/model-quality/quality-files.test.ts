/** The three model-quality files: AWS's text, reading them back, refusing bad ones with the field. */
import { strict as assert } from "node:assert";
import { CaptureLabError } from "../../../src/errors";
import {
  formatQualityConstraints,
  formatQualityStatistics,
  multiclassMetrics,
  parseQualityConstraints,
  parseQualityStatistics,
  qualityStatistics,
  suggestQualityConstraints,
} from "../../../src/monitor";

describe("model-quality files", () => {
  const m = multiclassMetrics({ classes: ["a", "b"], counts: Float64Array.from([3, 1, 0, 2]) });

  it("statistics.json: counts as integers, metrics as Java doubles, NaN deviations as the string", () => {
    const dev = Object.fromEntries(Object.keys(m.values).map((k) => [k, NaN]));
    const text = formatQualityStatistics(qualityStatistics(m, dev));
    assert.ok(
      text.startsWith(
        '{\n  "version" : 0.0,\n  "dataset" : {\n    "item_count" : 6\n  },\n  "multiclass_classification_metrics" : {\n',
      ),
    );
    assert.match(text, /"confusion_matrix" : \{\n {6}"a" : \{\n {8}"a" : 3,\n {8}"b" : 1\n/);
    assert.match(text, /"accuracy" : \{\n {6}"value" : 0\.8333333333333334,\n {6}"standard_deviation" : "NaN"\n/);
    const back = parseQualityStatistics(text);
    assert.equal((back.multiclass_classification_metrics as { accuracy: { value: number } }).accuracy.value, 5 / 6);
  });

  it("constraints.json: the multiclass metrics with LessThanThreshold, read back", () => {
    const c = suggestQualityConstraints(m);
    assert.deepEqual(Object.keys(c.multiclass_classification_constraints as object), [
      "accuracy",
      "weighted_recall",
      "weighted_precision",
      "weighted_f0_5",
      "weighted_f1",
      "weighted_f2",
    ]);
    assert.deepEqual(parseQualityConstraints(formatQualityConstraints(c)), JSON.parse(formatQualityConstraints(c)));
  });

  it("refuses a file that is not JSON or lacks a field, as a CaptureLabError naming file and field", () => {
    assert.throws(
      () =>
        parseQualityStatistics('{"version":0,"dataset":{"item_count":1},"regression_metrics":{"mae":{}}}', "s.json"),
      (e: Error) =>
        e instanceof CaptureLabError &&
        (e as CaptureLabError).field === "regression_metrics.mae.value" &&
        e.message === "s.json: regression_metrics.mae.value: expected a number",
    );
  });

  it("refuses a data-quality file and a bad operator, naming file and field", () => {
    assert.throws(
      () => parseQualityStatistics('{"version":0,"dataset":{"item_count":1},"features":[]}', "base/statistics.json"),
      (e: Error) =>
        e instanceof CaptureLabError &&
        /^base\/statistics\.json: expected one of binary_classification_metrics/.test(e.message),
    );
    assert.throws(
      () =>
        parseQualityConstraints(
          '{"version":0,"regression_constraints":{"mae":{"threshold":1,"comparison_operator":"LessThan"}}}',
          "c.json",
        ),
      /^ModelQualityError: c\.json: regression_constraints\.mae\.comparison_operator: expected LessThanThreshold or GreaterThanThreshold, got "LessThan"$/,
    );
  });
});
