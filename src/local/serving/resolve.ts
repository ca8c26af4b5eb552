/**
 * Chooses how a SageMaker ContainerDefinition is served locally, the way AWS decides by
 * the container image. Errors are worded to become an endpoint's FailureReason.
 */
import type { ContainerSpec, ModelBackend } from "./backend";
import { extractModelArtifact } from "../../model-artifact";
import { ContainerBackend } from "./container-backend";
import { HandlerBackend } from "./handler-backend";
import { XGBoostBackend } from "./xgboost-backend";

/** What {@link resolveModelBackend} needs from the local stack. */
export interface ResolveDeps {
  /** Reads an `s3://bucket/key` object (the model artifact). */
  fetchArtifact(s3Uri: string): Promise<Buffer>;
  /** Image URI → base URL of a SageMaker-compatible server already running. */
  imageUrls?: Record<string, string>;
  /** Directory where handler artifacts are unpacked. */
  workDir: string;
  /** Options passed to {@link ContainerBackend}. */
  invokeTimeoutMs?: number;
}

/** Environment key that points a model at a running SageMaker-compatible server. */
export const CONTAINER_URL_ENV = "CAPTURE_LAB_CONTAINER_URL";

const SUPPORTED =
  "Supported: a SageMaker XGBoost image (e.g. 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1) " +
  "with an XGBoost JSON/UBJSON model in model.tar.gz; an http(s):// URL as Image, an image registered in imageUrls, " +
  `or Environment ${CONTAINER_URL_ENV} pointing at a SageMaker-compatible server; or Environment SAGEMAKER_PROGRAM naming a .js/.cjs handler in model.tar.gz.`;

/** True when the image URI names a SageMaker XGBoost algorithm/framework image. */
export function isXGBoostImage(image: string): boolean {
  const repo =
    image
      .split("@")[0]
      .replace(/:[^/:]*$/, "")
      .split("/")
      .pop() ?? "";
  return repo === "sagemaker-xgboost" || repo === "xgboost";
}

/**
 * Builds the backend for one container. Order: a server URL (Environment
 * `CAPTURE_LAB_CONTAINER_URL`, an `http(s)://` Image, or `imageUrls`); a JS handler named by
 * `SAGEMAKER_PROGRAM`; a SageMaker XGBoost image. Anything else is a clear error.
 */
export async function resolveModelBackend(container: ContainerSpec, deps: ResolveDeps): Promise<ModelBackend> {
  const env = container.Environment ?? {};
  const image = container.Image ?? "";
  const options = { invokeTimeoutMs: deps.invokeTimeoutMs };
  const url = env[CONTAINER_URL_ENV] ?? (/^https?:\/\//i.test(image) ? image : deps.imageUrls?.[image]);
  if (url) return new ContainerBackend(url, options);

  const program = env.SAGEMAKER_PROGRAM;
  if (program !== undefined) {
    if (!/\.c?js$/i.test(program)) {
      throw new Error(
        `SAGEMAKER_PROGRAM ${program}: only JavaScript handlers (.js, .cjs) run locally; Python script mode is not supported. ${SUPPORTED}`,
      );
    }
    const files = await loadArtifact(container, deps);
    return HandlerBackend.load(files, program, deps.workDir, env);
  }

  if (isXGBoostImage(image)) {
    const files = await loadArtifact(container, deps);
    try {
      return XGBoostBackend.fromArtifact(files, env);
    } catch (e) {
      throw new Error(`Failed to load the XGBoost model from ${container.ModelDataUrl}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }
  throw new Error(`Image ${image ? JSON.stringify(image) : "(none)"} cannot be served locally. ${SUPPORTED}`);
}

async function loadArtifact(container: ContainerSpec, deps: ResolveDeps): Promise<Map<string, Buffer>> {
  const uri = container.ModelDataUrl;
  if (!uri)
    throw new Error(
      `ModelDataUrl is required for image ${container.Image ?? "(none)"}: it must point at a model.tar.gz`,
    );
  let data: Buffer;
  try {
    data = await deps.fetchArtifact(uri);
  } catch (e) {
    throw new Error(`Could not download model data from ${uri}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return await extractModelArtifact(data);
  } catch (e) {
    throw new Error(`Could not extract model data from ${uri}: ${(e as Error).message}`, { cause: e });
  }
}
