/**
 * Types for one data-capture record exactly as Amazon SageMaker writes it
 * (see docs/capture-format.md §5). Key order matters for
 * byte-exact output, so builders must create objects in the order declared here.
 */

/** How `data` is stored: text as-is (CSV, JSON) or base64 of the raw bytes. */
export type CaptureEncoding = "CSV" | "JSON" | "BASE64";

/** One side of an invocation (the request or the response). */
export interface CaptureSide {
  /** The Content-Type as sent, parameters included; `null` when there was none. */
  observedContentType: string | null;
  /** `"INPUT"` for endpointInput, `"OUTPUT"` for endpointOutput. */
  mode: "INPUT" | "OUTPUT";
  /** The payload: verbatim UTF-8 text for CSV/JSON, standard base64 for BASE64. */
  data: string;
  /** The encoding of `data`. Readers must tolerate other strings (kept raw). */
  encoding: CaptureEncoding | string;
}

/** Per-event metadata. `inferenceId` and `customAttributes` appear only when sent. */
export interface CaptureEventMetadata {
  /** Lower-case random UUID v4, one per captured request. */
  eventId: string;
  /** The caller's `InferenceId`, verbatim, when the invocation carried one. */
  inferenceId?: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` (UTC, second precision). */
  inferenceTime: string;
  /** The caller's `CustomAttributes` header, when present. */
  customAttributes?: string[];
}

/** One line of a capture file. */
export interface CaptureRecord {
  captureData: {
    endpointInput?: CaptureSide;
    endpointOutput?: CaptureSide;
  };
  eventMetadata: CaptureEventMetadata;
  /** Always `"0"` in AWS-written data. */
  eventVersion: string;
}
