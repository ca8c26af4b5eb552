/**
 * The SigV4 canonical request of a received request, built by the AWS SDK's own signer
 * (`@smithy/signature-v4`, what the clients sign with), so verification cannot drift from
 * signing. The one service difference is the signer's: S3 signs the path as sent
 * (`uriEscapePath: false`), every other service signs it with `.`/`..` segments removed and
 * URI-encoded once more.
 */
import { SignatureV4Base } from "@smithy/signature-v4";

/** What the canonical request covers of a received request; `query` pairs are percent-decoded. */
export interface CanonicalRequestParts {
  method: string;
  /** The path as received (still percent-encoded). */
  path: string;
  query: readonly (readonly [string, string])[];
}

/**
 * The canonical request for `service` (the credential scope's), over the signed headers'
 * canonical values and the payload hash. `X-Amz-Signature` in the query is left out, as signing.
 */
export function canonicalRequest(
  service: string,
  request: CanonicalRequestParts,
  signedHeaders: Readonly<Record<string, string>>,
  payloadHash: string,
): string {
  // S3's path is signed as sent; other services' paths go through the signer's rule once per
  // distinct path (an endpoint's invocations all share one), then are passed on as they are.
  const path = service === "s3" ? request.path : escapedPath(request.path);
  const query = request.query.length === 0 ? NO_QUERY : queryBag(request.query);
  return AS_SENT.canonical({ method: request.method, path, query }, signedHeaders, payloadHash);
}

const NO_QUERY: Readonly<Record<string, string>> = Object.freeze({});

/** Canonical paths by received path, under the signer's non-S3 rule; bounded. */
const escapedPaths = new Map<string, string>();
const MAX_CACHED_PATHS = 256;

function escapedPath(path: string): string {
  let escaped = escapedPaths.get(path);
  if (escaped === undefined) {
    // The canonical request's second line is the canonical path.
    escaped = ESCAPING.canonical({ method: "", path, query: NO_QUERY }, {}, "").split("\n")[1];
    if (escapedPaths.size >= MAX_CACHED_PATHS) escapedPaths.clear();
    escapedPaths.set(path, escaped);
  }
  return escaped;
}

/** Query pairs as the signer's query bag: a repeated name becomes an array (it signs every value). */
function queryBag(params: CanonicalRequestParts["query"]): Record<string, string | string[]> {
  // A plain object (the signer iterates it; V8 keeps small literals fast), own keys only, and
  // `__proto__` defined rather than assigned so that it stays a parameter.
  const bag: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const prev = Object.prototype.hasOwnProperty.call(bag, k) ? bag[k] : undefined;
    const value = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    if (k === "__proto__")
      Object.defineProperty(bag, k, { value, enumerable: true, writable: true, configurable: true });
    else bag[k] = value;
  }
  return bag;
}

type SignerRequest = Parameters<SignatureV4Base["createCanonicalRequest"]>[0];

/**
 * The signer's canonical-request step on its own. Its signing methods are asynchronous and take
 * credentials and clock from the signer; a verifier is synchronous and reads both from the
 * request, so only `createCanonicalRequest` is used: no credentials, region or hash are needed.
 */
class CanonicalSigner extends SignatureV4Base {
  constructor(uriEscapePath: boolean) {
    const credentials = { accessKeyId: "", secretAccessKey: "" };
    super({ service: "", region: "", credentials, sha256: NoHash, uriEscapePath });
  }

  canonical(request: object, signedHeaders: Readonly<Record<string, string>>, payloadHash: string): string {
    return this.createCanonicalRequest(request as SignerRequest, signedHeaders, payloadHash);
  }
}

/** The hash class the signer's constructor requires; the canonical-request step hashes nothing. */
class NoHash {
  update(): void {}
  digest(): Promise<Uint8Array> {
    return Promise.reject(new Error("canonical-request.ts computes no hashes"));
  }
}

/** The signer as S3 configures it (`uriEscapePath: false`): the path is signed as given. */
const AS_SENT = new CanonicalSigner(false);
/** The signer as every other service configures it: the path normalised and encoded again. */
const ESCAPING = new CanonicalSigner(true);
