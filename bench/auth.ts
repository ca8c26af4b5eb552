/**
 * `npm run bench:auth`: what refusing outsiders costs a request on the local stack.
 *
 * Measures, in the same run and in interleaved rounds (bench/lib/rounds.ts; the shared machines
 * drift between seconds), the time of the host guard plus SigV4 verification of one
 * InvokeEndpoint request as the SDK signs it, against the baseline of one whole InvokeEndpoint
 * round trip (SDK client → stack → the demo XGBoost model → back), which includes that
 * verification; wall and CPU per request, and an A/A arm (the round trip again). Last line:
 * `auth check_us=<x> invoke_us=<y> share=<x/y>` (medians over rounds; the share's spread above).
 *
 * Env: BENCH_ROUNDS (default 20), BENCH_CHECKS (verifications per round, default 5000),
 * BENCH_INVOKES (invocations per round, default 300).
 */
import type { IncomingMessage } from "node:http";
import * as os from "node:os";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { DEFAULT_LOCAL_CREDENTIALS } from "../src/defaults";
import { createHostGuard } from "../src/local/http/host-guard";
import { sha256Hex, verifySigV4 } from "../src/local/http/sigv4-verify";
import { deploy, startE2eStack, testRows, uploadChurnModel, XGB_IMAGE } from "../test/local/e2e/helpers";
import { signedHeaders } from "../test/local/http/signing";
import { cpuSeconds, interleavedRounds, reportLines, spreadOf, type Measure } from "./lib/rounds";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 5000);
const INVOKES = Number(process.env.BENCH_INVOKES ?? 300);

async function main(): Promise<void> {
  const e2e = await startE2eStack("capture-lab-bench-auth-");
  try {
    await deploy(
      e2e.sm,
      { model: "m", config: "c", endpoint: "bench" },
      { Image: XGB_IMAGE, ModelDataUrl: await uploadChurnModel(e2e.s3) },
    );
    const row = testRows(1)[0];
    const request = {
      method: "POST",
      path: "/endpoints/bench/invocations",
      headers: { "content-type": "text/csv" },
      body: row,
    };
    const headers = await signedHeaders(e2e.stack.endpoint, request, { service: "sagemaker" });
    const rawHeaders = Object.entries(headers).flat();
    const guard = createHostGuard("127.0.0.1");
    const fakeReq = {
      headers,
      socket: { localPort: Number(new URL(e2e.stack.endpoint).port) },
    } as unknown as IncomingMessage;
    const keys = [DEFAULT_LOCAL_CREDENTIALS];
    const check = (): void => {
      if (guard(fakeReq)) throw new Error("guard refused the bench request");
      const v = verifySigV4({ method: "POST", url: request.path, rawHeaders }, { credentials: keys, body: "buffered" });
      // The body hash is what readBoundedBody computes for the deferred (or declared) check.
      if (!v.ok || v.checkBody?.(sha256Hex(request.body)) !== undefined) throw new Error("verification failed");
    };
    const invoke = () =>
      e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "bench", ContentType: "text/csv", Body: row }));
    for (let i = 0; i < 200; i++) await invoke(); // warm-up
    for (let i = 0; i < 2000; i++) check();

    // Per-request seconds, so the ratio of the arms is the share of a round trip the check costs.
    const perRequest = async (n: number, one: () => unknown): Promise<Measure> => {
      const c0 = cpuSeconds();
      const t = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await one();
      return { wall: Number(process.hrtime.bigint() - t) / 1e9 / n, cpu: (cpuSeconds() - c0) / n };
    };
    const res = await interleavedRounds(
      [
        { name: "invoke", run: () => perRequest(INVOKES, invoke) },
        { name: "check", run: () => perRequest(CHECKS, check) },
      ],
      { rounds: ROUNDS },
    );
    const us = (name: string) => res.measures.get(name)!.map((m) => m.wall * 1e6);
    const fmt = (x: number) => x.toFixed(1);
    const checkUs = spreadOf(us("check"));
    const invokeUs = spreadOf(us("invoke"));
    console.log(
      `rounds=${ROUNDS} checks/round=${CHECKS} invokes/round=${INVOKES} (sequential, one SDK client) on ${os.cpus().length} cores`,
    );
    console.log(
      `host guard + SigV4 verification: median ${fmt(checkUs.median)} us/request (min ${fmt(checkUs.min)}, max ${fmt(checkUs.max)})`,
    );
    console.log(
      `InvokeEndpoint round trip:       median ${fmt(invokeUs.median)} us/request (min ${fmt(invokeUs.min)}, max ${fmt(invokeUs.max)})`,
    );
    for (const l of reportLines(res, "invoke", "check")) console.log(l);
    console.log(
      `auth check_us=${fmt(checkUs.median)} invoke_us=${fmt(invokeUs.median)} share=${spreadOf(res.ratios.get("check")!.wall).median.toFixed(4)}`,
    );
  } finally {
    await e2e.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
