import { strict as assert } from "node:assert";
import { Readable } from "node:stream";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { ListModelsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { DEFAULT_LOCAL_CREDENTIALS } from "../../../src/defaults";
import { createModelArtifact } from "../../../src/local/serving";
import { fetchLocalStatus, postFlush, probeLocalStack } from "../../../src/session/local-control";
import { errorOf } from "../../helpers";
import { deploy, startE2eStack, type E2eStack } from "../e2e/helpers";
import {
  chunkSignedBody,
  presignedPath,
  send,
  sendSigned,
  signedHeaders,
  type RawRequest,
  type SignOptions,
} from "./signing";

const BUCKET = "guarded";
const HANDLER = "module.exports = { invoke: (req) => ({ body: String(req.body.length), contentType: 'text/plain' }) };";

/** One request per route, each in the form its client sends. */
const ROUTES: Array<{ route: string; req: RawRequest; sign?: SignOptions }> = [
  { route: "s3", req: { method: "GET", path: `/${BUCKET}/`, query: { "list-type": "2" } } },
  {
    route: "sagemaker",
    req: {
      method: "POST",
      path: "/",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "SageMaker.ListModels" },
      body: "{}",
    },
    sign: { service: "sagemaker" },
  },
  {
    route: "runtime",
    req: { method: "POST", path: "/endpoints/echo/invocations", headers: { "content-type": "text/csv" }, body: "1,2" },
    sign: { service: "sagemaker" },
  },
  { route: "status", req: { method: "GET", path: "/_capture-lab/status" } },
  { route: "flush", req: { method: "POST", path: "/_capture-lab/flush" } },
];

/** The error code in the protocol of each route: S3 XML, awsJson `__type`, restJson header, JSON `error`. */
function errorCode(route: string, res: { headers: Record<string, unknown>; body: string }): string {
  if (route === "s3") return /<Code>([^<]*)<\/Code>/.exec(res.body)?.[1] ?? `(no XML code in ${res.body})`;
  if (route === "sagemaker") {
    assert.equal((JSON.parse(res.body) as { __type: string }).__type, res.headers["x-amzn-errortype"]);
    return String(res.headers["x-amzn-errortype"]);
  }
  if (route === "runtime") {
    assert.ok(typeof (JSON.parse(res.body) as { message?: string }).message === "string");
    return String(res.headers["x-amzn-errortype"]);
  }
  return (JSON.parse(res.body) as { error: string }).error;
}

