/**
 * Forwards invocations to any SageMaker-compatible model server (a user-run container,
 * TorchServe/MMS in SageMaker mode, a stub) at a base URL: `GET {base}/ping` and
 * `POST {base}/invocations`, as the SageMaker runtime does.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { InvocationRequest, InvocationResponse, ModelBackend } from "./backend";
import { CaptureLabError } from "../../errors";

/** Options for {@link ContainerBackend}. */
export interface ContainerBackendOptions {
  /** Invocation timeout in ms (SageMaker: 60 s). */
  invokeTimeoutMs?: number;
  /** Health-check timeout in ms (SageMaker: 2 s). */
  pingTimeoutMs?: number;
}

/** Thrown when the model server cannot be reached or does not answer in time. */
export class ContainerUnreachableError extends CaptureLabError {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** A model served by an HTTP server speaking the SageMaker container contract. */
export class ContainerBackend implements ModelBackend {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;
  private readonly invokeTimeoutMs: number;
  private readonly pingTimeoutMs: number;

  /** @param baseUrl e.g. `http://127.0.0.1:8080` (a path prefix is kept). */
  constructor(baseUrl: string, options: ContainerBackendOptions = {}) {
    this.base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
    if (this.base.protocol !== "http:" && this.base.protocol !== "https:") {
      throw new Error(`container URL ${baseUrl}: only http:// and https:// are supported`);
    }
    this.client = this.base.protocol === "https:" ? https : http;
    // Keep-alive: the endpoint benchmark drives many requests through one backend.
    this.agent = new this.client.Agent({ keepAlive: true, maxSockets: 64 });
    this.invokeTimeoutMs = options.invokeTimeoutMs ?? 60_000;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  }

  /** `GET {base}/ping`: true on a 2xx within the timeout; never throws. */
  async ping(): Promise<boolean> {
    try {
      const res = await this.request("GET", "ping", {}, undefined, this.pingTimeoutMs);
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  /**
   * `POST {base}/invocations` with only the headers SageMaker forwards. Any HTTP answer
   * (including non-2xx) is returned; throws {@link ContainerUnreachableError} when the
   * server cannot be reached or the timeout passes.
   */
  async invoke(req: InvocationRequest): Promise<InvocationResponse> {
    const headers: Record<string, string> = {};
    if (req.contentType !== undefined) headers["Content-Type"] = req.contentType;
    if (req.accept !== undefined) headers["Accept"] = req.accept;
    if (req.customAttributes !== undefined) headers["X-Amzn-SageMaker-Custom-Attributes"] = req.customAttributes;
    if (req.targetModel !== undefined) headers["X-Amzn-SageMaker-Target-Model"] = req.targetModel;
    if (req.inferenceId !== undefined) headers["X-Amzn-SageMaker-Inference-Id"] = req.inferenceId;
    if (req.enableExplanations !== undefined) headers["X-Amzn-SageMaker-Enable-Explanations"] = req.enableExplanations;
    const res = await this.request("POST", "invocations", headers, req.body, this.invokeTimeoutMs);
    const ct = res.headers["content-type"];
    const ca = res.headers["x-amzn-sagemaker-custom-attributes"];
    return {
      status: res.status,
      body: res.body,
      contentType: ct,
      customAttributes: Array.isArray(ca) ? ca.join(",") : ca,
    };
  }

  /** Closes idle keep-alive sockets. */
  async close(): Promise<void> {
    this.agent.destroy();
  }

  private request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    timeoutMs: number,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    const url = new URL(path, this.base);
    return new Promise((resolve, reject) => {
      const req = this.client.request(
        url,
        {
          method,
          agent: this.agent,
          headers: { ...headers, "Content-Length": String(body?.length ?? 0) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on("error", (e) => reject(new ContainerUnreachableError(`${method} ${url.href}: ${e.message}`)));
        },
      );
      const timer = setTimeout(() => {
        req.destroy(
          new ContainerUnreachableError(`${method} ${url.href}: no response within ${timeoutMs} ms`, "ETIMEDOUT"),
        );
      }, timeoutMs);
      req.on("close", () => clearTimeout(timer));
      req.on("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          e instanceof ContainerUnreachableError
            ? e
            : new ContainerUnreachableError(`${method} ${url.href}: ${e.message}`, e.code),
        );
      });
      req.end(body);
    });
  }
}
