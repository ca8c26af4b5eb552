import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createModelArtifact, extractModelArtifact } from "../../../src/model-artifact";
import { ContainerBackend } from "../../../src/local/serving/container-backend";
import { HandlerBackend } from "../../../src/local/serving/handler-backend";
import { resolveModelBackend } from "../../../src/local/serving/resolve";
import { XGBoostBackend } from "../../../src/local/serving/xgboost-backend";
import { fixtureBytes, loadCases } from "./helpers";

const HANDLER = `
const fs = require("fs");
const path = require("path");
let scale = 0;
module.exports = {
  init(ctx) { scale = Number(fs.readFileSync(path.join(ctx.modelDir, "scale.txt"), "utf8")); },
  ping() { return scale > 0; },
  invoke(req, ctx) {
    if (req.body.toString() === "boom") throw new Error("kaboom");
    const sum = req.body.toString().split(",").map(Number).reduce((a, b) => a + b, 0);
    return { body: String(sum * scale), contentType: "text/csv", customAttributes: ctx.environment.TAG };
  },
};`;

describe("HandlerBackend and resolveModelBackend", () => {
  let workDir: string;
  const artifacts = new Map<string, Buffer>();
  const deps = () => ({
    workDir,
    fetchArtifact: async (uri: string) => {
      const a = artifacts.get(uri);
      if (!a) throw new Error("NoSuchKey");
      return a;
    },
    imageUrls: { "my-registry/model:1": "http://127.0.0.1:9" },
  });

  before(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-serving-"));
    artifacts.set("s3://b/handler.tar.gz", await createModelArtifact({ "code/handler.js": HANDLER, "scale.txt": "2" }));
    artifacts.set(
      "s3://b/xgb.tar.gz",
      await createModelArtifact({ "xgboost-model": fixtureBytes("binary_logistic.ubj") }),
    );
    artifacts.set("s3://b/two.tar.gz", await createModelArtifact({ "a.json": "{}", "b.json": "{}" }));
    artifacts.set("s3://b/corrupt.tar.gz", await createModelArtifact({ "xgboost-model": '{"learner": 1}' }));
  });
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it("loads a JS handler from the artifact and serves through it", async () => {
    const files = await extractModelArtifact(artifacts.get("s3://b/handler.tar.gz")!);
    const b = await HandlerBackend.load(files, "code/handler.js", workDir, { TAG: "t1" });
    assert.equal(await b.ping(), true);
    const res = await b.invoke({ body: Buffer.from("1,2,3") });
    assert.deepEqual(
      [res.status, res.body.toString(), res.contentType, res.customAttributes],
      [200, "12", "text/csv", "t1"],
    );
    const err = await b.invoke({ body: Buffer.from("boom") });
    assert.equal(err.status, 500);
    assert.match(err.body.toString(), /kaboom/);
    await b.close();
    assert.deepEqual(fs.readdirSync(workDir), [], "model dir removed on close");
  });

  it("resolves SAGEMAKER_PROGRAM=*.js to a HandlerBackend", async () => {
    const b = await resolveModelBackend(
      {
        Image: "anything",
        ModelDataUrl: "s3://b/handler.tar.gz",
        Environment: { SAGEMAKER_PROGRAM: "code/handler.js" },
      },
      deps(),
    );
    assert.ok(b instanceof HandlerBackend);
    await b.close();
  });

  it("resolves a sagemaker-xgboost image to an XGBoostBackend that predicts like xgboost", async () => {
    const b = await resolveModelBackend(
      {
        Image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        ModelDataUrl: "s3://b/xgb.tar.gz",
      },
      deps(),
    );
    assert.ok(b instanceof XGBoostBackend);
    const c = loadCases().find((x) => x.name === "binary_logistic")!;
    assert.equal(
      (await b.invoke({ body: Buffer.from(c.rows[4]), contentType: "text/csv" })).body.toString(),
      c.csvBodyPerRow[4],
    );
  });

  it("resolves server URLs (Image URL, imageUrls, CAPTURE_LAB_CONTAINER_URL) to a ContainerBackend", async () => {
    for (const spec of [
      { Image: "http://127.0.0.1:9" },
      { Image: "my-registry/model:1" },
      { Image: "sagemaker-xgboost:1.7-1", Environment: { CAPTURE_LAB_CONTAINER_URL: "http://127.0.0.1:9" } },
    ]) {
      const b = await resolveModelBackend(spec, deps());
      assert.ok(b instanceof ContainerBackend, JSON.stringify(spec));
      await b.close();
    }
  });

  it("fails with messages that say what is wrong", async () => {
    const r = (spec: object) => resolveModelBackend(spec, deps());
    await assert.rejects(
      r({ Image: "123.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1" }),
      /cannot be served locally\. Supported: a SageMaker XGBoost image/,
    );
    await assert.rejects(
      r({ Image: "x", ModelDataUrl: "s3://b/handler.tar.gz", Environment: { SAGEMAKER_PROGRAM: "inference.py" } }),
      /Python script mode is not supported/,
    );
    await assert.rejects(
      r({ Image: "x", ModelDataUrl: "s3://b/handler.tar.gz", Environment: { SAGEMAKER_PROGRAM: "missing.js" } }),
      /missing\.js: no such file in model\.tar\.gz/,
    );
    await assert.rejects(r({ Image: "sagemaker-xgboost:1.7-1" }), /ModelDataUrl is required/);
    await assert.rejects(
      r({ Image: "sagemaker-xgboost:1.7-1", ModelDataUrl: "s3://b/nope.tar.gz" }),
      /Could not download model data from s3:\/\/b\/nope\.tar\.gz: NoSuchKey/,
    );
    await assert.rejects(
      r({ Image: "sagemaker-xgboost:1.7-1", ModelDataUrl: "s3://b/two.tar.gz" }),
      /contains 2 files .*name the model file xgboost-model/,
    );
    await assert.rejects(
      r({ Image: "sagemaker-xgboost:1.7-1", ModelDataUrl: "s3://b/corrupt.tar.gz" }),
      /Failed to load the XGBoost model from s3:\/\/b\/corrupt\.tar\.gz: .*expected an object at learner/,
    );
  });
});
