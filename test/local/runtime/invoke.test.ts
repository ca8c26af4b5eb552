import { strict as assert } from "node:assert";
import {
  captureInvocation,
  invokeModel,
  isInvokeFailure,
  type CaptureSink,
  type InvokeRoute,
} from "../../../src/local/runtime/invoke";
import type { LiveVariant } from "../../../src/local/sagemaker/deployment";
import type { InvocationResponse, ModelBackend } from "../../../src/local/serving/backend";

function variantAnswering(answer: () => Promise<InvocationResponse>): LiveVariant {
  const backend = { invoke: answer, ping: async () => true, close: async () => undefined } as unknown as ModelBackend;
  return { variantName: "AllTraffic", weight: 1, backend } as unknown as LiveVariant;
}

describe("local/runtime/invoke: InvokeEndpoint without HTTP", () => {
  const request = { body: Buffer.from("1,2"), contentType: "text/csv", inferenceId: "row-1" };

  it("returns a 2xx answer as is", async () => {
    const answer = await invokeModel(
      variantAnswering(async () => ({ status: 200, body: Buffer.from("0.5") })),
      request,
    );
    assert.ok(!isInvokeFailure(answer));
    assert.equal(answer.body.toString(), "0.5");
  });

  it("turns a non-2xx answer into a model failure with its status and body, and an unreachable model into status 0", async () => {
    const bad = await invokeModel(
      variantAnswering(async () => ({ status: 503, body: Buffer.from("overloaded") })),
      request,
    );
    assert.deepEqual(bad, { kind: "model", originalStatus: 503, message: "overloaded" });
    const gone = await invokeModel(
      variantAnswering(async () => Promise.reject(new Error("ECONNREFUSED"))),
      request,
    );
    assert.deepEqual(gone, { kind: "model", originalStatus: 0, message: "Could not reach the model: ECONNREFUSED" });
  });

  it("captures only when the live config captures, with the request and answer as sent", () => {
    const seen: unknown[] = [];
    const sink: CaptureSink = { capture: (id, _settings, inv) => (seen.push({ id, inv }), "queued") };
    const variant = variantAnswering(async () => ({ status: 200, body: Buffer.alloc(0) }));
    const answer = { status: 200, body: Buffer.from("0.5"), contentType: "text/csv" };
    const time = new Date(0);
    const route = (capture: unknown) =>
      ({ endpoint: { record: { name: "ep" }, variants: [variant], capture }, variant }) as unknown as InvokeRoute;
    assert.equal(captureInvocation(sink, route(null), request, answer, time), undefined);
    assert.equal(seen.length, 0);
    assert.equal(captureInvocation(sink, route({ enabled: true }), request, answer, time), "queued");
    assert.deepEqual(seen, [
      {
        id: { endpointName: "ep", variantName: "AllTraffic" },
        inv: {
          request: { body: request.body, contentType: "text/csv" },
          response: { body: answer.body, contentType: "text/csv" },
          inferenceId: "row-1",
          customAttributes: undefined,
          time,
        },
      },
    ]);
  });
});
