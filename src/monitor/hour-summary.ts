/**
 * What an hourly backfill keeps of each hour: the counts, the violations, the drift verdict
 * and the first bad rows, not the hour's profiles and statistics (those are in its report
 * files). A plain, structured-clone-safe object, so a worker thread can send it back. Pure.
 */
import type { MonitorIssue } from "./monitor-errors";
import type { MonitorResult } from "./monitor-run";
import type { PostAnalyticsResult } from "./preprocessor";
import type { Violation } from "./files/violations-file";

/** First bad rows kept per hour (all are counted). */
const ISSUES_KEPT = 10;

/** One hour's outcome, without its statistics (see the hour's statistics.json). */
export interface HourSummary {
  /** Records read, records that gave a profiled row, rows profiled, columns (the most common width). */
  records: number;
  profiledRecords: number;
  rows: number;
  columnCount: number;
  /** The hour's constraint violations (as in its constraint_violations.json). */
  violations: Violation[];
  /** Features whose drift verdict is "drifted", of `featureCount`; and the dataset verdict. */
  driftedCount: number;
  featureCount: number;
  datasetDrifted: boolean;
  /** The reader's counts (its error list is in `issues`). */
  read: { recordsRead: number; skippedRecords: number; outOfRange: number; files: number };
  /** Bad-row problems counted. */
  issueCount: number;
  /** The first few bad rows with file and line. */
  issues: MonitorIssue[];
  /** Report files written. */
  written: string[];
  /** What the post-analytics processor printed, when one ran for the hour. */
  postAnalytics?: PostAnalyticsResult;
}

/** The summary of one monitoring run. */
export function summarizeHour(r: MonitorResult): HourSummary {
  return {
    records: r.records,
    profiledRecords: r.profiledRecords,
    rows: r.rows,
    columnCount: r.columnCount,
    violations: r.violations,
    driftedCount: r.drift.driftedCount,
    featureCount: r.drift.features.length,
    datasetDrifted: r.drift.datasetDrifted,
    read: {
      recordsRead: r.read.recordsRead,
      skippedRecords: r.read.skippedRecords,
      outOfRange: r.read.outOfRange,
      files: r.read.filesRead.length,
    },
    issueCount: r.issueCount,
    issues: r.issues.slice(0, ISSUES_KEPT),
    written: r.written,
    ...(r.postAnalytics ? { postAnalytics: r.postAnalytics } : {}),
  };
}
