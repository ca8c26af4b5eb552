/**
 * Messages between a {@link HandlerBackend} and the child process that runs a JS handler
 * (`handler-process.ts`), over Node's IPC channel with `serialization: "advanced"` so bodies
 * travel as bytes.
 */
import type { InvocationRequest, InvocationResponse } from "./backend";

/** Parent → child. */
export type ToHandlerProcess =
  | { type: "load"; file: string; modelDir: string; environment: Record<string, string> }
  | { type: "ping"; id: number }
  | { type: "invoke"; id: number; request: InvocationRequest }
  | { type: "close"; id: number };

/** Child → parent. `loaded` answers `load`; `done` answers the message with the same `id`. */
export type FromHandlerProcess =
  | { type: "loaded" }
  | { type: "load-failed"; message: string }
  | { type: "done"; id: number; ping?: boolean; response?: InvocationResponse };

/** Bytes that crossed the channel come back as a Uint8Array: view them as a Buffer again. */
export function asBuffer(data: Uint8Array | Buffer): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
