/**
 * `DataCaptureConfig`: a builder with the SageMaker Python SDK's defaults, offline validation
 * with the API's real limits (docs/capture-format.md §12), the DescribeEndpoint summary, and the
 * settings the capture writer needs. Pure: needs no credentials and does no I/O.
 */
import type { CaptureMode, DataCaptureConfig, DataCaptureConfigSummary } from "./api-shapes";
import type { ContentTypeHeader } from "./encoding";
import { checkString, formatValidationMessage, type ValidationIssue } from "./validation";
import { CaptureLabError } from "../errors";

/** `CaptureMode` values the API accepts. */
const CAPTURE_MODES = ["Input", "Output", "InputAndOutput"] as const;
/** Pattern of `DestinationS3Uri` (scheme, then one non-`/` character, then anything). */
const DESTINATION_S3_URI_PATTERN = "(https|s3)://([^/])/?(.*)";
/** Pattern of each `CsvContentTypes`/`JsonContentTypes` entry: no parameters, spaces, `+`, `_` or `*`. */
const CAPTURE_CONTENT_TYPE_PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9])*\\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*";
/** Pattern of `KmsKeyId` (key id, key ARN, alias name or alias ARN). */
const KMS_KEY_ID_PATTERN = "[a-zA-Z0-9:/_-]*";

/** Options of {@link buildDataCaptureConfig}, named like the SageMaker Python SDK's `DataCaptureConfig`. */
export interface DataCaptureOptions {
  /** Default `true`. */
  enableCapture?: boolean;
  /** Integer 0-100: the share of requests captured. */
  samplingPercentage: number;
  /** `s3://bucket/prefix`; a trailing `/` is removed. */
  destinationS3Uri: string;
  /** Default `["Input", "Output"]`. Case-insensitive; `REQUEST` means Input and `RESPONSE` Output, as in the Python SDK. */
  captureOptions?: Array<"Input" | "Output" | "InputAndOutput" | "REQUEST" | "RESPONSE">;
  /** Default `["text/csv"]`; `[]` omits the member. */
  csvContentTypes?: string[];
  /** Default `["application/json"]`; `[]` omits the member (both empty: no header, so everything is captured as BASE64). */
  jsonContentTypes?: string[];
  /** KMS key for the captured objects. */
  kmsKeyId?: string;
}

/** Thrown by {@link buildDataCaptureConfig}; lists every violated constraint at once. */
export class DataCaptureConfigError extends CaptureLabError {
  /** Every violated constraint, with the API field path. */
  readonly issues: ValidationIssue[];
  /** @param issues at least one issue; the message is their AWS-style text. */
  constructor(issues: ValidationIssue[]) {
    super(formatValidationMessage(issues));
    this.issues = issues;
  }
}

const MODE_ALIASES: Record<string, string> = {
  request: "Input",
  response: "Output",
  input: "Input",
  output: "Output",
  inputandoutput: "InputAndOutput",
};

/** Maps SDK-style capture options to API `CaptureMode`s; unknown values pass through for validation to report. */
function normalizeCaptureMode(option: string): string {
  return typeof option === "string" ? (MODE_ALIASES[option.toLowerCase()] ?? option) : option;
}

/** Removes trailing `/` from a destination (never the `//` after the scheme). */
function stripTrailingSlash(uri: string): string {
  return uri.replace(/(?<=[^/:])\/+$/, "");
}

/**
 * Builds an API `DataCaptureConfig` with the Python SDK's defaults and validates it offline.
 * A trailing `/` on the destination is stripped: AWS does not document how it joins a
 * doubled slash, and a user saw Model Monitor search a `//` path and find nothing
 * (aws/amazon-sagemaker-examples#1938).
 * @throws DataCaptureConfigError listing every violation (`issues` and an AWS-style message).
 * @example
 * ```ts
 * const dataCapture = buildDataCaptureConfig({
 *   samplingPercentage: 100,
 *   destinationS3Uri: "s3://my-bucket/datacapture",
 *   csvContentTypes: ["text/csv"],
 * });
 * // Pass it as CreateEndpointConfig's DataCaptureConfig.
 * ```
 */
