/**
 * AWS Signature Version 4 verification against the local stack's own credentials, so only a
 * caller holding the secret (the SDK clients the user configured) can reach S3, the control
 * plane and the runtime. Covers header auth (`Authorization: AWS4-HMAC-SHA256 ...`) and query
 * auth (presigned URLs). The canonical request is the SDK signer's own (`canonical-request.ts`),
 * so the server cannot drift from what the clients sign. The region is not checked (the
 * signature covers it; any region the client chose works).
 *
 * Kept here, because the signer only signs (it never reads a received request) and its hashes
 * are Promises while verification runs synchronously in the request path and in `checkBody`:
 * reading the auth parts, the date and expiry checks, joining repeated headers as received (its
 * header bag holds one value per name), and the string to sign and HMACs (node:crypto, signing
 * keys cached).
 *
 * Failures are protocol-neutral ({@link SigV4Failure}); `refusal.ts` renders them in the
 * wire format of the route (S3 XML, awsJson, restJson).
 */
import * as crypto from "node:crypto";
import {
  ALGORITHM_IDENTIFIER as ALGORITHM,
  EVENT_ALGORITHM_IDENTIFIER,
  MAX_PRESIGNED_TTL as MAX_EXPIRES_S,
  UNSIGNED_PAYLOAD,
} from "@smithy/signature-v4";
import { canonicalRequest } from "./canonical-request";

/** An access key pair the stack accepts. */
export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Why a request was refused. `message` is what the caller should read. */
export interface SigV4Failure {
  kind:
    | "missing" // no Authorization header and no X-Amz-Signature
    | "malformed" // present but not parseable, or a required part is missing
    | "unknown-key" // the access key id is not one of the stack's
    | "bad-signature" // the signature does not match
    | "skewed" // X-Amz-Date too far from now
    | "expired" // a presigned URL past X-Amz-Expires
    | "missing-content-sha256"; // S3 header auth without x-amz-content-sha256
  message: string;
}

/** What the verifier needs from an incoming request. */
export interface SigV4Request {
  method: string;
  /** The request target as received (raw path and query). */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value... (repeated headers kept). */
  rawHeaders: readonly string[];
}

/** Options of {@link verifySigV4}. */
export interface SigV4VerifyOptions {
  credentials: readonly SigV4Credentials[];
  /**
   * `streamed`: the route streams the body (S3), so header auth must declare
   * `x-amz-content-sha256` and the route checks a hex value itself; `buffered`: the route
   * reads the body whole and calls `checkBody`.
   */
  body: "streamed" | "buffered";
  /** Clock for the skew check (tests). */
  now?: () => number;
  /** Accepted distance between X-Amz-Date and now; AWS allows 15 minutes. */
  maxSkewMs?: number;
}

/**
 * A verified request. `checkBody` is set when the signature (or the declared payload hash)
 * covers the body and the caller buffers it: call it with the body's SHA-256 (hex) before
 * acting on the request. S3 needs none: it checks a hex `x-amz-content-sha256` while storing.
 */
type SigV4Verdict =
  | {
      ok: true;
      accessKeyId: string;
      checkBody?: (bodySha256Hex: string) => SigV4Failure | undefined;
      /** Set for `STREAMING-AWS4-HMAC-SHA256-PAYLOAD*` bodies: the signatures each chunk must carry. */
      chunks?: ChunkSignatureChain;
    }
  | { ok: false; failure: SigV4Failure };

/**
 * The chained signatures of a signed aws-chunked body: each chunk signs its data's SHA-256 and
 * the previous signature, starting from the seed (the request's own signature).
 */
export class ChunkSignatureChain {
  private previous: string;
  constructor(
    private readonly signingKey: Buffer,
    private readonly amzDate: string,
    private readonly scope: string,
    seed: string,
  ) {
    this.previous = seed;
  }

  /** The signature the next chunk must carry, given its data's SHA-256 (hex); advances the chain. */
  next(chunkSha256Hex: string): string {
    // aws-chunked chunk signatures: the signer's signEvent hashes event-stream headers and needs the
    // chunk's bytes; here each chunk's hash is known as it streams past, and the check is synchronous.
    const toSign = [
      EVENT_ALGORITHM_IDENTIFIER,
      this.amzDate,
      this.scope,
      this.previous,
      EMPTY_SHA256,
      chunkSha256Hex,
    ].join("\n");
    this.previous = crypto.createHmac("sha256", this.signingKey).update(toSign).digest("hex");
    return this.previous;
  }
}

