/**
 * Invocations accepted by the capture writer and not yet encoded. Encoding them back to back,
 * once per event-loop turn, costs the serving loop about half of encoding each one between the
 * HTTP work of its own request (bench:endpoint), so `capture()` only queues.
 */
import type { CaptureSettings } from "../../capture";
import type { CaptureStream } from "./stream";
import type { CaptureInvocation } from "./types";

/** An accepted invocation waiting to be encoded. */
export interface QueuedInvocation {
  stream: CaptureStream;
  settings: CaptureSettings;
  inv: CaptureInvocation;
}

/** FIFO of accepted invocations, drained in a `setImmediate` after the first push or on demand. */
export class EncodeQueue {
  private items: QueuedInvocation[] = [];
  private scheduled = false;
  /** Raw payload bytes queued: they count against the writer's buffer bound until encoded. */
  bytes = 0;

  /**
   * @param encode encodes one batch in arrival order; must not throw per item.
   * @param onError reports an exception escaping `encode` (it would otherwise crash the process).
   */
  constructor(
    private readonly encode: (batch: QueuedInvocation[]) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Queues an invocation holding `rawBytes` payload bytes and schedules a drain. */
  push(item: QueuedInvocation, rawBytes: number): void {
    this.items.push(item);
    this.bytes += rawBytes;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.drainSoon);
    }
  }

  /** Encodes everything queued now (flush, stats and the roll timer call this first). */
  drain(): void {
    if (this.items.length === 0) return;
    const batch = this.items;
    this.items = [];
    this.bytes = 0;
    this.encode(batch);
  }

  private readonly drainSoon = (): void => {
    this.scheduled = false;
    try {
      this.drain();
    } catch (err) {
      this.onError(err);
    }
  };
}

/**
 * Checks the parts of an invocation its record needs (so malformed input is refused at once,
 * not later in the batch) and returns the raw payload bytes it holds until encoded.
 */
export function checkedRawBytes(settings: CaptureSettings, inv: CaptureInvocation): number {
  if (!(inv.time instanceof Date) || !Number.isFinite(inv.time.getTime())) {
    throw new TypeError(`invocation time must be a valid Date, got ${String(inv.time)}`);
  }
  return (
    (settings.captureInput ? payloadBytes(inv.request, "request") : 0) +
    (settings.captureOutput ? payloadBytes(inv.response, "response") : 0)
  );
}

function payloadBytes(side: CaptureInvocation["request"] | undefined, name: string): number {
  if (!(side?.body instanceof Uint8Array))
    throw new TypeError(`invocation ${name}.body must be bytes (Uint8Array), got ${typeof side?.body}`);
  return side.body.byteLength;
}
