/**
 * The S3 wire handler (path style): parses the target, finds its operation in the table of
 * `operations.ts` and runs it on an {@link S3Store}. Any failure becomes an S3 XML error; nothing a request sends stops the server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceHandler } from "../http/service";
import { S3Error, S3Errors } from "./errors";
import type { S3Store } from "./store";
import type { ObjectContext } from "./operation-context";
import { findS3Operation } from "./operations";
import { parseTarget } from "./request";
import { newRequestId, sendError } from "./reply";
import { DEFAULT_LOCAL_ACCOUNT_ID, DEFAULT_LOCAL_REGION } from "../../defaults";

/** Options for {@link createS3Handler}. */
export interface S3HandlerOptions {
  /** Region reported by GetBucketLocation / HeadBucket; default `us-east-1`. */
  region?: string;
  /** Owner id in ListBuckets; default the local account `000000000000`. */
  ownerId?: string;
  /** Where unexpected (500) errors are logged; default `console.error`. */
  onInternalError?: (err: unknown) => void;
}

/** Create the S3 service handler over a store. Mount it where requests are signed for `s3`. */
export function createS3Handler(store: S3Store, options: S3HandlerOptions = {}): ServiceHandler {
  const region = options.region ?? DEFAULT_LOCAL_REGION;
  const ownerId = options.ownerId ?? DEFAULT_LOCAL_ACCOUNT_ID;
  const logInternal = options.onInternalError ?? ((err) => console.error("[s3] internal error:", err));
  return async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = newRequestId();
    res.setHeader("x-amz-request-id", requestId);
    res.setHeader("x-amz-id-2", requestId);
    try {
      const target = parseTarget(req.url ?? "/");
      const ctx = { req, res, store, target, region, ownerId, bucket: target.bucket, key: target.key };
      // findS3Operation matched the level, so the bucket and key its handler reads are present.
      await findS3Operation(ctx).handler(ctx as ObjectContext);
    } catch (err) {
      if (req.readableDidRead && !req.complete && !req.destroyed) {
        // Failed before reading the whole body: discard the rest so the client gets the error.
        res.setHeader("connection", "close");
        req.resume();
      }
      if (err instanceof S3Error) {
        sendError(req, res, err, requestId);
      } else if (req.destroyed || res.destroyed) {
        res.destroy(); // the client went away mid-request: nobody to answer, nothing was stored
      } else {
        logInternal(err);
        sendError(req, res, S3Errors.internal(), requestId);
      }
    }
  };
}
