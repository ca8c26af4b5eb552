/**
 * A capture record (one line of a capture file) as a collapsible JSON view, with each side's
 * `data` decoded: CSV as text, JSON parsed, base64 decoded when it is UTF-8 text.
 */
import { decodeCaptureData, type CaptureRecord, type CaptureSide } from "../capture";
import { escapeHtml, truncate } from "./html";
import { BG_CODE, BORDER, FG, FG_MUTED } from "./theme";

/** True for an object shaped like a capture record (`captureData`, `eventMetadata`, `eventVersion`). */
export function isCaptureRecord(value: unknown): value is CaptureRecord {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<CaptureRecord>;
  return (
    typeof v.captureData === "object" &&
    v.captureData !== null &&
    typeof v.eventMetadata === "object" &&
    v.eventMetadata !== null &&
    typeof v.eventVersion === "string"
  );
}

/** One side with its payload decoded; the raw `data` is kept when it cannot be decoded. */
function decodedSide(side: CaptureSide): Record<string, unknown> {
  const { data, ...rest } = side;
  try {
    const decoded = decodeCaptureData(side);
    if (!decoded.isText) return { ...rest, data: `<${decoded.bytes.length} bytes of binary data>` };
    if (decoded.encoding === "JSON" || /json/i.test(side.observedContentType ?? "")) {
      try {
        return { ...rest, data: JSON.parse(decoded.text!) as unknown };
      } catch {
        // Not JSON after all: show the text.
      }
    }
    return { ...rest, data: decoded.text };
  } catch (err) {
    return { ...rest, data, decodeError: (err as Error).message };
  }
}

/** The record with decoded payloads, for display. */
export function decodedRecord(record: CaptureRecord): Record<string, unknown> {
  const captureData: Record<string, unknown> = {};
  for (const [key, side] of Object.entries(record.captureData)) {
    captureData[key] = side ? decodedSide(side as CaptureSide) : side;
  }
  return { captureData, eventMetadata: record.eventMetadata, eventVersion: record.eventVersion };
}

const STYLE = `<style>
.capture-lab-json{font:12px/1.4 var(--jp-code-font-family, monospace);color:${FG};background:${BG_CODE};border:1px solid ${BORDER};padding:6px 8px;max-height:480px;overflow:auto}
.capture-lab-json details{margin-left:1.1em}
.capture-lab-json summary{cursor:pointer;margin-left:-1.1em}
.capture-lab-json .k{font-weight:600}
.capture-lab-json .s{white-space:pre-wrap;word-break:break-all}
.capture-lab-json .m{color:${FG_MUTED}}
</style>`;

function leafHtml(value: unknown, maxString: number): string {
  if (typeof value === "string") {
    const shown = truncate(value, maxString);
    const more = shown === value ? "" : ` <span class="m">(${value.length} chars)</span>`;
    return `<span class="s">${escapeHtml(JSON.stringify(shown))}</span>${more}`;
  }
  return escapeHtml(JSON.stringify(value) ?? String(value));
}

/** A JSON value as nested `<details>` elements, open down to `openDepth`. */
export function jsonTreeHtml(value: unknown, options: { openDepth?: number; maxString?: number } = {}): string {
  const openDepth = options.openDepth ?? 3;
  const maxString = options.maxString ?? 2000;
  const node = (key: string | undefined, v: unknown, depth: number): string => {
    const label = key === undefined ? "" : `<span class="k">${escapeHtml(key)}</span>: `;
    if (typeof v !== "object" || v === null) return `<div>${label}${leafHtml(v, maxString)}</div>`;
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    const brief = Array.isArray(v) ? `[${v.length}]` : `{${entries.length}}`;
    const children = entries.map(([k, x]) => node(k, x, depth + 1)).join("");
    return `<details${depth < openDepth ? " open" : ""}><summary>${label}<span class="m">${brief}</span></summary>${children}</details>`;
  };
  return `${STYLE}<div class="capture-lab-json">${node(undefined, value, 0)}</div>`;
}

/** HTML and text views of one capture record. */
export function captureRecordView(record: CaptureRecord): { html: string; text: string } {
  const decoded = decodedRecord(record);
  const meta = record.eventMetadata;
  const title = `capture record ${meta.eventId ?? ""}${meta.inferenceTime ? ` · ${meta.inferenceTime}` : ""}`;
  const html = `<div style="font-weight:600;margin:4px 0;color:${FG}">${escapeHtml(title)}</div>${jsonTreeHtml(decoded)}`;
  return { html, text: `${title}\n${JSON.stringify(decoded, null, 2)}` };
}