const DEFAULT_MAX_SKEW_MS = 15 * 60_000;
const HEX64 = /^[0-9a-f]{64}$/;
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Verifies the request's SigV4 signature (header or query) against `opts.credentials`. */
export function verifySigV4(req: SigV4Request, opts: SigV4VerifyOptions): SigV4Verdict {
  const q = req.url.indexOf("?");
  const rawPath = (q === -1 ? req.url : req.url.slice(0, q)) || "/";
  const params = parseQuery(q === -1 ? "" : req.url.slice(q + 1));
  const headers = canonicalHeaderValues(req.rawHeaders);
  const auth = headers.get("authorization");
  const queryAuth = params.some(([k]) => k === "X-Amz-Signature");
  if (auth === undefined && !queryAuth) {
    return fail(
      "missing",
      "Request is not signed: expected an AWS Signature Version 4 Authorization header or a presigned URL. " +
        "Sign with the credentials the local stack prints (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).",
    );
  }
  const parts = auth !== undefined ? parseAuthorization(auth) : parseQueryAuth(params);
  if ("kind" in parts) return { ok: false, failure: parts };

  const scope = parts.credential.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request") {
    return fail(
      "malformed",
      `Credential ${parts.credential} is not of the form ACCESS_KEY/yyyymmdd/region/service/aws4_request.`,
    );
  }
  const [accessKeyId, day] = scope;
  const amzDate = parts.date ?? headers.get("x-amz-date") ?? fromHttpDate(headers.get("date"));
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return fail("malformed", "Missing or malformed X-Amz-Date (expected yyyymmddTHHMMSSZ).");
  }
  if (amzDate.slice(0, 8) !== day) {
    return fail("malformed", `The credential scope date ${day} does not match X-Amz-Date ${amzDate}.`);
  }
  if (!parts.signedHeaders.includes("host")) return fail("malformed", "SignedHeaders must include host.");
  const key = opts.credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!key) return fail("unknown-key", `The access key id ${accessKeyId} is not one the local stack accepts.`);

  const signedAt = parseAmzDate(amzDate);
  const now = (opts.now ?? Date.now)();
  if (parts.expiresS !== undefined) {
    if (now > signedAt + parts.expiresS * 1000)
      return fail("expired", `Request has expired (signed ${amzDate}, valid ${parts.expiresS} s).`);
    if (signedAt - now > (opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS)) return fail("skewed", skewMessage(amzDate, now));
  } else if (Math.abs(now - signedAt) > (opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS)) {
    return fail("skewed", skewMessage(amzDate, now));
  }

  // Presigners may hoist the payload hash into the query (X-Amz-Content-Sha256=UNSIGNED-PAYLOAD).
  const declared =
    headers.get("x-amz-content-sha256") ??
    (queryAuth ? params.find(([k]) => k === "X-Amz-Content-Sha256")?.[1] : undefined);
  const request = { method: req.method, path: rawPath, query: params };
  const signed: Record<string, string> = Object.create(null);
  for (const h of parts.signedHeaders) signed[h] = headers.get(h) ?? "";
  const scopeText = scope.slice(1).join("/");
  const signingKey = deriveSigningKey(key.secretAccessKey, scope[1], scope[2], scope[3]);
  const matches = (payloadHash: string): boolean => {
    const canonical = canonicalRequest(scope[3], request, signed, payloadHash);
    const toSign = [ALGORITHM, amzDate, scopeText, sha256Hex(canonical)].join("\n");
    const expected = crypto.createHmac("sha256", signingKey).update(toSign).digest();
    const given = Buffer.from(parts.signature, "hex");
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  };
  const mismatch = (): SigV4Failure => ({
    kind: "bad-signature",
    message:
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  });

  if (declared === undefined && !queryAuth) {
    if (opts.body === "streamed")
      return fail("missing-content-sha256", "Missing required header for this request: x-amz-content-sha256");
    // awsJson/restJson clients other than the JS SDK (botocore) sign the body's hash without sending it.
    return { ok: true, accessKeyId, checkBody: (bodyHash) => (matches(bodyHash) ? undefined : mismatch()) };
  }
  const payloadHash = declared ?? UNSIGNED_PAYLOAD;
  if (!matches(payloadHash)) return { ok: false, failure: mismatch() };
  if (opts.body === "buffered" && HEX64.test(payloadHash)) {
    return {
      ok: true,
      accessKeyId,
      checkBody: (bodyHash) =>
        bodyHash === payloadHash
          ? undefined
          : {
              kind: "bad-signature",
              message: "The provided x-amz-content-sha256 header does not match the SHA-256 of the request body.",
            },
    };
  }
  if (payloadHash.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")) {
    return { ok: true, accessKeyId, chunks: new ChunkSignatureChain(signingKey, amzDate, scopeText, parts.signature) };
  }
  return { ok: true, accessKeyId };
}

/** The SHA-256 of `data` as lowercase hex (what `checkBody` expects). */
export function sha256Hex(data: string | Buffer): string {
  // One-shot hashing (Node 20.12+): no Hash object per call, on every signed request's path.
  return crypto.hash("sha256", data, "hex");
}

