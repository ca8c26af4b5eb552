/**
 * The runtime's per-endpoint counters, on their own: the status report names this type, and its
 * declarations must not pull in the control plane's (which name the SDK's input types).
 */

/** Per-endpoint invocation counters kept by the runtime. */
export interface RuntimeCounters {
  invocations: number;
  modelErrors: number;
  notCapturedErrors: number;
}
