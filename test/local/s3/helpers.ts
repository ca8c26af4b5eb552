/** Shared fixtures for the S3 tests: a temp data root, a store, and an HTTP server on port 0. */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { createS3Handler, S3Store } from "../../../src/local/s3";

/** A running S3 handler over a fresh store in a temp directory. */
export interface S3Fixture {
  root: string;
  store: S3Store;
  server: http.Server;
  endpoint: string;
  port: number;
  warnings: string[];
  /** Method, URL and headers of every request the handler saw, in arrival order. */
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  internalErrors: unknown[];
  client(extra?: Partial<S3ClientConfig>): S3Client;
  close(): Promise<void>;
}

/** Make a temp directory for a test (remove it with `fs.rmSync(dir, { recursive: true })`). */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `capture-lab-s3-${label}-`));
}

/** Start a store + handler on 127.0.0.1:0. */
export async function startS3(label = "wire"): Promise<S3Fixture> {
  const base = tempDir(label);
  const root = path.join(base, "data");
  const warnings: string[] = [];
  const internalErrors: unknown[] = [];
  const store = await S3Store.open(root, { onWarning: (m) => warnings.push(m) });
  const handler = createS3Handler(store, { onInternalError: (e) => internalErrors.push(e) });
  const requests: S3Fixture["requests"] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  return {
    root,
    store,
    server,
    endpoint,
    port,
    warnings,
    requests,
    internalErrors,
    client(extra = {}) {
      const c = new S3Client({
        endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
        ...extra,
      });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

/** A raw HTTP request (for what the SDK would never send). */
export function rawRequest(
  port: number,
  opts: {
    method: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: Buffer | string;
    chunks?: (Buffer | string)[];
  },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: opts.method, path: opts.path, headers: opts.headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    for (const c of opts.chunks ?? []) req.write(c);
    req.end(opts.body);
  });
}

/** Every file path under `dir` (relative), for asserting nothing escaped the data root. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Deterministic pseudo-random bytes (xorshift32) so tests are repeatable. */
export function seededBytes(size: number, seed = 12345): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
