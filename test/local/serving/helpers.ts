/** Loads the fixtures written by scripts/train_models.py (xgboost 1.7.4's own outputs). */
import * as fs from "node:fs";
import * as path from "node:path";

export const FIXTURES = path.resolve(__dirname, "../../fixtures/xgboost");
export const REPO_ROOT = path.resolve(__dirname, "../../..");

export interface FixtureCase {
  name: string;
  objective: string;
  booster: string;
  numFeature: number;
  modelFiles: string[];
  rows: string[];
  predictions: (string | string[])[];
  csvBodyAllRows: string;
  jsonBodyAllRows: string;
  csvBodyPerRow: string[];
}

export function loadCases(): FixtureCase[] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "cases.json"), "utf8")).cases;
}

export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}
