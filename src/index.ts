/**
 * Capture Lab: capture and inspect what a deployed SageMaker model sees and answers.
 *
 * The package root exports the public API, grouped by concern:
 * - the capture format (pure, no I/O): records, encodings, S3 key layout, DataCaptureConfig;
 * - reading captures into danfojs DataFrames;
 * - AWS helpers (deploy, invoke, list) that work against AWS or the local stack;
 * - the embedded local stack;
 * - notebook display helpers;
 * - the Jupyter kernel's kernelspec install (the kernel itself starts from `dist/kernel/launcher.js`).
 */
export * from "./capture";
export * from "./read";
export * from "./aws";
export * from "./target";
export * from "./local";
export * from "./display";
export { installKernelspec, kernelJson, kernelspecDir, KERNEL_DISPLAY_NAME, KERNEL_NAME, uninstallKernelspec } from "./kernel";
export type { KernelspecTarget } from "./kernel";
