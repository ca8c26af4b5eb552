/**
 * Capture Lab: capture and inspect what a deployed SageMaker model sees and answers.
 *
 * The package root exports the public API, grouped by concern:
 * - the capture format (pure, no I/O): records, encodings, S3 key layout, DataCaptureConfig;
 * - reading captures into danfojs DataFrames;
 * - AWS helpers (deploy, invoke, list) that work against AWS or the local stack;
 * - the embedded local stack;
 * - notebook display helpers.
 */
export * from "./capture";
export * from "./read";
export * from "./aws";
export * from "./target";
export * from "./local";
export * from "./display";
