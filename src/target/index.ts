/**
 * Where the walkthrough's steps run: choosing the target (AWS or the embedded local stack),
 * connecting the SDK clients to it, and talking to a local stack that runs in another process.
 */
export * from "./target";
export * from "./session";
export { probeLocalStack, fetchLocalStatus, postFlush, type LocalStackStatus } from "./local-control";
export { findProjectRoot, defaultLocalDataDir, DEFAULT_LOCAL_PORT } from "./local-stack";
export { sdkChainRegion } from "./sdk-region";
export * from "./status";
