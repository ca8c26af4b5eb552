import { strict as assert } from "node:assert";
import type { IncomingMessage } from "node:http";
import * as os from "node:os";
import { allowedHostNames, createHostGuard, hostNameOf, isLoopbackHost } from "../../../src/local/http/host-guard";

function req(headers: Record<string, string>, localPort = 4599): IncomingMessage {
  return { headers, socket: { localPort } } as unknown as IncomingMessage;
}

describe("host guard: no web page reaches the stack", () => {
  const guard = createHostGuard("127.0.0.1");

  it("accepts loopback names with or without a port, in any case", () => {
    for (const host of ["127.0.0.1:4599", "localhost:4599", "LOCALHOST", "[::1]:4599", "localhost."]) {
      assert.equal(guard(req({ host })), undefined, host);
    }
  });

  it("refuses other names (DNS rebinding) and a missing Host", () => {
    for (const host of [
      "attacker.example:4599",
      "127.0.0.1.nip.io:4599",
      "localhost.attacker.example",
      "10.0.0.5:4599",
    ]) {
      assert.equal(guard(req({ host }))?.kind, "foreign-host", host);
    }
    assert.equal(guard(req({}))?.kind, "foreign-host");
  });

  it("accepts the stack's own origin only; refuses other origins, other ports, null and cross-site fetches", () => {
    assert.equal(guard(req({ host: "127.0.0.1:4599", origin: "http://127.0.0.1:4599" })), undefined);
    assert.equal(guard(req({ host: "127.0.0.1:4599", origin: "http://localhost:4599" })), undefined);
    for (const origin of [
      "http://attacker.example",
      "http://127.0.0.1:8888",
      "https://127.0.0.1:4599",
      "null",
      "file://",
    ]) {
      assert.equal(guard(req({ host: "127.0.0.1:4599", origin }))?.kind, "foreign-origin", origin);
    }
    assert.equal(guard(req({ host: "127.0.0.1:4599", "sec-fetch-site": "cross-site" }))?.kind, "foreign-origin");
    assert.equal(guard(req({ host: "127.0.0.1:4599", "sec-fetch-site": "same-site" }))?.kind, "foreign-origin");
    assert.equal(guard(req({ host: "127.0.0.1:4599", "sec-fetch-site": "none" })), undefined);
  });

  it("answers to the configured host, and to every interface's address when bound to all", () => {
    assert.equal(createHostGuard("192.168.7.9")(req({ host: "192.168.7.9:4599" })), undefined);
    assert.equal(createHostGuard("192.168.7.9")(req({ host: "192.168.7.10:4599" }))?.kind, "foreign-host");
    const all = allowedHostNames("0.0.0.0");
    assert.ok(all.has(os.hostname().toLowerCase()));
    for (const list of Object.values(os.networkInterfaces()))
      for (const a of list ?? []) assert.ok(all.has(a.address.toLowerCase().replace(/%.*$/, "")));
    assert.ok(!all.has("attacker.example"));
  });

  it("parses Host headers and tells loopback binds apart", () => {
    assert.equal(hostNameOf("[::1]:80"), "::1");
    assert.equal(hostNameOf("Example.COM:1"), "example.com");
    assert.ok(
      isLoopbackHost("127.0.0.1") &&
        isLoopbackHost("localhost") &&
        isLoopbackHost("::1") &&
        isLoopbackHost("127.1.2.3"),
    );
    assert.ok(!isLoopbackHost("0.0.0.0") && !isLoopbackHost("::") && !isLoopbackHost("192.168.1.2"));
  });
});
