/**
 * Where the walkthrough's steps run: choosing the target (AWS or the embedded local stack),
 * connecting the SDK clients to it, and talking to a local stack that runs in another process.
 */
export { probeLocalStack, fetchLocalStatus, postFlush, localStatus, type LocalStackStatus } from "./local-control";
export { findProjectRoot, defaultLocalDataDir } from "./local-stack";
export {
  resolveTarget,
  TargetConfigError,
  type LocalTarget,
  type AwsTarget,
  type Target,
  type TargetOverrides,
} from "./target";
export { connect, type LocalSessionInfo, type CaptureLabSession, type ConnectOptions } from "./connect";
