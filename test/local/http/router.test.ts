import { strict as assert } from "node:assert";
import { routeRequest } from "../../../src/local/http/router";

const signed = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc`,
});

describe("one-port routing by SigV4 scope, X-Amz-Target and path", () => {
  it("sends S3-signed requests to S3 even on a runtime-looking path (bucket `endpoints`)", () => {
    assert.equal(routeRequest("POST", "/endpoints/x/invocations", signed("s3")), "s3");
  });
  it("sends SageMaker-signed requests to the control plane or the runtime", () => {
    assert.equal(
      routeRequest("POST", "/", { ...signed("sagemaker"), "x-amz-target": "SageMaker.ListModels" }),
      "sagemaker",
    );
    assert.equal(routeRequest("POST", "/endpoints/ep/invocations", signed("sagemaker")), "runtime");
  });
  it("falls back for unsigned requests: target -> control plane, runtime path -> runtime, else S3", () => {
    assert.equal(routeRequest("POST", "/", { "x-amz-target": "SageMaker.ListModels" }), "sagemaker");
    assert.equal(routeRequest("POST", "/endpoints/ep/invocations", {}), "runtime");
    assert.equal(routeRequest("GET", "/endpoints/ep/invocations", {}), "s3");
    assert.equal(routeRequest("GET", "/bucket/key", {}), "s3");
  });
});
