/**
 * The local stack's logger: an injectable sink so tests stay quiet and the CLI prints.
 */

/** Where the local stack reports what happens. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Discards everything (the default for embedded use and tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Writes to the console with a `[capture-lab]` prefix (the CLI's logger). */
export const consoleLogger: Logger = {
  info: (m) => console.log(`[capture-lab] ${m}`),
  warn: (m) => console.warn(`[capture-lab] warning: ${m}`),
  error: (m) => console.error(`[capture-lab] error: ${m}`),
};
