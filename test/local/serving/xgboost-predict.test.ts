import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { XGBoostBackend } from "../../../src/local/serving/xgboost-backend";
import { loadXGBoostModel } from "../../../src/local/serving/xgboost/model";
import { pythonFloatRepr } from "../../../src/local/serving/pyfloat";
import { fixtureBytes, FIXTURES, loadCases, REPO_ROOT } from "./helpers";

const csv = (body: string, accept?: string) => ({ body: Buffer.from(body), contentType: "text/csv", accept });

describe("XGBoost predictions equal xgboost 1.7.4's (fixtures from scripts/train_models.py)", () => {
  for (const c of loadCases()) {
    for (const file of c.modelFiles) {
      describe(`${c.name} (${c.objective}, ${c.booster}) from ${file}`, () => {
        const backend = new XGBoostBackend(loadXGBoostModel(fixtureBytes(file), file));

        it("loads as the right kind of model", () => {
          assert.equal(backend.model.objective, c.objective);
          assert.equal(backend.model.booster, c.booster);
          assert.equal(backend.model.numFeature, c.numFeature);
        });

        it("gives float32-identical predictions row by row (missing values included)", () => {
          assert.ok(
            c.rows.some((r) => r.includes(",,") || r.startsWith(",")),
            "fixture has missing values",
          );
          c.rows.forEach((row, i) => {
            const res = backend.invokeSync(csv(row));
            assert.equal(res.status, 200);
            assert.equal(res.contentType, "text/csv; charset=utf-8");
            assert.equal(res.body.toString(), c.csvBodyPerRow[i], `row ${i}: ${row}`);
            const expected = c.predictions[i];
            const values = Array.isArray(expected) ? expected : [expected];
            // Each printed value, parsed back, must be a float32 (xgboost's output type).
            for (const v of values) assert.equal(Math.fround(Number(v)), Number(v));
          });
        });

        it("answers a multi-row CSV request with the container's exact body", () => {
          const res = backend.invokeSync(csv(c.rows.join("\n") + "\n"));
          assert.equal(res.body.toString(), c.csvBodyAllRows);
        });

        it('answers Accept: application/json with {"predictions": [{"score": ...}]}', () => {
          const res = backend.invokeSync(csv(c.rows.join("\n"), "application/json"));
          assert.equal(res.status, 200);
          assert.equal(res.contentType, "application/json");
          assert.equal(res.body.toString(), c.jsonBodyAllRows);
        });
      });
    }
  }
});

describe("the churn demo model (data/churn)", () => {
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, "churn-expected.json"), "utf8"));
  const model = fs.readFileSync(path.join(REPO_ROOT, "data/churn/xgboost-model.json"));
  const rows = fs.readFileSync(path.join(REPO_ROOT, "data/churn/test.csv"), "utf8").trimEnd().split("\n");
  const backend = XGBoostBackend.fromArtifact(new Map([["xgboost-model", model]]));

  it("has 69 features named in header.csv and 200 test rows with labels", () => {
    const header = fs.readFileSync(path.join(REPO_ROOT, "data/churn/header.csv"), "utf8").trimEnd().split(",");
    assert.equal(header.length, 69);
    assert.equal(backend.model.numFeature, 69);
    assert.equal(rows.length, 200);
    const labels = fs.readFileSync(path.join(REPO_ROOT, "data/churn/test-labels.csv"), "utf8").trimEnd().split("\n");
    assert.equal(labels.length, 200);
  });

  it("predicts every test row exactly as xgboost did", () => {
    rows.forEach((row, i) => {
      const res = backend.invokeSync(csv(row));
      assert.equal(res.body.toString(), expected.csvBodyPerRow[i], `row ${i}`);
      assert.equal(pythonFloatRepr(Math.fround(Number(res.body.toString()))), expected.predictions[i]);
    });
    assert.equal(backend.invokeSync(csv(rows.join("\n"))).body.toString(), expected.csvBodyAllRows);
  });
});
