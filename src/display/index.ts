/** Notebook display helpers: HTML tables, Vega-Lite charts as SVG, progress bars. */
export { escapeHtml, formatDuration, truncate } from "./html";
export { frameToHtml, frameToText, rowsToFrame, toFrame, defaultNumberFormat } from "./table";
export type { FrameLike, NormalFrame, FrameHtmlOptions, TableInput } from "./table";
export { histogram, countByTime, predictionHistogramSpec, requestsPerMinuteSpec, featureComparisonSpec } from "./charts";
export type { Bin, ChartSpec, FeatureComparisonInput, HistogramOptions, RequestRateOptions, TimeBucket, TimeCount } from "./charts";
export { vegaLiteToSvg } from "./svg";
export { progressBarHtml, progressPercent, progressText } from "./progress";
export type { ProgressState } from "./progress";
export { consoleHost, currentHost, setDisplayHost } from "./host";
export type { DisplayHost, DisplaySlot } from "./host";
export { createProgress, showChart, showJson, showMarkdown, showTable } from "./show";
export type { Progress, ShowJsonOptions } from "./show";
