/**
 * The one `http.Server` of the local stack: S3, the SageMaker control plane and the runtime on
 * a single port, plus a status route. A failing or malformed request never stops the server.
 *
 * Every request first passes the host guard (Host is an address the stack serves, no foreign
 * Origin), so no web page reaches any route. The AWS routes then need a SigV4 signature made
 * with the stack's credentials. `/_capture-lab/status` and `/_capture-lab/flush` need none:
 * notebooks in other processes call them with plain `fetch`; they reveal counters and write
 * pending captures, nothing a caller could not get from the signed routes, and the guard keeps
 * browsers out.
 */
import * as http from "node:http";
import { createHostGuard } from "./host-guard";
import type { Logger } from "./logger";
import { authWireError, guardWireError, sendRefusal, type RouteName } from "./refusal";
import { routeRequest, type ServiceName } from "./router";
import type { ServiceHandler } from "./service";
import { FLUSH_PATH, STATUS_PATH } from "../../defaults";
import { BodySignatureError, expectSignedBody, expectSignedChunks } from "./signed-body";
import { verifySigV4, type SigV4Credentials } from "./sigv4-verify";

export { STATUS_PATH, FLUSH_PATH };

/** What {@link createLocalServer} serves. */
export interface LocalServerOptions {
  services: Record<ServiceName, ServiceHandler>;
  /** JSON body of `GET /_capture-lab/status`. */
  status: () => unknown;
  /** Flushes captures of one endpoint or all; its result is the JSON body of the flush route. */
  flush: (endpointName?: string) => Promise<unknown>;
  logger: Logger;
  /** Interface the server will bind: decides which `Host` names it answers to. */
  host: string;
  /** Access keys whose SigV4 signatures the AWS routes accept. */
  credentials: readonly SigV4Credentials[];
}

const CAPTURE_LAB_PREFIX = "/_capture-lab/";

function sendPlain(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Creates (does not start) the server. */
export function createLocalServer(opts: LocalServerOptions): http.Server {
  const { logger } = opts;
  const guard = createHostGuard(opts.host);
  const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const [pathname, query = ""] = (req.url ?? "/").split("?", 2);
    let service: ServiceName;
    try {
      service = routeRequest(req.method ?? "GET", pathname, req.headers);
    } catch {
      service = "s3";
    }
    const route: RouteName = pathname.startsWith(CAPTURE_LAB_PREFIX) ? "capture-lab" : service;
    const refused = guard(req);
    if (refused) {
      logger.warn(`refused ${req.method} ${pathname} from ${req.socket.remoteAddress}: ${refused.message}`);
      return sendRefusal(req, res, route, guardWireError(route, refused));
    }
    if (req.method === "POST" && pathname === FLUSH_PATH) {
      const name = new URLSearchParams(query).get("endpoint") ?? undefined;
      req.resume();
      opts.flush(name).then(
        (result) => sendPlain(res, 200, "application/json", JSON.stringify(result ?? {})),
        (err: Error) => sendPlain(res, 500, "text/plain", `flush failed: ${err.message}`),
      );
      return;
    }
    if ((req.method === "GET" || req.method === "HEAD") && pathname === STATUS_PATH) {
      let body: string;
      try {
        body = JSON.stringify(opts.status(), null, 2);
      } catch (err) {
        return sendPlain(res, 500, "text/plain", `status failed: ${(err as Error).message}`);
      }
      return sendPlain(res, 200, "application/json", body);
    }
    const verdict = verifySigV4(
      { method: req.method ?? "GET", url: req.url ?? "/", rawHeaders: req.rawHeaders },
      { credentials: opts.credentials, body: service === "s3" ? "streamed" : "buffered" },
    );
    if (!verdict.ok) {
      logger.warn(`refused ${req.method} ${pathname} (${service}): ${verdict.failure.message}`);
      return sendRefusal(req, res, service, authWireError(service, verdict.failure));
    }
    if (verdict.checkBody) expectSignedBody(req, verdict.checkBody);
    if (verdict.chunks) expectSignedChunks(req, verdict.chunks);
    opts.services[service](req, res).catch((err: Error) => {
      // The client went away mid-request (e.g. an aborted upload): nobody to answer, nothing broke.
      if (res.destroyed || req.socket.destroyed) return void res.destroy();
      // A body that is not the one the client signed, found while the service read it.
      if (err instanceof BodySignatureError && !res.headersSent) {
        return sendRefusal(req, res, service, { status: err.status, code: err.code, message: err.message });
      }
      logger.error(`${service} ${req.method} ${pathname}: ${err.stack ?? err.message}`);
      if (!res.headersSent) {
        const body = JSON.stringify({ __type: "InternalFailure", message: err.message });
        res.writeHead(500, {
          "content-type": "application/json",
          "x-amzn-errortype": "InternalFailure",
          connection: "close",
        });
        res.end(body);
      } else {
        res.destroy();
      }
    });
  });
  // Malformed HTTP (bad chunked framing, oversized headers): answer 400 on that socket only.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    logger.warn(`bad request: ${err.code ?? ""} ${err.message}`);
    // A request whose body broke mid-way already has a response object; answer if it sent nothing yet.
    const pending = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !pending?.headersSent) {
      socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    } else {
      socket.destroy();
    }
  });
  return server;
}

/** Starts listening; resolves with the bound port. */
export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const addr = server.address();
      resolve(typeof addr === "object" && addr ? addr.port : port);
    });
  });
}

/** Stops accepting, closes idle and active keep-alive sockets, and resolves when closed. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    server.closeAllConnections();
  });
}
