/**
 * The SageMaker API shapes the capture format is about, declared here rather than imported from
 * `@aws-sdk/client-sagemaker`: naming a type from that package makes every program that imports
 * Capture Lab's declarations parse all of the client's (about 10 MB), which a notebook kernel
 * does for each notebook. The shapes are the API's (the SDK's types are assignable both ways).
 */

/** What a `CaptureOption` captures. */
export type CaptureMode = "Input" | "Output" | "InputAndOutput";

/** Whether an endpoint is capturing (DescribeEndpoint's `CaptureStatus`). */
export type CaptureStatus = "Started" | "Stopped";

/** One entry of `DataCaptureConfig.CaptureOptions`. */
export interface CaptureOption {
  CaptureMode: CaptureMode | undefined;
}

/** Content types whose payloads are stored as text (CSV or JSON) rather than base64. */
export interface CaptureContentTypeHeader {
  CsvContentTypes?: string[] | undefined;
  JsonContentTypes?: string[] | undefined;
}

/** `DataCaptureConfig` of CreateEndpointConfig. */
export interface DataCaptureConfig {
  EnableCapture?: boolean | undefined;
  InitialSamplingPercentage: number | undefined;
  DestinationS3Uri: string | undefined;
  KmsKeyId?: string | undefined;
  CaptureOptions: CaptureOption[] | undefined;
  CaptureContentTypeHeader?: CaptureContentTypeHeader | undefined;
}

/** `DataCaptureConfig` as DescribeEndpoint reports it. */
export interface DataCaptureConfigSummary {
  EnableCapture: boolean | undefined;
  CaptureStatus: CaptureStatus | undefined;
  CurrentSamplingPercentage: number | undefined;
  DestinationS3Uri: string | undefined;
  KmsKeyId: string | undefined;
}
