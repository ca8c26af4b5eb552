/** constraint_violations.json ("Schema for Violations"): types, reader, writer. Pure. */
import { FieldReader } from "./file-error";
import { toJacksonJson } from "./jackson-json";

/** Model Monitor's six data-quality check types. */
export type ConstraintCheckType =
  | "data_type_check"
  | "completeness_check"
  | "baseline_drift_check"
  | "missing_column_check"
  | "extra_column_check"
  | "categorical_values_check";

/** One violation. */
export interface Violation {
  feature_name: string;
  constraint_check_type: ConstraintCheckType | string;
  description: string;
  [extra: string]: unknown;
}

/** constraint_violations.json. */
export interface ViolationsFile {
  violations: Violation[];
  [extra: string]: unknown;
}

/**
 * Reads constraint_violations.json text.
 * @throws MonitorFileError naming the file and the field.
 */
export function parseViolations(text: string, file = "constraint_violations.json"): ViolationsFile {
  const r = new FieldReader(file);
  const root = r.object(r.json(text), "");
  r.array(root.violations, "violations").forEach((v, i) => {
    const violation = r.object(v, `violations[${i}]`);
    r.string(violation.feature_name, `violations[${i}].feature_name`);
    r.string(violation.constraint_check_type, `violations[${i}].constraint_check_type`);
    r.string(violation.description, `violations[${i}].description`);
  });
  return root as unknown as ViolationsFile;
}

/** constraint_violations.json text as Model Monitor writes it (Jackson pretty printing). */
export function formatViolations(file: ViolationsFile): string {
  return toJacksonJson(file);
}
