/** What every S3 operation handler receives: the request, the store and the parsed target. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { S3Store } from "./store";
import type { S3Target } from "./request";

/** Everything an operation needs. */
export interface OpContext {
  req: IncomingMessage;
  res: ServerResponse;
  store: S3Store;
  target: S3Target;
  /** Region reported by GetBucketLocation and HeadBucket. */
  region: string;
  /** Owner id reported by ListBuckets. */
  ownerId: string;
}

/** The context of a bucket-level request (`/{bucket}`). */
export interface BucketContext extends OpContext {
  bucket: string;
}

/** The context of an object-level request (`/{bucket}/{key}`). */
export interface ObjectContext extends BucketContext {
  key: string;
}
