import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";

const ROOT = path.resolve(__dirname, "..");

// The public API is listed by hand in src/index.ts; etc/capture-lab.api.md records it. A change to
// what users can import fails here until the report is regenerated on purpose: `npm run api:update`.
describe("public API report (etc/capture-lab.api.md)", function () {
  this.timeout(120_000);

  it("matches the API the build exports", function () {
    if (!fs.existsSync(path.join(ROOT, "dist", "index.d.ts"))) this.skip(); // npm test builds first
    const config = ExtractorConfig.loadFileAndPrepare(path.join(ROOT, "api-extractor.json"));
    const result = Extractor.invoke(config, {
      localBuild: false,
      showVerboseMessages: false,
      messageCallback: (m) => void (m.handled = true),
    });
    assert.equal(
      result.apiReportChanged,
      false,
      "the public API changed: run `npm run api:update`, review etc/capture-lab.api.md and commit it with the change",
    );
    assert.equal(result.errorCount, 0);
  });
});
