/**
 * Request-body reading with a size bound, shared by the SageMaker services.
 */
import type { IncomingMessage } from "node:http";
import { verifySignedBody } from "./signed-body";

/** A body read up to a limit. `tooLarge` means the rest was discarded, not buffered. */
interface BoundedBody {
  body: Buffer;
  tooLarge: boolean;
}

/**
 * Reads a request body, keeping at most `limit` bytes. Beyond the limit the remaining bytes are
 * drained and dropped (so the client still gets the error response on a keep-alive connection)
 * until `drainLimit`, after which the socket is destroyed.
 * A complete body is checked against the request's signature ({@link verifySignedBody}).
 * @throws when the request stream fails (e.g. the client disconnected or sent a bad chunk), or
 * `BodySignatureError` when the body is not the one the client signed.
 */
export function readBoundedBody(req: IncomingMessage, limit: number, drainLimit = limit * 8): Promise<BoundedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let seen = 0;
    let tooLarge = false;
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > drainLimit) {
      // Not worth reading at all: answer now; the server closes the connection afterwards.
      req.pause();
      resolve({ body: Buffer.alloc(0), tooLarge: true });
      return;
    }
    req.on("data", (chunk: Buffer) => {
      seen += chunk.length;
      if (tooLarge) {
        if (seen > drainLimit) req.destroy();
        return;
      }
      if (size + chunk.length > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on("end", () => {
      if (tooLarge) return resolve({ body: Buffer.alloc(0), tooLarge });
      const body = Buffer.concat(chunks, size);
      try {
        verifySignedBody(req, body);
      } catch (err) {
        return reject(err);
      }
      resolve({ body, tooLarge });
    });
    req.on("error", (err) => (tooLarge ? resolve({ body: Buffer.alloc(0), tooLarge }) : reject(err)));
    req.on("close", () => {
      if (req.complete) return;
      if (tooLarge) resolve({ body: Buffer.alloc(0), tooLarge });
      else reject(new Error("request body incomplete"));
    });
  });
}