export function buildDataCaptureConfig(o: DataCaptureOptions): DataCaptureConfig {
  const csv = o.csvContentTypes ?? ["text/csv"];
  const json = o.jsonContentTypes ?? ["application/json"];
  const header: ContentTypeHeader = {};
  if (csv.length > 0) header.CsvContentTypes = [...csv];
  if (json.length > 0) header.JsonContentTypes = [...json];
  const cfg: DataCaptureConfig = {
    EnableCapture: o.enableCapture ?? true,
    InitialSamplingPercentage: o.samplingPercentage,
    DestinationS3Uri:
      typeof o.destinationS3Uri === "string" ? stripTrailingSlash(o.destinationS3Uri) : o.destinationS3Uri,
    CaptureOptions: (o.captureOptions ?? ["Input", "Output"]).map((m) => ({
      // Unknown values are kept so validation reports them rather than losing them.
      CaptureMode: normalizeCaptureMode(m) as CaptureMode,
    })),
    ...(header.CsvContentTypes || header.JsonContentTypes ? { CaptureContentTypeHeader: header } : {}),
    ...(o.kmsKeyId !== undefined ? { KmsKeyId: o.kmsKeyId } : {}),
  };
  const issues = validateDataCaptureConfig(cfg);
  if (issues.length > 0) throw new DataCaptureConfigError(issues);
  return cfg;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function checkList(
  value: unknown,
  field: string,
  min: number,
  max: number,
  each: (item: unknown, itemField: string) => ValidationIssue[],
): ValidationIssue[] {
  if (!Array.isArray(value)) return [{ field, value, message: "Member must be a list" }];
  const issues: ValidationIssue[] = [];
  if (value.length < min)
    issues.push({ field, value, message: `Member must have length greater than or equal to ${min}` });
  if (value.length > max)
    issues.push({ field, value, message: `Member must have length less than or equal to ${max}` });
  value.forEach((item, i) => issues.push(...each(item, `${field}.${i + 1}.member`)));
  return issues;
}

/**
 * Validates a raw `DataCaptureConfig` (as received by CreateEndpointConfig) against the API's
 * required members, types and limits. Returns every issue, field paths under `path`
 * (e.g. `DataCaptureConfig.CaptureOptions.1.member.CaptureMode`); `[]` when valid.
 */
export function validateDataCaptureConfig(cfg: unknown, path = "DataCaptureConfig"): ValidationIssue[] {
  if (cfg === undefined || cfg === null) return [{ field: path, value: cfg, message: "Member must not be null" }];
  if (!isObject(cfg)) return [{ field: path, value: cfg, message: "Member must be a structure" }];
  const issues: ValidationIssue[] = [];
  const f = (name: string) => `${path}.${name}`;

  if (cfg.EnableCapture !== undefined && cfg.EnableCapture !== null && typeof cfg.EnableCapture !== "boolean") {
    issues.push({ field: f("EnableCapture"), value: cfg.EnableCapture, message: "Member must be a boolean" });
  }

  const sp = cfg.InitialSamplingPercentage;
  const spField = f("InitialSamplingPercentage");
  if (sp === undefined || sp === null) issues.push({ field: spField, value: sp, message: "Member must not be null" });
  else if (typeof sp !== "number" || !Number.isInteger(sp))
    issues.push({ field: spField, value: sp, message: "Member must be an integer" });
  else if (sp < 0)
    issues.push({ field: spField, value: sp, message: "Member must have value greater than or equal to 0" });
  else if (sp > 100)
    issues.push({ field: spField, value: sp, message: "Member must have value less than or equal to 100" });

  issues.push(
    ...checkString(cfg.DestinationS3Uri, f("DestinationS3Uri"), {
      required: true,
      max: 512,
      pattern: DESTINATION_S3_URI_PATTERN,
    }),
  );
  issues.push(...checkString(cfg.KmsKeyId, f("KmsKeyId"), { max: 2048, pattern: KMS_KEY_ID_PATTERN }));

  const opts = cfg.CaptureOptions;
  if (opts === undefined || opts === null) {
    issues.push({ field: f("CaptureOptions"), value: opts, message: "Member must not be null" });
  } else {
    issues.push(
      ...checkList(opts, f("CaptureOptions"), 1, 32, (item, itemField) => {
        if (!isObject(item)) return [{ field: itemField, value: item, message: "Member must be a structure" }];
        const mode = item.CaptureMode;
        const modeField = `${itemField}.CaptureMode`;
        if (mode === undefined || mode === null)
          return [{ field: modeField, value: mode, message: "Member must not be null" }];
        if (typeof mode !== "string" || !(CAPTURE_MODES as readonly string[]).includes(mode)) {
          return [
            {
              field: modeField,
              value: mode,
              message: `Member must satisfy enum value set: [${CAPTURE_MODES.join(", ")}]`,
            },
          ];
        }
        return [];
      }),
    );
  }

  const header = cfg.CaptureContentTypeHeader;
  const hField = f("CaptureContentTypeHeader");
  if (header !== undefined && header !== null) {
    if (!isObject(header)) issues.push({ field: hField, value: header, message: "Member must be a structure" });
    else {
      for (const member of ["CsvContentTypes", "JsonContentTypes"]) {
        const list = header[member];
        if (list === undefined || list === null) continue;
        issues.push(
          ...checkList(list, `${hField}.${member}`, 1, 10, (item, itemField) =>
            checkString(item, itemField, { required: true, min: 1, max: 256, pattern: CAPTURE_CONTENT_TYPE_PATTERN }),
          ),
        );
      }
    }
  }
  return issues;
}

/**
 * The `DataCaptureConfigSummary` DescribeEndpoint returns for an endpoint served with `cfg`:
 * `EnableCapture` defaults to true, `CaptureStatus` follows it, and `KmsKeyId` appears only
 * when set (as in real responses, §8).
 */
export function summarizeDataCaptureConfig(cfg: DataCaptureConfig): DataCaptureConfigSummary {
  const enabled = cfg.EnableCapture ?? true;
  // The SDK type marks KmsKeyId required; the key is left out (not set to undefined) when unset.
  return {
    EnableCapture: enabled,
    CaptureStatus: enabled ? "Started" : "Stopped",
    CurrentSamplingPercentage: cfg.InitialSamplingPercentage,
    DestinationS3Uri: cfg.DestinationS3Uri,
    ...(cfg.KmsKeyId !== undefined && cfg.KmsKeyId !== "" ? { KmsKeyId: cfg.KmsKeyId } : {}),
  } as DataCaptureConfigSummary;
}

/** What the capture writer needs to know, derived from a validated config. */
export interface CaptureSettings {
  /** `EnableCapture ?? true`. */
  enabled: boolean;
  /** Integer 0-100. */
  samplingPercentage: number;
  /** As configured (parse with `parseS3Uri`, which drops a trailing `/`). */
  destinationS3Uri: string;
  /** KMS key for SSE-KMS of captured objects, when set. */
  kmsKeyId?: string;
  /** Capture the request (`Input` or `InputAndOutput`). */
  captureInput: boolean;
  /** Capture the response (`Output` or `InputAndOutput`). */
  captureOutput: boolean;
  /** Content types captured as text; absent means BASE64 for everything. */
  contentTypeHeader?: ContentTypeHeader;
}

/** Derives {@link CaptureSettings} from a (validated) config. */
export function captureSettingsFromConfig(cfg: DataCaptureConfig): CaptureSettings {
  const modes = (cfg.CaptureOptions ?? []).map((o) => o.CaptureMode);
  const h = cfg.CaptureContentTypeHeader;
  const settings: CaptureSettings = {
    enabled: cfg.EnableCapture ?? true,
    samplingPercentage: cfg.InitialSamplingPercentage ?? 0,
    destinationS3Uri: cfg.DestinationS3Uri ?? "",
    captureInput: modes.includes("Input") || modes.includes("InputAndOutput"),
    captureOutput: modes.includes("Output") || modes.includes("InputAndOutput"),
  };
  if (cfg.KmsKeyId) settings.kmsKeyId = cfg.KmsKeyId;
  if (h) {
    settings.contentTypeHeader = {
      ...(h.CsvContentTypes ? { CsvContentTypes: [...h.CsvContentTypes] } : {}),
      ...(h.JsonContentTypes ? { JsonContentTypes: [...h.JsonContentTypes] } : {}),
    };
  }
  return settings;
}
