/**
 * Reading captures into tables: stream capture records from files, local capture trees and
 * S3 prefixes, load them into danfojs DataFrames, and join them with the inference CSV.
 */
export { CaptureReadError, type CaptureReadIssue } from "./errors";
export { splitLines, LineSplitter, type TextLine } from "./lines";
export {
  listCaptureFiles,
  type CaptureFileInfo,
  type CaptureSource,
  type S3CaptureSource,
  type TimeRange,
} from "./sources";
export {
  readCaptureRecords,
  newReadReport,
  type OnError,
  type ReadOptions,
  type ReadReport,
  type SourcedRecord,
} from "./records";
export { loadCaptures, type LoadOptions, type LoadReport, type LoadResult } from "./load";
export { DEFAULT_MAX_CELLS, DEFAULT_MAX_COLUMNS, FrameSizeError } from "./column-limit";
export type { RowMismatch, TimeFormat } from "./table-builder";
export type { FrameMemoryMode } from "./frame";
export {
  joinWithInferenceCsv,
  type JoinOptions,
  type JoinResult,
  type UnmatchedCapture,
  type UnmatchedCsvRow,
} from "./join";
export {
  describeFrame,
  kindOfColumn,
  kindOfDtype,
  DescribeOptionError,
  SUMMARY_STATISTICS,
  type ColumnKind,
  type ColumnSummary,
  type DescribableFrame,
  type DescribeOptions,
  type FrameSummary,
  type KindName,
  type SummaryStatistic,
} from "./describe-frame";
export { quantilesInPlace } from "./quantiles";
export type {
  ArrayType1D,
  ArrayType2D,
  BaseDataFrame,
  BaseSeries,
  DanfoDt,
  DanfoStr,
  DataFrame,
  Groupby,
  Series,
} from "./danfo-types";
