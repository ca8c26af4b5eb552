import { strict as assert } from "node:assert";
import * as path from "node:path";
import { estimatePerformance, fitCbpe, runHourlyModelQuality } from "../../src/monitor/model-quality";
import { qualityOverHours, renderQualityReport } from "../../src/monitor/quality-report-html";
import { SCENARIO_T0, writeHourlyScenario } from "./model-quality/helpers";

describe("renderQualityReport", function () {
  this.timeout(60_000);

  it("an offline page: violations, metrics against the baseline with the estimate, matrix, curves and hours as inline SVG", async () => {
    const dir = await writeHourlyScenario();
    const runs = await runHourlyModelQuality({
      captures: path.join(dir, "captures"),
      endpointName: "ep",
      groundTruth: path.join(dir, "gt"),
      baseline: path.join(dir, "baseline"),
      reports: path.join(dir, "reports"),
      probabilityAttribute: "0",
      startOffset: "-PT2H",
      endOffset: "-PT1H",
      now: new Date(SCENARIO_T0 + 6 * 3_600_000),
    });
    const last = runs[runs.length - 1]!.result!;
    const points = qualityOverHours(runs, ["accuracy", "auc"]);
    assert.equal(points.length, 6);
    assert.equal(points[0]!.time, "2024-01-19T20:00:00.000Z");
    assert.equal(points[1]!.value, runs[0]!.result!.metrics.values.auc);
    const scores = Array.from({ length: 200 }, (_, i) => i / 200);
    const model = fitCbpe({ scores, labels: scores.map((s, i) => (i % 10 < s * 10 ? 1 : 0)) });
    const estimate = estimatePerformance(model, scores, { draws: 20 });
    const html = await renderQualityReport(last, { title: "Model quality", runs, estimate });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)="https?:/);
    assert.ok((html.match(/<svg/g) ?? []).length >= 5, "over hours, vs baseline, matrix, ROC, PR");
    assert.match(html, /CBPE estimate ± error/);
    assert.match(html, /2024\/01\/19\/22/);
    for (const v of last.violations)
      assert.ok(html.includes(v.description.replace(/'/g, "&#39;")) || html.includes(v.description), v.description);
    assert.match(html, new RegExp(`${last.metrics.rows} rows`));
  });
});
