import { strict as assert } from "assert";
import { resolveTarget, TargetConfigError } from "../../src/session";
import { xgboostImageUri, XGBOOST_IMAGE_ACCOUNTS } from "../../src/aws";

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TargetConfigError, `expected TargetConfigError, got ${String(e)}`);
    return e.problems;
  }
  assert.fail("expected resolveTarget to throw");
}

describe("session/target: resolveTarget", () => {
  it("defaults to the local stack with the documented defaults", () => {
    const t = resolveTarget({});
    assert.deepEqual(t, {
      kind: "local",
      region: "us-east-1",
      bucket: "capture-lab",
      prefix: "sagemaker/DEMO-ModelMonitor",
      roleArn: "arn:aws:iam::000000000000:role/CaptureLabLocal",
      imageUri: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
    });
  });

  it("reads CAPTURE_LAB_ENDPOINT for local and drops its trailing slash", () => {
    const t = resolveTarget({ CAPTURE_LAB_ENDPOINT: "http://127.0.0.1:4599/" });
    assert.equal(t.kind, "local");
    assert.equal(t.kind === "local" && t.endpoint, "http://127.0.0.1:4599");
  });

  it("resolves a complete aws configuration", () => {
    const t = resolveTarget({
      CAPTURE_LAB_TARGET: "aws",
      AWS_REGION: "eu-west-1",
      CAPTURE_LAB_BUCKET: "my-capture-bucket",
      CAPTURE_LAB_ROLE_ARN: "arn:aws:iam::123456789012:role/service-role/SageMakerRole",
      CAPTURE_LAB_PREFIX: "/team/demo/",
      CAPTURE_LAB_ENDPOINT: "http://ignored-for-aws:1",
    });
    assert.deepEqual(t, {
      kind: "aws",
      region: "eu-west-1",
      bucket: "my-capture-bucket",
      prefix: "team/demo",
      roleArn: "arn:aws:iam::123456789012:role/service-role/SageMakerRole",
      imageUri: "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1",
    });
  });

  it("lets CAPTURE_LAB_REGION win over AWS_REGION and CAPTURE_LAB_IMAGE_URI over the table", () => {
    const t = resolveTarget({
      CAPTURE_LAB_TARGET: "AWS",
      AWS_REGION: "eu-west-1",
      CAPTURE_LAB_REGION: "us-west-2",
      CAPTURE_LAB_BUCKET: "b-1-2",
      CAPTURE_LAB_ROLE_ARN: "arn:aws:iam::123456789012:role/R",
      CAPTURE_LAB_IMAGE_URI: "123.dkr.ecr.us-west-2.amazonaws.com/mine:1",
    });
    assert.equal(t.region, "us-west-2");
    assert.equal(t.imageUri, "123.dkr.ecr.us-west-2.amazonaws.com/mine:1");
  });

  it("lists every missing aws variable in one error", () => {
    const problems = problemsOf(() => resolveTarget({ CAPTURE_LAB_TARGET: "aws" }));
    assert.equal(problems.length, 3, problems.join("\n"));
    assert.ok(problems.some((p) => p.includes("AWS_REGION")));
    assert.ok(problems.some((p) => p.includes("CAPTURE_LAB_BUCKET")));
    assert.ok(problems.some((p) => p.includes("CAPTURE_LAB_ROLE_ARN")));
    try {
      resolveTarget({ CAPTURE_LAB_TARGET: "aws" });
    } catch (e) {
      for (const v of ["AWS_REGION", "CAPTURE_LAB_BUCKET", "CAPTURE_LAB_ROLE_ARN"])
        assert.match((e as Error).message, new RegExp(v));
    }
  });

  it("reports malformed values, an unknown target and a region without a default image together", () => {
    assert.deepEqual(problemsOf(() => resolveTarget({ CAPTURE_LAB_TARGET: "gcp" })).length, 1);
    const problems = problemsOf(() =>
      resolveTarget({
        CAPTURE_LAB_TARGET: "aws",
        AWS_REGION: "ap-mars-1",
        CAPTURE_LAB_BUCKET: "Bad_Bucket",
        CAPTURE_LAB_ROLE_ARN: "role/x",
        CAPTURE_LAB_PREFIX: "a/../b",
      }),
    );
    assert.equal(problems.length, 4, problems.join("\n"));
    assert.ok(problems.some((p) => p.includes("CAPTURE_LAB_IMAGE_URI") && p.includes("ap-mars-1")));
    assert.ok(problems.some((p) => p.includes("Bad_Bucket")));
    assert.ok(problems.some((p) => p.includes("role/x")));
    assert.ok(problems.some((p) => p.includes("CAPTURE_LAB_PREFIX")));
  });

  it("rejects a malformed local endpoint URL", () => {
    const problems = problemsOf(() => resolveTarget({ CAPTURE_LAB_ENDPOINT: "localhost:4599" }));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /CAPTURE_LAB_ENDPOINT/);
  });

  it("applies overrides before validating (connect({ target }))", () => {
    const t = resolveTarget(
      { CAPTURE_LAB_TARGET: "aws" },
      { kind: "aws", region: "us-east-2", bucket: "bkt", roleArn: "arn:aws:iam::123456789012:role/R" },
    );
    assert.equal(t.imageUri, "257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.7-1");
  });
});

describe("aws/images: xgboostImageUri", () => {
  it("uses the China domain for cn- regions and undefined for unknown regions", () => {
    assert.equal(
      xgboostImageUri("cn-north-1"),
      "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1",
    );
    assert.equal(xgboostImageUri("xx-nowhere-9"), undefined);
    assert.equal(xgboostImageUri("toString"), undefined);
  });
  it("has a 12-digit account for every region", () => {
    for (const [region, account] of Object.entries(XGBOOST_IMAGE_ACCOUNTS)) assert.match(account, /^\d{12}$/, region);
  });

  const AWS_BASE = {
    CAPTURE_LAB_TARGET: "aws",
    CAPTURE_LAB_BUCKET: "my-capture-bucket",
    CAPTURE_LAB_ROLE_ARN: "arn:aws:iam::123456789012:role/R",
  };

  it("reads AWS_DEFAULT_REGION (the CLI's and boto3's) after AWS_REGION", () => {
    assert.equal(resolveTarget({ ...AWS_BASE, AWS_DEFAULT_REGION: "eu-central-1" }).region, "eu-central-1");
    assert.equal(
      resolveTarget({ ...AWS_BASE, AWS_DEFAULT_REGION: "eu-central-1", AWS_REGION: "eu-west-1" }).region,
      "eu-west-1",
    );
  });

  it("takes CAPTURE_LAB_INSTANCE_TYPE for accounts without ml.m5.xlarge quota, and rejects a malformed one", () => {
    const t = resolveTarget({ ...AWS_BASE, AWS_REGION: "us-east-1", CAPTURE_LAB_INSTANCE_TYPE: "ml.c5.large" });
    assert.equal(t.instanceType, "ml.c5.large");
    assert.equal(resolveTarget({ ...AWS_BASE, AWS_REGION: "us-east-1" }).instanceType, undefined);
    const problems = problemsOf(() =>
      resolveTarget({ ...AWS_BASE, AWS_REGION: "us-east-1", CAPTURE_LAB_INSTANCE_TYPE: "m5.xlarge" }),
    );
    assert.deepEqual(problems.length, 1);
    assert.match(
      problems[0],
      /CAPTURE_LAB_INSTANCE_TYPE "m5\.xlarge" is not a SageMaker instance type like ml\.m5\.xlarge/,
    );
  });
});
