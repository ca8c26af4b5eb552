/** The shutdown gate: refuses new requests once closed and resolves close() when those in flight ended. */
import { strict as assert } from "node:assert";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { ShutdownGate } from "../../src/local/shutdown-gate";
import { until } from "../helpers";

describe("ShutdownGate", () => {
  let server: http.Server;
  let base: string;
  let release!: () => void;
  let started = 0;
  let finished = 0;
  const gate = () => new ShutdownGate();
  let g: ShutdownGate;

  beforeEach(async () => {
    g = gate();
    started = finished = 0;
    const held = new Promise<void>((r) => (release = r));
    const handler = g.wrap(async (_req, res) => {
      started++;
      await held;
      res.end("done");
      finished++;
    });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    release();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("close() waits for requests in flight; requests after it get 503 ServiceUnavailable and never reach the handler", async () => {
    const inFlight = fetch(base);
    await until(() => started === 1, 5000, "the request to reach the handler");
    let closed = false;
    const closing = g.close().then(() => (closed = true));
    const refused = await fetch(base);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get("x-amzn-errortype"), "ServiceUnavailable");
    assert.match(await refused.text(), /shutting down/);
    assert.equal(started, 1);
    assert.equal(closed, false, "close() resolved while a request was in flight");
    release();
    assert.equal(await (await inFlight).text(), "done");
    await closing;
    assert.equal(finished, 1);
  });

  it("close() with nothing in flight resolves at once", async () => {
    await g.close();
    assert.equal((await fetch(base)).status, 503);
  });
});
