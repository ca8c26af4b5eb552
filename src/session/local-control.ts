/**
 * Talking to a local stack over HTTP: probing it, reading its status and asking it to flush
 * pending captures. Used when the stack runs in another process (another notebook kernel).
 */

import { FLUSH_PATH, STATUS_PATH } from "../defaults";
import type { LocalStackReport } from "../local";
import type { CaptureLabSession } from "./connect";

/** The local stack's status report (endpoints with lifecycle state and capture counters). */
export type LocalStackStatus = LocalStackReport;

/**
 * Returns the status JSON when a Capture Lab stack answers at `endpoint` within `timeoutMs`,
 * otherwise `undefined` (nothing listening, another server, or too slow).
 */
export async function probeLocalStack(endpoint: string, timeoutMs = 500): Promise<LocalStackStatus | undefined> {
  try {
    const res = await fetch(endpoint + STATUS_PATH, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body: unknown = await res.json();
    return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as LocalStackStatus) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the status of the stack at `endpoint`.
 * @throws Error naming the URL when the stack does not answer or answers with a non-JSON/non-2xx response.
 */
export async function fetchLocalStatus(endpoint: string, timeoutMs = 5000): Promise<LocalStackStatus> {
  const url = endpoint + STATUS_PATH;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new Error(`Local stack status ${url} did not answer: ${(e as Error).message}`, { cause: e });
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`Local stack status ${url} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text) as LocalStackStatus;
  } catch {
    throw new Error(`Local stack status ${url} did not return JSON: ${text.slice(0, 200)}`);
  }
}

/**
 * Asks the stack at `endpoint` to write pending captures now (all endpoints, or one).
 * @throws Error when the route is missing (older stack) or fails, with the HTTP status and body.
 */
export async function postFlush(endpoint: string, endpointName?: string, timeoutMs = 15000): Promise<void> {
  const url =
    endpoint + FLUSH_PATH + (endpointName !== undefined ? `?endpoint=${encodeURIComponent(endpointName)}` : "");
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new Error(`Flushing captures via ${url} failed: ${(e as Error).message}`, { cause: e });
  }
  if (!res.ok) {
    const text = await res.text().catch(() => "");
    throw new Error(`Flushing captures via ${url} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  await res.arrayBuffer().catch(() => undefined);
}

/**
 * Reads `GET /_capture-lab/status` of the session's local stack (endpoints and capture counters).
 * @throws Error for an AWS session (AWS has no such route) or when the stack does not answer.
 */
export async function localStatus(session: CaptureLabSession): Promise<LocalStackStatus> {
  if (!session.local)
    throw new Error("localStatus: only the local target has a status route; this session targets AWS");
  return fetchLocalStatus(session.local.endpoint);
}
