/**
 * Child process for lifecycle.test.ts: builds a writer with every timer enabled, captures one
 * record, then (per argv[2]) closes it or leaves it open. The parent checks the process exits on
 * its own and what was uploaded. `close-retry` makes the first two uploads fail, so close() must
 * keep the process alive through the backoff.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { CaptureWriter } from "../../../../src/local/capture-writer";

const mode = process.argv[2];
let sends = 0;
let failuresLeft = mode === "close-retry" ? 2 : 0;
const s3 = {
  send: async () => {
    sends++;
    if (failuresLeft-- > 0) throw new Error("injected");
    return {};
  },
} as unknown as S3Client;

const writer = new CaptureWriter({
  s3,
  flushIntervalMs: 50,
  diskUsage: async () => 0.1,
  diskPollIntervalMs: 50,
  retry: { attempts: 3, baseDelayMs: 300 },
  onEvent: () => {},
});
const settings = {
  enabled: true,
  samplingPercentage: 100,
  destinationS3Uri: "s3://b/p",
  captureInput: true,
  captureOutput: true,
};
writer.capture({ endpointName: "ep", variantName: "v" }, settings, {
  request: { body: Buffer.from("1"), contentType: "text/csv" },
  response: { body: Buffer.from("2"), contentType: "text/csv" },
  time: new Date(),
});
if (mode === "open") {
  process.stdout.write(JSON.stringify({ mode }));
} else {
  void writer.close().then(() => process.stdout.write(JSON.stringify({ mode, sends, stats: writer.stats() })));
}
