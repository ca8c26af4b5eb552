import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { DescribeEndpointCommand } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { createModelArtifact } from "../../../src/local/serving";
import { HandlerBackend, modelServerTimeoutMs } from "../../../src/local/serving/handler-backend";
import { errorOf } from "../../helpers";
import { deploy, startE2eStack, type E2eStack } from "../e2e/helpers";

/** Answers with its own pid; `loop` never returns, `exit` ends its process, `throw-later` crashes it asynchronously. */
const HANDLER = `
module.exports = {
  invoke(req) {
    const text = req.body.toString();
    if (text === "loop") for (;;) {}
    if (text === "exit") process.exit(3);
    if (text === "throw-later") return new Promise(() => setImmediate(() => { throw new Error("async crash"); }));
    if (text === "hang") return new Promise(() => {});
    return { body: String(process.pid), contentType: "text/plain" };
  },
};`;

describe("HandlerBackend: JS handlers run in a child process with a time limit", function () {
  this.timeout(30_000);
  let workDir: string;
  let backend: HandlerBackend | undefined;
  beforeEach(() => (workDir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-handler-"))));
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const load = (env: Record<string, string> = {}) =>
    HandlerBackend.load(new Map([["handler.js", Buffer.from(HANDLER)]]), "handler.js", workDir, env);
  const call = async (b: HandlerBackend, text: string) => {
    const r = await b.invoke({ body: Buffer.from(text) });
    return { status: r.status, text: r.body.toString() };
  };

  it("runs the handler outside the stack's process", async () => {
    backend = await load();
    const r = await call(backend, "x");
    assert.equal(r.status, 200);
    assert.notEqual(Number(r.text), process.pid);
    assert.equal(await backend.ping(), true);
  });

  it("stops a looping handler at SAGEMAKER_MODEL_SERVER_TIMEOUT, answers 500 and serves the next request from a new process", async () => {
    backend = await load({ SAGEMAKER_MODEL_SERVER_TIMEOUT: "0.3" });
    const first = Number((await call(backend, "x")).text);
    const started = Date.now();
    const looped = await call(backend, "loop");
    assert.equal(looped.status, 500);
    assert.match(looped.text, /did not answer within 0\.3 s \(SAGEMAKER_MODEL_SERVER_TIMEOUT\)/);
    assert.ok(Date.now() - started < 10_000);
    const hung = await call(backend, "hang");
    assert.match(hung.text, /did not answer within 0\.3 s/);
    const after = await call(backend, "x");
    assert.equal(after.status, 200);
    assert.notEqual(Number(after.text), first, "a fresh process");
  });

  it("answers 500 when the handler's process exits or crashes, then recovers", async () => {
    backend = await load();
    for (const crash of ["exit", "throw-later"]) {
      const r = await call(backend, crash);
      assert.equal(r.status, 500, crash);
      assert.match(r.text, /handler process of handler\.js exited/, crash);
      assert.equal((await call(backend, "x")).status, 200, `after ${crash}`);
    }
  });

  it("reads the time limit from the model's environment and refuses a bad one", () => {
    assert.equal(modelServerTimeoutMs({}), undefined);
    assert.equal(modelServerTimeoutMs({ SAGEMAKER_MODEL_SERVER_TIMEOUT: "2.5" }), 2500);
    assert.throws(
      () => modelServerTimeoutMs({ SAGEMAKER_MODEL_SERVER_TIMEOUT: "soon" }),
      /SAGEMAKER_MODEL_SERVER_TIMEOUT "soon": expected a positive number of seconds/,
    );
  });

  it("reports init failures and handlers that never finish loading, leaving nothing behind", async () => {
    const files = (code: string) => new Map([["h.js", Buffer.from(code)]]);
    await assert.rejects(
      HandlerBackend.load(
        files("module.exports = { init() { throw new Error('no weights'); }, invoke() {} };"),
        "h.js",
        workDir,
      ),
      /SAGEMAKER_PROGRAM h\.js: init failed: no weights/,
    );
    await assert.rejects(
      HandlerBackend.load(files("for (;;) {}"), "h.js", workDir, {}, { startTimeoutMs: 300 }),
      /SAGEMAKER_PROGRAM h\.js: loading took longer than 0\.3 s/,
    );
    await assert.rejects(
      HandlerBackend.load(files("process.exit(1)"), "h.js", workDir),
      /exited while loading \(code 1\)/,
    );
    assert.deepEqual(fs.readdirSync(workDir), []);
  });
});

describe("local stack: a bad JS handler costs its own endpoint a ModelError, nothing else", function () {
  this.timeout(60_000);
  let e2e: E2eStack;
  before(async () => {
    e2e = await startE2eStack("capture-lab-handler-stack-");
    await e2e.s3.send(new CreateBucketCommand({ Bucket: "models" }));
    await e2e.s3.send(
      new PutObjectCommand({
        Bucket: "models",
        Key: "h.tar.gz",
        Body: await createModelArtifact({ "handler.js": HANDLER }),
      }),
    );
    const container = (timeout: string) => ({
      Image: "local/js",
      ModelDataUrl: "s3://models/h.tar.gz",
      Environment: { SAGEMAKER_PROGRAM: "handler.js", SAGEMAKER_MODEL_SERVER_TIMEOUT: timeout },
    });
    await deploy(e2e.sm, { model: "bad", config: "bad", endpoint: "bad" }, container("0.5"));
    await deploy(e2e.sm, { model: "good", config: "good", endpoint: "good" }, container("60"));
  });
  after(() => e2e.close());

  const invoke = (endpoint: string, body: string) =>
    e2e.rt.send(new InvokeEndpointCommand({ EndpointName: endpoint, ContentType: "text/plain", Body: body }));

  it("a looping handler hits its time limit with a ModelError while other endpoints keep answering meanwhile", async () => {
    const looping = errorOf(() => invoke("bad", "loop"));
    let settled = false;
    void looping.then(() => (settled = true));
    // The stack's event loop is free while the handler spins: the other endpoint answers first.
    const good = await invoke("good", "x");
    assert.equal(good.$metadata.httpStatusCode, 200);
    assert.equal(settled, false);
    const err = await looping;
    assert.equal(err.name, "ModelError");
    assert.match(err.message, /did not answer within 0\.5 s/);
    assert.equal((await invoke("bad", "x")).$metadata.httpStatusCode, 200);
  });

  it("a crashing handler answers a ModelError and its endpoint stays InService", async () => {
    for (const crash of ["exit", "throw-later"]) {
      const err = await errorOf(() => invoke("bad", crash));
      assert.equal(err.name, "ModelError", crash);
      assert.equal(
        (await e2e.sm.send(new DescribeEndpointCommand({ EndpointName: "bad" }))).EndpointStatus,
        "InService",
      );
      assert.equal((await invoke("good", "x")).$metadata.httpStatusCode, 200);
    }
  });
});
