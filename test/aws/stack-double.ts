/**
 * A tiny HTTP server answering like the parts of a local stack that invokeRows and connect()
 * use: the runtime's InvokeEndpoint and the status/flush routes, plus S3 HeadBucket for a
 * bucket in another region (which the local stack, one region, cannot show). Lets those helpers be tested
 * without the full stack.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake saw. */
export interface SeenInvocation {
  endpoint: string;
  body: string;
  contentType?: string;
  inferenceId?: string;
  customAttributes?: string;
}

/** A running fake; `close()` stops it. */
export interface FakeStack {
  url: string;
  port: number;
  invocations: SeenInvocation[];
  flushes: string[];
  maxInFlight: number;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1:0. Bodies containing `bad` get a 424 ModelError. */
export async function startFakeStack(): Promise<FakeStack> {
  const state = { invocations: [] as SeenInvocation[], flushes: [] as string[], inFlight: 0, maxInFlight: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      if (req.method === "GET" && url.pathname === "/_capture-lab/status") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ endpoints: [], fake: true }));
        return;
      }
      if (req.method === "POST" && url.pathname === "/_capture-lab/flush") {
        state.flushes.push(url.searchParams.get("endpoint") ?? "*");
        res.end("{}");
        return;
      }
      // S3 HeadBucket (path style): "elsewhere-*" buckets live in eu-west-1 and answer as S3 does
      // for another region (a bare 301 naming it in a header); others live in the signing region.
      const bucket = /^\/([a-z0-9.-]+)\/?$/.exec(url.pathname);
      if (req.method === "HEAD" && bucket) {
        const signed =
          /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "us-east-1";
        const home = bucket[1].startsWith("elsewhere-") ? "eu-west-1" : signed;
        res.statusCode = home === signed ? 200 : 301;
        res.setHeader("x-amz-bucket-region", home);
        res.end();
        return;
      }
      const m = /^\/endpoints\/([^/]+)\/invocations$/.exec(url.pathname);
      if (req.method !== "POST" || !m) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      state.invocations.push({
        endpoint: decodeURIComponent(m[1]),
        body,
        contentType: req.headers["content-type"],
        inferenceId: req.headers["x-amzn-sagemaker-inference-id"] as string | undefined,
        customAttributes: req.headers["x-amzn-sagemaker-custom-attributes"] as string | undefined,
      });
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      // Answer on a later tick so concurrent requests overlap.
      setTimeout(() => {
        state.inFlight--;
        if (body.includes("bad")) {
          res.statusCode = 424;
          res.setHeader("x-amzn-errortype", "ModelError");
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ Message: `Received client error (400) from primary with message "bad row"` }));
          return;
        }
        res.setHeader("content-type", "text/csv; charset=utf-8");
        res.end(`p(${body})`);
      }, 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get invocations() {
      return state.invocations;
    },
    get flushes() {
      return state.flushes;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
