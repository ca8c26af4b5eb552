/**
 * Where Capture Lab runs: the embedded local stack (default) or real AWS, read from environment
 * variables so the same notebooks run against either. Pure: reads only the `env` it is given.
 */
import { xgboostImageUri } from "../xgboost-image";
import { DEFAULT_LOCAL_ACCOUNT_ID, DEFAULT_LOCAL_REGION } from "../defaults";
import { CaptureLabError } from "../errors";

/** Default S3 prefix, as on the AWS "Capture data" page. */
const DEFAULT_PREFIX = "sagemaker/DEMO-ModelMonitor";
/** Bucket used against the local stack unless `CAPTURE_LAB_BUCKET` is set. */
const LOCAL_DEFAULT_BUCKET = "capture-lab";
/** Execution role ARN used against the local stack (it checks only the ARN's shape). */
const LOCAL_DEFAULT_ROLE_ARN = `arn:aws:iam::${DEFAULT_LOCAL_ACCOUNT_ID}:role/CaptureLabLocal`;
/** Instance type of deployments unless `CAPTURE_LAB_INSTANCE_TYPE` says otherwise (as on the AWS page). */
export const DEFAULT_INSTANCE_TYPE = "ml.m5.xlarge";

/** Settings shared by both targets. */
interface TargetBase {
  /** AWS region (`us-east-1`, ...). */
  region: string;
  /** Bucket holding the model artifact and the captures. */
  bucket: string;
  /** Key prefix under which `datacapture/`, `reports/` and `code/` live; no leading or trailing `/`. */
  prefix: string;
  /** Execution role passed to CreateModel. */
  roleArn: string;
  /** Inference image passed to CreateModel. */
  imageUri: string;
  /** Instance type of deployments (`CAPTURE_LAB_INSTANCE_TYPE`); absent: {@link DEFAULT_INSTANCE_TYPE}. */
  instanceType?: string;
}

/** The embedded local stack. */
export interface LocalTarget extends TargetBase {
  kind: "local";
  /** URL of an already running stack (`CAPTURE_LAB_ENDPOINT`); unset: probe the default port, else start one. */
  endpoint?: string;
}

/** Real AWS, with credentials from the SDK's default provider chain. */
export interface AwsTarget extends TargetBase {
  kind: "aws";
}

/** A resolved, validated target. */
export type Target = LocalTarget | AwsTarget;

/** Fields that override the environment in {@link resolveTarget}; `kind` picks the target. */
export type TargetOverrides = Partial<Omit<LocalTarget, "kind">> & { kind?: Target["kind"] };

