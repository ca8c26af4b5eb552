import { strict as assert } from "node:assert";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { ContainerBackend, ContainerUnreachableError } from "../../../src/local/serving/container-backend";

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe("ContainerBackend", () => {
  let server: http.Server;
  let base: string;
  let seen: Seen[];
  let pingStatus: number;

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
        if (req.url === "/ping") {
          res.writeHead(pingStatus).end();
          return;
        }
        if (req.headers["content-type"] === "text/bad") {
          res.writeHead(400, { "Content-Type": "text/plain" }).end("bad payload");
          return;
        }
        res
          .writeHead(200, {
            "Content-Type": "text/csv; charset=utf-8",
            "X-Amzn-SageMaker-Custom-Attributes": "from-model",
          })
          .end(`echo:${Buffer.concat(chunks).toString()}`);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    seen = [];
    pingStatus = 200;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it("pings GET /ping and reports non-2xx as unhealthy", async () => {
    const b = new ContainerBackend(base);
    assert.equal(await b.ping(), true);
    pingStatus = 500;
    assert.equal(await b.ping(), false);
    assert.deepEqual(
      seen.map((s) => [s.method, s.url]),
      [
        ["GET", "/ping"],
        ["GET", "/ping"],
      ],
    );
    await b.close();
  });

  it("forwards POST /invocations with only the SageMaker headers and returns the answer", async () => {
    const b = new ContainerBackend(base + "/");
    const res = await b.invoke({
      body: Buffer.from("1,2,3"),
      contentType: "text/csv",
      accept: "text/csv",
      customAttributes: "c=1",
      targetModel: "m.tar.gz",
      inferenceId: "inf-1",
      enableExplanations: "`true`",
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), "echo:1,2,3");
    assert.equal(res.contentType, "text/csv; charset=utf-8");
    assert.equal(res.customAttributes, "from-model");
    const h = seen[0].headers;
    assert.equal(seen[0].url, "/invocations");
    const forwarded = Object.keys(h)
      .filter((k) => !["host", "connection", "content-length"].includes(k))
      .sort();
    assert.deepEqual(forwarded, [
      "accept",
      "content-type",
      "x-amzn-sagemaker-custom-attributes",
      "x-amzn-sagemaker-enable-explanations",
      "x-amzn-sagemaker-inference-id",
      "x-amzn-sagemaker-target-model",
    ]);
    assert.equal(h["x-amzn-sagemaker-inference-id"], "inf-1");
    assert.equal(h.connection, "keep-alive");
    await b.close();
  });

  it("passes non-2xx answers through without throwing", async () => {
    const b = new ContainerBackend(base);
    const res = await b.invoke({ body: Buffer.from("x"), contentType: "text/bad" });
    assert.equal(res.status, 400);
    assert.equal(res.body.toString(), "bad payload");
    await b.close();
  });

  it("throws when the server refuses connections, and pings false", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const b = new ContainerBackend(`http://127.0.0.1:${port}`);
    await assert.rejects(
      b.invoke({ body: Buffer.from("1") }),
      (e: unknown) => e instanceof ContainerUnreachableError && e.code === "ECONNREFUSED",
    );
    assert.equal(await b.ping(), false);
    await b.close();
  });

  it("times out a hanging server", async () => {
    const hang = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", r));
    const b = new ContainerBackend(`http://127.0.0.1:${(hang.address() as AddressInfo).port}`, {
      invokeTimeoutMs: 100,
    });
    await assert.rejects(b.invoke({ body: Buffer.from("1") }), /no response within 100 ms/);
    await b.close();
    hang.closeAllConnections();
    await new Promise<void>((r) => hang.close(() => r()));
  });
});
