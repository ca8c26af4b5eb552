/**
 * Native XGBoost model serving that answers like the SageMaker XGBoost container
 * (algorithm mode): same accepted content types, same response bytes and Content-Type,
 * same status codes for bad payloads.
 */
import { mediaType } from "../../capture/encoding";
import type { InvocationRequest, InvocationResponse, ModelBackend } from "./backend";
import { loadXGBoostModel, ModelLoadError, type XGBoostModel } from "./xgboost/model";
import { parseCsvPayload, parseLibsvmPayload, payloadFormat, PayloadError } from "./xgboost/payload";
import { predict, predictionWidth } from "./xgboost/predict";
import { encodeCsvPredictions, encodeJsonPredictions } from "./xgboost/prediction-format";
import { encodeSelected, selectableAccept, selectedKeys } from "./xgboost/selectable";

/** Content-Type of CSV answers (Flask adds the charset to `text/csv`). */
export const CSV_RESPONSE_TYPE = "text/csv; charset=utf-8";
/** Content-Type of the container's plain-text error answers (Flask's default). */
export const ERROR_RESPONSE_TYPE = "text/html; charset=utf-8";

/**
 * Picks the model file in an extracted artifact: `xgboost-model` when present, otherwise
 * the only file (ignoring macOS `._*` resource forks). Throws a clear error otherwise.
 */
export function selectModelFile(files: Map<string, Buffer>): [string, Buffer] {
  const preferred = files.get("xgboost-model");
  if (preferred) return ["xgboost-model", preferred];
  const candidates = [...files.keys()].filter((n) => !n.split("/").pop()!.startsWith("._"));
  if (candidates.length === 1) return [candidates[0], files.get(candidates[0])!];
  if (candidates.length === 0)
    throw new ModelLoadError("model.tar.gz contains no files; expected an XGBoost model named xgboost-model");
  throw new ModelLoadError(
    `model.tar.gz contains ${candidates.length} files (${candidates.slice(0, 5).join(", ")}${candidates.length > 5 ? ", ..." : ""}); name the model file xgboost-model`,
  );
}

/** A loaded XGBoost model behind the {@link ModelBackend} contract. */
export class XGBoostBackend implements ModelBackend {
  private readonly width: number;
  private readonly batch: boolean;
  private readonly selected?: string[];
  private readonly defaultAccept: string;

  /**
   * @param model a loaded model ({@link loadXGBoostModel}).
   * @param environment the ContainerDefinition's Environment: `SAGEMAKER_BATCH`,
   *   `SAGEMAKER_INFERENCE_OUTPUT` and `SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT` behave as in the container.
   */
  constructor(
    readonly model: XGBoostModel,
    environment: Record<string, string> = {},
  ) {
    this.width = predictionWidth(model);
    this.batch = Boolean(environment.SAGEMAKER_BATCH);
    const sel = environment.SAGEMAKER_INFERENCE_OUTPUT;
    this.selected = sel !== undefined ? selectedKeys(sel) : undefined;
    this.defaultAccept = environment.SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT ?? "text/csv";
  }

  /** Loads the model from extracted artifact files (JSON or UBJSON, detected by content). */
  static fromArtifact(files: Map<string, Buffer>, environment: Record<string, string> = {}): XGBoostBackend {
    const [name, data] = selectModelFile(files);
    return new XGBoostBackend(loadXGBoostModel(data, `model.tar.gz: ${name}`), environment);
  }

  /** Always healthy once loaded, like the container's `/ping`. */
  async ping(): Promise<boolean> {
    return true;
  }

  /** Scores the payload; bad payloads give the container's 4xx answers, never a throw. */
  async invoke(request: InvocationRequest): Promise<InvocationResponse> {
    return this.invokeSync(request);
  }

  /** Synchronous {@link invoke} (the work is CPU-only). */
  invokeSync(request: InvocationRequest): InvocationResponse {
    if (request.body.length === 0) return { status: 204, body: Buffer.alloc(0), contentType: ERROR_RESPONSE_TYPE };
    try {
      const format = payloadFormat(request.contentType);
      const x =
        format === "csv"
          ? parseCsvPayload(request.body, this.model.numFeature)
          : parseLibsvmPayload(request.body, this.model.numFeature);
      const preds = predict(this.model, x);
      if (this.selected) {
        const accept = selectableAccept(request.accept, this.defaultAccept);
        const body = encodeSelected(
          preds,
          x.numRows,
          this.width,
          this.model.objective,
          this.model.numGroup,
          this.selected,
          accept,
          this.batch,
        );
        return ok(body, accept === "text/csv" ? CSV_RESPONSE_TYPE : accept);
      }
      if (wantsJson(request.accept)) return ok(encodeJsonPredictions(preds, x.numRows, this.width), "application/json");
      return ok(encodeCsvPredictions(preds, x.numRows, this.width, this.batch), CSV_RESPONSE_TYPE);
    } catch (e) {
      if (e instanceof PayloadError)
        return { status: e.status, body: Buffer.from(e.message), contentType: ERROR_RESPONSE_TYPE };
      return {
        status: 500,
        body: Buffer.from(`Unable to evaluate payload provided: ${(e as Error).message}`),
        contentType: ERROR_RESPONSE_TYPE,
      };
    }
  }

  /** Nothing to release. */
  async close(): Promise<void> {}
}

function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(",").some((a) => {
    const media = mediaType(a);
    return media === "application/json" || media === "json";
  });
}

function ok(body: string, contentType: string): InvocationResponse {
  return { status: 200, body: Buffer.from(body, "utf8"), contentType };
}
