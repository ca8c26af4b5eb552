import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import { DescribeEndpointCommand, ListModelsCommand, waitUntilEndpointInService } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import {
  CHURN_DIR,
  deploy,
  FAST_WAIT,
  startE2eStack,
  testRows,
  uploadChurnModel,
  XGB_IMAGE,
  type E2eStack,
} from "./helpers";
import { signedHeaders } from "../http/signing";
import { errorOf } from "../../helpers";

/** A tiny SageMaker-style container: `/ping` answers `pingStatus`, `/invocations` answers 500. */
async function startFakeContainer(pingStatus: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url === "/ping") return void res.writeHead(pingStatus).end();
      res.writeHead(500, { "content-type": "text/plain" }).end("model exploded");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe("local stack end to end: failures keep the stack serving", function () {
  this.timeout(60_000);
  let e2e: E2eStack;

  before(async function () {
    if (!fs.existsSync(path.join(CHURN_DIR, "xgboost-model.json"))) this.skip();
    e2e = await startE2eStack("capture-lab-e2e-fail-", {
      captureFlushIntervalMs: 100,
      healthCheckTimeoutMs: 800,
      healthCheckIntervalMs: 50,
    });
    const modelUri = await uploadChurnModel(e2e.s3);
    await deploy(
      e2e.sm,
      { model: "good", config: "good", endpoint: "good" },
      { Image: XGB_IMAGE, ModelDataUrl: modelUri },
    );
  });
  after(async () => {
    await e2e?.close();
  });

  const invokeGood = async (): Promise<void> => {
    const out = await e2e.rt.send(
      new InvokeEndpointCommand({ EndpointName: "good", ContentType: "text/csv", Body: testRows(1)[0] }),
    );
    assert.equal(out.$metadata.httpStatusCode, 200);
  };

  it("turns a container's 500 into a ModelError 424 with the original status and message", async () => {
    const fake = await startFakeContainer(200);
    try {
      await deploy(e2e.sm, { model: "bad", config: "bad", endpoint: "bad" }, { Image: fake.url });
      const e = await errorOf(() =>
        e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "bad", ContentType: "text/csv", Body: "1,2" })),
      );
      assert.equal(e.name, "ModelError");
      assert.equal((e.$metadata as { httpStatusCode: number }).httpStatusCode, 424);
      assert.equal(e.OriginalStatusCode, 500);
      assert.equal(e.OriginalMessage, "model exploded");
      assert.match(
        e.message,
        /^Received server error \(500\) from primary with message "model exploded"\. See https:\/\/us-east-1\.console/,
      );
      assert.equal(e.LogStreamArn, "arn:aws:logs:us-east-1:000000000000:log-group:/aws/sagemaker/Endpoints/bad");
      const status = e2e.stack.status().endpoints.find((x) => x.name === "bad")!;
      assert.equal(status.counters.modelErrors, 1);
      assert.equal(status.counters.captured, 0);
    } finally {
      await fake.close();
    }
    // Once the container is gone the model is unreachable: still a ModelError, status 0.
    const gone = await errorOf(() => e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "bad", Body: "1" })));
    assert.equal(gone.name, "ModelError");
    assert.equal(gone.OriginalStatusCode, 0);
    await invokeGood();
  });

  it("fails an endpoint whose container never passes /ping; the waiter reports FAILURE", async () => {
    const fake = await startFakeContainer(503);
    try {
      await deploy(e2e.sm, { model: "sick", config: "sick", endpoint: "sick" }, { Image: fake.url }, undefined, false);
      const e = await errorOf(() =>
        waitUntilEndpointInService({ client: e2e.sm, ...FAST_WAIT }, { EndpointName: "sick" }),
      );
      assert.match(e.message, /"state":"FAILURE"/);
      const d = await e2e.sm.send(new DescribeEndpointCommand({ EndpointName: "sick" }));
      assert.equal(d.EndpointStatus, "Failed");
      assert.match(d.FailureReason ?? "", /did not pass the ping health check/);
    } finally {
      await fake.close();
    }
    const notReady = await errorOf(() => e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "sick", Body: "1" })));
    assert.equal(notReady.name, "ValidationError");
  });

  it("fails an endpoint whose artifact is missing, saying why", async () => {
    await deploy(
      e2e.sm,
      { model: "nofile", config: "nofile", endpoint: "nofile" },
      { Image: XGB_IMAGE, ModelDataUrl: "s3://capture-lab-e2e/missing.tar.gz" },
      undefined,
      false,
    );
    const e = await errorOf(() =>
      waitUntilEndpointInService({ client: e2e.sm, ...FAST_WAIT }, { EndpointName: "nofile" }),
    );
    assert.match(e.message, /FAILURE/);
    const d = await e2e.sm.send(new DescribeEndpointCommand({ EndpointName: "nofile" }));
    assert.match(d.FailureReason ?? "", /s3:\/\/capture-lab-e2e\/missing\.tar\.gz/);
  });

  it("refuses an oversize body and unknown endpoints with ValidationError, then serves the next call", async () => {
    const big = Buffer.alloc(6_291_457, 0x31);
    const e = await errorOf(() =>
      e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "good", ContentType: "text/csv", Body: big })),
    );
    assert.equal(e.name, "ValidationError");
    assert.match(e.message, /6291456/);
    await invokeGood();
    const exact = Buffer.alloc(6_291_456, 0x31);
    const ok = await errorOf(() =>
      e2e.rt.send(
        new InvokeEndpointCommand({ EndpointName: "good", ContentType: "application/x-unknown", Body: exact }),
      ),
    );
    assert.notEqual(ok.name, "ValidationError"); // at the limit the body reaches the model (which rejects the type)
    const missing = await errorOf(() => e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "nope", Body: "1" })));
    assert.equal(missing.name, "ValidationError");
    assert.equal(missing.message, "Endpoint nope of account 000000000000 not found.");
    const wrongCase = await errorOf(() => e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "GOOD", Body: "1" })));
    assert.equal(wrongCase.message, "Endpoint GOOD of account 000000000000 not found.");
    await invokeGood();
  });

  it("survives garbage JSON, unknown targets and broken chunked bodies on the shared port", async () => {
    const post = async (headers: Record<string, string>, body: string) => {
      const { host: _host, ...signed } = await signedHeaders(
        e2e.stack.endpoint,
        { method: "POST", path: "/", headers, body },
        { service: "sagemaker" },
      );
      return fetch(`${e2e.stack.endpoint}/`, { method: "POST", headers: signed, body });
    };
    const g = await post(
      { "x-amz-target": "SageMaker.ListModels", "content-type": "application/x-amz-json-1.1" },
      "{{{",
    );
    assert.equal(g.status, 400);
    assert.equal(g.headers.get("x-amzn-errortype"), "SerializationException");
    const u = await post({ "x-amz-target": "SageMaker.Nope", "content-type": "application/x-amz-json-1.1" }, "{}");
    assert.equal(u.headers.get("x-amzn-errortype"), "UnknownOperationException");
    const { port } = new URL(e2e.stack.endpoint);
    // Signed headers get the request past authentication to the broken chunk framing.
    const invokeHead = await signedHeaders(
      e2e.stack.endpoint,
      { method: "POST", path: "/endpoints/good/invocations", headers: { "transfer-encoding": "chunked" } },
      { service: "sagemaker" },
    );
    const signedLines = Object.entries(invokeHead)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    const reply = await new Promise<string>((resolve, reject) => {
      const sock: net.Socket = net.connect(Number(port), "127.0.0.1", () =>
        sock.write(`POST /endpoints/good/invocations HTTP/1.1\r\n${signedLines}\r\nnot-hex\r\n`),
      );
      let out = "";
      sock.on("data", (d: Buffer) => (out += d.toString()));
      sock.on("close", () => resolve(out));
      sock.on("error", reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.ok((await e2e.sm.send(new ListModelsCommand({}))).Models!.length > 0);
    await invokeGood();
  });
});
