import { strict as assert } from "node:assert";
import type { IncomingMessage, ServerResponse } from "node:http";
import { findS3Operation, S3_OPERATIONS } from "../../../src/local/s3/operations";
import type { OpContext } from "../../../src/local/s3/operation-context";
import { parseTarget } from "../../../src/local/s3/request";
import type { S3Store } from "../../../src/local/s3/store";

function ctx(method: string, url: string, headers: Record<string, string> = {}): OpContext {
  const req = { method, url, headers } as unknown as IncomingMessage;
  return {
    req,
    res: {} as ServerResponse,
    store: {} as S3Store,
    target: parseTarget(url),
    region: "us-east-1",
    ownerId: "0",
  };
}

describe("local/s3/operations: the operation table", () => {
  const cases: [string, string, string, Record<string, string>?][] = [
    ["ListBuckets", "GET", "/"],
    ["CreateBucket", "PUT", "/b"],
    ["HeadBucket", "HEAD", "/b"],
    ["DeleteBucket", "DELETE", "/b"],
    ["DeleteObjects", "POST", "/b?delete"],
    ["GetBucketLocation", "GET", "/b?location"],
    ["ListMultipartUploads", "GET", "/b?uploads"],
    ["ListObjectsV2", "GET", "/b?list-type=2&prefix=a%2F"],
    ["ListObjects", "GET", "/b?prefix=a"],
    ["UploadPartCopy", "PUT", "/b/k?partNumber=1&uploadId=u", { "x-amz-copy-source": "/b/j" }],
    ["UploadPart", "PUT", "/b/k?partNumber=1&uploadId=u"],
    ["CopyObject", "PUT", "/b/k", { "x-amz-copy-source": "/b/j" }],
    ["PutObject", "PUT", "/b/a/b/c.jsonl"],
    ["ListParts", "GET", "/b/k?uploadId=u"],
    ["GetObject", "GET", "/b/k"],
    ["HeadObject", "HEAD", "/b/k"],
    ["AbortMultipartUpload", "DELETE", "/b/k?uploadId=u"],
    ["DeleteObject", "DELETE", "/b/k"],
    ["CreateMultipartUpload", "POST", "/b/k?uploads"],
    ["CompleteMultipartUpload", "POST", "/b/k?uploadId=u"],
  ];
  for (const [op, method, url, headers] of cases) {
    it(`${method} ${url} is ${op}`, () => assert.equal(findS3Operation(ctx(method, url, headers)).op, op));
  }

  it("lists every AWS operation it names once, and each is reachable by a request above", () => {
    const named = S3_OPERATIONS.map((o) => o.op).filter((o) => /^[A-Z][A-Za-z0-9]+$/.test(o));
    assert.equal(new Set(named).size, named.length);
    assert.deepEqual(new Set(named), new Set(cases.map((c) => c[0])));
  });

  it("refuses unsupported sub-resources with NotImplemented and unknown methods with MethodNotAllowed", () => {
    assert.throws(
      () => findS3Operation(ctx("GET", "/b?acl")),
      (e: Error & { code?: string }) => e.code === "NotImplemented" && /\?acl/.test(e.message),
    );
    assert.throws(
      () => findS3Operation(ctx("PATCH", "/b/k")),
      (e: Error & { code?: string }) => e.code === "MethodNotAllowed",
    );
    const post = ctx("POST", "/b/k");
    assert.throws(
      () => findS3Operation(post).handler(post as never),
      (e: Error & { code?: string }) => e.code === "NotImplemented",
    );
  });
});
