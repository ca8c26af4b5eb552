import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { apiEntries, runApiExtractor } from "../scripts/lib/api-reports";

const ROOT = path.resolve(__dirname, "..");

// Each entry point of package.json `exports` has its report in etc/ (`capture-lab.api.md` for the
// root, `capture-lab-<entry>.api.md` for the others). A change to what users can import fails here
// until the reports are regenerated on purpose: `npm run api:update`, review and commit them.
describe("public API reports (etc/capture-lab*.api.md, one per entry point)", function () {
  this.timeout(300_000);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    typesVersions: { "*": Record<string, string[]> };
  };
  const entries = apiEntries(ROOT);

  it("every subpath has its types (typesVersions), an api-extractor config and a report", () => {
    assert.ok(entries.length >= 8, `entries: ${entries.map((e) => e.subpath).join(", ")}`);
    for (const e of entries) {
      assert.ok(fs.existsSync(e.config), `${e.subpath}: no api-extractor config at ${path.relative(ROOT, e.config)}`);
      assert.ok(fs.existsSync(e.report), `${e.subpath}: no report at ${path.relative(ROOT, e.report)}`);
      if (e.subpath === ".") continue;
      const types = pkg.typesVersions["*"][e.subpath.slice(2)];
      assert.deepEqual(types, [path.relative(ROOT, e.dts)], `${e.subpath}: typesVersions names its .d.ts`);
      assert.ok(fs.existsSync(path.join(ROOT, "src", e.subpath.slice(2), "index.ts")), `${e.subpath}: src index`);
    }
    const reports = fs.readdirSync(path.join(ROOT, "etc")).filter((f) => f.endsWith(".api.md"));
    assert.deepEqual(reports.sort(), entries.map((e) => path.basename(e.report)).sort(), "no report without an entry");
  });

  for (const entry of entries) {
    it(`${entry.subpath}: matches the API the build exports`, function () {
      if (!fs.existsSync(entry.dts)) this.skip(); // npm test builds first
      const result = runApiExtractor(entry, false);
      assert.equal(
        result.apiReportChanged,
        false,
        `the public API of ${entry.subpath} changed: run \`npm run api:update\`, review ${path.relative(ROOT, entry.report)} and commit it with the change`,
      );
      assert.equal(result.errorCount, 0);
    });
  }
});