describe("local server: nothing outside gets in", function () {
  this.timeout(30_000);
  let e2e: E2eStack;
  before(async () => {
    e2e = await startE2eStack("capture-lab-guard-");
    await e2e.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await e2e.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "model.tar.gz",
        Body: await createModelArtifact({ "handler.js": HANDLER }),
      }),
    );
    await deploy(
      e2e.sm,
      { model: "echo", config: "echo", endpoint: "echo" },
      {
        Image: "local/js",
        ModelDataUrl: `s3://${BUCKET}/model.tar.gz`,
        Environment: { SAGEMAKER_PROGRAM: "handler.js" },
      },
    );
  });
  after(() => e2e.close());

  it("serves every route to a correctly signed same-host caller (the baseline of the refusals below)", async () => {
    for (const { route, req, sign } of ROUTES) {
      const res =
        route === "status" || route === "flush"
          ? await send(e2e.stack.endpoint, req)
          : await sendSigned(e2e.stack.endpoint, req, sign);
      assert.equal(res.status, 200, `${route}: ${res.body}`);
    }
  });

  it("refuses a foreign Host (DNS rebinding) on every route with 403 in that route's protocol", async () => {
    const { port } = new URL(e2e.stack.endpoint);
    for (const { route, req, sign } of ROUTES) {
      const headers = await signedHeaders(e2e.stack.endpoint, req, sign);
      const res = await send(e2e.stack.endpoint, { ...req, headers: { ...headers, host: `attacker.example:${port}` } });
      assert.equal(res.status, 403, route);
      assert.match(errorCode(route, res), /^AccessDenied(Exception)?$/, route);
      assert.match(res.body, /attacker\.example/, route);
    }
  });

  it("refuses a foreign Origin on every route, including POST flush, even when signed", async () => {
    for (const origin of ["http://attacker.example", "http://127.0.0.1:8888", "null"]) {
      for (const { route, req, sign } of ROUTES) {
        const res = await sendSigned(e2e.stack.endpoint, req, sign, { origin });
        assert.equal(res.status, 403, `${route} ${origin}`);
        assert.match(errorCode(route, res), /^AccessDenied(Exception)?$/, route);
      }
    }
    const crossSite = await send(e2e.stack.endpoint, {
      method: "POST",
      path: "/_capture-lab/flush",
      headers: { "sec-fetch-site": "cross-site" },
    });
    assert.equal(crossSite.status, 403);
  });

  it("refuses unsigned S3, control-plane and runtime calls with AWS's codes", async () => {
    const expected: Record<string, string> = {
      s3: "AccessDenied",
      sagemaker: "MissingAuthenticationTokenException",
      runtime: "MissingAuthenticationTokenException",
    };
    for (const { route, req } of ROUTES.filter((r) => r.route in expected)) {
      const res = await send(e2e.stack.endpoint, {
        ...req,
        headers: { host: new URL(e2e.stack.endpoint).host, ...req.headers },
      });
      assert.equal(res.status, 403, route);
      assert.equal(errorCode(route, res), expected[route], route);
    }
  });

  it("refuses SDK clients with a wrong secret or an unknown key id, with AWS's error names", async () => {
    const bad = (accessKeyId: string, secretAccessKey: string) => ({
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });
    const cases = [
      { creds: bad("capture-lab", "wrong"), s3: "SignatureDoesNotMatch", json: "InvalidSignatureException" },
      { creds: bad("stranger", "capture-lab"), s3: "InvalidAccessKeyId", json: "UnrecognizedClientException" },
    ];
    for (const c of cases) {
      const s3 = new S3Client({ ...e2e.stack.clientConfig.s3, ...c.creds });
      const sm = new SageMakerClient({ ...e2e.stack.clientConfig.sageMaker, ...c.creds });
      const rt = new SageMakerRuntimeClient({ ...e2e.stack.clientConfig.runtime, ...c.creds });
      try {
        const s3err = await errorOf(() => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "model.tar.gz" })));
        assert.equal(s3err.name, c.s3);
        assert.equal(s3err.$metadata?.httpStatusCode, 403);
        assert.equal((await errorOf(() => sm.send(new ListModelsCommand({})))).name, c.json);
        assert.equal(
          (await errorOf(() => rt.send(new InvokeEndpointCommand({ EndpointName: "echo", Body: "1" })))).name,
          c.json,
        );
      } finally {
        [s3, sm, rt].forEach((x) => x.destroy());
      }
    }
  });

  it("refuses requests signed too long ago (15 min), with RequestTimeTooSkewed / InvalidSignatureException", async () => {
    const signingDate = new Date(Date.now() - 20 * 60_000);
    const s3 = await sendSigned(e2e.stack.endpoint, ROUTES[0].req, { signingDate });
    assert.equal(errorCode("s3", s3), "RequestTimeTooSkewed");
    const sm = await sendSigned(e2e.stack.endpoint, ROUTES[1].req, { service: "sagemaker", signingDate });
    assert.equal(errorCode("sagemaker", sm), "InvalidSignatureException");
    assert.match(sm.body, /Signature expired/);
  });

  it("keeps the official SDK clients working: plain, streaming (aws-chunked) and multipart uploads, invocations", async () => {
    const body = Buffer.alloc(200_000, 7);
    await e2e.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "stream",
        Body: Readable.from([body.subarray(0, 70_000), body.subarray(70_000)]),
        ContentLength: body.length,
      }),
    );
    const got = await e2e.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "stream" }));
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
    const big = Buffer.alloc(11 * 1024 * 1024, 3);
    await new Upload({ client: e2e.s3, params: { Bucket: BUCKET, Key: "a dir/big (1).bin", Body: big } }).done();
    const head = await e2e.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: "a dir/big (1).bin", Range: "bytes=0-3" }),
    );
    assert.equal(head.ContentRange, `bytes 0-3/${big.length}`);
    assert.ok((await e2e.sm.send(new ListModelsCommand({}))).Models!.some((m) => m.ModelName === "echo"));
    const out = await e2e.rt.send(
      new InvokeEndpointCommand({ EndpointName: "echo", ContentType: "text/csv", Body: "1,2,3" }),
    );
    assert.equal(Buffer.from(out.Body!).toString(), "5");
  });

  it("accepts presigned URLs until they expire, and UNSIGNED-PAYLOAD uploads", async () => {
    const endpoint = e2e.stack.endpoint;
    const put = await sendSigned(
      endpoint,
      { method: "PUT", path: `/${BUCKET}/unsigned`, body: "payload" },
      { contentSha256: "UNSIGNED-PAYLOAD" },
    );
    assert.equal(put.status, 200, put.body);
    const url = await presignedPath(endpoint, { method: "GET", path: `/${BUCKET}/unsigned` }, 60);
    const res = await fetch(endpoint + url);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "payload");
    const old = await presignedPath(endpoint, { method: "GET", path: `/${BUCKET}/unsigned` }, 60, {
      signingDate: new Date(Date.now() - 120_000),
    });
    const expired = await fetch(endpoint + old);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /<Code>AccessDenied<\/Code>.*expired/s);
  });

  it("accepts STREAMING-AWS4-HMAC-SHA256-PAYLOAD uploads only with a good seed signature and good chunk signatures", async () => {
    const endpoint = e2e.stack.endpoint;
    const chunks = [Buffer.from("hello "), Buffer.from("chunked world")];
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const req = (key: string): RawRequest => ({
      method: "PUT",
      path: `/${BUCKET}/${key}`,
      headers: { "content-encoding": "aws-chunked", "x-amz-decoded-content-length": String(length) },
    });
    const streaming = { contentSha256: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" };
    const headers = await signedHeaders(endpoint, req("chunked"), streaming);
    const body = chunkSignedBody(headers, "capture-lab", "us-east-1", chunks);
    const ok = await send(endpoint, { ...req("chunked"), headers, body });
    assert.equal(ok.status, 200, ok.body);
    const got = await e2e.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "chunked" }));
    assert.equal(await got.Body!.transformToString(), "hello chunked world");
    const wrongSeed = await signedHeaders(endpoint, req("chunked2"), {
      ...streaming,
      credentials: { accessKeyId: "capture-lab", secretAccessKey: "nope" },
    });
    const refused = await send(endpoint, {
      ...req("chunked2"),
      headers: wrongSeed,
      body: chunkSignedBody(wrongSeed, "nope", "us-east-1", chunks),
    });
    assert.equal(refused.status, 403);
    assert.equal(errorCode("s3", refused), "SignatureDoesNotMatch");
    // A good seed, then chunk data that is not what the chunk signatures cover: refused, nothing stored.
    const seed = await signedHeaders(endpoint, req("swapped"), streaming);
    const swapped = chunkSignedBody(seed, "capture-lab", "us-east-1", chunks);
    const at = swapped.indexOf("chunked world");
    swapped.write("CHUNKED", at, "latin1");
    const tampered = await send(endpoint, { ...req("swapped"), headers: seed, body: swapped });
    assert.equal(tampered.status, 403);
    assert.equal(errorCode("s3", tampered), "SignatureDoesNotMatch");
    assert.match(tampered.body, /chunk 1 has a wrong chunk-signature/);
    assert.equal(
      (await errorOf(() => e2e.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "swapped" })))).name,
      "NoSuchKey",
    );
  });

  it("checks control-plane and runtime bodies against the signature, with or without x-amz-content-sha256", async () => {
    const endpoint = e2e.stack.endpoint;
    const list = ROUTES[1].req;
    const headers = await signedHeaders(endpoint, list, { service: "sagemaker" });
    const swapped = await send(endpoint, { ...list, headers, body: '{"MaxResults":1}' });
    assert.equal(swapped.status, 403);
    assert.equal(errorCode("sagemaker", swapped), "InvalidSignatureException");
    // botocore signs the body's hash without sending it: verified once the body is read.
    const { ["x-amz-content-sha256"]: _omit, ...noHash } = headers;
    assert.equal((await send(endpoint, { ...list, headers: noHash })).status, 200);
    const tampered = await send(endpoint, { ...list, headers: noHash, body: '{"MaxResults":1}' });
    assert.equal(errorCode("sagemaker", tampered), "InvalidSignatureException");
    const invoke = ROUTES[2].req;
    const rtHeaders = await signedHeaders(endpoint, invoke, { service: "sagemaker" });
    const rtSwapped = await send(endpoint, { ...invoke, headers: rtHeaders, body: "9,9" });
    assert.equal(rtSwapped.status, 403);
    assert.equal(errorCode("runtime", rtSwapped), "InvalidSignatureException");
  });

  it("checks the credentials the user set instead of the defaults", async () => {
    const own = await startE2eStack("capture-lab-guard-own-", {
      credentials: { accessKeyId: "mine", secretAccessKey: "not-the-default" },
    });
    const withDefaults = new SageMakerClient({
      ...own.stack.clientConfig.sageMaker,
      credentials: { ...DEFAULT_LOCAL_CREDENTIALS },
      maxAttempts: 1,
    });
    try {
      assert.deepEqual(own.stack.credentials, { accessKeyId: "mine", secretAccessKey: "not-the-default" });
      assert.deepEqual((await own.sm.send(new ListModelsCommand({}))).Models, []);
      assert.equal(
        (await errorOf(() => withDefaults.send(new ListModelsCommand({})))).name,
        "UnrecognizedClientException",
      );
    } finally {
      withDefaults.destroy();
      await own.close();
    }
  });

  it("keeps /_capture-lab/status and flush working for notebooks in other processes (plain fetch)", async () => {
    assert.ok(await probeLocalStack(e2e.stack.endpoint));
    assert.ok((await fetchLocalStatus(e2e.stack.endpoint)).endpoints.some((e) => e.name === "echo"));
    await postFlush(e2e.stack.endpoint, "echo");
    const own = await send(e2e.stack.endpoint, {
      method: "POST",
      path: "/_capture-lab/flush",
      headers: { origin: e2e.stack.endpoint },
    });
    assert.equal(own.status, 200);
  });
});
