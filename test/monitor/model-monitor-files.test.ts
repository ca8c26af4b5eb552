/** AWS's published example files read, and write back as they were. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { effectiveConfig, formatConstraints, parseConstraints } from "../../src/monitor/files/constraints-file";
import { MonitorFileError } from "../../src/monitor/files/file-error";
import { formatStatistics, parseStatistics } from "../../src/monitor/files/statistics-file";
import { formatViolations, parseViolations } from "../../src/monitor/files/violations-file";
import { AWS_DATA_QUALITY, skipWithoutAwsMonitorFixtures } from "./aws-fixtures";

const aws = (name: string) => fs.readFileSync(path.join(AWS_DATA_QUALITY, name), "utf8");
/** JSON text without the whitespace between tokens (strings kept whole). */
const tokens = (s: string) => s.replace(/("(?:[^"\\]|\\.)*")|\s+/g, (_m, str: string | undefined) => str ?? "");

describe("monitor files (AWS fixtures from aws/sagemaker-python-sdk)", () => {
  describe("AWS's files, from ../shared/fixtures/aws-monitor", () => {
    before(function () {
      skipWithoutAwsMonitorFixtures(this);
    });

    it("constraint_violations.json round-trips byte for byte (Jackson's pretty printer)", () => {
      const text = aws("constraint_violations.json");
      const file = parseViolations(text);
      assert.equal(file.violations.length, 7);
      assert.equal(file.violations[0]!.constraint_check_type, "categorical_values_check");
      assert.equal(formatViolations(file), text);
    });

    it("statistics.json reads and writes the same tokens (1.0 stays 1.0)", () => {
      const text = aws("statistics.json");
      const stats = parseStatistics(text);
      assert.equal(stats.dataset.item_count, 418);
      assert.equal(stats.features[0]!.string_statistics!.distinct_count, 1);
      assert.equal(tokens(formatStatistics(stats)), tokens(text));
    });

    it("constraints.json reads (unknown fields kept) and writes the same tokens", () => {
      const text = aws("constraints.json");
      const c = parseConstraints(text);
      assert.deepEqual(
        c.features.map((f) => f.name),
        ["message", "second_message"],
      );
      assert.equal(tokens(formatConstraints(c)), tokens(text));
      // enable_comparisons / comparison_threshold from this older layout are honoured.
      const cfg = effectiveConfig(c, c.features[0]);
      assert.equal(cfg.compare, true);
      assert.equal(cfg.comparisonThreshold, 1.0);
      assert.equal(cfg.categoricalThreshold, 1.0);
    });
  });

  it("bad files name the file and the field", () => {
    assert.throws(
      () =>
        parseStatistics(
          '{"version":0.0,"dataset":{"item_count":1},"features":[{"name":"a","inferred_type":"Weird"}]}',
          "s.json",
        ),
      (e: unknown) =>
        e instanceof MonitorFileError && /s\.json: features\[0\]\.inferred_type: expected Integral/.test(e.message),
    );
    assert.throws(
      () => parseConstraints('{"version":0.0,"features":[{"name":1}]}', "c.json"),
      /c\.json: features\[0\]\.name: expected a string/,
    );
    assert.throws(() => parseViolations("{", "v.json"), /v\.json: \(top level\): expected JSON/);
  });
});
