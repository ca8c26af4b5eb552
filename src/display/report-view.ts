/**
 * Short tables for the objects the library returns beside frames: a load report, a join result
 * and a `DataCaptureConfig` validation error. Long lists are cut to their first rows.
 */
import type { ValidationIssue } from "../capture";

// The load report and join result as this view reads them. Declared by shape, not imported from
// src/read: those modules' declarations name danfojs, and display must stay light to type-check.

/** The fields of a `CaptureReadIssue` (from src/read) the view shows. */
export interface ReadIssueLike {
  source: string;
  line: number;
  field?: string;
  message: string;
}

/** The fields of a `LoadReport` (from `loadCaptures`) the view shows. */
export interface LoadReportLike {
  recordsRead: number;
  rows: number;
  filesRead: string[];
  skippedRecords: number;
  outOfRange: number;
  errors: ReadIssueLike[];
  warnings: ReadIssueLike[];
  mismatches: object[];
  notes: string[];
}

/** The fields of a `JoinResult` (from `joinWithInferenceCsv`) the view shows. */
export interface JoinSummaryLike {
  frame: unknown;
  joinedOn: string;
  matched: number;
  unmatchedCaptures: object[];
  unmatchedCsvRows: object[];
}
import { frameToHtml, frameToText } from "./table";

/** An HTML view and its plain-text twin. */
export interface View {
  html: string;
  text: string;
}

const LIST_ROWS = 10;

function has(value: unknown, ...keys: string[]): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && keys.every((k) => k in value);
}

/** True for a `LoadReport` (from `loadCaptures`). */
export function isLoadReport(value: unknown): value is LoadReportLike {
  return (
    has(value, "recordsRead", "skippedRecords", "filesRead", "rows", "mismatches", "notes") &&
    Array.isArray(value.filesRead)
  );
}

/** True for a `JoinResult` (from `joinWithInferenceCsv`). */
export function isJoinResult(value: unknown): value is JoinSummaryLike {
  return has(value, "frame", "joinedOn", "matched", "unmatchedCaptures", "unmatchedCsvRows");
}

/** True for a `DataCaptureConfigError` (matched by name and issues, so any copy of the library works). */
export function isConfigError(value: unknown): value is Error & { issues: ValidationIssue[] } {
  return (
    value instanceof Error &&
    value.name === "DataCaptureConfigError" &&
    Array.isArray((value as { issues?: unknown }).issues)
  );
}

function joinViews(parts: View[]): View {
  return { html: parts.map((p) => p.html).join("\n"), text: parts.map((p) => p.text).join("\n\n") };
}

function table(rows: object[], caption: string): View {
  return {
    html: frameToHtml(rows, { caption, maxRows: LIST_ROWS, wrap: true }),
    text: frameToText(rows, { caption, maxRows: LIST_ROWS, maxColumns: 6 }),
  };
}

function issueRows(issues: ReadIssueLike[]): object[] {
  return issues
    .slice(0, LIST_ROWS)
    .map((i) => ({ source: i.source, line: i.line, field: i.field ?? "", message: i.message }));
}

/** The counts of a load report, then its errors, warnings, mismatches and notes when there are any. */
export function loadReportView(report: LoadReportLike): View {
  const parts: View[] = [
    table(
      [
        { item: "records read", value: report.recordsRead },
        { item: "rows", value: report.rows },
        { item: "files read", value: report.filesRead.length },
        { item: "skipped (bad lines)", value: report.skippedRecords },
        { item: "outside the time range", value: report.outOfRange },
        { item: "row mismatches", value: report.mismatches.length },
        { item: "warnings", value: report.warnings.length },
      ],
      "load report",
    ),
  ];
  if (report.errors.length > 0) parts.push(table(issueRows(report.errors), `errors (${report.errors.length})`));
  if (report.warnings.length > 0) parts.push(table(issueRows(report.warnings), `warnings (${report.warnings.length})`));
  if (report.mismatches.length > 0)
    parts.push(table(report.mismatches.slice(0, LIST_ROWS), `row mismatches (${report.mismatches.length})`));
  if (report.notes.length > 0)
    parts.push(
      table(
        report.notes.map((note) => ({ note })),
        "notes",
      ),
    );
  return joinViews(parts);
}

/** How the join went (key, matched, unmatched on each side); the joined frame is shown separately. */
export function joinSummaryView(result: JoinSummaryLike): View {
  const parts: View[] = [
    table(
      [
        { item: "joined on", value: result.joinedOn },
        { item: "matched capture rows", value: result.matched },
        { item: "capture rows without a CSV row", value: result.unmatchedCaptures.length },
        { item: "CSV rows without a capture", value: result.unmatchedCsvRows.length },
      ],
      "join",
    ),
  ];
  if (result.unmatchedCaptures.length > 0)
    parts.push(
      table(
        result.unmatchedCaptures.slice(0, LIST_ROWS),
        `capture rows without a CSV row (${result.unmatchedCaptures.length})`,
      ),
    );
  if (result.unmatchedCsvRows.length > 0)
    parts.push(
      table(
        result.unmatchedCsvRows.slice(0, LIST_ROWS),
        `CSV rows without a capture (${result.unmatchedCsvRows.length})`,
      ),
    );
  return joinViews(parts);
}

/** Every violated constraint of a `DataCaptureConfigError`: field, value, what was expected. */
export function configErrorView(error: Error & { issues: ValidationIssue[] }): View {
  const rows = error.issues.map((i) => ({
    field: i.field,
    value: i.value === undefined ? "(missing)" : i.value,
    expected: i.message,
  }));
  const caption = `${error.name}: ${error.issues.length} invalid setting${error.issues.length === 1 ? "" : "s"}`;
  return {
    html: frameToHtml(rows, { caption, maxRows: 50, wrap: true }),
    text: frameToText(rows, { caption, maxRows: 50, maxColumns: 3 }),
  };
}
