/**
 * What can be checked before deploying on AWS, from the caller's side: the buckets of the model
 * and of the captures exist and are in the endpoint's region, and the model artifact is there.
 * The execution role's own permissions cannot be read without IAM access; a deployment that
 * lacks them fails minutes later (model) or never writes a capture (capture prefix), so the
 * error names what the role needs (README "Execution role permissions").
 */
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import type { DataCaptureConfig } from "../capture/api-shapes";
import { parseS3Uri } from "../capture/s3uri";
import type { CaptureLabSession } from "../session/connect";
import { headBucket, regionMismatchMessage } from "./bucket-region";
import { CaptureLabError } from "../errors";

/** Findings of {@link checkDeployment}. */
export interface DeploymentCheck {
  /** What would make the deployment fail or its captures never arrive. */
  problems: string[];
  /** What the execution role needs for these locations, to check in IAM when something fails. */
  rolePermissions: string[];
}

/** Thrown by `deployModel` on AWS when {@link checkDeployment} finds problems; nothing was created. */
export class DeploymentCheckError extends CaptureLabError {
  /** One sentence per problem. */
  readonly problems: string[];
  /** @param check the findings */
  constructor(check: DeploymentCheck) {
    super(
      `deployModel: not deploying, ${check.problems.length} problem(s) found before any resource was created:\n` +
        check.problems.map((p) => `  - ${p}`).join("\n") +
        `\nThe execution role needs: ${check.rolePermissions.join("; ")}.`,
    );
    this.problems = check.problems;
  }
}

async function checkBucket(
  session: CaptureLabSession,
  bucket: string,
  use: string,
  problems: string[],
): Promise<boolean> {
  let head;
  try {
    head = await headBucket(session.s3, bucket);
  } catch (e) {
    problems.push(`${use}: HeadBucket ${bucket} failed: ${(e as Error).name}: ${(e as Error).message}`);
    return false;
  }
  if (
    head.state === "elsewhere" ||
    (head.state === "ok" && head.region !== undefined && head.region !== session.region)
  ) {
    problems.push(`${use}: ${regionMismatchMessage(bucket, head.region, session.region)}`);
    return false;
  }
  if (head.state === "missing") problems.push(`${use}: bucket ${bucket} does not exist`);
  if (head.state === "forbidden")
    problems.push(
      `${use}: bucket ${bucket} answers 403 to your credentials (owned by another account, or no s3:ListBucket)`,
    );
  return head.state === "ok";
}

/**
 * Checks the model artifact and the capture destination before a deployment: both buckets exist
 * in the session's region (a bucket elsewhere is named with its region) and the artifact exists.
 * Also lists what the execution role needs for these locations: `s3:GetObject` on the artifact,
 * `s3:PutObject` under the capture prefix, `kms:GenerateDataKey` (and `kms:Decrypt`) on a
 * capture KMS key; the caller needs `iam:PassRole` on the role.
 */
export async function checkDeployment(
  session: CaptureLabSession,
  options: { modelDataUrl: string; dataCapture?: DataCaptureConfig },
): Promise<DeploymentCheck> {
  const problems: string[] = [];
  // https:// locations (allowed by the API) are not S3 buckets this session can inspect.
  const model = options.modelDataUrl.startsWith("s3://") ? parseS3Uri(options.modelDataUrl) : undefined;
  const rolePermissions = [`s3:GetObject on ${options.modelDataUrl}`];
  if (model && (await checkBucket(session, model.bucket, "model artifact", problems))) {
    try {
      await session.s3.send(new HeadObjectCommand({ Bucket: model.bucket, Key: model.key }));
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      problems.push(
        status === 404
          ? `model artifact: no object at ${options.modelDataUrl} (upload it first, step 2)`
          : `model artifact: HeadObject ${options.modelDataUrl} failed: ${(e as Error).name}`,
      );
    }
  }
  const capture = options.dataCapture;
  if (capture?.DestinationS3Uri && capture.EnableCapture !== false) {
    rolePermissions.push(`s3:PutObject on ${capture.DestinationS3Uri.replace(/\/+$/, "")}/*`);
    if (capture.KmsKeyId) rolePermissions.push(`kms:GenerateDataKey and kms:Decrypt on ${capture.KmsKeyId}`);
    const dest = capture.DestinationS3Uri.startsWith("s3://") ? parseS3Uri(capture.DestinationS3Uri) : undefined;
    if (dest && dest.bucket !== model?.bucket) await checkBucket(session, dest.bucket, "capture destination", problems);
  }
  rolePermissions.push(`and your own credentials need iam:PassRole on ${session.roleArn}`);
  return { problems, rolePermissions };
}
