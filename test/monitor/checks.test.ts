/** Each of the six checks fires past its threshold, and not at it. */
import { strict as assert } from "node:assert";
import { runChecks } from "../../src/monitor/checks";
import type { ConstraintsFile } from "../../src/monitor/files/constraints-file";
import { DatasetProfiler } from "../../src/monitor/profile/dataset-profile";
import type { FeatureProfiler } from "../../src/monitor/profile/feature-profiler";
import { suggestConstraints } from "../../src/monitor/suggest-constraints";
import { seeded } from "./random";

type Row = Array<string | null>;

function profile(names: string[], rows: Row[]): DatasetProfiler {
  const p = new DatasetProfiler(names);
  rows.forEach((r) => p.addRow(r));
  return p;
}

function check(baselineRows: Row[], currentRows: Row[], edit?: (c: ConstraintsFile) => void, names = ["n", "x", "s"]) {
  const base = profile(names, baselineRows);
  const stats = base.statistics();
  const constraints = suggestConstraints(stats);
  edit?.(constraints);
  const width = Math.max(...currentRows.map((r) => r.length));
  const cur = new DatasetProfiler(Array.from({ length: width }, (_, i) => (i < names.length ? names[i]! : `_c${i}`)));
  currentRows.forEach((r) => cur.addRow(r));
  const current = new Map<string, FeatureProfiler>(cur.profilers.map((p) => [p.name, p]));
  return runChecks({ constraints, baseline: stats, current, columnCount: width, itemCount: cur.itemCount });
}

const rand = seeded(11);
const baseRows: Row[] = Array.from({ length: 1000 }, (_, i) => [
  String(i % 50),
  (rand() * 10).toFixed(2),
  i % 2 ? "CA" : "NY",
]);
const types = (r: ReturnType<typeof check>) => r.violations.map((v) => `${v.constraint_check_type}:${v.feature_name}`);

