/** Writing a monitoring run's files (I/O): statistics.json, constraint_violations.json, and the HTML drift report. */
import { renderDriftReport, type DriftReportInput } from "../drift/drift-report-html";
import { writeOutputFiles, type OutputLocation } from "./output-location";
import { formatStatistics, type StatisticsFile } from "./statistics-file";
import { formatViolations, type Violation } from "./violations-file";

/** What {@link writeMonitorFiles} writes. */
export interface MonitorFiles {
  statistics: StatisticsFile;
  violations: Violation[];
  /** The drift report's content and its file name (e.g. `drift-report.html`), when one is wanted. */
  html?: { name: string; report: DriftReportInput; title: string; from?: Date; to?: Date };
}

/** Writes the run's files under `output`; returns where each went. */
export async function writeMonitorFiles(output: OutputLocation, files: MonitorFiles): Promise<string[]> {
  const texts: Record<string, string> = {
    "statistics.json": formatStatistics(files.statistics),
    "constraint_violations.json": formatViolations({ violations: files.violations }),
  };
  const h = files.html;
  if (h) texts[h.name] = renderDriftReport(h.report, { title: h.title, from: h.from, to: h.to });
  return writeOutputFiles(output, texts);
}
