/** Notebook display helpers: rich views of values (MIME bundles), HTML tables, Vega-Lite charts as SVG, progress bars. */
export { escapeHtml, formatDuration, truncate } from "./html";
export { frameToHtml, frameToText, rowsToFrame, toFrame, defaultNumberFormat } from "./table";
export type { FrameLike, NormalFrame, FrameHtmlOptions, TableInput } from "./table";
export {
  histogram,
  countByTime,
  predictionHistogramSpec,
  requestsPerMinuteSpec,
  featureComparisonSpec,
} from "./charts";
export type {
  Bin,
  ChartSpec,
  FeatureComparisonInput,
  HistogramOptions,
  RequestRateOptions,
  TimeBucket,
  TimeCount,
} from "./charts";
export { vegaLiteToSvg } from "./svg";
export { progressBarHtml, progressPercent, progressText } from "./progress";
export type { ProgressState } from "./progress";
export { consoleHost, currentHost, setDisplayHost } from "./host";
export type { DisplayHost, DisplaySlot } from "./host";
export { createProgress, showChart, showJson, showTable } from "./show";
export type { Progress, ShowJsonOptions } from "./show";
export { display } from "./display";
export { mimeBundleOf, isRowArray, isVegaLiteSpec, VEGA_LITE_MIME } from "./mime";
export type { MimeBundle } from "./mime";
export {
  danfoRows,
  objectRows,
  frameViewHtml,
  frameViewText,
  isDanfoFrame,
  isDanfoSeries,
  visibleRows,
} from "./frame-view";
export type { DanfoLike, FrameViewOptions, RowSource } from "./frame-view";
export { frameSummaryView, isFrameSummary, summaryRows } from "./summary-view";
export { plot } from "./plot";
export type { CountsOptions, HistOptions, Plot, PlotSource, TimeOptions } from "./plot";
export { ChartDataError, columnHistogramSpec, overTimeSpec, valueCounts, valueCountsSpec } from "./frame-charts";
export type { ColumnHistogramOptions, OverTimeOptions, ValueCount, ValueCountsOptions } from "./frame-charts";
export type { SummaryLike } from "./summary-view";
export { captureRecordView, decodedRecord, isCaptureRecord, jsonTreeHtml } from "./record-view";
export {
  configErrorView,
  isConfigError,
  isJoinResult,
  isLoadReport,
  joinSummaryView,
  loadReportView,
} from "./report-view";
export type { View } from "./report-view";
export {
  thinCurve,
  rocCurveSpec,
  precisionRecallSpec,
  confusionMatrixSpec,
  metricsVsBaselineSpec,
  metricsOverTimeSpec,
} from "./quality-charts";
export type { CurveSeries, MetricComparison, MetricPoint } from "./quality-charts";
