/**
 * The API reports: one per entry point of package.json `exports` (`.` -> `api-extractor.json`,
 * `./monitor` -> `etc/api-extractor/monitor.json`), each writing `etc/capture-lab[-<entry>].api.md`.
 * Used by `npm run api:update` (scripts/api-update.ts) and checked by test/api-report.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Extractor, ExtractorConfig, type ExtractorResult } from "@microsoft/api-extractor";

/** One entry point: its subpath, its api-extractor config and its report. */
export interface ApiEntry {
  /** `.` or `./monitor`. */
  subpath: string;
  /** The api-extractor config file. */
  config: string;
  /** The report it writes (`etc/capture-lab-monitor.api.md`). */
  report: string;
  /** The built declaration file it reads. */
  dts: string;
}

/** The entry points package.json `exports` lists (all but `./package.json`), with their config and report. */
export function apiEntries(root: string): ApiEntry[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    exports: Record<string, string | { types?: string }>;
  };
  return Object.entries(pkg.exports)
    .filter(
      ([subpath, target]) => typeof target === "object" && target.types !== undefined && subpath !== "./package.json",
    )
    .map(([subpath, target]) => {
      const name = subpath === "." ? "" : subpath.slice(2);
      return {
        subpath,
        config: path.join(root, name === "" ? "api-extractor.json" : path.join("etc", "api-extractor", `${name}.json`)),
        report: path.join(root, "etc", `capture-lab${name === "" ? "" : `-${name}`}.api.md`),
        dts: path.join(root, (target as { types: string }).types),
      };
    });
}

/**
 * Runs api-extractor for one entry. `update`: write the report (local build); otherwise only
 * compare, leaving the fresh report in build/api/ to diff against.
 */
export function runApiExtractor(entry: ApiEntry, update: boolean): ExtractorResult {
  const config = ExtractorConfig.loadFileAndPrepare(entry.config);
  return Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (m) => void (m.handled = true),
  });
}
