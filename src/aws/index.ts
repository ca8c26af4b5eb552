/**
 * AWS helpers: the walkthrough's steps (paths, upload, deploy, invoke, list captures, update,
 * teardown) against real AWS or the embedded local stack, with the official SDK v3 clients.
 */
export * from "./target";
export * from "./images";
export * from "./session";
export * from "./names";
export * from "./paths";
export * from "./upload";
export * from "./waiters";
export * from "./deploy";
export * from "./update";
export * from "./teardown";
export * from "./invoke";
export { probeLocalStack, fetchLocalStatus, postFlush, type LocalStackStatus } from "./local-control";
export { findProjectRoot, defaultLocalDataDir, DEFAULT_LOCAL_PORT } from "./local-stack";
export * from "./captures";
export * from "./status";
