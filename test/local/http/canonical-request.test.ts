import { strict as assert } from "node:assert";
import { canonicalRequest } from "../../../src/local/http/canonical-request";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("the canonical request of a received request (the SDK signer's)", () => {
  it("matches AWS's SigV4 example (IAM ListUsers): sorted query and headers", () => {
    const canonical = canonicalRequest(
      "iam",
      {
        method: "GET",
        path: "/",
        query: [
          ["Version", "2010-05-08"],
          ["Action", "ListUsers"],
        ],
      },
      {
        "x-amz-date": "20150830T123600Z",
        host: "iam.amazonaws.com",
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
      },
      EMPTY_SHA256,
    );
    assert.equal(
      canonical,
      [
        "GET",
        "/",
        "Action=ListUsers&Version=2010-05-08",
        "content-type:application/x-www-form-urlencoded; charset=utf-8",
        "host:iam.amazonaws.com",
        "x-amz-date:20150830T123600Z",
        "",
        "content-type;host;x-amz-date",
        EMPTY_SHA256,
      ].join("\n"),
    );
  });

  it("signs S3's path as received and every other service's path normalised and encoded again", () => {
    const line = (service: string, path: string) =>
      canonicalRequest(service, { method: "GET", path, query: [] }, { host: "h" }, "UNSIGNED-PAYLOAD").split("\n")[1];
    assert.equal(line("s3", "/b/a%20b/./c"), "/b/a%20b/./c");
    assert.equal(line("sagemaker", "/endpoints/a%20b/./x/../invocations"), "/endpoints/a%2520b/invocations");
  });

  it("encodes and sorts repeated query values and leaves X-Amz-Signature out", () => {
    const query = canonicalRequest(
      "s3",
      {
        method: "GET",
        path: "/",
        query: [
          ["b", "2 x"],
          ["a", "z"],
          ["b", "1"],
          ["X-Amz-Signature", "ff"],
        ],
      },
      { host: "h" },
      "UNSIGNED-PAYLOAD",
    ).split("\n")[2];
    assert.equal(query, "a=z&b=1&b=2%20x");
  });

  it("keeps query names that are Object.prototype's as parameters: none can be added unnoticed", () => {
    const query = (params: [string, string][]) =>
      canonicalRequest("s3", { method: "GET", path: "/", query: params }, { host: "h" }, "UNSIGNED-PAYLOAD").split(
        "\n",
      )[2];
    assert.equal(query([["constructor", "c"]]), "constructor=c");
    assert.notEqual(query([["__proto__", "p"]]), query([]));
  });
});
