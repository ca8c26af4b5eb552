/**
 * `npm run bench:auth`: what refusing outsiders costs a request on the local stack.
 *
 * Measures, in the same run and in alternating rounds (the shared machines drift between
 * seconds), the CPU time of the host guard plus SigV4 verification of one InvokeEndpoint
 * request as the SDK signs it, against the baseline of one whole InvokeEndpoint round trip
 * (SDK client → stack → the demo XGBoost model → back), which includes that verification.
 * Last line: `auth check_us=<x> invoke_us=<y> share=<x/y>` (median over rounds).
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

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 5000);
const INVOKES = Number(process.env.BENCH_INVOKES ?? 300);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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

    const checkUs: number[] = [];
    const invokeUs: number[] = [];
    const shares: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t = process.hrtime.bigint();
      for (let i = 0; i < CHECKS; i++) check();
      const c = Number(process.hrtime.bigint() - t) / 1000 / CHECKS;
      t = process.hrtime.bigint();
      for (let i = 0; i < INVOKES; i++) await invoke();
      const v = Number(process.hrtime.bigint() - t) / 1000 / INVOKES;
      checkUs.push(c);
      invokeUs.push(v);
      shares.push(c / v);
    }
    const fmt = (x: number) => x.toFixed(1);
    console.log(
      `rounds=${ROUNDS} checks/round=${CHECKS} invokes/round=${INVOKES} (sequential, one SDK client) on ${os.cpus().length} cores`,
    );
    console.log(
      `host guard + SigV4 verification: median ${fmt(median(checkUs))} us/request (min ${fmt(Math.min(...checkUs))}, max ${fmt(Math.max(...checkUs))})`,
    );
    console.log(
      `InvokeEndpoint round trip:       median ${fmt(median(invokeUs))} us/request (min ${fmt(Math.min(...invokeUs))}, max ${fmt(Math.max(...invokeUs))})`,
    );
    console.log(
      `auth check_us=${fmt(median(checkUs))} invoke_us=${fmt(median(invokeUs))} share=${median(shares).toFixed(4)}`,
    );
  } finally {
    await e2e.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
