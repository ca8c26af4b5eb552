/** Model serving for the local stack: artifacts, native XGBoost, forwarded containers, JS handlers. */
export * from "./backend";
export {
  extractModelArtifact,
  createModelArtifact,
  normaliseEntryName,
  ArtifactError,
  type ArtifactLimits,
} from "../../model-artifact";
export { XGBoostBackend, selectModelFile, CSV_RESPONSE_TYPE, ERROR_RESPONSE_TYPE } from "./xgboost-backend";
export { ContainerBackend, ContainerUnreachableError, type ContainerBackendOptions } from "./container-backend";
export { HandlerBackend, type HandlerModule, type HandlerContext, type HandlerResult } from "./handler-backend";
export { resolveModelBackend, isXGBoostImage, CONTAINER_URL_ENV, type ResolveDeps } from "./resolve";
export { pythonFloatRepr, pythonFloat32Repr } from "./pyfloat";
export { loadXGBoostModel, ModelLoadError, type XGBoostModel } from "./xgboost/model";
export { predict, predictMargins, type FeatureMatrix } from "./xgboost/predict";
export { decodeUbjson, UbjsonError } from "./xgboost/ubjson";
