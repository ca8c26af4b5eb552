/**
 * A tiny S3 stand-in for the capture-writer tests: records PutObject requests (path-style) and
 * can fail the next N of them with a 500, so retries can be observed over real HTTP.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";

/** One received PutObject. */
export interface ReceivedPut {
  bucket: string;
  key: string;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

/** The running double. */
export class S3Double {
  /** Successful PUTs in arrival order. */
  readonly puts: ReceivedPut[] = [];
  /** PUTs answered with 500 (counted, not stored). */
  failed = 0;
  /** Fail this many of the next PUTs. */
  failNext = 0;

  private constructor(
    private readonly server: http.Server,
    /** A client with the SDK's own retries off, so only the writer's retries are observed. */
    readonly client: S3Client,
  ) {}

  /** Starts on 127.0.0.1 at an ephemeral port. */
  static async start(): Promise<S3Double> {
    let self!: S3Double;
    const server = http.createServer((req, res) => self.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    self = new S3Double(server, client);
    return self;
  }

  /** Bodies of all objects under a key prefix, in arrival order. */
  bodies(prefix = ""): Buffer[] {
    return this.puts.filter((p) => p.key.startsWith(prefix)).map((p) => p.body);
  }

  async stop(): Promise<void> {
    this.client.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const [bucket, ...rest] = url.pathname.slice(1).split("/");
      if (req.method !== "PUT" || rest.length === 0) {
        res.writeHead(400).end();
        return;
      }
      if (this.failNext > 0) {
        this.failNext--;
        this.failed++;
        res.writeHead(500, { "content-type": "application/xml" });
        res.end("<Error><Code>InternalError</Code><Message>injected failure</Message></Error>");
        return;
      }
      const key = rest.map(decodeURIComponent).join("/");
      this.puts.push({ bucket, key, body: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(200, { etag: '"0"' }).end();
    });
  }
}