function fail(kind: SigV4Failure["kind"], message: string): SigV4Verdict {
  return { ok: false, failure: { kind, message } };
}

function skewMessage(amzDate: string, now: number): string {
  return (
    `Signature expired: ${amzDate} is too far from the local stack's time ${formatAmzDate(now)} ` +
    "(more than 15 min apart). The difference between the request time and the current time is too large."
  );
}

interface AuthParts {
  credential: string;
  signedHeaders: string[];
  signature: string;
  /** From the query (presigned); header auth takes X-Amz-Date from the headers. */
  date?: string;
  expiresS?: number;
}

function parseAuthorization(value: string): AuthParts | SigV4Failure {
  const space = value.indexOf(" ");
  const algorithm = space === -1 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return {
      kind: "malformed",
      message: `Unsupported authorization type ${algorithm}: only ${ALGORITHM} (Signature Version 4) is accepted.`,
    };
  }
  const fields = new Map<string, string>();
  for (const item of value.slice(space + 1).split(",")) {
    const eq = item.indexOf("=");
    if (eq !== -1) fields.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  return authParts(
    fields.get("Credential"),
    fields.get("SignedHeaders"),
    fields.get("Signature"),
    "Authorization header",
  );
}

function parseQueryAuth(params: readonly [string, string][]): AuthParts | SigV4Failure {
  const get = (name: string): string | undefined => params.find(([k]) => k === name)?.[1];
  const algorithm = get("X-Amz-Algorithm");
  if (algorithm !== ALGORITHM) {
    return { kind: "malformed", message: `X-Amz-Algorithm must be ${ALGORITHM}, got ${algorithm ?? "nothing"}.` };
  }
  const parts = authParts(get("X-Amz-Credential"), get("X-Amz-SignedHeaders"), get("X-Amz-Signature"), "presigned URL");
  if ("kind" in parts) return parts;
  const expires = Number(get("X-Amz-Expires"));
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_S) {
    return { kind: "malformed", message: `X-Amz-Expires must be an integer from 1 to ${MAX_EXPIRES_S} seconds.` };
  }
  return { ...parts, date: get("X-Amz-Date") ?? "", expiresS: expires };
}

function authParts(
  credential: string | undefined,
  signedHeaders: string | undefined,
  signature: string | undefined,
  where: string,
): AuthParts | SigV4Failure {
  const missing = [
    credential === undefined && "Credential",
    signedHeaders === undefined && "SignedHeaders",
    signature === undefined && "Signature",
  ].filter(Boolean);
  if (missing.length > 0) return { kind: "malformed", message: `The ${where} is missing ${missing.join(", ")}.` };
  if (!/^[0-9a-f]{64}$/.test(signature as string))
    return { kind: "malformed", message: `The ${where} Signature must be 64 lowercase hex digits.` };
  return {
    credential: credential as string,
    signedHeaders: (signedHeaders as string).split(";").map((h) => h.toLowerCase()),
    signature: signature as string,
  };
}

/** White space that trimming and collapsing to single spaces would change (most values have none). */
const UNCOLLAPSED = /^\s|\s$|\s\s|[^\S ]/;

/** Lowercased header name → canonical value (trimmed, inner spaces collapsed, repeats joined by `,`). */
function canonicalHeaderValues(rawHeaders: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const raw = rawHeaders[i + 1];
    const value = UNCOLLAPSED.test(raw) ? raw.trim().replace(/\s+/g, " ") : raw;
    const prev = out.get(name);
    out.set(name, prev === undefined ? value : `${prev},${value}`);
  }
  return out;
}

/** Query pairs, percent-decoded; a malformed escape is kept literally (it then fails to match). */
function parseQuery(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    out.push([decode(eq === -1 ? part : part.slice(0, eq)), decode(eq === -1 ? "" : part.slice(eq + 1))]);
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Signing keys by secret and scope: one per day/region/service, so four HMACs are not redone per request. */
const signingKeys = new Map<string, Buffer>();
const MAX_CACHED_KEYS = 64;

function deriveSigningKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${secret}\0${day}/${region}/${service}`;
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= MAX_CACHED_KEYS) signingKeys.clear();
    signingKeys.set(id, (key = computeSigningKey(secret, day, region, service)));
  }
  return key;
}

function computeSigningKey(secret: string, day: string, region: string, service: string): Buffer {
  const kDate = crypto.createHmac("sha256", `AWS4${secret}`).update(day).digest();
  const kRegion = crypto.createHmac("sha256", kDate).update(region).digest();
  const kService = crypto.createHmac("sha256", kRegion).update(service).digest();
  return crypto.createHmac("sha256", kService).update("aws4_request").digest();
}

function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text) as RegExpExecArray;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function fromHttpDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : formatAmzDate(ms);
}
