/**
 * The `description` texts of constraint_violations.json. Only the data-type text and the
 * tail of the column-count text are published (notebook outputs of real AWS jobs); the
 * others follow their pattern and are Capture Lab's wording. Percentages and distances print
 * as Java prints a double. Pure.
 */
import { javaDouble } from "./files/java-double";

const pct = (ratio: number): string => javaDouble(ratio * 100);

/** data_type_check (AWS's published text). */
export function dataTypeText(type: string, threshold: number, ratio: number): string {
  return `Data type match requirement is not met. Expected data type: ${type}, Expected match: ${pct(threshold)}%. Observed: Only ${pct(ratio)}% of data is ${type}.`;
}

/** completeness_check (wording chosen after the data-type text). */
export function completenessText(expected: number, observed: number): string {
  return `Data completeness requirement is not met. Expected completeness: ${pct(expected)}%. Observed: Only ${pct(observed)}% of data is present.`;
}

/**
 * baseline_drift_check: a distance that exceeds its threshold, or (`ChiSquared`) a p-value
 * below it.
 */
export function driftText(kind: "distance" | "p-value", value: number, threshold: number): string {
  return kind === "distance"
    ? `Baseline drift distance: ${javaDouble(value)} exceeds threshold: ${javaDouble(threshold)}`
    : `Baseline drift p-value: ${javaDouble(value)} is below threshold: ${javaDouble(threshold)}`;
}

/** missing_column_check (the published tail: "... current dataset: 8, Number of columns in baseline constraints: 9"). */
export function missingColumnText(current: number, baseline: number): string {
  return `There are missing columns in current dataset. Number of columns in current dataset: ${current}, Number of columns in baseline constraints: ${baseline}`;
}

/** extra_column_check. */
export function extraColumnText(current: number, baseline: number): string {
  return `There are extra columns in current dataset. Number of columns in current dataset: ${current}, Number of columns in baseline constraints: ${baseline}`;
}

/** categorical_values_check. */
export function categoricalValuesText(threshold: number, ratio: number): string {
  return `Categorical values requirement is not met. Expected: ${pct(threshold)}% of values in the baseline domain. Observed: Only ${pct(ratio)}% of values are in the baseline domain.`;
}
