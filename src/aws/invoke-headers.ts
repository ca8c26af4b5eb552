/**
 * InvokeEndpoint's header members checked before sending, with the API's limits
 * (docs/local-stack-wire.md §3.1): a value outside them would be rejected by the service for every
 * row, or worse, let through by a lenient proxy and captured differently.
 */

/** `InferenceId`: 1-64 characters, printable, not starting with white space (`\A\S[\p{Print}]*\z`). */
export function inferenceIdProblem(id: string): string | undefined {
  if (id.length < 1 || id.length > 64) return `InferenceId must be 1-64 characters, got ${id.length}`;
  if (/^\s/.test(id)) return `InferenceId must not start with white space, got ${JSON.stringify(id)}`;
  if (/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\u2028\u2029]/u.test(id))
    return `InferenceId must contain printable characters only, got ${JSON.stringify(id)}`;
  return undefined;
}

/** `CustomAttributes`: at most 1024 characters of visible ASCII (space to `~`), as an HTTP header carries it. */
export function customAttributesProblem(value: string): string | undefined {
  if (value.length > 1024) return `CustomAttributes must be at most 1024 characters, got ${value.length}`;
  const bad = /[^\x20-\x7e]/.exec(value);
  if (bad)
    return `CustomAttributes must be visible ASCII (space to ~), got ${JSON.stringify(bad[0])} at position ${bad.index}`;
  return undefined;
}
