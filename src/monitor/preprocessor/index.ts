/** Record preprocessors and post-analytics processors (AWS's Python contract, or JavaScript). */
export {
  openRecordPreprocessor,
  type HandlerDict,
  type RecordPreprocessor,
  type RecordPreprocessorOptions,
} from "./record-preprocessor";
export {
  runPostAnalyticsProcessor,
  type PostAnalyticsOptions,
  type PostAnalyticsResult,
  type RunFiles,
} from "./post-analytics";
export { PreprocessorError } from "./preprocessor-error";
export { uploadScript, type ScriptLocation } from "./script-location";
