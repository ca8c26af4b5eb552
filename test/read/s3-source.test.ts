import { strict as assert } from "assert";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { listS3CaptureFiles } from "../../src/read/s3-source";
import type { SdkClient } from "../../src/sdk-client";

describe("read/s3-source: listing an S3 prefix", () => {
  it("follows continuation tokens through every page, with any SDK v3 client (not only an S3Client instance)", async () => {
    const keys = Array.from(
      { length: 5 },
      (_, i) => `dc/ep/AllTraffic/2026/12/06/01/0${i}-00-000-${"a".repeat(8)}-0000-0000-0000-${"b".repeat(12)}.jsonl`,
    );
    const asked: Array<string | undefined> = [];
    // Two keys a page, like a bucket listed 1,000 at a time.
    const client: SdkClient = {
      async send<Output>(command: unknown): Promise<Output> {
        assert.ok(command instanceof ListObjectsV2Command);
        const token = command.input.ContinuationToken;
        asked.push(token);
        const start = token === undefined ? 0 : Number(token);
        const page = keys.slice(start, start + 2);
        const more = start + 2 < keys.length;
        return {
          Contents: page.map((Key) => ({ Key, Size: 10 })),
          IsTruncated: more,
          NextContinuationToken: more ? String(start + 2) : undefined,
        } as Output;
      },
      destroy() {},
    };
    const files = await listS3CaptureFiles({ s3: client, uri: "s3://bucket/dc" }, {});
    assert.deepEqual(
      files.map((f) => f.key),
      keys,
    );
    assert.deepEqual(asked, [undefined, "2", "4"]);
  });
});