describe("monitor/checks (the six Model Monitor checks)", () => {
  it("the baseline's own data gives no violation", () => {
    assert.deepEqual(check(baseRows, baseRows).violations, []);
  });

  it("data_type_check: fires below datatype_check_threshold, not at it", () => {
    const rows = baseRows.map((r, i) => (i < 10 ? ["1.5", r[1]!, r[2]!] : r));
    const fired = check(baseRows, rows);
    assert.deepEqual(types(fired), ["data_type_check:n"]);
    assert.equal(
      fired.violations[0]!.description,
      "Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 99.0% of data is Integral.",
    );
    const at = check(baseRows, rows, (c) => (c.monitoring_config!.datatype_check_threshold = 0.99));
    assert.deepEqual(types(at), []);
  });

  it("completeness_check: fires below the feature's completeness, not at it", () => {
    const rows = baseRows.map((r, i) => (i < 50 ? [r[0]!, null, r[2]!] : r));
    const fired = check(baseRows, rows);
    assert.deepEqual(types(fired), ["completeness_check:x"]);
    assert.match(
      fired.violations[0]!.description,
      /Expected completeness: 100\.0%\. Observed: Only 95\.0% of data is present\./,
    );
    assert.deepEqual(types(check(baseRows, rows, (c) => (c.features[1]!.completeness = 0.95))), []);
  });

  it("categorical_values_check: fires below domain_content_threshold, not at it", () => {
    const rows = baseRows.map((r, i) => (i < 20 ? [r[0]!, r[1]!, "TX"] : r));
    const fired = check(
      baseRows,
      rows,
      (c) => (c.monitoring_config!.distribution_constraints!.perform_comparison = "Disabled"),
    );
    assert.deepEqual(types(fired), ["categorical_values_check:s"]);
    assert.deepEqual(
      types(
        check(baseRows, rows, (c) => {
          c.monitoring_config!.domain_content_threshold = 0.98;
          c.monitoring_config!.distribution_constraints!.perform_comparison = "Disabled";
        }),
      ),
      [],
    );
  });

  it("baseline_drift_check (numeric, Robust and Simple): fires above comparison_threshold, not at it", () => {
    const shifted = baseRows.map((r) => [r[0]!, (Number(r[1]) * 1.5).toFixed(2), r[2]!]);
    const fired = check(baseRows, shifted);
    assert.deepEqual(types(fired), ["baseline_drift_check:x"]);
    const fx = fired.features.find((f) => f.name === "x")!;
    const d = fx.value;
    assert.ok(d > 0.1);
    assert.deepEqual([fx.kind, fx.statistic, fx.drifted], ["distance", "L-infinity (Robust)", true]);
    assert.match(fired.violations[0]!.description, /^Baseline drift distance: 0\.\d+ exceeds threshold: 0\.1$/);
    assert.deepEqual(
      types(check(baseRows, shifted, (c) => (c.monitoring_config!.distribution_constraints!.comparison_threshold = d))),
      [],
    );
    // Simple has no small-sample correction, so it is larger than Robust.
    const simple = check(
      baseRows,
      shifted,
      (c) => (c.monitoring_config!.distribution_constraints!.comparison_method = "Simple"),
    );
    assert.ok(simple.features.find((f) => f.name === "x")!.value > d);
  });

  it("baseline_drift_check (categorical LInfinity and ChiSquared)", () => {
    const rows = baseRows.map((r, i) => [r[0]!, r[1]!, i % 10 === 0 ? "NY" : "CA"]);
    const lin = check(
      baseRows,
      rows,
      (c) => (c.monitoring_config!.distribution_constraints!.comparison_method = "Simple"),
    );
    assert.deepEqual(types(lin), ["baseline_drift_check:s"]);
    const d = lin.features.find((f) => f.name === "s")!.value;
    assert.ok(Math.abs(d - 0.4) < 1e-12); // |0.9 - 0.5|
    const chi = check(
      baseRows,
      rows,
      (c) => (c.monitoring_config!.distribution_constraints!.categorical_drift_method = "ChiSquared"),
    );
    assert.deepEqual(types(chi), ["baseline_drift_check:s"]);
    const fs = chi.features.find((f) => f.name === "s")!;
    assert.ok(fs.value < 1e-10);
    assert.deepEqual([fs.kind, fs.statistic, fs.drifted], ["p-value", "chi-squared p-value", true]);
    // The text says what the value is: a p-value below the threshold, not a distance above it.
    assert.match(chi.violations[0]!.description, /^Baseline drift p-value: \d\.\d+E-\d+ is below threshold: 0\.1$/);
  });

  it("ChiSquared: no violation at a p-value equal to the threshold (strictly below fires), as distances at theirs", () => {
    const rows = baseRows.map((r, i) => [r[0]!, r[1]!, i % 3 === 0 ? "NY" : "CA"]);
    const chi = (t?: number) =>
      check(baseRows, rows, (c) => {
        const d = c.monitoring_config!.distribution_constraints!;
        d.categorical_drift_method = "ChiSquared";
        if (t !== undefined) d.categorical_comparison_threshold = t;
      });
    const p = chi().features.find((f) => f.name === "s")!.value;
    assert.ok(p > 0 && p < 1, `p-value ${p}`);
    assert.deepEqual(types(chi(p)), []);
    assert.deepEqual(types(chi(p * 1.0001)), ["baseline_drift_check:s"]);
  });

  it("missing_column_check and extra_column_check name the columns and count them", () => {
    const missing = check(
      baseRows,
      baseRows.map((r) => r.slice(0, 2)),
    );
    assert.deepEqual(types(missing), ["missing_column_check:s"]);
    assert.equal(
      missing.violations[0]!.description,
      "There are missing columns in current dataset. Number of columns in current dataset: 2, Number of columns in baseline constraints: 3",
    );
    const extra = check(
      baseRows,
      baseRows.map((r) => [...r, "9"]),
    );
    assert.deepEqual(types(extra), ["extra_column_check:_c3"]);
    assert.match(extra.violations[0]!.description, /current dataset: 4, Number of columns in baseline constraints: 3$/);
  });

  it("evaluate_constraints Disabled in a feature override silences that feature", () => {
    const rows = baseRows.map((r, i) => (i < 10 ? ["1.5", r[1]!, r[2]!] : r));
    const r = check(
      baseRows,
      rows,
      (c) => (c.features[0]!.num_constraints!.monitoring_config_overrides = { evaluate_constraints: "Disabled" }),
    );
    assert.deepEqual(types(r), []);
  });
});
