/** What deployModel checks before creating anything on AWS, against the local stack's S3. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DescribeModelCommand } from "@aws-sdk/client-sagemaker";
import { checkDeployment, DeploymentCheckError } from "../../src/aws";
import { connect, deployModel, ensureBucket, uploadModelArtifact, type CaptureLabSession } from "../../src";
import { startLocalStack, type LocalStack } from "../../src/local";
import { errorOf } from "../helpers";

const MODEL = path.resolve(__dirname, "../../data/churn/xgboost-model.json");

describe("aws/deploy-checks", function () {
  this.timeout(30_000);
  let tmp: string;
  let stack: LocalStack;
  let session: CaptureLabSession;
  let modelUri: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-deploy-checks-"));
    stack = await startLocalStack({ port: 0, dataDir: tmp });
    session = await connect({ target: { kind: "local", endpoint: stack.endpoint }, env: {} });
    await ensureBucket(session);
    modelUri = (await uploadModelArtifact(session, { modelFile: MODEL })).uri;
  });
  after(async () => {
    await session?.close();
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const capture = (uri: string, kms?: string) => ({
    InitialSamplingPercentage: 100,
    DestinationS3Uri: uri,
    CaptureOptions: [{ CaptureMode: "Input" as const }],
    ...(kms ? { KmsKeyId: kms } : {}),
  });

  it("finds nothing wrong with an uploaded artifact and a capture prefix in the same bucket, and lists the role's needs", async () => {
    const check = await checkDeployment(session, {
      modelDataUrl: modelUri,
      dataCapture: capture(`s3://${session.bucket}/cap/`, "alias/capture"),
    });
    assert.deepEqual(check.problems, []);
    assert.ok(check.rolePermissions.includes(`s3:GetObject on ${modelUri}`));
    assert.ok(check.rolePermissions.includes(`s3:PutObject on s3://${session.bucket}/cap/*`));
    assert.ok(check.rolePermissions.some((p) => p.startsWith("kms:GenerateDataKey") && p.endsWith("alias/capture")));
    assert.ok(check.rolePermissions.some((p) => p.includes(`iam:PassRole on ${session.roleArn}`)));
  });

  it("reports a missing artifact, a missing capture bucket and a bucket in another region, all at once", async () => {
    const check = await checkDeployment(session, {
      modelDataUrl: `s3://${session.bucket}/nope/model.tar.gz`,
      dataCapture: capture("s3://no-such-capture-bucket/cap"),
    });
    assert.equal(check.problems.length, 2);
    assert.match(check.problems[0], /model artifact: no object at s3:\/\/.*\/nope\/model\.tar\.gz/);
    assert.match(check.problems[1], /capture destination: bucket no-such-capture-bucket does not exist/);

    const elsewhere = { ...session, region: "eu-west-1" } as CaptureLabSession;
    const far = await checkDeployment(elsewhere, { modelDataUrl: modelUri });
    assert.match(
      far.problems[0],
      new RegExp(`Bucket ${session.bucket} is in region us-east-1, but this session uses eu-west-1`),
    );
  });

  it("deployModel with the check on creates nothing when it finds a problem", async () => {
    const e = await errorOf(
      deployModel(session, {
        endpointName: "checked-ep",
        modelDataUrl: `s3://${session.bucket}/nope/model.tar.gz`,
        check: true,
      }),
    );
    assert.ok(e instanceof DeploymentCheckError, String(e));
    assert.match(e.message, /before any resource was created/);
    assert.match(e.message, /The execution role needs: s3:GetObject on/);
    await assert.rejects(
      session.sageMaker.send(new DescribeModelCommand({ ModelName: "checked-ep" })),
      /Could not find model/,
    );
  });
});
