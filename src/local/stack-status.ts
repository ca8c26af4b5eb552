/**
 * What `GET /_capture-lab/status` and `LocalStack.status()` report: each endpoint with its
 * lifecycle state and capture counters, so users see what capture skipped or lost.
 */
import type { DataCaptureConfig } from "@aws-sdk/client-sagemaker";
import { captureSettingsFromConfig } from "../capture/config";
import type { CaptureWriterStats } from "./capture-writer/types";
import type { RuntimeCounters } from "./runtime/counters";
import type { EndpointRecord } from "./sagemaker/types";

/** Capture counters of one endpoint, named for users. */
export interface EndpointCaptureCounters {
  /** Invocations answered by the model (2xx). */
  invocations: number;
  /** Invocations that ended in a ModelError (never captured). */
  modelErrors: number;
  /** Records accepted for capture. */
  captured: number;
  /** Skipped by the sampling draw. */
  sampledOut: number;
  /** Served while capture was disabled in the endpoint config. */
  disabled: number;
  /** Sampled in but skipped because disk usage was above the threshold. */
  pausedDisk: number;
  /** Sampled in but dropped (buffer full, record error, writer closed). */
  dropped: number;
  /** Records in files that could not be written after all retries. */
  lost: number;
  /** Records buffered, not yet written. */
  pending: number;
  /** Records written to S3. */
  written: number;
}

/** One endpoint in the status report. */
export interface EndpointStatusReport {
  name: string;
  status: string;
  endpointConfigName: string;
  failureReason?: string;
  capture: { enabled: boolean; samplingPercentage: number; destinationS3Uri: string } | null;
  counters: EndpointCaptureCounters;
}

/** The whole status report. */
export interface LocalStackReport {
  endpoint: string;
  dataDir: string;
  /** True while capture is paused for disk usage (stack-wide). */
  capturePausedForDisk: boolean;
  endpoints: EndpointStatusReport[];
}

/** Builds one endpoint's report. */
export function endpointReport(
  rec: EndpointRecord,
  runtime: RuntimeCounters,
  w: CaptureWriterStats,
): EndpointStatusReport {
  const cfg = rec.current.config.input.DataCaptureConfig;
  const s = cfg ? captureSettingsFromConfig(cfg as DataCaptureConfig) : null;
  return {
    name: rec.name,
    status: rec.status,
    endpointConfigName: rec.current.config.name,
    ...(rec.failureReason !== undefined ? { failureReason: rec.failureReason } : {}),
    capture: s
      ? { enabled: s.enabled, samplingPercentage: s.samplingPercentage, destinationS3Uri: s.destinationS3Uri }
      : null,
    counters: {
      invocations: runtime.invocations - runtime.modelErrors,
      modelErrors: runtime.modelErrors,
      captured: w.captured,
      sampledOut: w.sampledOut,
      disabled: w.disabled,
      pausedDisk: w.pausedDisk,
      dropped: w.droppedBufferFull + w.captureErrors + w.afterClose + runtime.notCapturedErrors,
      lost: w.recordsLost,
      pending: w.pendingRecords,
      written: w.recordsWritten,
    },
  };
}
