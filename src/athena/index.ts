/**
 * `capture-lab/athena`: past one machine. An Athena table over capture files where SageMaker
 * wrote them (partition projection, no crawler), a view that decodes them, and queries whose
 * rows come back as DataFrames.
 */
export { captureTableDdl, PARTITION_COLUMNS, HOUR_FORMAT, DEFAULT_FIRST_HOUR } from "./table-ddl";
export type { CaptureTableOptions, CaptureTableDdl } from "./table-ddl";
export { viewColumnName, VIEW_FIXED_COLUMNS } from "./decoded-view";
export type { CsvColumn, CsvFieldType, ViewCsvColumn } from "./decoded-view";
export { queryCaptures, type QueryCapturesOptions, type QueryCapturesResult } from "./query-captures";
export { dtypeFor, parseAthenaTime, type ResultColumn, type ResultDtype } from "./result-frame";
export { AthenaQueryError, AthenaTableError, type AthenaQueryState } from "./errors";
