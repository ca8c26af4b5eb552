/**
 * InvokeEndpoint header and path checks (docs/local-stack-wire.md §3.1). Each returns an error text
 * for a `ValidationError`, or undefined when the value is fine.
 */
import type { IncomingHttpHeaders } from "node:http";
import { validateResourceName } from "../../capture/resource-names";
import { formatValidationMessage } from "../../capture/validation";

/** Largest InvokeEndpoint body: `BodyBlob` max in the service model. */
export const MAX_PAYLOAD_BYTES = 6_291_456;

/** The InvokeEndpoint inputs that arrive as headers. */
interface InvokeHeaders {
  contentType?: string;
  accept?: string;
  customAttributes?: string;
  inferenceId?: string;
  targetVariant?: string;
  targetModel?: string;
  enableExplanations?: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** Reads the InvokeEndpoint headers. */
export function readInvokeHeaders(headers: IncomingHttpHeaders): InvokeHeaders {
  return {
    contentType: header(headers, "content-type"),
    accept: header(headers, "accept"),
    customAttributes: header(headers, "x-amzn-sagemaker-custom-attributes"),
    inferenceId: header(headers, "x-amzn-sagemaker-inference-id"),
    targetVariant: header(headers, "x-amzn-sagemaker-target-variant"),
    targetModel: header(headers, "x-amzn-sagemaker-target-model"),
    enableExplanations: header(headers, "x-amzn-sagemaker-enable-explanations"),
  };
}

/** True when every UTF-16 unit is ASCII (the API's `\p{ASCII}*`). */
const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};
/** `\A\S[\p{Print}]*\z`: a non-space first character, then printable characters. */
const PRINTABLE_ID = /^\S[\x20-\x7e\u00a0-\uffff]*$/u;

function issue(value: string, field: string, constraint: string): string {
  return formatValidationMessage([{ field, value, message: constraint }]);
}

/** Validates the header members; returns the first problem's message. */
export function validateInvokeHeaders(h: InvokeHeaders): string | undefined {
  for (const [value, field] of [
    [h.contentType, "contentType"],
    [h.accept, "accept"],
    [h.customAttributes, "customAttributes"],
  ] as const) {
    if (value === undefined) continue;
    if (value.length > 1024) return issue(value, field, "Member must have length less than or equal to 1024");
    if (!isAscii(value)) return issue(value, field, "Member must satisfy regular expression pattern: \\p{ASCII}*");
  }
  if (h.inferenceId !== undefined) {
    if (h.inferenceId.length < 1 || h.inferenceId.length > 64) {
      return issue(h.inferenceId, "inferenceId", "Member must have length between 1 and 64");
    }
    if (!PRINTABLE_ID.test(h.inferenceId)) {
      return issue(
        h.inferenceId,
        "inferenceId",
        "Member must satisfy regular expression pattern: \\A\\S[\\p{Print}]*\\z",
      );
    }
  }
  if (h.targetVariant !== undefined) {
    const issues = validateResourceName(h.targetVariant, "TargetVariant");
    if (issues.length > 0) return formatValidationMessage(issues);
  }
  return undefined;
}

/** Validates the endpoint name taken from the URI. */
export function validateEndpointName(name: string): string | undefined {
  const issues = validateResourceName(name, "EndpointName");
  return issues.length > 0 ? formatValidationMessage(issues) : undefined;
}
