/**
 * The capture layer's DataCaptureConfig rules, in one place for the control plane: validation
 * on CreateEndpointConfig and the DescribeEndpoint summary.
 */
export { validateDataCaptureConfig, summarizeDataCaptureConfig } from "../../capture";
