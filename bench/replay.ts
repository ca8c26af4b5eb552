/**
 * Replay benchmark (npm run bench:replay): replayCaptures' throughput against the local XGBoost
 * endpoint as a ratio to plain invoke throughput (invokeRows, the same requests, the same
 * endpoint, the same concurrency), measured in the same run in interleaved rounds
 * (invoke, replay, invoke, replay...). The replay's time includes reading the captures from the
 * stack's S3, comparing every answer and writing comparison.jsonl, summary.json and the
 * candidate's capture set. Two shapes: one CSV row per request, and 20 rows per request.
 *
 * `-- --rounds N` (default 8), `-- --records N` requests per round (default 500),
 * `-- --concurrency N` (default 4). The line before the last gives the median ratio with its 95 %
 * interval and the spread of the rounds; the last line is `replay ratio=<x>`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  captureSourceFor,
  deployModel,
  ensureBucket,
  invokeRows,
  uploadModelArtifact,
  waitForCaptures,
  capturePaths,
} from "../src/aws";
import { buildDataCaptureConfig } from "../src/capture";
import { startLocalStack } from "../src/local";
import { replayCaptures } from "../src/replay";
import { connect } from "../src/session";
import { arg } from "./lib/cli-args";
import { median, medianInterval } from "./lib/paired-stats";

const ROOT = path.resolve(__dirname, "..");
const rounds = Number(arg("rounds") ?? 8);
const records = Number(arg("records") ?? 500);
const concurrency = Number(arg("concurrency") ?? 4);

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-bench-replay-"));
  const stack = await startLocalStack({ port: 0, dataDir: tmp, captureRollIntervalMs: 1000 });
  const session = await connect({ target: { kind: "local", endpoint: stack.endpoint }, env: {} });
  try {
    await ensureBucket(session);
    const model = await uploadModelArtifact(session, { modelFile: path.join(ROOT, "data/churn/xgboost-model.json") });
    const paths = capturePaths(session);
    // One endpoint captures the traffic; the measured one (no capture) answers both sides.
    await deployModel(session, {
      endpointName: "bench-captured",
      modelDataUrl: model.uri,
      dataCapture: buildDataCaptureConfig({ samplingPercentage: 100, destinationS3Uri: paths.captureUri }),
    });
    await deployModel(session, { endpointName: "bench-target", modelDataUrl: model.uri });
    const test = fs.readFileSync(path.join(ROOT, "data/churn/test.csv"), "utf8").trim().split("\n");
    const shapes = [
      { name: "1 row/request", rows: Array.from({ length: records }, (_, i) => test[i % test.length]!) },
      {
        name: "20 rows/request",
        rows: Array.from({ length: records }, (_, i) =>
          Array.from({ length: 20 }, (_, j) => test[(i * 20 + j) % test.length]).join("\n"),
        ),
      },
    ];
    const allRatios: number[] = [];
    let captured = 0;
    for (const shape of shapes) {
      const endpointName = `bench-captured`;
      const from = new Date(Math.floor(Date.now() / 1000) * 1000);
      const sent = await invokeRows(session, { endpointName, rows: shape.rows, concurrency });
      if (sent.failed > 0) throw new Error(`${sent.failed} capture requests failed: ${sent.errors[0]!.message}`);
      captured += sent.sent;
      await waitForCaptures(session, { endpointName, expectedRecords: captured, timeoutMs: 60_000 });
      const source = { ...(await captureSourceFor(session, endpointName)), from };
      const ratios: number[] = [];
      const invokeRates: number[] = [];
      const replayRates: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        const plain = await invokeRows(session, { endpointName: "bench-target", rows: shape.rows, concurrency });
        const invokeRate = (plain.sent / (performance.now() - t0)) * 1000;
        const out = path.join(tmp, `replay-${r}`);
        const t1 = performance.now();
        const replay = await replayCaptures(session, {
          captures: source,
          candidate: { endpointName: "bench-target" },
          rate: 0,
          concurrency,
          output: out,
        });
        const replayRate = (replay.summary.answered / (performance.now() - t1)) * 1000;
        if (replay.summary.requests !== records || replay.summary.agreementRate !== 1)
          throw new Error(`round ${r}: ${replay.summary.requests} replayed, agreement ${replay.summary.agreementRate}`);
        fs.rmSync(out, { recursive: true, force: true });
        invokeRates.push(invokeRate);
        replayRates.push(replayRate);
        ratios.push(replayRate / invokeRate);
      }
      const [lo, hi] = medianInterval(ratios);
      console.log(
        `${shape.name}: invoke ${median(invokeRates).toFixed(0)} req/s, replay ${median(replayRates).toFixed(0)} req/s (medians of ${rounds} rounds of ${records}); ratio ${median(ratios).toFixed(3)} (95 % ${lo.toFixed(3)}-${hi.toFixed(3)})`,
      );
      allRatios.push(...ratios);
    }
    const [lo, hi] = medianInterval(allRatios);
    const sorted = [...allRatios].sort((a, b) => a - b);
    console.log(
      `replay/invoke throughput over ${allRatios.length} rounds: median ${median(allRatios).toFixed(3)} (95 % interval ${lo.toFixed(3)}-${hi.toFixed(3)}; rounds ${sorted[0]!.toFixed(3)}-${sorted[sorted.length - 1]!.toFixed(3)})`,
    );
    console.log(`replay ratio=${median(allRatios).toFixed(3)}`);
  } finally {
    await session.close();
    await stack.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
