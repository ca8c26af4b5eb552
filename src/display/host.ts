/**
 * Where rich output goes. In the Capture Lab kernel that is the kernel's display channel (MIME
 * bundles with a text fallback, from the first cell on); in a plain tslab kernel, tslab's display
 * API; anywhere else (plain node, tests, scripts) a console fallback prints a line, so notebook
 * helpers never throw tslab's `Error: Not ready`.
 */
import { randomBytes } from "crypto";
import { kernelChannel, type KernelChannel } from "../kernel-channel";
import type { MimeBundle } from "./mime";

/** One output slot that can be overwritten in place. */
export interface DisplaySlot {
  html(html: string): void;
}

/** The output channels the display helpers use; each takes the rich form and a text fallback. */
export interface DisplayHost {
  /** True when output is rendered by a notebook frontend. */
  readonly rich: boolean;
  html(html: string, text: string): void;
  svg(svg: string, text: string): void;
  markdown(markdown: string): void;
  /** A new in-place slot, or `undefined` when the host cannot update output in place. */
  newSlot(): DisplaySlot | undefined;
  /** Prints a plain line (always available). */
  line(text: string): void;
  /** Shows a whole MIME bundle at once, when the host can (else the helpers pick one type). */
  bundle?(bundle: MimeBundle): void;
}

interface TslabDisplay {
  html(s: string): void;
  svg(s: string): void;
  markdown(s: string): void;
}

interface TslabModule {
  display: TslabDisplay;
  newDisplay(): TslabDisplay;
}

/** Prints to stdout; used outside a kernel. */
export const consoleHost: DisplayHost = {
  rich: false,
  html: (_html, text) => console.log(text),
  svg: (_svg, text) => console.log(text),
  markdown: (markdown) => console.log(markdown),
  newSlot: () => undefined,
  line: (text) => console.log(text),
};

let override: DisplayHost | undefined;

/** Routes all display helpers to `host` (for tests and custom frontends); `undefined` restores auto-detection. */
export function setDisplayHost(host: DisplayHost | undefined): void {
  override = host;
}

/**
 * Finds the tslab module the running kernel uses, without loading tslab (and its bundled
 * TypeScript compiler) in processes that are not a tslab kernel.
 */
function loadedTslab(): TslabModule | undefined {
  const marker = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;
  const jupyterPath = Object.keys(require.cache).find((key) => marker.test(key));
  if (!jupyterPath) return undefined;
  const jupyter = require.cache[jupyterPath]?.exports as { lastWriteDisplayData?: unknown } | undefined;
  // Before the first execute request tslab has no output channel ("Not ready", tslab#105).
  if (!jupyter || jupyter.lastWriteDisplayData == null) return undefined;
  try {
    // Same directory as the kernel's own copy, so this is the instance the kernel writes through.
    return require(jupyterPath.replace(/jupyter\.js$/, "public.js")) as TslabModule;
  } catch {
    return undefined;
  }
}

function tslabHost(tslab: TslabModule): DisplayHost {
  return {
    rich: true,
    html: (html) => tslab.display.html(html),
    svg: (svg) => tslab.display.svg(svg),
    markdown: (markdown) => tslab.display.markdown(markdown),
    newSlot: () => {
      const slot = tslab.newDisplay();
      return { html: (html: string) => slot.html(html) };
    },
    line: (text) => console.log(text),
  };
}

/** Output through the Capture Lab kernel's channel: every output carries its text fallback. */
function channelHost(channel: KernelChannel): DisplayHost {
  return {
    rich: true,
    html: (html, text) => channel.display({ "text/html": html, "text/plain": text }),
    svg: (svg, text) => channel.display({ "image/svg+xml": svg, "text/plain": text }),
    markdown: (markdown) => channel.display({ "text/markdown": markdown, "text/plain": markdown }),
    newSlot: () => {
      const displayId = randomBytes(8).toString("hex");
      let shown = false;
      return {
        html: (html: string) => {
          channel.display({ "text/html": html }, { displayId, update: shown });
          shown = true;
        },
      };
    },
    line: (text) => console.log(text),
    bundle: (bundle) => channel.display(bundle),
  };
}

/**
 * The host in effect: the override, else the Capture Lab kernel's channel, else tslab when
 * running in a ready plain tslab kernel, else the console.
 */
export function currentHost(): DisplayHost {
  if (override) return override;
  const channel = kernelChannel();
  if (channel) return channelHost(channel);
  const tslab = loadedTslab();
  return tslab ? tslabHost(tslab) : consoleHost;
}
