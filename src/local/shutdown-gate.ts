/**
 * The first step of stopping the local stack: refuse new invocations and control-plane calls and
 * wait for those in flight, so that every invocation answered 200 is handed to the capture writer
 * before it closes. S3 is not gated: the capture writer uploads through it while it flushes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceHandler } from "./http/service";

/** Counts requests in the handlers it wraps and refuses new ones once closed. */
export class ShutdownGate {
  private inFlight = 0;
  private closed = false;
  private idle: (() => void) | null = null;

  /** `handler`, counted while it runs and answered `503 ServiceUnavailable` once the gate is closed. */
  wrap(handler: ServiceHandler): ServiceHandler {
    return async (req, res) => {
      if (this.closed) return refuse(req, res);
      this.inFlight++;
      try {
        await handler(req, res);
      } finally {
        if (--this.inFlight === 0 && this.idle) this.idle();
      }
    };
  }

  /** Refuses new requests from now on; resolves when none is in flight. Idempotent. */
  close(): Promise<void> {
    this.closed = true;
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.idle;
      this.idle = () => {
        previous?.();
        resolve();
      };
    });
  }
}

/** The awsJson / restJson error both gated services' SDK clients parse. */
function refuse(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const body = JSON.stringify({
    __type: "ServiceUnavailable",
    message: "The local stack is shutting down; this request was not processed.",
  });
  res.writeHead(503, {
    "content-type": "application/x-amz-json-1.1",
    "x-amzn-errortype": "ServiceUnavailable",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
  res.end(body);
}
