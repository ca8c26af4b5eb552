/**
 * The part of SigV4 that covers a body the service buffers (control plane, runtime): the edge
 * verifies the signature over the declared payload hash (or postpones it when the client sent
 * no `x-amz-content-sha256`, as botocore does), and {@link readBoundedBody} checks the body
 * against it before the service acts on it.
 */
import type { IncomingMessage } from "node:http";
import { sha256Hex, type SigV4Failure } from "./sigv4-verify";

/** A body that does not match its signature: answered as `InvalidSignatureException`. */
export class BodySignatureError extends Error {
  /** The awsJson/restJson error type. */
  readonly code = "InvalidSignatureException";
  readonly status = 403;
  constructor(readonly failure: SigV4Failure) {
    super(failure.message);
    this.name = "BodySignatureError";
  }
}

const pending = new WeakMap<IncomingMessage, (bodySha256Hex: string) => SigV4Failure | undefined>();

/** Registers the check the body of `req` must pass (set by the server after SigV4 verification). */
export function expectSignedBody(req: IncomingMessage, check: (bodySha256Hex: string) => SigV4Failure | undefined): void {
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
