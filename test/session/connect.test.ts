import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { capturePaths, connect } from "../../src";
import { defaultLocalDataDir, findProjectRoot, localStatus } from "../../src/session";
import { startFakeStack, type FakeStack } from "../aws/stack-double";

/** A port nothing listens on (bound then released). */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("session/connect: connect (local, against a fake stack)", () => {
  let fake: FakeStack;
  beforeEach(async () => {
    fake = await startFakeStack();
  });
  afterEach(async () => {
    await fake.close();
  });

  it("uses a stack that answers the status route on the probed port", async () => {
    const s = await connect({ port: fake.port, env: {} });
    try {
      assert.equal(s.target.kind, "local");
      assert.equal(s.local?.endpoint, fake.url);
      assert.equal(s.local?.started, false);
      assert.equal(s.bucket, "capture-lab");
      assert.deepEqual(await localStatus(s), { endpoints: [], fake: true });
      await s.local!.flushCapture("ep-a");
      await s.local!.flushCapture();
      assert.deepEqual(fake.flushes, ["ep-a", "*"]);
    } finally {
      await s.close();
      await s.close(); // idempotent
    }
  });

  it("prefers CAPTURE_LAB_ENDPOINT from the environment", async () => {
    const s = await connect({
      env: { CAPTURE_LAB_ENDPOINT: fake.url + "/", CAPTURE_LAB_BUCKET: "other-bucket" },
      port: await freePort(),
    });
    try {
      assert.equal(s.local?.endpoint, fake.url);
      assert.equal(s.bucket, "other-bucket");
    } finally {
      await s.close();
    }
  });

  it("fails clearly when nothing answers and startLocal is false", async () => {
    const port = await freePort();
    await assert.rejects(
      connect({ port, startLocal: false, env: {} }),
      new RegExp(`No local Capture Lab stack answers on 127.0.0.1:${port}`),
    );
  });

  it("explains a port taken by something that is not a Capture Lab stack", async () => {
    const other = net.createServer((sock) => sock.destroy());
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    const port = (other.address() as net.AddressInfo).port;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-aws-busy-"));
    try {
      await assert.rejects(
        connect({ port, dataDir, env: {} }),
        new RegExp(`Port ${port} on 127.0.0.1 is in use by something that is not a Capture Lab stack`),
      );
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("builds AWS clients for the aws target without touching the network", async () => {
    const s = await connect({
      env: {
        CAPTURE_LAB_TARGET: "aws",
        AWS_REGION: "eu-west-1",
        CAPTURE_LAB_BUCKET: "bkt",
        CAPTURE_LAB_ROLE_ARN: "arn:aws:iam::123456789012:role/R",
      },
    });
    try {
      assert.equal(s.local, undefined);
      assert.equal(await (s.sageMaker as SageMakerClient).config.region(), "eu-west-1");
      await assert.rejects(localStatus(s), /only the local target/);
    } finally {
      await s.close();
    }
  });
});

describe("aws/paths: capturePaths", () => {
  it("mirrors the AWS page's locations", () => {
    assert.deepEqual(capturePaths({ bucket: "b", prefix: "sagemaker/DEMO-ModelMonitor" }), {
      bucket: "b",
      prefix: "sagemaker/DEMO-ModelMonitor",
      captureUri: "s3://b/sagemaker/DEMO-ModelMonitor/datacapture",
      reportsUri: "s3://b/sagemaker/DEMO-ModelMonitor/reports",
      codeUri: "s3://b/sagemaker/DEMO-ModelMonitor/code",
      preprocessorUri: "s3://b/sagemaker/DEMO-ModelMonitor/code/preprocessor.py",
      postprocessorUri: "s3://b/sagemaker/DEMO-ModelMonitor/code/postprocessor.py",
    });
  });
  it("never produces '//' for prefixes with stray slashes, and accepts an override", () => {
    const p = capturePaths({ bucket: "b", prefix: "x" }, { prefix: "/a//b/" });
    assert.equal(p.captureUri, "s3://b/a/b/datacapture");
    assert.equal(capturePaths({ bucket: "b", prefix: "" }).captureUri, "s3://b/datacapture");
  });
});

describe("session/local-stack: findProjectRoot", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-aws-root-"));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("finds the nearest ancestor package.json named capture-lab", () => {
    fs.writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ name: "capture-lab" }));
    const deep = path.join(tmp, "notebooks", "sub");
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(tmp, "notebooks", "package.json"), JSON.stringify({ name: "something-else" }));
    assert.equal(findProjectRoot(deep), tmp);
  });
  it("falls back to the start directory", () => {
    const deep = path.join(tmp, "x");
    fs.mkdirSync(deep);
    // Assumes no ancestor of the OS temp dir is a capture-lab package.
    assert.equal(findProjectRoot(deep), deep);
  });
  it("puts the shared stack's data in .capture-lab at the project root, from any folder inside it", () => {
    fs.writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ name: "capture-lab" }));
    const deep = path.join(tmp, "notebooks");
    fs.mkdirSync(deep);
    assert.equal(defaultLocalDataDir(findProjectRoot(deep)), path.join(tmp, ".capture-lab"));
    // Default root: the project this test runs in (mocha runs from the repository root).
    assert.equal(defaultLocalDataDir(), path.join(path.resolve(__dirname, "..", ".."), ".capture-lab"));
  });
});
