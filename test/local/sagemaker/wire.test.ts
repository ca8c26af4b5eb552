import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as net from "node:net";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  ListModelsCommand,
  waitUntilEndpointInService,
} from "@aws-sdk/client-sagemaker";
import { signedHeaders } from "../http/signing";
import { HARNESS_CREDENTIALS, IMAGES, startHarness, type Harness } from "./helpers";

const SIGN = { service: "sagemaker", credentials: HARNESS_CREDENTIALS } as const;

/** A signed awsJson POST whose body the SDK would never send. */
async function post(
  endpoint: string,
  target: string | undefined,
  body: string,
): Promise<{ status: number; type: string | null; json: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/x-amz-json-1.1" };
  if (target) headers["x-amz-target"] = target;
  const signed = await signedHeaders(endpoint, { method: "POST", path: "/", headers, body }, SIGN);
  const { host: _host, ...sendable } = signed; // fetch sets Host itself
  const res = await fetch(`${endpoint}/`, { method: "POST", headers: sendable, body });
  return { status: res.status, type: res.headers.get("x-amzn-errortype"), json: await res.json() };
}

/** Sends raw bytes on a new socket and returns what came back until the server closed it. */
function raw(endpoint: string, payload: string): Promise<string> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const s: net.Socket = net.connect(Number(port), hostname, () => s.write(payload));
    let out = "";
    s.on("data", (d: Buffer) => (out += d.toString()));
    s.on("end", () => resolve(out));
    s.on("close", () => resolve(out));
    s.on("error", reject);
  });
}

describe("local SageMaker control plane: wire errors and persistence", function () {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
    fs.rmSync(h.dir, { recursive: true, force: true });
  });

  it("answers garbage JSON, unknown targets and broken framing with typed errors and keeps serving", async () => {
    h = await startHarness();
    const garbage = await post(h.endpoint, "SageMaker.ListModels", "{not json");
    assert.equal(garbage.status, 400);
    assert.equal(garbage.type, "SerializationException");
    assert.equal((garbage.json as { __type: string }).__type, "SerializationException");
    const unknown = await post(h.endpoint, "SageMaker.CreateTrainingJob", "{}");
    assert.equal(unknown.status, 400);
    assert.equal(unknown.type, "UnknownOperationException");
    const notObject = await post(h.endpoint, "SageMaker.ListModels", "[1,2]");
    assert.equal(notObject.type, "SerializationException");
    // Signed headers (so the request gets past authentication), then a body with broken chunk framing.
    const head = await signedHeaders(
      h.endpoint,
      {
        method: "POST",
        path: "/",
        headers: { "x-amz-target": "SageMaker.ListModels", "transfer-encoding": "chunked" },
      },
      SIGN,
    );
    const lines = Object.entries(head)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    const bad = await raw(h.endpoint, `POST / HTTP/1.1\r\n${lines}\r\nzz\r\nabc\r\n`);
    assert.match(bad, /^HTTP\/1\.1 400/);
    // The server still serves the SDK.
    const ok = await h.sm.send(new ListModelsCommand({}));
    assert.deepEqual(ok.Models, []);
  });

  it("persists models, configs and endpoints and brings endpoints back up after a restart", async () => {
    h = await startHarness();
    await h.sm.send(new CreateModelCommand({ ModelName: "m1", PrimaryContainer: { Image: IMAGES.echo } }));
    await h.sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: "ec1",
        ProductionVariants: [{ VariantName: "v1", ModelName: "m1" }],
      }),
    );
    await h.sm.send(new CreateEndpointCommand({ EndpointName: "Ep1", EndpointConfigName: "ec1" }));
    await waitUntilEndpointInService(
      { client: h.sm, minDelay: 0.1, maxDelay: 0.2, maxWaitTime: 10 },
      { EndpointName: "Ep1" },
    );
    const before = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "Ep1" }));
    const dir = h.dir;
    await h.stop();
    h = await startHarness({ dir, describeSettleMs: 1000 });
    const models = await h.sm.send(new ListModelsCommand({}));
    assert.deepEqual(
      models.Models?.map((m) => m.ModelName),
      ["m1"],
    );
    // describeSettleMs lets the first poll see InService, as a default-configured waiter would.
    const after = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "Ep1" }));
    assert.equal(after.EndpointStatus, "InService");
    assert.equal(after.EndpointName, "Ep1");
    assert.equal(after.CreationTime?.getTime(), before.CreationTime?.getTime());
    assert.ok(h.controlPlane.lookup("Ep1").serving);
  });

  it("refuses a corrupt state file instead of silently starting empty", async () => {
    h = await startHarness();
    const dir = h.dir;
    await h.stop();
    fs.writeFileSync(`${dir}/sagemaker/state.json`, "{oops");
    await assert.rejects(startHarness({ dir }), /state\.json: not valid JSON/);
    h = await startHarness(); // for afterEach
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
