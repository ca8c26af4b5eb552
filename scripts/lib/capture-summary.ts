/**
 * Reads what a walkthrough run really captured: the stack's counters for the endpoint, the
 * capture files under its destination, and the records in them.
 */
import * as fs from "node:fs";
import { S3Client } from "@aws-sdk/client-s3";
import { listCaptureFiles, readCaptureRecords } from "../../src/read";
import type { EndpointCaptureCounters, EndpointStatusReport } from "../../src/local";
import type { ScriptStack } from "./local-stack";

/** Figures for the walkthrough summary. */
export interface CaptureSummary {
  endpointName?: string;
  /** Rows step 5 reported as sent. */
  rowsSent?: number;
  /** The stack's counters for the endpoint (invocations, captured, written, dropped, …). */
  counters?: EndpointCaptureCounters;
  /** Capture files listed in the stack's S3 store. */
  files: number;
  /** Distinct `yyyy/MM/dd/HH` folders. */
  hours: number;
  /** Records read back from those files. */
  records: number;
  /** Records carrying an inference id. */
  withInferenceId: number;
  destination?: string;
}

/**
 * Remembers the latest status report of every endpoint the stack has shown, so the counters
 * survive step 7 deleting the endpoint.
 */
export class EndpointWatcher {
  readonly seen = new Map<string, EndpointStatusReport>();
  constructor(private readonly stack: ScriptStack) {}
  /** Takes a snapshot of the stack's status. */
  snapshot(): void {
    for (const e of this.stack.status().endpoints) this.seen.set(e.name, e);
  }
}

/** Collects the summary for the endpoint named in the walkthrough state file. */
export async function readCaptureSummary(
  stack: ScriptStack,
  statePath: string,
  watcher: EndpointWatcher,
): Promise<CaptureSummary> {
  const state = fs.existsSync(statePath)
    ? (JSON.parse(fs.readFileSync(statePath, "utf8")) as { endpointName?: string; rowsSent?: number })
    : {};
  watcher.snapshot();
  const endpointName = state.endpointName;
  const endpoint = endpointName ? watcher.seen.get(endpointName) : undefined;
  const destination = endpoint?.capture?.destinationS3Uri;
  const summary: CaptureSummary = {
    endpointName,
    rowsSent: state.rowsSent,
    counters: endpoint?.counters,
    files: 0,
    hours: 0,
    records: 0,
    withInferenceId: 0,
    destination,
  };
  if (!destination || !endpointName) return summary;
  const s3 = new S3Client(stack.stack.clientConfig.s3);
  try {
    const source = { s3, uri: `${destination.replace(/\/+$/, "")}/${endpointName}` };
    const files = await listCaptureFiles(source);
    summary.files = files.length;
    summary.hours = new Set(files.map((f) => f.hour)).size;
    for await (const item of readCaptureRecords(source)) {
      summary.records += 1;
      if (item.record.eventMetadata.inferenceId !== undefined) summary.withInferenceId += 1;
    }
  } finally {
    s3.destroy();
  }
  return summary;
}
