/**
 * SageMaker resource-name rules (docs/capture-format.md §13) for EndpointName, EndpointConfigName,
 * VariantName and ModelName. The control plane turns the issues into a ValidationException.
 */
import { checkString, type ValidationIssue } from "./validation";

/** Pattern shared by endpoint, endpoint-config, variant and model names (the ModelName pattern accepts the same strings). */
const RESOURCE_NAME_PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
/** Maximum length of those names. */
export const RESOURCE_NAME_MAX_LENGTH = 63;

/**
 * Checks a required resource name. Returns every violated constraint (a too-long name with an
 * underscore gives two issues, as AWS reports them), or `[]` when valid.
 * @param field the API member path used in messages, e.g. `EndpointName`.
 */
export function validateResourceName(value: unknown, field: string): ValidationIssue[] {
  return checkString(value, field, {
    required: true,
    max: RESOURCE_NAME_MAX_LENGTH,
    pattern: RESOURCE_NAME_PATTERN,
  });
}

/** True when `value` is a valid SageMaker resource name. */
export function isValidResourceName(value: unknown): value is string {
  return validateResourceName(value, "name").length === 0;
}
