/**
 * Picks the service for a request on the shared port (docs/local-stack-wire.md §1). The path alone is
 * not enough: with path-style S3, `/endpoints/...` is an object in a bucket named `endpoints`,
 * so the SigV4 credential scope decides first.
 */
import type { IncomingHttpHeaders } from "node:http";

/** The services behind the one port. */
export type ServiceName = "s3" | "sagemaker" | "runtime";

/** The runtime's path, `/endpoints/{name}/{operation}`: routes here, parsed by `runtime/responses.ts`. */
export const RUNTIME_PATH = /^\/endpoints\/([^/]+)\/(invocations|invocations-response-stream|async-invocations)$/;
const SCOPE = /Credential=[^/,\s]*\/\d{8}\/[^/]*\/([^/]+)\/aws4_request/;

/** The service name of the SigV4 credential scope, if the request is signed. */
export function signingService(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth !== "string") return undefined;
  return SCOPE.exec(auth)?.[1];
}

/** Routes a request: scope `s3` → S3; `X-Amz-Target: SageMaker.*` → control plane; runtime path → runtime. */
export function routeRequest(method: string, pathname: string, headers: IncomingHttpHeaders): ServiceName {
  const scope = signingService(headers);
  if (scope === "s3") return "s3";
  const target = headers["x-amz-target"];
  const hasTarget = typeof target === "string" && target.length > 0;
  if (scope !== undefined) {
    if (hasTarget && target.startsWith("SageMaker.")) return "sagemaker";
    if (method === "POST" && RUNTIME_PATH.test(pathname)) return "runtime";
    // Signed for another service (sagemaker, or presigned-URL style): let S3 answer as the fallback.
    return hasTarget ? "sagemaker" : "s3";
  }
  // Unsigned fallback: X-Amz-Target → control plane; the runtime path pattern → runtime; else S3.
  if (hasTarget) return "sagemaker";
  if (method === "POST" && RUNTIME_PATH.test(pathname)) return "runtime";
  return "s3";
}
