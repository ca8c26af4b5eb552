/**
 * The part of SigV4 that covers a body: the edge verifies the signature over the declared
 * payload hash (or postpones it when the client sent no `x-amz-content-sha256`, as botocore
 * does), and the service checks the body as it reads it: {@link readBoundedBody} for buffered
 * bodies (control plane, runtime; a mismatch the service does not answer itself is answered
 * by the server), S3's aws-chunked decoder for per-chunk signatures.
 */
import type { IncomingMessage } from "node:http";
import { sha256Hex, type ChunkSignatureChain, type SigV4Failure } from "./sigv4-verify";
import { CaptureLabError } from "../../errors";

/** A body that does not match its signature: answered as `InvalidSignatureException`. */
export class BodySignatureError extends CaptureLabError {
  /** The awsJson/restJson error type. */
  readonly code = "InvalidSignatureException";
  readonly status = 403;
  constructor(readonly failure: SigV4Failure) {
    super(failure.message);
  }
}

const pending = new WeakMap<IncomingMessage, (bodySha256Hex: string) => SigV4Failure | undefined>();

/** Registers the check the body of `req` must pass (set by the server after SigV4 verification). */
export function expectSignedBody(
  req: IncomingMessage,
  check: (bodySha256Hex: string) => SigV4Failure | undefined,
): void {
  pending.set(req, check);
}

/** Checks `body` against what `req`'s signature covers; no-op for requests without a check. */
export function verifySignedBody(req: IncomingMessage, body: Buffer): void {
  const check = pending.get(req);
  if (!check) return;
  pending.delete(req);
  const failure = check(sha256Hex(body));
  if (failure) throw new BodySignatureError(failure);
}

const chains = new WeakMap<IncomingMessage, ChunkSignatureChain>();

/** Registers the chunk signatures a signed aws-chunked body of `req` must carry (set by the server). */
export function expectSignedChunks(req: IncomingMessage, chain: ChunkSignatureChain): void {
  chains.set(req, chain);
}

/** The chunk signatures `req`'s body must carry, if it was signed as STREAMING-AWS4-HMAC-SHA256-PAYLOAD. */
export function signedChunksOf(req: IncomingMessage): ChunkSignatureChain | undefined {
  return chains.get(req);
}
