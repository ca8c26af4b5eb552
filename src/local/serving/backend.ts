/**
 * The contract between the SageMaker runtime and whatever serves a model
 * (native XGBoost, a forwarded SageMaker-compatible container, a JS handler).
 * It mirrors the SageMaker container contract: `GET /ping` and `POST /invocations`.
 */

/** What the runtime forwards to the model (only the headers SageMaker passes through). */
export interface InvocationRequest {
  body: Buffer;
  contentType?: string;
  accept?: string;
  customAttributes?: string;
  inferenceId?: string;
  targetModel?: string;
  enableExplanations?: string;
}

/** What the model answered. A non-2xx `status` becomes a `ModelError` at the runtime. */
export interface InvocationResponse {
  status: number;
  body: Buffer;
  /** Undefined when the model sent no Content-Type (captured as `null`). */
  contentType?: string;
  customAttributes?: string;
}

/** A loaded, running model. */
export interface ModelBackend {
  /** Health check, like `GET /ping`: true when the model can serve. Must not throw. */
  ping(): Promise<boolean>;
  /** One invocation, like `POST /invocations`. Throws only when the model cannot be reached. */
  invoke(request: InvocationRequest): Promise<InvocationResponse>;
  /** Releases whatever the backend holds. */
  close(): Promise<void>;
}

/** The parts of a SageMaker `ContainerDefinition` that decide how a model is served. */
export interface ContainerSpec {
  Image?: string;
  ModelDataUrl?: string;
  Environment?: Record<string, string>;
}
