/**
 * The display channel of a running Capture Lab kernel. The launcher registers it before the
 * first cell runs and points it at each execute request in turn; display helpers look it up
 * here. It is kept on `globalThis` under a registry symbol so every copy of the library loaded
 * into the kernel (the package, a project's `dist/`) finds the same one.
 */

/** Options of one display call. */
export interface DisplayOptions {
  /** Names an output that later calls can replace. */
  displayId?: string;
  /** Replace the output named by `displayId` instead of adding one. */
  update?: boolean;
}

/** Sends MIME bundles to the frontend as `display_data` / `update_display_data`. */
export interface KernelChannel {
  display(bundle: Record<string, unknown>, options?: DisplayOptions): void;
}

const KEY = Symbol.for("capture-lab.kernel-channel");

type Registry = { [KEY]?: KernelChannel };

/** Registers the kernel's channel (`undefined` removes it). Called by the launcher. */
export function setKernelChannel(channel: KernelChannel | undefined): void {
  (globalThis as Registry)[KEY] = channel;
}

/** The running kernel's channel, or `undefined` outside a Capture Lab kernel. */
export function kernelChannel(): KernelChannel | undefined {
  return (globalThis as Registry)[KEY];
}
