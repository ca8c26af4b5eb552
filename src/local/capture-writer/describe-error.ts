/** Error text for the writer's events and logs, shared by its upload, encode and disk paths. */

/** A short, loggable description of an SDK or network error. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return `${err.name}: ${err.message}${status !== undefined ? ` (HTTP ${status})` : ""}`;
  }
  return String(err);
}
