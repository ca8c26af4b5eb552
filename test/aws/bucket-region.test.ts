/** A bucket in another region is named with its region (S3's 301 says it only in a header). */
import { strict as assert } from "node:assert";
import { S3Client } from "@aws-sdk/client-s3";
import { ensureBucket, type CaptureLabSession } from "../../src";
import { headBucket } from "../../src/aws/bucket-region";
import { errorOf } from "../helpers";
import { startFakeStack, type FakeStack } from "./stack-double";

describe("aws/bucket-region", () => {
  let fake: FakeStack;
  let s3: S3Client;
  beforeEach(async () => {
    fake = await startFakeStack();
    s3 = new S3Client({
      endpoint: fake.url,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
  });
  afterEach(async () => {
    s3.destroy();
    await fake.close();
  });

  it("headBucket reads the region of a bucket elsewhere from S3's bare 301", async () => {
    const head = await headBucket(s3, "elsewhere-bucket");
    assert.equal(head.state, "elsewhere");
    assert.equal(head.region, "eu-west-1");
    assert.deepEqual(await headBucket(s3, "home-bucket"), { state: "ok", region: "us-east-1" });
  });

  it("ensureBucket says which region the bucket is in and how to fix it", async () => {
    const session = { s3, region: "us-east-1", bucket: "elsewhere-bucket" } as unknown as CaptureLabSession;
    const e = await errorOf(ensureBucket(session));
    assert.match(e.message, /Bucket elsewhere-bucket is in region eu-west-1, but this session uses us-east-1/);
    assert.match(e.message, /AWS_REGION=eu-west-1/);
    assert.deepEqual(await ensureBucket(session, "home-bucket"), { bucket: "home-bucket", created: false });
  });
});
