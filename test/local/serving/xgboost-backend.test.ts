import { strict as assert } from "node:assert";
import { XGBoostBackend } from "../../../src/local/serving/xgboost-backend";
import { loadXGBoostModel, ModelLoadError } from "../../../src/local/serving/xgboost/model";
import { fixtureBytes, loadCases } from "./helpers";

const cases = loadCases();
const binary = cases.find((c) => c.name === "binary_logistic")!;
const softprob = cases.find((c) => c.name === "multi_softprob")!;
const load = (file: string, env?: Record<string, string>) =>
  new XGBoostBackend(loadXGBoostModel(fixtureBytes(file), file), env);
const req = (body: string, contentType?: string, accept?: string) => ({ body: Buffer.from(body), contentType, accept });

describe("XGBoostBackend request handling (container behaviour)", () => {
  const backend = load("binary_logistic.json");

  it("pings healthy", async () => assert.equal(await backend.ping(), true));

  it("treats a missing Content-Type as CSV and accepts parameters (text/csv; charset=utf-8)", () => {
    assert.equal(backend.invokeSync(req(binary.rows[3])).body.toString(), binary.csvBodyPerRow[3]);
    assert.equal(
      backend.invokeSync(req(binary.rows[3], "text/csv; charset=utf-8")).body.toString(),
      binary.csvBodyPerRow[3],
    );
  });

  it("returns 204 with an empty body for an empty payload", () => {
    const res = backend.invokeSync(req("", "text/csv"));
    assert.equal(res.status, 204);
    assert.equal(res.body.length, 0);
  });

  it("rejects unsupported content types with 415 and the container's message", () => {
    const res = backend.invokeSync(req('{"instances":[[1,2]]}', "application/json"));
    assert.equal(res.status, 415);
    assert.match(res.body.toString(), /^Content-type application\/json not supported/);
  });

  it("rejects non-numeric fields with 415 naming the row and field", () => {
    const res = backend.invokeSync(req("1,2,3\n1,abc,3", "text/csv"));
    assert.equal(res.status, 415);
    assert.match(res.body.toString(), /could not convert string to float: 'abc' \(row 2, field 2\)/);
    assert.equal(backend.invokeSync(req("0x10,1", "text/csv")).status, 415);
  });

  it("rejects ragged rows (415) and more columns than the model has (400)", () => {
    assert.equal(backend.invokeSync(req("1,2,3\n1,2", "text/csv")).status, 415);
    const res = backend.invokeSync(req("1,2,3,4,5,6,7,8,9", "text/csv"));
    assert.equal(res.status, 400);
    assert.match(res.body.toString(), /\(8 vs\. 9\) : Number of columns does not match number of features in booster/);
  });

  it("keeps serving after a bad request", () => {
    backend.invokeSync(req("x", "text/csv"));
    assert.equal(backend.invokeSync(req(binary.rows[1], "text/csv")).body.toString(), binary.csvBodyPerRow[1]);
  });

  it("reads nan/inf spellings like Python's float() and treats nan as missing", () => {
    const row = binary.rows[5].split(",");
    const withNan = row.map((v) => (v === "" ? "nan" : v)).join(",");
    assert.equal(backend.invokeSync(req(withNan, "text/csv")).body.toString(), binary.csvBodyPerRow[5]);
  });

  it("accepts libsvm input (absent indices are missing)", () => {
    const row = binary.rows[7].split(",");
    const libsvm =
      "0 " +
      row
        .map((v, i) => (v === "" ? "" : `${i}:${v}`))
        .filter(Boolean)
        .join(" ");
    const res = backend.invokeSync(req(libsvm, "text/libsvm"));
    assert.equal(res.body.toString(), binary.csvBodyPerRow[7]);
  });

  it("writes multi:softprob rows as Python lists joined by commas", () => {
    const multi = load("multi_softprob.ubj");
    const body = multi.invokeSync(req(softprob.rows.slice(0, 2).join("\n"), "text/csv")).body.toString();
    assert.equal(body, `${softprob.csvBodyPerRow[0]},${softprob.csvBodyPerRow[1]}`);
    assert.match(body, /^\[[^\]]+, [^\]]+, [^\]]+\],\[/);
  });

  it("writes one prediction per line with a trailing newline in batch mode (SAGEMAKER_BATCH)", () => {
    const batch = load("binary_logistic.json", { SAGEMAKER_BATCH: "true" });
    const body = batch.invokeSync(req(binary.rows.slice(0, 3).join("\n"), "text/csv")).body.toString();
    assert.equal(body, binary.csvBodyPerRow.slice(0, 3).join("\n") + "\n");
  });

  it("supports selectable inference output (SAGEMAKER_INFERENCE_OUTPUT)", () => {
    const sel = load("binary_logistic.json", { SAGEMAKER_INFERENCE_OUTPUT: "predicted_label, probability" });
    const p = Number(binary.predictions[2]);
    const label = p > 0.5 ? 1 : 0;
    const csvRes = sel.invokeSync(req(binary.rows[2], "text/csv"));
    assert.equal(csvRes.body.toString(), `${label},${binary.predictions[2]}`);
    const json = sel.invokeSync(req(binary.rows[2], "text/csv", "application/json"));
    assert.equal(
      json.body.toString(),
      `{"predictions": [{"predicted_label": ${label}, "probability": ${binary.predictions[2]}}]}`,
    );
    assert.equal(sel.invokeSync(req(binary.rows[2], "text/csv", "image/png")).status, 406);
  });
});

