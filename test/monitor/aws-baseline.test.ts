/** Baseline files written by AWS (aws/sagemaker-python-sdk examples) work as monitoring input. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runMonitor } from "../../src/monitor/monitor-run";
import { AWS_DATA_QUALITY, skipWithoutAwsMonitorFixtures } from "./aws-fixtures";
import { writeCaptures } from "./captures";

const AWS = AWS_DATA_QUALITY;
const VALUE = "preproc-not-YET-supported-for-csv-json";

describe("monitor with an AWS-written baseline", () => {
  before(function () {
    skipWithoutAwsMonitorFixtures(this);
  });
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-aws-"))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const t = (i: number) => new Date(Date.UTC(2024, 0, 1, 10, 0, i));

  it("reads AWS's statistics.json and constraints.json (older layout, overrides) and checks domains", async () => {
    writeCaptures(
      tmp,
      Array.from({ length: 20 }, (_, i) => ({ input: VALUE, output: VALUE, time: t(i) })),
    );
    const ok = await runMonitor({ captures: tmp, baseline: AWS });
    assert.deepEqual(ok.violations, []);
    assert.deepEqual(
      ok.statistics.features.map((f) => f.name),
      ["message", "second_message"],
    );

    fs.rmSync(tmp, { recursive: true });
    writeCaptures(
      tmp,
      Array.from({ length: 20 }, (_, i) => ({ input: i < 2 ? "other" : VALUE, output: VALUE, time: t(i) })),
    );
    const r = await runMonitor({ captures: tmp, baseline: AWS });
    // The file's domain_content_threshold is absent: the default 1.0 applies; 90% in domain fails.
    assert.deepEqual(
      r.violations.map((v) => `${v.constraint_check_type}:${v.feature_name}`),
      ["categorical_values_check:second_message"],
    );
    assert.match(r.violations[0]!.description, /Only 90\.0% of values are in the baseline domain/);
  });
});
