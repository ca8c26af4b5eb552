/** The writer against the embedded S3 store over HTTP, read back with the AWS SDK. */
import { strict as assert } from "node:assert";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { CaptureWriter, CAPTURE_OBJECT_CONTENT_TYPE } from "../../../src/local/capture-writer";
import { startS3, type S3Fixture } from "../s3/helpers";
import { CLIENTS, PER_CLIENT, assertExactlyOnce, fakeClock, runFiftyClients } from "./fifty-clients";
import { csvInvocation, settings } from "./helpers";

describe("CaptureWriter: embedded S3", () => {
  let fx: S3Fixture;
  let client: S3Client;

  beforeEach(async () => {
    fx = await startS3("capture-writer");
    client = fx.client();
    await client.send(new CreateBucketCommand({ Bucket: "capture-bucket" }));
  });
  afterEach(() => fx.close());

  async function readAll(prefix: string): Promise<{ key: string; body: Buffer }[]> {
    const out: { key: string; body: Buffer }[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: "capture-bucket", Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        const got = await client.send(new GetObjectCommand({ Bucket: "capture-bucket", Key: o.Key! }));
        out.push({ key: o.Key!, body: Buffer.from(await got.Body!.transformToByteArray()) });
      }
      token = page.NextContinuationToken;
    } while (token);
    return out;
  }

  it("stores 50 concurrent clients' captures exactly once", async () => {
    const clock = fakeClock("2024-03-10T08:59:58.000Z");
    const writer = new CaptureWriter({
      s3: client,
      now: clock.now,
      rollIntervalMs: 1000,
      flushIntervalMs: 1,
      onEvent: () => {},
    });
    await runFiftyClients(writer, clock, "ep", "s3://capture-bucket/dc/");
    await writer.close();
    const objects = await readAll("dc/ep/");
    assert.equal(objects.length, writer.stats().filesWritten);
    assertExactlyOnce(objects, 1000);
    assert.equal(writer.stats().recordsWritten, CLIENTS * PER_CLIENT);
  });

  it("writes a KMS-configured capture and the object's content type", async () => {
    const writer = new CaptureWriter({ s3: client, onEvent: () => {} });
    const cfg = settings({ destinationS3Uri: "s3://capture-bucket/kms", kmsKeyId: "alias/capture" });
    writer.capture({ endpointName: "ep", variantName: "v" }, cfg, csvInvocation(new Date("2024-03-10T08:00:00Z")));
    await writer.close();
    assert.equal(writer.stats().filesWritten, 1, "the embedded store accepted the SSE-KMS PutObject");
    const [obj] = await readAll("kms/");
    const head = await client.send(new HeadObjectCommand({ Bucket: "capture-bucket", Key: obj.key }));
    assert.equal(head.ContentType, CAPTURE_OBJECT_CONTENT_TYPE);
  });

  it("counts records as lost when the bucket does not exist, and keeps serving", async () => {
    const events: string[] = [];
    const writer = new CaptureWriter({
      s3: client,
      retry: { attempts: 2, baseDelayMs: 1 },
      onEvent: (e) => events.push(e.type),
    });
    const cfg = settings({ destinationS3Uri: "s3://no-such-bucket/x" });
    assert.equal(writer.capture({ endpointName: "ep", variantName: "v" }, cfg, csvInvocation(new Date())), "queued");
    const result = await writer.flush();
    assert.deepEqual(result, { filesWritten: 0, recordsWritten: 0, filesLost: 1, recordsLost: 1 });
    assert.deepEqual(events, ["upload-failed", "upload-failed", "records-lost"]);
    await writer.close();
  });
});
