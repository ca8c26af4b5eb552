/**
 * Validation issues shared by the DataCaptureConfig and resource-name checks, and the
 * AWS-style text the local control plane returns in a `ValidationException`.
 */

/** One violated constraint. `field` is the API path, e.g. `DataCaptureConfig.DestinationS3Uri`. */
export interface ValidationIssue {
  /** Dotted API member path (PascalCase as in the API; list members as `List.1.member`). */
  field: string;
  /** The offending value as received (`undefined`/`null` when a required member is missing). */
  value: unknown;
  /** AWS-style constraint text, e.g. `Member must have value less than or equal to 100`. */
  message: string;
}

/** Lower-cases the first letter of each path segment: AWS messages use lowerCamel member paths. */
function awsFieldPath(field: string): string {
  return field
    .split(".")
    .map((s) => (s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s))
    .join(".");
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "number" || typeof value === "boolean") return `'${String(value)}'`;
  try {
    return `'${JSON.stringify(value)}'`;
  } catch {
    return `'${String(value)}'`;
  }
}

/** Formats one issue as AWS does: `Value '150' at 'dataCaptureConfig.initialSamplingPercentage' failed to satisfy constraint: ...`. */
function formatValidationIssue(issue: ValidationIssue): string {
  return `Value ${renderValue(issue.value)} at '${awsFieldPath(issue.field)}' failed to satisfy constraint: ${issue.message}`;
}

/**
 * Formats issues as the text of an AWS `ValidationException`:
 * `1 validation error detected: ...` or `N validation errors detected: A; B`.
 * Returns `""` for no issues.
 */
export function formatValidationMessage(issues: readonly ValidationIssue[]): string {
  if (issues.length === 0) return "";
  const head = issues.length === 1 ? "1 validation error detected: " : `${issues.length} validation errors detected: `;
  return head + issues.map(formatValidationIssue).join("; ");
}

/** Whole-string regular-expression test, as the API's patterns are meant (see docs/capture-format.md §12). */
function matchesWhole(pattern: string, value: string): boolean {
  // Compiled once per pattern: the runtime validates the endpoint name on every InvokeEndpoint.
  let re = compiled.get(pattern);
  if (re === undefined) compiled.set(pattern, (re = new RegExp(`^(?:${pattern})$`)));
  return re.test(value);
}
/** The API's patterns, compiled (a fixed set of constants, so the map stays small). */
const compiled = new Map<string, RegExp>();

/** Collects string constraint violations (required, type, length, pattern) for one member. */
export function checkString(
  value: unknown,
  field: string,
  rules: { required?: boolean; min?: number; max?: number; pattern?: string },
): ValidationIssue[] {
  if (value === undefined || value === null) {
    return rules.required ? [{ field, value, message: "Member must not be null" }] : [];
  }
  if (typeof value !== "string") return [{ field, value, message: "Member must be a string" }];
  const issues: ValidationIssue[] = [];
  if (rules.max !== undefined && value.length > rules.max) {
    issues.push({ field, value, message: `Member must have length less than or equal to ${rules.max}` });
  }
  if (rules.min !== undefined && value.length < rules.min) {
    issues.push({ field, value, message: `Member must have length greater than or equal to ${rules.min}` });
  }
  if (rules.pattern !== undefined && !matchesWhole(rules.pattern, value)) {
    issues.push({ field, value, message: `Member must satisfy regular expression pattern: ^${rules.pattern}` });
  }
  return issues;
}