describe("loadXGBoostModel errors", () => {
  it("names the problem for non-models, pickles and corrupt files", () => {
    assert.throws(() => loadXGBoostModel(Buffer.alloc(0), "m"), /m: the model file is empty/);
    assert.throws(() => loadXGBoostModel(Buffer.from([0x80, 4, 0x95]), "m"), /pickled Python object/);
    assert.throws(() => loadXGBoostModel(Buffer.from("binf\0\0"), "m"), /legacy binary format is not supported/);
    assert.throws(
      () => loadXGBoostModel(Buffer.from('{"learner": '), "m"),
      (e: unknown) => e instanceof ModelLoadError && /cannot decode JSON/.test(e.message),
    );
    const ubj = fixtureBytes("binary_logistic.ubj");
    assert.throws(
      () => loadXGBoostModel(ubj.subarray(0, ubj.length - 100), "m.ubj"),
      /cannot decode UBJSON model: UBJSON: .* at byte \d+/,
    );
  });

  it("rejects unsupported objectives and categorical splits clearly", () => {
    const doc = JSON.parse(fixtureBytes("binary_logistic.json").toString());
    doc.learner.objective.name = "rank:pairwise";
    assert.throws(
      () => loadXGBoostModel(Buffer.from(JSON.stringify(doc)), "m"),
      /objective "rank:pairwise" is not supported/,
    );
    const cat = JSON.parse(fixtureBytes("binary_logistic.json").toString());
    cat.learner.gradient_booster.model.trees[2].split_type[0] = 1;
    assert.throws(
      () => loadXGBoostModel(Buffer.from(JSON.stringify(cat)), "m"),
      /trees\[2\] node 0 is a categorical split/,
    );
  });

  it("rejects trees whose children point outside the tree", () => {
    const doc = JSON.parse(fixtureBytes("binary_logistic.json").toString());
    doc.learner.gradient_booster.model.trees[0].left_children[0] = 9999;
    assert.throws(() => loadXGBoostModel(Buffer.from(JSON.stringify(doc)), "m"), /trees\[0\] node 0 has children 9999/);
  });

  it('reads the xgboost 2.x base_score form "[5E-1]" like the 1.x form', () => {
    const doc = JSON.parse(fixtureBytes("reg_base_score.json").toString());
    const before = loadXGBoostModel(Buffer.from(JSON.stringify(doc)), "m").baseMargin[0];
    doc.learner.learner_model_param.base_score = `[${doc.learner.learner_model_param.base_score}]`;
    assert.equal(loadXGBoostModel(Buffer.from(JSON.stringify(doc)), "m").baseMargin[0], before);
    assert.equal(before, Math.fround(3.7));
  });
});
