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
  const signer = service === "s3" ? S3 : OTHER;
  return signer.canonical(
    { method: request.method, path: request.path, query: queryBag(request.query) },
    signedHeaders,
    payloadHash,
  );
}

/** Query pairs as the signer's query bag: a repeated name becomes an array (it signs every value). */
function queryBag(params: CanonicalRequestParts["query"]): Record<string, string | string[]> {
  const bag: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of params) {
    const prev = bag[k];
    bag[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
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

const S3 = new CanonicalSigner(false);
const OTHER = new CanonicalSigner(true);
