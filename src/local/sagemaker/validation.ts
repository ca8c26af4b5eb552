/**
 * Input validation of the control-plane operations, reported the AWS way:
 * `N validation error(s) detected: Value 'x' at 'member' failed to satisfy constraint: ...`.
 * DataCaptureConfig and resource names use the capture layer's rules.
 */
import { checkString, formatValidationMessage, type ValidationIssue } from "../../capture/validation";
import { validateResourceName } from "../../capture/resource-names";
import { validateDataCaptureConfig } from "../../capture";
import { SageMakerErrors } from "./errors";
import type { CreateEndpointConfigInput, CreateModelInput } from "@aws-sdk/client-sagemaker";
import { ENDPOINT_STATUSES, type JsonObject, type ValidInput } from "./types";

/** Throws a ValidationException listing `issues`, if there are any. */
function throwIfInvalid(issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw SageMakerErrors.validation(formatValidationMessage(issues));
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkNumber(
  value: unknown,
  field: string,
  rules: { required?: boolean; min?: number; max?: number; integer?: boolean },
): ValidationIssue[] {
  if (value === undefined || value === null)
    return rules.required ? [{ field, value, message: "Member must not be null" }] : [];
  if (typeof value !== "number" || !Number.isFinite(value) || (rules.integer && !Number.isInteger(value))) {
    return [{ field, value, message: rules.integer ? "Member must be an integer" : "Member must be a number" }];
  }
  if (rules.min !== undefined && value < rules.min) {
    return [{ field, value, message: `Member must have value greater than or equal to ${rules.min}` }];
  }
  if (rules.max !== undefined && value > rules.max) {
    return [{ field, value, message: `Member must have value less than or equal to ${rules.max}` }];
  }
  return [];
}

function checkEnum(value: unknown, field: string, allowed: readonly string[]): ValidationIssue[] {
  if (value === undefined || value === null) return [];
  return typeof value === "string" && allowed.includes(value)
    ? []
    : [{ field, value, message: `Member must satisfy enum value set: [${allowed.join(", ")}]` }];
}

const ROLE_ARN = "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
const MODEL_DATA_URL = "(https|s3)://([^/]+)/?(.*)";
const ENV_KEY = "[a-zA-Z_][a-zA-Z0-9_]*";

function checkContainer(c: unknown, field: string): ValidationIssue[] {
  if (!isObject(c)) return [{ field, value: c, message: "Member must be a structure" }];
  const issues = [
    ...checkString(c.Image, `${field}.Image`, { max: 255, pattern: "[\\S]+" }),
    ...checkString(c.ModelDataUrl, `${field}.ModelDataUrl`, { max: 1024, pattern: MODEL_DATA_URL }),
    ...checkEnum(c.Mode, `${field}.Mode`, ["SingleModel", "MultiModel"]),
  ];
  const env = c.Environment;
  if (env !== undefined) {
    if (!isObject(env))
      return [...issues, { field: `${field}.Environment`, value: env, message: "Member must be a map" }];
    const entries = Object.entries(env);
    if (entries.length > 100) {
      issues.push({
        field: `${field}.Environment`,
        value: env,
        message: "Map must have length less than or equal to 100",
      });
    }
    for (const [k, v] of entries) {
      issues.push(...checkString(k, `${field}.Environment`, { max: 1024, pattern: ENV_KEY }));
      issues.push(...checkString(v, `${field}.Environment.${k}`, { required: true, max: 1024 }));
    }
  }
  return issues;
}

/** CreateModel: name, one container (PrimaryContainer or Containers), optional role. */
export function validateCreateModel(input: JsonObject): asserts input is ValidInput<CreateModelInput, "ModelName"> {
  const issues = validateResourceName(input.ModelName, "ModelName");
  if (input.PrimaryContainer !== undefined) issues.push(...checkContainer(input.PrimaryContainer, "PrimaryContainer"));
  if (input.Containers !== undefined) {
    if (!Array.isArray(input.Containers) || input.Containers.length > 15) {
      issues.push({
        field: "Containers",
        value: input.Containers,
        message: "Member must have length less than or equal to 15",
      });
    } else {
      input.Containers.forEach((c, i) => issues.push(...checkContainer(c, `Containers.${i + 1}.member`)));
    }
  }
  issues.push(...checkString(input.ExecutionRoleArn, "ExecutionRoleArn", { min: 20, max: 2048, pattern: ROLE_ARN }));
  throwIfInvalid(issues);
  const hasContainers = Array.isArray(input.Containers) && input.Containers.length > 0;
  if (input.PrimaryContainer === undefined && !hasContainers) {
    throw SageMakerErrors.validation("Either PrimaryContainer or Containers must be specified.");
  }
}

function checkVariant(v: unknown, field: string): ValidationIssue[] {
  if (!isObject(v)) return [{ field, value: v, message: "Member must be a structure" }];
  return [
    ...validateResourceName(v.VariantName, `${field}.VariantName`),
    ...validateResourceName(v.ModelName, `${field}.ModelName`),
    ...checkNumber(v.InitialInstanceCount, `${field}.InitialInstanceCount`, { min: 1, integer: true }),
    ...checkNumber(v.InitialVariantWeight, `${field}.InitialVariantWeight`, { min: 0 }),
    ...checkString(v.InstanceType, `${field}.InstanceType`, { pattern: "ml\\.[a-z0-9]+\\.[a-z0-9]+" }),
  ];
}

/** CreateEndpointConfig: name, 1-10 variants with unique names, DataCaptureConfig rules. */
export function validateCreateEndpointConfig(
  input: JsonObject,
): asserts input is ValidInput<CreateEndpointConfigInput, "EndpointConfigName" | "ProductionVariants"> {
  const issues = validateResourceName(input.EndpointConfigName, "EndpointConfigName");
  const variants = input.ProductionVariants;
  if (!Array.isArray(variants)) {
    issues.push({ field: "ProductionVariants", value: variants, message: "Member must not be null" });
  } else if (variants.length < 1 || variants.length > 10) {
    const message =
      variants.length < 1
        ? "Member must have length greater than or equal to 1"
        : "Member must have length less than or equal to 10";
    issues.push({ field: "ProductionVariants", value: variants, message });
  } else {
    variants.forEach((v, i) => issues.push(...checkVariant(v, `ProductionVariants.${i + 1}.member`)));
  }
  if (input.DataCaptureConfig !== undefined)
    issues.push(...validateDataCaptureConfig(input.DataCaptureConfig, "DataCaptureConfig"));
  throwIfInvalid(issues);
  const seen = new Set<string>();
  for (const v of variants as JsonObject[]) {
    const key = String(v.VariantName).toLowerCase();
    if (seen.has(key))
      throw SageMakerErrors.validation(
        `The variant name "${String(v.VariantName)}" is used more than once in ProductionVariants.`,
      );
    seen.add(key);
  }
}

/** Checks that each named member is a valid resource name (Describe/Delete/CreateEndpoint/UpdateEndpoint). */
export function validateNames<K extends string>(
  input: JsonObject,
  ...members: K[]
): asserts input is JsonObject & Record<K, string> {
  throwIfInvalid(members.flatMap((m) => validateResourceName(input[m], m)));
}

/** List* inputs: SortBy (per operation), SortOrder, MaxResults, NameContains, StatusEquals. */
export function validateListInput(input: JsonObject, sortBy: readonly string[], withStatus: boolean): void {
  throwIfInvalid([
    ...checkEnum(input.SortBy, "SortBy", sortBy),
    ...checkEnum(input.SortOrder, "SortOrder", ["Ascending", "Descending"]),
    ...checkNumber(input.MaxResults, "MaxResults", { min: 1, max: 100, integer: true }),
    ...checkString(input.NameContains, "NameContains", { max: 63, pattern: "[a-zA-Z0-9-]+" }),
    ...checkString(input.NextToken, "NextToken", { max: 8192 }),
    ...(withStatus ? checkEnum(input.StatusEquals, "StatusEquals", ENDPOINT_STATUSES) : []),
  ]);
}
