/**
 * Turns one captured invocation into its record line, with the per-request work cut down:
 * the encoding chosen for a content type is remembered per configuration.
 */
import { chooseEncoding, type CaptureBody, type CaptureEncoding, type CaptureSettings } from "../../capture";
import { encodeCaptureLine, type EncodedCaptureLine } from "../../capture/line-bytes";
import type { CapturedPayload, CaptureInvocation } from "./types";

/** Content types remembered per configuration; past this, choices are recomputed (bounded memory). */
const MAX_REMEMBERED_TYPES = 64;

/** Encodes invocations into capture lines; `uuid` gives each record its `eventId`. */
export class RecordEncoder {
  private readonly encodings = new WeakMap<CaptureSettings, Map<string | null, CaptureEncoding>>();

  constructor(private readonly uuid: () => string) {}

  /** The record line for `inv` under `settings`, measured and ready to write. */
  encode(settings: CaptureSettings, inv: CaptureInvocation): EncodedCaptureLine {
    return encodeCaptureLine({
      input: settings.captureInput ? this.side(settings, inv.request) : undefined,
      output: settings.captureOutput ? this.side(settings, inv.response) : undefined,
      eventId: this.uuid(),
      inferenceId: inv.inferenceId,
      inferenceTime: inv.time,
      customAttributes: inv.customAttributes,
    });
  }

  private side(settings: CaptureSettings, p: CapturedPayload): CaptureBody {
    const contentType = p.contentType ?? null;
    return { contentType, body: p.body, encoding: this.encodingFor(settings, contentType) };
  }

  private encodingFor(settings: CaptureSettings, contentType: string | null): CaptureEncoding {
    let known = this.encodings.get(settings);
    if (known === undefined) this.encodings.set(settings, (known = new Map()));
    let encoding = known.get(contentType);
    if (encoding === undefined) {
      encoding = chooseEncoding(contentType, settings.contentTypeHeader);
      if (known.size < MAX_REMEMBERED_TYPES) known.set(contentType, encoding);
    }
    return encoding;
  }
}