/** Thrown when the environment does not describe a usable target; lists every problem at once. */
export class TargetConfigError extends CaptureLabError {
  /** One sentence per problem, each naming the variable to set or fix. */
  readonly problems: string[];
  /** @param problems at least one problem. */
  constructor(problems: string[]) {
    super(
      `Capture Lab target is not configured correctly (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.problems = problems;
  }
}

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
// General-purpose bucket naming rules: 3-63 chars, lower case, digits, '.', '-', alphanumeric ends.
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// SageMaker hosting instance types: ml.<family>.<size> (ml.m5.xlarge, ml.g5.2xlarge, ml.c7i.large).
const INSTANCE_TYPE_RE = /^ml\.[a-z0-9-]+\.[a-z0-9]+$/;
const ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

const nonEmpty = (v: string | undefined): string | undefined =>
  v !== undefined && v.trim() !== "" ? v.trim() : undefined;

/** The region the environment names: `CAPTURE_LAB_REGION`, `AWS_REGION` (the SDK's), then `AWS_DEFAULT_REGION` (the CLI's and boto3's; the JS SDK ignores it). */
export function envRegion(env: NodeJS.ProcessEnv): string | undefined {
  return nonEmpty(env.CAPTURE_LAB_REGION) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
}

/** Whether the environment asks for AWS (`CAPTURE_LAB_TARGET=aws`, any case) unless `overrides` pick the kind. */
export function wantsAws(env: NodeJS.ProcessEnv, overrides: TargetOverrides = {}): boolean {
  return (overrides.kind ?? nonEmpty(env.CAPTURE_LAB_TARGET)?.toLowerCase()) === "aws";
}

/**
 * Reads the target from environment variables and validates it, reporting all problems at once.
 *
 * - `CAPTURE_LAB_TARGET`: `local` (default) or `aws`.
 * - `CAPTURE_LAB_REGION`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`: required for `aws`
 *   (`connect()` also asks the SDK's chain, i.e. the profile's region); local default `us-east-1`.
 * - `CAPTURE_LAB_BUCKET`: required for `aws`; local default `capture-lab`.
 * - `CAPTURE_LAB_ROLE_ARN`: required for `aws`; local default `arn:aws:iam::000000000000:role/CaptureLabLocal`.
 * - `CAPTURE_LAB_PREFIX`: default `sagemaker/DEMO-ModelMonitor`.
 * - `CAPTURE_LAB_IMAGE_URI`: default the SageMaker XGBoost 1.7-1 image of the region (required
 *   on AWS in regions missing from the table).
 * - `CAPTURE_LAB_INSTANCE_TYPE`: instance type of deployments (default `ml.m5.xlarge`), for
 *   accounts without ml.m5.xlarge endpoint quota.
 * - `CAPTURE_LAB_ENDPOINT` (local only): URL of a running local stack.
 *
 * @param env the variables to read (default `process.env`).
 * @param overrides values that take precedence over `env` (used by `connect({ target })`).
 * @throws TargetConfigError listing every missing or malformed setting.
 */
export function resolveTarget(env: NodeJS.ProcessEnv = process.env, overrides: TargetOverrides = {}): Target {
  const problems: string[] = [];
  const kindRaw = overrides.kind ?? nonEmpty(env.CAPTURE_LAB_TARGET)?.toLowerCase() ?? "local";
  if (kindRaw !== "local" && kindRaw !== "aws") {
    problems.push(`CAPTURE_LAB_TARGET must be "local" or "aws", got ${JSON.stringify(env.CAPTURE_LAB_TARGET)}`);
  }
  const kind: Target["kind"] = kindRaw === "aws" ? "aws" : "local";
  const isAws = kind === "aws";

  const region = overrides.region ?? envRegion(env) ?? (isAws ? undefined : DEFAULT_LOCAL_REGION);
  if (region === undefined) {
    problems.push(
      "AWS_REGION (or CAPTURE_LAB_REGION, AWS_DEFAULT_REGION, or region in your AWS profile) must be set for the aws target, e.g. us-east-1",
    );
  } else if (!REGION_RE.test(region))
    problems.push(
      `region ${JSON.stringify(region)} (AWS_REGION/CAPTURE_LAB_REGION/AWS_DEFAULT_REGION/profile) is not a region name like us-east-1`,
    );

  const bucket = overrides.bucket ?? nonEmpty(env.CAPTURE_LAB_BUCKET) ?? (isAws ? undefined : LOCAL_DEFAULT_BUCKET);
  if (bucket === undefined)
    problems.push(
      "CAPTURE_LAB_BUCKET must be set for the aws target: a bucket your role can write (it is created if missing)",
    );
  else if (!BUCKET_RE.test(bucket) || bucket.includes("..")) {
    problems.push(
      `CAPTURE_LAB_BUCKET ${JSON.stringify(bucket)} is not a valid bucket name (3-63 lower-case letters, digits, '.', '-')`,
    );
  }

  const roleArn =
    overrides.roleArn ?? nonEmpty(env.CAPTURE_LAB_ROLE_ARN) ?? (isAws ? undefined : LOCAL_DEFAULT_ROLE_ARN);
  if (roleArn === undefined)
    problems.push(
      "CAPTURE_LAB_ROLE_ARN must be set for the aws target: a SageMaker execution role ARN (arn:aws:iam::<account>:role/<name>)",
    );
  else if (!ROLE_ARN_RE.test(roleArn))
    problems.push(
      `CAPTURE_LAB_ROLE_ARN ${JSON.stringify(roleArn)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)`,
    );

  const prefixRaw = overrides.prefix ?? env.CAPTURE_LAB_PREFIX ?? DEFAULT_PREFIX;
  const prefix = prefixRaw.trim().replace(/^\/+|\/+$/g, "");
  if (/\/\/|(^|\/)\.\.?(\/|$)/.test(prefix))
    problems.push(`CAPTURE_LAB_PREFIX ${JSON.stringify(prefixRaw)} must not contain '//', '.' or '..' segments`);

  let imageUri = overrides.imageUri ?? nonEmpty(env.CAPTURE_LAB_IMAGE_URI);
  if (imageUri === undefined && region !== undefined) {
    // The local stack serves the model itself; the image is only recorded, so any region works.
    imageUri = xgboostImageUri(region) ?? (isAws ? undefined : xgboostImageUri(DEFAULT_LOCAL_REGION));
    if (imageUri === undefined) {
      problems.push(
        `CAPTURE_LAB_IMAGE_URI must be set: no default SageMaker XGBoost image is known for region ${region}`,
      );
    }
  }

  const instanceType = overrides.instanceType ?? nonEmpty(env.CAPTURE_LAB_INSTANCE_TYPE);
  if (instanceType !== undefined && !INSTANCE_TYPE_RE.test(instanceType)) {
    problems.push(
      `CAPTURE_LAB_INSTANCE_TYPE ${JSON.stringify(instanceType)} is not a SageMaker instance type like ml.m5.xlarge or ml.c5.large`,
    );
  }

  let endpoint: string | undefined;
  if (!isAws) {
    endpoint = overrides.endpoint ?? nonEmpty(env.CAPTURE_LAB_ENDPOINT);
    if (endpoint !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(endpoint)) {
      problems.push(`CAPTURE_LAB_ENDPOINT ${JSON.stringify(endpoint)} must be a base URL like http://127.0.0.1:4599`);
    }
    if (endpoint !== undefined) endpoint = endpoint.replace(/\/+$/, "");
  }

  if (problems.length > 0) throw new TargetConfigError(problems);
  const base = {
    region: region!,
    bucket: bucket!,
    prefix,
    roleArn: roleArn!,
    imageUri: imageUri!,
    ...(instanceType !== undefined ? { instanceType } : {}),
  };
  return isAws ? { kind: "aws", ...base } : { kind: "local", ...base, ...(endpoint !== undefined ? { endpoint } : {}) };
}
