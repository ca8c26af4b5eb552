import { strict as assert } from "node:assert";
import {
  sha256Hex,
  verifySigV4,
  type SigV4Request,
  type SigV4VerifyOptions,
} from "../../../src/local/http/sigv4-verify";
import { presignedPath, signedHeaders, type RawRequest, type SignOptions } from "./signing";

const ENDPOINT = "http://127.0.0.1:4599";
const KEYS = [{ accessKeyId: "capture-lab", secretAccessKey: "capture-lab" }];
const AT = new Date(Date.UTC(2026, 11, 6, 1, 2, 3));

/** The request the server would see for `r` signed by the SDK's signer. */
async function signed(r: RawRequest, opts: SignOptions = {}): Promise<SigV4Request> {
  const headers = await signedHeaders(ENDPOINT, r, { signingDate: AT, ...opts });
  const q = Object.entries(r.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  return { method: r.method, url: q ? `${r.path}?${q}` : r.path, rawHeaders: Object.entries(headers).flat() };
}

function verify(req: SigV4Request, extra: Partial<SigV4VerifyOptions> = {}) {
  return verifySigV4(req, { credentials: KEYS, body: "streamed", now: () => AT.getTime() + 1000, ...extra });
}

function failureKind(v: ReturnType<typeof verify>): string | undefined {
  return v.ok ? undefined : v.failure.kind;
}

describe("SigV4 verification against the stack's credentials", () => {
  it("accepts what the SDK signer produces for S3, with keys and queries that need encoding", async () => {
    const r = await signed({
      method: "GET",
      path: `/bucket/${encodeURIComponent("a b+c(1)*!'~.txt").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      query: { "list-type": "2", prefix: "p/é x", "x-id": "GetObject" },
    });
    assert.deepEqual(verify(r), { ok: true, accessKeyId: "capture-lab" });
  });

  it("accepts SageMaker-scoped requests, whose path is signed encoded twice", async () => {
    const body = '{"EndpointName":"x"}';
    const r = await signed(
      { method: "POST", path: "/endpoints/a%20b/invocations", headers: { "content-type": "text/csv" }, body },
      { service: "sagemaker" },
    );
    const v = verify(r, { body: "buffered" });
    assert.ok(v.ok);
    // The signer sends the body hash: the body must then be exactly that one.
    assert.equal(v.checkBody?.(sha256Hex(body)), undefined);
    assert.equal(v.checkBody?.(sha256Hex(body + " "))?.kind, "bad-signature");
  });

  it("verifies a signature over a body hash the client did not send (botocore) once the body is read", async () => {
    const body = '{"MaxResults":1}';
    const r = await signed(
      { method: "POST", path: "/", headers: { "x-amz-target": "SageMaker.ListModels" }, body },
      { service: "sagemaker" },
    );
    const rawHeaders: string[] = [];
    for (let i = 0; i < r.rawHeaders.length; i += 2) {
      if (r.rawHeaders[i].toLowerCase() !== "x-amz-content-sha256")
        rawHeaders.push(r.rawHeaders[i], r.rawHeaders[i + 1]);
    }
    // The SDK signed sha256(body) as the payload hash whether or not it sends the header.
    const v = verify({ ...r, rawHeaders }, { body: "buffered" });
    assert.ok(v.ok && v.checkBody);
    assert.equal(v.checkBody(sha256Hex(body)), undefined);
    assert.equal(v.checkBody(sha256Hex('{"MaxResults":2}'))?.kind, "bad-signature");
    // A route that streams the body (S3) cannot do that: the header is required.
    assert.equal(failureKind(verify({ ...r, rawHeaders })), "missing-content-sha256");
  });

  it("refuses unsigned, unknown keys, wrong secrets, tampered requests and malformed headers", async () => {
    const r = { method: "GET", path: "/bucket/key", query: { "x-id": "GetObject" } };
    assert.equal(
      failureKind(verify({ method: "GET", url: "/bucket/key", rawHeaders: ["host", "127.0.0.1:4599"] })),
      "missing",
    );
    assert.equal(
      failureKind(verify(await signed(r, { credentials: { accessKeyId: "someone", secretAccessKey: "capture-lab" } }))),
      "unknown-key",
    );
    assert.equal(
      failureKind(verify(await signed(r, { credentials: { accessKeyId: "capture-lab", secretAccessKey: "wrong" } }))),
      "bad-signature",
    );
    const good = await signed(r);
    assert.equal(failureKind(verify({ ...good, url: "/bucket/other?x-id=GetObject" })), "bad-signature");
    assert.equal(failureKind(verify({ ...good, method: "DELETE" })), "bad-signature");
    const auth = good.rawHeaders.indexOf("authorization") + 1;
    const withAuth = (value: string) => ({
      ...good,
      rawHeaders: good.rawHeaders.map((h, i) => (i === auth ? value : h)),
    });
    assert.equal(failureKind(verify(withAuth("Basic dXNlcjpwYXNz"))), "malformed");
    assert.equal(
      failureKind(verify(withAuth(good.rawHeaders[auth].replace(/SignedHeaders=[^,]*/, "SignedHeaders=x-amz-date")))),
      "malformed",
    );
    assert.equal(failureKind(verify(withAuth(good.rawHeaders[auth].replace(/, Signature=.*/, "")))), "malformed");
  });

  it("allows 15 minutes of clock skew either way, no more", async () => {
    const r = await signed({ method: "GET", path: "/b/k" });
    const at = AT.getTime();
    assert.ok(verify(r, { now: () => at + 14 * 60_000 }).ok);
    assert.ok(verify(r, { now: () => at - 14 * 60_000 }).ok);
    assert.equal(failureKind(verify(r, { now: () => at + 16 * 60_000 })), "skewed");
    assert.equal(failureKind(verify(r, { now: () => at - 16 * 60_000 })), "skewed");
  });

  it("accepts presigned URLs until they expire", async () => {
    const pathAndQuery = await presignedPath(
      ENDPOINT,
      { method: "GET", path: "/bucket/a%20key", query: { "x-id": "GetObject" } },
      60,
      { signingDate: AT },
    );
    const req = { method: "GET", url: pathAndQuery, rawHeaders: ["host", "127.0.0.1:4599"] };
    assert.deepEqual(verify(req), { ok: true, accessKeyId: "capture-lab" });
    assert.equal(failureKind(verify(req, { now: () => AT.getTime() + 61_000 })), "expired");
    assert.equal(failureKind(verify({ ...req, url: req.url.replace("a%20key", "other") })), "bad-signature");
    assert.equal(failureKind(verify({ ...req, method: "PUT" })), "bad-signature");
  });

  it("joins repeated headers with commas and collapses spaces, as the signer does", async () => {
    const r = await signed({ method: "PUT", path: "/b/k", headers: { "x-amz-meta-a": "  one   two  " } });
    assert.ok(verify(r).ok);
    // The same header split over two lines is a different canonical value ("x,y" vs "x, y" is not at issue: both are one header).
    const split = { ...r, rawHeaders: [...r.rawHeaders, "x-amz-meta-a", "three"] };
    assert.equal(failureKind(verify(split)), "bad-signature");
  });
});
