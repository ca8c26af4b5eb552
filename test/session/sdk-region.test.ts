/** The region from the SDK's own chain (the profile's), used when the environment names none. */
import { strict as assert } from "node:assert";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { connect } from "../../src";
import { sdkChainRegion } from "../../src/session/sdk-region";

describe("session/sdk-region", () => {
  const saved: Record<string, string | undefined> = {};
  const VARS = ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SDK_LOAD_CONFIG"];
  let tmp: string;
  beforeEach(() => {
    for (const v of VARS) {
      saved[v] = process.env[v];
      delete process.env[v];
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-sdk-region-"));
    const config = path.join(tmp, "config");
    fs.writeFileSync(config, "[default]\nregion = us-west-2\n\n[profile lab]\nregion = ap-southeast-2\n");
    process.env.AWS_CONFIG_FILE = config;
  });
  afterEach(() => {
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("reads the region of the profile AWS_PROFILE names", async () => {
    assert.equal(await sdkChainRegion(), "us-west-2");
    process.env.AWS_PROFILE = "lab";
    assert.equal(await sdkChainRegion(), "ap-southeast-2");
  });

  it("connect() to AWS uses the profile's region when the environment names none", async () => {
    process.env.AWS_PROFILE = "lab";
    const env = {
      CAPTURE_LAB_TARGET: "aws",
      CAPTURE_LAB_BUCKET: "my-capture-bucket",
      CAPTURE_LAB_ROLE_ARN: "arn:aws:iam::123456789012:role/R",
    };
    const session = await connect({ env });
    try {
      assert.equal(session.region, "ap-southeast-2");
      assert.equal(await (session.sageMaker as SageMakerClient).config.region(), "ap-southeast-2");
      assert.equal(session.instanceType, "ml.m5.xlarge");
    } finally {
      await session.close();
    }
  });
});
